import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** The built CLI: `node esbuild.mjs` (or `npm run build`) before these tests. */
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js …` from the repository root, as a user would. */
export function cli(args: readonly string[], cwd: string = REPO_ROOT, nodeArgs: readonly string[] = []): Run {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'node esbuild.mjs' first`);
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ndes-lens-cli-'));
  return { dir, done: () => { rmSync(dir, { recursive: true, force: true }); } };
}

/** Every log fixture the CLI tests run over: the golden seeds, the samples and the CLI's own. */
export const FIXTURE_FOLDERS = ['samples', 'test/golden/seeds', 'test/cli/fixtures/sensitive'] as const;

export interface JsonV1 {
  version: number;
  files: { path: string; format: string; bytes: number; lines: number }[];
  findings: { path: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string; message: string }[];
  evidence: { path: string; ruleId: string; count: number; firstLine: number; lastLine: number }[];
}

export function checkJson(args: readonly string[], cwd?: string): { run: Run; json: JsonV1 } {
  const run = cli(['check', ...args, '--format', 'json'], cwd);
  return { run, json: JSON.parse(run.stdout) as JsonV1 };
}
