import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { folderEntries, zipBytes, type ZipEntrySpec } from '../support/zip';
import { checkJson, cli, tempDir, FIXTURE_FOLDERS, type JsonV1 } from './run';

// A support bundle (.zip) is read in place by the built CLI, entry by entry, as the unzipped folder would be.

const SEEDS = readdirSync(join(REPO_ROOT, 'test/golden/seeds'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `test/golden/seeds/${d.name}`);

/** Findings with the folder's or the bundle's prefix taken off their paths, so the two compare. */
function relative(json: JsonV1, prefix: string): JsonV1 {
  const strip = (p: string): string => { assert.ok(p.startsWith(prefix), `${p} does not start with ${prefix}`); return p.slice(prefix.length); };
  return {
    ...json,
    files: json.files.map((f) => ({ ...f, path: strip(f.path) })),
    findings: json.findings.map((f) => ({ ...f, path: strip(f.path) })),
    evidence: json.evidence.map((e) => ({ ...e, path: strip(e.path) })),
  };
}

function zipOf(dir: string, folder: string, name: string): string {
  const zip = join(dir, name);
  writeFileSync(zip, zipBytes(folderEntries(join(REPO_ROOT, folder))));
  return zip;
}

test('check: a zip of each fixture folder gives the folder\'s files, findings and evidence, in the same order', () => {
  const t = tempDir();
  try {
    for (const [i, folder] of [...FIXTURE_FOLDERS, ...SEEDS].entries()) {
      const zip = zipOf(t.dir, folder, `bundle-${i}.zip`);
      const plain = checkJson([folder]);
      const zipped = checkJson([zip]);
      assert.equal(zipped.run.status, plain.run.status, `${folder}: ${zipped.run.stderr}`);
      const a = relative(plain.json, `${folder}/`);
      const b = relative(zipped.json, `${zip}!`);
      assert.deepEqual(b.files, a.files, folder);
      assert.deepEqual(b.findings, a.findings, folder);
      assert.deepEqual(b.evidence, a.evidence, folder);
      assert.ok(a.findings.length + a.evidence.length > 0, `${folder} proves nothing without findings`);
    }
  } finally { t.done(); }
});

interface FlowJson {
  verdict: string;
  firstFailure: { stage: number; ruleId: string; path: string; line: number } | null;
  stages: { stage: number; status: string; fixRuleIds: string[] }[];
  gaps: { kind: string }[];
  skipped: { path: string; reason: string }[];
}

test('diagnose: a zipped support folder gets the folder\'s stages, first failure and verdict', () => {
  const t = tempDir();
  try {
    for (const [i, folder] of ['samples', ...SEEDS].entries()) {
      const zip = zipOf(t.dir, folder, `flow-${i}.zip`);
      const plain = cli(['diagnose', folder, '--format', 'json']);
      const zipped = cli(['diagnose', zip, '--format', 'json']);
      assert.equal(zipped.status, plain.status, `${folder}: ${zipped.stderr}`);
      const a = JSON.parse(plain.stdout) as FlowJson;
      const b = JSON.parse(zipped.stdout) as FlowJson;
      assert.equal(b.verdict.replaceAll(`${zip}!`, ''), a.verdict.replaceAll(`${folder}/`, ''), folder);
      assert.deepEqual(b.stages.map((s) => [s.stage, s.status, s.fixRuleIds]), a.stages.map((s) => [s.stage, s.status, s.fixRuleIds]), folder);
      assert.deepEqual(b.gaps.map((g) => g.kind), a.gaps.map((g) => g.kind), folder);
      if (a.firstFailure === null) assert.equal(b.firstFailure, null, folder);
      else assert.deepEqual(b.firstFailure, { ...a.firstFailure, path: a.firstFailure.path.replace(`${folder}/`, `${zip}!`) }, folder);
    }
  } finally { t.done(); }
});

test('report: the hand-off of a zipped folder is the folder\'s, path for path (redaction tokens and skipped files included)', () => {
  const t = tempDir();
  try {
    for (const [i, folder] of ['samples', 'test/cli/fixtures/sensitive', ...SEEDS].entries()) {
      const zip = zipOf(t.dir, folder, `report-${i}.zip`);
      const plain = join(t.dir, `plain-${i}.md`);
      const zipped = join(t.dir, `zipped-${i}.md`);
      const a = cli(['report', folder, '--out', plain]);
      const b = cli(['report', zip, '--out', zipped]);
      assert.equal(b.status, a.status, `${folder}: ${b.stderr}`);
      // Paths are escaped Markdown in prose and plain in code blocks: compare with both spellings of each prefix taken off.
      const strip = (text: string, prefix: string): string => text.replaceAll(prefix, '').replaceAll(prefix.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&'), '');
      const expected = strip(readFileSync(plain, 'utf8'), `${folder}/`).replace(/^# .*$/m, '');
      const actual = strip(readFileSync(zipped, 'utf8'), `${zip}!`).replace(/^# .*$/m, '');
      assert.match(expected, /^## Verdict$[\s\S]*^## Files$\n\n- \S/m, `${folder}: a report with files`);
      assert.equal(actual, expected, folder);
    }
  } finally { t.done(); }
});

const IIS_403 = readFileSync(join(REPO_ROOT, 'samples/u_ex240305.log'));

test('entries no reader takes are listed as skipped, with the reason, in text, JSON, diagnose and the report', () => {
  const t = tempDir();
  try {
    const zip = join(t.dir, 'support.zip');
    const entries: ZipEntrySpec[] = [
      { name: 'Logs/u_ex240305.log', data: IIS_403 },
      { name: 'Bin/NDESPolicy.dll', data: Buffer.from([0x4d, 0x5a, 0x90, 0x00]) },
      { name: 'screenshot.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'Traces/CertificateConnector.etl', data: Buffer.alloc(64, 1) },
      { name: 'inner/more-logs.zip', data: zipBytes([{ name: 'NDESPlugin.log', data: 'Verify challenge returns false\n' }]) },
      { name: 'secret/NDESPlugin.log', data: 'Verify challenge returns false\n', encrypted: true, method: 'store' },
      { name: 'old/u_ex240101.log', data: 'x', methodId: 14 },
      { name: 'link/NDESPlugin.log', data: '/etc/passwd', symlink: true },
    ];
    writeFileSync(zip, zipBytes(entries));
    const reasons: Record<string, RegExp> = {
      'Bin/NDESPolicy.dll': /not a log \(\.dll\)/,
      'screenshot.png': /not a log \(\.png\)/,
      'Traces/CertificateConnector.etl': /not a log \(\.etl\)/,
      'inner/more-logs.zip': /zip inside the bundle is not opened/,
      'secret/NDESPlugin.log': /encrypted/,
      'old/u_ex240101.log': /compression method 14/,
      'link/NDESPlugin.log': /symbolic link/,
    };
    const { run, json } = checkJson([zip]);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(json.files.map((f) => f.path), [`${zip}!Logs/u_ex240305.log`]);
    assert.ok(json.findings.some((f) => f.ruleId === 'NDES-IIS-CRP-403-16'));
    const skipped = (json as JsonV1 & { skipped: { path: string; reason: string }[] }).skipped;
    assert.deepEqual(skipped.map((s) => s.path).sort(), Object.keys(reasons).map((n) => `${zip}!${n}`).sort());
    for (const s of skipped) assert.match(s.reason, reasons[s.path.slice(zip.length + 1)] ?? /^$/, s.path);

    const text = cli(['check', zip]).stdout;
    for (const name of Object.keys(reasons)) assert.match(text, new RegExp(`^${escape(`${zip}!${name}`)}: skipped: `, 'm'));
    assert.match(text, /, 7 file\(s\) skipped\.$/m);

    const flow = JSON.parse(cli(['diagnose', zip, '--format', 'json']).stdout) as FlowJson;
    assert.equal(flow.skipped.length, 7);
    // In the order a walk of the unzipped folder takes them: the bundle's own files, then its folders.
    assert.match(cli(['diagnose', zip]).stdout, /^Skipped \(not analysed\):\n {2}- .*screenshot\.png: not a log.*\n {2}- .*NDESPolicy\.dll: not a log/m);

    for (const out of ['r.md', 'r.html']) {
      assert.equal(cli(['report', zip, '--out', join(t.dir, out)]).status, 1);
      const report = readFileSync(join(t.dir, out), 'utf8');
      for (const name of Object.keys(reasons)) assert.ok(report.includes(name.replace('.', out === 'r.md' ? '\\.' : '.')) || report.includes(name), `${out} lists ${name}`);
      assert.match(report, /Skipped/);
    }
  } finally { t.done(); }
});

test('names that climb out of the folder are names only: shown, read from the bundle, never written anywhere', () => {
  const t = tempDir();
  try {
    const zip = join(t.dir, 'evil.zip');
    const names = ['../../escaped/u_ex240305.log', '/etc/cron.d/u_ex240306.log', 'C:\\Windows\\Temp\\u_ex240307.log', 'a/\u001b[31mred/u_ex240308.log'];
    writeFileSync(zip, zipBytes(names.map((name) => ({ name, data: IIS_403 }))));
    const { run, json } = checkJson([zip]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(json.files.length, 4);
    for (const f of json.files) {
      assert.ok(f.path.startsWith(`${zip}!`), f.path);
      assert.equal(f.format, 'iis-w3c-log', f.path);
      assert.ok(!f.path.includes('\u001b'), 'control characters in names are not passed on');
    }
    assert.ok(json.files.some((f) => f.path === `${zip}!C:/Windows/Temp/u_ex240307.log`));
    assert.equal(json.findings.filter((f) => f.ruleId === 'NDES-IIS-CRP-403-16').length, 4);
    assert.deepEqual(readdirSync(t.dir), ['evil.zip']);
    assert.ok(!existsSync(join(t.dir, '..', 'escaped')));
  } finally { t.done(); }
});

test('a zip bomb is stopped while inflating; the other entries are still analysed, the exit code says something was not read', () => {
  const t = tempDir();
  try {
    const zip = join(t.dir, 'bomb.zip');
    // 64 MB of zeros deflate to about 64 KB (1,000×); the header even claims 10 bytes.
    writeFileSync(zip, zipBytes([{ name: 'u_ex240305.log', data: IIS_403 }, { name: 'NDESPlugin.log', data: Buffer.alloc(64 * 1024 * 1024), claimedSize: 10 }]));
    const { run, json } = checkJson([zip]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /bomb\.zip!NDESPlugin\.log: expands more than 400 times its compressed size/);
    assert.ok(json.findings.some((f) => f.ruleId === 'NDES-IIS-CRP-403-16'), 'the honest entry is analysed');
    const skipped = (json as JsonV1 & { skipped: { path: string; reason: string }[] }).skipped;
    assert.deepEqual(skipped.map((s) => s.path), [`${zip}!NDESPlugin.log`]);
  } finally { t.done(); }
});

test('a .zip that is not a zip is a clear error, not a crash; other paths are still read', () => {
  const t = tempDir();
  try {
    const zip = join(t.dir, 'broken.zip');
    writeFileSync(zip, 'this is not a zip file at all\n'.repeat(10));
    const r = cli(['check', zip, 'samples']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /broken\.zip: not a readable zip/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.match(r.stdout, /NDES-IIS-CRP-403-16/);
  } finally { t.done(); }
});

test('redact refuses a bundle clearly instead of copying it as text', () => {
  const t = tempDir();
  try {
    const zip = zipOf(t.dir, 'samples', 'samples.zip');
    const r = cli(['redact', zip, join(t.dir, 'out')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /redact copies logs, not \.zip bundles: unzip .*samples\.zip and redact the folder/);
    assert.ok(!existsSync(join(t.dir, 'out')));
  } finally { t.done(); }
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
