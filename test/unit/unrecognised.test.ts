import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { signatureById } from '../../server/src/core/catalogue';
import { codeActions } from '../../server/src/core/codeActions';
import { toDiagnostics } from '../../server/src/core/diagnostics';
import { analyseFlow } from '../../server/src/core/flow';
import { hover } from '../../server/src/core/hover';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import { parseTeamSignatures } from '../../server/src/core/teamSignatures';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, FormatId, LogModel } from '../../server/src/core/types';
import { BUILTIN, type Catalogue } from '../../server/src/core/validate';
import { validate } from '../../server/src/core/analysis';
import { REPO_ROOT } from '../support/paths';

/** The safety net: failures no signature knows get one note; healthy traffic gets none. */
const NET = 'NDES-LENS-UNRECOGNISED-FAILURE';
const CORPUS = join(REPO_ROOT, 'test', 'corpus', 'unrecognised');

function read(path: string): { model: LogModel; findings: Finding[]; text: string } {
  const text = readFileSync(path, 'utf8');
  const model = parseDocument(text, { fileName: path });
  return { model, findings: validate(model), text };
}

function logFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return logFiles(path);
    return /\.(?:findings|json|md)$/.test(e.name) ? [] : [path];
  });
}

function inFormat(format: FormatId, text: string, catalogue: Catalogue = BUILTIN, rules: Record<string, 'off'> = {}): Finding[] {
  const b = createModelBuilder(format);
  b.push(text + '\n');
  return validate(b.end(), { rules }, catalogue);
}

test('safety net: every failure of the unknown-failure corpus gets one note, and only that', () => {
  const expected: Record<string, readonly number[]> = { 'NDESPlugin.log': [1, 3], 'events.txt': [0], 'Validate-NDESConfig.log': [1] };
  for (const [name, records] of Object.entries(expected)) {
    const { model, findings } = read(join(CORPUS, name));
    const notes = findings.filter((f) => f.ruleId === NET);
    assert.deepEqual(notes.map((f) => f.record), records, name);
    for (const f of notes) {
      assert.equal(f.kind, 'notice', name);
      assert.equal(f.severity, 'info', name);
      // Nothing else claims the same record.
      assert.deepEqual(findings.filter((g) => g.record === f.record).map((g) => g.ruleId), [NET], `${name} record ${String(f.record)}`);
    }
    assert.ok(model.records.length >= records.length);
  }
});

/** Every success marker switched off: the lines they know must still not be called unrecognised. */
const MARKERS_OFF = Object.fromEntries(BUILTIN.signatures.filter((s) => s.kind === 'evidence').map((s) => [s.id, 'off' as const]));

test('safety net: silent on the samples, the golden fixtures and healthy events, with or without success markers', () => {
  const files = [...logFiles(join(REPO_ROOT, 'samples')), ...logFiles(join(REPO_ROOT, 'test', 'golden')), join(CORPUS, 'healthy-events.txt')];
  assert.ok(files.length > 20);
  for (const path of files) {
    const model = parseDocument(readFileSync(path, 'utf8'), { fileName: path });
    for (const rules of [{}, MARKERS_OFF]) {
      assert.deepEqual(validate(model, { rules }, BUILTIN).filter((f) => f.ruleId === NET), [], path);
    }
  }
});

test('safety net: success shapes and informational events stay silent', () => {
  for (const line of [
    'Exiting VerifyRequest with 0x0',
    'Exiting Notify with 0x00000000',
    'Verify challenge returns true',
    'Verify challenge returns 0',
    'Request status 200 OK',
    'The operation completed successfully.',
    'level=info op=PKIOperation error=null took=88.830876ms',
    'ErrorCode: 0',
  ]) assert.deepEqual(inFormat('ndesplugin-log', line).filter((f) => f.ruleId === NET), [], line);
  const info = 'Log Name: Application\nSource: Microsoft-Windows-NetworkDeviceEnrollmentService\nEvent ID: 99\nLevel: Information\nDescription:\nA cached password failed and was removed.';
  assert.deepEqual(inFormat('windows-event-log', info).filter((f) => f.ruleId === NET), []);
  // An error event of a source unrelated to NDES is not NDES's failure.
  const other = 'Log Name: Application\nSource: Microsoft-Windows-Kernel-Power\nEvent ID: 41\nLevel: Error\nDescription:\nThe system has rebooted without cleanly shutting down first. 0x80004005';
  assert.deepEqual(inFormat('windows-event-log', other).filter((f) => f.ruleId === NET), []);
});

