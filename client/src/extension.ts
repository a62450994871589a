import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerEvtxView } from './evtxView';
import { registerExports } from './exports';
import { registerFailuresView } from './failuresView';
import { registerFindingNavigation } from './findingNavigation';
import { registerFlow } from './flowView';
import { startClient, type ClientReady } from './languageClient';

let client: ClientReady | undefined;

/**
 * Registers the commands and views, and starts the language server without waiting for it: the
 * commands that need the server wait for it themselves. No domain logic lives here.
 */
export function activate(context: vscode.ExtensionContext): void {
  registerCommands(context);
  registerFindingNavigation(context);
  const ready = startClient(context);
  client = ready;
  ready.catch((e: unknown) => {
    void vscode.window.showErrorMessage(`NDES Lens: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  });
  registerFlow(context, ready);
  registerFailuresView(context, ready);
  registerExports(context, ready);
  registerEvtxView(context, ready);
}

export async function deactivate(): Promise<void> {
  const started = await client?.catch(() => undefined);
  client = undefined;
  await started?.stop();
}
