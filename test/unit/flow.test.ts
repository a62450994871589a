import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { analyseFlow } from '../../server/src/core/flow';
import { buildHandOff } from '../../server/src/core/report/handoff';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { parseTime } from '../../server/src/core/time';
import { validate } from '../../server/src/core/analysis';
import { readFolder } from '../support/folder';
import { fixturePath } from '../support/paths';

interface Expected {
  readonly firstFailure: { readonly stage: number; readonly ruleId: string } | null;
  readonly ok: readonly number[];
  readonly gaps?: readonly string[];
}

const expected = JSON.parse(readFileSync(fixturePath('flow/scenarios/expected.json'), 'utf8')) as Record<string, Expected>;

for (const [scenario, want] of Object.entries(expected)) {
  test(`flow ${scenario}: names the first failing stage and rule, with evidence from every log that holds some`, () => {
    const files = readFolder(fixturePath('flow/scenarios', scenario));
    const result = analyseFlow(files);
    assert.deepEqual(result.firstFailure && { stage: result.firstFailure.stage, ruleId: result.firstFailure.ruleId }, want.firstFailure);
    for (const stage of want.ok) assert.equal(result.stages[stage - 1]?.status, 'ok', `stage ${stage} of ${scenario}`);
    if (want.firstFailure) {
      assert.equal(result.stages[want.firstFailure.stage - 1]?.status, 'failed');
      for (const s of result.stages.filter((x) => x.stage > (want.firstFailure?.stage ?? 7))) assert.notEqual(s.status, 'failed');
      assert.match(result.verdict, new RegExp(`^SCEP: stage ${want.firstFailure.stage} failed — `));
    } else {
      assert.match(result.verdict, /^SCEP: no failure found/);
    }
    if (want.gaps) assert.deepEqual(result.gaps.map((g) => g.ruleId ?? g.kind), want.gaps);
    const withEvidence = new Set(result.stages.flatMap((s) => s.evidence.map((e) => basename(e.path))));
    for (const f of files) if (f.findings.some((x) => x.kind !== 'notice')) assert.ok(withEvidence.has(basename(f.path)), `${basename(f.path)} holds evidence`);
  });
}

test('flow: plugin local time is placed by pairing its calls with IIS (UTC)', () => {
  const result = analyseFlow(readFolder(fixturePath('flow/scenarios/healthy')));
  const plugin = result.clockOffsets.find((c) => c.path.endsWith('NDESPlugin.log'));
  assert.ok(plugin);
  assert.equal(plugin.offsetMinutes, 60);
  assert.equal(plugin.pairs, 1);
  assert.ok(plugin.disagreementSeconds <= 1);
  const svclog = result.clockOffsets.find((c) => c.path.endsWith('.svclog'));
  assert.equal(svclog?.offsetMinutes, 0);
});

test('flow: a failure is linked to the other kinds of log only, not to a second log of its own kind', () => {
  const files = readFolder(fixturePath('flow/scenarios/intermediate-in-root'));
  const iis = files.find((f) => f.path.endsWith('.log') && f.model.format === 'iis-w3c-log');
  assert.ok(iis);
  const result = analyseFlow([...files, { ...iis, path: iis.path.replace('u_ex240305', 'u_ex240305-copy') }]);
  for (const link of result.links.filter((l) => l.from.ruleId === 'NDES-IIS-CRP-403-16')) {
    assert.deepEqual(link.to.map((t) => t.ruleId), ['NDES-PLUGIN-403-HTML']);
  }
});

