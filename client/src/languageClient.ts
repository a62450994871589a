import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  ANALYSED_ONLY_LANGUAGE_IDS, EVTX_SCHEME, FORMAT_DETECTED_NOTIFICATION, GENERIC_LANGUAGE_IDS, LANGUAGE_IDS, type FormatDetectedParams,
} from '../../server/src/protocol';

/** The language client once it has started; the commands that talk to the server wait for it. */
export type ClientReady = Promise<LanguageClient>;

/**
 * Loads vscode-languageclient and starts the server, after activation has returned: the library is
 * most of the client bundle's loading time, and nothing the user sees at activation needs it.
 */
export async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  await new Promise((resolve) => { setTimeout(resolve, 0); }); // let the extension host finish activating first
  const { LanguageClient: Client, TransportKind } = await import('vscode-languageclient/node');
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const languages = [...Object.values(LANGUAGE_IDS), ...GENERIC_LANGUAGE_IDS, ...ANALYSED_ONLY_LANGUAGE_IDS];
  const clientOptions: LanguageClientOptions = {
    // An .evtx's events document is analysed whatever language it opens with (the server recognises it).
    documentSelector: [...languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]), { scheme: EVTX_SCHEME }],
    diagnosticCollectionName: 'ndes-lens',
  };
  const client = new Client('ndesLens', 'NDES Lens', serverOptions, clientOptions);
  context.subscriptions.push(client.onNotification(FORMAT_DETECTED_NOTIFICATION, (params: FormatDetectedParams) => {
    void switchLanguage(params);
  }));
  await client.start();
  return client;
}

/** A log the editor only knows as `log`/`plaintext` gets the language the server recognised. */
async function switchLanguage(params: FormatDetectedParams): Promise<void> {
  const known: readonly string[] = Object.values(LANGUAGE_IDS);
  if (!known.includes(params.format)) return;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === params.uri);
  if (!doc || !GENERIC_LANGUAGE_IDS.includes(doc.languageId)) return;
  await vscode.languages.setTextDocumentLanguage(doc, params.format);
}
