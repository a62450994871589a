import * as vscode from 'vscode';
import { COMMANDS } from '../../server/src/protocol';

const RULE_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

/**
 * The quick fixes' commands. They open a guidance document shipped with the extension or put
 * catalogue text on the clipboard; nothing is ever executed.
 */
export function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showGuidance, async (ruleId: unknown, teamPage?: unknown) => {
      if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
        void vscode.window.showErrorMessage('NDES Lens: no rule id given for the guidance.');
        return;
      }
      // A team signature's guidance is its team's https page (.ndeslens.json "link"), opened in the browser.
      if (typeof teamPage === 'string' && /^https:\/\/\S+$/.test(teamPage)) {
        await vscode.env.openExternal(vscode.Uri.parse(teamPage));
        return;
      }
      const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'guidance', `${ruleId}.md`);
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        void vscode.window.showErrorMessage(`NDES Lens: no guidance document for ${ruleId}.`);
        return;
      }
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    }),
    vscode.commands.registerCommand(COMMANDS.copyRemediation, async (ruleId: unknown, text: unknown) => {
      if (typeof ruleId !== 'string' || typeof text !== 'string' || text.length === 0) return;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(`NDES Lens: remediation for ${ruleId} copied. Review it before you run it on the server.`);
    }),
  );
}
