// Full fuzz run: at least 100,000 cases per scanner (every entry of SCANNERS) and for detection,
// the same properties as the fixed-seed share in `npm test` (test/fuzz/properties.ts, compiled by
// `tsc -b` to out/test/fuzz/). Jobs run in worker threads; a watchdog reports a case that hangs.
//
//   node scripts/fuzz.mjs [--runs N] [--seed S] [--only FORMAT]   (FUZZ_RUNS / FUZZ_SEED work too)
//
// Prints cases per parser and a closing `N passed, N failed`; exits 1 on any failure.
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const BATCH = 200;
/** A batch of 200 cases takes well under a second on a quiet machine; two minutes without progress is a hang. */
const HANG_MS = 120_000;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

if (isMainThread) {
  const properties = require(join(root, 'out/test/fuzz/properties.js'));
  const runs = Number(option('--runs', process.env.FUZZ_RUNS ?? 100_000));
  const seed = Number(option('--seed', process.env.FUZZ_SEED ?? Date.now() % 2 ** 31));
  const only = option('--only', undefined);
  const jobs = [...properties.FORMATS(), 'detection'].filter((j) => only === undefined || j === only);
  if (!Number.isInteger(runs) || runs < 1 || jobs.length === 0) {
    process.stderr.write('usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--only FORMAT]\n');
    process.exit(2);
  }
  process.stdout.write(`fuzzing ${jobs.length} targets, ${runs} cases each, seed ${seed}, ${Math.min(availableParallelism(), jobs.length)} workers\n`);
  const started = Date.now();
  const results = [];
  const queue = [...jobs];

  const runJob = (job) => new Promise((resolve) => {
    const t0 = Date.now();
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { job, runs, seed } });
    let done = 0;
    let last = Date.now();
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      const r = { job, seconds: (Date.now() - t0) / 1000, ...result };
      results.push(r);
      process.stdout.write(`${job}: ${r.passed} cases passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)\n`);
      if (r.report) process.stdout.write(r.report.replace(/^/gm, '    ') + '\n');
      resolve();
    };
    const watchdog = setInterval(() => {
      if (Date.now() - last < HANG_MS) return;
      void worker.terminate();
      finish({ passed: done, failed: 1, report: `no progress for ${HANG_MS / 1000} s in the batch after case ${done}: a hang (seed ${seed + done / BATCH}, ${BATCH} runs reproduces it)` });
    }, 1000);
    worker.on('message', (m) => {
      if (m.type === 'progress') { done = m.done; last = Date.now(); }
      else finish(m);
    });
    worker.on('error', (e) => { finish({ passed: done, failed: 1, report: `worker crashed: ${e.stack ?? e}` }); });
    worker.on('exit', () => { finish({ passed: done, failed: done < runs ? 1 : 0, report: done < runs ? 'worker exited early' : undefined }); });
  });

  const lane = async () => { for (let job = queue.shift(); job !== undefined; job = queue.shift()) await runJob(job); };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), jobs.length) }, lane));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  process.stdout.write(`\n${results.map((r) => `${r.job} ${r.passed}`).join(', ')}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s, seed ${seed})\n`);
  process.exit(failed > 0 ? 1 : 0);
} else {
  const fc = require('fast-check');
  const properties = require(join(root, 'out/test/fuzz/properties.js'));
  const { job, runs, seed } = workerData;
  const property = job === 'detection' ? properties.detectionProperty() : properties.scannerProperty(job);
  let done = 0;
  for (let batch = 0; done < runs; batch++) {
    const n = Math.min(BATCH, runs - done);
    const details = fc.check(property, { numRuns: n, seed: seed + batch, includeErrorInReport: true });
    if (details.failed) {
      const passed = done + details.numRuns - 1;
      parentPort.postMessage({ type: 'result', passed, failed: 1, report: `${fc.defaultReportMessage(details) ?? 'failed'}\nreproduce: node scripts/fuzz.mjs --only ${job} --runs ${n} --seed ${seed + batch}` });
      done = runs;
      break;
    }
    done += n;
    parentPort.postMessage({ type: 'progress', done });
  }
  parentPort.postMessage({ type: 'result', passed: done, failed: 0 });
}