test('flow: the plugin 403 finding is linked to the IIS 403.16 line of the same request, and back', () => {
  const result = analyseFlow(readFolder(fixturePath('flow/scenarios/intermediate-in-root')));
  const fromPlugin = result.links.find((l) => l.from.ruleId === 'NDES-PLUGIN-403-HTML');
  assert.deepEqual(fromPlugin?.to.map((t) => t.ruleId), ['NDES-IIS-CRP-403-16']);
  const fromIis = result.links.find((l) => l.from.ruleId === 'NDES-IIS-CRP-403-16');
  assert.deepEqual(fromIis?.to.map((t) => t.ruleId), ['NDES-PLUGIN-403-HTML']);
  assert.deepEqual(result.gaps.map((g) => g.ruleId), ['NDES-FLOW-NO-CRP-TRACE']);
});

function flowOf(files: Record<string, string>): ReturnType<typeof analyseFlow> {
  return analyseFlow(Object.entries(files).map(([path, text]) => {
    const model = parseDocument(text, { fileName: path });
    const lines = LineIndex.of(text);
    return { path, model, findings: validate(model), positionAt: (o: number) => lines.positionAt(o) };
  }));
}

test('flow: a call that never exits is reported, and missing sources are named', () => {
  // Plain lines have no thread: the first call is over once more calls than are ever served at once began after it.
  const answered = 'Calling VerifyRequest ...\nSending request to certificate registration point.\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n';
  const result = flowOf({ 'NDESPlugin.log': `Calling VerifyRequest ...\n${answered.repeat(17)}` });
  assert.deepEqual(result.gaps.map((g) => g.ruleId ?? g.kind), ['NDES-FLOW-NO-EXIT', 'missing-source', 'missing-source']);
  assert.equal(result.gaps[0]?.line, 1);
  assert.equal(result.verdict, 'SCEP: no failure found — evidence up to stage 3 (NDES → policy module)');
});

test('flow: a block whose failure is already reported gets no second finding for its missing success line', () => {
  const send = 'Sending request to certificate registration point.';
  const answered = `Calling VerifyRequest ...\n${send}\nVerify challenge returns true\nExiting VerifyRequest with 0x0\n`;
  const result = flowOf({ 'NDESPlugin.log': `Calling VerifyRequest ...\n${send}\n${answered.repeat(17)}` });
  assert.equal(result.firstFailure?.ruleId, 'NDES-PLUGIN-STUCK-AFTER-SEND');
  assert.ok(!result.gaps.some((g) => g.ruleId === 'NDES-FLOW-NO-EXIT'));
  assert.ok(result.gaps.some((g) => g.ruleId === 'NDES-FLOW-NO-CRP-TRACE'));
});

test('flow: IIS lines pasted without a header are IIS evidence, not a missing IIS log', () => {
  // Microsoft's device-to-NDES article prints its IIS lines this way: no #Fields, no date.
  const line = 'fe80::5cd3:8cd8:ae7a:6fdb%13 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 80 - fe80::5cd3:8cd8:ae7a:6fdb%13 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 186';
  const result = flowOf({ 'article.txt': `${line}\n` });
  assert.equal(result.stages[1]?.status, 'ok');
  assert.ok(!result.gaps.some((g) => g.message.startsWith('No IIS log')), result.gaps.map((g) => g.message).join('\n'));
  // Without any IIS evidence the gap stays.
  assert.ok(flowOf({ 'note.txt': 'nothing here\n' }).gaps.some((g) => g.message.startsWith('No IIS log')));
});

test('flow: a pasted line of the connector\'s own trace is no CertificateRegistrationPoint trace', () => {
  const crpGap = (r: ReturnType<typeof analyseFlow>): boolean => r.gaps.some((g) => g.message.startsWith('No CertificateRegistrationPoint_*.svclog'));
  // NDESConnector_*.svclog's PKCS line: another file than the CRP's, which stays missing.
  assert.ok(crpGap(flowOf({ 'ticket.txt': 'IssuePfx - CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\n' })));
  // The CRP's own line pasted is that trace.
  assert.ok(!crpGap(flowOf({ 'ticket.txt': 'Signing certificate could not be retrieved. System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.\n' })));
});

