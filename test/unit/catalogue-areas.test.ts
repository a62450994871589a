import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Signature } from '../../server/src/core/catalogue/define';
import { createModelBuilder } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';
import { CA } from '../../server/src/core/catalogue/ca';
import { CONNECTOR } from '../../server/src/core/catalogue/connector';
import { DEVICE } from '../../server/src/core/catalogue/device';
import { SETUP } from '../../server/src/core/catalogue/setup';
import { UNIFIED_CONNECTOR } from '../../server/src/core/catalogue/unifiedConnector';
import { VALIDATION } from '../../server/src/core/catalogue/validation';

/**
 * The CA, connector, installer, device and validation-script areas: event exports in their real
 * shapes, event ids that must not match without their source, and linear-time patterns.
 */
const AREAS: readonly Signature[] = [...CA, ...CONNECTOR, ...UNIFIED_CONNECTOR, ...SETUP, ...DEVICE, ...VALIDATION];

/** Rule ids found in `text` read as pasted plain text, with only the area signatures loaded. */
function idsIn(text: string): string[] {
  const builder = createModelBuilder('plain-text');
  builder.push(text);
  return [...new Set(validate(builder.end(), undefined, { signatures: AREAS, validators: [] }).map((f) => f.ruleId))].sort();
}

test('areas: every signature still runs on pasted plain text and its id is unique', () => {
  const ids = AREAS.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const s of AREAS) assert.ok(s.formats.includes('plain-text'), s.id);
});

test('areas: unified connector event 4005 in each export shape', () => {
  const shapes = [
    'Error\t3/5/2024 9:14:05 AM\tMicrosoft-Intune-CertificateConnectors\t4005\tNone\t',
    '"Error","3/5/2024 9:14:05 AM","Microsoft-Intune-CertificateConnectors","4005","None",""',
    '<Event><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID Qualifiers="0">4005</EventID></System></Event>',
    'TimeCreated : 3/5/2024 9:14:05 AM ProviderName : Microsoft-Intune-CertificateConnectors Id : 4005',
    'Log Name: Microsoft-Intune-CertificateConnectors/Operational Source: Microsoft-Intune-CertificateConnectors Event ID: 4005',
  ];
  for (const line of shapes) assert.deepEqual(idsIn(line + '\n'), ['CC-EVT-SCEP-VERIFY-FAILURE'], line);
});

/** Rule ids found in `text` read as an event log export (its events parsed, their ids known). */
function idsInEventLog(text: string): string[] {
  const builder = createModelBuilder('windows-event-log');
  builder.push(text);
  return [...new Set(validate(builder.end(), undefined, { signatures: AREAS, validators: [] }).map((f) => f.ruleId))].sort();
}

test('areas: an id quoted in an event\'s message is not the event\'s id', () => {
  const issued = '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>4006</EventID><Level>4</Level>'
    + '<Channel>Microsoft-Intune-CertificateConnectors/Operational</Channel></System><EventData><Data Name="Message">ScepIssuedSuccess: CA request ID: 1051 issued for the device</Data></EventData></Event>\n';
  assert.deepEqual(idsInEventLog(issued).filter((id) => id.startsWith('CC-EVT-PKCS')), [], 'a SCEP success is no PKCS failure');
  // As pasted text nothing says which number is the event's: the quoted id still counts there.
  assert.ok(idsIn(issued).includes('CC-EVT-PKCS-FAILURES'));
  // Format-List * prints the message before the Id: the event's own id, further on, is found.
  const failed = [
    'Message              : PkcsIssuedFailure: CA request ID: 1051 was denied',
    'Id                   : 1052',
    'Level                : 2',
    'ProviderName         : Microsoft-Intune-CertificateConnectors',
    'TimeCreated          : 3/5/2024 9:14:05 AM',
    '',
  ].join('\n');
  assert.ok(idsInEventLog(failed).includes('CC-EVT-PKCS-FAILURES'));
});

test('areas: an event id without the connector source or event name finds nothing', () => {
  for (const line of [
    'Event ID: 4005',
    'Log Name: Application Source: Microsoft-Windows-Kernel-Power Event ID: 4005',
    '<EventID>4001</EventID><Channel>System</Channel>',
    'Error\t3/5/2024 9:14:05 AM\tWindows Error Reporting\t1001\tNone\tFault bucket',
    '2024-03-05 08:14:03 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 Mozilla - 200 0 0 4005',
    'Event ID: 20502',
  ]) assert.deepEqual(idsIn(line + '\n'), [], line);
});

test('areas: a "Copy details as text" block split over lines does not guess from the Event ID line alone', () => {
  const block = [
    'Log Name:      Microsoft-Intune-CertificateConnectors/Operational',
    'Source:        Microsoft-Intune-CertificateConnectors',
    'Event ID:      4005',
    'Level:         Error',
  ].join('\n');
  assert.deepEqual(idsIn(block + '\n'), []);
});

