import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineValidator } from '../../server/src/core/catalogue/define';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { type Catalogue } from '../../server/src/core/validate';
import { validate } from '../../server/src/core/analysis';
import { assertFindings, assertRecords, visible } from '../fuzz/properties';
import { HOSTILE } from './corpus';

/** The hostile corpus through the core: a clear note, the evidence around it still found, no blow-up. */
const ids = (findings: readonly Finding[]): string[] => [...new Set(findings.map((f) => f.ruleId))].sort();

for (const h of HOSTILE) {
  test(`hostile (core): ${h.name}`, () => {
    const text = h.text();
    const started = Date.now();
    const model = parseDocument(text, { fileName: h.fileName, languageId: h.languageId });
    const findings = validate(model);
    assert.ok(Date.now() - started < 20_000, `${h.name} took ${Date.now() - started} ms`);
    assert.deepEqual(ids(findings), h.ids);
    assertRecords(text, model, h.name);
    assertFindings(text, findings, h.name);
    if (h.message) {
      const note = findings.find((f) => f.ruleId === h.message?.ruleId);
      assert.match(note?.message ?? '', h.message.says);
    }
    if (text.length < 1024 * 1024) {
      // The same findings at the same lines whatever the line breaks.
      const lf = text.replace(/\r\n?/g, '\n');
      const crlf = lf.replace(/\n/g, '\r\n');
      const of = (t: string): string[] => visible(t, validate(parseDocument(t, { fileName: h.fileName, languageId: h.languageId })));
      assert.deepEqual(of(crlf), of(lf));
    }
  });
}

const byName = (name: string): string => {
  const h = HOSTILE.find((c) => c.name.startsWith(name));
  if (!h) throw new Error(name);
  return h.text();
};

test('hostile (core): the entity bomb stays inert text, never expanded', () => {
  const model = parseDocument(byName('svclog with a DOCTYPE'), { fileName: 'a.svclog' });
  const event = model.records.find((r) => r.text.includes('VerifyRequest Finished'));
  assert.ok(event);
  assert.ok(event.text.includes('&lol9;'), 'the reference is kept as written');
  for (const r of model.records) assert.ok(!r.text.includes('lollol'), 'no entity was expanded');
  assert.ok(model.records.reduce((n, r) => n + r.text.length, 0) <= model.length);
});

test('hostile (core): after a #Fields change the lines below are read with the new columns', () => {
  const model = parseDocument(byName('#Fields change'), { fileName: 'u_ex240305.log' });
  const [first, second, ...rest] = model.records.filter((r) => r.kind === 'entry');
  assert.ok(first && second && rest.length === 0);
  assert.equal(first.fields?.['cs(Referer)'], '-');
  assert.equal(second.fields?.['cs(Referer)'], undefined);
  assert.equal(second.fields?.['cs(User-Agent)'], 'NDES_Plugin');
  assert.deepEqual([first.http?.status, second.http?.status], [403, 403]);
});

test('hostile (core): mixed line breaks put every finding on its own line', () => {
  const text = byName('mixed CRLF');
  const lines = LineIndex.of(text);
  const at = validate(parseDocument(text, { fileName: 'NDESPlugin.log' })).map((f) => `${f.ruleId}@${lines.positionAt(f.start).line}`);
  assert.deepEqual(at.sort(), ['NDES-PLUGIN-VERIFY-FALSE@3', 'NDES-PLUGIN-VERIFY-SENT@0', 'NDES-PLUGIN-VERIFY-SENT@1']);
});

test('hostile (core): NUL runs do not hide the evidence after them', () => {
  const text = byName('NUL bytes');
  const lines = LineIndex.of(text);
  const falses = validate(parseDocument(text, { fileName: 'NDESPlugin.log' })).filter((f) => f.ruleId === 'NDES-PLUGIN-VERIFY-FALSE');
  assert.deepEqual(falses.map((f) => lines.positionAt(f.start).line), [3, 5]);
});

test('resilience: a rule whose `when` throws is skipped, the other rules still report', () => {
  const good = CATALOGUE.find((s) => s.id === 'NDES-PLUGIN-VERIFY-FALSE');
  assert.ok(good);
  const throwing = { ...good, id: 'NDES-TEST-THROWS', match: { ...good.match, when: (): boolean => { throw new Error('boom'); } } };
  const catalogue: Catalogue = {
    signatures: [throwing, good],
    validators: [
      defineValidator({ ids: ['NDES-TEST-VALIDATOR-THROWS'], formats: ['ndesplugin-log'], start: () => { throw new Error('validator boom'); } }),
      defineValidator({
        ids: ['NDES-TEST-STEP-THROWS'], formats: ['ndesplugin-log'],
        start: () => ({ step: () => { throw new Error('step boom'); }, results: () => [], fork: () => { throw new Error('fork boom'); } }),
      }),
    ],
  };
  const model = parseDocument('Verify challenge returns false\n', { fileName: 'NDESPlugin.log' });
  assert.deepEqual(validate(model, undefined, catalogue).map((f) => f.ruleId), ['NDES-PLUGIN-VERIFY-FALSE']);
  const patternThrows = { ...good, id: 'NDES-TEST-PATTERN-THROWS', match: { patterns: [{ exec: () => { throw new Error('bad'); } } as unknown as RegExp] } };
  assert.deepEqual(validate(model, undefined, { signatures: [patternThrows, good], validators: [] }).map((f) => f.ruleId), ['NDES-PLUGIN-VERIFY-FALSE']);
});
