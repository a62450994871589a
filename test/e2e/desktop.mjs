// @ts-check
// The same extension-host suite as phase 1 of test/e2e/run.mjs, in desktop VS Code (Electron) through
// @vscode/test-electron. Needs a VS Code build: VSCODE_EXECUTABLE_PATH (path to the `code` binary)
// when set, otherwise @vscode/test-electron downloads one (VSCODE_VERSION, default `stable`) into
// .vscode-test/. On a Linux machine without a display run it under `xvfb-run -a`.
//
// `npm run test:e2e:desktop` compiles first (tsc -b); this script builds dist/ (npm run build) when
// dist/client.js is missing, loads the extension from the repository (extensionDevelopmentPath) and
// closes with exactly `N passed, N failed`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, RESULTS_DIR, SUITE_INDEX, prepareWorkspace, readResults, runStep, summarize, writeUserSettings } from './lib.mjs';

/** @type {import('./lib.mjs').E2eResult[]} */
const results = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ndes-lens-desktop-'));
const workspace = path.join(tmp, 'ws');
const userData = path.join(tmp, 'user-data');
const extensions = path.join(tmp, 'extensions');
const resultsFile = path.join(RESULTS_DIR, 'desktop-results.json');

try {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  if (!fs.existsSync(path.join(ROOT, 'dist/client.js')) && !runStep('npm', ['run', '--silent', 'build'])) throw new Error('`npm run build` failed');
  if (!fs.existsSync(SUITE_INDEX)) throw new Error(`${path.relative(ROOT, SUITE_INDEX)} is missing: run \`tsc -b\` first`);
  prepareWorkspace(workspace, { fixtures: true });
  writeUserSettings(userData);
  fs.mkdirSync(extensions, { recursive: true });

  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  /** @type {Parameters<typeof runTests>[0]} */
  const options = {
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: SUITE_INDEX,
    extensionTestsEnv: { NDES_E2E_RESULTS: resultsFile },
    launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-workspace-trust',
      '--skip-welcome', '--skip-release-notes', '--disable-telemetry', '--disable-gpu', '--no-sandbox'],
  };
  if (executable) options.vscodeExecutablePath = executable;
  else options.version = process.env.VSCODE_VERSION ?? 'stable';
  console.log(`[desktop] VS Code: ${executable ?? `download ${options.version}`}`);

  let exitCode = 0;
  let launchError = '';
  try {
    exitCode = await runTests(options);
  } catch (e) {
    // runTests rejects when VS Code exits non-zero (test failures) or cannot be downloaded or started.
    exitCode = -1;
    launchError = e instanceof Error ? e.message : String(e);
    console.error(`[desktop] ${launchError}`);
  }
  const fromSuite = readResults(resultsFile) ?? [];
  for (const r of fromSuite) results.push({ ...r, title: `extension host (desktop): ${r.title}` });
  if (fromSuite.length === 0) {
    const why = launchError ? `VS Code did not run the suite: ${launchError}` : `no results from the suite (exit ${exitCode})`;
    results.push({ title: 'extension host (desktop): the suite runs', ok: false, error: why });
  }
  else if (exitCode !== 0 && fromSuite.every((r) => r.ok)) results.push({ title: 'extension host (desktop): VS Code exits with 0', ok: false, error: `exit ${exitCode}` });
} catch (e) {
  results.push({ title: 'desktop e2e harness', ok: false, error: e instanceof Error ? e.message : String(e) });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
process.exit(summarize(results));
