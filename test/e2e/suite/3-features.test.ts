// Hover, code actions and the commands behind them, through VS Code's own command layer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, IIS_LOG, PLUGIN_LOG, SVCLOG, allTabs, codeActionsAt, describeTabs, findByCode, hoverText, openInEditor,
  waitForCodes, waitForEvent, type ActionEntry,
} from './util';

const RULE = 'NDES-IIS-CRP-403-16';
const GUIDANCE = 'Show resolution guidance';
const COPY = 'Copy remediation';
const SHOW_GUIDANCE = 'ndesLens.showGuidance';
const COPY_REMEDIATION = 'ndesLens.copyRemediation';

async function iis403(): Promise<{ doc: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
  const doc = await openInEditor(IIS_LOG);
  const diagnostic = findByCode(await waitForCodes(doc.uri, [RULE]), RULE);
  return { doc, diagnostic };
}

function describeActions(actions: readonly ActionEntry[]): string {
  return actions.map((a) => `${JSON.stringify(a.title)} -> ${a.command?.command ?? '(no command)'}`).join(', ') || 'no code actions';
}

/**
 * The code action that runs `command`; its title must start with `title` (the server may add the rule
 * id or a short description after it).
 */
function action(actions: readonly ActionEntry[], command: string, title: string): ActionEntry & { command: vscode.Command } {
  const found = actions.find((a) => a.command?.command === command);
  assert.ok(found?.command, `no code action running ${command}; got ${describeActions(actions)}`);
  assert.ok(found.title.startsWith(title), `the ${command} action should be titled ${JSON.stringify(title)}…, got ${JSON.stringify(found.title)}`);
  return { title: found.title, command: found.command };
}

suite('NDES Lens: hover and code actions', () => {
  test('hover on the 403.16 diagnostic decodes 0x800B0109 CERT_E_UNTRUSTEDROOT (from the language server)', async () => {
    const { doc, diagnostic } = await iis403();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, diagnostic.range.start);
    const text = hoverText(hovers);
    for (const expected of ['0x800B0109', 'CERT_E_UNTRUSTEDROOT', '403.16']) {
      assert.ok(text.includes(expected), `hover at line ${diagnostic.range.start.line + 1} lacks ${expected}: ${JSON.stringify(text.slice(0, 600))}`);
    }
  });

  test('code actions on a diagnostic of each format include "Show resolution guidance"', async () => {
    const cases: readonly [string, string][] = [[IIS_LOG, RULE], [PLUGIN_LOG, 'NDES-PLUGIN-403-HTML'], [SVCLOG, 'NDES-CRP-SIGNING-CERT-MISSING']];
    for (const [name, rule] of cases) {
      const doc = await openInEditor(name);
      const d = findByCode(await waitForCodes(doc.uri, [rule]), rule);
      const guidance = action(await codeActionsAt(doc.uri, d.range), SHOW_GUIDANCE, GUIDANCE);
      assert.deepEqual(guidance.command.arguments, [rule], `${name}: arguments of ndesLens.showGuidance`);
    }
  });

  test('"Show resolution guidance" opens docs/guidance/<rule>.md in the Markdown preview beside the log', async () => {
    const { doc, diagnostic } = await iis403();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const file = vscode.Uri.joinPath(ext.extensionUri, 'docs', 'guidance', `${RULE}.md`);
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? RULE;

    const logColumn = vscode.window.activeTextEditor?.viewColumn;
    const isPreview = (t: vscode.Tab): boolean => /preview/i.test(t.label) && (t.label.includes(RULE) || t.label.includes(title));
    const opened = waitForEvent(
      vscode.window.tabGroups.onDidChangeTabs,
      () => allTabs().some(isPreview),
      `a Markdown preview tab of ${RULE}.md ("${title}")`,
      describeTabs,
    );
    const guidance = action(await codeActionsAt(doc.uri, diagnostic.range), SHOW_GUIDANCE, GUIDANCE);
    const guidanceArgs: readonly unknown[] = guidance.command.arguments ?? [];
    await vscode.commands.executeCommand(guidance.command.command, ...guidanceArgs);
    if (!allTabs().some(isPreview)) await opened;
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.some(isPreview));
    assert.ok(group, describeTabs());
    assert.notEqual(group.viewColumn, logColumn, `the preview should open beside the log (column ${String(logColumn)}), ${describeTabs()}`);
  });

  test('"Copy remediation" puts the PowerShell that lists non-root certificates in LocalMachine\\Root on the clipboard', async () => {
    const { doc, diagnostic } = await iis403();
    const copy = action(await codeActionsAt(doc.uri, diagnostic.range), COPY_REMEDIATION, COPY);
    const args: readonly unknown[] = copy.command.arguments ?? [];
    assert.equal(args[0], RULE, 'first argument of ndesLens.copyRemediation');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(copy.command.command, ...args);
    const text = await vscode.env.clipboard.readText();
    assert.equal(text, args[1], 'the clipboard holds the command argument');
    assert.ok(text.includes('Cert:\\LocalMachine\\Root'), `clipboard: ${JSON.stringify(text)}`);
    assert.match(text, /Issuer[\s\S]*-c?(?:ne|notlike|notmatch)\b[\s\S]*Subject|Subject[\s\S]*-c?(?:ne|notlike|notmatch)\b[\s\S]*Issuer/,
      `the remediation should compare Issuer and Subject: ${JSON.stringify(text)}`);
  });
});
