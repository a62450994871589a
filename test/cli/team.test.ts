import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { checkJson, cli, tempDir } from './run';

/**
 * Team signatures through the real CLI: `.ndeslens.json` beside the logs (or `--team FILE`) runs in
 * check, diagnose, report and watch, in every output; a broken file stops the command with exit 2.
 */
const ANDROID = {
  id: 'TEAM-ANDROID-14', title: 'Android 14 enrolled', formats: ['iis-w3c-log'], pattern: 'Android\\+14', severity: 'error', stage: 2,
  message: 'An Android 14 device enrolled.', fix: 'Nothing to do.', link: { title: 'Team wiki', url: 'https://wiki.contoso.com/pki/android' },
};

/** A folder holding the IIS sample (three Android 14 requests) and, unless `team` is undefined, its team file. */
function folderWith(team: unknown): { dir: string; logs: string; done: () => void } {
  const t = tempDir();
  const logs = join(t.dir, 'logs');
  mkdirSync(logs);
  copyFileSync(join(REPO_ROOT, 'samples', 'u_ex240305.log'), join(logs, 'u_ex240305.log'));
  if (team !== undefined) writeFileSync(join(logs, '.ndeslens.json'), typeof team === 'string' ? team : JSON.stringify({ signatures: [team] }, null, 2));
  return { ...t, logs };
}

const teamLines = (text: string): string[] => text.split('\n').filter((l) => l.includes('TEAM-ANDROID-14'));

test('team check: .ndeslens.json in the folder checked runs in text, JSON, SARIF (rules too) and JSON lines', () => {
  const f = folderWith(ANDROID);
  try {
    const text = cli(['check', f.logs]);
    assert.equal(text.status, 1, text.stderr);
    assert.equal(text.stderr, '');
    assert.deepEqual(teamLines(text.stdout), [`${f.logs}/u_ex240305.log:14:167: error TEAM-ANDROID-14: An Android 14 device enrolled. [3 times, first line 14, last line 18]`]);

    const { json } = checkJson([f.logs]);
    assert.deepEqual(json.findings.filter((x) => x.ruleId === 'TEAM-ANDROID-14').map((x) => [x.line, x.severity, x.message]), [14, 15, 18].map((l) => [l, 'error', 'An Android 14 device enrolled.']));

    const sarif = JSON.parse(cli(['check', f.logs, '--format', 'sarif']).stdout) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    const run = sarif.runs[0];
    const rule = run?.tool.driver.rules.find((r) => r['id'] === 'TEAM-ANDROID-14');
    assert.deepEqual(rule && [rule['name'], rule['helpUri'], rule['defaultConfiguration'], rule['properties']],
      ['Android14Enrolled', 'https://wiki.contoso.com/pki/android', { level: 'error' }, { tags: ['failure', 'stage-2', 'team'] }]);
    const results = run?.results.filter((r) => r.ruleId === 'TEAM-ANDROID-14') ?? [];
    assert.equal(results.length, 3);
    assert.equal(run?.tool.driver.rules[results[0]?.ruleIndex ?? -1]?.['id'], 'TEAM-ANDROID-14');

    const lines = cli(['check', f.logs, '--format', 'jsonl']).stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    const team = lines.filter((l) => l['ruleId'] === 'TEAM-ANDROID-14');
    assert.equal(team.length, 3);
    assert.deepEqual([team[0]?.['ruleName'], team[0]?.['stage'], team[0]?.['severity']], ['Android 14 enrolled', 2, 'error']);
  } finally {
    f.done();
  }
});

