import * as vscode from 'vscode';
import { COMMANDS, EXPORT_REQUEST, type ExportFormat, type ExportParams, type ExportResult } from '../../server/src/protocol';
import type { ClientReady } from './languageClient';

/** Arguments tests and other extensions may pass to skip the dialogs. */
interface ExportArgs {
  readonly target?: vscode.Uri;
  readonly redact?: boolean;
}

/**
 * "Export Report…" (the `ndes-lens report` hand-off, Markdown or HTML) and "Export SARIF…" (as
 * `ndes-lens check --format sarif`) for the workspace folder: the server renders, the client asks
 * where to save and writes the file.
 */
export function registerExports(context: vscode.ExtensionContext, client: ClientReady): void {
  const run = async (kind: 'report' | 'sarif', raw: unknown): Promise<vscode.Uri | undefined> => {
    const args: ExportArgs = typeof raw === 'object' && raw !== null ? raw : {};
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage('NDES Lens: open the folder that holds the NDES logs first (File > Open Folder…).');
      return undefined;
    }
    let redact = args.redact;
    if (kind === 'report' && redact === undefined) {
      const choice = await vscode.window.showQuickPick([
        { label: 'Redacted', description: 'recommended for a support case', redact: true },
        { label: 'Not redacted', description: 'keeps user names, hosts, addresses and GUIDs', redact: false },
      ], { title: 'NDES Lens: Export Report', placeHolder: 'Mask customer values as `ndes-lens report` does?' });
      if (!choice) return undefined;
      redact = choice.redact;
    }
    const target = args.target ?? await vscode.window.showSaveDialog({
      title: kind === 'report' ? 'NDES Lens: save the hand-off report' : 'NDES Lens: save the SARIF log',
      defaultUri: vscode.Uri.joinPath(folder.uri, kind === 'report' ? 'ndes-lens-report.md' : 'ndes-lens.sarif'),
      filters: kind === 'report' ? { 'Markdown': ['md'], 'HTML': ['html', 'htm'] } : { 'SARIF': ['sarif', 'json'] },
    });
    if (!target) return undefined;
    const format: ExportFormat = kind === 'sarif' ? 'sarif' : /\.html?$/i.test(target.path) ? 'html' : 'markdown';
    const params: ExportParams = redact === undefined ? { format } : { format, redact };
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `NDES Lens: exporting ${kind === 'report' ? 'the report' : 'SARIF'}…` },
        async () => (await client).sendRequest<ExportResult>(EXPORT_REQUEST, params),
      );
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
      const name = target.path.slice(target.path.lastIndexOf('/') + 1);
      void vscode.window.showInformationMessage(`NDES Lens wrote ${name} from ${result.files} log(s).`, 'Open').then(async (open) => {
        if (open) await vscode.commands.executeCommand('vscode.open', target);
      });
      return target;
    } catch (e: unknown) {
      void vscode.window.showErrorMessage(`NDES Lens: export failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.exportReport, (args?: unknown) => run('report', args)),
    vscode.commands.registerCommand(COMMANDS.exportSarif, (args?: unknown) => run('sarif', args)),
  );
}