test('flow: sscep\'s "illegal size of payload" after a refusal the CA made is placed with the CA\'s denial', () => {
  // sscep issue 144's run: FAILURE, badRequest, then the empty reply; the CA's denial is in its own log.
  const sscep = ['sscep: pkistatus: FAILURE', 'sscep: reason: Transaction not permitted or supported', 'sscep: illegal size of payload'].join('\n');
  const denial = 'Active Directory Certificate Services denied request 57 because The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH).  The request was for CN=dev.  Additional information: Denied by Policy Module';
  const result = flowOf({ 'sscep.txt': `${sscep}\n`, 'ca-events.txt': `${denial}\n` });
  assert.equal(result.firstFailure?.stage, 4);
  assert.equal(result.firstFailure.ruleId, 'CA-EVT-53-DENIED');
  assert.notEqual(result.stages[1]?.status, 'failed');
});

test('flow: a CA denial quoted by CertEnroll event 87 is the CA\'s failure (stage 4), not the device\'s', () => {
  // gradenegger.eu's event 87 page: the CA refused the key size.
  const event87 = [
    'SCEP Certificate enrollment for INTRA\\rudi via http://ndes01.intra.adcslabor.de/certsrv/mscep/mscep.dll/pkiclient.exe failed:',
    '', 'PkiStatus(2): SCEPDispositionFailure', 'FailInfo(2): SCEPFailBadRequest', 'EnrollStatus(256): EnrollDenied',
    'The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module ProcessResponseMessage',
  ].join('\n');
  const result = flowOf({ 'event87.txt': `${event87}\n` });
  assert.equal(result.firstFailure?.stage, 4);
  assert.equal(result.firstFailure.ruleId, 'CA-EVT-53-DENIED');
  assert.notEqual(result.stages[1]?.status, 'failed');
});

test('flow: CertEnroll event 86 (no request sent) stays at stage 2 beside another request\'s CA denial', () => {
  // Event 86 fails before any request is sent (here the NDES URL's TLS certificate): the CA cannot have refused it.
  const event86 = 'SCEP Certificate enrollment initialization for INTRA\\rudi via https://ndes01.intra.adcslabor.de/certsrv/mscep/mscep.dll/pkiclient.exe failed: GetCACaps Method: GET(47ms) Stage: GetCACaps A security error occurred 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)';
  const denial = 'Active Directory Certificate Services denied request 1234 because The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE).  The request was for CN=other.  Additional information: Denied by Policy Module';
  const result = flowOf({ 'device-86.txt': `${event86}\n`, 'ca-events.txt': `${denial}\n` });
  assert.equal(result.firstFailure?.stage, 2);
  assert.equal(result.firstFailure.ruleId, 'DEV-WIN-CERTENROLL-86-87');
  assert.equal(result.stages[3]?.status, 'failed');
});

test('flow: a Notify answered with success proves stages 4 and 6', () => {
  const result = analyseFlow(readFolder(fixturePath('flow/scenarios/healthy')));
  assert.deepEqual(result.stages.map((s) => s.status), ['no-evidence', 'ok', 'ok', 'ok', 'no-evidence', 'ok']);
});

test('flow: Windows event 36 shows the request reached stage 2; only event 39 proves delivery (stage 5)', () => {
  // Microsoft's device-to-NDES article shows event 36 as the sign of contact with NDES; a Hungarian copy of it
  // (MicrosoftDocs, troubleshoot-scep-certificate-device-to-ndes.md) prints it as below.
  const event36 = 'SCEP: Certificate request generated successfully. Enhanced Key Usage: (1.3.6.1.5.5.7.3.2), NDES URL: (https://<server>/certsrv/mscep/mscep.dll/pkiclient.exe), Container Name: (), KSP Setting: (0x2), Store Location: (0x1).';
  const requested = flowOf({ 'device.txt': `${event36}\n` });
  assert.equal(requested.stages[1]?.status, 'ok');
  assert.equal(requested.stages[4]?.status, 'no-evidence');
  const installed = flowOf({ 'device.txt': `${event36}\nSCEP: Certificate installed successfully.\n` });
  assert.equal(installed.stages[4]?.status, 'ok');
});