test('team check: a file argument reads its own folder\'s team file; --team FILE names one; --no-team reads none', () => {
  const f = folderWith(ANDROID);
  try {
    const log = join(f.logs, 'u_ex240305.log');
    assert.equal(teamLines(cli(['check', log]).stdout).length, 1, 'the file\'s folder');
    const builtIn = cli(['check', log, '--no-team']);
    assert.equal(teamLines(builtIn.stdout).length, 0);
    assert.equal(builtIn.stdout, cli(['check', join(REPO_ROOT, 'samples', 'u_ex240305.log')]).stdout.replaceAll(join(REPO_ROOT, 'samples'), f.logs), 'built-in output unchanged');

    // Elsewhere: a warning-only rule found through --team, not the folder's file.
    const other = join(f.dir, 'team.json');
    writeFileSync(other, JSON.stringify({ signatures: [{ ...ANDROID, id: 'TEAM-ANDROID-ELSEWHERE', severity: 'warning' }] }));
    const named = checkJson([log, '--team', other]);
    const ids = new Set(named.json.findings.map((x) => x.ruleId));
    assert.ok(ids.has('TEAM-ANDROID-ELSEWHERE') && !ids.has('TEAM-ANDROID-14'), [...ids].join());
    assert.equal(named.json.findings.find((x) => x.ruleId === 'TEAM-ANDROID-ELSEWHERE')?.severity, 'warning');
  } finally {
    f.done();
  }
});

test('team check: several folders\' files join; a copy is silent, a different definition of an id is named and the first one used', () => {
  const a = folderWith(ANDROID);
  const b = folderWith(ANDROID);
  try {
    const copies = cli(['check', a.logs, b.logs]);
    assert.equal(copies.stderr, '');
    assert.equal(teamLines(copies.stdout).length, 2, 'one line per file');
    writeFileSync(join(b.logs, '.ndeslens.json'), JSON.stringify({ signatures: [{ ...ANDROID, severity: 'warning' }, { ...ANDROID, id: 'TEAM-B-ONLY' }] }));
    const differ = checkJson([a.logs, b.logs]);
    assert.equal(differ.run.stderr, `ndes-lens: ${b.logs}/.ndeslens.json: TEAM-ANDROID-14 is also defined in ${a.logs}/.ndeslens.json; that definition is used\n`);
    const team = differ.json.findings.filter((x) => x.ruleId.startsWith('TEAM-'));
    assert.deepEqual([...new Set(team.map((x) => `${x.ruleId}:${x.severity}`))].sort(), ['TEAM-ANDROID-14:error', 'TEAM-B-ONLY:error']);
  } finally {
    a.done();
    b.done();
  }
});

