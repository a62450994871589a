import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover, SemanticTokens } from 'vscode-languageserver-protocol';
import { SEMANTIC_TOKEN_LEGEND } from '../../server/src/core/semanticTokens';
import type { ExportResult, FailuresResult, FlowView } from '../../server/src/protocol';
import { REPO_ROOT } from '../support/paths';
import { StdioLspClient } from './client';

/**
 * Issue 9 over stdio: outline, folding, W3C semantic tokens and field hover, "show only failures",
 * exports, settings applied without restart, and team signatures read from the workspace folder.
 */
const folder = mkdtempSync(join(tmpdir(), 'ndes-lens-editor-'));
const SAMPLES = ['u_ex240305.log', 'NDESPlugin.log', 'CertificateRegistrationPoint_03_05.svclog'];
for (const name of SAMPLES) copyFileSync(join(REPO_ROOT, 'samples', name), join(folder, name));
const uri = (name: string): string => pathToFileURL(join(folder, name)).toString();
const text = (name: string): string => readFileSync(join(folder, name), 'utf8');
const TEAM = join(folder, '.ndeslens.json');
const TEAM_URI = pathToFileURL(TEAM).toString();

const ANDROID = {
  id: 'TEAM-ANDROID-14', formats: ['iis-w3c-log'], pattern: 'Android\\+14', severity: 'warning', message: 'An Android 14 device enrolled.',
  link: { title: 'Team wiki', url: 'https://wiki.contoso.com/pki/android' }, fix: ['Nothing to do.'],
};
// TEAM-BAD fails the quick nested-quantifier check; TEAM-OVERLAP passes it but recheck finds it exponential.
writeFileSync(TEAM, JSON.stringify({ signatures: [ANDROID, { ...ANDROID, id: 'TEAM-BAD', pattern: '(a+)+' }, { ...ANDROID, id: 'TEAM-OVERLAP', pattern: '(a|a)*b' }] }, null, 2));

let client: StdioLspClient;
let capabilities: Record<string, unknown> = {};
before(async () => {
  client = new StdioLspClient({ showSuccessMarkers: false });
  capabilities = (await client.initialize(pathToFileURL(folder).toString())).capabilities as Record<string, unknown>;
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

const hoverValue = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const codes = (ds: readonly Diagnostic[] | undefined): string[] => (ds ?? []).map((d) => String(d.code));

test('lsp editor: capabilities announce outline, folding and semantic tokens with the legend', () => {
  assert.deepEqual(capabilities['documentSymbolProvider'], { label: 'NDES Lens' });
  assert.equal(capabilities['foldingRangeProvider'], true);
  assert.deepEqual(capabilities['semanticTokensProvider'], { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true });
});

test('lsp editor: outline of each format', async () => {
  await client.open(uri('u_ex240305.log'), 'iis-w3c-log', text('u_ex240305.log'));
  const iis = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('u_ex240305.log') } });
  assert.equal(iis[0]?.name, '#Fields (15 columns)');
  assert.deepEqual(iis[0].children?.map((c) => c.name), ['10.20.40.21', '10.20.30.11', '10.20.40.22']);
  await client.open(uri('NDESPlugin.log'), 'ndesplugin-log', text('NDESPlugin.log'));
  const plugin = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('NDESPlugin.log') } });
  assert.equal(plugin[0]?.name, 'VerifyRequest 08:41:26');
  await client.open(uri('CertificateRegistrationPoint_03_05.svclog'), 'wcf-svclog', text('CertificateRegistrationPoint_03_05.svclog'));
  const svc = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('CertificateRegistrationPoint_03_05.svclog') } });
  assert.match(svc[0]?.name ?? '', /^Activity 3d2b9f4e-/);
  const none = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///not-open.log' } });
  assert.deepEqual(none, []);
});

test('lsp editor: folding ranges for NDESPlugin blocks and the IIS header', async () => {
  const plugin = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uri('NDESPlugin.log') } });
  assert.deepEqual(plugin.slice(0, 2).map((r) => [r.startLine, r.endLine]), [[0, 2], [3, 6]]);
  const iis = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uri('u_ex240305.log') } });
  assert.deepEqual(iis.map((r) => [r.startLine, r.endLine, r.kind]), [[0, 2, 'comment'], [3, 26, 'region']]);
});

