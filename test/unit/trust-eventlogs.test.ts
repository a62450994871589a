import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/types';
import { checkText as check } from '../support/checkText';

/**
 * Whole event logs of a healthy server hold errors that Windows writes about other things. These are
 * such events as wevtutil and Event Viewer export them, with what the rule they resemble is for.
 */

const loud = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.ruleId);

/** An event as `wevtutil qe Application /f:xml` prints it: the System part and the event's own data, no message. */
function wevtutil(provider: string, id: number, level: number, data: readonly string[], extra = ''): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${provider}'${extra}/><EventID Qualifiers='49152'>${id}</EventID><Version>0</Version>`
    + `<Level>${level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2024-03-05T07:14:05.1234567Z'/><EventRecordID>4711</EventRecordID>`
    + `<Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>NDES01.contoso.com</Computer><Security/></System>`
    + `<EventData>${data.map((d) => `<Data>${d}</Data>`).join('')}</EventData></Event>\r\n`;
}

test('trust: CAPI2 event 4107 about Windows Update\'s root list cab, as wevtutil writes it, is no expired NDES certificate', () => {
  const xml = wevtutil('Microsoft-Windows-CAPI2', 4107, 2, [
    'http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab',
    'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n',
  ], " Guid='{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}' EventSourceName='Microsoft-Windows-CAPI2'");
  const { findings, flow } = check(xml, 'Application.xml');
  assert.deepEqual(loud(findings), []);
  assert.equal(flow.firstFailure, null, flow.verdict);
  // The sentence alone (a CAPI2 chain check, a ticket) is still the warning it documents.
  const alone = check('A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.', 'ticket.txt');
  assert.deepEqual(loud(alone.findings), ['NDES-CAPI2-CERT-NOT-TIME-VALID']);
});

const AUTOENROLLMENT = " Guid='{F0DB7EF8-B6F3-4005-9937-FEB77B9E1B43}' EventSourceName='AutoEnrollment'";
const CERTENROLL = " Guid='{54164045-7C50-4905-963F-E5BC1EEF0CCA}' EventSourceName='Microsoft-Windows-CertificateServicesClient-CertEnroll'";
const RPC = 'The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)';

test('trust: the server\'s own autoenrollment failing with 0x800706ba is not SCEP\'s CA submission (CA-RPC-UNAVAILABLE)', () => {
  const shapes: [string, string][] = [
    ['Application.xml', wevtutil('Microsoft-Windows-CertificateServicesClient-AutoEnrollment', 6, 2, ['0x800706ba', 'The RPC server is unavailable.'], AUTOENROLLMENT)],
    ['Application.xml', wevtutil('Microsoft-Windows-CertificateServicesClient-CertEnroll', 13, 2, ['Local system', 'ContosoComputer', 'CA02.contoso.com\\Contoso Issuing CA', RPC], CERTENROLL)],
    ['Application.csv', 'Level,Date and Time,Source,Event ID,Task Category\r\nError,3/5/2024 8:14:05 AM,CertificateServicesClient-AutoEnrollment,6,None,Automatic certificate enrollment for local system failed (0x800706ba) The RPC server is unavailable.\r\n'],
    ['Application.txt', `Level\tDate and Time\tSource\tEvent ID\tTask Category\r\nError\t3/5/2024 8:14:05 AM\tCertificateServicesClient-CertEnroll\t13\tNone\tCertificate enrollment for Local system failed to enroll for a ContosoWebServer certificate with request ID N/A from CA02.contoso.com\\Contoso Issuing CA (${RPC}).\r\n`],
    ['ticket.txt', 'Automatic certificate enrollment for local system failed (0x800706ba) The RPC server is unavailable.'],
  ];
  for (const [name, text] of shapes) {
    const { findings, flow } = check(text, name);
    assert.deepEqual(loud(findings), [], `${name}: ${text.slice(0, 120)}`);
    assert.equal(flow.firstFailure, null, `${name}: ${flow.verdict}`);
  }
  // NDES's own submission failing the same way is still the CA it cannot reach.
  const ndes = wevtutil('Microsoft-Windows-NetworkDeviceEnrollmentService', 31, 2, ['The RPC server is unavailable.', '0x800706ba']).replace('<EventData>', '<EventData>')
    .replace(/<EventData>.*<\/EventData>/, '<EventData><Data>The Network Device Enrollment Service cannot submit the certificate request (The RPC server is unavailable.). 0x800706ba</Data></EventData>');
  const { findings, flow } = check(ndes, 'Application.xml');
  assert.ok(loud(findings).includes('CA-RPC-UNAVAILABLE'), loud(findings).join());
  assert.equal(flow.firstFailure?.stage, 4);
});

/** A CAPI2 Operational chain-policy event as wevtutil writes it: the process that checked, the certificate, the result. */
function capi2(process: string, subject: string, result: string): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2' Guid='{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}'/><EventID>30</EventID><Version>0</Version>`
    + `<Level>2</Level><Task>30</Task><Opcode>2</Opcode><Keywords>0x4000000000000001</Keywords><TimeCreated SystemTime='2024-03-05T07:14:05.1234567Z'/><EventRecordID>912</EventRecordID>`
    + `<Correlation ActivityID='{0B1C2D3E-4F50-4617-8899-AABBCCDDEEFF}'/><Execution ProcessID='5120' ThreadID='4242'/><Channel>Microsoft-Windows-CAPI2/Operational</Channel><Computer>NDES01.contoso.com</Computer><Security UserID='S-1-5-18'/></System>`
    + `<UserData><CertVerifyCertificateChainPolicy><Policy type='CERT_CHAIN_POLICY_SSL' constant='4'/><Certificate fileRef='3C1A77D2B0E4.cer' subjectName='${subject}'/><CertificateChain chainRef='{6E0F3A55-91B2-4C1D-A1E2-3F4A5B6C7D8E}'/><Flags value='0'/>`
    + `<EventAuxInfo ProcessName='${process}'/><CorrelationAuxInfo TaskId='{0B1C2D3E-4F50-4617-8899-AABBCCDDEEF0}' SeqNumber='2'/><Result value='800B0101'>${result}</Result></CertVerifyCertificateChainPolicy></UserData></Event>\r\n`;
}

test('trust: a CAPI2 chain check by another program about its own site\'s expired certificate is not an NDES certificate', () => {
  const expired = 'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n';
  for (const process of ['MonitoringHost.exe', 'OneDrive.exe', 'svchost.exe']) {
    const { findings, flow } = check(capi2(process, 'portal.fabrikam-partner.com', expired), 'Microsoft-Windows-CAPI2%4Operational.xml');
    assert.deepEqual(loud(findings), [], process);
    assert.equal(flow.firstFailure, null, `${process}: ${flow.verdict}`);
  }
  // IIS's worker process (the policy module, NDES) meeting an expired certificate is the warning it was.
  const { findings } = check(capi2('w3wp.exe', 'NDES01.contoso.com', expired), 'Microsoft-Windows-CAPI2%4Operational.xml');
  assert.deepEqual(loud(findings), ['NDES-CAPI2-CERT-NOT-TIME-VALID']);
});
