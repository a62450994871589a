// Issue 17 part 3: a folder of 1 GB across 20 logs, checked with --jobs 1 and --jobs 2 in the same
// run. Used by bench/run.mjs; on its own: node bench/folder.mjs [--quick] [--runs N] (after
// `node esbuild.mjs && tsc -b`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIis, generatePlugin, generateSvclog } from './generate.mjs';

/**
 * 20 logs of 50 MB as an NDES server's folder holds them: mostly IIS days, some NDESPlugin.log and
 * CertificateRegistrationPoint svclogs. Each its own seed, so no two files are the same bytes.
 */
const LAYOUT = [
  ...Array.from({ length: 14 }, (_, i) => ({ name: `iis/u_ex2403${String(i + 1).padStart(2, '0')}.log`, gen: generateIis })),
  ...Array.from({ length: 3 }, (_, i) => ({ name: `plugin/NDESPlugin${i ? `_${i}` : ''}.log`, gen: generatePlugin })),
  ...Array.from({ length: 3 }, (_, i) => ({ name: `crp/CertificateRegistrationPoint_03_0${i + 1}.svclog`, gen: generateSvclog })),
];

export function generateFolder(dir, totalBytes) {
  const each = totalBytes / LAYOUT.length;
  let bytes = 0;
  LAYOUT.forEach((f, i) => {
    const path = join(dir, f.name);
    mkdirSync(join(path, '..'), { recursive: true });
    f.gen(path, each, 100 + i);
    bytes += statSync(path).size;
  });
  return { files: LAYOUT.length, bytes };
}

/** Wall time and (with GNU time) CPU of one run, and what it printed. */
function run(cli, args) {
  return new Promise((resolve, reject) => {
    const time = existsSync('/usr/bin/time');
    const [cmd, argv] = time ? ['/usr/bin/time', ['-f', '%U %S %M', process.execPath, cli, ...args]] : [process.execPath, [cli, ...args]];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (b) => { out.push(b); });
    child.stderr.on('data', (b) => { err += b; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (code > 1) { reject(new Error(`check ${args.join(' ')} exited ${code}: ${err.slice(0, 400)}`)); return; }
      const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(err);
      resolve({ wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rssMB: m ? Number(m[3]) / 1024 : NaN, stdout: Buffer.concat(out) });
    });
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/**
 * `check --format json` of the folder with --jobs 1 and --jobs 2, alternated so a slow spell of a
 * shared host falls on both. The two outputs must be byte-identical.
 */
export async function measureFolder(cli, dir, runs) {
  const byJobs = { 1: [], 2: [] };
  let first;
  for (let i = 0; i < runs; i++) {
    for (const jobs of [1, 2]) {
      const r = await run(cli, ['check', '--format', 'json', '--jobs', String(jobs), dir]);
      first ??= r.stdout;
      if (!r.stdout.equals(first)) throw new Error(`bench: check --jobs ${jobs} printed other findings than --jobs 1`);
      byJobs[jobs].push(r);
    }
  }
  const sum = (rs) => ({ wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), rssMB: median(rs.map((r) => r.rssMB)), runs: rs.map((r) => +r.wall.toFixed(2)) });
  const one = sum(byJobs[1]);
  const two = sum(byJobs[2]);
  return { jobs1: one, jobs2: two, speedup: one.wall / two.wall };
}

export function folderLine(f) {
  return `folder (${f.files} logs, ${(f.bytes / 1e6).toFixed(0)} MB): --jobs 1 ${f.jobs1.wall.toFixed(2)} s [${f.jobs1.runs.join(', ')}] (cpu ${f.jobs1.cpu.toFixed(1)} s, ${f.jobs1.rssMB.toFixed(0)} MB), --jobs 2 ${f.jobs2.wall.toFixed(2)} s [${f.jobs2.runs.join(', ')}] (cpu ${f.jobs2.cpu.toFixed(1)} s, ${f.jobs2.rssMB.toFixed(0)} MB): ${f.speedup.toFixed(2)}× faster, output identical`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
  const dir = mkdtempSync(join(tmpdir(), 'ndes-bench-folder-'));
  try {
    const t0 = Date.now();
    const info = generateFolder(dir, (argv.includes('--quick') ? 100 : 1000) * 1e6);
    console.log(`bench: generated ${info.files} logs, ${(info.bytes / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const f = { ...info, ...await measureFolder(new URL('../dist/cli.js', import.meta.url).pathname, dir, runs) };
    console.log(folderLine(f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
