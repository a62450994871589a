import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../../server/src/core/analysis';
import { parseDocument } from '../../server/src/core/parse';
import type { Finding } from '../../server/src/core/types';
import type { ValidationSettings } from '../../server/src/core/validate';
import { HEALTH_UPLOAD } from '../../server/src/core/catalogue/validators/healthUpload';
import { readText } from '../../server/src/node/decode';
import type { HealthyEvent } from '../support/healthy';
import { toCsv, toEvtx, toFormatList, toTxt, toXml } from '../support/healthy/render';

/**
 * CC-EVT-HEALTH-UPLOAD through the real path (detect, scan, validate) in every shape an event log
 * is attached in: a 5001 (one failed health upload) that a 5000 of the same connector answers soon
 * after is the connector's own retry working and stays silent; one left unanswered is a warning;
 * 5002 is an error.
 */

const ID = 'CC-EVT-HEALTH-UPLOAD';
const CONNECTOR = 'Microsoft-Intune-CertificateConnectors';
const T0 = Date.UTC(2024, 2, 5, 9, 0, 0);
const NDES01 = 'NDES01.contoso.com';
const NDES02 = 'NDES02.contoso.com';

const MESSAGES: Readonly<Record<number, string>> = {
  5000: 'HealthMessageUploadSuccess: the connector health message was uploaded to Intune.',
  5001: 'HealthMessageUploadFailedAttempt: uploading the connector health message failed, it will be retried. The operation has timed out',
  5002: 'HealthMessageUploadFailure: uploading the connector health message failed.',
};
const LEVELS: Readonly<Record<number, number>> = { 5000: 4, 5001: 3, 5002: 2 };

/** A health event of the connector `minutes` after 09:00 UTC. */
function health(id: 5000 | 5001 | 5002, minutes: number, computer = NDES01): HealthyEvent {
  return {
    provider: CONNECTOR, guid: '{2D74BF20-1B6E-5B4A-9C8C-27F0D5A2B2E1}', id, level: LEVELS[id] ?? 4, task: 0, keywords: '0x0',
    channel: `${CONNECTOR}/Operational`, computer, time: T0 + Math.round(minutes * 60_000), processId: 4512, threadId: 31, userId: 'S-1-5-18',
    data: [['Message', MESSAGES[id] ?? '']], message: MESSAGES[id] ?? '',
  };
}

/** The export shapes: .evtx and wevtutil XML oldest first; Event Viewer's CSV/TXT and Format-List newest first. */
const SHAPES = {
  evtx: { file: 'Operational.evtx', computer: true },
  xml: { file: 'Operational.xml', computer: true },
  rendered: { file: 'Operational.xml', computer: true },
  csv: { file: 'Operational.csv', computer: false },
  txt: { file: 'Operational.txt', computer: false },
  fl: { file: 'Operational.txt', computer: false },
  flAll: { file: 'Operational.txt', computer: true },
} as const;
type Shape = keyof typeof SHAPES;
const ALL = Object.keys(SHAPES) as Shape[];

async function exported(shape: Shape, events: readonly HealthyEvent[]): Promise<string> {
  const n = [...events].sort((a, b) => a.time - b.time).map((e, i) => ({ e, recordId: 100 + i }));
  switch (shape) {
    case 'evtx': return readText(toEvtx(n));
    case 'xml': return toXml(n);
    case 'rendered': return toXml(n, { root: true, rendered: true });
    case 'csv': return toCsv(n);
    case 'txt': return toTxt(n);
    case 'fl': return toFormatList(n, false);
    case 'flAll': return toFormatList(n, true);
  }
}

async function findingsOf(shape: Shape, events: readonly HealthyEvent[], settings?: ValidationSettings): Promise<{ text: string; findings: Finding[] }> {
  const text = await exported(shape, events);
  // `Format-List *` puts TimeCreated far below ProviderName, where content detection does not look:
  // a short one is opened as an event log by choosing the language, as an editor user would.
  const model = parseDocument(text, { fileName: SHAPES[shape].file, ...(shape === 'flAll' ? { languageId: 'windows-event-log' } : {}) });
  assert.equal(model.format, 'windows-event-log', `${shape}: ${text.slice(0, 200)}`);
  return { text, findings: validate(model, settings) };
}

/** The rule's severities in `shape`, checking no other rule speaks about these events. */
async function severities(shape: Shape, events: readonly HealthyEvent[]): Promise<string[]> {
  const { findings } = await findingsOf(shape, events);
  const others = findings.filter((f) => f.ruleId !== ID && f.kind !== 'evidence');
  assert.deepEqual(others.map((f) => f.ruleId), [], `${shape}: only ${ID} speaks about health events`);
  return findings.filter((f) => f.ruleId === ID).map((f) => f.severity);
}