test('lsp editor: semantic tokens (full and range) type the 403 16 2148204809 values as failures', async () => {
  const full = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: uri('u_ex240305.log') } });
  assert.equal(full.data.length % 5, 0);
  assert.ok(full.data.length / 5 > 100);
  const line = text('u_ex240305.log').split('\n').findIndex((l) => l.includes(' 403 16 2148204809'));
  const range = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/range', {
    textDocument: { uri: uri('u_ex240305.log') }, range: { start: { line, character: 0 }, end: { line, character: 200 } },
  });
  const regexp = SEMANTIC_TOKEN_LEGEND.tokenTypes.indexOf('regexp');
  const types: number[] = [];
  for (let i = 3; i < range.data.length; i += 5) types.push(range.data[i] ?? -1);
  assert.equal(types.filter((t) => t === regexp).length, 3, JSON.stringify(range.data));
  assert.equal(range.data[0], line, 'the first token is on the requested line');
});

test('lsp editor: hover on a W3C value names its field; on the 403.16 line it joins the rule explanation', async () => {
  const lines = text('u_ex240305.log').split('\n');
  const healthy = lines.findIndex((l) => l.includes('Dalvik'));
  const character = (lines[healthy] ?? '').indexOf('Dalvik') + 2;
  const ua = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uri('u_ex240305.log') }, position: { line: healthy, character } });
  assert.match(hoverValue(ua), /\*\*cs\(User-Agent\)\*\* \(W3C column 10 of 15\)[\s\S]*an Android device/);
  const failing = lines.findIndex((l) => l.includes(' 403 16 2148204809'));
  const at = (lines[failing] ?? '').indexOf('2148204809') + 3;
  const both = hoverValue(await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uri('u_ex240305.log') }, position: { line: failing, character: at } }));
  assert.match(both, /0x800B0109/);
  assert.match(both, /\*\*sc-win32-status\*\*/);
  assert.ok(both.indexOf('sc-win32-status') > both.indexOf('CERT_E_UNTRUSTEDROOT'), 'the rule comes first, the field after');
});

test('lsp editor: "show only failures" lists the failing records with links back', async () => {
  const r = await client.connection.sendRequest<FailuresResult>('ndesLens/failures', { uri: uri('NDESPlugin.log') });
  assert.equal(r.failures, 2);
  assert.deepEqual(r.links.map((l) => l.targetLine), [2, text('NDESPlugin.log').split('\n').findIndex((l) => l.includes('returns <!DOCTYPE'))]);
  const onDisk = await client.connection.sendRequest<FailuresResult>('ndesLens/failures', { uri: uri('CertificateRegistrationPoint_03_05.svclog') });
  assert.equal(onDisk.failures, 2);
  const unknown = await client.connection.sendRequest<FailuresResult>('ndesLens/failures', { uri: 'file:///nowhere/x.log' });
  assert.match(unknown.text, /has not read x\.log/);
});

test('lsp editor: settings apply without restart (severity override, maxNumberOfProblems), then reset', async () => {
  const iis = uri('u_ex240305.log');
  const plugin = uri('NDESPlugin.log');
  const severity = (): number | undefined => client.published(iis)?.find((d) => d.code === 'NDES-IIS-CRP-403-16')?.severity;
  await client.until(() => severity() === 1);
  await client.setSettings({ rules: { 'NDES-IIS-CRP-403-16': 'warning' } });
  await client.until(() => severity() === 2);
  await client.setSettings({ maxNumberOfProblems: 1 });
  await client.until(() => client.published(plugin)?.length === 1);
  await client.setSettings({ rules: { 'NOT-A-RULE': 'loud' }, maxNumberOfProblems: -3, showSuccessMarkers: 'yes' });
  // Bad values fall back to the defaults: both plugin failures, no success markers.
  await client.until(() => codes(client.published(plugin)).join() === 'NDES-PLUGIN-VERIFY-FALSE,NDES-PLUGIN-403-HTML');
  await client.setSettings({});
});

