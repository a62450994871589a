import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { fixturePath } from '../support/paths';
import { repeatedRevokeFailures } from '../support/events';
import { StdioLspClient } from './client';

/** The bundled server over stdio with a real protocol client: open, diagnostics, hover, code actions. */
let client: StdioLspClient;
before(async () => {
  client = new StdioLspClient({ showSuccessMarkers: true });
  const init = await client.initialize();
  assert.equal(init.capabilities.hoverProvider, true);
  assert.ok(init.capabilities.codeActionProvider);
});
after(async () => { await client.stop(); });

const LANGUAGE: Record<string, string> = { '.log': 'log', '.svclog': 'wcf-svclog' };

test('lsp: each seed excerpt, saved as its log file, yields exactly its rule ids', async () => {
  const expected = JSON.parse(readFileSync(fixturePath('golden/seeds/expected-rules.json'), 'utf8')) as Record<string, string[]>;
  for (const [rel, ids] of Object.entries(expected)) {
    const path = fixturePath('golden/seeds', rel);
    const uri = pathToFileURL(path).toString();
    const ext = basename(path).slice(basename(path).lastIndexOf('.'));
    const diagnostics = await client.open(uri, LANGUAGE[ext] ?? 'plaintext', readFileSync(path, 'utf8'));
    assert.deepEqual([...new Set(diagnostics.map((d) => String(d.code)))].sort(), [...ids].sort(), rel);
    for (const d of diagnostics) {
      assert.equal(d.source, 'ndes-lens');
      assert.match(d.codeDescription?.href ?? '', /^https:\/\/learn\.microsoft\.com\//);
    }
    await client.close(uri);
  }
});

test('lsp: hover and code actions on the IIS 403.16 line', async () => {
  const uri = 'file:///evidence/u_ex200130.log';
  const text = '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31\n';
  const diagnostics = await client.open(uri, 'iis-w3c-log', text);
  const d = diagnostics.find((x) => x.code === 'NDES-IIS-CRP-403-16');
  assert.ok(d, JSON.stringify(diagnostics));
  const h = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
  const value = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(value, /0x800B0109/);
  assert.match(value, /CERT_E_UNTRUSTEDROOT/);
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(actions.map((a) => a.command?.command), ['ndesLens.showGuidance', 'ndesLens.copyRemediation']);
  await client.close(uri);
});

test('lsp: settings apply without restart (success markers off, rule off)', async () => {
  const uri = 'file:///evidence/NDESPlugin.log';
  const text = 'Calling VerifyRequest ...\nVerify challenge returns false\n';
  assert.deepEqual((await client.open(uri, 'ndesplugin-log', text)).map((d) => d.code), ['NDES-PLUGIN-VERIFY-SENT', 'NDES-PLUGIN-VERIFY-FALSE']);
  let next = client.nextDiagnostics(uri);
  await client.setSettings({ showSuccessMarkers: false });
  assert.deepEqual((await next).map((d) => d.code), ['NDES-PLUGIN-VERIFY-FALSE']);
  next = client.nextDiagnostics(uri);
  await client.setSettings({ showSuccessMarkers: false, rules: { 'NDES-PLUGIN-VERIFY-FALSE': 'off' } });
  assert.ok(!(await next).some((d) => d.code === 'NDES-PLUGIN-VERIFY-FALSE'), 'a rule set to off is not reported');
  await client.setSettings({ showSuccessMarkers: true });
  await client.close(uri);
});

test('lsp: bad input never takes the server down', async () => {
  const binary = await client.open('file:///evidence/NDESPlugin-bin.log', 'log', '\u0000\u0001\u0002'.repeat(2000));
  assert.deepEqual(binary.map((d) => d.code), ['NDES-LENS-UNPARSEABLE']);
  const truncated = await client.open('file:///evidence/t.svclog', 'wcf-svclog', '<E2ETraceEvent><ApplicationData>VerifyRequest Finished with status False');
  assert.deepEqual(truncated.map((d) => d.code), ['NDES-LENS-TRUNCATED-RECORD', 'NDES-CRP-VERIFY-FINISHED-FALSE']);
  const empty = await client.open('file:///evidence/NDESPlugin-empty.log', 'ndesplugin-log', '');
  assert.deepEqual(empty.map((d) => d.code), ['NDES-LENS-EMPTY']);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///not-open.log' }, position: { line: 99, character: 0 } });
  assert.equal(hover, null);
});

test('lsp: a log written in steps (appends, a half line, an edit) always has the diagnostics of a fresh open', async () => {
  const uri = 'file:///evidence/steps/NDESPlugin.log';
  const cm = (message: string, thread: number): string =>
    `<![LOG[${message}]LOG]!><time="08:14:02.123+000" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="${thread}" file="">\r\n`;
  let text = '';
  for (let i = 0; text.length < 70_000; i++) text += cm('Calling VerifyRequest ...', i % 4) + cm('Sending request to certificate registration point.', i % 4) + cm('Verify challenge returns true', i % 4);
  await client.open(uri, 'ndesplugin-log', text);
  let version = 1;
  let copies = 0;
  const endOf = (t: string): { line: number; character: number } => {
    const lines = t.split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
  };
  /** Applies one change, then checks the diagnostics against the same text opened fresh. */
  const step = async (what: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, insert: string, next: string): Promise<string[]> => {
    version++;
    const done = client.nextDiagnostics(uri, version);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
    const got = await done;
    text = next;
    const copy = `file:///evidence/steps/copy-${copies++}/NDESPlugin.log`;
    const fresh = await client.open(copy, 'ndesplugin-log', text);
    await client.close(copy);
    assert.deepEqual(got.map((d) => [d.code, d.range, d.message]), fresh.map((d) => [d.code, d.range, d.message]), what);
    return got.map((d) => String(d.code));
  };
  const append = async (what: string, more: string): Promise<string[]> => {
    const end = endOf(text);
    return step(what, { start: end, end }, more, text + more);
  };
  // Thread 9 sends and hears nothing: at the end of the log the call is in progress...
  assert.ok((await append('send without answer', cm('Calling VerifyRequest ...', 9) + cm('Sending request to certificate registration point.', 9))).includes('NDES-PLUGIN-CALL-IN-PROGRESS'));
  // ...while another thread goes on, it still hears nothing...
  assert.ok((await append('another thread', cm('Verify challenge returns true', 3))).includes('NDES-PLUGIN-CALL-IN-PROGRESS'));
  // ...half of the answer arrives (a writer flushing mid-line), then the rest: the report goes away.
  const answer = cm('Verify challenge returns false', 9);
  await append('half a line', answer.slice(0, 30));
  const codes = await append('the rest of the line', answer.slice(30));
  assert.ok(!codes.includes('NDES-PLUGIN-CALL-IN-PROGRESS'), codes.join());
  assert.ok(codes.includes('NDES-PLUGIN-VERIFY-FALSE'), codes.join());
  // An edit inside the log (not at its end) is read again in full.
  const at = { line: 1, character: 7 };
  const lines = text.split('\r\n');
  const offset = (lines[0] ?? '').length + 2 + 7;
  await step('edit in the middle', { start: at, end: at }, 'Exiting VerifyRequest with 0x80070057 ', text.slice(0, offset) + 'Exiting VerifyRequest with 0x80070057 ' + text.slice(offset));
  // And appending goes on working after it.
  assert.ok((await append('send again after the edit', cm('Sending request to certificate registration point.', 11))).includes('NDES-PLUGIN-CALL-IN-PROGRESS'));
  // Thread 11 starts its next call without an answer to the last: now the call is stuck.
  const next = await append('the next call on that thread', cm('Calling VerifyRequest ...', 11));
  assert.ok(next.includes('NDES-PLUGIN-STUCK-AFTER-SEND'), next.join());
  await client.close(uri);
});

test('lsp: text appended to an open log (a log being written) gives the findings of a full re-read', async () => {
  const uri = 'file:///evidence/growing/NDESPlugin.log';
  const block = (i: number): string => `Calling VerifyRequest ... ${i}\nSending request to certificate registration point.\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n`;
  let text = '';
  for (let i = 0; text.length < 70_000; i++) text += block(i);
  const first = await client.open(uri, 'ndesplugin-log', text);
  assert.ok(!first.some((d) => d.code === 'NDES-PLUGIN-VERIFY-FALSE'));
  const tail = 'Calling VerifyRequest ... last\nSending request to certificate registration point.\nVerify challenge returns false\n';
  const end = { line: text.split('\n').length - 1, character: 0 };
  const next = client.nextDiagnostics(uri, 2);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: end, end }, text: tail }] });
  const appended = await next;
  const falseAt = appended.find((d) => d.code === 'NDES-PLUGIN-VERIFY-FALSE');
  assert.ok(falseAt, JSON.stringify(appended.map((d) => d.code)));
  assert.equal(falseAt.range.start.line, end.line + 2);
  // The same text opened fresh gives the same diagnostics.
  const fresh = await client.open('file:///evidence/growing/NDESPlugin-copy.log', 'ndesplugin-log', text + tail);
  assert.deepEqual(appended.map((d) => [d.code, d.range]), fresh.map((d) => [d.code, d.range]));
  await client.close(uri);
  await client.close('file:///evidence/growing/NDESPlugin-copy.log');
});

test('lsp: 1,600 identical failures publish one problem with the count, the repeats as hints linked to it', async () => {
  const uri = 'file:///evidence/connector-events.xml';
  const diagnostics = await client.open(uri, 'windows-event-log', repeatedRevokeFailures(1600));
  const problems = diagnostics.filter((d) => d.severity !== 4);
  assert.deepEqual(problems.map((d) => [d.range.start.line, /1,600 times/.test(d.message)]), [[1, true], [1601, false]]);
  assert.equal(problems[0]?.relatedInformation?.[0]?.location.uri, uri);
  assert.equal(diagnostics.filter((d) => d.severity === 4).length, diagnostics.length - 2);
  await client.close(uri);
});
