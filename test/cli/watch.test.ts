import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { iisHeader, iisTraffic, pluginTraffic } from '../support/traffic';
import { exited, expectedFingerprints, fingerprintsIn, sorted, startWatcher, waitFor, watcherStderr } from '../support/watcher';
import { cli, tempDir } from './run';

/** The samples laid out as on an NDES server: IIS, the policy module and the connector each in a folder of its own. */
function foldersWithSamples(root: string): string[] {
  return ['u_ex240305.log', 'NDESPlugin.log', 'CertificateRegistrationPoint_03_05.svclog'].map((name, i) => {
    const folder = join(root, `logs${i}`);
    mkdirSync(folder);
    copyFileSync(join('samples', name), join(folder, name));
    return folder;
  });
}

test('watch --once over three folders: the findings check reports, fingerprint for fingerprint; a second pass adds nothing', () => {
  const t = tempDir();
  try {
    const folders = foldersWithSamples(t.dir);
    const out = join(t.dir, 'findings.jsonl');
    const run = cli(['watch', ...folders, '--out', out, '--once']);
    assert.equal(run.status, 0, run.stderr);
    const first = fingerprintsIn(out);
    assert.ok(first.length > 0);
    assert.deepEqual(sorted(first), sorted(folders.flatMap(expectedFingerprints)));
    assert.equal(new Set(readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => dirname((JSON.parse(l) as { file: string }).file))).size, 3, 'findings from each folder');
    assert.equal(cli(['watch', ...folders, '--out', out, '--once']).status, 0);
    assert.deepEqual(fingerprintsIn(out), first);
    const state = JSON.parse(readFileSync(`${out}.state.json`, 'utf8')) as { version: number; outSize: number; logs: Record<string, { offset: number; path: string }> };
    assert.equal(state.outSize, statSync(out).size);
    for (const log of Object.values(state.logs)) assert.equal(log.offset, statSync(log.path).size, log.path);
  } finally {
    t.done();
  }
});

test('watch: a crash after writing and before saving the state neither repeats nor loses a finding; a torn last line is removed', () => {
  const t = tempDir();
  try {
    const logs = join(t.dir, 'logs');
    mkdirSync(logs);
    const iis = join(logs, 'u_ex261207.log');
    const start = new Date('2026-12-07T03:00:00Z');
    const first = iisTraffic(start, 30, 5);
    writeFileSync(iis, iisHeader(start) + first.text);
    const out = join(t.dir, 'findings.jsonl');
    const state = `${out}.state.json`;
    assert.equal(cli(['watch', logs, '--out', out, '--once']).status, 0);
    const before = readFileSync(state);
    appendFileSync(iis, iisTraffic(first.next, 30, 3, 1).text);
    assert.equal(cli(['watch', logs, '--out', out, '--once']).status, 0);
    const written = fingerprintsIn(out);
    assert.ok(written.length > first.failing.length);
    // The crash: the second pass's lines are on disk, its state is not, and the last write was cut short.
    writeFileSync(state, before);
    appendFileSync(out, '{"schema":"ndes-lens.finding/1","time":"2026-12');
    assert.equal(cli(['watch', logs, '--out', out, '--once']).status, 0);
    assert.deepEqual(fingerprintsIn(out), written);
    assert.deepEqual(sorted(written), sorted(expectedFingerprints(logs)));
  } finally {
    t.done();
  }
});

