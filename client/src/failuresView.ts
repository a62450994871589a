import * as vscode from 'vscode';
import { COMMANDS, FAILURES_REQUEST, FAILURES_SCHEME, type FailuresParams, type FailuresResult } from '../../server/src/protocol';
import type { ClientReady } from './languageClient';

/**
 * "Show only failures": a read-only virtual document (`ndes-lens-failures:`) listing the failing
 * records of a log, each line starting with a `name:line` link back to the log.
 */
class FailuresDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly results = new Map<string, FailuresResult>();

  constructor(private readonly client: ClientReady) {}

  static uriFor(source: vscode.Uri): vscode.Uri {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1) || 'log';
    return vscode.Uri.from({ scheme: FAILURES_SCHEME, path: `/${name} (failures)`, query: source.toString() });
  }

  static sourceOf(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(uri.query, true);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const params: FailuresParams = { uri: FailuresDocuments.sourceOf(uri).toString() };
    const result = await (await this.client).sendRequest<FailuresResult>(FAILURES_REQUEST, params);
    this.results.set(uri.toString(), result);
    return result.text;
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const result = this.results.get(doc.uri.toString());
    if (!result) return [];
    const source = FailuresDocuments.sourceOf(doc.uri);
    return result.links.map((l) => {
      const link = new vscode.DocumentLink(
        new vscode.Range(l.line, l.startCharacter, l.line, l.endCharacter),
        source.with({ fragment: `L${l.targetLine + 1}` }),
      );
      link.tooltip = `Open line ${l.targetLine + 1}`;
      return link;
    });
  }

  /** Refreshes open failure views whose log got new diagnostics. */
  refresh(sources: readonly vscode.Uri[]): void {
    const open = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === FAILURES_SCHEME).map((d) => d.uri.toString()));
    for (const s of sources) {
      const uri = FailuresDocuments.uriFor(s);
      if (open.has(uri.toString())) this.changed.fire(uri);
    }
  }
}

export function registerFailuresView(context: vscode.ExtensionContext, client: ClientReady): void {
  const provider = new FailuresDocuments(client);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(FAILURES_SCHEME, provider),
    vscode.languages.registerDocumentLinkProvider({ scheme: FAILURES_SCHEME }, provider),
    vscode.languages.onDidChangeDiagnostics((e) => { provider.refresh(e.uris); }),
    vscode.commands.registerCommand(COMMANDS.showFailures, async (target?: unknown): Promise<vscode.Uri | undefined> => {
      let source = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
      if (source?.scheme === FAILURES_SCHEME) source = FailuresDocuments.sourceOf(source);
      if (!source) {
        void vscode.window.showWarningMessage('NDES Lens: open a log first, then run "Show Only Failures".');
        return undefined;
      }
      const uri = FailuresDocuments.uriFor(source);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      return uri;
    }),
  );
}

/**
 * The file of the active editor tab. A log over 50 MB has a tab but no text editor: VS Code hands
 * extensions no document for it. The server has read it from disk, so its failures can be shown.
 */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}
