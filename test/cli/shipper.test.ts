import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { iisHeader, iisTraffic, pluginTraffic } from '../support/traffic';
import { exited, expectedFingerprints, fingerprintsIn, sorted, startWatcher, waitFor } from '../support/watcher';
import { tempDir } from './run';

/**
 * A real shipper, not a mock: rsyslog (from apt, see scripts/install-e2e.sh) tails the watcher's JSON
 * lines with imfile and forwards them over TCP on loopback to a second rsyslog, which writes what it
 * received. Both run in the foreground with their own configuration, work folder and pid file.
 */

function findRsyslogd(): string | undefined {
  for (const p of ['/usr/sbin/rsyslogd', '/sbin/rsyslogd']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v rsyslogd'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found !== '' ? found : undefined;
}

const RSYSLOGD = findRsyslogd();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => { resolve(false); });
  });
}

interface Daemon {
  readonly child: ChildProcess;
  readonly log: () => string;
}

function rsyslogd(binary: string, dir: string, name: string, config: string): Daemon {
  const conf = join(dir, `${name}.conf`);
  const work = join(dir, `${name}-work`);
  mkdirSync(work);
  writeFileSync(conf, `global(workDirectory="${work}" maxMessageSize="64k")\n${config}`);
  const child = spawn(binary, ['-n', '-f', conf, '-i', join(dir, `${name}.pid`)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  return { child, log: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => { child.kill('SIGKILL'); }, 5000);
  await exited(child);
  clearTimeout(timer);
}

test('shipper: rsyslog imfile → TCP → rsyslog receives every finding exactly once across a watcher kill, restart and log rotation', { skip: RSYSLOGD === undefined ? 'rsyslogd not found (scripts/install-e2e.sh installs it with apt)' : false, timeout: 120_000 }, async () => {
  if (RSYSLOGD === undefined) return;
  const t = tempDir();
  const running: ChildProcess[] = [];
  let receiver: Daemon | undefined;
  let sender: Daemon | undefined;
  try {
    const logs = join(t.dir, 'logs');
    mkdirSync(logs);
    const out = join(t.dir, 'findings.jsonl');
    const received = join(t.dir, 'received.jsonl');
    const port = await freePort();

    receiver = rsyslogd(RSYSLOGD, t.dir, 'receiver', [
      'module(load="imtcp")',
      'template(name="raw" type="string" string="%msg%\\n")',
      `ruleset(name="in") { action(type="omfile" file="${received}" template="raw") }`,
      `input(type="imtcp" address="127.0.0.1" port="${port}" ruleset="in")`,
    ].join('\n') + '\n');
    running.push(receiver.child);
    const listenUntil = Date.now() + 20_000;
    while (!(await accepts(port))) {
      if (receiver.child.exitCode !== null || Date.now() > listenUntil) throw new Error(`the receiving rsyslogd does not listen: ${receiver.log()}`);
      await new Promise((done) => setTimeout(done, 100));
    }

    // The watcher's output may not exist yet: imfile picks it up when it appears.
    sender = rsyslogd(RSYSLOGD, t.dir, 'sender', [
      'module(load="imfile" mode="polling" PollingInterval="1")',
      `ruleset(name="fwd") { action(type="omfwd" target="127.0.0.1" port="${port}" protocol="tcp" template="RSYSLOG_SyslogProtocol23Format" action.resumeRetryCount="-1" queue.type="LinkedList") }`,
      `input(type="imfile" file="${out}" tag="ndes-lens" facility="local0" severity="info" ruleset="fwd")`,
    ].join('\n') + '\n');
    running.push(sender.child);

    const iis1 = join(logs, 'u_ex261207.log');
    const plugin = join(logs, 'NDESPlugin.log');
    let at = new Date('2026-12-07T23:57:00Z');
    appendFileSync(iis1, iisHeader(at));
    let watcher = startWatcher(logs, out);
    running.push(watcher);
    const settle = async (what: string): Promise<void> => {
      const expected = sorted(expectedFingerprints(logs)).join();
      await waitFor(what, () => sorted(fingerprintsIn(out)).join() === expected);
    };

    // Failures and healthy traffic while the watcher runs.
    for (let i = 0; i < 3; i++) {
      const iis = iisTraffic(at, 20, 4, i);
      appendFileSync(iis1, iis.text);
      appendFileSync(plugin, pluginTraffic(at, 12, 3, i).text);
      at = iis.next;
    }
    await settle('the watcher to write the first findings');

    // Killed without warning, logs keep growing, then started again.
    watcher.kill('SIGKILL');
    await exited(watcher);
    const more = iisTraffic(at, 25, 3, 1);
    appendFileSync(iis1, more.text);
    appendFileSync(plugin, pluginTraffic(at, 10, 2).text);
    at = more.next;
    watcher = startWatcher(logs, out);
    running.push(watcher);
    await settle('the restarted watcher to catch up');

    // Rotation: a new daily IIS file, and the plugin's log rolled to .lo_ and started again.
    renameSync(plugin, join(logs, 'NDESPlugin.lo_'));
    appendFileSync(join(logs, 'u_ex261208.log'), iisHeader(at) + iisTraffic(at, 15, 3, 2).text);
    appendFileSync(plugin, pluginTraffic(at, 9, 3, 1).text);
    await settle('the rotated logs');

    watcher.kill('SIGTERM');
    assert.equal(await exited(watcher), 0);
    const expected = sorted(expectedFingerprints(logs));
    assert.ok(expected.length >= 40, `only ${expected.length} findings: the traffic should hold dozens of failures`);
    assert.deepEqual(sorted(fingerprintsIn(out)), expected, 'the watcher wrote every finding once');

    const s = sender;
    await waitFor('the receiving rsyslog to hold every finding', () => {
      if (s.child.exitCode !== null) throw new Error(`sending rsyslogd exited: ${s.log()}`);
      return existsSync(received) && readFileSync(received, 'utf8').split('\n').filter((l) => l.trim() !== '').length >= expected.length;
    }, 60_000);
    // Both daemons stopped (each flushes on SIGTERM), so a late duplicate would be in the file too.
    await stop(s.child);
    await stop(receiver.child);
    const got = readFileSync(received, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => {
      const o = JSON.parse(l.trim()) as { fingerprint: string; tool: string };
      assert.equal(o.tool, 'ndes-lens');
      return o.fingerprint;
    });
    assert.equal(new Set(got).size, got.length, 'no finding arrived twice');
    assert.deepEqual(sorted(got), expected, 'every finding arrived');
  } finally {
    for (const c of running) await stop(c);
    t.done();
  }
});
