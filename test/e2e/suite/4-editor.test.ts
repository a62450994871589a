// Issue 9 inside VS Code: outline, folding, semantic tokens, field hover, finding navigation,
// "show only failures", exports, settings without reload and team signatures, all through VS Code's
// own command layer (the same providers the UI calls).
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  IIS_LOG, PLUGIN_LOG, SVCLOG, codeOf, describeDiagnostics, hoverText, lineOf, openInEditor, waitForCodes, waitForDiagnostics, workspaceFile,
} from './util';

interface FindingStep { readonly index: number; readonly total: number; readonly code: string | undefined; readonly line: number; readonly wrapped: boolean }

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

suite('NDES Lens: editor features', () => {
  test('outline: the IIS log by #Fields section, client (c-ip) and URI (cs-uri-stem); NDESPlugin calls; svclog activities', async () => {
    const iis = await openInEditor(IIS_LOG);
    const sections = await symbolsOf(iis.uri);
    const section = sections.find((s) => s.name.startsWith('#Fields'));
    assert.ok(section, `outline: ${sections.map((s) => s.name).join(', ')}`);
    const clients = section.children.map((c) => c.name);
    assert.ok(clients.includes('10.20.30.11') && clients.includes('10.20.40.21'), clients.join(', '));
    const plugin = section.children.find((c) => c.name === '10.20.30.11');
    assert.ok(plugin?.children.some((u) => u.name === '/CertificateRegistrationSvc/Certificate/VerifyRequest'));
    const calls = await symbolsOf((await openInEditor(PLUGIN_LOG)).uri);
    assert.match(calls[0]?.name ?? '', /^VerifyRequest \d\d:\d\d:\d\d$/);
    const activities = await symbolsOf((await openInEditor(SVCLOG)).uri);
    assert.ok(activities.length > 0 && activities.every((a) => a.name.startsWith('Activity ')), activities.map((a) => a.name).join(', '));
  });

  test('folding: NDESPlugin request blocks and the IIS header', async () => {
    const plugin = await openInEditor(PLUGIN_LOG);
    const ranges = (await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', plugin.uri)) ?? [];
    const calling = lineOf(plugin, 'Calling VerifyRequest');
    assert.ok(ranges.some((r) => r.start === calling && r.end > calling), `ranges: ${JSON.stringify(ranges.slice(0, 5))}`);
    const iis = await openInEditor(IIS_LOG);
    const iisRanges = (await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', iis.uri)) ?? [];
    assert.ok(iisRanges.some((r) => r.start === lineOf(iis, '#Fields:')), JSON.stringify(iisRanges));
  });

  test('semantic tokens: the 403 16 2148204809 values are typed regexp (failure), the URI stem function', async () => {
    const iis = await openInEditor(IIS_LOG);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', iis.uri);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', iis.uri);
    assert.ok(legend && tokens, 'no semantic tokens provider for iis-w3c-log');
    const line = lineOf(iis, ' 403 16 2148204809');
    const found: string[] = [];
    let l = 0;
    let c = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const dl = tokens.data[i] ?? 0;
      l += dl;
      c = dl === 0 ? c + (tokens.data[i + 1] ?? 0) : (tokens.data[i + 1] ?? 0);
      if (l !== line) continue;
      const text = iis.lineAt(l).text.slice(c, c + (tokens.data[i + 2] ?? 0));
      found.push(`${text}:${legend.tokenTypes[tokens.data[i + 3] ?? -1] ?? '?'}`);
    }
    for (const expected of ['403:regexp', '16:regexp', '2148204809:regexp', 'POST:keyword', '/CertificateRegistrationSvc/Certificate/VerifyRequest:function']) {
      assert.ok(found.includes(expected), `${expected} not among ${found.join(' ')}`);
    }
  });

  test('hover on a W3C value names its field and decodes it', async () => {
    const iis = await openInEditor(IIS_LOG);
    const line = lineOf(iis, 'Dalvik');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', iis.uri, new vscode.Position(line, iis.lineAt(line).text.indexOf('Dalvik') + 2));
    const text = hoverText(hovers);
    assert.match(text, /cs\(User-Agent\)/);
    assert.match(text, /an Android device/);
  });

  test('next / previous finding walk the NDES Lens diagnostics of the log and wrap', async () => {
    const doc = await openInEditor(PLUGIN_LOG);
    await waitForCodes(doc.uri, ['NDES-PLUGIN-VERIFY-FALSE', 'NDES-PLUGIN-403-HTML']);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = await vscode.commands.executeCommand<FindingStep | undefined>('ndesLens.nextFinding');
    assert.deepEqual([first?.code, first?.line, first?.wrapped], ['NDES-PLUGIN-VERIFY-FALSE', lineOf(doc, 'Verify challenge returns false'), false]);
    assert.equal(editor.selection.start.line, first?.line, 'the cursor moved to the finding');
    const second = await vscode.commands.executeCommand<FindingStep | undefined>('ndesLens.nextFinding');
    assert.equal(second?.code, 'NDES-PLUGIN-403-HTML');
    const wrapped = await vscode.commands.executeCommand<FindingStep | undefined>('ndesLens.nextFinding');
    assert.deepEqual([wrapped?.index, wrapped?.wrapped], [0, true]);
    const back = await vscode.commands.executeCommand<FindingStep | undefined>('ndesLens.previousFinding');
    assert.deepEqual([back?.code, back?.wrapped], ['NDES-PLUGIN-403-HTML', true]);
  });

  test('"Show Only Failures" opens a read-only view of the failing lines with links back to the log', async () => {
    const doc = await openInEditor(PLUGIN_LOG);
    await waitForCodes(doc.uri, ['NDES-PLUGIN-VERIFY-FALSE']);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('ndesLens.showFailures', doc.uri);
    assert.ok(uri, 'the command returns the view URI');
    assert.equal(uri.scheme, 'ndes-lens-failures');
    const view = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(view, 'the view is open');
    assert.match(view.getText(), /NDES-PLUGIN-VERIFY-FALSE/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[] | undefined>('vscode.executeLinkProvider', uri)) ?? [];
    const verify = lineOf(doc, 'Verify challenge returns false');
    const target = links.map((l) => l.target).find((t) => t?.fragment === `L${verify + 1}`);
    assert.ok(target, `links: ${links.map((l) => l.target?.toString()).join(', ')}`);
    assert.equal(target.with({ fragment: '' }).toString(), doc.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('ndesLens.rules and maxNumberOfProblems apply without a reload', async () => {
    const iis = await openInEditor(IIS_LOG);
    const plugin = await openInEditor(PLUGIN_LOG);
    await waitForCodes(iis.uri, ['NDES-IIS-CRP-403-16']);
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ndesLens');
    try {
      await config().update('rules', { 'NDES-IIS-CRP-403-16': 'warning' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(iis.uri, (ds) => ds.some((d) => codeOf(d) === 'NDES-IIS-CRP-403-16' && d.severity === vscode.DiagnosticSeverity.Warning), 'NDES-IIS-CRP-403-16 as a warning');
      await config().update('rules', { 'NDES-IIS-CRP-403-16': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(iis.uri, (ds) => !ds.some((d) => codeOf(d) === 'NDES-IIS-CRP-403-16'), 'NDES-IIS-CRP-403-16 switched off');
      await config().update('maxNumberOfProblems', 1, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(plugin.uri, (ds) => ds.length === 1, 'one problem at most');
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('maxNumberOfProblems', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForCodes(iis.uri, ['NDES-IIS-CRP-403-16']);
    await waitForDiagnostics(plugin.uri, (ds) => ds.length === 2, 'both plugin problems back');
  });

  test('team signatures in .ndeslens.json: the good entry runs, the bad one is a problem on the file with its JSON path', async () => {
    const team = workspaceFile('.ndeslens.json');
    const iis = await openInEditor(IIS_LOG);
    const body = {
      signatures: [
        { id: 'TEAM-ANDROID-14', formats: ['iis-w3c-log'], pattern: 'Android\\+14', severity: 'warning', message: 'An Android 14 device.', link: 'https://wiki.contoso.com/pki/android' },
        { id: 'TEAM-GREEDY', formats: ['iis-w3c-log'], pattern: '(\\w+\\s?)*$', severity: 'error', message: 'never loads' },
        // Passes the quick check; only recheck (dist/recheck.js, loaded on demand) finds it: proves the .vsix ships it.
        { id: 'TEAM-OVERLAP', formats: ['iis-w3c-log'], pattern: '(a|a)*b', severity: 'error', message: 'never loads either' },
      ],
    };
    await vscode.workspace.fs.writeFile(team, new TextEncoder().encode(JSON.stringify(body, null, 2)));
    try {
      await waitForCodes(iis.uri, ['TEAM-ANDROID-14']);
      const problems = await waitForDiagnostics(team, (ds) => ds.some((d) => d.source === 'ndes-lens'), 'NDES Lens problems on .ndeslens.json');
      const mine = problems.filter((d) => d.source === 'ndes-lens').sort((a, b) => a.range.start.line - b.range.start.line);
      assert.equal(mine.length, 2, describeDiagnostics(mine));
      assert.match(mine[0]?.message ?? '', /^\$\.signatures\[1\]\.pattern: The pattern may take exponential time/);
      assert.match(mine[1]?.message ?? '', /^\$\.signatures\[2\]\.pattern: The pattern can take exponential time on crafted input \(ReDoS, found by recheck\)/);
      const d = vscode.languages.getDiagnostics(iis.uri).find((x) => codeOf(x) === 'TEAM-ANDROID-14');
      assert.equal(d?.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(typeof d.code === 'object' ? d.code.target.toString() : '', 'https://wiki.contoso.com/pki/android');
    } finally {
      await vscode.workspace.fs.delete(team);
    }
    await waitForDiagnostics(iis.uri, (ds) => !ds.some((x) => codeOf(x) === 'TEAM-ANDROID-14') && ds.length > 0, 'team rule gone with the file');
    await waitForDiagnostics(team, (ds) => !ds.some((x) => x.source === 'ndes-lens'), 'problems on the deleted file cleared');
  });

  test('the JSON schema checks .ndeslens.json as you type (jsonValidation)', async () => {
    const team = workspaceFile('.ndeslens.json');
    await vscode.workspace.fs.writeFile(team, new TextEncoder().encode('{ "signatures": [ { "id": "TEAM-X", "formats": ["iis-w3c-log"], "pattern": "x", "severity": "fatal", "message": "m" } ] }\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(team);
      await vscode.window.showTextDocument(doc, { preview: false });
      const ds = await waitForDiagnostics(team, (all) => all.some((d) => d.source !== 'ndes-lens' && d.range.start.character > doc.getText().indexOf('"fatal"') - 1), 'a schema error on "severity"', 60_000);
      assert.ok(ds.some((d) => /fatal|allowed|enum|Value is not accepted/i.test(d.message)), describeDiagnostics(ds) + ' ' + ds.map((d) => d.message).join(' | '));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(team);
    }
  });

  test('Export SARIF… and Export Report… write the CLI\'s formats for the workspace folder', async () => {
    await waitForCodes((await openInEditor(IIS_LOG)).uri, ['NDES-IIS-CRP-403-16']);
    const dir = path.join(os.tmpdir(), `ndes-lens-export-${Date.now()}`);
    const sarifUri = vscode.Uri.file(path.join(dir, 'ndes-lens.sarif'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('ndesLens.exportSarif', { target: sarifUri });
    assert.equal(written?.toString(), sarifUri.toString());
    const sarif = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sarifUri))) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]?.results.some((r) => r.ruleId === 'NDES-IIS-CRP-403-16'));
    const reportUri = vscode.Uri.file(path.join(dir, 'report.md'));
    await vscode.commands.executeCommand('ndesLens.exportReport', { target: reportUri, redact: true });
    const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(reportUri));
    assert.match(report, /NDES-IIS-CRP-403-16/);
    assert.ok(!report.includes('10.20.30.11'), 'the report is redacted');
    await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true });
  });

  test('the walkthrough is contributed with its steps', () => {
    const ext = vscode.extensions.getExtension('ndes-lens.ndes-lens');
    const walkthroughs = (ext?.packageJSON as { contributes?: { walkthroughs?: { id: string; steps: unknown[] }[] } } | undefined)?.contributes?.walkthroughs ?? [];
    assert.equal(walkthroughs[0]?.id, 'ndesLens.gettingStarted');
    assert.ok(walkthroughs[0].steps.length >= 5);
  });
});