test('health upload: a 5001 retried and answered by a 5000 30 s later is silent in every export shape', async () => {
  for (const shape of ALL) assert.deepEqual(await severities(shape, [health(5001, 0), health(5000, 0.5)]), [], shape);
  // Several failed attempts before the upload goes through: the success answers each of them.
  for (const shape of ALL) assert.deepEqual(await severities(shape, [health(5001, 0), health(5001, 1), health(5001, 2), health(5000, 3)]), [], shape);
});

test('health upload: a 5001 no 5000 follows is a warning, on the event id', async () => {
  for (const shape of ALL) {
    // The success before the attempt answers nothing.
    const { text, findings } = await findingsOf(shape, [health(5000, -5), health(5001, 0)]);
    const own = findings.filter((f) => f.ruleId === ID);
    assert.deepEqual(own.map((f) => [f.severity, f.kind]), [['warning', 'failure']], shape);
    assert.match(text.slice(own[0]?.start, own[0]?.end), /5001/, shape);
    assert.match(own[0]?.message ?? '', /^Certificate Connector event 5001: .*no upload succeeded within 15 minutes/, shape);
  }
});

test('health upload: a 5000 more than 15 minutes after the 5001 does not answer it', async () => {
  for (const shape of ALL) {
    assert.deepEqual(await severities(shape, [health(5001, 0), health(5000, 16)]), ['warning'], shape);
    assert.deepEqual(await severities(shape, [health(5001, 0), health(5000, 14)]), [], shape);
  }
  // Uploads every five minutes that all fail for half an hour: the attempts of its last 15 minutes
  // were answered when the connector got through; the three before them were not.
  const outage = [0, 5, 10, 15, 20, 25].map((m) => health(5001, m));
  for (const shape of ALL) assert.deepEqual(await severities(shape, [...outage, health(5000, 30)]), ['warning', 'warning', 'warning'], shape);
});

test('health upload: 5002 stays an error, answered or not', async () => {
  for (const shape of ALL) {
    assert.deepEqual(await severities(shape, [health(5002, 0)]), ['error'], shape);
    assert.deepEqual(await severities(shape, [health(5002, 0), health(5000, 1)]), ['error'], shape);
  }
});

test('health upload: another connector\'s 5000 does not answer this one\'s 5001 where the export names the computer', async () => {
  for (const shape of ALL) {
    const found = await severities(shape, [health(5001, 0, NDES01), health(5000, 0.5, NDES02)]);
    // Event Viewer's CSV/TXT and the default Format-List do not name the computer: any connector's success answers.
    assert.deepEqual(found, SHAPES[shape].computer ? ['warning'] : [], shape);
    assert.deepEqual(await severities(shape, [health(5001, 0, NDES01), health(5000, 0.5, NDES02), health(5000, 1, NDES01)]), [], shape);
  }
});

test('health upload: the severity setting still wins; off silences the 5001 and the 5002', async () => {
  const events = [health(5001, 0), health(5002, 2)];
  const forced = await findingsOf('evtx', events, { rules: { [ID]: 'error' } });
  assert.deepEqual(forced.findings.filter((f) => f.ruleId === ID).map((f) => f.severity), ['error', 'error']);
  const off = await findingsOf('csv', events, { rules: { [ID]: 'off' } });
  assert.deepEqual(off.findings.filter((f) => f.ruleId === ID || f.kind !== 'evidence'), []);
});

test('health upload: lines pasted without their export\'s structure pair by order', () => {
  const ids = (text: string): string[] => validate(parseDocument(text)).filter((f) => f.ruleId === ID).map((f) => f.severity);
  assert.deepEqual(ids('HealthMessageUploadFailedAttempt\n'), ['warning']);
  assert.deepEqual(ids('HealthMessageUploadFailedAttempt\nHealthMessageUploadSuccess\n'), []);
  assert.deepEqual(ids('HealthMessageUploadSuccess\nHealthMessageUploadFailedAttempt\n'), ['warning']);
  assert.deepEqual(ids('HealthMessageUploadFailure\nHealthMessageUploadSuccess\n'), ['error']);
  // An id alone, without the connector's name, is not the connector's event.
  assert.deepEqual(ids('Event ID: 5001\n'), []);
});

test('health upload: the scan forks (a log that grows reads on from where it stopped)', async () => {
  const text = await exported('xml', [health(5001, 0), health(5000, 0.5)]);
  const [attempt, success] = parseDocument(text, { fileName: 'Operational.xml' }).records.filter((r) => r.kind === 'entry');
  assert.ok(attempt && success);
  const scan = HEALTH_UPLOAD.start();
  scan.step(attempt, 0);
  const fork = scan.fork();
  fork.step(success, 1);
  assert.deepEqual(scan.results().map((f) => [f.ruleId, f.milder]), [[ID, true]]);
  assert.deepEqual(fork.results(), []);
});
