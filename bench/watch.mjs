// The watcher's cost on a production server (issue 20): `ndes-lens watch` follows an IIS log that
// grows by `rate` bytes a second for `seconds`, written in whole lines ten times a second from a
// generated log. Measured from outside the watcher: its CPU time from /proc/<pid>/stat (user +
// system) over the wall time of the run, its peak RSS (VmHWM), how far behind it was at the end,
// and the findings it wrote against the failing lines grep counts in what was appended.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

function cpuSeconds(pid) {
  // Fields after the command name (which may hold spaces) start at ") ": utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

function hwmMB(pid) {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function watcherCost({ cli, source, dir, seconds, rate, grep }) {
  const logs = join(dir, 'watched');
  mkdirSync(logs, { recursive: true });
  const target = join(logs, 'u_ex261207.log');
  const out = join(dir, 'watched-findings.jsonl');
  const src = openSync(source, 'r');
  const dst = openSync(target, 'a');
  const buffer = Buffer.alloc(Math.ceil(rate / 10) + 64 * 1024);
  let at = 0;
  // The header and the first tenth of a second, so the log exists when the watcher starts.
  const step = () => {
    const n = readSync(src, buffer, 0, buffer.length, at);
    const cut = buffer.subarray(0, n).lastIndexOf(0x0a, Math.ceil(rate / 10)) + 1;
    if (cut <= 0) return 0;
    writeSync(dst, buffer, 0, cut);
    at += cut;
    return cut;
  };
  step();
  const child = spawn(process.execPath, [cli, 'watch', logs, '--out', out, '--interval', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => { stderr += b; });
  const started = process.hrtime.bigint();
  await sleep(200);
  const cpu0 = cpuSeconds(child.pid);
  const t0 = Date.now();
  for (let tick = 1; Date.now() - t0 < seconds * 1000; tick++) {
    step();
    const wait = t0 + tick * 100 - Date.now();
    if (wait > 0) await sleep(wait);
  }
  closeSync(dst);
  closeSync(src);
  const written = statSync(target).size;
  // How far behind it is when the writer stops: the state's offset against the log's size.
  const state = `${out}.state.json`;
  const offset = () => {
    try { return Object.values(JSON.parse(readFileSync(state, 'utf8')).logs)[0]?.offset ?? 0; } catch { return 0; }
  };
  const lagBytes = written - offset();
  const caughtUp = Date.now();
  while (offset() < written && Date.now() - caughtUp < 30_000) await sleep(100);
  const catchUpMs = Date.now() - caughtUp;
  const wall = Number(process.hrtime.bigint() - started) / 1e9 - 0.2;
  const cpu = cpuSeconds(child.pid) - cpu0;
  const rssMB = hwmMB(child.pid);
  child.kill('SIGTERM');
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`bench: the watcher exited ${code}: ${stderr.slice(0, 400)}`);
  const findings = existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)).filter((f) => f.severity !== 'info').length : 0;
  const expected = Number(spawnSync('grep', [...grep.flags, grep.pattern, target], { encoding: 'utf8' }).stdout.trim());
  if (findings < expected) throw new Error(`bench: the watcher wrote ${findings} findings for ${expected} failing lines`);
  return { seconds, rateMBps: rate / 1e6, writtenMB: written / 1e6, wall, cpu, cpuShare: cpu / wall, rssMB, lagBytes, catchUpMs, findings, expected };
}
