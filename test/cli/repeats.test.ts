import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repeatedRevokeFailures } from '../support/events';
import { checkJson, cli, tempDir } from './run';

// One revoke failure logged 1,600 times, then one different failure: the text and the report group
// the identical ones (first, last, count) so the different one stays in sight; JSON and SARIF keep all.

const RULE = 'CC-EVT-IMPORT-REVOKE-FAILURES';

function withEvents(run: (dir: string, log: string) => void): void {
  const t = tempDir();
  try {
    const log = join(t.dir, 'connector-events.xml');
    writeFileSync(log, repeatedRevokeFailures(1600));
    run(t.dir, log);
  } finally { t.done(); }
}

test('check text: 1,600 identical failures are one line with first, last and count; the different one has its own line', () => {
  withEvents((_dir, log) => {
    const r = cli(['check', log]);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.includes(RULE));
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0] ?? '', /:2:\d+: error CC-EVT-IMPORT-REVOKE-FAILURES: Certificate Connector event 3001: .* \[1,600 times, first line 2, last line 1601\]$/);
    assert.match(lines[1] ?? '', /:1602:\d+: error CC-EVT-IMPORT-REVOKE-FAILURES: Certificate Connector event 3051: /);
    assert.doesNotMatch(lines[1] ?? '', /times/);
    assert.match(r.stdout, /1601 error\(s\)/, 'the summary still counts every finding');
  });
});

test('check JSON and SARIF keep every one of the 1,601 findings', () => {
  withEvents((_dir, log) => {
    const { json } = checkJson([log]);
    const found = json.findings.filter((f) => f.ruleId === RULE);
    assert.equal(found.length, 1601);
    assert.deepEqual(found.map((f) => f.line), Array.from({ length: 1601 }, (_, i) => i + 2));
    const sarif = JSON.parse(cli(['check', log, '--format', 'sarif']).stdout) as { runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.runs[0]?.results.filter((x) => x.ruleId === RULE).length, 1601);
  });
});

test('report: the repeated failure is one evidence line with its count and last line, the different one is listed too', () => {
  withEvents((dir) => {
    const out = tempDir(); // not in the folder read
    try {
      for (const name of ['report.md', 'report.html']) {
        const file = join(out.dir, name);
        assert.equal(cli(['report', dir, '--out', file, '--no-redact']).status, 1);
        const report = readFileSync(file, 'utf8');
        assert.match(report, /connector-events\.xml:2 \(1,600 times, last line 1601\): (<|&#60;)Event .*3001/, name);
        assert.match(report, /connector-events\.xml:1602: (<|&#60;)Event .*3051/, name);
        assert.match(report, /1601 occurrence\(s\)/, name);
      }
    } finally { out.done(); }
  });
});
