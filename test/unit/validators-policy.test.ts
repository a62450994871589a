import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { validate } from '../../server/src/core/analysis';
import type { ValidatorFinding } from '../../server/src/core/catalogue';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import type { FormatId, LogModel } from '../../server/src/core/types';
import { DEVICE_TO_NDES } from '../../server/src/core/catalogue/deviceToNdes';
import { POLICY_MODULE } from '../../server/src/core/catalogue/policyModule';
import { UNIFIED_CONNECTOR } from '../../server/src/core/catalogue/unifiedConnector';
import { GETCACERT_WITHOUT_GETCACAPS, PLUGIN_CALLS } from '../../server/src/core/catalogue/validators/policyModule';
import { ADMIN_LOGON } from '../../server/src/core/catalogue/validators/adminLogon';
import { POLICY_VALIDATORS } from '../../server/src/core/catalogue/validators';
import { pluginCalls } from '../../server/src/core/pluginCalls';

/** Multi-record validators of the device → NDES and policy-module areas, on whole (small) logs. */

function model(format: FormatId, text: string): LogModel {
  const builder = createModelBuilder(format);
  builder.push(text);
  return builder.end();
}

function hits(text: string, found: readonly { start: number; end: number }[]): string[] {
  return found.map((f) => text.slice(f.start, f.end));
}

const FIELDS = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n';
const IPHONE = 'profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0';
const ANDROID = 'Dalvik/2.1.0+(Linux;+U;+Android+14;+Pixel+7+Build/UQ1A.240205.004)';
const iis = (time: string, op: string, ip: string, agent: string, status = '200 0 0'): string =>
  `2024-03-05 ${time} 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=${op}&message=default 443 - ${ip} ${agent} - ${status} 31\n`;

const GETCACERT = 'NDES-IIS-GETCACERT-WITHOUT-GETCACAPS';
const STUCK = 'NDES-PLUGIN-STUCK-AFTER-SEND';
const ADMIN_401 = 'NDES-IIS-MSCEPADMIN-401-2';
const IN_PROGRESS = 'NDES-PLUGIN-CALL-IN-PROGRESS';
const HEALTH = 'CC-EVT-HEALTH-UPLOAD';
const CERT_EXPIRED = 'CC-CONNECTOR-CERT-EXPIRED';
const SERVICE_ACCOUNT = 'VAL-SERVICE-ACCOUNT';
/** One rule of the policy module's calls (one validator reads them for both). */
const reported = (id: string) => (m: LogModel): ValidatorFinding[] => PLUGIN_CALLS.run(m).filter((f) => f.ruleId === id);
const stuck = reported(STUCK);
const inProgress = reported(IN_PROGRESS);

test('validators: ids match catalogue entries and all are exported for BUILTIN', () => {
  assert.deepEqual(POLICY_VALIDATORS.map((v) => v.ids), [[GETCACERT], [STUCK, IN_PROGRESS], [ADMIN_401], [HEALTH], [CERT_EXPIRED], [SERVICE_ACCOUNT]]);
  assert.ok(DEVICE_TO_NDES.some((s) => s.id === GETCACERT));
  assert.ok(DEVICE_TO_NDES.some((s) => s.id === ADMIN_401 && s.multiRecord === true));
  assert.ok(POLICY_MODULE.some((s) => s.id === STUCK));
  assert.ok(POLICY_MODULE.some((s) => s.id === IN_PROGRESS));
  assert.ok(UNIFIED_CONNECTOR.some((s) => s.id === HEALTH && s.multiRecord === true));
});

test('GetCACert without GetCACaps: a retry after a silent minute and a silent minute are reported on operation=GetCACert', () => {
  const text = FIELDS
    + iis('08:00:00', 'GetCACert', '10.20.40.21', IPHONE)
    + iis('08:01:30', 'GetCACert', '10.20.40.21', IPHONE)
    + iis('08:05:00', 'GetCACaps', '10.20.40.99', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)');
  const found = GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', text));
  assert.equal(found.length, 2);
  assert.deepEqual(hits(text, found), ['operation=GetCACert', 'operation=GetCACert']);
  assert.deepEqual(found.map((f) => f.record), [1, 2]);
  assert.match(found[0]?.message ?? '', /10\.20\.40\.21/);
});

