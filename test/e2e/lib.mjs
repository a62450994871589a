// @ts-check
// Shared by test/e2e/run.mjs (code-server + Chromium) and test/e2e/desktop.mjs (@vscode/test-electron).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const SUITE_INDEX = path.join(ROOT, 'out/test/e2e/suite/index.js');
export const RESULT_PREFIX = 'NDES_E2E_RESULT ';

/** User settings for a quiet, deterministic workbench. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'files.simpleDialog.enable': true,
};

/**
 * Fills `dest` with a copy of samples/ and, with `fixtures`, the extra files of test/e2e/fixtures/
 * (its README.md stays behind so that samples/README.md is the one in the workspace).
 * @param {string} dest
 * @param {{ fixtures: boolean }} options
 */
export function prepareWorkspace(dest, { fixtures }) {
  fs.mkdirSync(dest, { recursive: true });
  fs.cpSync(path.join(ROOT, 'samples'), dest, { recursive: true });
  if (!fixtures) return;
  const dir = path.join(ROOT, 'test/e2e/fixtures');
  for (const name of fs.readdirSync(dir)) {
    if (name !== 'README.md') fs.cpSync(path.join(dir, name), path.join(dest, name), { recursive: true });
  }
}

/** @param {string} userDataDir */
export function writeUserSettings(userDataDir) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
}

/**
 * Runs a command in the repository, output passed through; returns true when it exits with 0.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
export function runStep(command, args, env = process.env) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env });
  return r.status === 0;
}

/** Compiles the TypeScript projects (the suite lands in out/test/e2e/suite/). */
export function compile() {
  return runStep(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b']);
}

/**
 * @typedef {{ title: string, ok: boolean, durationMs?: number, error?: string }} E2eResult
 */

/**
 * Reads the JSON results the suite writes when NDES_E2E_RESULTS is set.
 * @param {string} file
 * @returns {E2eResult[] | undefined}
 */
export function readResults(file) {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Prints the failures and the closing `N passed, N failed` line; returns the process exit code.
 * @param {E2eResult[]} results
 */
export function summarize(results) {
  const failed = results.filter((r) => !r.ok);
  const passed = results.length - failed.length;
  if (failed.length) {
    console.log(`\nFailures:`);
    for (const f of failed) console.log(`  ✗ ${f.title}${f.error ? `\n      ${f.error.split('\n').join('\n      ')}` : ''}`);
  }
  console.log(`\n${passed} passed, ${failed.length} failed`);
  return failed.length > 0 || results.length === 0 ? 1 : 0;
}