test('areas: Event ID 1000 is only benign for the connector source, never for Application Error', () => {
  assert.deepEqual(idsIn('The description for Event ID 1000 from source Microsoft-Intune-CertificateConnectors cannot be found. Either the component that raises this event is not installed on your local computer or the installation is corrupted.\n'), ['CC-EVT-1000-MANIFEST-BENIGN']);
  assert.deepEqual(idsIn('Faulting application name: w3wp.exe, version: 10.0.17763.1\nEvent ID: 1000\n'), []);
});

test('areas: CertEnroll event 87 lines each match on their own', () => {
  const event = [
    'SCEP Certificate enrollment for Local system via https://ndes.contoso.com/certsrv/mscep/mscep.dll failed:',
    '',
    'PkiStatus(2): SCEPDispositionFailure',
    'FailInfo(2): SCEPFailBadRequest',
    'EnrollStatus(256): EnrollDenied',
  ].join('\r\n');
  assert.deepEqual(idsIn(event + '\r\n'), ['DEV-SCEP-CLIENT-PKISTATUS-FAILURE', 'DEV-WIN-CERTENROLL-86-87']);
});

test('areas: the connector PKCS RPC line is reported once, by the connector rule', () => {
  assert.deepEqual(
    idsIn('IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x800706BA): CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\n'),
    ['CONN-PKCS-RPC-UNAVAILABLE'],
  );
});

test('areas: every pattern stays fast on a 40 KB line that does not match', () => {
  const fill = (unit: string): string => unit.repeat(Math.ceil(40_000 / unit.length)).slice(0, 40_000);
  const lines = [
    fill('a'), fill(' '), fill('\t'), fill('\t4005'), fill('Event ID: '), 'Event ID' + fill(' '), fill(',"'), fill('<EventID>'), fill('Id : '),
    fill('Certificate Services denied request 1 because '), fill('Active Directory Certificate Services could not process request 1 due to an error: '),
    fill('0x800706ba '), fill('CCertRequest::Submit:'), fill('SCEP Certificate enrollment for x via '), fill('SCEP: CspExecute for UniqueId : '),
    fill('Get-ItemProperty : '), fill('Performing synchronous URL request: x'), fill('Profile x'), fill('Adding dependent ModelName=x to parent y '),
    fill('Policy Module logged the following warning: The x '), fill('\t10102'), fill('Microsoft-Intune-CertificateConnectors '),
  ];
  for (const s of AREAS) {
    for (const re of [...s.match.patterns, ...(s.match.requires ?? []), ...(s.match.excludes ?? [])]) {
      for (const line of lines) {
        let best = Infinity;
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          re.exec(line);
          best = Math.min(best, performance.now() - t0);
        }
        assert.ok(best < 25, `${s.id} ${String(re)} took ${best.toFixed(1)} ms on ${JSON.stringify(line.slice(0, 30))}`);
      }
    }
  }
});

test('CC-CONNECTOR-CERT-EXPIRED: the date ends the match, also when a stack trace is joined to its line (LF or CRLF)', () => {
  for (const nl of ['\n', '\r\n']) {
    const line = 'Certificate is expired! Expiration date: 03/01/2024 10:00:00';
    const b = createModelBuilder('plain-text');
    b.push(`${line}${nl}   at System.Net.HttpWebRequest.GetResponse()${nl}`);
    const found = validate(b.end()).filter((f) => f.ruleId === 'CC-CONNECTOR-CERT-EXPIRED');
    assert.deepEqual(found.map((f) => [f.start, f.end]), [[0, line.length]], JSON.stringify(nl));
    assert.match(found[0]?.message ?? '', /expired on 03\/01\/2024 10:00:00:/);
  }
});

test('CC-CONNECTOR-CERT-EXPIRED: an expired certificate beside a valid one of the same check is a leftover, not a failure', () => {
  // Validate-NDESConfiguration lists every certificate the ImportPFX Connector CA issued; after the
  // connector renewed its certificate the old one stays in the store and is listed as expired.
  const expired = 'Certificate is expired! Expiration date: 11/20/2026 08:12:44';
  const valid = 'Certificate is valid from: 10/21/2026 08:12:44 until: 10/21/2027 08:12:44';
  const header = "2 certificates issued by 'Microsoft Intune ImportPFX Connector CA' found.";
  const found = (text: string, format: 'plain-text' | 'cmtrace-log' = 'plain-text'): string[] => {
    const b = createModelBuilder(format);
    b.push(text);
    return validate(b.end()).filter((f) => f.ruleId === 'CC-CONNECTOR-CERT-EXPIRED').map((f) => text.slice(f.start, f.end));
  };
  for (const nl of ['\n', '\r\n']) {
    // Renewed: silent, in either order, with blank lines, in a transcript between other output.
    assert.deepEqual(found(['Checking Microsoft Itnne ImportPFX Connector Certificate', header, expired, valid, 'Checking Windows Features are installed...', ''].join(nl)), []);
    assert.deepEqual(found([header, valid, '', expired, ''].join(nl)), []);
    assert.deepEqual(found([header, valid, expired, ''].join(nl), 'cmtrace-log'), []);
    // No valid certificate in the check: every expired one is reported, also before a later run that has one.
    assert.deepEqual(found([header, expired, expired, ''].join(nl)), [expired, expired]);
    assert.deepEqual(found([expired, 'Checking Windows Features are installed...', header, valid, expired, ''].join(nl)), [expired]);
    assert.deepEqual(found([expired, ''].join(nl), 'cmtrace-log'), [expired]);
  }
});

