import * as vscode from 'vscode';
import { COMMANDS } from '../../server/src/protocol';

const SOURCE = 'ndes-lens';

/** What the commands return (for tests and keybinding users who chain commands). */
export interface FindingStep {
  readonly index: number;
  readonly total: number;
  readonly code: string | undefined;
  readonly line: number;
  readonly wrapped: boolean;
}

/**
 * Next / previous NDES Lens finding in the current log: like F8, but only this extension's
 * diagnostics, in document order, wrapping at either end.
 */
export function registerFindingNavigation(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.nextFinding, () => step(1)),
    vscode.commands.registerCommand(COMMANDS.previousFinding, () => step(-1)),
  );
}

function step(direction: 1 | -1): FindingStep | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const findings = vscode.languages.getDiagnostics(editor.document.uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
  if (findings.length === 0) {
    vscode.window.setStatusBarMessage('NDES Lens: no findings in this file', 3000);
    return undefined;
  }
  // The start of the selection: after a jump the whole finding is selected and the cursor sits at its end.
  const cursor = editor.selection.start;
  let index = direction === 1
    ? findings.findIndex((d) => d.range.start.isAfter(cursor))
    : findLastIndex(findings, (d) => d.range.start.isBefore(cursor));
  const wrapped = index === -1;
  if (wrapped) index = direction === 1 ? 0 : findings.length - 1;
  const d = findings[index];
  if (!d) return undefined;
  editor.selection = new vscode.Selection(d.range.start, d.range.end);
  editor.revealRange(d.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const code = typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
  vscode.window.setStatusBarMessage(`NDES Lens: finding ${index + 1} of ${findings.length}${wrapped ? ' (wrapped)' : ''}: ${code ?? ''} ${d.message}`, 5000);
  return { index, total: findings.length, code, line: d.range.start.line, wrapped };
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && test(item)) return i;
  }
  return -1;
}