test('lsp editor: team signatures from .ndeslens.json run on the logs; the bad entry is reported on the file', async () => {
  const iis = uri('u_ex240305.log');
  // The second problem comes from the ReDoS checker, loaded lazily: wait for both.
  await client.until(() => (client.published(TEAM_URI)?.length ?? 0) >= 2
    && codes(client.published(iis)).filter((c) => c === 'TEAM-ANDROID-14').length === 3);
  const problems = client.published(TEAM_URI) ?? [];
  assert.deepEqual(problems.map((d) => [d.code, d.source, d.severity]), [['NDES-LENS-TEAM-SIGNATURE', 'ndes-lens', 1], ['NDES-LENS-TEAM-SIGNATURE', 'ndes-lens', 1]]);
  assert.match(problems[0]?.message ?? '', /^\$\.signatures\[1\]\.pattern: The pattern may take exponential time/);
  assert.match(problems[1]?.message ?? '', /^\$\.signatures\[2\]\.pattern: The pattern can take exponential time on crafted input \(ReDoS, found by recheck\)/);
  const fileText = readFileSync(TEAM, 'utf8');
  const start = problems[0]?.range.start;
  assert.equal(fileText.split('\n')[start?.line ?? -1]?.slice(start?.character).startsWith('"(a+)+"'), true);
  const team = client.published(iis)?.filter((d) => d.code === 'TEAM-ANDROID-14') ?? [];
  assert.equal(team.length, 3, 'the three Android 14 requests');
  assert.equal(team[0]?.severity, 2);
  assert.equal(team[0].codeDescription?.href, 'https://wiki.contoso.com/pki/android');
  const line = team[0].range.start;
  const h = hoverValue(await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: iis }, position: line }));
  assert.match(h, /Team signature `TEAM-ANDROID-14` from `\.ndeslens\.json`/);
  assert.match(h, /\[Team wiki\]\(https:\/\/wiki\.contoso\.com\/pki\/android\)/);
  assert.equal(h.match(/Team signature `TEAM-ANDROID-14`/g)?.length, 1, 'explained once, by the core hover');
  // The quick fix comes from the same rules: it opens the team's page.
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: iis }, range: team[0].range, context: { diagnostics: [team[0]] } });
  assert.deepEqual(actions.map((a) => [a.title, a.command?.arguments]), [['Open team guidance (TEAM-ANDROID-14)', ['TEAM-ANDROID-14', 'https://wiki.contoso.com/pki/android']]]);
});

test('lsp editor: editing .ndeslens.json applies at once; deleting it removes the team rules', async () => {
  const iis = uri('u_ex240305.log');
  writeFileSync(TEAM, JSON.stringify({ signatures: [{ ...ANDROID, severity: 'error', stage: 2, title: 'Android 14 enrolled' }] }));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: TEAM_URI, type: 2 }] });
  await client.until(() => client.published(TEAM_URI)?.length === 0
    && client.published(iis)?.find((d) => d.code === 'TEAM-ANDROID-14')?.severity === 1);
  // The team rule takes its place in the SCEP flow: an error at stage 2 comes before the samples' stage 3.
  const flow = await client.connection.sendRequest<FlowView>('ndesLens/flow');
  assert.equal(flow.stages[1]?.status, 'failed');
  assert.ok(flow.stages[1].fixRuleIds.includes('TEAM-ANDROID-14'));
  // The view's fix opens what the quick fix opens: the team's page for a team rule, the document otherwise.
  assert.deepEqual(flow.guidance['TEAM-ANDROID-14'], ['TEAM-ANDROID-14', 'https://wiki.contoso.com/pki/android']);
  assert.deepEqual(flow.guidance['NDES-IIS-CRP-403-16'], ['NDES-IIS-CRP-403-16']);
  assert.deepEqual(flow.firstFailure && [flow.firstFailure.stage, flow.firstFailure.ruleId], [2, 'TEAM-ANDROID-14']);
  assert.equal(flow.verdict, 'SCEP: stage 2 failed — Android 14 enrolled');
  const report = await client.connection.sendRequest<ExportResult>('ndesLens/export', { format: 'markdown', redact: true });
  assert.match(report.text, /TEAM-ANDROID-14/, 'the redacted hand-off runs the team rules too');
  unlinkSync(TEAM);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: TEAM_URI, type: 3 }] });
  await client.until(() => !codes(client.published(iis)).includes('TEAM-ANDROID-14'));
  assert.ok(codes(client.published(iis)).includes('NDES-IIS-CRP-403-16'), 'built-in rules keep running');
});

test('lsp editor: exports render SARIF and the hand-off report as the CLI does', async () => {
  const sarif = await client.connection.sendRequest<ExportResult>('ndesLens/export', { format: 'sarif' });
  assert.equal(sarif.files, 3);
  const log = JSON.parse(sarif.text) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[]; originalUriBaseIds?: Record<string, { uri: string }> }[] };
  assert.equal(log.version, '2.1.0');
  const result = log.runs[0]?.results.find((r) => r.ruleId === 'NDES-IIS-CRP-403-16');
  assert.deepEqual(result?.locations[0]?.physicalLocation.artifactLocation, { uri: 'u_ex240305.log', uriBaseId: 'SRCROOT' });
  assert.equal(log.runs[0]?.originalUriBaseIds?.['SRCROOT']?.uri, pathToFileURL(folder + '/').href);
  const md = await client.connection.sendRequest<ExportResult>('ndesLens/export', { format: 'markdown' });
  assert.match(md.text, /NDES-IIS-CRP-403-16/);
  assert.ok(!md.text.includes('10.20.30.11') && !md.text.includes('3d2b9f4e-71c0'), 'redacted by default');
  const html = await client.connection.sendRequest<ExportResult>('ndesLens/export', { format: 'html', redact: false });
  assert.match(html.text, /^<!DOCTYPE html>/i);
  assert.ok(html.text.includes('10.20.30.11'), 'not redacted when asked');
});
