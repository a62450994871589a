// Writes whole event logs of a healthy NDES server and its CA (test/support/healthy) in every shape
// admins attach them: OUT/logs/<shape>/<HOST>/<channel>.<ext> for `check`, and OUT/folders/<shape>/
// holding the same logs beside a healthy simulated IIS / NDESPlugin / svclog folder for `diagnose`.
// Needs `tsc -b` first. The same seed writes the same bytes.
//
// Usage: node scripts/healthy-logs.mjs --out DIR [--seed N] [--enrollments N] [--per-hour N]
import { createRequire } from 'node:module';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const HEALTHY = new URL('../out/test/support/healthy/index.js', import.meta.url).pathname;
const SIM = new URL('../out/test/support/simulate/index.js', import.meta.url).pathname;
if (!existsSync(HEALTHY) || !existsSync(SIM)) { console.error('healthy-logs: run `npx tsc -b` first'); process.exit(2); }
const { healthyLogs, renderShape, writeFiles, SHAPES } = require(HEALTHY);
const { simulate, writeSimulation } = require(SIM);

const usage = 'usage: node scripts/healthy-logs.mjs --out DIR [--seed N] [--enrollments N] [--per-hour N]';
const args = process.argv.slice(2);
const options = { seed: 4, enrollments: 300, perHour: 40, out: undefined };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const v = () => { const x = args[++i]; if (x === undefined) { console.error(`healthy-logs: ${a} needs a value\n${usage}`); process.exit(2); } return x; };
  if (a === '--out') options.out = v();
  else if (a === '--seed') options.seed = Number(v());
  else if (a === '--enrollments') options.enrollments = Number(v());
  else if (a === '--per-hour') options.perHour = Number(v());
  else { console.error(`healthy-logs: unknown option '${a}'\n${usage}`); process.exit(2); }
}
if (!options.out) { console.error(usage); process.exit(2); }

rmSync(options.out, { recursive: true, force: true });
const logs = healthyLogs({ seed: options.seed, perHour: options.perHour });
const sim = simulate({ seed: options.seed, enrollments: options.enrollments });
let files = 0;
for (const shape of SHAPES) {
  const rendered = renderShape(logs, shape);
  files += writeFiles(join(options.out, 'logs', shape), rendered).length;
  const folder = join(options.out, 'folders', shape);
  writeSimulation(folder, sim);
  writeFiles(folder, rendered);
}
const events = logs.reduce((n, l) => n + l.events.length, 0);
console.log(`healthy-logs: ${logs.length} logs, ${events} events, ${files} files in ${SHAPES.length} shapes under ${options.out}`);
