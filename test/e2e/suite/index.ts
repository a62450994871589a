// Entry point of the extension-host e2e suite: the `run()` contract of @vscode/test-electron's
// extensionTestsPath, used unchanged by code-server (test/e2e/run.mjs) and desktop VS Code
// (test/e2e/desktop.mjs).
//
// Results are reported three ways: mocha's spec reporter on the extension host console (streamed
// to the runner by the workbench), one `NDES_E2E_RESULT {json}` console line per test, and, when
// NDES_E2E_RESULTS names a file, a JSON array of all results written at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface E2eResult {
  readonly title: string;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly error?: string;
}

export const RESULT_PREFIX = 'NDES_E2E_RESULT ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const results: E2eResult[] = [];
  const report = (r: E2eResult): void => {
    results.push(r);
    console.log(RESULT_PREFIX + JSON.stringify(r));
  };

  return new Promise<void>((resolve, reject) => {
    const { EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;
    const runner = mocha.run((failures) => {
      const file = process.env['NDES_E2E_RESULTS'];
      if (file) {
        try {
          fs.writeFileSync(file, JSON.stringify(results, null, 2));
        } catch (e) {
          console.error(`could not write ${file}: ${String(e)}`);
        }
      }
      if (files.length === 0) reject(new Error(`no *.test.js files next to ${__filename}`));
      else if (failures > 0) reject(new Error(`${failures} of ${results.length} extension-host tests failed`));
      else resolve();
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      report({ title: test.fullTitle(), ok: true, durationMs: test.duration ?? 0 });
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Runnable, err: unknown) => {
      const error = err instanceof Error ? err.message : String(err);
      report({ title: test.fullTitle(), ok: false, durationMs: test.duration ?? 0, error });
    });
  });
}