test('watch: follows growing logs, a half-written line, SIGKILL and restart, IIS and plugin rotation and a #Fields change; every finding exactly once', async () => {
  const t = tempDir();
  const children: ReturnType<typeof startWatcher>[] = [];
  try {
    const logs = join(t.dir, 'logs');
    mkdirSync(logs);
    const out = join(t.dir, 'findings.jsonl');
    const day1 = join(logs, 'u_ex261207.log');
    const plugin = join(logs, 'NDESPlugin.log');
    let at = new Date('2026-12-07T23:58:00Z');
    const write = (path: string, text: string): void => { appendFileSync(path, text); };
    // A wait for the watcher's polling, not a speed check: generous, since CI's two cores may be busy.
    // On a timeout the message says which findings were missing or extra.
    const settle = async (what: string): Promise<void> => {
      const expected = sorted(expectedFingerprints(logs));
      try {
        await waitFor(what, () => sorted(fingerprintsIn(out)).join() === expected.join(), 60_000);
      } catch (e: unknown) {
        const got = sorted(fingerprintsIn(out));
        const missing = expected.filter((x) => !got.includes(x));
        const extra = got.filter((x) => !expected.includes(x));
        throw new Error(`${e instanceof Error ? e.message : String(e)}: ${missing.length} missing, ${extra.length} extra (${got.length} written, ${expected.length} expected)`);
      }
    };

    write(day1, iisHeader(at));
    let w = startWatcher(logs, out);
    children.push(w);
    for (let i = 0; i < 4; i++) {
      const iis = iisTraffic(at, 15, 4, i);
      write(day1, iis.text);
      write(plugin, pluginTraffic(at, 10, 3, i).text);
      at = iis.next;
    }
    // A line cut in two by the writer's buffer: nothing of it is read until its line break comes.
    const cutLine = iisTraffic(at, 1, 1).text;
    write(day1, cutLine.slice(0, 40));
    await settle('the first appends');
    write(day1, cutLine.slice(40));
    at = new Date(at.getTime() + 1000);
    await settle('the completed line');

    w.kill('SIGKILL');
    await exited(w);
    const more = iisTraffic(at, 20, 3, 2);
    write(day1, more.text);
    write(plugin, pluginTraffic(at, 12, 4, 1).text);
    at = more.next;
    w = startWatcher(logs, out);
    children.push(w);
    await settle('the appends made while the watcher was down');

    // Midnight: IIS starts a new daily file; the plugin's log is rolled and started again.
    renameSync(plugin, join(logs, 'NDESPlugin.lo_'));
    const day2 = join(logs, 'u_ex261208.log');
    write(day2, iisHeader(at) + iisTraffic(at, 10, 3).text);
    write(plugin, pluginTraffic(at, 8, 2).text);
    // The same file changes its columns: s-computername is logged from here on.
    const withHost = iisTraffic(new Date(at.getTime() + 20_000), 10, 2).text.replace(/^(\S+ \S+) /gm, '$1 NDES02 ');
    write(day2, '#Fields: date time s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n' + withHost);
    await settle('the rotated logs and the new columns');
    const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { host: string; file: string });
    assert.ok(lines.some((l) => l.host === 'NDES02' && l.file.endsWith('u_ex261208.log')), 'the new column names the host');

    w.kill('SIGTERM');
    assert.equal(await exited(w), 0, 'SIGTERM stops the watcher cleanly');
    assert.equal(watcherStderr.get(w) ?? '', '', 'nothing to warn about');
    const final = fingerprintsIn(out);
    assert.equal(new Set(final).size, final.length, 'no finding twice');
    assert.deepEqual(sorted(final), sorted(expectedFingerprints(logs)));
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    t.done();
  }
});

test('watch: an event export saved again (in place, then as a new file) yields only its new events\' findings', () => {
  const t = tempDir();
  try {
    const logs = join(t.dir, 'logs');
    mkdirSync(logs);
    const events = readFileSync('test/golden/formats/eventlog/wevtutil-plain.xml', 'utf8').split('\n').filter((l) => l.startsWith('<Event'));
    assert.ok(events.length >= 6);
    const exportPath = join(logs, 'Application.xml');
    const out = join(t.dir, 'findings.jsonl');
    const pass = (): void => { assert.equal(cli(['watch', logs, '--out', out, '--once']).status, 0); };
    writeFileSync(exportPath, events.slice(0, 3).join('\n') + '\n');
    pass();
    const first = fingerprintsIn(out);
    assert.equal(first.length, 3);
    writeFileSync(exportPath, events.slice(0, 5).join('\n') + '\n');
    pass();
    assert.equal(fingerprintsIn(out).length, 5);
    // A new export replaces the file (another inode): still only the new event is written.
    writeFileSync(`${exportPath}.new`, events.join('\n') + '\n');
    renameSync(`${exportPath}.new`, exportPath);
    pass();
    const all = fingerprintsIn(out);
    assert.deepEqual(all.slice(0, 3), first);
    assert.deepEqual(sorted(all), sorted(expectedFingerprints(logs)));
  } finally {
    t.done();
  }
});

test('watch: bad input never stops it: a binary file, a 6 MB line, an empty file; a damaged state file is a clear error', () => {
  const t = tempDir();
  try {
    const logs = join(t.dir, 'logs');
    mkdirSync(logs);
    writeFileSync(join(logs, 'blob.log'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(logs, 'long.log'), 'Verify challenge returns false '.repeat(200_000));
    writeFileSync(join(logs, 'empty.log'), '');
    copyFileSync('samples/NDESPlugin.log', join(logs, 'NDESPlugin.log'));
    const out = join(t.dir, 'findings.jsonl');
    const run = cli(['watch', logs, '--out', out, '--once']);
    assert.equal(run.status, 0, run.stderr);
    const files = new Set(readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { file: string }).file));
    assert.ok([...files].some((f) => f.endsWith('NDESPlugin.log')), 'the healthy log is still analysed');
    writeFileSync(`${out}.state.json`, '{"version": 1, "outSize": ');
    const damaged = cli(['watch', logs, '--out', out, '--once']);
    assert.equal(damaged.status, 2);
    assert.equal(damaged.stderr.trim().split('\n').length, 1, damaged.stderr);
    assert.match(damaged.stderr, /^ndes-lens: watch stopped: .*state\.json is damaged \(not JSON\); move it away to start over$/m);
  } finally {
    t.done();
  }
});

test('watch: usage errors are one line and exit 2', () => {
  assert.equal(cli(['watch']).status, 2);
  assert.match(cli(['watch', 'samples']).stderr, /--out/);
  assert.match(cli(['watch', 'samples', '--out', '/tmp/x.jsonl', '--interval', '0']).stderr, /--interval must be/);
  assert.match(cli(['watch', 'no-such-folder', '--out', '/tmp/x.jsonl']).stderr, /no such file or folder/);
});