test('team diagnose and report: a team rule takes its stage in the flow and its place in the hand-off', () => {
  const f = folderWith(ANDROID);
  try {
    const flow = JSON.parse(cli(['diagnose', f.logs, '--format', 'json']).stdout) as { firstFailure: { stage: number; ruleId: string } | null; verdict: string; stages: { fixRuleIds: string[] }[] };
    assert.deepEqual(flow.firstFailure && [flow.firstFailure.stage, flow.firstFailure.ruleId], [2, 'TEAM-ANDROID-14']);
    assert.equal(flow.verdict, 'SCEP: stage 2 failed — Android 14 enrolled');
    assert.ok(flow.stages[1]?.fixRuleIds.includes('TEAM-ANDROID-14'));
    assert.match(cli(['diagnose', f.logs]).stdout, /First failure: stage 2 \(device → NDES\), TEAM-ANDROID-14 at /);

    const out = join(f.dir, 'report.md');
    const report = cli(['report', f.logs, '--out', out]);
    assert.equal(report.status, 1, report.stderr);
    const md = readFileSync(out, 'utf8');
    assert.match(md, /### `TEAM-ANDROID-14`: Android 14 enrolled/);
    assert.match(md, /\[Team wiki\]\(https:\/\/wiki\.contoso\.com\/pki\/android\)/);
    assert.doesNotMatch(cli(['diagnose', f.logs, '--no-team']).stdout, /TEAM-ANDROID-14/);
  } finally {
    f.done();
  }
});

test('team watch --once: team findings are appended as JSON lines', () => {
  const f = folderWith(ANDROID);
  try {
    const out = join(f.dir, 'findings.jsonl');
    const run = cli(['watch', f.logs, '--out', out, '--once']);
    assert.equal(run.status, 0, run.stderr);
    const team = readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('"TEAM-ANDROID-14"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(team.map((l) => [l['line'], l['stage'], l['ruleName']]), [14, 15, 18].map((l) => [l, 2, 'Android 14 enrolled']));
  } finally {
    f.done();
  }
});

test('team: a broken file stops the command with exit 2, naming the file, where and what; never a stack trace', () => {
  const cases: { team: unknown; expect: RegExp[] }[] = [
    { team: '{ "signatures": [ ', expect: [/\.ndeslens\.json:1:19: error: \$: Not valid JSON: unexpected end of file/] },
    { team: { ...ANDROID, pattern: 'timed (out' }, expect: [/\.ndeslens\.json:\d+:\d+: error: \$\.signatures\[0\]\.pattern: Not a valid regular expression/] },
    { team: { ...ANDROID, pattern: '(a|a)*b' }, expect: [/\$\.signatures\[0\]\.pattern: The pattern can take exponential time on crafted input \(ReDoS, found by recheck\)/] },
    { team: { ...ANDROID, id: 'NDES-IIS-CRP-403-16' }, expect: [/\$\.signatures\[0\]\.id: "NDES-IIS-CRP-403-16" is a built-in rule id/] },
  ];
  for (const c of cases) {
    const f = folderWith(c.team);
    try {
      for (const args of [['check', f.logs], ['diagnose', f.logs], ['report', f.logs, '--out', join(f.dir, 'r.md')], ['watch', f.logs, '--out', join(f.dir, 'w.jsonl'), '--once']]) {
        const r = cli(args);
        const what = `${args[0] ?? ''} ${JSON.stringify(c.team)}`;
        assert.equal(r.status, 2, what);
        assert.equal(r.stdout, '', what);
        for (const re of c.expect) assert.match(r.stderr, re, what);
        assert.match(r.stderr, /ndes-lens: .*\.ndeslens\.json: one problem with the team signatures \(listed above\); correct the file, or pass --no-team to check without it\n$/, what);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      }
      assert.ok([0, 1].includes(cli(['check', f.logs, '--no-team']).status ?? -1), '--no-team reads around it');
    } finally {
      f.done();
    }
  }
  // A warning (an unknown property) is said on stderr; the entry still runs.
  const w = folderWith({ ...ANDROID, colour: 'red' });
  try {
    const r = cli(['check', w.logs]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\.ndeslens\.json:\d+:\d+: warning: \$\.signatures\[0\]\.colour: Unknown property "colour" \(ignored\)\./);
    assert.equal(teamLines(r.stdout).length, 1);
  } finally {
    w.done();
  }
  const usage = cli(['check', 'samples', '--team', 'no/such/team.json']);
  assert.equal(usage.status, 2);
  assert.equal(usage.stderr, 'ndes-lens: cannot read team signatures no/such/team.json: no such file or folder\n');
  assert.equal(cli(['check', 'samples', '--team', 'x.json', '--no-team']).status, 2);
});

test('team check on worker threads: --jobs 2 runs the team rules in every file, as --jobs 1 does', () => {
  const f = folderWith(ANDROID);
  try {
    // Three logs: with two threads, a worker takes at least one of them.
    for (const name of ['u_ex240306.log', 'u_ex240307.log']) copyFileSync(join(f.logs, 'u_ex240305.log'), join(f.logs, name));
    const one = cli(['check', f.logs, '--jobs', '1']);
    const two = cli(['check', f.logs, '--jobs', '2']);
    assert.equal(two.status, 1, two.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.deepEqual(teamLines(two.stdout).map((l) => /u_ex\d+\.log/.exec(l)?.[0]), ['u_ex240305.log', 'u_ex240306.log', 'u_ex240307.log']);
  } finally { f.done(); }
});
