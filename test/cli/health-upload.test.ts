import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { HealthyEvent } from '../support/healthy';
import { toCsv, toEvtx, utf16, toTxt } from '../support/healthy/render';
import { checkJson, tempDir } from './run';

const CONNECTOR = 'Microsoft-Intune-CertificateConnectors';
const T0 = Date.UTC(2024, 2, 5, 9, 0, 0);

function health(id: 5000 | 5001, minutes: number): HealthyEvent {
  const message = id === 5000 ? 'HealthMessageUploadSuccess: the connector health message was uploaded to Intune.' : 'HealthMessageUploadFailedAttempt: uploading the connector health message failed, it will be retried.';
  return {
    provider: CONNECTOR, id, level: id === 5000 ? 4 : 3, keywords: '0x0', channel: `${CONNECTOR}/Operational`, computer: 'NDES01.contoso.com',
    time: T0 + minutes * 60_000, processId: 4512, threadId: 31, data: [['Message', message]], message,
  };
}

test('check: a connector health upload the retry got through stays silent; the one no success answered is one warning, in .evtx, CSV and TXT', () => {
  const t = tempDir();
  try {
    // 09:00 failed and answered 30 s later; 10:00 failed, and the next success is 20 minutes later.
    const events = [health(5001, 0), health(5000, 0.5), health(5000, 5), health(5001, 60), health(5000, 80)].map((e, i) => ({ e, recordId: 1 + i }));
    const dir = join(t.dir, 'NDES01');
    mkdirSync(dir);
    writeFileSync(join(dir, `${CONNECTOR}%4Operational.evtx`), toEvtx(events));
    writeFileSync(join(dir, `${CONNECTOR}%4Operational.csv`), `\uFEFF${toCsv(events)}`);
    writeFileSync(join(dir, `${CONNECTOR}%4Operational.txt`), utf16(toTxt(events)));
    const { run, json } = checkJson([t.dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(json.files.length, 3);
    const found = json.findings.filter((f) => f.severity !== 'info');
    assert.deepEqual(found.map((f) => [f.path.slice(f.path.lastIndexOf('.')), f.ruleId, f.severity]).sort(), [
      ['.csv', 'CC-EVT-HEALTH-UPLOAD', 'warning'],
      ['.evtx', 'CC-EVT-HEALTH-UPLOAD', 'warning'],
      ['.txt', 'CC-EVT-HEALTH-UPLOAD', 'warning'],
    ]);
    // Newest first in Event Viewer's exports: the 10:00 attempt is the second row after the heading.
    for (const f of found) if (!f.path.endsWith('.evtx')) assert.equal(f.line, 3, f.path);
    assert.deepEqual(json.findings.filter((f) => f.severity === 'info'), []);
  } finally { t.done(); }
});