test('flow: times with and without zones', () => {
  assert.deepEqual(parseTime('2024-03-05T08:14:03.2500000Z'), { ms: Date.UTC(2024, 2, 5, 8, 14, 3, 250), utc: true });
  assert.deepEqual(parseTime('2024-03-05T09:14:03.250+01:00'), { ms: Date.UTC(2024, 2, 5, 8, 14, 3, 250), utc: true });
  assert.deepEqual(parseTime('2024-03-05T09:14:03.117'), { ms: Date.UTC(2024, 2, 5, 9, 14, 3, 117), utc: false });
  assert.equal(parseTime('yesterday'), undefined);
});

const cmLine = (msg: string, thread: number, time: string): string =>
  `<![LOG[${msg}]LOG]!><time="${time}.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="${thread}" file="">\n`;

test('flow: calls that overlap on two threads both close; no gap, no failure', () => {
  const send = 'Sending request to certificate registration point.';
  const log = cmLine('Calling VerifyRequest ...', 1, '08:00:00') + cmLine('Calling VerifyRequest ...', 2, '08:00:00')
    + cmLine(send, 1, '08:00:00') + cmLine(send, 2, '08:00:00')
    + cmLine('Verify challenge returns true', 2, '08:00:01') + cmLine('Exiting VerifyRequest with 0x0', 2, '08:00:01')
    + cmLine('Verify challenge returns true', 1, '08:00:01') + cmLine('Exiting VerifyRequest with 0x0', 1, '08:00:01')
    + cmLine('Calling Notifyrequest ...', 2, '08:00:03') + cmLine(send, 2, '08:00:03') + cmLine('Exiting Notify with 0x0', 2, '08:00:03');
  const result = flowOf({ 'NDESPlugin.log': log });
  assert.deepEqual(result.gaps.filter((g) => g.kind === 'missing-success'), []);
  assert.equal(result.firstFailure, null);
});

test('flow: a call open at the end of the log is in progress; one the log outlives is a gap', () => {
  const open = flowOf({ 'NDESPlugin.log': cmLine('Calling VerifyRequest ...', 1, '08:00:00') + cmLine('Calling Notifyrequest ...', 2, '08:01:00') });
  assert.deepEqual(open.gaps.filter((g) => g.kind === 'missing-success'), []);
  assert.equal(open.firstFailure, null);
  const outlived = flowOf({ 'NDESPlugin.log': cmLine('Calling VerifyRequest ...', 1, '08:00:00') + cmLine('Calling Notifyrequest ...', 2, '08:30:00') + cmLine('Exiting Notify with 0x0', 2, '08:30:01') });
  assert.deepEqual(outlived.gaps.filter((g) => g.kind === 'missing-success').map((g) => [g.ruleId, g.line]), [['NDES-FLOW-NO-EXIT', 1]]);
});

