import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NOTICES } from '../../server/src/core/catalogue/notices';
import { guidanceDocument, noticeDocument, rulesTable } from '../../server/src/core/guidance';
import { createModelBuilder } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';
import { POLICY_VALIDATORS, CATALOGUE } from '../../server/src/core/catalogue';
import { mayMatch, requiredLiterals } from '../../server/src/core/catalogue/literals';
import { blankTolerant } from '../../server/src/core/catalogue/blanks';
import { defineSignature, type Signature } from '../../server/src/core/catalogue/define';
import { REPO_ROOT } from '../support/paths';

/**
 * Catalogue self-test: every entry's own samples, run through the real scanner and validator (with
 * the multi-record rule of the same id, whose samples are whole logs).
 */
function findsIn(sig: Signature, format: Signature['formats'][number] | 'plain-text', sample: string): boolean {
  const builder = createModelBuilder(format);
  builder.push(sample + '\n');
  const validators = POLICY_VALIDATORS.filter((v) => v.ids.includes(sig.id));
  return validate(builder.end(), undefined, { signatures: [sig], validators }).some((f) => f.ruleId === sig.id);
}

test('catalogue: a multi-record entry has its validator, and every validator its entry', () => {
  for (const sig of CATALOGUE.filter((s) => s.multiRecord)) assert.ok(POLICY_VALIDATORS.some((v) => v.ids.includes(sig.id)), `${sig.id} has no validator`);
  for (const id of POLICY_VALIDATORS.flatMap((v) => v.ids)) assert.ok(CATALOGUE.some((s) => s.id === id), `validator ${id} has no catalogue entry`);
});

for (const sig of CATALOGUE) {
  test(`catalogue ${sig.id}: positive samples match in each of its formats and as pasted text`, () => {
    const only = sig.match.patternsOn ?? {};
    // A multi-record sample is a whole log of its format (pasted text may lack the times it needs); a
    // fallback never runs on text of unknown format. Both are proven in the formats they name.
    const formats = sig.multiRecord || sig.fallback ? sig.formats : [...sig.formats, 'plain-text' as const];
    for (const sample of sig.samples.positive) {
      for (const format of formats) {
        // A format that runs only some of the patterns need only find the samples those patterns describe.
        const expected = only[format]?.some((re) => re.test(sample)) ?? true;
        if (expected) assert.ok(findsIn(sig, format, sample), `${sig.id} should match in ${format}: ${sample}`);
      }
    }
    for (const [format, patterns] of Object.entries(only)) {
      assert.ok(sig.samples.positive.some((sample) => patterns.some((re) => re.test(sample))), `${sig.id}: no positive sample for its ${format} patterns`);
    }
  });
  test(`catalogue ${sig.id}: negative samples do not match`, () => {
    for (const sample of sig.samples.negative) {
      for (const format of [...sig.formats, 'plain-text' as const]) {
        assert.ok(!findsIn(sig, format, sample), `${sig.id} should not match in ${format}: ${sample}`);
      }
    }
  });
}

test('catalogue: rule ids are unique and links go only to the cited hosts', () => {
  const ids = [...CATALOGUE.map((s) => s.id), ...NOTICES.map((n) => n.id)];
  assert.equal(new Set(ids).size, ids.length);
  const allowed = new Set(['learn.microsoft.com', 'github.com', 'www.gradenegger.eu', 'gradenegger.eu', 'support.okta.com', 'argonsys.com', 'pkg.go.dev', 'www.anoopcnair.com']);
  for (const s of CATALOGUE) {
    for (const link of [s.link, ...(s.related ?? [])]) assert.ok(allowed.has(new URL(link.url).host), `${s.id}: ${link.url}`);
    assert.ok(s.meaning.length > 40, `${s.id} needs a real explanation`);
    if (s.kind === 'failure') assert.ok((s.fix?.length ?? 0) > 0, `${s.id} needs fix steps`);
  }
});

