// NDES Lens benchmark (issue 7). Generates synthetic logs in a temporary folder, then measures in one
// run: the CLI per format (wall time, CPU time, MB/s, peak RSS) against `grep -c` and lnav on the same
// files (both must find every failure the generator wrote), the language server over stdio
// (didOpen → diagnostics, hover p50/p95, 1 KB append, RSS) with a bare vscode-languageserver in the
// same session as its floor, and the client bundle's require + activate cost with a stubbed
// `vscode`, and a 1 GB folder of 20 logs with --jobs 1 against --jobs 2 (bench/folder.mjs). A machine check before and after shows a run on a slowed host. Prints medians, ratios
// and PASS/MISS per target (it never fails on a target), and writes bench/results.json. A healthy
// simulated NDES server (10,000 enrollments) gives the false alarms per 1,000 requests (target 0).
//
// Usage: node bench/run.mjs [--runs N] [--quick] [--keep]
//   needs `node esbuild.mjs` first (dist/cli.js, dist/server.js, dist/client.js) and `tsc -b` (the
//   .evtx files are written with the tests' EVTX writer, out/test/support/evtx).
//   --quick  sizes ÷ 10, for a smoke test;  --keep  leaves the generated folder in place.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GREP, generateIis, generatePlugin, generateSvclog } from './generate.mjs';
import { watcherCost } from './watch.mjs';
import { generateEvtx } from './evtx.mjs';
import { folderLine, generateFolder, measureFolder } from './folder.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) > 0 && argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const SCALE = argv.includes('--quick') ? 0.1 : 1;
const KEEP = argv.includes('--keep');
const MB = 1e6;
const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');
const CLIENT = join(ROOT, 'dist', 'client.js');
for (const f of [CLI, SERVER]) if (!existsSync(f)) { console.error(`bench: ${f} is missing: run \`node esbuild.mjs\` first`); process.exit(2); }

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const load = () => readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');

/**
 * Runs a command once: wall time, CPU (user + sys), the child's peak RSS and what it printed. With
 * GNU time -v the kernel's numbers; otherwise VmHWM polled from /proc every 10 ms (a lower bound).
 * Its output goes to a pipe, never to /dev/null: GNU grep stops at the first match when it writes
 * to /dev/null, which made its "floor" 0.01 s for 100 MB.
 */
function measureOnce(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const full = TIME ? [TIME, ['-v', cmd, ...args]] : [cmd, args];
    const started = process.hrtime.bigint();
    const child = spawn(full[0], full[1], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const stdout = [];
    child.stdout.on('data', (b) => { stdout.push(b); });
    let stderr = '';
    let hwm = 0;
    const poll = TIME ? undefined : setInterval(() => {
      try { const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8')); if (m) hwm = Math.max(hwm, Number(m[1])); } catch { /* gone */ }
    }, 10);
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      let cpu = NaN;
      let rss = hwm;
      if (TIME) {
        const num = (re) => Number(re.exec(stderr)?.[1] ?? NaN);
        cpu = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
        rss = num(/Maximum resident set size \(kbytes\): (\d+)/);
        const inner = num(/Exit status: (\d+)/);
        if (inner > 1) { reject(new Error(`${cmd} ${args.join(' ')} exited ${inner}: ${stderr.slice(0, 400)}`)); return; }
      } else if (code > 1) { reject(new Error(`${cmd} exited ${code}: ${stderr.slice(0, 400)}`)); return; }
      resolve({ wall, cpu, rssMB: rss / 1024, stdout: Buffer.concat(stdout).toString('utf8') });
    });
  });
}

async function measure(cmd, args, runs = RUNS, env) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measureOnce(cmd, args, env));
  return { wall: median(all.map((r) => r.wall)), cpu: median(all.map((r) => r.cpu)), rssMB: median(all.map((r) => r.rssMB)), runs: all.map((r) => +r.wall.toFixed(3)), stdout: all[all.length - 1]?.stdout ?? '' };
}

// ---------------------------------------------------------------- data
const dir = mkdtempSync(join(tmpdir(), 'ndes-bench-'));
const files = {
  iis: { path: join(dir, 'u_ex240305.log'), size: 200 * MB * SCALE, gen: generateIis, grep: GREP.iis },
  iisSmall: { path: join(dir, 'u_ex240306.log'), size: 50 * MB * SCALE, gen: generateIis, grep: GREP.iis },
  svclog: { path: join(dir, 'CertificateRegistrationPoint_03_05.svclog'), size: 100 * MB * SCALE, gen: generateSvclog, grep: GREP.svclog },
  plugin: { path: join(dir, 'NDESPlugin.log'), size: 20 * MB * SCALE, gen: generatePlugin, grep: GREP.plugin },
};
/**
 * Binary event logs (.evtx) at two sizes: no grep baseline (UTF-16 inside BinXML), throughput and
 * peak RSS only, the larger one at least 50 MB.
 */
