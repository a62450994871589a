import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../../server/src/core/detect';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import { toDocumentOffset } from '../../server/src/core/text';
import type { Finding, LogModel, LogRecord } from '../../server/src/core/types';
import { checkText as check } from '../support/checkText';

/**
 * `Get-WinEvent … | ConvertTo-Json` and `Get-EventLog … | ConvertTo-Json`: each object is one event
 * record with the fields the other exports give, so the id is the event's and not a record number or
 * a process id that happens to read like one.
 */

const loud = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.ruleId);
const entries = (model: LogModel): LogRecord[] => model.records.filter((r) => r.kind === 'entry');

interface WinEvent { id: number; provider: string; log: string; level: number; levelName: string; recordId: number; pid: number; tid: number; message: string | null; props?: readonly string[] }

/** One EventLogRecord as Windows PowerShell 5.1 writes it (`"Key":  value`, `\/Date(…)\/`, `\u0027`). */
function winEvent51(e: WinEvent, ms: number): string {
  const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s).replace(/'/g, '\\u0027').replace(/</g, '\\u003c').replace(/>/g, '\\u003e'));
  const props = (e.props ?? []).map((p) => `                           {\r\n                               "Value":  ${str(p)}\r\n                           }`).join(',\r\n');
  return [
    '    {',
    `        "Id":  ${e.id},`, '        "Version":  0,', '        "Qualifiers":  null,', `        "Level":  ${e.level},`, '        "Task":  0,', '        "Opcode":  0,',
    '        "Keywords":  -9223372036854775808,', `        "RecordId":  ${e.recordId},`, `        "ProviderName":  ${str(e.provider)},`,
    '        "ProviderId":  "0c2f6e6a-8d0f-4b52-9a2e-5d1b7f3c2a11",', `        "LogName":  ${str(e.log)},`, `        "ProcessId":  ${e.pid},`, `        "ThreadId":  ${e.tid},`,
    '        "MachineName":  "NDES01.contoso.com",',
    '        "UserId":  {', '                       "BinaryLength":  12,', '                       "AccountDomainSid":  null,', '                       "Value":  "S-1-5-18"', '                   },',
    `        "TimeCreated":  "\\/Date(${ms})\\/",`, '        "ActivityId":  null,', '        "RelatedActivityId":  null,', `        "ContainerLog":  ${str(e.log)},`,
    '        "MatchedQueryIds":  [', '', '                            ],', '        "Bookmark":  {', '', '                     },',
    `        "LevelDisplayName":  ${str(e.levelName)},`, '        "OpcodeDisplayName":  "Info",', '        "TaskDisplayName":  null,',
    '        "KeywordsDisplayNames":  [', '', '                                 ],',
    `        "Properties":  [\r\n${props}\r\n                       ],`,
    `        "Message":  ${str(e.message)}`,
    '    }',
  ].join('\r\n');
}
const array51 = (events: readonly WinEvent[]): string => `[\r\n${events.map((e, i) => winEvent51(e, 1709626445000 + i * 1000)).join(',\r\n')}\r\n]\r\n`;

const CC = 'Microsoft-Intune-CertificateConnectors';
const OPS = `${CC}/Operational`;
const ADMIN = `${CC}/Admin`;
const ok = (id: number, recordId: number, pid: number, tid: number, message: string, log = OPS): WinEvent => ({ id, provider: CC, log, level: 4, levelName: 'Information', recordId, pid, tid, message });

test('json: Get-WinEvent | ConvertTo-Json of a working connector is an event log whose record numbers and process ids are no events', () => {
  // Record numbers, process and thread ids that read as the connector's failure ids 4001, 4005, 4007, 4009.
  const text = array51([
    ok(4003, 4005, 4001, 4009, 'ScepRequestReceived: TransactionId=2884DCE39BDC43CB'),
    ok(4004, 4007, 4001, 4005, 'ScepVerifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0'),
    ok(4006, 4009, 4001, 4007, 'ScepIssuedSuccess: TransactionId=2884DCE39BDC43CB,\r\nRequestId=4711, ResultCode=0x0'),
    ok(4008, 4001, 4005, 4007, 'ScepNotifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0'),
    ok(4000, 4002, 4005, 4009, 'ScepRequestSuccess: TransactionId=2884DCE39BDC43CB', ADMIN),
  ]);
  assert.deepEqual(detectFormat({ text, fileName: 'connector.json' }), { format: 'windows-event-log', by: 'content' });
  const { findings, flow } = check(text, 'connector.json');
  assert.deepEqual(loud(findings), []);
  assert.equal(flow.firstFailure, null, flow.verdict);
  assert.equal(flow.stages.find((s) => s.stage === 3)?.status, 'ok');
  const model = parseDocument(text, { fileName: 'connector.json' });
  assert.deepEqual(entries(model).map((r) => r.fields?.['eventId']), ['4003', '4004', '4006', '4008', '4000']);
  const first = entries(model)[0];
  assert.deepEqual(first?.fields, { eventId: '4003', provider: CC, level: 'Information', channel: OPS, computer: 'NDES01.contoso.com' });
  assert.equal(first.time, '2024-03-05T08:14:05.000Z');
  assert.equal(text.charAt(first.start), '{');
  assert.equal(text.charAt(first.end - 1), '}');
});

