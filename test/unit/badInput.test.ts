import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';

/** Bad input never throws and always says what happened; what can be read is still analysed. */
test('empty log: a clear note, no crash', () => {
  assert.deepEqual(validate(parseDocument('', { fileName: 'NDESPlugin.log' })).map((f) => f.ruleId), ['NDES-LENS-EMPTY']);
  assert.deepEqual(validate(parseDocument('', { fileName: 'untitled-1' })), [], 'an empty unknown document says nothing');
});

test('binary bytes: flagged as unparseable, readable lines still analysed', () => {
  let junk = '';
  for (let i = 0; i < 3000; i++) junk += String.fromCharCode((i * 7919) % 32);
  const model = parseDocument(junk + '\nVerify challenge returns false\n', { fileName: 'NDESPlugin.log' });
  const got = validate(model).map((f) => f.ruleId);
  assert.ok(got.includes('NDES-LENS-UNPARSEABLE'));
  assert.ok(got.includes('NDES-PLUGIN-VERIFY-FALSE'));
});

test('console output with terminal colour sequences is text, not binary', () => {
  const esc = '\u001b';
  const line = `${esc}[32m2024-03-05 08:14:02${esc}[0m ${esc}[1;31mERROR${esc}[0m Verify challenge returns false ${esc}]8;;https://example.invalid${esc}\\link${esc}]8;;${esc}\\\n`;
  const got = validate(parseDocument(line.repeat(40), { fileName: 'NDESPlugin.log' })).map((f) => f.ruleId);
  assert.ok(!got.includes('NDES-LENS-UNPARSEABLE'), got.join(', '));
  assert.ok(got.includes('NDES-PLUGIN-VERIFY-FALSE'));
  // Bare control characters still are.
  assert.ok(validate(parseDocument('\u0001\u0002\u0003\u0004\u001b\u0005 text\n'.repeat(40), { fileName: 'x.log' })).some((f) => f.ruleId === 'NDES-LENS-UNPARSEABLE'));
});

test('UTF-16 text read as UTF-8: the message says which encoding to use', () => {
  const utf16AsUtf8 = Array.from('Verify challenge returns false\r\n', (c) => c + '\u0000').join('').repeat(20);
  const [notice] = validate(parseDocument(utf16AsUtf8, { fileName: 'NDESPlugin.log' }));
  assert.equal(notice?.ruleId, 'NDES-LENS-UNPARSEABLE');
  assert.match(notice.message, /UTF-16/);
});

test('a 10 MB single line is analysed over its head without blowing up', () => {
  const line = 'Verify challenge returns false ' + 'A'.repeat(10 * 1024 * 1024);
  const got = validate(parseDocument(line, { fileName: 'NDESPlugin.log' })).map((f) => f.ruleId);
  assert.deepEqual(got, ['NDES-LENS-LONG-RECORD', 'NDES-PLUGIN-VERIFY-FALSE']);
  const iis = '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=' + 'M'.repeat(10 * 1024 * 1024) + ' 443 - 10.9.8.7 x - 200 0 0 1';
  assert.doesNotThrow(() => validate(parseDocument(iis, { fileName: 'u_ex1.log' })));
});

test('truncated svclog: a warning and the part that is there', () => {
  const got = validate(parseDocument('<E2ETraceEvent xmlns="x"><System><Source Name="CertificateRegistrationPoint" /></System><ApplicationData>VerifyRequest Finished with status False', { fileName: 'a.svclog' })).map((f) => f.ruleId);
  assert.deepEqual(got, ['NDES-LENS-TRUNCATED-RECORD', 'NDES-CRP-VERIFY-FINISHED-FALSE']);
});
