import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  COMMANDS, DIAGNOSE_FOLDER_REQUEST, FLOW_CHANGED_NOTIFICATION, FLOW_REQUEST, FLOW_VIEW_ID,
  type DiagnoseFolderResult, type EvidenceRef, type FlowBeside, type FlowGap, type FlowStage, type FlowView, type StageStatus,
} from '../../server/src/protocol';
import type { ClientReady } from './languageClient';

type Node =
  | { readonly type: 'stage'; readonly stage: FlowStage }
  | { readonly type: 'evidence'; readonly ref: EvidenceRef }
  | { readonly type: 'fix'; readonly ruleId: string }
  | { readonly type: 'gaps'; readonly gaps: readonly FlowGap[] }
  | { readonly type: 'gap'; readonly gap: FlowGap }
  | { readonly type: 'besides'; readonly beside: readonly FlowBeside[] }
  | { readonly type: 'beside'; readonly beside: FlowBeside };

const STATUS: Readonly<Record<StageStatus, { label: string; icon: vscode.ThemeIcon }>> = {
  'ok': { label: 'ok', icon: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) },
  'failed': { label: 'failed', icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')) },
  'not-reached': { label: 'not reached', icon: new vscode.ThemeIcon('circle-slash') },
  'no-evidence': { label: 'no evidence', icon: new vscode.ThemeIcon('circle-outline') },
};

