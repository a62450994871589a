// Writes a simulated NDES evidence folder (test/support/simulate): healthy traffic for N
// enrollments, optionally with failure scenarios injected at chosen enrollments, so a person can
// run `node dist/cli.js check DIR` or `diagnose DIR` on it. Needs `tsc -b` first (npm run simulate does it).
//
// Usage: npm run simulate -- --out DIR [--seed N] [--enrollments N] [--inject scenario@k]...
//                             [--framing cmtrace|smstrace] [--list]
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';

const require = createRequire(import.meta.url);
const MODULE = new URL('../out/test/support/simulate/index.js', import.meta.url).pathname;
if (!existsSync(MODULE)) { console.error(`simulate: ${MODULE} is missing: run \`npx tsc -b\` first`); process.exit(2); }
const { simulate, writeSimulation, SCENARIOS } = require(MODULE);

const usage = 'usage: npm run simulate -- --out DIR [--seed N] [--enrollments N] [--inject scenario@k]... [--framing cmtrace|smstrace] [--list]';
const args = process.argv.slice(2);
const options = { seed: 1, enrollments: 200, inject: [], out: undefined, list: false, framing: 'cmtrace' };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => { const v = args[++i]; if (v === undefined) { console.error(`simulate: ${a} needs a value\n${usage}`); process.exit(2); } return v; };
  const count = (v, min) => { const n = Number(v); if (!Number.isInteger(n) || n < min) { console.error(`simulate: ${a} takes a whole number ≥ ${min}, not '${v}'`); process.exit(2); } return n; };
  if (a === '--seed') options.seed = count(value(), 0);
  else if (a === '--enrollments') options.enrollments = count(value(), 1);
  else if (a === '--out') options.out = value();
  else if (a === '--list') options.list = true;
  else if (a === '--framing') {
    options.framing = value();
    if (!['cmtrace', 'smstrace'].includes(options.framing)) { console.error(`simulate: --framing takes cmtrace or smstrace, not '${options.framing}'`); process.exit(2); }
  }
  else if (a === '--inject') {
    const v = value();
    const m = /^([\w-]+)@(\d+)$/.exec(v);
    if (!m) { console.error(`simulate: --inject takes scenario@enrollment, e.g. cn-invalid@12, not '${v}'`); process.exit(2); }
    options.inject.push({ scenario: m[1], at: Number(m[2]) });
  } else if (a === '--help' || a === '-h') { console.log(usage); process.exit(0); }
  else { console.error(`simulate: unknown option '${a}'\n${usage}`); process.exit(2); }
}

if (options.list) {
  for (const s of SCENARIOS) console.log(`${s.id.padEnd(28)} stage ${s.stage}${s.seed ? ' (seed article)' : ''}  ${s.ruleIds.join(', ')}\n${' '.repeat(29)}${s.title}`);
  process.exit(0);
}
if (!options.out) { console.error(`simulate: --out DIR is required\n${usage}`); process.exit(2); }
if (existsSync(options.out) && readdirSync(options.out).length > 0) { console.error(`simulate: ${options.out} is not empty; name a new folder`); process.exit(2); }

let sim;
try {
  sim = simulate({ seed: options.seed, enrollments: options.enrollments, inject: options.inject, pluginFraming: options.framing });
} catch (e) {
  console.error(`simulate: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const written = writeSimulation(options.out, sim);
console.log(`simulate: seed ${options.seed}, ${sim.enrollments} enrollments, ${sim.requests} IIS requests, ${written.length} files in ${options.out}`);
for (const t of sim.truth) {
  const first = t.injectedLines[0];
  console.log(`  ${t.scenario} at enrollment ${t.enrollment} (${t.time} UTC): stage ${t.stage}, ${t.ruleIds.join(', ')}${first ? `; first changed line ${first.file}:${first.line}` : ''}`);
}
console.log(`next: node dist/cli.js check ${options.out}   or   node dist/cli.js diagnose ${options.out}`);
