import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { healthyLogs, renderShape, SHAPES, writeFiles } from '../support/healthy';
import { checkJson, tempDir } from './run';

/**
 * A healthy server's whole event logs (Application, System, CAPI2, the connector's channels …, with
 * the errors any Windows server writes) in every export shape: not one finding, notes included. A
 * note on every other program's error would bury the one NDES failure the safety net is there for.
 */
test('check: a healthy server\'s whole event logs give no finding at all, notes included, in every export shape', () => {
  const t = tempDir();
  try {
    const logs = healthyLogs({ seed: 6, hours: 12, perHour: 30 });
    for (const shape of SHAPES) writeFiles(join(t.dir, shape), renderShape(logs, shape));
    const { run, json } = checkJson([t.dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(json.files.length, logs.length * SHAPES.length);
    // Every shape is read as the event log it is (a log read as plain text would be silent for nothing).
    assert.deepEqual(json.files.filter((f) => f.format !== 'windows-event-log').map((f) => f.path.slice(t.dir.length)), []);
    assert.deepEqual(json.findings.map((f) => `${f.path.slice(t.dir.length)}:${String(f.line)} ${f.ruleId} ${f.message}`), []);
  } finally {
    t.done();
  }
});