const evtxFiles = {
  evtx: { path: join(dir, 'Operational.evtx'), size: 60 * MB * SCALE, gen: generateEvtx },
  evtxSmall: { path: join(dir, 'Admin.evtx'), size: 15 * MB * SCALE, gen: generateEvtx },
};
/** The editor's logs: a 20 MB IIS log and the 20 MB NDESPlugin.log above. */
const editorFiles = {
  iis: { path: join(dir, 'editor', 'u_ex240307.log'), size: 20 * MB * SCALE, gen: generateIis, languageId: 'iis-w3c-log' },
};
mkdirSync(join(dir, 'editor'));
const t0 = Date.now();
for (const f of [...Object.values(files), ...Object.values(evtxFiles), ...Object.values(editorFiles)]) { f.info = f.gen(f.path, f.size); f.bytes = statSync(f.path).size; }
console.log(`bench: generated ${[...Object.values(files), ...Object.values(evtxFiles), ...Object.values(editorFiles)].map((f) => `${(f.bytes / MB).toFixed(0)} MB`).join(', ')} in ${dir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
console.log(`bench: ${cpus().length} CPUs, Node ${process.version}, ${RUNS} runs per measurement, load average ${load()}`);

/**
 * The same fixed JavaScript work, timed in a fresh process before and after the measurements: log
 * lines built, split and turned into objects, as the scanners do. On a shared virtual machine the
 * host's other tenants can halve memory-bound speed for minutes without raising the load average
 * or slowing a pure arithmetic loop; two close figures, close to other runs', say the run's numbers
 * can be compared with theirs.
 */
function calibrate() {
  const script = `const t = performance.now();
    const parts = []; for (let i = 0; i < 3e5; i++) parts.push('2024-03-05 00:00:' + (i % 60) + ' 10.20.30.' + (i % 250) + ' GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACert ' + i);
    const text = parts.join('\\n'); let n = 0;
    for (let r = 0; r < 3; r++) for (const o of text.split('\\n').map((l, i) => ({ l, i, k: l.indexOf('GET') }))) n += o.k;
    process.stdout.write(String(Math.round(performance.now() - t)));`;
  return Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
}

const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, runs: RUNS, scale: SCALE, loadBefore: load(), calibrationBeforeMs: calibrate(), cli: {}, grep: {}, lnav: undefined, lsp: undefined, activation: undefined, targets: [] };

// ---------------------------------------------------------------- CLI, grep, lnav
for (const [name, f] of Object.entries(files)) {
  // Warm the page cache so the first run does not pay for the disk.
  spawnSync('cat', [f.path], { stdio: ['ignore', 'ignore', 'ignore'] });
  const { stdout: json, ...r } = await measure(process.execPath, [CLI, 'check', '--format', 'json', f.path]);
  // What both report is checked against what the generator wrote, so neither time is for less work.
  const failures = JSON.parse(json).findings.filter((x) => x.severity !== 'info').length;
  results.cli[name] = { ...r, mb: f.bytes / MB, mbps: f.bytes / MB / r.wall, cpuMbps: f.bytes / MB / r.cpu, failures, written: f.info.failures };
  const { stdout: counted, ...g } = await measure('grep', [...f.grep.flags, f.grep.pattern, f.path]);
  results.grep[name] = { ...g, mbps: f.bytes / MB / g.wall, count: Number(counted.trim()) };
  if (results.grep[name].count !== f.info.failures) throw new Error(`bench: grep -c counted ${counted.trim()} lines in ${name}, the generator wrote ${f.info.failures} failures: its pattern is wrong`);
  if (failures < f.info.failures) throw new Error(`bench: check reported ${failures} problems in ${name}, the generator wrote ${f.info.failures} failures`);
  console.log(`bench: ${name.padEnd(8)} cli ${r.wall.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s, ${r.rssMB.toFixed(0)} MB)  grep -c ${g.wall.toFixed(2)} s`);
}
for (const [name, f] of Object.entries(evtxFiles)) {
  spawnSync('cat', [f.path], { stdio: ['ignore', 'ignore', 'ignore'] });
  const { stdout: json, ...r } = await measure(process.execPath, [CLI, 'check', '--format', 'json', f.path]);
  const failures = JSON.parse(json).findings.filter((x) => x.severity !== 'info').length;
  if (failures < f.info.failures) throw new Error(`bench: check reported ${failures} problems in ${name}, the generator wrote ${f.info.failures} failures`);
  results.cli[name] = { ...r, mb: f.bytes / MB, mbps: f.bytes / MB / r.wall, cpuMbps: f.bytes / MB / r.cpu, failures, written: f.info.failures };
  const { stdout: xml, ...v } = await measure(process.execPath, [CLI, 'convert', f.path]);
  results.convert ??= {};
  results.convert[name] = { ...v, mb: f.bytes / MB, mbps: f.bytes / MB / v.wall, outMB: Buffer.byteLength(xml) / MB };
  console.log(`bench: ${name.padEnd(8)} cli ${r.wall.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s, ${r.rssMB.toFixed(0)} MB)  convert ${v.wall.toFixed(2)} s (${v.rssMB.toFixed(0)} MB)`);
}
if (has('lnav')) {
  // lnav writes its config into the working directory when HOME does not exist: give it a real one.
  const home = join(dir, 'lnav-home');
  mkdirSync(join(home, '.config'), { recursive: true });
  const l = await measure('lnav', ['-n', '-c', ';SELECT count(*) FROM w3c_log WHERE sc_status >= 400', files.iis.path], RUNS, { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
  results.lnav = { ...l, mbps: files.iis.bytes / MB / l.wall };
  console.log(`bench: lnav     ${l.wall.toFixed(2)} s`);
} else {
  console.log('bench: lnav not installed: skipped (apt-get install -y lnav)');
}
if (has('zip')) {
  // A support bundle holding the 200 MB IIS log: read in place, it should cost what the file costs.
  const bundle = join(dir, 'bundle.zip');
  spawnSync('zip', ['-q', '-j', '-1', bundle, files.iis.path]);
  const { stdout: json, ...r } = await measure(process.execPath, [CLI, 'check', '--format', 'json', bundle]);
  const failures = JSON.parse(json).findings.filter((x) => x.severity !== 'info').length;
  if (failures !== results.cli.iis.failures) throw new Error(`bench: check found ${failures} problems in the bundle, ${results.cli.iis.failures} in the file`);
  results.bundle = { ...r, mb: files.iis.bytes / MB, zipMB: statSync(bundle).size / MB, mbps: files.iis.bytes / MB / r.wall, cpuMbps: files.iis.bytes / MB / r.cpu, failures };
  console.log(`bench: bundle   cli ${r.wall.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s, ${r.rssMB.toFixed(0)} MB), ${results.bundle.zipMB.toFixed(0)} MB zip`);
} else {
  console.log('bench: zip not installed: the bundle row is skipped (apt-get install -y zip)');
}

// ---------------------------------------------------------------- every core: a folder of 20 logs
// Issue 17: 1 GB across 20 logs, --jobs 1 against --jobs 2 in the same run (outputs must be identical).
{
  const folder = join(dir, 'folder');
  const t = Date.now();
  const info = generateFolder(folder, 1000 * MB * SCALE);
  spawnSync('sh', ['-c', `cat ${JSON.stringify(folder)}/*/* > /dev/null`]);
  results.folder = { ...info, generatedS: (Date.now() - t) / 1000, ...await measureFolder(CLI, folder, RUNS) };
  console.log(`bench: ${folderLine(results.folder)}`);
  rmSync(folder, { recursive: true, force: true });
}

// ---------------------------------------------------------------- trust: a healthy simulated server
// Issue 16: the simulator (test/support/simulate, built by tsc -b) writes a whole healthy evidence
// folder; every error, warning or flow gap found in it is a false alarm.
const SIMULATOR = join(ROOT, 'out', 'test', 'support', 'simulate', 'index.js');
const ENROLLMENTS = Math.round(10_000 * SCALE);
if (existsSync(SIMULATOR)) {
  const { simulate, writeSimulation } = createRequire(import.meta.url)(SIMULATOR);
  const simDir = join(dir, 'healthy');
  const sim = simulate({ seed: 16, enrollments: ENROLLMENTS });
  writeSimulation(simDir, sim);
  const checked = await measureOnce(process.execPath, [CLI, 'check', '--format', 'json', simDir]);
  const diagnosed = await measureOnce(process.execPath, [CLI, 'diagnose', '--format', 'json', simDir]);
  const alarms = JSON.parse(checked.stdout).findings.filter((x) => x.severity === 'error' || x.severity === 'warning');
  const gaps = JSON.parse(diagnosed.stdout).gaps.filter((g) => g.kind === 'missing-success');
  const byRule = {};
  for (const x of [...alarms, ...gaps]) byRule[x.ruleId ?? 'gap'] = (byRule[x.ruleId ?? 'gap'] ?? 0) + 1;
  const perThousand = ((alarms.length + gaps.length) / sim.requests) * 1000;
  results.trust = { enrollments: ENROLLMENTS, requests: sim.requests, errors: alarms.filter((x) => x.severity === 'error').length, warnings: alarms.filter((x) => x.severity === 'warning').length, gaps: gaps.length, perThousand, byRule, checkWall: checked.wall, diagnoseWall: diagnosed.wall };
  console.log(`bench: healthy  ${ENROLLMENTS} simulated enrollments, ${sim.requests} IIS requests: ${results.trust.errors} errors, ${results.trust.warnings} warnings, ${gaps.length} flow gaps = ${perThousand.toFixed(1)} false alarms per 1,000 requests (check ${checked.wall.toFixed(2)} s, diagnose ${diagnosed.wall.toFixed(2)} s)`);
} else {
  console.log(`bench: healthy  simulator not built (${SIMULATOR}): run \`npx tsc -b\` (npm run bench does)`);
}

// ---------------------------------------------------------------- language server over stdio
/**
 * One editor session against a server: RUNS opens of a 20 MB log, 200 hovers, RUNS appends of about
 * 1 KB of whole lines (`chunk`) at the document's end.
 */
async function lsp(server, log) {
  const require = createRequire(join(ROOT, 'package.json'));
  const rpc = require('vscode-jsonrpc/node');
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
  child.stderr.resume();
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiters]) if (w.uri === p.uri && p.version === w.version) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  for (const n of ['$/progress', 'ndesLens/flowChanged', 'window/logMessage', 'ndesLens/formatDetected']) conn.onNotification(n, () => undefined);
  conn.listen();
  const next = (uri, version) => new Promise((resolve) => { waiters.push({ uri, version, resolve }); });
  const hwm = () => { const s = readFileSync(`/proc/${child.pid}/status`, 'utf8'); return { hwm: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1]) / 1024, rss: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1]) / 1024 }; };
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } } },
    });
    await conn.sendNotification('initialized', {});
    const idle = hwm();
    const text = readFileSync(log.path, 'utf8');
    const lines = text.split(/\r\n|\r|\n/);
    const opens = [];
    let uri = '';
    let published;
    let firstOpen;
    // Open it RUNS times under fresh URIs (the server caches by URI and version); keep the last open.
    for (let i = 0; i < RUNS; i++) {
      if (uri) await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      uri = pathToFileURL(join(dir, `open-${i}`, basename(log.path))).toString();
      const done = next(uri, 1);
      const s = performance.now();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: log.languageId, version: 1, text } });
      published = await done;
      opens.push(performance.now() - s);
      firstOpen ??= hwm();
    }
    const hovers = [];
    let hits = 0;
    for (let i = 0; i < 200; i++) {
      const line = Math.floor((i * (lines.length - 1)) / 200);
      const s = performance.now();
      const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 12 } });
      hovers.push(performance.now() - s);
      if (h) hits++;
    }
    // A log writer appends whole lines at the document's current end each time, as an incremental
    // change (what VS Code sends for a file growing on disk).
    const appends = [];
    let version = 1;
    let endLine = lines.length - 1;
    let endChar = (lines[endLine] ?? '').length;
    const chunk = log.chunk(text);
    const chunkLines = chunk.split(/\r\n|\r|\n/).length - 1;
    for (let i = 0; i < RUNS; i++) {
      version++;
      const done = next(uri, version);
      const s = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: endLine, character: endChar }, end: { line: endLine, character: endChar } }, text: chunk }],
      });
      await done;
      appends.push(performance.now() - s);
      endLine += chunkLines;
      endChar = 0;
    }
    const mem = hwm();
    return {
      fileMB: statSync(log.path).size / MB, chunkBytes: Buffer.byteLength(chunk), diagnostics: published.diagnostics.length,
      openMs: median(opens), openRuns: opens.map((x) => +x.toFixed(1)),
      hoverP50: pct(hovers, 50), hoverP95: pct(hovers, 95), hoverHits: hits,
      appendMs: median(appends), appendRuns: appends.map((x) => +x.toFixed(1)),
      idleMB: idle.hwm, firstOpenMB: firstOpen?.hwm ?? NaN, rssMB: mem.rss, hwmMB: mem.hwm,
    };
  } finally {
    try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* already gone */ }
    conn.dispose();
    child.kill();
  }
}
/** What each editor session opens, and the about 1 KB of whole lines appended to it each time. */
const editorLogs = {
  // 7 plugin lines (1,064 bytes), one failure each.
  plugin: { path: files.plugin.path, languageId: 'ndesplugin-log', chunk: () => '<![LOG[Verify challenge returns false]LOG]!><time="23:59:59.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="1" file="">\r\n'.repeat(7) },
  // The log's own last lines again, as many as make 1 KB: healthy requests.
  iis: { path: editorFiles.iis.path, languageId: 'iis-w3c-log', chunk: (text) => { const end = text.lastIndexOf('\n', text.length - 2); let from = end; while (from > 0 && end - from < 1024) from = text.lastIndexOf('\n', from - 1); return text.slice(from + 1, end + 1); } },
};
results.lsp = {};
results.lspFloor = {};
for (const [name, log] of Object.entries(editorLogs)) {
  try {
    const l = results.lsp[name] = await lsp(SERVER, log);
    console.log(`bench: lsp ${name.padEnd(6)} didOpen→diagnostics ${l.openMs.toFixed(0)} ms, hover p95 ${l.hoverP95.toFixed(1)} ms, append ${l.appendMs.toFixed(0)} ms, VmHWM ${l.hwmMB.toFixed(0)} MB`);
  } catch (e) {
    console.log(`bench: lsp ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const f = results.lspFloor[name] = await lsp(join(ROOT, 'bench', 'bare-server.cjs'), log);
    console.log(`bench: floor ${name.padEnd(4)} vscode-languageserver holding the same document, no analysis: didOpen ${f.openMs.toFixed(0)} ms, VmHWM ${f.hwmMB.toFixed(0)} MB`);
  } catch (e) {
    console.log(`bench: lsp floor failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// ---------------------------------------------------------------- the watcher on a growing log
try {
  const w = await watcherCost({ cli: CLI, source: files.iis.path, dir, seconds: SCALE < 1 ? 5 : 20, rate: 1 * MB, grep: GREP.iis });
  results.watch = w;
  console.log(`bench: watch    ${w.rateMBps} MB/s for ${w.seconds} s: CPU ${(w.cpuShare * 100).toFixed(1)}% of one core, VmHWM ${w.rssMB.toFixed(0)} MB`);
} catch (e) {
  console.log(`bench: watch failed: ${e instanceof Error ? e.message : String(e)}`);
}

// ---------------------------------------------------------------- client activation (stubbed vscode)
function activation() {
  if (!existsSync(CLIENT)) return { measured: false, reason: 'dist/client.js missing' };
  const script = `
    const Module = require('module');
    const stub = (path) => new Proxy(function () {}, {
      get: (_t, k) => k === 'then' ? undefined : k === Symbol.toPrimitive ? () => path : k === 'length' ? 0 : stub(path + '.' + String(k)),
      apply: () => stub(path + '()'),
      construct: () => stub('new ' + path),
      set: () => true, // activate() sets properties on what the API returns (a status bar item's name …)
    });
    // esbuild's __toESM copies the module's own properties, so the stub has the real API's keys: the
    // top-level names of @types/vscode (one tab deep in its module declaration), each a recording stub.
    const types = require('fs').readFileSync(${JSON.stringify(join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'))}, 'utf8');
    const names = [...new Set([...types.matchAll(/^\\texport (?:declare )?(?:class|function|namespace|enum|const|let|var) ([A-Za-z_$][\\w$]*)/gm)].map((m) => m[1]))];
    const made = {};
    const get = (k) => (k === 'then' || k === '__esModule' ? undefined : (made[k] ??= stub('vscode.' + String(k))));
    const api = new Proxy({}, {
      get: (_t, k) => get(k),
      ownKeys: () => names,
      getOwnPropertyDescriptor: (_t, k) => ({ configurable: true, enumerable: true, writable: true, value: get(k) }),
    });
    const load = Module._load;
    Module._load = function (req, ...rest) { return req === 'vscode' ? api : load.call(this, req, ...rest); };
    const t0 = performance.now();
    const ext = require(${JSON.stringify(CLIENT)});
    const t1 = performance.now();
    let activated = false, error = '';
    const ctx = { subscriptions: [], extensionPath: ${JSON.stringify(ROOT)}, extensionUri: stub('uri'), asAbsolutePath: (p) => require('path').join(${JSON.stringify(ROOT)}, p), globalState: stub('gs'), workspaceState: stub('ws'), extensionMode: 1, logUri: stub('log'), storageUri: undefined, globalStorageUri: stub('gsu') };
    try { const r = ext.activate(ctx); activated = true; if (r && typeof r.catch === 'function') r.catch(() => {}); } catch (e) { error = String(e && e.message || e).slice(0, 200); }
    const t2 = performance.now();
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, activated, error }));
    setTimeout(() => process.exit(0), 50);
  `;
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10000 });
    try { runs.push(JSON.parse(r.stdout)); } catch { return { measured: false, reason: `stub run failed: ${(r.stderr || r.stdout).slice(0, 200)}` }; }
  }
  const last = runs[runs.length - 1];
  return { measured: true, requireMs: median(runs.map((r) => r.requireMs)), activateMs: last.activated ? median(runs.map((r) => r.activateMs)) : undefined, activated: last.activated, error: last.error || undefined, note: 'vscode replaced by a recording stub with the API\'s top-level names; activate() returns before the language client is loaded and started' };
}
results.activation = activation();