test('safety net: only in the NDES-related formats it names, never in text of unknown format', () => {
  const line = 'Exiting VerifyRequest with 0x80070005';
  assert.ok(inFormat('ndesplugin-log', line).some((f) => f.ruleId === NET));
  for (const format of ['plain-text', 'iis-w3c-log', 'device-log', 'setupmsi-log'] as const) {
    assert.deepEqual(inFormat(format, line).filter((f) => f.ruleId === NET), [], format);
  }
});

test('safety net: a line a switched-off rule or success marker knows is not unrecognised', () => {
  const verifyFalse = 'Verify challenge returns false';
  assert.deepEqual(inFormat('ndesplugin-log', verifyFalse, BUILTIN, { 'NDES-PLUGIN-VERIFY-FALSE': 'off' }).map((f) => f.ruleId), []);
  const accepted = 'SCEP: CspExecute for UniqueId : (ModelName_AC_1234abcd_LogicalName_5678ef) InstallUserSid : (S-1-5-21-1-2-3-1001) InstallLocation : (user) NodePath : (ClientInstall) KeyLocation : (1) Result : (Unknown Win32 Error code: 0x2ab0003).';
  const event = `Log Name: Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\nSource: Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nEvent ID: 306\nLevel: Error\nDescription:\n${accepted}`;
  assert.deepEqual(inFormat('windows-event-log', event, BUILTIN, MARKERS_OFF).filter((f) => f.ruleId === NET), []);
  // Without the markers in the catalogue at all, the same line is a failure shape nobody claims.
  const without: Catalogue = { signatures: BUILTIN.signatures.filter((s) => s.kind !== 'evidence'), validators: [] };
  assert.equal(inFormat('windows-event-log', event, without).filter((f) => f.ruleId === NET).length, 1);
});

test('safety net: the hover decodes the codes, the quick fix opens the guidance, and the flow places nothing', () => {
  const text = readFileSync(join(CORPUS, 'NDESPlugin.log'), 'utf8');
  const model = parseDocument(text, { fileName: 'NDESPlugin.log' });
  const findings = validate(model);
  const note = findings.find((f) => f.ruleId === NET);
  assert.ok(note);
  const index = LineIndex.of(text);
  const shown = hover(model, findings, note.start, (o) => index.positionAt(o));
  assert.ok(shown && typeof shown.contents === 'object' && 'value' in shown.contents);
  assert.match(shown.contents.value, /E_ACCESSDENIED/);
  assert.match(shown.contents.value, /no signature knows/i);
  const diagnostics = toDiagnostics(findings, (o) => index.positionAt(o));
  const actions = codeActions(diagnostics.filter((d) => d.code === NET));
  assert.ok(actions.some((a) => a.command?.arguments?.[0] === NET));
  assert.ok(actions.some((a) => /team signature/.test(a.title)));
  // What that quick fix copies is a team signature file .ndeslens.json accepts as it is.
  const skeleton = signatureById(NET)?.remediation?.text ?? '';
  const team = parseTeamSignatures(skeleton);
  assert.deepEqual([team.problems, team.signatures.length], [[], 1]);
  const flow = analyseFlow([{ path: 'NDESPlugin.log', model, findings, positionAt: (o) => index.positionAt(o) }]);
  assert.equal(flow.firstFailure, null);
  for (const stage of flow.stages) assert.ok(!stage.fixRuleIds.includes(NET), String(stage.stage));
});

