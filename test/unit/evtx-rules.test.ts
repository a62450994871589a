import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { parseDocument } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';
import { readText } from '../../server/src/node/decode';
import { sampleEvent } from '../support/evtx/events';
import { writeEvtx } from '../support/evtx/writer';

/**
 * Every event rule of the catalogue, proven through a real .evtx: each positive sample written as
 * an event of a binary log, decoded by the node layer as any file is, scanned and validated.
 * Negative samples written the same way stay silent.
 */
async function rulesOf(bytes: Uint8Array): Promise<Set<string>> {
  const text = await readText(bytes);
  const model = parseDocument(text, { fileName: 'Application.evtx' });
  assert.equal(model.format, 'windows-event-log');
  return new Set(validate(model).map((f) => f.ruleId));
}

const EVENT_RULES = CATALOGUE.filter((s) => s.formats.includes('windows-event-log'));

test('evtx rules: the catalogue has event rules to prove', () => {
  assert.ok(EVENT_RULES.length >= 30, `only ${EVENT_RULES.length} event rules`);
});

for (const sig of EVENT_RULES) {
  test(`evtx rules: ${sig.id} fires from each positive sample written to an .evtx`, async () => {
    for (const sample of sig.samples.positive) {
      const found = await rulesOf(writeEvtx([sampleEvent(sig.id, sample)]));
      assert.ok(found.has(sig.id), `${sig.id} not found in an .evtx holding: ${sample}\nfound: ${[...found].join(', ')}`);
    }
  });
  test(`evtx rules: ${sig.id} stays silent on its negative samples written to an .evtx`, async () => {
    for (const sample of sig.samples.negative) {
      const found = await rulesOf(writeEvtx([sampleEvent(sig.id, sample)]));
      assert.ok(!found.has(sig.id), `${sig.id} fired on an .evtx holding its negative sample: ${sample}`);
    }
  });
}

test('evtx rules: one .evtx holding every positive sample yields every event rule', async () => {
  const events = EVENT_RULES.flatMap((s) => s.samples.positive.map((p) => sampleEvent(s.id, p)));
  const bytes = writeEvtx(events);
  assert.ok(bytes.length >= 0x1000 + 0x10000, 'a whole chunk');
  const found = await rulesOf(bytes);
  for (const s of EVENT_RULES) assert.ok(found.has(s.id), s.id);
});
