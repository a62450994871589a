import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/types';
import { checkText as check } from '../support/checkText';
import { parseDocument } from '../../server/src/core/parse';

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

/**
 * `Get-WinEvent … | Export-Csv` (EventLogRecord) and `Get-EventLog … | Export-Csv` (EventLogEntry): each
 * row also carries the record number and the process and thread ids, any of which can read like one of
 * the connector's failure ids (Windows process and thread ids are multiples of 4: 1052, 2052, 3052).
 */
const WINEVENT_CSV_HEADER = '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ActivityId","RelatedActivityId","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"\r\n';
function wineventRow(message: string, id: number, recordId: number, pid: number, tid: number): string {
  const cols = [message, id, 0, '', 4, 0, 0, '4611686018427387904', recordId, 'Microsoft-Intune-CertificateConnectors', '', 'Microsoft-Intune-CertificateConnectors/Operational', pid, tid, 'NDES01.contoso.com', 'S-1-5-18', '3/9/2024 11:00:31 PM', '', '', 'Microsoft-Intune-CertificateConnectors/Operational', 'System.UInt32[]', 'System.Diagnostics.Eventing.Reader.EventBookmark', 'Information', 'Info', '', 'System.Collections.ObjectModel.ReadOnlyCollection`1[System.String]', 'System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]'];
  return cols.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',') + '\r\n';
}

test('trust: a connector success event exported with Export-Csv is not the failure its process, thread or record number reads as', () => {
  const csv = WINEVENT_CSV_HEADER
    + wineventRow('ScepVerifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0', 4004, 4005, 1052, 3052)
    + wineventRow('ScepIssuedSuccess: TransactionId=2884DCE39BDC43CB,\r\nRequestId=4711, ResultCode=0x0', 4006, 4007, 2052, 1252)
    + wineventRow('ScepNotifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0', 4008, 4009, 1052, 4010);
  const { findings, flow } = check(csv, 'CertificateConnectors-Operational.csv');
  assert.deepEqual(loud(findings), []);
  assert.equal(flow.firstFailure, null, flow.verdict);
  assert.equal(flow.stages.find((s) => s.stage === 3)?.status, 'ok');
  // A real 4005 in the same export is still the verification failure.
  const failed = check(WINEVENT_CSV_HEADER + wineventRow('ScepVerifyFailure: TransactionId=2884DCE39BDC43CB, ResultCode=0x80004005', 4005, 5120, 1052, 2052), 'ops.csv');
  assert.ok(loud(failed.findings).includes('CC-EVT-SCEP-VERIFY-FAILURE'), loud(failed.findings).join());
  assert.equal(failed.flow.firstFailure?.stage, 3);
});

test('trust: Get-EventLog | Export-Csv of the legacy connector\'s success events: the Index column is no event id', () => {
  const head = '#TYPE System.Diagnostics.EventLogEntry#Microsoft Intune Connector/Microsoft Intune Connector/20500\r\n"EventID","MachineName","Data","Index","Category","CategoryNumber","EntryType","Message","Source","ReplacementStrings","InstanceId","TimeGenerated","TimeWritten","UserName","Site","Container"\r\n';
  const row = (id: number, index: number, msg: string): string => `"${id}","ndes01.contoso.com","System.Byte[]","${index}","(0)","0","Information","${msg}","Microsoft Intune Connector","System.String[]","${id}","3/13/2024 11:40:08 PM","3/13/2024 11:40:08 PM","","",""\r\n`;
  const csv = head + row(20500, 20502, 'CRPVerifyMetric_Success: Challenge verified. Diagnostic code: 0x00000000 (Success)') + row(20600, 20602, 'CRPNotifyMetric_Success: Issuance reported. Diagnostic code: 0x00000000 (Success)');
  const { findings, flow } = check(csv, 'IntuneConnector.csv');
  assert.deepEqual(loud(findings), []);
  assert.equal(flow.firstFailure, null, flow.verdict);
});

test('trust: Select-Object … | Export-Csv, with -UseCulture (;) or PowerShell 7\'s -UseQuotes AsNeeded, reads the Id column as the event id', () => {
  const rows: [number, number, number, string][] = [[4004, 1052, 4005, 'ScepVerifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0'], [4008, 3052, 4001, 'ScepNotifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0']];
  const semi = '"TimeCreated";"Id";"LevelDisplayName";"ProviderName";"ProcessId";"RecordId";"Message"\r\n'
    + rows.map(([id, pid, rec, msg]) => `"3/9/2024 11:00:31 PM";"${id}";"Information";"Microsoft-Intune-CertificateConnectors";"${pid}";"${rec}";"${msg}"\r\n`).join('');
  const asNeeded = 'TimeCreated,Id,LevelDisplayName,ProviderName,ProcessId,RecordId,Message\r\n'
    + rows.map(([id, pid, rec, msg]) => `3/9/2024 11:00:31 PM,${id},Information,Microsoft-Intune-CertificateConnectors,${pid},${rec},"${msg}"\r\n`).join('');
  for (const [name, text] of [['semicolon.csv', semi], ['ps7.csv', asNeeded]] as const) {
    const { findings, flow } = check(text, name);
    assert.deepEqual(loud(findings), [], name);
    assert.equal(flow.firstFailure, null, `${name}: ${flow.verdict}`);
  }
  // Two columns in a ticket's prose are no event export.
  const ticket = check('We exported the log as\r\nId,Message\r\nand the connector shows ScepVerifyFailure 4005 for Microsoft-Intune-CertificateConnectors.\r\n', 'ticket.txt');
  assert.ok(loud(ticket.findings).includes('CC-EVT-SCEP-VERIFY-FAILURE'), loud(ticket.findings).join());
});