test('safety net: not in a ticket known only by its phrases, nor on a redacted host name', () => {
  const ticket = 'Hi team, NDES fails for every device since Monday.\nFrom NDESPlugin.log:\nVerify challenge returns false\nExiting VerifyRequest with 0x80070005\n';
  const model = parseDocument(ticket, { fileName: 'ticket.txt' });
  assert.equal(model.detectedBy, 'phrases');
  assert.deepEqual(validate(model).filter((f) => f.ruleId === NET), []);
  const redacted = 'Sending request to certificate registration point. Url: https://host-1.example.invalid/CertificateRegistrationSvc/Certificate/VerifyRequest';
  assert.deepEqual(inFormat('ndesplugin-log', redacted).filter((f) => f.ruleId === NET), []);
});

test('safety net: a CAPI2 event whose own result is 0 succeeded, whatever its parameters and recovered steps say', () => {
  // Shape of Microsoft-Windows-CAPI2/Operational event 53 as Windows writes it (Level 2 even on success).
  const capi2 = (result: string): string => '<Events><Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'><System><Provider Name=\'Microsoft-Windows-CAPI2\'/>'
    + '<EventID>53</EventID><Level>2</Level><TimeCreated SystemTime=\'2025-06-10T06:00:01.0000000Z\'/><Channel>Microsoft-Windows-CAPI2/Operational</Channel></System>'
    + '<UserData><CryptRetrieveObjectByUrlWire><URL scheme=\'http\'>http://pki.example.invalid/ca.crl</URL><Timeout>PT10S</Timeout>'
    + '<AdditionalInfo><Action name=\'Call_WinHttpGetProxyForUrl\'><Error value=\'2F94\'>The Proxy Auto-configuration URL was not found.</Error></Action></AdditionalInfo>'
    + `<EventAuxInfo ProcessName='w3wp.exe'/>${result}</CryptRetrieveObjectByUrlWire></UserData></Event></Events>`;
  assert.deepEqual(inFormat('windows-event-log', capi2('<Result value=\'0\'/>')).filter((f) => f.ruleId === NET), []);
  // The same operation failing still gets its note.
  assert.equal(inFormat('windows-event-log', capi2('<Result value=\'80092013\'>The revocation function was unable to check revocation because the revocation server was offline.</Result>')).filter((f) => f.ruleId === NET).length, 1);
});

test('safety net: a CMTrace line its writer marked informational (type 1) is no failure; a warning or error line still is', () => {
  const line = (message: string, type: number, component = 'NDES_Validation'): string =>
    `<![LOG[${message}]LOG]!><time="15:21:28.266+000" date="7-22-2025" component="${component}" context="" type="${String(type)}" thread="4" file="">`;
  for (const message of ['Retrieved Crash Count: 0', 'Service URL is not available or expired, retrieving it again', 'Columns: DeviceId;AccountId;Exception;']) {
    assert.deepEqual(inFormat('cmtrace-log', line(message, 1)).filter((f) => f.ruleId === NET), [], message);
  }
  assert.equal(inFormat('cmtrace-log', line('Error: unable to read the registry value', 3)).filter((f) => f.ruleId === NET).length, 1);
  assert.equal(inFormat('cmtrace-log', line('Failed to reach the connector endpoint, error 0x80072efd', 2, 'NDES_Eventvwr')).filter((f) => f.ruleId === NET).length, 1);
});

test('safety net: another product\'s CMTrace log (the Intune Management Extension) is not NDES\'s unless a line speaks of SCEP or NDES', () => {
  const ime = (message: string): string =>
    `<![LOG[${message}]LOG]!><time="15:21:30.2544430" date="7-22-2025" component="IntuneManagementExtension" context="" type="3" thread="9" file="">`;
  for (const message of [
    'Flight key: CommonSchemaEventsProcessing not found on ECS OR call to fetch flighting config from ECS endpoint failed. Falling back to default value.',
    '[ServiceBase] Non-retriable web exception happens with check in app id, ex = System.Net.WebException: No proxy available to make internet calls. stop retry.',
  ]) {
    assert.deepEqual(inFormat('cmtrace-log', ime(message)).filter((f) => f.ruleId === NET), [], message);
  }
  assert.equal(inFormat('cmtrace-log', ime('Failed to install the SCEP certificate: error 0x80090016')).filter((f) => f.ruleId === NET).length, 1);
});

