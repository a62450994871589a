// The .evtx reader against a saved build of the CLI, in one run (issue 18, speed and memory): first
// that every output is byte-identical (`convert` and `check --format json`, stdout, stderr and exit
// code) on the shared real files, on an .evtx holding every event rule's positive sample, on damaged
// copies of those (seeded bit flips and truncations) and on the bench's generated logs; then, runs
// interleaved so a slowed host slows both alike, wall time, MB/s and peak RSS of each build on the
// generated logs at each size.
//
// Usage: node bench/evtx-compare.mjs --baseline OLD_CLI.js [--shared DIR] [--sizes 16,61,240] [--runs 3] [--keep] [--speed-only]
//   needs `node esbuild.mjs` and `tsc -b` first. Save the baseline with `cp dist/cli.js` on the
//   commit to compare with. `--shared DIR` takes the real .evtx files from DIR instead of
//   ../shared/evtx. Exits 1 when an output differs. CPU s (user + system) is printed beside
//   wall s: on a shared host it moves far less with the neighbours' load.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEvtx } from './evtx.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const BASELINE = arg('--baseline');
const SIZES = arg('--sizes', '16,61').split(',').map(Number);
const RUNS = Number(arg('--runs', '3'));
const SHARED = arg('--shared', join(ROOT, '..', 'shared', 'evtx'));
const CLI = join(ROOT, 'dist', 'cli.js');
const MB = 1e6;
if (argv.includes('--help') || argv.includes('-h')) {
  // The comment block at the top of this file is the help.
  const lines = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  const header = lines.slice(0, lines.findIndex((l) => !l.startsWith('//')));
  console.log(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
if (!BASELINE || !existsSync(BASELINE)) { console.error('evtx-compare: --baseline OLD_CLI.js is required (--help says how to save one)'); process.exit(2); }

const require = createRequire(import.meta.url);
const { writeEvtx } = require('../out/test/support/evtx/writer.js');
const { sampleEvent } = require('../out/test/support/evtx/events.js');
const { CATALOGUE } = require('../out/server/src/core/catalogue/index.js');

/** Runs `node cli args` under GNU time: wall seconds, peak RSS and what it printed. */
function run(cli, args) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trimEnd().split('\n');
      const [wall, kb, user, sys] = (stderr.pop() ?? '').split(' ').map(Number);
      resolve({ code, stdout: Buffer.concat(out), stderr: stderr.filter((l) => !l.startsWith('Command exited')).join('\n'), wall, cpu: user + sys, rssMB: kb / 1024 });
    });
  });
}

// ---------------------------------------------------------------- files
const dir = mkdtempSync(join(tmpdir(), 'ndes-evtx-'));
const files = [];
for (const f of existsSync(SHARED) ? readdirSync(SHARED).filter((n) => n.endsWith('.evtx')).sort() : []) files.push(join(SHARED, f));
const samples = CATALOGUE.filter((s) => s.formats.includes('windows-event-log')).flatMap((s) => s.samples.positive.map((p) => sampleEvent(s.id, p)));
writeFileSync(join(dir, 'samples.evtx'), writeEvtx(samples));
files.push(join(dir, 'samples.evtx'));
/** Seeded damage: the same copies on every run. */
let seed = 18;
const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
for (const source of [...files]) {
  const bytes = readFileSync(source);
  for (let i = 0; i < 6; i++) {
    const copy = Buffer.from(bytes.subarray(0, i === 5 ? Math.floor(bytes.length * random()) : bytes.length));
    for (let k = 0; k < 1 + i * 3; k++) copy[0x1000 + Math.floor(random() * (copy.length - 0x1000))] ^= 1 << Math.floor(random() * 8);
    const path = join(dir, `damaged-${i}-${source.split('/').pop()}`);
    writeFileSync(path, copy);
    files.push(path);
  }
}
const generated = SIZES.map((size) => {
  const path = join(dir, `Operational-${size}MB.evtx`);
  generateEvtx(path, size * MB);
  return { path, mb: statSync(path).size / MB };
});

// ---------------------------------------------------------------- byte identity
let differ = 0;
for (const file of argv.includes('--speed-only') ? [] : [...files, ...generated.map((g) => g.path)]) {
  for (const args of [['convert', file], ['check', '--format', 'json', file]]) {
    const [a, b] = [await run(BASELINE, args), await run(CLI, args)];
    const same = a.code === b.code && a.stdout.equals(b.stdout) && a.stderr === b.stderr;
    if (!same) differ++;
    console.log(`${same ? 'same ' : 'DIFF '} ${args[0].padEnd(7)} ${file.split('/').pop()} (${(a.stdout.length / 1024).toFixed(0)} KB out, exit ${a.code})`);
  }
}
if (!argv.includes('--speed-only')) console.log(`evtx-compare: ${differ === 0 ? 'every output is byte-identical' : `${differ} output(s) differ`}`);

// ---------------------------------------------------------------- speed and memory
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log(`\n${'command'.padEnd(8)} ${'MB'.padStart(5)}   baseline: ${'wall s'.padStart(6)} ${'MB/s'.padStart(5)} ${'cpu s'.padStart(6)} ${'MB/s'.padStart(5)} ${'RSS MB'.padStart(6)}   now: ${'wall s'.padStart(6)} ${'MB/s'.padStart(5)} ${'cpu s'.padStart(6)} ${'MB/s'.padStart(5)} ${'RSS MB'.padStart(6)}`);
for (const g of generated) {
  for (const args of [['check', '--format', 'json', g.path], ['convert', g.path]]) {
    const runs = { base: [], now: [] };
    for (let i = 0; i < RUNS; i++) { runs.base.push(await run(BASELINE, args)); runs.now.push(await run(CLI, args)); }
    const cell = (rs) => {
      const w = median(rs.map((r) => r.wall));
      const c = median(rs.map((r) => r.cpu));
      return `${w.toFixed(2).padStart(6)} ${(g.mb / w).toFixed(1).padStart(5)} ${c.toFixed(2).padStart(6)} ${(g.mb / c).toFixed(1).padStart(5)} ${median(rs.map((r) => r.rssMB)).toFixed(0).padStart(6)}`;
    };
    console.log(`${args[0].padEnd(8)} ${g.mb.toFixed(0).padStart(5)}             ${cell(runs.base)}        ${cell(runs.now)}`);
  }
}
if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
process.exit(differ === 0 ? 0 : 1);
