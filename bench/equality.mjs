// Checks that two builds of the CLI give byte-identical `check` output on every fixture.
// Usage: node bench/equality.mjs <baseline cli.js> <candidate cli.js> [extra files or folders…]
// Exit 0 when every output (stdout and exit code) is identical.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const [base, cand, ...extra] = process.argv.slice(2);
if (!base || !cand) { console.error('usage: node bench/equality.mjs <baseline cli.js> <candidate cli.js> [paths…]'); process.exit(2); }
const root = new URL('..', import.meta.url).pathname;
const FIXTURE_ROOTS = ['test/golden/seeds', 'test/flow/scenarios', 'samples', 'test/cli/fixtures'].map((p) => join(root, p));

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { out.dirs.push(p); walk(p, out); } else out.files.push(p);
  }
}
const targets = { files: [], dirs: [] };
for (const r of FIXTURE_ROOTS) { try { targets.dirs.push(r); walk(r, targets); } catch { /* a missing fixture folder */ } }
for (const p of extra) (statSync(p).isDirectory() ? targets.dirs : targets.files).push(p);

const run = (cli, args) => {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  return `${r.status}\n${r.stdout}\n${r.stderr}`;
};
let same = 0;
const differ = [];
const jobs = [
  ...targets.files.map((f) => ['--format', 'json', relative(root, f) || f]),
  ...targets.dirs.flatMap((d) => [['--format', 'json', d], ['--format', 'text', d], ['--format', 'sarif', d], ['--format', 'json', '--min-severity', 'warning', d]]),
];
for (const args of jobs) {
  if (run(base, args) === run(cand, args)) same++;
  else differ.push(args.join(' '));
}
console.log(`equality: ${same}/${jobs.length} outputs identical`);
for (const d of differ) console.log(`  DIFFERS: check ${d}`);
process.exit(differ.length === 0 ? 0 : 1);
