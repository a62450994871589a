import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN } from '../../server/src/core/validate';
import { REPO_ROOT } from './paths';

/** Shared by the watcher tests and the rsyslog shipper test: run `ndes-lens watch`, and what it should have written. */

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** What each watcher started here said on stderr: read as it comes, so a chatty watcher never blocks on a full pipe. */
export const watcherStderr = new WeakMap<ChildProcess, string>();

export function startWatcher(folder: string, out: string, extra: readonly string[] = []): ChildProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'node esbuild.mjs' first`);
  const child = spawn(process.execPath, [CLI, 'watch', folder, '--out', out, '--interval', '0.2', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => { watcherStderr.set(child, (watcherStderr.get(child) ?? '') + d); });
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => { child.once('exit', (code) => { resolve(code); }); });
}

/** Polls `ready` until it holds or the deadline passes; never a bare sleep. */
export async function waitFor(what: string, ready: () => boolean, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function fingerprintsIn(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => {
    const o = JSON.parse(l) as { fingerprint?: string; event?: { id?: string } };
    return o.fingerprint ?? o.event?.id ?? '';
  });
}

/** Rules that need the whole file (a request with no answer), which `check` reports and the watcher leaves to it. */
const WHOLE_FILE_RULES = new Set([...BUILTIN.validators.flatMap((v) => v.ids), 'NDES-LENS-EMPTY']);

/** The fingerprints `check --format jsonl` gives the folder's logs as they are now, but for the whole-file rules. */
export function expectedFingerprints(folder: string): string[] {
  const run = spawnSync(process.execPath, [CLI, 'check', folder, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`check failed: ${run.stderr}`);
  return run.stdout.split('\n').filter((l) => l !== '').flatMap((l) => {
    const o = JSON.parse(l) as { fingerprint: string; ruleId: string };
    return WHOLE_FILE_RULES.has(o.ruleId) ? [] : [o.fingerprint];
  });
}

/** Sorted, so two lists compare as multisets: a duplicate or a loss shows in the diff. */
export function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}
