import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectFormat } from '../../server/src/core/detect';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import type { LogModel } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { fixturePath } from '../support/paths';

const ids = (model: LogModel): string[] => [...new Set(validate(model).map((f) => f.ruleId))].sort();
const entries = (model: LogModel) => model.records.filter((r) => r.kind === 'entry');
const fixture = (name: string): string => readFileSync(fixturePath('golden/formats/eventlog', name), 'utf8');

function chunked(text: string, size: number): LogModel {
  const b = createModelBuilder('windows-event-log');
  for (let i = 0; i < text.length; i += size) b.push(text.slice(i, i + size));
  return b.end();
}

const SHAPES = [
  'wevtutil-rendered.xml', 'eventviewer-save-as.xml', 'Application-export.txt', 'Application-export.csv',
  'get-winevent-table.txt', 'get-eventlog-table.txt', 'get-winevent-list.txt', 'copy-details-as-text.txt',
];

test('eventlog: every export shape is detected by content, also as .xml/.txt/.csv with the editor language xml', () => {
  for (const name of SHAPES) {
    const text = fixture(name);
    assert.deepEqual(detectFormat({ text, fileName: name }), { format: 'windows-event-log', by: 'content' }, name);
    assert.equal(detectFormat({ text, fileName: `untitled:${name}`, languageId: 'xml' }).format, 'windows-event-log', name);
  }
});

