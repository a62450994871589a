import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { FORMAT_IDS } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { compilePattern, isSafePattern, parseTeamSignatures, teamCatalogue } from '../../server/src/core/teamSignatures';
import { REPO_ROOT } from '../support/paths';

const GOOD = {
  id: 'TEAM-PROXY-TIMEOUT', formats: ['ndesplugin-log'], pattern: 'proxy\\.contoso\\.com.*timed out', severity: 'warning',
  message: 'The outbound proxy timed out.', fix: 'Allow the connector through the proxy.', link: 'https://wiki.contoso.com/pki/ndes-proxy',
  samples: { positive: ['Connect to proxy.contoso.com:8080 timed out'], negative: ['proxy.contoso.com answered'] },
};

test('team signatures: a good entry runs through validate beside the built-in catalogue', () => {
  const set = parseTeamSignatures(JSON.stringify({ signatures: [GOOD] }));
  assert.deepEqual(set.problems, []);
  assert.equal(set.signatures[0]?.id, 'TEAM-PROXY-TIMEOUT');
  const model = parseDocument('Calling VerifyRequest ...\nConnect to PROXY.contoso.com:8080 timed out\nVerify challenge returns false\n', { fileName: 'NDESPlugin.log' });
  const ids = validate(model, { rules: {} }, teamCatalogue(set.signatures)).map((f) => `${f.ruleId}:${f.severity}`);
  assert.ok(ids.includes('TEAM-PROXY-TIMEOUT:warning'), ids.join());
  assert.ok(ids.includes('NDES-PLUGIN-VERIFY-FALSE:error'), 'built-in rules still run');
  const tuned = validate(model, { rules: { 'TEAM-PROXY-TIMEOUT': 'error' } }, teamCatalogue(set.signatures)).find((f) => f.ruleId === 'TEAM-PROXY-TIMEOUT');
  assert.equal(tuned?.severity, 'error', 'ndesLens.rules applies to team rules too');
});

test('team signatures: each bad entry is reported with its JSON path and offsets, the good one still loads', () => {
  const entries = [
    GOOD,
    { ...GOOD, id: 'TEAM-BAD-REGEX', pattern: 'timed (out' },
    { ...GOOD, id: 'TEAM-GLOBAL', flags: 'gi' },
    { ...GOOD, id: 'TEAM-REDOS', pattern: '(a+)+$', samples: undefined },
    { ...GOOD, id: 'NDES-PLUGIN-VERIFY-FALSE' },
    { ...GOOD, id: 'TEAM-PROXY-TIMEOUT' },
    { ...GOOD, id: 'TEAM-FORMAT', formats: ['ndesplugin-log', 'evtx'] },
    { ...GOOD, id: 'TEAM-SAMPLE', samples: { positive: ['nothing here'], negative: [] } },
    { ...GOOD, id: 'TEAM-EMPTY', pattern: 'x*' },
    { ...GOOD, id: 'TEAM-LINK', link: 'http://insecure' },
    { id: 'TEAM-MISSING' },
    { ...GOOD, id: 'lower-case' },
  ];
  const text = JSON.stringify({ signatures: entries }, null, 2);
  const set = parseTeamSignatures(text);
  assert.deepEqual(set.signatures.map((s) => s.id), ['TEAM-PROXY-TIMEOUT']);
  const byPath = new Map(set.problems.map((p) => [p.path, p]));
  const expect = (path: string, re: RegExp): void => {
    const p = byPath.get(path);
    assert.ok(p, `no problem at ${path}: ${JSON.stringify(set.problems.map((x) => x.path))}`);
    assert.match(p.message, re);
    assert.equal(p.severity, 'error');
    assert.ok(p.end > p.start && p.end <= text.length);
  };
  expect('$.signatures[1].pattern', /Not a valid regular expression/);
  expect('$.signatures[2].flags', /Flag "g" is not allowed/);
  expect('$.signatures[3].pattern', /exponential/);
  expect('$.signatures[4].id', /built-in rule id/);
  expect('$.signatures[5].id', /already defined above/);
  expect('$.signatures[6].formats[1]', /Unknown format/);
  expect('$.signatures[7].samples.positive[0]', /does not match this positive sample/);
  expect('$.signatures[8].pattern', /matches empty text/);
  expect('$.signatures[9].link', /https/);
  expect('$.signatures[10]', /Missing "(?:message|severity|formats|pattern)"/);
  expect('$.signatures[11].id', /not a rule id/);
  const badRegex = byPath.get('$.signatures[1].pattern');
  assert.equal(text.slice(badRegex?.start, badRegex?.end), '"timed (out"');
});

test('team signatures: broken JSON, wrong shapes and unknown properties', () => {
  const broken = parseTeamSignatures('{ "signatures": [ { "id": "X-Y", } ] }');
  assert.equal(broken.signatures.length, 0);
  assert.match(broken.problems[0]?.message ?? '', /^Not valid JSON: expected a property name/);
  assert.equal(broken.problems[0]?.start, '{ "signatures": [ { "id": "X-Y", '.length);
  assert.match(parseTeamSignatures('[]').problems[0]?.message ?? '', /must hold an object/);
  assert.match(parseTeamSignatures('{}').problems[0]?.message ?? '', /Missing "signatures"/);
  const extra = parseTeamSignatures(JSON.stringify({ $schema: './x.json', signatures: [{ ...GOOD, colour: 'red' }] }));
  assert.equal(extra.signatures.length, 1, 'an unknown property is a warning, the entry still loads');
  assert.deepEqual(extra.problems.map((p) => [p.path, p.severity]), [['$.signatures[0].colour', 'warning']]);
  assert.equal(parseTeamSignatures('\uFEFF{ "signatures": [] }').problems.length, 0);
  assert.equal(parseTeamSignatures('{"signatures":' + '['.repeat(200) + ']'.repeat(200) + '}').problems.length, 1);
});

test('team signatures: isSafePattern rejects nested quantifiers and backreferences, accepts ordinary patterns', () => {
  for (const bad of ['(a+)+', '(a*)*b', '(\\w+\\s?)*$', '(?:x+){2,}', '((ab)*c)+', '(a|b+)*', '(.)\\1']) assert.equal(isSafePattern(bad), false, bad);
  for (const ok of ['Verify challenge returns\\s+false', '(?:GET|POST) /certsrv', '([a-z]+)-\\d{3}', '[(+*)]+', '\\(a+\\)+', '(ab)+', 'x(?:y{2})+']) assert.equal(isSafePattern(ok), true, ok);
  assert.match(String(compilePattern('a'.repeat(501))), /longer than 500/);
  assert.ok(compilePattern('timed out') instanceof RegExp);
});

test('team signatures: the JSON schema lists every format and every property the reader knows', () => {
  const schema = JSON.parse(readFileSync(`${REPO_ROOT}/schemas/ndeslens.schema.json`, 'utf8')) as {
    definitions: { signature: { properties: Record<string, { items?: { enum?: string[] } }>; required: string[] } };
  };
  const sig = schema.definitions.signature;
  assert.deepEqual(sig.properties['formats']?.items?.enum, [...FORMAT_IDS]);
  assert.deepEqual(Object.keys(sig.properties).sort(), ['fix', 'flags', 'formats', 'id', 'kind', 'link', 'meaning', 'message', 'pattern', 'samples', 'severity', 'stage', 'title']);
  assert.deepEqual(sig.required, ['id', 'formats', 'pattern', 'severity', 'message']);
});
