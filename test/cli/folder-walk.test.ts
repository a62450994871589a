import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { folderEntries, zipBytes } from '../support/zip';
import { checkJson, cli, tempDir } from './run';

interface Skipped { readonly path: string; readonly reason: string }

/** A case folder as admins keep one: the connector's diagnostics zip beside loose logs and screenshots. */
test('check and diagnose: a support bundle zipped inside a case folder is read with the folder, as if named on its own', () => {
  const t = tempDir();
  try {
    const seed = join(REPO_ROOT, 'test/golden/seeds/pm-403');
    writeFileSync(join(t.dir, 'ConnectorDiagnostics.zip'), zipBytes(folderEntries(seed)));
    writeFileSync(join(t.dir, 'u_ex240305.log'), readFileSync(join(REPO_ROOT, 'samples/u_ex240305.log')));
    const inFolder = checkJson([t.dir]);
    const alone = checkJson([join(t.dir, 'ConnectorDiagnostics.zip')]);
    const zipped = (path: string): boolean => path.includes('.zip!');
    assert.ok(alone.json.files.length > 0);
    assert.deepEqual(inFolder.json.files.filter((f) => zipped(f.path)), alone.json.files);
    assert.deepEqual(inFolder.json.findings.filter((f) => zipped(f.path)), alone.json.findings);
    assert.ok(inFolder.json.files.some((f) => f.path.endsWith('u_ex240305.log') && !zipped(f.path)));
    // The flow places evidence of both: the zip's logs and the loose IIS log.
    const flow = JSON.parse(cli(['diagnose', t.dir, '--format', 'json']).stdout) as { stages: { evidence: { path: string }[] }[] };
    const placed = flow.stages.flatMap((s) => s.evidence.map((e) => e.path));
    assert.ok(placed.some(zipped), 'evidence from the zip');
    assert.ok(placed.some((p) => !zipped(p)), 'evidence from the loose log');
  } finally {
    t.done();
  }
});

test('check: what a folder walk passes over is listed with the reason, in walk order, never silently dropped', () => {
  const t = tempDir();
  try {
    writeFileSync(join(t.dir, 'u_ex240305.log'), readFileSync(join(REPO_ROOT, 'samples/u_ex240305.log')));
    writeFileSync(join(t.dir, 'trace.etl'), Buffer.alloc(64, 1));
    writeFileSync(join(t.dir, '.DS_Store'), 'x');
    mkdirSync(join(t.dir, 'shots'));
    writeFileSync(join(t.dir, 'shots', 'mscep.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    mkdirSync(join(t.dir, '.git'));
    writeFileSync(join(t.dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const { run, json } = checkJson([t.dir]);
    assert.equal(run.status, 1, run.stderr);
    const skipped = (json as unknown as { skipped: Skipped[] }).skipped.map((s) => [s.path.slice(t.dir.length + 1), s.reason]);
    assert.deepEqual(skipped, [
      ['.DS_Store', 'a hidden file'],
      ['trace.etl', 'not a log (.etl)'],
      ['.git', 'a hidden folder (.git)'],
      ['shots/mscep.png', 'not a log (.png)'],
    ]);
    const text = cli(['check', t.dir]).stdout;
    assert.match(text, /trace\.etl: skipped: not a log \(\.etl\)$/m);
    assert.match(text, /, 4 file\(s\) skipped\.$/m);
  } finally {
    t.done();
  }
});

test('check: a folder of thousands of screenshots lists the first thousand and counts the rest', () => {
  const t = tempDir();
  try {
    for (let i = 0; i < 1010; i++) writeFileSync(join(t.dir, `shot-${String(i).padStart(4, '0')}.png`), 'x');
    const { json } = checkJson([t.dir]);
    const skipped = (json as unknown as { skipped: Skipped[] }).skipped;
    assert.equal(skipped.length, 1001);
    assert.match(skipped[1000]?.reason ?? '', /^10 more entries passed over/);
  } finally {
    t.done();
  }
});