test('eventlog: XML events carry provider, channel, id, level, computer and a UTC time', () => {
  const model = parseDocument(fixture('wevtutil-rendered.xml'), { fileName: 'ndes.xml' });
  const first = entries(model)[0];
  assert.deepEqual(first?.fields && {
    provider: first.fields['provider'], channel: first.fields['channel'], eventId: first.fields['eventId'], level: first.fields['level'], computer: first.fields['computer'],
  }, { provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', channel: 'Application', eventId: '31', level: 'Error', computer: 'NDES01.contoso.com' });
  assert.equal(first?.time, '2024-03-05T08:14:05.1234567Z');
  assert.deepEqual(ids(model), ['CA-EVT-53-DENIED', 'DEV-WIN-32-307-ENROLL-FAILED', 'NDES-CAPI2-UNTRUSTED-ROOT-AFTER-CA-RENEWAL', 'NDES-EVT-2-CANNOT-START', 'NDES-EVT-31-SUBMIT-FAILED']);
});

test('eventlog: Save as XML (root element, pretty-printed) gives one record per event with entities decoded', () => {
  const model = parseDocument(fixture('eventviewer-save-as.xml'), { fileName: 'connector.xml' });
  assert.equal(entries(model).length, 3);
  assert.ok(entries(model)[0]?.text.includes('TransactionId: 5c0d1e2f-1111-4a2b-8c3d-4e5f60718293 & Challenge'));
  assert.deepEqual(ids(model), ['CC-EVT-SCEP-SUCCESS', 'CC-EVT-SCEP-VERIFY-FAILURE', 'CONN-EVT-CRP-VERIFY-FAILURE']);
});

test('eventlog: several events on one line, a truncated event, and text around them', () => {
  const ev = (id: number): string => `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>${id}</EventID><Level>2</Level></System></Event>`;
  const text = `<Events>${ev(4005)}${ev(4007)}</Events>\n${ev(4002).slice(0, -8)}\n`;
  const model = parseDocument(text, { fileName: 'x.xml' });
  assert.deepEqual(entries(model).map((r) => r.fields?.['eventId']), ['4005', '4007', '4002']);
  assert.ok(model.problems.some((p) => p.ruleId === 'NDES-LENS-TRUNCATED-RECORD'));
  assert.deepEqual(ids(model), ['CC-EVT-SCEP-ADMIN-FAILURE', 'CC-EVT-SCEP-ISSUE-FAILURE', 'CC-EVT-SCEP-VERIFY-FAILURE', 'NDES-LENS-TRUNCATED-RECORD']);
});

test('eventlog: .txt rows keep their multi-line message, fields from the columns, local time without zone', () => {
  const model = parseDocument(fixture('Application-export.txt'), { fileName: 'Application.txt' });
  const crash = entries(model).find((r) => r.fields?.['eventId'] === '1000');
  assert.ok(crash?.text.includes('Exception code: 0xc0000005 Faulting application path'), 'blank line inside a message stays in the record');
  assert.equal(crash?.time, '2024-03-05T09:16:40');
  assert.equal(crash.fields?.['provider'], 'Application Error');
});

test('eventlog: a .txt row\'s quoted message keeps its own "Event ID:" and "Source:" lines (ASP.NET 1309); the next row still ends it', () => {
  const text = [
    'Level\tDate and Time\tSource\tEvent ID\tTask Category',
    'Warning\t3/5/2024 11:52:57 AM\tASP.NET 4.0.30319.0\t1309\tWeb Event\t"Event code: 3005 ',
    'Event message: An unhandled exception has occurred. ',
    'Event ID: 792c4b677a77f4dab2232caa06b649b9 ',
    ' ',
    'Exception information: ',
    '    Exception type: HttpException ',
    '    Exception message: The file \'/Reports/default.aspx\' does not exist.',
    'Source: System.Web"',
    'Information\t3/5/2024 11:53:17 AM\tESENT\t103\tLogging/Recovery\tcertsrv (2312,D,0) The database engine started a new instance (0).',
    // A quote left open by a damaged export: the next row is still a row.
    'Error\t3/5/2024 11:54:00 AM\tPerflib\t1008\tNone\t"The Open Procedure for service "BITS" failed',
    'Information\t3/5/2024 11:55:00 AM\tESENT\t302\tLogging/Recovery\tcertsrv (2312,D,0) The database engine has successfully completed recovery steps.',
  ].join('\r\n');
  const model = parseDocument(text, { fileName: 'Application.txt' });
  assert.deepEqual(entries(model).map((r) => r.fields?.['eventId']), ['1309', '103', '1008', '302']);
  assert.ok(entries(model)[0]?.text.includes('Exception type: HttpException'));
});

test('eventlog: a quote a .txt row leaves open ends where another export begins (a pasted "Log Name:" event, XML, a header)', () => {
  const text = [
    'Level\tDate and Time\tSource\tEvent ID\tTask Category',
    'Error\t3/5/2024 11:54:00 AM\tPerflib\t1008\tNone\tThe Open Procedure for service "BITS failed.',
    '',
    'Log Name:      Application',
    'Source:        Microsoft-Windows-NetworkDeviceEnrollmentService',
    'Date:          3/5/2024 11:55:00 AM',
    'Event ID:      2',
    'Level:         Error',
    'Description:',
    'The Network Device Enrollment Service cannot be started (0x80070057).',
    '',
    'Error\t3/5/2024 11:56:00 AM\tPerflib\t1008\tNone\t"The Open Procedure for service "BITS failed.',
    '<Event xmlns=\'http://schemas.microsoft.com/win/2004/08/events/event\'><System><Provider Name=\'Microsoft-Windows-NetworkDeviceEnrollmentService\'/><EventID>10</EventID><Level>2</Level></System></Event>',
    'Error\t3/5/2024 11:57:00 AM\tPerflib\t1008\tNone\t"The Open Procedure for service "BITS failed.',
    'Level\tDate and Time\tSource\tEvent ID\tTask Category',
    'Information\t3/5/2024 11:58:00 AM\tESENT\t302\tLogging/Recovery\tcertsrv (2312,D,0) The database engine has successfully completed recovery steps.',
  ].join('\r\n');
  const model = parseDocument(text, { fileName: 'Application.txt' });
  assert.deepEqual(entries(model).map((r) => [r.fields?.['provider'], r.fields?.['eventId']]), [
    ['Perflib', '1008'], ['Microsoft-Windows-NetworkDeviceEnrollmentService', '2'], ['Perflib', '1008'],
    ['Microsoft-Windows-NetworkDeviceEnrollmentService', '10'], ['Perflib', '1008'], ['ESENT', '302'],
  ]);
  const whole = chunked(text, text.length);
  for (const size of [1, 3, 7, 64]) {
    assert.deepEqual(chunked(text, size).records.map((r) => [r.start, r.end, r.line, r.text, r.fields]), whole.records.map((r) => [r.start, r.end, r.line, r.text, r.fields]), `chunk ${String(size)}`);
  }
});

test('eventlog: .csv rows with quoted line breaks and doubled quotes are one record each', () => {
  const model = parseDocument(fixture('Application-export.csv'), { fileName: 'Application.csv' });
  assert.deepEqual(entries(model).map((r) => r.fields?.['eventId']), ['10', '20102', '77', '4004']);
  assert.deepEqual(ids(model), ['CA-EVT-77-TEMPLATE-NOT-LOADED', 'CC-EVT-SCEP-SUCCESS', 'CONN-EVT-NOTIFY-UPLOAD-FAILURES', 'NDES-EVT-10-RA-CERT']);
});

test('eventlog: Format-Table continuation lines are joined; a blank where the wrap broke at a word, none inside a word', () => {
  const model = parseDocument(fixture('get-eventlog-table.txt'), { fileName: 'ps.txt' });
  assert.ok(entries(model)[0]?.text.includes('(The parameter is incorrect.). 0x80070057'), entries(model)[0]?.text);
  const winevent = parseDocument(fixture('get-winevent-table.txt'), { fileName: 'ps.txt' });
  const texts = entries(winevent).map((r) => r.text);
  assert.ok(texts.some((t) => t.includes('cannot submit the certificate request (The requested certificate template is not supported by this CA.)')), texts.join('\n'));
  assert.ok(texts.some((t) => t.includes('https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation')));
  assert.ok(texts.some((t) => t.includes('cannot be started (0x80070057). The parameter is incorrect.')));
  assert.equal(entries(winevent)[0]?.fields?.['provider'], 'Microsoft-Intune-CertificateConnectors', 'provider from the group heading');
  assert.deepEqual(ids(winevent), ['CC-EVT-SCEP-SUCCESS', 'CC-EVT-SCEP-VERIFY-FAILURE', 'NDES-EVT-2-CANNOT-START', 'NDES-EVT-31-SUBMIT-FAILED']);
});

test('eventlog: a Get-WinEvent table row fires an id-only connector rule through its group heading', () => {
  const text = [
    '   ProviderName: Microsoft-Intune-CertificateConnectors', '',
    'TimeCreated                     Id LevelDisplayName Message',
    '-----------                     -- ---------------- -------',
    '3/5/2024 9:14:05 AM           4007 Error            The certificate could not be issued.', '',
  ].join('\n');
  assert.deepEqual(ids(parseDocument(text)), ['CC-EVT-SCEP-ISSUE-FAILURE']);
});

test('eventlog: the connector diagnostics module\'s event summary (ID=n Provider=p: message) fires the connector rules', () => {
  const text = [
    '  [WARN] EVT02            Certificate Connector Operational errors and warnings',
    '           2026-12-06 10:02:06Z ID=4007 Provider=Microsoft-Intune-CertificateConnectors: Issue failed. | 2026-12-06 10:02:11Z ID=4010 Provider=Microsoft-Intune-CertificateConnectors: Not saved.',
    '',
  ].join('\n');
  assert.deepEqual(ids(parseDocument(text, { fileName: 'PrereqNetworkDiagnostic.log' })), ['CC-EVT-SCEP-ISSUE-FAILURE', 'CC-EVT-SCEP-NOTIFY-FAILURE']);
  // An id= in some other text is no event id.
  assert.deepEqual(ids(parseDocument('GET /page?ID=4007 Microsoft-Intune-CertificateConnectors\n')), []);
});

test('eventlog: `Format-List *` of Get-WinEvent and of Get-EventLog (message first, time late) is an event log, one record per event', () => {
  const winEvent = (record: number): string => [
    'Message              : The Network Device Enrollment Service cannot submit the certificate request (0x800706ba).  The RPC server is unavailable.',
    'Id                   : 31', 'Version              : 0', 'Qualifiers           : 49152', 'Level                : 2', 'Task                 : 0', 'Opcode               : 0',
    'Keywords             : 36028797018963968', `RecordId             : ${String(record)}`, 'ProviderName         : Microsoft-Windows-NetworkDeviceEnrollmentService',
    'ProviderId           : ', 'LogName              : Application', 'ProcessId            : ', 'ThreadId             : ', 'MachineName          : NDES01.contoso.com',
    'UserId               : ', 'TimeCreated          : 3/5/2024 9:14:05 AM', 'ActivityId           : ', 'LevelDisplayName     : Error', 'OpcodeDisplayName    : Info',
    'KeywordsDisplayNames : {Classic}', 'Properties           : {System.Diagnostics.Eventing.Reader.EventProperty}',
  ].join('\r\n');
  const eventLog = [
    'EventID            : 31', 'MachineName        : NDES01.contoso.com', 'Data               : {}', 'Index              : 4211', 'Category           : (0)',
    'CategoryNumber     : 0', 'EntryType          : Error',
    'Message            : The Network Device Enrollment Service cannot submit the certificate request (0x800706ba).  The RPC server is unavailable.',
    'Source             : Microsoft-Windows-NetworkDeviceEnrollmentService', 'ReplacementStrings : {0x800706ba, The RPC server is unavailable.}',
    'InstanceId         : 3221225503', 'TimeGenerated      : 3/5/2024 9:14:05 AM', 'TimeWritten        : 3/5/2024 9:14:05 AM', 'UserName           : ',
  ].join('\r\n');
  for (const [name, text, events] of [['one Get-WinEvent event', `\r\n\r\n${winEvent(1)}\r\n`, 1], ['two', `\r\n\r\n${winEvent(1)}\r\n\r\n${winEvent(2)}\r\n`, 2], ['Get-EventLog', `\r\n\r\n${eventLog}\r\n`, 1]] as const) {
    assert.equal(detectFormat({ text, fileName: 'events.txt' }).format, 'windows-event-log', name);
    const model = parseDocument(text, { fileName: 'events.txt' });
    assert.deepEqual(entries(model).map((r) => [r.fields?.['provider'], r.fields?.['eventId'], r.time]), Array.from({ length: events }, () => ['Microsoft-Windows-NetworkDeviceEnrollmentService', '31', '2024-03-05T09:14:05']), name);
  }
});

test('eventlog: without an EventID, Get-EventLog\'s InstanceId gives the event id from its low 16 bits, in every export shape', () => {
  const message = 'The Network Device Enrollment Service cannot submit the certificate request (0x800706ba).  The RPC server is unavailable.';
  const source = 'Microsoft-Windows-NetworkDeviceEnrollmentService';
  const shapes: readonly (readonly [string, string])[] = [
    ['Select-Object | Format-List', `\r\n\r\nTimeGenerated      : 3/5/2024 9:14:05 AM\r\nSource             : ${source}\r\nInstanceId         : 3221225503\r\nEntryType          : Error\r\nMessage            : ${message}\r\n`],
    // ConvertTo-Json: an export is known by its first object's id; a later object may hold only the InstanceId.
    ['ConvertTo-Json', `[\r\n    {\r\n        "EventID":  31,\r\n        "Message":  ${JSON.stringify(message)},\r\n        "Source":  "${source}",\r\n        "Index":  1\r\n    },\r\n    {\r\n        "Message":  ${JSON.stringify(message)},\r\n        "Source":  "${source}",\r\n        "InstanceId":  3221225503\r\n    }\r\n]\r\n`],
  ];
  for (const [name, text] of shapes) {
    const model = parseDocument(text, { fileName: 'events.txt' });
    assert.equal(model.format, 'windows-event-log', name);
    assert.deepEqual(entries(model).map((r) => [r.fields?.['provider'], r.fields?.['eventId'], r.fields?.['instanceId']]).at(-1), [source, '31', undefined], name);
  }
});

test('eventlog: Format-List blocks and copy-details key/value blocks are one record per event', () => {
  const list = parseDocument(fixture('get-winevent-list.txt'), { fileName: 'fl.txt' });
  assert.equal(entries(list).length, 3);
  assert.ok(entries(list)[0]?.text.includes('Result: (The hash value is not correct.).'));
  assert.equal(entries(list)[2]?.fields?.['eventId'], '44');
  const kv = parseDocument(fixture('copy-details-as-text.txt'), { fileName: 'kv.txt' });
  assert.equal(entries(kv).length, 4);
  assert.deepEqual(entries(kv).map((r) => r.fields?.['eventId']), ['31', '77', '20501', '1001']);
  assert.equal(entries(kv)[2]?.time, '2024-03-05T09:15:00', 'day-first dotted date');
  assert.ok(entries(kv)[2]?.text.includes('</Event>'), 'the Event Xml part belongs to its event');
  assert.deepEqual(ids(kv), ['CA-EVT-77-TEMPLATE-NOT-LOADED', 'CC-EVT-PKCS-FAILURES', 'CONN-EVT-CHALLENGE-EXPIRED', 'NDES-EVT-31-SUBMIT-FAILED']);
});

test('eventlog: damaged padding and a message pasted alone still match', () => {
  const text = 'Log Name: Application\nSource:Microsoft-Windows-NetworkDeviceEnrollmentService\nEvent ID:   29\nLevel:Warning\nDescription:\nThe password in the certificate request cannot be verified. It may have been used already.\n';
  const model = createModelBuilder('windows-event-log');
  model.push(text);
  const m = model.end();
  assert.equal(entries(m).length, 1);
  assert.equal(entries(m)[0]?.fields?.['eventId'], '29');
  assert.deepEqual(ids(m), ['NDES-EVT-29-PASSWORD-NOT-VERIFIED']);
  const bare = createModelBuilder('windows-event-log');
  bare.push('The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.\n');
  assert.deepEqual(ids(bare.end()), ['NDES-EVT-2-CANNOT-START']);
});

test('eventlog: a copy-details paste with blank lines between its fields stays one event per Log Name', () => {
  // Blog pastes of "copy details as text" often carry a blank line after every field.
  const text = [
    'Log Name: Application', 'Source: Microsoft-Windows-NetworkDeviceEnrollmentService ', '', '',
    'Event ID: 10 ', '', 'Level: Error ', '', '', 'Description: ', '',
    'The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect. ', '',
    'Log Name: Application', '', 'Source: Microsoft-Windows-NetworkDeviceEnrollmentService', '', 'Event ID: 2', '', 'Level: Error', '',
    'Description: The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.', '',
    'Event ID: 3', 'Level: Information', '',
  ].join('\n');
  const model = createModelBuilder('windows-event-log');
  model.push(text);
  const m = model.end();
  assert.deepEqual(entries(m).map((r) => [r.fields?.['eventId'], r.fields?.['level']]), [['10', 'Error'], ['2', 'Error'], ['3', 'Information']]);
  assert.ok(entries(m)[0]?.text.includes('required certificates'), 'the message after an empty Description: belongs to its event');
  assert.deepEqual(ids(m), ['NDES-EVT-10-RA-CERT', 'NDES-EVT-2-CANNOT-START'], 'no "Level: Error" line is left alone as an unrecognised failure');
});

test('eventlog: a copy-details message with blank lines of its own stays in its event', () => {
  // .NET Runtime 1026 puts a blank line between inner exceptions; the tail is still the .NET event,
  // not a line of unknown origin that the unrecognised-failure net would flag.
  const text = [
    'Log Name:      Application', 'Source:        .NET Runtime', 'Date:          3/5/2024 10:02:11 AM', 'Event ID:      1026',
    'Task Category: None', 'Level:         Error', 'Keywords:      Classic', 'User:          N/A', 'Computer:      NDES01.contoso.com', 'Description:',
    'Application: ContosoAgent.exe', 'Framework Version: v4.0.30319', 'Description: The process was terminated due to an unhandled exception.',
    'Exception Info: System.UnauthorizedAccessException', '', 'Exception Info: System.IO.IOException: Access to the path is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))',
    '', 'Log Name:      Application', 'Source:        Microsoft-Windows-NetworkDeviceEnrollmentService', 'Event ID:      2', 'Level:         Error', 'Description:',
    'The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.', '',
  ].join('\r\n');
  const m = parseDocument(text, { fileName: 'Application.txt' });
  assert.deepEqual(entries(m).map((r) => [r.fields?.['provider'], r.fields?.['eventId']]), [['.NET Runtime', '1026'], ['Microsoft-Windows-NetworkDeviceEnrollmentService', '2']]);
  assert.ok(entries(m)[0]?.text.includes('0x80070005'), 'the text after the blank line belongs to the .NET event');
  assert.deepEqual(ids(m), ['NDES-EVT-2-CANNOT-START']);
});

test('eventlog: chunked streaming gives the same records as one push (every shape, CRLF split, BOM)', () => {
  for (const name of SHAPES) {
    const text = '\uFEFF' + fixture(name).replace(/\r?\n/g, '\r\n');
    const whole = chunked(text, text.length);
    for (const size of [1, 3, 7, 64, 1000]) {
      const parts = chunked(text, size);
      assert.deepEqual(parts.records.map((r) => [r.start, r.end, r.line, r.text, r.time, r.fields]), whole.records.map((r) => [r.start, r.end, r.line, r.text, r.time, r.fields]), `${name} chunk ${size}`);
    }
  }
});

test('eventlog: finding offsets land on the matched words in the document', () => {
  for (const name of SHAPES) {
    const text = fixture(name);
    const model = parseDocument(text, { fileName: name });
    for (const f of validate(model)) {
      if (f.ruleId.startsWith('NDES-LENS')) continue;
      const slice = text.slice(f.start, f.end);
      assert.ok(/\S/.test(slice.charAt(0)) && /\S/.test(slice.charAt(slice.length - 1)), `${name} ${f.ruleId}: ${JSON.stringify(slice)}`);
    }
  }
});

test('eventlog: long lines and pathological input stay linear', () => {
  const huge = '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="' + 'a'.repeat(200_000) + '"/></System><EventData>' + '<Data>x</Data>'.repeat(20_000) + '</EventData></Event>\n';
  const tabs = ('Error\t3/5/2024 9:14:05 AM\tSource\t1\tNone\t' + 'x'.repeat(50) + '\n').repeat(20_000);
  const table = 'TimeCreated                     Id LevelDisplayName Message\n-----------                     -- ---------------- -------\n' + ('3/5/2024 9:14:05 AM              1 Error            ' + 'word '.repeat(10) + '\n' + ' '.repeat(53) + 'x'.repeat(60) + '\n').repeat(5_000);
  for (const text of [huge, tabs, table, '<Event '.repeat(50_000), 'Log Name: x\n'.repeat(50_000), '"'.repeat(100_000)]) {
    const t0 = Date.now();
    const b = createModelBuilder('windows-event-log');
    b.push(text);
    validate(b.end());
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  }
});

test('eventlog: an event quoted in Markdown (`> ` markers, `&nbsp;` padding) is one record with its fields', () => {
  // The shape of Microsoft's 0x80094800 article: the CA's Failed Requests details, then the NDES event
  // as "copy details as text" with its Event Xml, each line quoted and the padding written as entities.
  const pad = (n: number): string => '&nbsp;'.repeat(n);
  const text = [
    '- In **Failed Requests** on the CA:', '',
    '    > Request Status Code:  ',
    '    > "The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)"  ',
    '    >', '- On the NDES server:', '',
    `    > Log Name:${pad(3)}Application  `,
    `    > Source:${pad(7)} Microsoft-Windows-NetworkDeviceEnrollmentService  `,
    `    > Event ID:${pad(5)} 31  `,
    `    > Level:${pad(11)}**Error**  `,
    `    > Computer:${pad(4)}NDES1.contoso.com  `,
    '    > Description:  ',
    '    > **The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.). 0x80004005**  ',
    '    > Event Xml:',
    '    > \\<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">  ',
    `    >${pad(1)} \\<EventData Name="**EVENT_MSCEP_FAIL_SUBMIT**">  `,
    `    >${pad(3)} \\<Data Name="ErrorMessage">**0x80004005**\\</Data>  `,
    `    >${pad(1)} \\</EventData>  `,
    '    >\\</Event>', '',
  ].join('\n');
  const model = parseDocument(text, { fileName: 'kb.txt' });
  assert.equal(model.format, 'windows-event-log');
  const event = entries(model).find((r) => r.fields?.['eventId'] !== undefined);
  assert.deepEqual(event?.fields, { channel: 'Application', provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', eventId: '31', level: 'Error', computer: 'NDES1.contoso.com' });
  assert.ok(event.text.includes('</Event>'), 'the Event Xml part belongs to its event');
  assert.equal(text.slice(event.start, event.start + 'Log Name:'.length), 'Log Name:', 'the record starts past the quote marker');
  const found = validate(model).map((f) => f.ruleId);
  // One finding per fact: the CA's denial and the NDES event; no note for the event's level or code.
  assert.deepEqual(found.sort(), ['CA-EVT-53-DENIED', 'NDES-EVT-31-SUBMIT-FAILED']);
});