const connectorEvent = (channel: string, id: number, level = 2): string =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>${id}</EventID><Level>${level}</Level><Channel>Microsoft-Intune-CertificateConnectors/${channel}</Channel></System></Event>\n`;

test('flow: the connector\'s Admin summary (4001/4002) is placed at the stage its Operational step event names', () => {
  // 4002: processed, but Intune was not notified; 4010 is the notification step (stage 6), not stage 3.
  const notify = flowOf({ 'admin.xml': connectorEvent('Admin', 4002), 'operational.xml': connectorEvent('Operational', 4010) });
  assert.equal(notify.firstFailure?.stage, 6);
  assert.equal(notify.firstFailure.ruleId, 'CC-EVT-SCEP-NOTIFY-FAILURE');
  assert.notEqual(notify.stages[2]?.status, 'failed');
  // 4001 after a CA that did not issue (4007): stage 4.
  const issue = flowOf({ 'admin.xml': connectorEvent('Admin', 4001), 'operational.xml': connectorEvent('Operational', 4007) });
  assert.deepEqual(issue.firstFailure && [issue.firstFailure.stage, issue.firstFailure.ruleId], [4, 'CC-EVT-SCEP-ISSUE-FAILURE']);
  // The Admin channel alone: the summary keeps its own stage.
  const alone = flowOf({ 'admin.xml': connectorEvent('Admin', 4001) });
  assert.deepEqual(alone.firstFailure && [alone.firstFailure.stage, alone.firstFailure.ruleId], [3, 'CC-EVT-SCEP-ADMIN-FAILURE']);
});

test('flow: the connector\'s SCEP success events show the stages that worked', () => {
  const ops = (ids: readonly number[]): string => ids.map((id) => connectorEvent('Operational', id, 4)).join('');
  const healthy = flowOf({ 'operational.xml': ops([4003, 4004, 4006, 4008]) });
  assert.deepEqual(healthy.stages.map((s) => s.status), ['no-evidence', 'no-evidence', 'ok', 'ok', 'no-evidence', 'ok']);
  assert.equal(healthy.verdict, 'SCEP: no failure found — evidence up to stage 6 (reporting to Intune)');
  // Verified, then not issued: stage 3 worked, stage 4 is the failure.
  const issue = flowOf({ 'operational.xml': ops([4003, 4004]) + connectorEvent('Operational', 4007) });
  assert.deepEqual(issue.stages.slice(2, 4).map((s) => s.status), ['ok', 'failed']);
  // Received only: no step is proved by 4003 alone.
  assert.equal(flowOf({ 'operational.xml': ops([4003]) }).verdict, 'SCEP: no evidence found in these logs');
});

test('flow: with the connector\'s SCEP events, the missing legacy logs are not said to leave stage 3 unchecked', () => {
  const result = flowOf({ 'operational.xml': connectorEvent('Operational', 4004, 4) });
  const legacy = result.gaps.filter((g) => /NDESPlugin\.log|CertificateRegistrationPoint/.test(g.message));
  assert.equal(legacy.length, 2);
  for (const g of legacy) assert.doesNotMatch(g.message, /cannot be checked/);
  assert.ok(flowOf({ 'u_ex.log': '' }).gaps.some((g) => /NDESPlugin\.log.*cannot be checked/.test(g.message)));
});

test('flow: the connector\'s PKCS, PFX import and revoke failures are listed beside the SCEP flow, never as a failed stage', () => {
  const ops = (ids: readonly number[]): string => ids.map((id) => connectorEvent('Operational', id, 4)).join('');
  const result = flowOf({ 'operational.xml': ops([4003, 4004, 4006, 4008]), 'admin.xml': connectorEvent('Admin', 1001) + connectorEvent('Admin', 1001) + connectorEvent('Admin', 3001) });
  assert.deepEqual(result.stages.map((s) => s.status), ['no-evidence', 'no-evidence', 'ok', 'ok', 'no-evidence', 'ok']);
  assert.equal(result.firstFailure, null);
  assert.equal(result.verdict, 'SCEP: no failure found — evidence up to stage 6 (reporting to Intune)');
  assert.deepEqual(result.beside.map((b) => [b.ruleId, b.count, b.severity, basename(b.path), b.line]), [
    ['CC-EVT-PKCS-FAILURES', 2, 'error', 'admin.xml', 1],
    ['CC-EVT-IMPORT-REVOKE-FAILURES', 1, 'error', 'admin.xml', 3],
  ]);
  assert.equal(result.beside[0]?.work, 'PKCS certificate requests');
  // A SCEP failure still decides the verdict; the other work is still listed.
  const failing = flowOf({ 'operational.xml': connectorEvent('Operational', 4007), 'admin.xml': connectorEvent('Admin', 1001) });
  assert.deepEqual(failing.firstFailure && [failing.firstFailure.stage, failing.firstFailure.ruleId], [4, 'CC-EVT-SCEP-ISSUE-FAILURE']);
  assert.deepEqual(failing.beside.map((b) => b.ruleId), ['CC-EVT-PKCS-FAILURES']);
  // Nothing of the kind: nothing listed.
  assert.deepEqual(flowOf({ 'operational.xml': ops([4004]) }).beside, []);
});

test('flow: a connector PKCS event that quotes the CA\'s RPC error stays beside the flow, not a SCEP stage 4 failure', () => {
  // Event Viewer's .txt export of Operational 1052 with the CA's error in its message.
  const txt = 'Level\tDate and Time\tSource\tEvent ID\tTask Category\n'
    + 'Error\t3/5/2024 9:14:05 AM\tMicrosoft-Intune-CertificateConnectors\t1052\t(1000)\tThe certificate was not issued: CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\n'
    + 'Information\t3/5/2024 9:10:00 AM\tMicrosoft-Intune-CertificateConnectors\t4008\t(4000)\tScepNotifySuccess\n';
  const result = flowOf({ 'Operational.txt': txt });
  assert.equal(result.firstFailure, null);
  assert.deepEqual(result.beside.map((b) => b.ruleId), ['CC-EVT-PKCS-FAILURES']);
  // NDES's own submission to the same CA is still a stage 4 failure.
  const ndes = flowOf({ 'Application.txt': 'Level\tDate and Time\tSource\tEvent ID\tTask Category\nError\t3/5/2024 9:14:05 AM\tMicrosoft-Windows-NetworkDeviceEnrollmentService\t31\tNone\tThe Network Device Enrollment Service cannot submit the certificate request (The RPC server is unavailable.). 0x800706ba\n' });
  assert.equal(ndes.firstFailure?.stage, 4);
});

test('flow: the legacy connector\'s PKCS (IssuePfx) failures stay beside the flow as the unified connector\'s do', () => {
  // The lines Microsoft's PKCS troubleshooting article quotes from NDESConnector_*.svclog (a Czech copy of it
  // was run through check): the CA denied the connector's PFX request.
  const pkcs = [
    'IssuePfx - The submission failed: Denied by Policy Module',
    'IssuePfx -Generic Exception: System.InvalidOperationException: IssuePfx - The submission failed',
    '   at Microsoft.Management.Services.NdesConnector.MicrosoftCA.GetCertificate(PfxRequestDataStorage pfxRequestData, String containerName, String& certificate, String& password)',
    'Issuing Pfx certificate for Device ID <Device ID> failed  ',
    'IssuePfx - The submission is pending: Taken Under Submission',
  ].join('\r\n') + '\r\n';
  const result = flowOf({ 'ndesconnector.txt': pkcs });
  assert.equal(result.firstFailure, null);
  assert.equal(result.verdict, 'SCEP: no evidence found in these logs');
  assert.deepEqual(result.beside.map((b) => [b.ruleId, b.work]), [
    ['CONN-PKCS-DENIED-BY-POLICY', 'PKCS certificate requests'],
    ['CONN-PKCS-PENDING', 'PKCS certificate requests'],
  ]);
  // NDES's own refusal by the CA is still the SCEP flow's stage 4.
  const ndes = flowOf({ 'ndesconnector.txt': pkcs, 'Application.txt': 'The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.).  0x80004005\r\n' });
  assert.equal(ndes.firstFailure?.stage, 4);
  assert.equal(ndes.firstFailure.ruleId, 'NDES-EVT-31-SUBMIT-FAILED');
});

test('hand-off: a rule is shown at the stage the flow placed it, the connector\'s other work outside the flow', () => {
  const files = Object.entries({ 'admin.xml': connectorEvent('Admin', 4001) + connectorEvent('Admin', 1001), 'operational.xml': connectorEvent('Operational', 4007) }).map(([path, text]) => {
    const model = parseDocument(text, { fileName: path });
    const lines = LineIndex.of(text);
    return { path, model, findings: validate(model), positionAt: (o: number) => lines.positionAt(o) };
  });
  const handOff = buildHandOff('folder', files, analyseFlow(files), false);
  const stageOf = (id: string): number | undefined => handOff.problems.find((p) => p.ruleId === id)?.stage;
  // The Admin summary 4001 after a CA that did not issue (4007) sits at stage 4 with it, not at its own stage 3.
  assert.equal(stageOf('CC-EVT-SCEP-ADMIN-FAILURE'), 4);
  assert.equal(stageOf('CC-EVT-SCEP-ISSUE-FAILURE'), 4);
  assert.equal(handOff.problems.find((p) => p.ruleId === 'CC-EVT-PKCS-FAILURES')?.besideFlow, 'PKCS certificate requests');
});

test('flow: a SCEP FAILURE whose failInfo is one of NDES\'s own checks is not blamed on the CA, though the CA denied another request', () => {
  const caDenial = 'Log Name:      Application\r\nSource:        Microsoft-Windows-CertificationAuthority\r\nEvent ID:      53\r\nLevel:         Warning\r\nDescription:\r\n'
    + 'Active Directory Certificate Services denied request 57 because The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH).  The request was for CN=other.  Additional information: Denied by Policy Module\r\n';
  const event87 = (failInfo: string, caText = ''): string => 'Log Name:      Application\r\nSource:        Microsoft-Windows-CertificateServicesClient-CertEnroll\r\nEvent ID:      87\r\nLevel:         Error\r\nDescription:\r\n'
    + 'SCEP Certificate enrollment for Local system via https://ndes.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe failed:\r\n\r\n'
    + `PkiStatus(2): SCEPDispositionFailure\r\n${failInfo}\r\nEnrollStatus(256): EnrollDenied\r\n${caText}`;
  const stageOf = (result: ReturnType<typeof analyseFlow>, ruleId: string): number[] => result.stages.filter((s) => s.evidence.some((e) => e.ruleId === ruleId)).map((s) => s.stage);
  // badMessageCheck (1): NDES could not verify the request; the CA never saw it.
  const check = flowOf({ 'ca.txt': caDenial, 'device.txt': event87('FailInfo(1): SCEPFailBadMessageCheck') });
  assert.deepEqual(check.firstFailure && [check.firstFailure.stage, check.firstFailure.ruleId], [2, 'DEV-SCEP-FAILINFO-BADMESSAGECHECK']);
  assert.deepEqual(stageOf(check, 'DEV-SCEP-CLIENT-PKISTATUS-FAILURE'), [2]);
  assert.deepEqual(stageOf(check, 'DEV-WIN-CERTENROLL-86-87'), [2]);
  // sscep's badTime (3) likewise.
  const time = flowOf({ 'ca.txt': caDenial, 'sscep.txt': 'sscep: pkistatus: FAILURE\nsscep: reason: Message time field was not sufficiently close to the system time\n' });
  assert.deepEqual(stageOf(time, 'DEV-SCEP-CLIENT-PKISTATUS-FAILURE'), [2]);
  assert.equal(time.firstFailure?.ruleId, 'DEV-SCEP-FAILINFO-BADTIME');
  // badRequest (2) with the CA's reason: still the CA's denial, at stage 4.
  const denied = flowOf({ 'ca.txt': caDenial, 'device.txt': event87('FailInfo(2): SCEPFailBadRequest', 'The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module ProcessResponseMessage\r\n') });
  assert.deepEqual(denied.firstFailure && [denied.firstFailure.stage, denied.firstFailure.ruleId], [4, 'CA-EVT-53-DENIED']);
  assert.deepEqual(stageOf(denied, 'DEV-SCEP-CLIENT-PKISTATUS-FAILURE'), [4]);
});