test('GetCACert without GetCACaps: healthy iOS, Android and Windows sequences are not reported', () => {
  const text = FIELDS
    + iis('07:41:25', 'GetCACert', '10.20.40.21', IPHONE)
    + iis('07:41:26', 'GetCACaps', '10.20.40.21', IPHONE)
    + iis('07:41:27', 'PKIOperation', '10.20.40.21', IPHONE)
    + iis('07:58:44', 'GetCACert', '10.20.40.22', ANDROID)
    + iis('07:58:45', 'GetCACert', '10.20.40.22', ANDROID)
    + iis('08:03:17', 'GetCACert', '10.20.40.23', IPHONE)
    + iis('08:03:17', 'GetCACaps', '10.20.40.24', IPHONE)
    + iis('08:03:18', 'GetCACaps', '10.20.40.23', IPHONE)
    // Two iPhones behind one NAT address with one agent, their requests interleaved.
    + iis('08:30:00', 'GetCACert', '10.20.40.26', IPHONE)
    + iis('08:30:00', 'GetCACaps', '10.20.40.26', IPHONE)
    + iis('08:30:00', 'GetCACert', '10.20.40.26', IPHONE)
    + iis('08:30:00', 'GetCACert', '10.20.40.26', IPHONE)
    + iis('08:30:01', 'GetCACaps', '10.20.40.26', IPHONE)
    + iis('09:00:00', 'GetCACaps', '10.20.40.25', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)');
  assert.deepEqual(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', text)), []);
});

test('GetCACert without GetCACaps: behind application proxy connectors one device\'s requests come from several addresses', () => {
  // A connector group balances each request: GetCACert through one connector, GetCACaps through the other.
  const text = FIELDS
    + iis('08:00:00', 'GetCACert', '10.30.0.11', IPHONE)
    + iis('08:00:01', 'GetCACaps', '10.30.0.12', IPHONE)
    + iis('08:00:02', 'PKIOperation', '10.30.0.11', IPHONE)
    + iis('08:04:00', 'GetCACert', '10.30.0.12', IPHONE)
    + iis('08:04:01', 'GetCACaps', '10.30.0.11', IPHONE)
    + iis('08:09:00', 'GetCACaps', '10.30.0.12', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)');
  assert.deepEqual(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', text)), []);
  // Devices that reject the chain ask nothing more, whichever connector they came through.
  const rejected = FIELDS
    + iis('08:00:00', 'GetCACert', '10.30.0.11', IPHONE)
    + iis('08:02:00', 'GetCACert', '10.30.0.12', IPHONE)
    + iis('08:09:00', 'GetCACaps', '10.30.0.12', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)');
  assert.equal(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', rejected)).length, 2);
  // Another address's GetCACaps long after is no answer to it.
  const late = FIELDS
    + iis('08:00:00', 'GetCACert', '10.30.0.11', IPHONE)
    + iis('08:03:00', 'GetCACaps', '10.30.0.12', IPHONE);
  assert.equal(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', late)).length, 1);
  // Nor is another device of the same iOS version half a minute later (iOS asks within a second).
  const another = FIELDS
    + iis('08:00:00', 'GetCACert', '10.30.0.11', IPHONE)
    + iis('08:00:30', 'GetCACaps', '10.30.0.12', IPHONE)
    + iis('08:02:00', 'GetCACaps', '10.30.0.12', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)');
  assert.equal(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', another)).length, 1);
});

test('GetCACert without GetCACaps: failed GetCACert and a GetCACert at the end of the log are left alone', () => {
  const failed = FIELDS
    + iis('08:00:00', 'GetCACert', '10.20.40.21', IPHONE, '500 0 1346')
    + iis('08:00:10', 'GetCACert', '10.20.40.21', IPHONE, '500 0 1346')
    + iis('08:10:00', 'GetCACaps', '10.20.40.30', IPHONE);
  assert.deepEqual(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', failed)), []);
  const last = FIELDS + iis('08:00:00', 'GetCACaps', '10.20.40.30', IPHONE) + iis('08:00:20', 'GetCACert', '10.20.40.21', IPHONE);
  assert.deepEqual(GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', last)), []);
});

test('GetCACert without GetCACaps: the log carries on past other clients\' requests, up to a last line cut off mid-write', () => {
  const text = FIELDS
    + iis('08:00:00', 'GetCACert', '10.20.40.21', IPHONE)
    + iis('08:30:00', 'GetCACaps', '10.20.40.99', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)')
    + iis('09:00:00', 'GetCACaps', '10.20.40.99', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)')
    + '2024-03-05 09:00:01 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACa';
  const found = GETCACERT_WITHOUT_GETCACAPS.run(model('iis-w3c-log', text));
  assert.deepEqual(hits(text, found), ['operation=GetCACert']);
});

test('GetCACert without GetCACaps: doc-style lines without date, wrapped or pasted as plain text', () => {
  const text = [
    '<IP_address> GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 -',
    `<IP_address> ${IPHONE} - 200 0 0 31`,
    `<IP_address> GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - <IP_address> ${IPHONE} - 200 0 0 15`,
    '',
  ].join('\n');
  for (const format of ['iis-w3c-log', 'plain-text'] as const) {
    const found = GETCACERT_WITHOUT_GETCACAPS.run(model(format, text));
    assert.deepEqual(hits(text, found), ['operation=GetCACert'], format);
    assert.equal(found[0]?.start, text.indexOf('operation=GetCACert'), format);
  }
  const at = text.lastIndexOf('operation=GetCACert');
  const healthy = text.slice(0, at) + 'operation=GetCACaps' + text.slice(at + 'operation=GetCACert'.length);
  assert.deepEqual(GETCACERT_WITHOUT_GETCACAPS.run(model('plain-text', healthy)), []);
});

test('GetCACert without GetCACaps: validate() reports it with the catalogue entry\'s severity', () => {
  const text = FIELDS + iis('08:00:00', 'GetCACert', '10.20.40.21', IPHONE) + iis('08:01:40', 'GetCACert', '10.20.40.21', IPHONE);
  const parsed = parseDocument(text, { fileName: 'u_ex240305.log' });
  const findings = validate(parsed, undefined, { signatures: DEVICE_TO_NDES, validators: POLICY_VALIDATORS })
    .filter((f) => f.ruleId === GETCACERT);
  const [only] = findings;
  assert.ok(only && findings.length === 1);
  assert.equal(only.severity, 'error');
  assert.equal(only.kind, 'failure');
  const off = validate(parsed, { rules: { [GETCACERT]: 'off' } }, { signatures: DEVICE_TO_NDES, validators: POLICY_VALIDATORS });
  assert.ok(!off.some((f) => f.ruleId === GETCACERT));
});

const admin = (time: string, client: string, user: string, status: string): string =>
  `2024-03-05 ${time} 10.20.30.11 GET /certsrv/mscep_admin/ - 443 ${user} ${client} Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - ${status} 12\n`;
const adminNotes = (text: string): readonly ValidatorFinding[] => ADMIN_LOGON.run(model('iis-w3c-log', text));

test('admin logon: the 401.2 → 401.1 → 200 handshake of a Windows logon is silent, from the same client only', () => {
  const handshake = admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:14:38', '10.20.5.5', '-', '401 1 2148074254') + admin('07:14:38', '10.20.5.5', 'CONTOSO\\ndesadmin', '200 0 0');
  assert.deepEqual(adminNotes(FIELDS + handshake), []);
  // A redirect that adds the slash also answers the logon.
  assert.deepEqual(adminNotes(FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:14:39', '10.20.5.5', 'CONTOSO\\ndesadmin', '301 0 0')), []);
  // Another client's success does not answer this one's 401.2.
  const other = FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:14:38', '10.20.5.9', 'CONTOSO\\ndesadmin', '200 0 0');
  const found = adminNotes(other);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.start, other.indexOf('GET /certsrv/mscep_admin/'));
  assert.equal(found[0].end, other.indexOf('GET /certsrv/mscep_admin/') + 'GET /certsrv/mscep_admin/'.length);
});

test('admin logon: a failed logon, a visit left at the prompt and a success long after are reported', () => {
  const failed = FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:14:40', '10.20.5.5', '-', '401 1 1326');
  assert.equal(adminNotes(failed).length, 1);
  assert.equal(adminNotes(FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5')).length, 1);
  const late = FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:20:38', '10.20.5.5', 'CONTOSO\\ndesadmin', '200 0 0');
  assert.equal(adminNotes(late).length, 1);
  const withinFive = FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:18:38', '10.20.5.5', 'CONTOSO\\ndesadmin', '200 0 0');
  assert.deepEqual(adminNotes(withinFive), []);
});

test('admin logon: pasted lines without a client address pair with any answered request; the scan forks', () => {
  const pasted = 'GET /certsrv/mscep_admin - 80 - <IP_address> Mozilla/5.0 -  401  2  5  0\n';
  assert.equal(adminNotes(pasted).length, 1);
  assert.deepEqual(adminNotes(pasted + 'GET /certsrv/mscep_admin/ - 80 CONTOSO\\admin <IP_address> Mozilla/5.0 -  200  0  0  15\n'), []);
  // A fork reads on from where the scan stopped; the original keeps its open 401.2.
  const m = model('iis-w3c-log', FIELDS + admin('07:14:38', '10.20.5.5', '-', '401 2 5') + admin('07:14:39', '10.20.5.5', 'CONTOSO\\ndesadmin', '200 0 0'));
  const scan = ADMIN_LOGON.start();
  const [directive, challenge, answer] = m.records;
  assert.ok(directive && challenge && answer);
  scan.step(directive, 0);
  scan.step(challenge, 1);
  const fork = scan.fork();
  fork.step(answer, 2);
  assert.equal(scan.results().length, 1);
  assert.equal(fork.results().length, 0);
});

const SEND = 'Sending request to certificate registration point.';

const cm = (msg: string, thread: number, time: string): string =>
  `<![LOG[${msg}]LOG]!><time="${time}.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="${thread}" file="">\n`;

test('stuck after send: a log that stops at "Sending request" is in progress there, not stuck', () => {
  const text = `Calling VerifyRequest ...\n${SEND}\n`;
  for (const format of ['ndesplugin-log', 'plain-text'] as const) {
    assert.deepEqual(stuck(model(format, text)), [], format);
    const found = inProgress(model(format, text));
    assert.deepEqual(hits(text, found), ['Sending request to certificate registration point'], format);
    assert.equal(found[0]?.record, 1);
    assert.match(found.map((f) => f.message).join(), /waiting for the certificate registration point's answer/);
  }
  // Microsoft's Notify success sequence: sent, then exited with 0x0. Nothing to say.
  const notify = `Calling Notifyrequest ...\n${SEND}\nExiting Notify with 0x0\n`;
  assert.deepEqual(stuck(model('ndesplugin-log', notify)), []);
  assert.deepEqual(inProgress(model('ndesplugin-log', notify)), []);
});

test('stuck after send: an open call is over once the log goes on long after it', () => {
  const waiting = cm('Calling VerifyRequest ...', 5412, '08:41:26') + cm(SEND, 5412, '08:41:26');
  const soon = waiting + cm('Calling Notifyrequest ...', 6124, '08:43:00') + cm(SEND, 6124, '08:43:00') + cm('Exiting Notify with 0x0', 6124, '08:43:01');
  assert.deepEqual(stuck(model('ndesplugin-log', soon)), [], 'two minutes later the call may still be waiting');
  assert.equal(inProgress(model('ndesplugin-log', soon)).length, 1);
  const later = waiting + cm('Calling Notifyrequest ...', 6124, '08:52:00') + cm(SEND, 6124, '08:52:00') + cm('Exiting Notify with 0x0', 6124, '08:52:01');
  const found = stuck(model('ndesplugin-log', later));
  assert.equal(found.length, 1);
  assert.equal(found[0]?.start, later.indexOf(SEND));
  assert.match(found.map((f) => f.message).join(), /goes on 11 minutes later/);
  assert.deepEqual(inProgress(model('ndesplugin-log', later)), []);
});

test('stuck after send: a request abandoned before the next one is reported, the answered one is not', () => {
  // Nothing after the first send is answered: the registration point answers nobody.
  const text = `Calling VerifyRequest ...\n${SEND}\nCalling VerifyRequest ...\n${SEND}\n`;
  const found = stuck(model('ndesplugin-log', text));
  const [only] = found;
  assert.ok(only && found.length === 1);
  assert.equal(only.start, text.indexOf(SEND));
  assert.match(only.message, /next call started/);
  // More calls began and were answered after it than are ever served at once: it is over.
  const answered = `Calling VerifyRequest ...\n${SEND}\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n`;
  const abandoned = `Calling VerifyRequest ...\n${SEND}\n${answered.repeat(17)}`;
  const late = stuck(model('ndesplugin-log', abandoned));
  assert.equal(late.length, 1);
  assert.equal(late[0]?.start, abandoned.indexOf(SEND));
  // Two sends of one call in a fragment, then its answer: the call was answered.
  const twice = `${SEND}\n${SEND}\nVerify challenge returns false\n`;
  assert.deepEqual(stuck(model('ndesplugin-log', twice)), []);
});

test('stuck after send: plain lines of two requests served at once interleave; the late answer belongs to the interrupted call', () => {
  // A VerifyRequest waits for its answer while a Notify runs; then the VerifyRequest is answered and exits.
  const text = `Calling VerifyRequest ...\n${SEND}\nCalling Notifyrequest ...\n${SEND}\nExiting Notify with 0x0\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n`;
  assert.deepEqual(stuck(model('ndesplugin-log', text)), []);
  assert.deepEqual(inProgress(model('ndesplugin-log', text)), []);
  // Two VerifyRequests: the second is answered first, the first answer comes after it.
  const two = `Calling VerifyRequest ...\n${SEND}\nCalling VerifyRequest ...\n${SEND}\nVerify challenge returns true\nExiting VerifyRequest with 0x0\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n`;
  assert.deepEqual(stuck(model('ndesplugin-log', two)), []);
  // The log was copied there: the VerifyRequest may still be waiting while the later Notify is done
  // (the registration point answers), so it is in progress, not stuck.
  const copied = `Calling VerifyRequest ...\n${SEND}\nCalling Notifyrequest ...\n${SEND}\nExiting Notify with 0x0\n`;
  assert.deepEqual(stuck(model('ndesplugin-log', copied)), []);
  assert.deepEqual(inProgress(model('ndesplugin-log', copied)).map((f) => f.start), [copied.indexOf(SEND)]);
});

test('stuck after send: three or more plain-line requests at once finish without a stuck call or a call left open', () => {
  // Two Notify calls at once: the second sends and exits first, then the first. Each send and exit
  // belongs to a call that has not had one; none may go to a call the log would begin inside of.
  const notify = `Calling Notifyrequest ...\nCalling Notifyrequest ...\n${SEND}\nExiting Notify with 0x0\n${SEND}\nExiting Notify with 0x0\n`;
  // A Notify, a VerifyRequest and a Notify: a later send comes while the current call has sent already.
  const three = `Calling Notifyrequest ...\nCalling VerifyRequest ...\nCalling Notifyrequest ...\n${SEND}\nExiting Notify with 0x0\n${SEND}\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n${SEND}\nExiting Notify with 0x0\n`;
  for (const text of [notify, three]) {
    const m = model('ndesplugin-log', text);
    assert.deepEqual(stuck(m), [], text);
    assert.deepEqual(inProgress(m), [], text);
    assert.deepEqual(pluginCalls(m).calls.map((c) => [c.calling !== undefined, c.exited]), text.split('Calling').slice(1).map(() => [true, true]), text);
  }
});

test('stuck after send: plain-line calls that never exit are kept waiting only while few', () => {
  // A log that writes no Exiting line: every new call interrupts the last. Answered ones are no failure,
  // however many; an unanswered one past the waiting list's size is over without an answer.
  const answered = `Calling VerifyRequest ...\n${SEND}\nVerify challenge returns true\n`.repeat(200);
  assert.deepEqual(stuck(model('ndesplugin-log', answered)), []);
  const lost = `Calling VerifyRequest ...\n${SEND}\n${answered}`;
  const found = stuck(model('ndesplugin-log', lost));
  assert.equal(found.length, 1);
  assert.equal(found[0]?.start, lost.indexOf(SEND));
});

test('stuck after send: CMTrace threads are followed separately', () => {
  const line = cm;
  const text = line('Calling VerifyRequest ...', 5412, '08:41:26')
    + line(SEND, 5412, '08:41:26')
    + line('Calling VerifyRequest ...', 6124, '08:41:27')
    + line(SEND, 6124, '08:41:27')
    + line('Verify challenge returns true', 6124, '08:41:28')
    + line('Exiting VerifyRequest with 0x0', 6124, '08:41:28')
    + line('Calling VerifyRequest ...', 5412, '08:52:10')
    + line(SEND, 5412, '08:52:10')
    + line('Verify challenge returns true', 5412, '08:52:11');
  const found = stuck(model('ndesplugin-log', text));
  assert.equal(found.length, 1);
  assert.equal(found[0]?.start, text.indexOf(SEND));
});

test('stuck after send: answered requests, HTML pages and other failures are not reported', () => {
  const cases = [
    `Calling VerifyRequest ...\n${SEND}\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n`,
    `Calling VerifyRequest ...\n${SEND}\nVerify challenge returns false\n`,
    `${SEND}\nVerify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"> <html xmlns="http://www.w3.org/1999/xhtml"> <head>\n<title>403 - Forbidden: Access is denied.</title>\n`,
    `${SEND}\nWINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID\nFailed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175\n`,
    'Calling VerifyRequest ...\nExiting VerifyRequest with 0x0\n',
  ];
  for (const text of cases) assert.deepEqual(stuck(model('ndesplugin-log', text)), [], text);
});

test('stuck after send: validate() runs the call rules on pasted text and takes severity from the catalogue', () => {
  const pasted = `ticket: the plugin log ends with\nCalling VerifyRequest ...\n${SEND}\nCalling VerifyRequest ...\n`;
  const findings = validate(parseDocument(pasted, { fileName: 'notes.txt' }), undefined, { signatures: POLICY_MODULE, validators: POLICY_VALIDATORS });
  const stuck = findings.filter((f) => f.ruleId === STUCK);
  assert.equal(stuck.length, 1);
  assert.equal(stuck[0]?.severity, 'error');
  const open = validate(parseDocument(`ticket: the plugin log ends with\n${SEND}\n`, { fileName: 'notes.txt' }), undefined, { signatures: POLICY_MODULE, validators: POLICY_VALIDATORS });
  assert.deepEqual(open.filter((f) => f.kind === 'failure').map((f) => [f.ruleId, f.severity]), [[IN_PROGRESS, 'info']]);
  const iisLog = parseDocument(FIELDS + iis('08:00:00', 'GetCACaps', '10.1.1.1', IPHONE), { fileName: 'u_ex240305.log' });
  assert.deepEqual(validate(iisLog, undefined, { signatures: POLICY_MODULE, validators: [PLUGIN_CALLS] }).filter((f) => f.ruleId === STUCK), []);
});

test('validators stay fast on a 40 KB PKIOperation line repeated', () => {
  const message = 'MIIK'.repeat(10_000);
  const line = iis('08:00:00', `PKIOperation&message=${message}`, '10.20.40.21', IPHONE);
  const text = FIELDS + line.repeat(50);
  const parsed = model('iis-w3c-log', text);
  const t0 = Date.now();
  for (const v of POLICY_VALIDATORS) v.run(parsed);
  assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
});

test('validators: requests left open keep where they are, not their records (nor the text those were cut from)', () => {
  // In a child with --expose-gc: 40 chunks of 1 MB, read as Node reads a file (external strings),
  // each with a request that stays open to the end. The chunks must be collectable once read.
  const script = `
    const { SCANNERS } = require(${JSON.stringify(require.resolve('../../server/src/core/formats'))});
    const { POLICY_VALIDATORS } = require(${JSON.stringify(require.resolve('../../server/src/core/catalogue/validators'))});
    const cases = {
      'NDES-IIS-MSCEPADMIN-401-2': (i) => ${JSON.stringify(FIELDS)} + '2024-03-05 00:' + String(i).padStart(2, '0') + ':00 10.20.30.11 GET /certsrv/mscep_admin/ - 443 - 10.9.' + i + '.7 Mozilla/5.0 - 401 2 5 3\\n',
      'NDES-IIS-GETCACERT-WITHOUT-GETCACAPS': (i) => ${JSON.stringify(FIELDS)} + '2024-03-05 00:' + String(i).padStart(2, '0') + ':00 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACert&message=default 443 - 10.9.' + i + '.7 ${IPHONE} - 200 0 0 12\\n',
      'CC-EVT-HEALTH-UPLOAD': (i) => '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>5001</EventID><Level>3</Level><TimeCreated SystemTime="2024-03-05T00:' + String(i).padStart(2, '0') + ':00.0000000Z"/><Computer>NDES' + i + '.contoso.com</Computer></System></Event>\\n',
      'CC-CONNECTOR-CERT-EXPIRED': (i) => 'Certificate is expired! Expiration date: 03/01/2024 10:' + String(i).padStart(2, '0') + ':00\\n',
      'VAL-SERVICE-ACCOUNT': (i) => 'NDES Service Account is not a member of the local IIS_IUSR group ' + String(i) + '\\n',
      'NDES-PLUGIN-STUCK-AFTER-SEND': (i) => '<![LOG[Sending request to certificate registration point.]LOG]!><time="07:41:27.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="' + (1000 + i) + '" file="">\\n',
    };
    const out = {};
    for (const v of POLICY_VALIDATORS) {
      const format = v.formats[0];
      const line = cases[v.ids[0]];
      const scan = v.start();
      let index = 0;
      let offset = 0;
      for (let i = 0; i < 40; i++) {
        const chunk = Buffer.from(line(i) + 'x'.repeat(1024 * 1024) + '\\n').toString('latin1');
        const scanner = SCANNERS[format]({ record: (r) => scan.step(r, index++), problem() {} }, { offset, line: 0 });
        scanner.push(chunk);
        scanner.end();
        offset += chunk.length;
      }
      // A last line an hour later: every request left open is over by then.
      scan.step({ kind: 'entry', start: offset, end: offset + 1, line: 0, text: 'Calling VerifyRequest ... 2024-03-05 09:00:00 x', time: '2024-03-05T09:00:00Z' }, index++);
      global.gc();
      out[v.ids[0]] = { findings: scan.results().length, externalMB: process.memoryUsage().external / 1e6 };
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, { findings: number; externalMB: number }>;
  // The 40 requests stayed open and are reported; the policy module's calls add the last line's call, in progress.
  const expected: Record<string, number> = { [STUCK]: 41 };
  for (const v of POLICY_VALIDATORS) {
    const id = v.ids[0] ?? '';
    const o = out[id];
    assert.ok(o, id);
    assert.equal(o.findings, expected[id] ?? 40, `${id}: every request stayed open and is reported`);
    assert.ok(o.externalMB < 10, `${id} keeps ${o.externalMB.toFixed(0)} MB of read text alive`);
  }
});
