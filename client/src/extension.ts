import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ANALYSED_ONLY_LANGUAGE_IDS, FORMAT_DETECTED_NOTIFICATION, GENERIC_LANGUAGE_IDS, LANGUAGE_IDS, type FormatDetectedParams,
} from '../../server/src/protocol';
import { registerCommands } from './commands';
import { registerExports } from './exports';
import { registerFailuresView } from './failuresView';
import { registerFindingNavigation } from './findingNavigation';
import { registerFlow } from './flowView';

let client: LanguageClient | undefined;

/** Starts the language server and registers the commands. No domain logic lives here. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const languages = [...Object.values(LANGUAGE_IDS), ...GENERIC_LANGUAGE_IDS, ...ANALYSED_ONLY_LANGUAGE_IDS];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    diagnosticCollectionName: 'ndes-lens',
  };
  client = new LanguageClient('ndesLens', 'NDES Lens', serverOptions, clientOptions);
  registerCommands(context);
  registerFindingNavigation(context);
  context.subscriptions.push(client.onNotification(FORMAT_DETECTED_NOTIFICATION, (params: FormatDetectedParams) => {
    void switchLanguage(params);
  }));
  await client.start();
  registerFlow(context, client);
  registerFailuresView(context, client);
  registerExports(context, client);
}

/** A log the editor only knows as `log`/`plaintext` gets the language the server recognised. */
async function switchLanguage(params: FormatDetectedParams): Promise<void> {
  const known: readonly string[] = Object.values(LANGUAGE_IDS);
  if (!known.includes(params.format)) return;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === params.uri);
  if (!doc || !GENERIC_LANGUAGE_IDS.includes(doc.languageId)) return;
  await vscode.languages.setTextDocumentLanguage(doc, params.format);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
