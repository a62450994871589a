import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validate } from '../../server/src/core/analysis';
import { codeActions, SHOW_GUIDANCE_COMMAND } from '../../server/src/core/codeActions';
import { toDiagnostics } from '../../server/src/core/diagnostics';
import { analyseFlow } from '../../server/src/core/flow';
import { hover } from '../../server/src/core/hover';
import { parseDocument } from '../../server/src/core/parse';
import { buildHandOff } from '../../server/src/core/report/handoff';
import { rulesWith, type Rules } from '../../server/src/core/rules';
import { parseTeamSignatures } from '../../server/src/core/teamSignatures';

/**
 * A team rule reaches every feature through the one rule lookup, as a built-in rule does:
 * diagnostics (link), hover, code actions, flow stage and the hand-off. Inline logs, `|` marks the cursor.
 */
const PROXY = {
  id: 'TEAM-PROXY-TIMEOUT', title: 'Proxy timeout', formats: ['ndesplugin-log'], pattern: 'proxy\\.contoso\\.com.*timed out', severity: 'error', stage: 2,
  message: 'The outbound proxy timed out.', meaning: 'The connector could not reach Intune through the proxy.', fix: 'Allow the connector through the proxy.',
  link: { title: 'Team wiki', url: 'https://wiki.contoso.com/pki/ndes-proxy' },
};

function teamRules(...entries: object[]): Rules {
  const set = parseTeamSignatures(JSON.stringify({ signatures: entries }));
  assert.deepEqual(set.problems, []);
  return rulesWith(set.signatures);
}

function analysed(marked: string, rules: Rules): { doc: TextDocument; offset: number; model: ReturnType<typeof parseDocument>; findings: ReturnType<typeof validate> } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const model = parseDocument(text, { fileName: 'NDESPlugin.log' });
  return { doc: TextDocument.create('file:///NDESPlugin.log', 'ndesplugin-log', 1, text), offset, model, findings: validate(model, { rules: {} }, rules.catalogue) };
}

const LOG = 'Calling VerifyRequest ...\nConnect to proxy.contoso.com:8080 tim|ed out\nVerify challenge returns false\n';

test('team rules: diagnostics link the team page, as built-in rules link their source', () => {
  const rules = teamRules(PROXY);
  const a = analysed(LOG, rules);
  const team = toDiagnostics(a.findings, (o) => a.doc.positionAt(o), { showSuccessMarkers: false, maxNumberOfProblems: 100, lookup: rules.lookup }).find((d) => d.code === 'TEAM-PROXY-TIMEOUT');
  assert.deepEqual([team?.severity, team?.message, team?.codeDescription?.href], [1, 'The outbound proxy timed out.', 'https://wiki.contoso.com/pki/ndes-proxy']);
  const builtIn = toDiagnostics(a.findings, (o) => a.doc.positionAt(o)).find((d) => d.code === 'NDES-PLUGIN-VERIFY-FALSE');
  assert.match(builtIn?.codeDescription?.href ?? '', /^https:\/\/learn\.microsoft\.com\//);
});

test('team rules: hover explains a team finding from the lookup, naming its file, severity and stage', () => {
  const rules = teamRules(PROXY);
  const a = analysed(LOG, rules);
  const h = hover(a.model, a.findings, a.offset, (o) => a.doc.positionAt(o), rules.lookup);
  const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(md, /^### Proxy timeout\n\nTeam signature `TEAM-PROXY-TIMEOUT` from `\.ndeslens\.json` · error · stage 2: device → NDES\n\nThe connector could not reach Intune through the proxy\./);
  assert.match(md, /\*\*Fix\*\*\n\n- Allow the connector through the proxy\./);
  assert.match(md, /\[Team wiki\]\(https:\/\/wiki\.contoso\.com\/pki\/ndes-proxy\)/);
  const range = h?.range;
  assert.deepEqual(range && [range.start.line, a.doc.getText().slice(a.doc.offsetAt(range.start), a.doc.offsetAt(range.end))], [1, 'proxy.contoso.com:8080 timed out']);
});

test('team rules: the quick fix opens the team page; a team rule without a link offers none; built-in fixes unchanged', () => {
  const rules = teamRules(PROXY, { ...PROXY, id: 'TEAM-NO-LINK', pattern: 'Connect to proxy', link: undefined });
  const a = analysed(LOG, rules);
  const diagnostics = toDiagnostics(a.findings, (o) => a.doc.positionAt(o), { showSuccessMarkers: false, maxNumberOfProblems: 100, lookup: rules.lookup });
  assert.deepEqual(diagnostics.map((d) => d.code), ['TEAM-NO-LINK', 'TEAM-PROXY-TIMEOUT', 'NDES-PLUGIN-VERIFY-FALSE']);
  const actions = codeActions(diagnostics, rules.lookup);
  assert.deepEqual(actions.map((x) => [x.title, x.command?.command, x.command?.arguments]), [
    ['Open team guidance (TEAM-PROXY-TIMEOUT)', SHOW_GUIDANCE_COMMAND, ['TEAM-PROXY-TIMEOUT', 'https://wiki.contoso.com/pki/ndes-proxy']],
    ...codeActions(diagnostics.filter((d) => !String(d.code).startsWith('TEAM-'))).map((x) => [x.title, x.command?.command, x.command?.arguments]),
  ]);
  assert.equal(codeActions(diagnostics).filter((x) => x.title.includes('TEAM-')).length, 0, 'without the lookup a team id is unknown');
});

test('team rules: the flow places a team finding at its stage and the hand-off lists it without an empty link', () => {
  const rules = teamRules(PROXY, { ...PROXY, id: 'TEAM-NO-LINK', pattern: 'Connect to proxy', link: undefined, stage: 3 });
  const a = analysed(LOG, rules);
  const files = [{ path: 'NDESPlugin.log', model: a.model, findings: a.findings, positionAt: (o: number) => a.doc.positionAt(o) }];
  const flow = analyseFlow(files, rules.lookup);
  assert.deepEqual(flow.firstFailure && [flow.firstFailure.stage, flow.firstFailure.ruleId, flow.firstFailure.line], [2, 'TEAM-PROXY-TIMEOUT', 2]);
  assert.equal(flow.verdict, 'SCEP: stage 2 failed — Proxy timeout');
  const handOff = buildHandOff('folder', files, flow, false, rules.lookup);
  const byId = new Map(handOff.problems.map((p) => [p.ruleId, p]));
  assert.deepEqual(byId.get('TEAM-PROXY-TIMEOUT')?.links, [{ title: 'Team wiki', url: 'https://wiki.contoso.com/pki/ndes-proxy' }]);
  assert.deepEqual(byId.get('TEAM-NO-LINK')?.links, []);
});