test('catalogue: every rule id is in the spec or in its extension, docs/rule-ids.md (when the shared spec is beside the repo)', (t) => {
  const spec = join(REPO_ROOT, '..', 'shared', 'spec', 'signatures.md');
  if (!existsSync(spec)) { t.skip('shared/spec not present'); return; }
  const text = readFileSync(spec, 'utf8') + readFileSync(join(REPO_ROOT, 'docs', 'rule-ids.md'), 'utf8');
  for (const s of CATALOGUE) assert.ok(text.includes(`### ${s.id}`), `${s.id} is not a rule id of signatures.md or docs/rule-ids.md`);
});

test('docs/rule-ids.md lists only rule ids of the catalogue', () => {
  const ids = new Set(CATALOGUE.map((s) => s.id));
  const listed = [...readFileSync(join(REPO_ROOT, 'docs', 'rule-ids.md'), 'utf8').matchAll(/^### (\S+)$/gm)].map((m) => m[1]);
  assert.ok(listed.length > 0);
  for (const id of listed) assert.ok(id !== undefined && ids.has(id), `docs/rule-ids.md lists ${String(id)}, which no signature has`);
});

test('docs: guidance documents and docs/rules.md are generated from the current catalogue', () => {
  for (const s of CATALOGUE) {
    const path = join(REPO_ROOT, 'docs', 'guidance', `${s.id}.md`);
    assert.ok(existsSync(path), `missing ${path}: run npm run docs`);
    assert.equal(readFileSync(path, 'utf8'), guidanceDocument(s), `${path} is stale: run npm run docs`);
  }
  for (const n of NOTICES) {
    const path = join(REPO_ROOT, 'docs', 'guidance', `${n.id}.md`);
    assert.equal(readFileSync(path, 'utf8'), noticeDocument(n), `${path} is stale: run npm run docs`);
  }
  assert.equal(readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8'), rulesTable(CATALOGUE, NOTICES), 'docs/rules.md is stale: run npm run docs');
});

test('catalogue: patternsOn keeps a format to its own patterns; pasted text still meets them all', () => {
  const sig = CATALOGUE.find((s) => s.id === 'NDES-PLUGIN-SUCCESS');
  assert.ok(sig?.match.patternsOn?.['iis-w3c-log'], 'NDES-PLUGIN-SUCCESS runs only its request patterns on IIS');
  assert.ok(sig);
  // A module phrase inside an IIS request line is not the module speaking; as pasted text it is a phrase.
  const line = '2024-03-05 08:14:03 10.1.2.3 GET /x q=Verify+challenge+returns+true 443 - 10.1.2.3 Verify challenge returns true - 200 0 0 31';
  assert.ok(!findsIn(sig, 'iis-w3c-log', line));
  assert.ok(findsIn(sig, 'plain-text', line));
  assert.ok(findsIn(sig, 'ndesplugin-log', 'Verify challenge returns true'));
  assert.ok(findsIn(sig, 'iis-w3c-log', '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/Notify - 443 - 10.1.2.3 NDES_Plugin - 204 0 0 31'));
});

test('catalogue: defineSignature refuses patternsOn outside the entry', () => {
  const base = CATALOGUE.find((s) => s.id === 'NDES-PLUGIN-SUCCESS');
  assert.ok(base);
  const foreign = /\bsomething else\b/i;
  assert.throws(() => defineSignature({ ...base, match: { ...base.match, patternsOn: { 'iis-w3c-log': [foreign] } } }), /must list some of its patterns/);
  assert.throws(() => defineSignature({ ...base, match: { ...base.match, patternsOn: { 'iis-w3c-log': [] } } }), /must list some of its patterns/);
  assert.throws(() => defineSignature({ ...base, match: { ...base.match, patternsOn: { 'cmtrace-log': base.match.patterns } } }), /not among its formats/);
  assert.doesNotThrow(() => defineSignature(base));
});

test('catalogue: a blank between fixed characters matches any run of blanks; every other blank is kept', () => {
  const cases: readonly (readonly [RegExp, string])[] = [
    [/\bVerify challenge returns true\b/i, '\\bVerify\\s+challenge\\s+returns\\s+true\\b'],
    [/Exiting (?:VerifyRequest|Notify) with 0x0+/i, 'Exiting\\s+(?:VerifyRequest|Notify)\\s+with\\s+0x0+'],
    [/x\. y/i, 'x\\.\\s+y'],
    // Left as written: next to \s or a class, before a quantifier, around an optional group, in a lookbehind.
    [/a \s*b/i, 'a \\s*b'], [/a  ?b/i, 'a  ?b'], [/a (?:b|c)? d/i, 'a (?:b|c)? d'],
    [/(?<=GET )x/i, '(?<=GET )x'], [/(?:a|b\s) c/i, '(?:a|b\\s) c'], [/a \d* b/i, 'a \\d* b'], [/x [^a] y/i, 'x [^a] y'],
    [/a . b/i, 'a . b'], [/The (?:Network )?Device/i, 'The (?:Network )?Device'],
    // Solid pieces that are not single characters: \d, \w+, a class of printable ASCII, a named group.
    [/Phase \d finished/i, 'Phase\\s+\\d\\s+finished'], [/request (?<req>\w+) because/i, 'request\\s+(?<req>\\w+)\\s+because'],
    [/x [a-z]+ y/i, 'x\\s+[a-z]+\\s+y'], [/can['\u2019]t be/i, "can['\\u2019]t\\s+be"],
  ];
  for (const [re, source] of cases) assert.equal(blankTolerant(re).source, source, String(re));
  const sig = CATALOGUE.find((s) => s.id === 'NDES-PLUGIN-SUCCESS');
  assert.ok(sig);
  for (const text of ['Verify  challenge\treturns\u00a0true', '> Exiting   VerifyRequest with\t0x0']) {
    assert.ok(findsIn(sig, 'ndesplugin-log', text), text);
    assert.ok(findsIn(sig, 'plain-text', text), text);
  }
  // Every built-in pattern went through it, and patternsOn still names patterns of the entry.
  for (const s of CATALOGUE) {
    for (const re of s.match.patterns) assert.equal(blankTolerant(re), re, `${s.id}: ${String(re)} was not made blank-tolerant`);
    for (const list of Object.values(s.match.patternsOn ?? {})) for (const re of list) assert.ok(s.match.patterns.includes(re), s.id);
  }
});

test('catalogue: a milder severity applies only to the samples that say so, and the settings still win', () => {
  const withMilder = CATALOGUE.filter((s) => s.milder);
  assert.ok(withMilder.length >= 3);
  for (const sig of withMilder) {
    const severities = sig.samples.positive.map((sample) => {
      const builder = createModelBuilder('plain-text');
      builder.push(sample + '\n');
      // A multi-record entry's milder case may be found by its validator (a 5001 no 5000 answers).
      return validate(builder.end(), undefined, { signatures: [sig], validators: POLICY_VALIDATORS.filter((v) => v.ids.includes(sig.id)) }).find((f) => f.ruleId === sig.id)?.severity;
    });
    assert.ok(severities.includes(sig.milder?.severity), `${sig.id}: no sample gets the milder severity (${severities.join()})`);
    assert.ok(severities.includes(sig.severity), `${sig.id}: no sample keeps the full severity (${severities.join()})`);
    const builder = createModelBuilder('plain-text');
    builder.push(sig.samples.positive.join('\n') + '\n');
    const forced = validate(builder.end(), { rules: { [sig.id]: 'error' } }, { signatures: [sig], validators: POLICY_VALIDATORS.filter((v) => v.ids.includes(sig.id)) });
    assert.ok(forced.every((f) => f.ruleId !== sig.id || f.severity === 'error'), sig.id);
  }
});

test('catalogue: a pattern\'s required literals never hide a match (every sample, and the literal cut out)', () => {
  let checked = 0;
  for (const s of CATALOGUE) {
    for (const re of s.match.patterns) {
      const literals = requiredLiterals(re);
      if (!literals) continue;
      for (const sample of [...s.samples.positive, ...s.samples.negative]) {
        if (re.test(sample)) { assert.ok(mayMatch(re, sample), `${s.id}: ${String(re)} skips a sample it matches: ${sample}`); checked++; }
        // Without its id the record cannot match, and is skipped unread.
        let without = sample;
        for (const l of literals) without = without.split(l).join('');
        assert.ok(!re.test(without) || mayMatch(re, without), `${s.id}: ${String(re)} matches without its literals: ${without}`);
      }
    }
  }
  assert.ok(checked > 20, `only ${checked} samples went through a pattern with literals`);
});