test('safety net: an informational trace of a .NET source in an svclog (WCF handled an exception) is no failure', () => {
  const trace = (source: string, subType: string): string => '<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system">'
    + `<EventID>131075</EventID><Type>3</Type><SubType Name="${subType}">0</SubType><Level>8</Level><TimeCreated SystemTime="2025-02-03T07:00:01.1234567Z" />`
    + `<Source Name="${source}" /><Correlation ActivityID="{00000000-0000-0000-0000-000000000001}" /><Execution ProcessName="w3wp" ProcessID="5120" ThreadID="9" /><Channel /><Computer>APP01</Computer></System>`
    + '<ApplicationData>Handling an exception. System.ServiceModel.CommunicationException: the client closed the connection.</ApplicationData></E2ETraceEvent>';
  assert.deepEqual(inFormat('wcf-svclog', trace('System.ServiceModel', 'Information')).filter((f) => f.ruleId === NET), []);
  // The same text as a warning, or from the certificate registration point itself, still gets its note.
  assert.equal(inFormat('wcf-svclog', trace('System.ServiceModel', 'Warning')).filter((f) => f.ruleId === NET).length, 1);
  assert.equal(inFormat('wcf-svclog', trace('CertificateRegistrationPoint', 'Information')).filter((f) => f.ruleId === NET).length, 1);
});

test('safety net: an Application Error crash of another program is not NDES\'s; one of w3wp.exe is its own rule\'s', () => {
  const crash = (app: string): string => '<Events><Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'><System><Provider Name=\'Application Error\'/>'
    + '<EventID Qualifiers=\'0\'>1000</EventID><Level>2</Level><TimeCreated SystemTime=\'2025-06-10T06:00:01.0000000Z\'/><Channel>Application</Channel><Computer>NDES01</Computer></System>'
    + `<EventData><Data>${app}</Data><Data>10.0.17763.1</Data><Data>ntdll.dll</Data><Data>c0000005</Data></EventData></Event></Events>`;
  assert.deepEqual(inFormat('windows-event-log', crash('OneDrive.exe')).filter((f) => f.ruleId === NET), []);
  // w3wp.exe's crash is a known failure: its own rule reports it, so the safety net stays quiet.
  const w3wp = inFormat('windows-event-log', crash('w3wp.exe'));
  assert.deepEqual(w3wp.filter((f) => f.severity !== 'info' || f.ruleId === NET).map((f) => f.ruleId), ['NDES-EVT-APP-1000-W3WP-CRASH']);
});

test('safety net: an event exported on a German server (rendered level "Informationen") is still informational', () => {
  const event = (level: string, rendered: string): string => '<Events><Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'><System><Provider Name=\'Microsoft-Windows-NetworkDeviceEnrollmentService\'/>'
    + `<EventID>19</EventID><Level>${level}</Level><TimeCreated SystemTime='2025-06-10T06:00:01.0000000Z'/><Channel>Application</Channel><Computer>NDES01</Computer></System>`
    + '<EventData><Data Name=\'Context\'>local system</Data><Data Name=\'Status\'>0x80070005</Data></EventData>'
    + `<RenderingInfo Culture='de-DE'><Message>Status 0x80070005</Message><Level>${rendered}</Level></RenderingInfo></Event></Events>`;
  assert.deepEqual(inFormat('windows-event-log', event('4', 'Informationen')).filter((f) => f.ruleId === NET), []);
  assert.equal(inFormat('windows-event-log', event('2', 'Fehler')).filter((f) => f.ruleId === NET).length, 1);
});