test('json: a failure event exported with ConvertTo-Json fires under its rule and stage, once, on its own id', () => {
  // Admin 4001's message does not name it: only the parsed id tells (plain text missed it).
  const failed = check(array51([ok(4003, 900, 4012, 31, 'ScepRequestReceived: TransactionId=2884DCE39BDC43CB'), { ...ok(4001, 901, 4012, 31, 'Failed to process SCEP request.', ADMIN), level: 2, levelName: 'Error' }]), 'admin.json');
  assert.deepEqual(loud(failed.findings), ['CC-EVT-SCEP-ADMIN-FAILURE']);
  assert.equal(failed.flow.firstFailure?.stage, 3);
  // 4005: one finding about event 4005, though its Properties repeat the failure's name.
  const verify = check(array51([{ ...ok(4005, 4001, 31, 4002, 'ScepVerifyFailure: TransactionId=1a2b3c\r\nCallerInfo: contoso\r\nErrorCode: 0x80070057'), level: 2, levelName: 'Error', props: ['ScepVerifyFailure', '1a2b3c'] }]), 'ops.json');
  assert.deepEqual(loud(verify.findings), ['CC-EVT-SCEP-VERIFY-FAILURE']);
  assert.match(verify.findings[0]?.message ?? '', /event 4005\b/);
  assert.equal(verify.flow.firstFailure?.stage, 3);
  // NDES event 31 with 0x800706ba: CA-RPC-UNAVAILABLE, placed in the message, not in the Properties that repeat its code.
  const ndes = array51([{ id: 31, provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', log: 'Application', level: 2, levelName: 'Error', recordId: 4005, pid: 4012, tid: 31, message: 'The Network Device Enrollment Service cannot submit the certificate request (The RPC server is unavailable.). 0x800706ba', props: ['0x800706ba', 'The RPC server is unavailable.'] }]);
  const rpc = check(ndes, 'ndes.json');
  assert.deepEqual(loud(rpc.findings), ['CA-RPC-UNAVAILABLE']);
  const at = rpc.findings[0]?.start ?? 0;
  assert.ok(at > ndes.indexOf('"Message"'), `finding at ${at} should be inside the message`);
  assert.equal(rpc.flow.firstFailure?.stage, 4);
});

test('json: Get-EventLog | ConvertTo-Json reads EventID, Source and the numeric EntryType; Index and InstanceId are no ids', () => {
  const entry = (id: number, index: number, type: number, message: string): string => `{\r\n    "EventID":  ${id},\r\n    "MachineName":  "NDES01.contoso.com",\r\n    "Data":  [\r\n\r\n             ],\r\n    "Index":  ${index},\r\n    "Category":  "(0)",\r\n    "CategoryNumber":  0,\r\n    "EntryType":  ${type},\r\n    "Message":  ${JSON.stringify(message)},\r\n    "Source":  "Microsoft-Windows-NetworkDeviceEnrollmentService",\r\n    "ReplacementStrings":  [\r\n                               "0x80004005"\r\n                           ],\r\n    "InstanceId":  ${3221225472 + id},\r\n    "TimeGenerated":  "\\/Date(1709626445000)\\/",\r\n    "TimeWritten":  "\\/Date(1709626445000)\\/",\r\n    "UserName":  null,\r\n    "Site":  null,\r\n    "Container":  null\r\n}`;
  // One event piped alone: an object, no array.
  const text = entry(31, 4005, 1, 'The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.).  0x80004005');
  const model = parseDocument(text, { fileName: 'app.json' });
  assert.equal(model.format, 'windows-event-log');
  const [event] = entries(model);
  assert.deepEqual(event?.fields, { eventId: '31', provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', level: 'Error', computer: 'NDES01.contoso.com', task: '(0)' });
  const { findings, flow } = check(text, 'app.json');
  assert.deepEqual(loud(findings), ['NDES-EVT-31-SUBMIT-FAILED']);
  assert.equal(flow.firstFailure?.stage, 4);
});

test('json: -Compress, PowerShell 7 times, a message left null, a cut-off export, and chunked reading', () => {
  const compressed = '[{"Id":4004,"RecordId":4005,"ProcessId":4001,"ProviderName":"Microsoft-Intune-CertificateConnectors","LevelDisplayName":"Information","TimeCreated":"2024-03-05T09:14:05.1234567+01:00","Message":"ScepVerifySuccess: TransactionId=2884DCE39BDC43CB, ResultCode=0x0"},'
    + '{"Id":31,"RecordId":12,"ProviderName":"Microsoft-Windows-NetworkDeviceEnrollmentService","LevelDisplayName":"Error","TimeCreated":"2024-03-05T09:14:06+01:00","Properties":[{"Value":"0x800706ba"},{"Value":"The RPC server is unavailable."}],"Message":null}]';
  const model = parseDocument(compressed, { fileName: 'c.json' });
  assert.equal(model.format, 'windows-event-log');
  assert.deepEqual(entries(model).map((r) => [r.fields?.['eventId'], r.time]), [['4004', '2024-03-05T09:14:05.1234567+01:00'], ['31', '2024-03-05T09:14:06+01:00']]);
  // Without a message, the event's own data (Properties) is what there is to read.
  assert.deepEqual(loud(check(compressed, 'c.json').findings), ['CA-RPC-UNAVAILABLE']);
  for (const size of [1, 7, 64]) {
    const b = createModelBuilder('windows-event-log');
    for (let i = 0; i < compressed.length; i += size) b.push(compressed.slice(i, i + size));
    assert.deepEqual(entries(b.end()).map((r) => r.text), entries(model).map((r) => r.text), `chunks of ${size}`);
  }
  // Cut off inside the second event: the first is whole, the second read as far as it goes and flagged.
  const cut = array51([ok(4004, 1, 2, 3, 'ScepVerifySuccess: ok'), { ...ok(4005, 4, 5, 6, 'ScepVerifyFailure: TransactionId=1a2b3c'), level: 2, levelName: 'Error' }]);
  const head = cut.slice(0, cut.lastIndexOf('"Message"') + 30);
  assert.deepEqual(loud(check(head, 'cut.json').findings).sort(), ['CC-EVT-SCEP-VERIFY-FAILURE', 'NDES-LENS-TRUNCATED-RECORD']);
  const cutModel = parseDocument(head, { fileName: 'cut.json' });
  assert.deepEqual(entries(cutModel).map((r) => r.fields?.['eventId']), ['4004', '4005']);
  assert.deepEqual(cutModel.problems.map((p) => [p.ruleId, p.start]), [['NDES-LENS-TRUNCATED-RECORD', entries(cutModel)[1]?.start]]);
});

test('json: the record text leads back to the document, escapes and all', () => {
  const text = array51([{ ...ok(2, 7, 8, 9, 'The Network Device Enrollment Service cannot be started (0x80070057).\r\nIt\'s <bad>: "quoted" \\ path'), provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', log: 'Application' }]);
  const [event] = entries(parseDocument(text, { fileName: 'e.json' }));
  assert.ok(event);
  assert.ok(event.text.includes('Message:  "The Network Device Enrollment Service cannot be started (0x80070057).  It\'s <bad>: "quoted" \\ path"'), event.text);
  assert.ok(/\bId: {2}2,/.test(event.text) && /\bRecordId: {2}7,/.test(event.text), event.text);
  for (let i = 0; i < event.text.length; i++) {
    const ch = event.text.charAt(i);
    if (/\s/.test(ch)) continue;
    const doc = text.charAt(toDocumentOffset(event, i));
    // A character read from an escape maps to its backslash.
    assert.ok(doc === ch || doc === '\\', `text[${i}] ${ch} maps to ${doc}`);
  }
});

test('json: other JSON with Id and Message is not an event export', () => {
  const tickets = '[\r\n  {\r\n    "Id": 1042,\r\n    "Source": "Email",\r\n    "Message": "Customer says the connector logs ScepVerifyFailure 4005 for Microsoft-Intune-CertificateConnectors",\r\n    "Status": "Open"\r\n  }\r\n]\r\n';
  assert.equal(detectFormat({ text: tickets, fileName: 'tickets.json' }).format, 'plain-text');
  // Graph and most APIs write camelCase: "id", "message".
  assert.equal(detectFormat({ text: '{"id": 4005, "message": "x", "createdDateTime": "2024-03-05T08:00:00Z"}', fileName: 'graph.json' }).format, 'plain-text');
});
