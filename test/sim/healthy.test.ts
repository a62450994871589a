import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseSimulation, describe } from './analyse';

/**
 * Issue 16 ("Trust"): a healthy NDES server's evidence, as the simulator writes it (concurrent
 * requests, Notify calls, probes, the admin handshake, a recycle, roll-over, a live log), must raise
 * nothing a user would act on. Several seeds, so no property holds by accident of one folder.
 */
const SEEDS = [1, 2, 3, 4];
/**
 * The notes a healthy server's folder may carry: a call still open where the live log was copied,
 * and the new #Fields block IIS writes after a restart. The admin page's Windows logon (401.2 → 200) is none.
 */
const HEALTHY_NOTES = new Set(['NDES-PLUGIN-CALL-IN-PROGRESS', 'NDES-LENS-FIELDS-CHANGED']);
const ENROLLMENTS = 120;

for (const seed of SEEDS) {
  // NDESPlugin.log comes CMTrace- or SMS-trace-framed (formats.md §3): both, on alternate seeds.
  const pluginFraming = seed % 2 === 0 ? 'smstrace' : 'cmtrace';
  test(`healthy simulated server, seed ${seed} (${pluginFraming} plugin log): no error, no warning, no flow gap, no failing stage`, () => {
    const { check, flow, alarms } = analyseSimulation({ seed, enrollments: ENROLLMENTS, pluginFraming });
    // The folder was read as the logs it is: each kind of log with its own format and success markers.
    const formats = new Set(check.files.map((f) => f.format));
    for (const f of ['iis-w3c-log', 'ndesplugin-log', 'wcf-svclog', 'windows-event-log', 'httperr-log']) assert.ok(formats.has(f), `no ${f} among ${[...formats].join(', ')}`);
    const evidence = new Set(check.evidence.map((e) => e.ruleId));
    for (const id of ['NDES-IIS-MSCEP-OK', 'NDES-PLUGIN-VERIFY-SENT', 'NDES-PLUGIN-SUCCESS', 'NDES-IIS-MSCEP-403-EXPECTED']) assert.ok(evidence.has(id), `no ${id} evidence`);

    assert.equal(alarms.length, 0, `healthy traffic raised ${alarms.length} error(s)/warning(s):\n${describe(alarms)}`);
    // The safety net for unknown failures (issue 19) is scoped to failure shapes: healthy lines never wake it.
    const unknown = check.findings.filter((f) => f.ruleId === 'NDES-LENS-UNRECOGNISED-FAILURE');
    assert.equal(unknown.length, 0, `healthy traffic woke the safety net:\n${describe(unknown)}`);
    const notes = check.findings.filter((f) => !HEALTHY_NOTES.has(f.ruleId));
    assert.equal(notes.length, 0, `healthy traffic raised ${notes.length} note(s):\n${describe(notes)}`);
    assert.equal(flow.gaps.length, 0, `healthy traffic left ${flow.gaps.length} flow gap(s):\n${describe(flow.gaps)}`);
    const failed = flow.stages.filter((s) => s.status === 'failed').map((s) => s.stage);
    assert.deepEqual(failed, [], `failing stage(s) ${failed.join(', ')}: ${flow.verdict}`);
    assert.equal(flow.firstFailure, null, flow.verdict);
    for (const stage of [2, 3, 4, 6]) assert.equal(flow.stages.find((s) => s.stage === stage)?.status, 'ok', `stage ${stage} not ok: ${flow.verdict}`);
  });
}
