import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { validate } from '../../server/src/core/analysis';
import { scan, split } from '../fuzz/properties';

/** Bugs the fuzzing and the ReDoS checks found, pinned. */
test('regression: svclog line numbers count CR-only line breaks like every other reader', () => {
  const text = 'loose line\r<E2ETraceEvent><ApplicationData>VerifyRequest Started.</ApplicationData></E2ETraceEvent>\rnext\r';
  const { records } = scan('wcf-svclog', [text]);
  const lines = LineIndex.of(text);
  assert.deepEqual(records.map((r) => r.line), records.map((r) => lines.positionAt(r.start).line));
  assert.deepEqual(records.map((r) => r.line), [0, 1, 2]);
});

test('regression: svclog stack frames join their line whatever the chunking', () => {
  const text = 'Exception: boom\n   at System.Foo.Bar(String with a long argument list)\n   at System.Foo.Baz()\n';
  const whole = scan('wcf-svclog', [text]);
  assert.deepEqual(whole.records.map((r) => [r.start, r.end]), [[0, text.length - 1]]);
  for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(scan('wcf-svclog', split(text, [cut / text.length])), whole, `cut at ${cut}`);
});

test('regression: the binary-file note ignores CRs and points at the first control character', () => {
  const of = (t: string): string[] => {
    const b = createModelBuilder('iis-w3c-log');
    b.push(t);
    const lines = LineIndex.of(t);
    return b.end().problems.map((p) => `${p.ruleId} ${lines.positionAt(p.start).line}:${lines.positionAt(p.start).character}`);
  };
  assert.deepEqual(of('\n\f'), ['NDES-LENS-UNPARSEABLE 1:0']);
  assert.deepEqual(of('\r\n\f'), of('\n\f'));
  assert.deepEqual(of('a\r\nb\r\nc\r\n'.repeat(2000)), []);
});

test('regression: crafted framing costs linear time (SMS-trace $$<, svclog <Correlation)', () => {
  const sms = 'Verify challenge returns false ' + '$$<'.repeat(1024 * 1024);
  let t = Date.now();
  assert.ok(validate(parseDocument(sms, { fileName: 'NDESPlugin.log' })).some((f) => f.ruleId === 'NDES-PLUGIN-VERIFY-FALSE'));
  assert.ok(Date.now() - t < 5000, `SMS-trace time on 3 MB took ${Date.now() - t} ms`);
  const svclog = '<E2ETraceEvent><System>' + '<Correlation '.repeat(200_000) + '</System><ApplicationData>VerifyRequest Finished with status False</ApplicationData></E2ETraceEvent>';
  t = Date.now();
  assert.ok(validate(parseDocument(svclog, { fileName: 'a.svclog' })).some((f) => f.ruleId === 'NDES-CRP-VERIFY-FINISHED-FALSE'));
  assert.ok(Date.now() - t < 5000, `svclog ActivityID on 2.6 MB took ${Date.now() - t} ms`);
});

test('the GetCACert-without-GetCACaps validator stays linear on a long token (IOS_AGENT starts only at a token start, bounded)', () => {
  const text = '#Software: Microsoft Internet Information Services 10.0\n2024-03-05 08:14:03 GET /certsrv/mscep/mscep.dll ' + 'M'.repeat(20_000) + '\n';
  const t = Date.now();
  validate(parseDocument(text, { fileName: 'u_ex1.log' }));
  // A hang guard, not a speed target: the quadratic pattern took seconds here.
  assert.ok(Date.now() - t < 2000, `${Date.now() - t} ms for one 20 KB IIS line`);
});

test('regression: svclog fed in 32 KB chunks stays linear on a long line and on an event that never closes', () => {
  const verify = '<E2ETraceEvent xmlns="x"><ApplicationData>VerifyRequest Finished with status False</ApplicationData></E2ETraceEvent>\n';
  const cases = {
    'a line without a break': 'A'.repeat(8 * 1024 * 1024) + '\n' + verify,
    'NUL bytes': '\0'.repeat(8 * 1024 * 1024) + '\n' + verify,
    'an event without its end': verify + '<E2ETraceEvent><ApplicationData>' + 'A'.repeat(8 * 1024 * 1024) + '\n' + verify,
  };
  for (const [name, text] of Object.entries(cases)) {
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 32 * 1024) chunks.push(text.slice(i, i + 32 * 1024));
    const t = Date.now();
    const b = createModelBuilder('wcf-svclog');
    for (const c of chunks) b.push(c);
    const model = b.end();
    // A hang guard: every chunk copied and searched the whole held line again (seconds for 8 MB).
    assert.ok(Date.now() - t < 2500, `${name}: ${Date.now() - t} ms for 8 MB in 32 KB chunks`);
    assert.ok(validate(model).some((f) => f.ruleId === 'NDES-CRP-VERIFY-FINISHED-FALSE'), name);
    assert.deepEqual(scan('wcf-svclog', chunks), scan('wcf-svclog', [text]), name);
  }
});