test('safety net: certificate work Windows does for itself is not NDES\'s, in any export; NDES\'s own processes still count', () => {
  const event = (provider: string, id: number, channel: string, body: string): string => '<Events><Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'>'
    + `<System><Provider Name='${provider}'/><EventID>${String(id)}</EventID><Level>2</Level><TimeCreated SystemTime='2025-06-10T06:00:01.0000000Z'/>`
    + `<Channel>${channel}</Channel><Computer>NDES01</Computer></System>${body}</Event></Events>`;
  const revocation = (process: string): string => event('Microsoft-Windows-CAPI2', 41, 'Microsoft-Windows-CAPI2/Operational', '<UserData><CertVerifyRevocation>'
    + `<Certificate fileRef='93C3.cer' subjectName='intranet.fabrikam.example'/><EventAuxInfo ProcessName='${process}'/>`
    + '<Result value=\'80092013\'>The revocation function was unable to check revocation because the revocation server was offline.</Result></CertVerifyRevocation></UserData>');
  const quiet = [
    // A sync client's and a browser's own chain checks.
    revocation('OneDrive.exe'),
    revocation('chrome.exe'),
    // Backup's VSS writer, logged by Cryptographic Services under the CAPI2 source.
    event('Microsoft-Windows-CAPI2', 513, 'Application', '<EventData><Data>Details: AddLegacyDriverFiles: Unable to back up image of binary Microsoft Link-Layer Discovery Protocol. System Error: Access is denied.</Data></EventData>'),
    // Windows Update's untrusted-certificate list.
    event('Microsoft-Windows-CAPI2', 11, 'Application', '<EventData><Data>http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab</Data><Data>The data is invalid.</Data></EventData>'),
    // The server's own autoenrollment reaching a retired CA.
    event('Microsoft-Windows-CertificateServicesClient-AutoEnrollment', 6, 'Application', '<EventData><Data>0x800706ba</Data><Data>The RPC server is unavailable.</Data></EventData>'),
    event('Microsoft-Windows-CertificateServicesClient-CertEnroll', 13, 'Application', '<EventData><Data>Local system</Data><Data>ContosoWebServer</Data><Data>CA02.contoso.com\\Legacy CA</Data><Data>The RPC server is unavailable. 0x800706ba</Data></EventData>'),
  ];
  for (const text of quiet) assert.deepEqual(inFormat('windows-event-log', text).filter((f) => f.ruleId === NET), [], text);
  // Event Viewer's CSV export of CAPI2/Operational: the row names no process, its message only points at the Details tab.
  const csv = 'Level,Date and Time,Source,Event ID,Task Category\nError,3/5/2024 12:47:31 PM,CAPI2,41,Verify Revocation,"For more details for this event, please refer to the ""Details"" section"';
  assert.deepEqual(inFormat('windows-event-log', csv).filter((f) => f.ruleId === NET), []);
  // The same revocation failure in IIS's worker (the SCEP application) or a connector is NDES's.
  for (const process of ['w3wp.exe', 'Microsoft.Intune.ConnectorsPkiCreate.exe', 'NDESConnector.exe']) {
    assert.equal(inFormat('windows-event-log', revocation(process)).filter((f) => f.ruleId === NET).length, 1, process);
  }
});

