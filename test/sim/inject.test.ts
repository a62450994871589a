import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIOS } from '../support/simulate';
import { analyseSimulation, describe, within, type Analysed } from './analyse';

/**
 * Each failure the simulator can inject must be found where it was injected and nowhere else: its
 * rule ids on the injected enrollment's lines, the flow's first failure at its stage and on those
 * lines, no other error or warning anywhere in the folder.
 */
const ENROLLMENTS = 60;

function assertFound(a: Analysed): void {
  for (const truth of a.sim.truth) {
    const here = a.check.findings.filter((f) => within(f.path, f.line, truth.lines));
    const fired = new Set(here.map((f) => f.ruleId));
    const missing = truth.ruleIds.filter((id) => !fired.has(id));
    assert.deepEqual(missing, [], `${truth.scenario} at enrollment ${truth.enrollment} (${truth.time}): ${missing.join(', ')} not raised on its lines; raised there:\n${describe(here)}`);
  }
  const allowed = (f: Analysed['alarms'][number]): boolean => a.sim.truth.some((t) => t.ruleIds.includes(f.ruleId) && within(f.path, f.line, t.lines));
  const other = a.alarms.filter((f) => !allowed(f));
  assert.equal(other.length, 0, `errors/warnings besides the injected scenarios' rules:\n${describe(other)}`);
  const strayGaps = a.flow.gaps.filter((g) => g.kind === 'missing-success' && !a.sim.truth.some((t) => within(g.path, g.line, t.lines)));
  assert.equal(strayGaps.length, 0, `flow gaps away from the injected enrollments:\n${describe(strayGaps)}`);
}

for (const [i, scenario] of SCENARIOS.entries()) {
  // One folder per scenario, each its own seed: early or late (after the IIS recycle) by turns,
  // the policy-module log CMTrace- or SMS-trace-framed by pairs.
  const seed = 11 + i;
  const at = i % 2 === 0 ? 7 : ENROLLMENTS - 9;
  const pluginFraming = Math.floor(i / 2) % 2 === 0 ? 'cmtrace' : 'smstrace';
  test(`${scenario.id} injected at enrollment ${at} (seed ${seed}, ${pluginFraming}): ${scenario.ruleIds.join(', ')} there, first failure at stage ${scenario.stage}, nothing else`, () => {
    const a = analyseSimulation({ seed, enrollments: ENROLLMENTS, inject: [{ scenario: scenario.id, at }], pluginFraming });
    const truth = a.sim.truth[0];
    assert.ok(truth, 'no ground truth for the injection');
    assert.ok(truth.injectedLines.length > 0, 'the scenario changed no line');
    assertFound(a);
    const first = a.flow.firstFailure;
    assert.ok(first, `no first failure: ${a.flow.verdict}`);
    assert.equal(first.stage, scenario.stage, `first failure ${first.ruleId} at stage ${first.stage}: ${a.flow.verdict}`);
    assert.ok(within(first.path, first.line, truth.lines), `first failure ${first.ruleId} at ${first.path}:${first.line}, not on enrollment ${at}'s lines`);
  });
}

test('every scenario in one folder: each found at its own enrollment, the lowest failing stage is the first failure', () => {
  const inject = SCENARIOS.map((s, i) => ({ scenario: s.id, at: 5 + i * 12 }));
  const a = analyseSimulation({ seed: 21, enrollments: 5 + SCENARIOS.length * 12, inject });
  assertFound(a);
  const first = a.flow.firstFailure;
  assert.ok(first, a.flow.verdict);
  // The flow names the first of Microsoft's six stages that failed, wherever it is in time.
  const lowest = Math.min(...a.sim.truth.map((t) => t.stage));
  assert.equal(first.stage, lowest, a.flow.verdict);
  const there = a.sim.truth.filter((t) => t.stage === lowest);
  assert.ok(there.some((t) => within(first.path, first.line, t.lines)), `first failure at ${first.path}:${first.line}, expected on the lines of ${there.map((t) => `${t.scenario}@${t.enrollment}`).join(' or ')}`);
});