test('VAL-SERVICE-ACCOUNT: a service account in the local Administrators group works, so it is a warning, not an error', () => {
  // The script writes this at CMTrace type 2 and says the membership provides the rights NDES needs.
  const line = (msg: string, type: number): string => `<![LOG[${msg}]LOG]!><time="09:15:02.117+060" date="12-7-2026" component="NDES_Validation" context="CONTOSO\\admin" type="${String(type)}" thread="1" file="">\n`;
  const severities = (text: string): string[] => {
    const b = createModelBuilder('cmtrace-log');
    b.push(text);
    return validate(b.end()).filter((f) => f.ruleId === 'VAL-SERVICE-ACCOUNT').map((f) => f.severity);
  };
  assert.deepEqual(severities(line('NDES Service Account is a member of the local Administrators group. This will provide the requisite rights but is _not_ a secure configuration. Use IIS_IUSERS instead.', 2)), ['warning']);
  assert.deepEqual(severities(line('Missing or Incorrect SPN set for the NDES Service Account', 3)), ['error']);
  assert.deepEqual(severities(line('Problem with the AD account. Please see output below to determine the issue', 3)), ['error']);
});

test('VAL-SERVICE-ACCOUNT: not in IIS_IUSRS but given the logon rights explicitly is what the script calls a success: a warning', () => {
  const line = (msg: string, type: number): string => `<![LOG[${msg}]LOG]!><time="09:15:02.117+060" date="12-7-2026" component="NDES_Validation" context="CONTOSO\\admin" type="${String(type)}" thread="1" file="">\n`;
  const severities = (text: string, format: 'cmtrace-log' | 'plain-text' = 'cmtrace-log'): string[] => {
    const b = createModelBuilder(format);
    b.push(text);
    return validate(b.end()).filter((f) => f.ruleId === 'VAL-SERVICE-ACCOUNT').map((f) => f.severity);
  };
  const missing = 'NDES Service Account is not a member of the local IIS_IUSR group';
  // The older script's wording, then the newer one's (a here-string: "Success:" on the line before).
  const explicit = 'NDES Service Account has been assigned the Logon Locally, Logon as a Service and Logon as a batch job rights explicitly.';
  const explicitNew = "Success: \n                    NDES Service Account has been assigned 'Logon Locally', 'Logon as a Service' and 'Logon as a batch job' rights explicitly.";
  assert.deepEqual(severities(line(missing, 3) + line(explicit, 1) + line('Checking Windows Features are installed...', 1)), ['warning']);
  assert.deepEqual(severities(line(`Error: ${missing}`, 3) + line(explicitNew, 1)), ['warning']);
  assert.deepEqual(severities(`Error: ${missing}\nChecking Local Security Policy for explicit rights via gpedit...\n\nSuccess: ${explicit}\n`, 'plain-text'), ['warning']);
  // Without the rights it stays an error, also when a later run of the script has them.
  assert.deepEqual(severities(line(missing, 3) + line('NDES Service Account has _NOT_ been assigned the Logon Locally, Logon as a Service or Logon as a batch job rights _explicitly_.', 3)), ['error']);
  assert.deepEqual(severities(line(missing, 3)), ['error']);
  assert.deepEqual(severities(line(missing, 3) + line(missing, 3) + line(explicit, 1)), ['error', 'warning']);
});

test('the lines the validation script\'s multi-record rules read are theirs: no unrecognised-failure note on them', () => {
  const line = (msg: string, type: number): string => `<![LOG[${msg}]LOG]!><time="09:15:02.117+060" date="12-7-2026" component="NDES_Validation" context="CONTOSO\\admin" type="${String(type)}" thread="1" file="">\n`;
  const text = line('Error: NDES Service Account is not a member of the local IIS_IUSR group', 3)
    + line("Success: NDES Service Account has been assigned 'Logon Locally', 'Logon as a Service' and 'Logon as a batch job' rights explicitly.", 1)
    + line('Certificate is expired! Expiration date: 11/20/2026 08:12:44', 3)
    + line('Certificate is valid from: 10/21/2026 08:12:44 until: 10/21/2027 08:12:44', 1);
  const b = createModelBuilder('cmtrace-log');
  b.push(text);
  assert.deepEqual(validate(b.end()).map((f) => `${f.ruleId} ${f.severity}`), ['VAL-SERVICE-ACCOUNT warning']);
});