test('a device\'s SCEP enrollment (CertEnroll 86/87) is its rule\'s unrendered (.evtx) or in another language; a text export the rule cannot read is still a note', () => {
  const event = (data: string, rendering = ''): string => '<Events><Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'>'
    + '<System><Provider Name=\'Microsoft-Windows-CertificateServicesClient-CertEnroll\' Guid=\'{54164045-7c50-4905-963f-e5bc1eef0cca}\'/><EventID Qualifiers=\'49754\'>86</EventID>'
    + '<Level>2</Level><TimeCreated SystemTime=\'2024-03-05T08:14:03.2500000Z\'/><Channel>Application</Channel><Computer>DESKTOP-01</Computer></System>'
    + `<EventData><Data Name='Context'>${data}</Data><Data Name='Url'>https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll</Data><Data Name='MessageText'>GetCACaps</Data>`
    + '<Data Name=\'Method\'>GET(16ms)</Data><Data Name=\'Stage\'>GetCACaps</Data><Data Name=\'ErrorCode\'>0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)</Data></EventData>'
    + `${rendering}</Event></Events>`;
  // As read from a device's Application.evtx, or `wevtutil qe /f:xml`: no message, only the event's data.
  const unrendered = event('Local system');
  // Rendered on a German device: the English sentence DEV-WIN-CERTENROLL-86-87 reads is not there.
  const german = event('Lokales System', '<RenderingInfo Culture=\'de-DE\'><Message>Fehler bei der Initialisierung der SCEP-Zertifikatregistrierung für Lokales System über '
    + 'https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll: GetCACaps Methode: GET(16ms) Phase: GetCACaps 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)</Message>'
    + '<Level>Fehler</Level><Provider>Microsoft-Windows-CertificateServicesClient-CertEnroll</Provider></RenderingInfo>');
  // Event Viewer's .txt export of the same German event: the id is in its column, the URL in a custom SCEP server's own path.
  const txt = 'Level\tDate and Time\tSource\tEvent ID\tTask Category\n'
    + 'Fehler\t05.03.2024 09:14:03\tMicrosoft-Windows-CertificateServicesClient-CertEnroll\t86\tKeine\t"Fehler bei der Initialisierung der Zertifikatregistrierung für Lokales System über https://pki.contoso.example/enroll:\n'
    + 'GetCACaps\nMethode: GET(16ms)\nPhase: GetCACaps\n0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)"';
  for (const text of [unrendered, german]) {
    assert.deepEqual(inFormat('windows-event-log', text).map((f) => f.ruleId), ['DEV-WIN-CERTENROLL-86-87'], text);
  }
  assert.deepEqual(inFormat('windows-event-log', txt).map((f) => f.ruleId), [NET]);
});

test('safety net: a Windows device\'s MDM log counts only for its SCEP and trusted-root work, not every policy that failed', () => {
  const mdm = (id: number, message: string): string => '<Events><Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'>'
    + `<System><Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider'/><EventID>${String(id)}</EventID><Level>2</Level>`
    + '<TimeCreated SystemTime=\'2024-03-05T08:00:00.0000000Z\'/><Channel>Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin</Channel><Computer>DESKTOP-1</Computer></System>'
    + `<EventData/><RenderingInfo Culture='en-US'><Message>${message}</Message><Level>Error</Level></RenderingInfo></Event></Events>`;
  const command = (uri: string, code: string): string => 'MDM ConfigurationManager: Command failure status. Configuration Source ID: (7A1F), Enrollment Name: (MDMDeviceWithAAD), '
    + `Provider Name: (Policy), Command Type: (Add: from Replace or Add), CSP URI: (${uri}), Result: (Unknown Win32 Error code: ${code}).`;
  for (const text of [
    mdm(404, command('./Device/Vendor/MSFT/Policy/Config/Update/ActiveHoursStart', '0x86000002')),
    mdm(454, 'MDM PolicyManager: Set policy int, Policy: (ActiveHoursStart), Area: (Update), Current User: (Device), Int: (0x8), Result:(0x86000002) Unknown Win32 Error code: 0x86000002.'),
    mdm(2545, 'MDM Declared Configuration: Function (DeclaredConfigurationResult) failed with error. Result: (0x82d00007) Unknown Win32 Error code: 0x82d00007.'),
  ]) assert.deepEqual(inFormat('windows-event-log', text).filter((f) => f.ruleId === NET), [], text);
  for (const uri of ['./Device/Vendor/MSFT/ClientCertificateInstall/SCEP/ModelName/Install/Enroll', './Device/Vendor/MSFT/RootCATrustedCertificates/Root/0563B8630D62D75ABBC8AB1E4BDFB5A899B24D43']) {
    assert.equal(inFormat('windows-event-log', mdm(404, command(uri, '0x80090016'))).filter((f) => f.ruleId === NET).length, 1, uri);
  }
});
