import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildBundle } from '../support/bundle';
import { zipBytes } from '../support/zip';
import { cli, tempDir } from './run';

/**
 * A support bundle as admins attach it (test/support/bundle): the NDES logs among registry
 * exports, certutil and netsh output, other sites' logs, installer and servicing logs, other event
 * logs, in UTF-16 and CP1252 as well as UTF-8. Healthy, it is silent; with a failure planted in
 * the NDES logs, the failure is found at its stage.
 */

function zipped(seed: number, inject: readonly { scenario: string; at: number }[] = []): { path: string; done: () => void } {
  const { dir, done } = tempDir();
  const bundle = buildBundle({ seed, enrollments: 24, inject, bigLogBytes: 200_000 });
  const path = join(dir, 'bundle.zip');
  writeFileSync(path, zipBytes([...bundle.files].map(([name, data]) => ({ name: `${bundle.root}/${name}`, data }))));
  return { path, done };
}

interface CheckJson {
  files: { path: string; format: string }[];
  findings: { path: string; ruleId: string; severity: string }[];
  skipped: { path: string; reason: string }[];
}
interface DiagnoseJson {
  firstFailure: { stage: number; ruleId: string } | null;
  gaps: unknown[];
  stages: { stage: number; status: string }[];
}

test('support bundle: a healthy bundle raises nothing above info, lists what it skips, and the flow finds no failure', () => {
  const { path, done } = zipped(11);
  try {
    const check = cli(['check', path, '--format', 'json']);
    assert.equal(check.status, 0, check.stderr);
    const json = JSON.parse(check.stdout) as CheckJson;
    assert.deepEqual(json.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.path}`), []);
    assert.deepEqual(json.skipped.map((s) => s.reason).sort(), ['not a log (.etl)', 'not a log (.png)']);
    assert.ok(json.files.length > 50, `${json.files.length} files read`);
    const diagnose = cli(['diagnose', path, '--format', 'json']);
    assert.equal(diagnose.status, 0, diagnose.stderr);
    const flow = JSON.parse(diagnose.stdout) as DiagnoseJson;
    assert.equal(flow.firstFailure, null);
    assert.deepEqual(flow.gaps, []);
    assert.ok(!flow.stages.some((s) => s.status === 'failed'));
  } finally {
    done();
  }
});

test('support bundle: a failure planted among the unrelated files is found at its stage', () => {
  for (const [scenario, stage] of [['intermediate-in-root', 3], ['impersonation-right-missing', 2], ['ca-template-not-supported', 4]] as const) {
    const { path, done } = zipped(12, [{ scenario, at: 10 }]);
    try {
      const flow = JSON.parse(cli(['diagnose', path, '--format', 'json']).stdout) as DiagnoseJson;
      assert.equal(flow.firstFailure?.stage, stage, `${scenario}: ${JSON.stringify(flow.firstFailure)}`);
    } finally {
      done();
    }
  }
});
