import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../cli/run';
import { REPO_ROOT } from '../support/paths';
import { SCENARIOS, simulate } from '../support/simulate';

/** `npm run simulate` (scripts/simulate.mjs over the built simulator), as a person runs it. */
function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'simulate.mjs'), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('simulate script: writes the folder the API writes and names what it injected', () => {
  const t = tempDir();
  try {
    const out = join(t.dir, 'evidence');
    const r = run(['--seed', '3', '--enrollments', '30', '--inject', 'cn-invalid@4', '--framing', 'smstrace', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const sim = simulate({ seed: 3, enrollments: 30, inject: [{ scenario: 'cn-invalid', at: 4 }], pluginFraming: 'smstrace' });
    assert.deepEqual(readdirSync(out).sort(), [...sim.files.keys()].sort());
    for (const [name, text] of sim.files) assert.equal(readFileSync(join(out, name), 'utf8'), text, name);
    assert.match(r.stdout, /cn-invalid at enrollment 4 \(2024-03-05 \d\d:\d\d:\d\d UTC\): stage 3, NDES-PLUGIN-12175-CN-INVALID; first changed line NDESPlugin\.log:\d+/);
    assert.equal(run(['--out', out]).status, 2, 'an existing, non-empty folder is not overwritten');
  } finally {
    t.done();
  }
});

test('simulate script: --list names every scenario; bad input is a usage error (exit 2)', () => {
  const list = run(['--list']);
  assert.equal(list.status, 0, list.stderr);
  for (const s of SCENARIOS) assert.match(list.stdout, new RegExp(`^${s.id} +stage ${String(s.stage)}`, 'm'));
  for (const [args, message] of [
    [['--enrollments', '10'], /--out DIR is required/],
    [['--out', 'x', '--inject', 'cn-invalid'], /--inject takes scenario@enrollment/],
    [['--out', 'x', '--inject', 'no-such@1'], /unknown scenario 'no-such'/],
    [['--out', 'x', '--enrollments', '0'], /whole number ≥ 1/],
    [['--out', 'x', '--framing', 'plain'], /--framing takes cmtrace or smstrace/],
    [['--bogus'], /unknown option '--bogus'/],
  ] as const) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});