// ---------------------------------------------------------------- report
results.loadAfter = load();
results.calibrationAfterMs = calibrate();
const c = results.cli;
const g = results.grep;
const target = (name, ok, value, goal) => { results.targets.push({ name, status: ok === undefined ? 'SKIP' : ok ? 'PASS' : 'MISS', value, goal }); };
target('IIS end to end ≥ 500 MB/s', c.iis.mbps >= 500, `${c.iis.mbps.toFixed(1)} MB/s`, '500 MB/s');
target('IIS within 2× of grep -c', c.iis.wall <= 2 * g.iis.wall, `${(c.iis.wall / g.iis.wall).toFixed(1)}× grep`, '≤ 2×');
target('IIS ≥ 5× faster than lnav', results.lnav ? results.lnav.wall / c.iis.wall >= 5 : undefined, results.lnav ? `${(results.lnav.wall / c.iis.wall).toFixed(2)}× faster` : 'lnav not installed', '≥ 5×');
target('svclog ≥ 300 MB/s', c.svclog.mbps >= 300, `${c.svclog.mbps.toFixed(1)} MB/s`, '300 MB/s');
target('NDESPlugin ≥ 300 MB/s', c.plugin.mbps >= 300, `${c.plugin.mbps.toFixed(1)} MB/s`, '300 MB/s');
const rssRatio = c.iis.rssMB / c.iisSmall.rssMB;
target('CLI peak RSS independent of size (200 MB vs 50 MB IIS ≤ 1.2×)', rssRatio <= 1.2, `${c.iisSmall.rssMB.toFixed(0)} → ${c.iis.rssMB.toFixed(0)} MB (${rssRatio.toFixed(2)}×)`, '≤ 1.2×');
const bz = results.bundle;
target('bundle.zip of the 200 MB IIS log: RSS ≤ 1.2× the file\'s', bz ? bz.rssMB <= 1.2 * c.iis.rssMB : undefined, bz ? `${bz.rssMB.toFixed(0)} MB (file ${c.iis.rssMB.toFixed(0)} MB)` : 'zip not installed', '≤ 1.2×');
target('bundle.zip of the 200 MB IIS log: time ≤ 1.2× the file\'s', bz ? bz.wall <= 1.2 * c.iis.wall : undefined, bz ? `${bz.wall.toFixed(2)} s (file ${c.iis.wall.toFixed(2)} s)` : 'zip not installed', '≤ 1.2×');
target('.evtx end to end ≥ 50 MB/s', c.evtx.mbps >= 50, `${c.evtx.mbps.toFixed(1)} MB/s (convert alone ${results.convert.evtx.mbps.toFixed(1)} MB/s)`, '50 MB/s');
const evtxRatio = c.evtx.rssMB / c.evtxSmall.rssMB;
target(`.evtx peak RSS independent of size (${c.evtx.mb.toFixed(0)} vs ${c.evtxSmall.mb.toFixed(0)} MB ≤ 1.2×)`, evtxRatio <= 1.2, `${c.evtxSmall.rssMB.toFixed(0)} → ${c.evtx.rssMB.toFixed(0)} MB (${evtxRatio.toFixed(2)}×)`, '≤ 1.2×');
for (const [name, label] of [['iis', 'IIS'], ['plugin', 'NDESPlugin.log']]) {
  const l = results.lsp[name];
  const f = results.lspFloor[name];
  const both = l && f;
  target(`editor, 20 MB ${label}: didOpen → diagnostics ≤ 1.3× the bare server`, both ? l.openMs <= 1.3 * f.openMs : undefined, both ? `${l.openMs.toFixed(0)} vs ${f.openMs.toFixed(0)} ms (${(l.openMs / f.openMs).toFixed(2)}×)` : 'not measured', '≤ 1.3×');
  target(`editor, 20 MB ${label}: hover p95 ≤ 10 ms`, l ? l.hoverP95 <= 10 : undefined, l ? `${l.hoverP95.toFixed(1)} ms (p50 ${l.hoverP50.toFixed(1)})` : 'not measured', '10 ms');
  target(`editor, 20 MB ${label}: 1 KB append → diagnostics ≤ 20 ms`, l ? l.appendMs <= 20 : undefined, l ? `${l.appendMs.toFixed(0)} ms` : 'not measured', '20 ms');
  target(`editor, 20 MB ${label}: session peak RSS ≤ the bare server's + 60 MB`, both ? l.hwmMB <= f.hwmMB + 60 : undefined, both ? `${l.hwmMB.toFixed(0)} vs ${f.hwmMB.toFixed(0)} MB (+${(l.hwmMB - f.hwmMB).toFixed(0)})` : 'not measured', '+60 MB');
}
const a0 = results.activation;
target('extension activation (require + activate) ≤ 30 ms', a0.measured && a0.activated ? a0.requireMs + a0.activateMs <= 30 : undefined, a0.measured && a0.activated ? `${(a0.requireMs + a0.activateMs).toFixed(0)} ms` : 'not measured', '30 ms');

