import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { validate } from '../../server/src/core/analysis';
import { documentSymbols, MAX_SYMBOL_CHILDREN } from '../../server/src/core/symbols';
import { pluginCalls } from '../../server/src/core/pluginCalls';
import { fixturePath } from '../support/paths';

function outline(text: string, fileName: string, options = {}): DocumentSymbol[] {
  const model = parseDocument(text, { fileName });
  const lines = LineIndex.of(text);
  return documentSymbols(model, validate(model), (o) => lines.positionAt(o), options);
}

const sample = (name: string): string => readFileSync(fixturePath('..', 'samples', name), 'utf8');

function count(symbols: readonly DocumentSymbol[]): number {
  return symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
}

function assertContained(symbols: readonly DocumentSymbol[]): void {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  for (const s of symbols) {
    assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `${s.name}: selectionRange inside range`);
    assertContained(s.children ?? []);
  }
}

test('outline: IIS sample has one #Fields section, clients by c-ip, URIs by cs-uri-stem, the 403.16 request marked', () => {
  const symbols = outline(sample('u_ex240305.log'), 'u_ex240305.log');
  assert.equal(symbols.length, 1);
  const section = symbols[0];
  assert.ok(section);
  assert.equal(section.name, '#Fields (15 columns)');
  assert.match(section.detail ?? '', /2024-03-05 07:41:25 · 23 requests · 3 clients/);
  assert.deepEqual(section.children?.map((c) => c.name), ['10.20.40.21', '10.20.30.11', '10.20.40.22']);
  const plugin = section.children.find((c) => c.name === '10.20.30.11');
  assert.match(plugin?.detail ?? '', /1 failed/);
  const verify = plugin?.children?.find((u) => u.name === '/CertificateRegistrationSvc/Certificate/VerifyRequest');
  assert.ok(verify);
  const failing = verify.children?.find((r) => r.detail === 'NDES-IIS-CRP-403-16');
  assert.ok(failing, JSON.stringify(verify.children));
  assert.match(failing.name, /^08:14:03 POST 403\.16 2148204809$/);
  assertContained(symbols);
});

test('outline: NDESPlugin.log blocks run from Calling to Exiting per thread, failures named', () => {
  const symbols = outline(sample('NDESPlugin.log'), 'NDESPlugin.log');
  assert.deepEqual(symbols.slice(0, 3).map((s) => s.name), ['VerifyRequest 08:41:26', 'VerifyRequest 08:52:10', 'Notify 08:52:11']);
  assert.equal(symbols[0]?.detail, 'thread 5412 · NDES-PLUGIN-VERIFY-FALSE');
  assert.equal(symbols[1]?.detail, 'thread 6124 · ok');
  assert.deepEqual(symbols[0].children?.map((c) => c.name), ['Calling VerifyRequest ...', 'Sending request to certificate registration point.', 'Verify challenge returns false']);
  assert.ok(symbols.some((s) => s.detail?.includes('NDES-PLUGIN-403-HTML')), 'the block with the HTML 403 page is marked');
  assertContained(symbols);
});

test('outline: interleaved threads keep their own blocks; plain sentences without threads form one sequence', () => {
  const text = [
    '<![LOG[Calling VerifyRequest ...]LOG]!><time="08:00:00.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="1" file="">',
    '<![LOG[Calling VerifyRequest ...]LOG]!><time="08:00:00.100-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="2" file="">',
    '<![LOG[Exiting VerifyRequest with 0x0]LOG]!><time="08:00:00.200-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="1" file="">',
    '<![LOG[Verify challenge returns false]LOG]!><time="08:00:00.300-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="2" file="">',
  ].join('\n');
  const blocks = pluginCalls(parseDocument(text, { fileName: 'NDESPlugin.log' })).calls;
  assert.deepEqual(blocks.map((b) => [b.thread, b.records, b.exited, b.end]), [['1', [0, 2], true, 'exited'], ['2', [1, 3], false, 'open']]);
  const plain = pluginCalls(parseDocument('Calling Notify ...\nSending\nExiting Notify with 0x0\nstray line\n', { fileName: 'NDESPlugin.log', languageId: 'ndesplugin-log' })).calls;
  assert.deepEqual(plain.map((b) => [b.name, b.records.length]), [['Notify', 3]]);
});

test('outline: svclog records grouped by ActivityID', () => {
  const symbols = outline(sample('CertificateRegistrationPoint_03_05.svclog'), 'CertificateRegistrationPoint_03_05.svclog');
  assert.equal(symbols[0]?.name, 'Activity 3d2b9f4e-71c0-4b8a-9e55-0c6a1d27f813');
  assert.match(symbols[0].detail ?? '', /^3 records · 07:41:26 · NDES-CRP-SIGNING-CERT-MISSING$/);
  assert.ok(symbols.every((s) => s.name.startsWith('Activity ')));
  assertContained(symbols);
});

test('outline: plain text has none', () => {
  assert.deepEqual(outline('hello\nworld\n', 'notes.txt'), []);
});

test('outline: a 300 K-line IIS log is outlined in one pass, children capped with failures kept', () => {
  const header = '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n';
  const lines: string[] = [];
  for (let i = 0; i < 300_000; i++) {
    const failing = i === 299_990;
    lines.push(`2024-03-05 07:41:25 10.0.0.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps 443 - 10.0.${i % 7}.2 UA - ${failing ? '500 0 0' : '200 0 0'} 15`);
  }
  const text = header + lines.join('\n');
  const model = parseDocument(text, { fileName: 'u_ex240305.log' });
  const index = LineIndex.of(text);
  const failing = model.records.findIndex((r) => r.http?.status === 500);
  const findings = [{ ruleId: 'NDES-IIS-500', kind: 'failure', severity: 'error', start: 0, end: 1, message: '', record: failing } as const];
  const started = Date.now();
  const symbols = documentSymbols(model, findings, (o) => index.positionAt(o));
  const ms = Date.now() - started;
  assert.ok(count(symbols) <= 10_000, `${count(symbols)} symbols`);
  const clients = symbols[0]?.children ?? [];
  assert.equal(clients.length, 7);
  for (const c of clients) for (const u of c.children ?? []) assert.ok((u.children?.length ?? 0) <= MAX_SYMBOL_CHILDREN);
  assert.match(clients[0]?.detail ?? '', /42,858 requests/);
  const withFailure = clients.find((c) => c.detail?.includes('1 failed'));
  assert.ok(withFailure?.children?.[0]?.children?.some((r) => r.detail === 'NDES-IIS-500'), 'the failing request is kept when the list is cut');
  assert.ok(ms < 3_000, `outline took ${ms} ms`);
});
