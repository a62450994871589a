// Writes realistic support bundles (test/support/bundle): the simulator's NDES logs inside the folder
// tree a collection script builds, with the unrelated Windows output such scripts sweep up, as a
// folder and as a .zip (made with the `zip` command). Needs `tsc -b` first.
//
// Usage: node scripts/bundle.mjs --out DIR [--seed N]... [--enrollments N] [--inject scenario@k]... [--big BYTES]
//   Each seed writes DIR/seed-N/<root>/ and DIR/seed-N.zip (the root folder inside), and DIR/seed-N-nested.zip
//   (the same one folder deeper, as a ticket attachment often is).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, cpSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const MODULE = new URL('../out/test/support/bundle/index.js', import.meta.url).pathname;
if (!existsSync(MODULE)) { console.error(`bundle: ${MODULE} is missing: run \`npx tsc -b\` first`); process.exit(2); }
const { buildBundle, writeBundle } = require(MODULE);

const args = process.argv.slice(2);
const o = { out: undefined, seeds: [], enrollments: 60, inject: [], big: undefined };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const v = () => { const x = args[++i]; if (x === undefined) { console.error(`bundle: ${a} needs a value`); process.exit(2); } return x; };
  if (a === '--out') o.out = resolve(v());
  else if (a === '--seed') o.seeds.push(Number(v()));
  else if (a === '--enrollments') o.enrollments = Number(v());
  else if (a === '--big') o.big = Number(v());
  else if (a === '--inject') { const m = /^([\w-]+)@(\d+)$/.exec(v()); if (!m) { console.error('bundle: --inject takes scenario@k'); process.exit(2); } o.inject.push({ scenario: m[1], at: Number(m[2]) }); }
  else { console.error(`bundle: unknown option '${a}'`); process.exit(2); }
}
if (!o.out) { console.error('bundle: --out DIR is required'); process.exit(2); }
if (o.seeds.length === 0) o.seeds.push(1);
mkdirSync(o.out, { recursive: true });
for (const seed of o.seeds) {
  const name = `seed-${seed}`;
  const dir = join(o.out, name);
  if (existsSync(dir) && readdirSync(dir).length > 0) { console.error(`bundle: ${dir} is not empty`); process.exit(2); }
  const bundle = buildBundle({ seed, enrollments: o.enrollments, inject: o.inject, ...(o.big ? { bigLogBytes: o.big } : {}) });
  const root = writeBundle(dir, bundle);
  execFileSync('zip', ['-r', '-X', '-q', join(o.out, `${name}.zip`), bundle.root], { cwd: dir });
  const nested = join(o.out, `${name}-nested`, 'ticket-123456', 'attachments');
  mkdirSync(nested, { recursive: true });
  cpSync(root, join(nested, bundle.root), { recursive: true });
  execFileSync('zip', ['-r', '-X', '-q', join(o.out, `${name}-nested.zip`), 'ticket-123456'], { cwd: join(o.out, `${name}-nested`) });
  console.log(`bundle: seed ${seed}: ${bundle.files.size} files in ${root}, ${name}.zip, ${name}-nested.zip`);
  for (const t of bundle.truth) console.log(`  ${t.scenario} at enrollment ${t.enrollment}: stage ${t.stage}, ${t.ruleIds.join(', ')}`);
}