const fo = results.folder;
target(`folder of ${(fo.bytes / MB).toFixed(0)} MB across ${fo.files} logs: --jobs 2 ≥ 1.6× faster than --jobs 1`, fo.speedup >= 1.6, `${fo.speedup.toFixed(2)}× (${fo.jobs1.wall.toFixed(2)} s → ${fo.jobs2.wall.toFixed(2)} s)`, '≥ 1.6×');

const tr = results.trust;
target('healthy simulated server: false alarms per 1,000 requests = 0', tr ? tr.perThousand === 0 : undefined, tr ? `${tr.perThousand.toFixed(1)} per 1,000 (${tr.errors} errors, ${tr.warnings} warnings, ${tr.gaps} gaps in ${tr.requests} requests)` : 'not measured', '0');
const w = results.watch;
target('watcher on a log growing 1 MB/s ≤ 10% of one core', w ? w.cpuShare <= 0.1 : undefined, w ? `${(w.cpuShare * 100).toFixed(1)}%` : 'not measured', '10%');
target('watcher peak RSS ≤ 100 MB', w ? w.rssMB <= 100 : undefined, w ? `${w.rssMB.toFixed(0)} MB` : 'not measured', '100 MB');

const row = (cols) => cols.map((x, i) => String(x).padEnd([34, 9, 10, 9, 11, 9][i] ?? 10)).join(' ');
console.log('');
console.log(`NDES Lens benchmark, ${results.date}, load average before ${results.loadBefore}, after ${results.loadAfter}, medians of ${RUNS}`);
console.log(`machine check (fixed string and object work, fresh process): ${results.calibrationBeforeMs} ms before, ${results.calibrationAfterMs} ms after`);
console.log(row(['measurement', 'MB', 'wall s', 'MB/s', 'CPU MB/s', 'RSS MB']));
for (const [name, r] of Object.entries(c)) console.log(row([`ndes-lens check --format json (${name})`, r.mb.toFixed(0), r.wall.toFixed(2), r.mbps.toFixed(1), r.cpuMbps.toFixed(1), r.rssMB.toFixed(0)]));
for (const [name, r] of Object.entries(results.convert)) console.log(row([`ndes-lens convert (${name})`, r.mb.toFixed(0), r.wall.toFixed(2), r.mbps.toFixed(1), (r.mb / r.cpu).toFixed(1), r.rssMB.toFixed(0)]));
for (const [name, r] of Object.entries(g)) console.log(row([`grep -c (${name})`, (files[name].bytes / MB).toFixed(0), r.wall.toFixed(2), r.mbps.toFixed(1), (files[name].bytes / MB / r.cpu).toFixed(1), r.rssMB.toFixed(0)]));
if (bz) console.log(row(['ndes-lens check --format json (bundle.zip of iis)', bz.mb.toFixed(0), bz.wall.toFixed(2), bz.mbps.toFixed(1), bz.cpuMbps.toFixed(1), bz.rssMB.toFixed(0)]));
if (results.lnav) console.log(row(['lnav -n -c count(sc_status>=400) (iis)', (files.iis.bytes / MB).toFixed(0), results.lnav.wall.toFixed(2), results.lnav.mbps.toFixed(1), (files.iis.bytes / MB / results.lnav.cpu).toFixed(1), results.lnav.rssMB.toFixed(0)]));
console.log(`failures found: ${Object.entries(c).map(([name, r]) => `${name} ${r.failures} by check, ${g[name] ? `${g[name].count} lines by grep -c` : 'no grep baseline'} (written ${r.written})`).join('; ')}`);
console.log(`ratios: IIS cli/grep ${(c.iis.wall / g.iis.wall).toFixed(1)}×, svclog cli/grep ${(c.svclog.wall / g.svclog.wall).toFixed(1)}×, NDESPlugin cli/grep ${(c.plugin.wall / g.plugin.wall).toFixed(1)}×${results.lnav ? `, lnav/cli (IIS) ${(results.lnav.wall / c.iis.wall).toFixed(2)}×` : ''}`);
for (const [name, l] of Object.entries(results.lsp)) {
  console.log(`lsp (${l.fileMB.toFixed(0)} MB ${basename(editorLogs[name].path)}, ${l.diagnostics} diagnostics): didOpen→diagnostics ${l.openMs.toFixed(0)} ms [${l.openRuns.join(', ')}], hover p50 ${l.hoverP50.toFixed(1)} / p95 ${l.hoverP95.toFixed(1)} ms (${l.hoverHits}/200 with content), ${l.chunkBytes}-byte append→diagnostics ${l.appendMs.toFixed(0)} ms [${l.appendRuns.join(', ')}], RSS ${l.rssMB.toFixed(0)} MB, VmHWM ${l.hwmMB.toFixed(0)} MB (idle ${l.idleMB.toFixed(0)} MB)`);
  const f = results.lspFloor[name];
  if (!f) continue;
  console.log('  against the transport floor (bench/bare-server.cjs: vscode-languageserver holding the same document, no analysis):');
  console.log(`  didOpen→diagnostics ${l.openMs.toFixed(0)} vs ${f.openMs.toFixed(0)} ms [${f.openRuns.join(', ')}], so analysing the log took about ${(l.openMs - f.openMs).toFixed(0)} ms`);
  console.log(`  RSS idle ${l.idleMB.toFixed(0)} vs ${f.idleMB.toFixed(0)} MB, after the first open ${l.firstOpenMB.toFixed(0)} vs ${f.firstOpenMB.toFixed(0)} MB (${(l.firstOpenMB / f.firstOpenMB).toFixed(2)}×), session peak ${l.hwmMB.toFixed(0)} vs ${f.hwmMB.toFixed(0)} MB (+${(l.hwmMB - f.hwmMB).toFixed(0)} MB)`);
}
if (w) console.log(`watch (IIS log growing ${w.rateMBps} MB/s for ${w.seconds} s, ${w.writtenMB.toFixed(1)} MB, --interval 1): CPU ${w.cpu.toFixed(2)} s over ${w.wall.toFixed(1)} s = ${(w.cpuShare * 100).toFixed(1)}% of one core, VmHWM ${w.rssMB.toFixed(0)} MB, ${(w.lagBytes / MB).toFixed(2)} MB behind when the writer stopped, caught up in ${w.catchUpMs} ms, ${w.findings} findings for ${w.expected} failing lines`);
const a = results.activation;
console.log(a.measured ? `client: require ${a.requireMs.toFixed(0)} ms, activate ${a.activateMs === undefined ? `not completed (${a.error})` : `${a.activateMs.toFixed(0)} ms`} (${a.note})` : `client activation: not measured (${a.reason})`);
console.log(folderLine(fo));
if (tr) console.log(`false alarms per 1,000 requests (healthy simulated server, ${tr.enrollments} enrollments, ${tr.requests} requests): ${tr.perThousand.toFixed(1)}${Object.keys(tr.byRule).length ? ` — ${Object.entries(tr.byRule).map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}`);
console.log('');
for (const t of results.targets) console.log(`${t.status.padEnd(4)}  ${t.name}: ${t.value}`);
writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nbench: wrote bench/results.json${KEEP ? `; data kept in ${dir}` : ''}`);
if (!KEEP) rmSync(dir, { recursive: true, force: true });
