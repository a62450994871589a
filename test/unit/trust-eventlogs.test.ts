import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../../server/src/core/analysis';
import { analyseFlow } from '../../server/src/core/flow';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';

/**
 * Whole event logs of a healthy server hold errors that Windows writes about other things. These are
 * such events as wevtutil and Event Viewer export them, with what the rule they resemble is for.
 */

function check(text: string, fileName: string): { findings: Finding[]; flow: ReturnType<typeof analyseFlow> } {
  const model = parseDocument(text, { fileName });
  const findings = validate(model);
  const lines = LineIndex.of(text);
  const flow = analyseFlow([{ path: fileName, model, findings, positionAt: (o) => lines.positionAt(o) }]);
  return { findings, flow };
}

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
