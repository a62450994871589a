import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkJson, cli, tempDir } from '../cli/run';
import { HOSTILE } from './corpus';

/** The hostile corpus and hostile paths through the built CLI (`node esbuild.mjs` first). */
test('hostile (cli): every case of the corpus, written as a file, gives its notes and its evidence', () => {
  const t = tempDir();
  try {
    HOSTILE.forEach((h, i) => {
      const dir = join(t.dir, String(i));
      mkdirSync(dir);
      const path = join(dir, h.fileName);
      writeFileSync(path, h.bytes ? h.bytes() : Buffer.from(h.text(), 'utf8'));
      const { run, json } = checkJson([path]);
      assert.ok(run.status === 0 || run.status === 1, `${h.name}: exit ${String(run.status)} ${run.stderr}`);
      assert.deepEqual([...new Set(json.findings.map((f) => f.ruleId))].sort(), [...(h.cliIds ?? h.ids)].filter((id) => !id.startsWith('NDES-PLUGIN-VERIFY-SENT')).sort(), h.name);
      assert.equal(json.files.length, 1, h.name);
      if (h.name === 'unknown format') assert.equal(json.files[0]?.format, 'plain-text');
      for (const f of json.findings) assert.ok(f.line >= 1 && f.column >= 1, `${h.name}: ${JSON.stringify(f)}`);
    });
  } finally { t.done(); }
});

test('hostile (cli): bad paths and unwritable outputs are one clear line each, exit 2, no stack trace', () => {
  const t = tempDir();
  try {
    const missing = cli(['check', join(t.dir, 'does-not-exist.log')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*does-not-exist\.log: no such file or folder/);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
    const empty = cli(['check', '']);
    assert.equal(empty.status, 2);
    const log = join(t.dir, 'NDESPlugin.log');
    writeFileSync(log, 'Verify challenge returns false\n');
    const out = cli(['check', log, '--out', t.dir]);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /cannot write .*: is a folder/);
    const notALog = cli(['check', '/dev/null/child.log']);
    assert.equal(notALog.status, 2);
    assert.match(notALog.stderr, /cannot read .*: not a folder/);
  } finally { t.done(); }
});

test('hostile (cli): a file and a folder without read permission are reported, the rest is still read', (ctx) => {
  if (process.getuid?.() === 0) { ctx.skip('running as root: permissions are not enforced'); return; }
  const t = tempDir();
  try {
    const locked = join(t.dir, 'NDESPlugin-locked.log');
    writeFileSync(locked, 'Verify challenge returns false\n');
    chmodSync(locked, 0o000);
    const lockedDir = join(t.dir, 'locked');
    mkdirSync(lockedDir);
    writeFileSync(join(lockedDir, 'NDESPlugin.log'), 'x\n');
    chmodSync(lockedDir, 0o000);
    writeFileSync(join(t.dir, 'NDESPlugin.log'), 'Verify challenge returns false\n');
    const run = cli(['check', t.dir, '--format', 'json']);
    chmodSync(locked, 0o600);
    chmodSync(lockedDir, 0o700);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /permission denied/);
    assert.ok((JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.some((f) => f.ruleId === 'NDES-PLUGIN-VERIFY-FALSE'));
  } finally { t.done(); }
});

test('hostile (cli): a folder of 20,000 empty files finishes with a message, capped or not', () => {
  const t = tempDir();
  try {
    for (let i = 0; i < 20_000; i++) writeFileSync(join(t.dir, `u_ex${String(i).padStart(6, '0')}.log`), '');
    const capped = cli(['check', t.dir]);
    assert.equal(capped.status, 0, capped.stderr);
    assert.match(capped.stdout, /^10000 file\(s\) checked/m);
    assert.match(capped.stderr, /stopped after 10000 files; pass --max-files N/);
    const all = checkJson([t.dir, '--max-files', '30000']);
    assert.equal(all.run.status, 0, all.run.stderr);
    assert.equal(all.json.files.length, 20_000);
    assert.ok(all.json.findings.every((f) => f.ruleId === 'NDES-LENS-EMPTY'));
    assert.equal(all.json.findings.length, 20_000, 'each empty IIS log says it is empty');
  } finally { t.done(); }
});