test('trust: a ticket system\'s "Id","Source","Message" export is no event export; Get-EventLog\'s EventID,Source,Message is', () => {
  const line = (n: string): string => `SCEP: Failed LogError Message : (SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://ndes.contoso.com/certsrv/mscep/mscep.dll', CA cert thumbprint ${n})`;
  // One ticket quotes two client lines in its Message cell: read as plain text, each is a finding.
  const tickets = `"Id","Source","Message","Status"\r\n"1042","Email","Customer pasted:\r\n${line('1234')}\r\n${line('5678')}","Open"\r\n`;
  const { findings } = check(tickets, 'tickets.csv');
  assert.equal(loud(findings).filter((id) => id === 'DEV-WIN-32-307-ENROLL-FAILED').length, 2, loud(findings).join());
  const events = '"EventID","Source","Message"\r\n"31","Microsoft-Windows-NetworkDeviceEnrollmentService","The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.).  0x80004005"\r\n';
  assert.equal(parseDocument(events, { fileName: 'events.csv' }).format, 'windows-event-log');
});

/**
 * Event Viewer's exports on a German or French Windows: the same shapes with translated labels
 * (spellings as seen in real copies: a German "Details als Text kopieren" pasted in blog posts, a German
 * .csv of an EVTX research set, a French .txt pasted in a support forum).
 */
test('trust: a German "copy details as text" of connector event 4001 is one event; the id and the source are read together', () => {
  const text = [
    'Protokollname: Microsoft-Intune-CertificateConnectors/Admin',
    'Quelle:        Microsoft-Intune-CertificateConnectors',
    'Datum:         05.03.2024 09:14:05',
    'Ereignis-ID:   4001',
    'Aufgabenkategorie:Keine',
    'Ebene:         Fehler',
    'Schlüsselwörter:',
    'Benutzer:      SYSTEM',
    'Computer:      NDES01.contoso.com',
    'Beschreibung:',
    'Failed to process SCEP request.',
    '',
  ].join('\r\n');
  const model = parseDocument(text, { fileName: 'ereignis.txt' });
  assert.equal(model.format, 'windows-event-log');
  const events = model.records.filter((r) => r.kind === 'entry');
  assert.equal(events.length, 1);
  assert.deepEqual(events[0]?.fields, { channel: 'Microsoft-Intune-CertificateConnectors/Admin', provider: 'Microsoft-Intune-CertificateConnectors', eventId: '4001', task: 'Keine', level: 'Error', computer: 'NDES01.contoso.com' });
  assert.equal(events[0].time, '2024-03-05T09:14:05');
  const { findings, flow } = check(text, 'ereignis.txt');
  assert.deepEqual(loud(findings), ['CC-EVT-SCEP-ADMIN-FAILURE']);
  assert.equal(flow.firstFailure?.stage, 3);
});

test('trust: German .csv and French .txt exports are read by their columns: a PKCS failure quoting 0x800706ba is no SCEP stage 4', () => {
  const message = '"PkcsIssuedFailure: TransactionId: 1a2b3c\r\nCCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)"';
  const exports: readonly (readonly [string, string])[] = [
    ['Anwendung.csv', `Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie\r\nFehler,05.03.2024 09:14:05,Microsoft-Intune-CertificateConnectors,1052,Keine,${message}\r\n`
      + 'Informationen,05.03.2024 09:14:06,Microsoft-Intune-CertificateConnectors,4006,Keine,ScepIssuedSuccess: TransactionId=2884DCE39BDC43CB\r\n'],
    ['Application.txt', `Niveau\tDate et heure\tSource\tID de l\u2019\u00e9v\u00e9nement\tCat\u00e9gorie de la t\u00e2che\r\nErreur\t05.03.2024 09:14:05\tMicrosoft-Intune-CertificateConnectors\t1052\tAucun\t${message}\r\n`
      + 'Informations\t05.03.2024 09:14:06\tMicrosoft-Intune-CertificateConnectors\t4006\tAucun\tScepIssuedSuccess: TransactionId=2884DCE39BDC43CB\r\n'],
  ];
  for (const [name, text] of exports) {
    const model = parseDocument(text, { fileName: name });
    assert.equal(model.format, 'windows-event-log', name);
    const events = model.records.filter((r) => r.kind === 'entry');
    assert.deepEqual(events.map((r) => [r.fields?.['eventId'], r.fields?.['level']]), [['1052', 'Error'], ['4006', 'Information']], name);
    const { findings, flow } = check(text, name);
    // The connector's PKCS work is listed beside the SCEP flow; plain text read the second line as CA-RPC-UNAVAILABLE.
    assert.deepEqual(loud(findings), ['CC-EVT-PKCS-FAILURES'], name);
    assert.equal(flow.firstFailure, null, `${name}: ${flow.verdict}`);
  }
});

test('trust: a request-view label left empty takes no other label\'s value: the status code below it is still read', () => {
  // The console's details copied with an empty Disposition Message, then the Status Code and its value.
  const text = 'Request Disposition Message:\r\nRequest Status Code:\r\n"The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)"\r\n';
  for (const name of ['ca-details.txt', 'ca-details.log']) {
    const { findings } = check(text, name);
    assert.deepEqual(loud(findings), ['CA-EVT-53-DENIED'], name);
    assert.equal(findings[0]?.message.includes('0x80094800'), true);
  }
  // The same inside an event export (read by the event log scanner): the label still waits for its own value.
  const inExport = `Log Name:      Application\r\nSource:        Microsoft-Windows-CertificationAuthority\r\nEvent ID:      53\r\n\r\n${text}`;
  assert.deepEqual(loud(check(inExport, 'export.txt').findings), ['CA-EVT-53-DENIED']);
});