/** The "SCEP Flow" view: the six stages with their status, evidence lines and fixes. */
export class FlowTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private flow: FlowView | undefined;

  update(flow: FlowView | undefined): void {
    this.flow = flow;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const flow = this.flow;
    if (!flow) return [];
    if (!node) {
      const stages: Node[] = flow.stages.map((stage) => ({ type: 'stage', stage }));
      return [
        ...stages,
        ...(flow.beside.length > 0 ? [{ type: 'besides', beside: flow.beside } as const] : []),
        ...(flow.gaps.length > 0 ? [{ type: 'gaps', gaps: flow.gaps } as const] : []),
      ];
    }
    if (node.type === 'stage') {
      return [
        ...node.stage.fixRuleIds.map((ruleId): Node => ({ type: 'fix', ruleId })),
        ...node.stage.evidence.map((ref): Node => ({ type: 'evidence', ref })),
      ];
    }
    if (node.type === 'gaps') return node.gaps.map((gap): Node => ({ type: 'gap', gap }));
    if (node.type === 'besides') return node.beside.map((beside): Node => ({ type: 'beside', beside }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'stage': {
        const s = STATUS[node.stage.status];
        const item = new vscode.TreeItem(`${node.stage.stage}. ${node.stage.name}`,
          node.stage.evidence.length + node.stage.fixRuleIds.length > 0
            ? (node.stage.status === 'failed' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed)
            : vscode.TreeItemCollapsibleState.None);
        item.description = s.label;
        item.iconPath = s.icon;
        item.contextValue = `stage-${node.stage.status}`;
        item.tooltip = `Stage ${node.stage.stage} (${node.stage.name}): ${s.label}`;
        return item;
      }
      case 'evidence': {
        const r = node.ref;
        const item = new vscode.TreeItem(`${path.basename(r.path)}:${r.line}`);
        item.description = r.ruleId;
        item.tooltip = `${r.ruleId} at ${r.path}:${r.line}${r.time ? ` (${r.time})` : ''}`;
        item.iconPath = new vscode.ThemeIcon(r.kind === 'evidence' ? 'check' : r.severity === 'error' ? 'error' : 'warning');
        item.command = { title: 'Open', command: COMMANDS.openFlowItem, arguments: [r.path, r.line] };
        return item;
      }
      case 'fix': {
        const item = new vscode.TreeItem(`Fix: ${node.ruleId}`);
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        item.tooltip = 'Show the resolution guidance';
        // A team rule's guidance is its team's page, as its quick fix opens it.
        item.command = { title: 'Show resolution guidance', command: COMMANDS.showGuidance, arguments: [...(this.flow?.guidance[node.ruleId] ?? [node.ruleId])] };
        return item;
      }
      case 'gaps': {
        const item = new vscode.TreeItem(`Gaps (${node.gaps.length})`, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('question');
        item.tooltip = 'Expected sources or success lines that are missing';
        return item;
      }
      case 'besides': {
        const item = new vscode.TreeItem(`Outside the SCEP flow (${node.beside.length})`, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = 'Failures of the connector\'s other work (PKCS, imported PFX, revocation): not a SCEP stage';
        return item;
      }
      case 'beside': {
        const b = node.beside;
        const item = new vscode.TreeItem(`${path.basename(b.path)}:${b.line}`);
        item.description = `${b.ruleId} (${b.work}) ×${b.count}`;
        item.tooltip = `${b.title}: ${b.count} failure(s) of ${b.work}, first at ${b.path}:${b.line}. Not a step of the SCEP flow.`;
        item.iconPath = new vscode.ThemeIcon(b.severity === 'error' ? 'error' : 'warning');
        item.command = { title: 'Open', command: COMMANDS.openFlowItem, arguments: [b.path, b.line] };
        return item;
      }
      case 'gap': {
        const item = new vscode.TreeItem(node.gap.message);
        item.iconPath = new vscode.ThemeIcon(node.gap.kind === 'missing-source' ? 'file' : 'watch');
        item.tooltip = node.gap.message;
        if (node.gap.path && node.gap.line) item.command = { title: 'Open', command: COMMANDS.openFlowItem, arguments: [node.gap.path, node.gap.line] };
        return item;
      }
    }
  }
}

/** Wires the view, the status bar verdict and the folder commands to the language client. */
export function registerFlow(context: vscode.ExtensionContext, client: ClientReady): void {
  const tree = new FlowTree();
  const view = vscode.window.createTreeView(FLOW_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('ndesLens.verdict', vscode.StatusBarAlignment.Left, 10);
  status.name = 'NDES Lens: SCEP verdict';
  status.command = `${FLOW_VIEW_ID}.focus`;

  const show = (flow: FlowView): void => {
    tree.update(flow);
    view.message = flow.verdict;
    status.text = `$(${flow.firstFailure ? 'error' : 'pass'}) ${flow.verdict}`;
    status.tooltip = 'NDES Lens: open the SCEP Flow view';
    status.backgroundColor = flow.firstFailure ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };
  const refresh = async (): Promise<void> => {
    try {
      show(await (await client).sendRequest<FlowView>(FLOW_REQUEST));
    } catch (e: unknown) {
      status.text = '$(warning) SCEP: analysis failed';
      status.tooltip = e instanceof Error ? e.message : String(e);
      status.show();
    }
  };

  context.subscriptions.push(
    view, status,
    vscode.commands.registerCommand(COMMANDS.refreshFlow, refresh),
    vscode.commands.registerCommand(COMMANDS.diagnoseFolder, async () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showWarningMessage('NDES Lens: open the folder that holds the NDES logs first (File > Open Folder…).');
        return undefined;
      }
      const tokenSource = new vscode.CancellationTokenSource();
      try {
        const result = await (await client).sendRequest<DiagnoseFolderResult>(DIAGNOSE_FOLDER_REQUEST, {}, tokenSource.token);
        show(result.flow);
        await vscode.commands.executeCommand(`${FLOW_VIEW_ID}.focus`);
        void vscode.window.showInformationMessage(`NDES Lens read ${result.files} log(s). ${result.flow.verdict}`);
        return result.flow;
      } catch (e: unknown) {
        void vscode.window.showErrorMessage(`NDES Lens: diagnosis stopped: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      } finally {
        tokenSource.dispose();
      }
    }),
    vscode.commands.registerCommand(COMMANDS.openFlowItem, async (file: unknown, line: unknown) => {
      if (typeof file !== 'string' || typeof line !== 'number') return;
      const position = new vscode.Position(Math.max(0, line - 1), 0);
      await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: true });
    }),
  );
  client.then((c) => { context.subscriptions.push(c.onNotification(FLOW_CHANGED_NOTIFICATION, () => { void refresh(); })); }, () => undefined);
  void refresh();
}
