import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { analyseFile, type AnalysedFile } from '../../server/src/node/analyse';
import { createAnalyser } from '../../server/src/node/analysers';
import { sampleEvent } from '../support/evtx/events';
import { writeEvtx } from '../support/evtx/writer';
import { simulate, writeSimulation } from '../support/simulate';
import { folderEntries, zipBytes } from '../support/zip';
import { REPO_ROOT } from '../support/paths';
import { cli, FIXTURE_FOLDERS, tempDir } from './run';

/**
 * Issue 17 part 3: files analysed on worker threads (--jobs 2) print byte for byte what one thread
 * prints (--jobs 1), in every output format, on the fixtures and on simulated NDES servers.
 */

const FOLDERS = [...FIXTURE_FOLDERS, 'test/golden/formats'];

/** stdout, stderr and exit code of the same command with --jobs 1 and --jobs 2 must be the same. */
function same(args: readonly string[], status: readonly number[] = [0, 1]): string {
  const one = cli([...args, '--jobs', '1']);
  const two = cli([...args, '--jobs', '2']);
  assert.ok(status.includes(one.status ?? -1), `${args.join(' ')}: ${one.stderr}`);
  assert.equal(two.stdout, one.stdout, `${args.join(' ')}: stdout`);
  assert.equal(two.stderr, one.stderr, `${args.join(' ')}: stderr`);
  assert.equal(two.status, one.status, `${args.join(' ')}: exit code`);
  return one.stdout;
}

test('check: every format is the same with one thread and with two, over every fixture folder at once', () => {
  for (const format of ['text', 'json', 'sarif', 'jsonl']) {
    const out = same(['check', ...FOLDERS, '--format', format]);
    assert.ok(out.length > 1000, format);
  }
  same(['check', ...FOLDERS, '--format', 'jsonl', '--min-severity', 'warning']);
});

test('diagnose: the flow is the same with one thread and with two, per fixture folder', () => {
  for (const folder of FOLDERS) same(['diagnose', folder, '--format', 'json']);
});

test('a simulated NDES server with failures injected: check, diagnose and report are the same', () => {
  const { dir, done } = tempDir();
  try {
    const sim = simulate({ seed: 17, enrollments: 400, inject: [{ scenario: 'cn-invalid', at: 40 }, { scenario: 'intermediate-in-root', at: 200 }, { scenario: 'signing-cert-missing', at: 330 }] });
    const folder = join(dir, 'ndes01');
    writeSimulation(folder, sim);
    for (const format of ['text', 'json', 'sarif', 'jsonl']) same(['check', folder, '--format', format]);
    assert.match(same(['diagnose', folder]), /stage/i);
    same(['diagnose', folder, '--format', 'json']);
    for (const extra of [[], ['--no-redact']]) {
      for (const ext of ['md', 'html']) {
        const out1 = join(dir, `one.${ext}`);
        const out2 = join(dir, `two.${ext}`);
        const one = cli(['report', folder, '--out', out1, '--jobs', '1', ...extra]);
        const two = cli(['report', folder, '--out', out2, '--jobs', '2', ...extra]);
        assert.equal(two.status, one.status, two.stderr);
        assert.equal(readFileSync(out2, 'utf8'), readFileSync(out1, 'utf8'), `report ${ext} ${extra.join(' ')}`);
      }
    }
  } finally {
    done();
  }
});

test('a missing path and zip bundles (one damaged) beside folders: the same findings and problems, in the same order', () => {
  const { dir, done } = tempDir();
  try {
    const bundle = join(dir, 'bundle.zip');
    writeFileSync(bundle, zipBytes([
      ...folderEntries('samples'),
      { name: 'notes/readme.bin', data: Buffer.from([0, 1, 2, 3]) },
      { name: 'logs/lying.log', data: 'GET /certsrv/mscep/mscep.dll 500 0 0\n', claimedSize: 3 },
    ]));
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, 'PK not really a zip');
    const out = same(['check', 'samples', bundle, 'no/such/folder', damaged, 'test/golden/seeds', '--format', 'json'], [2]);
    assert.match(out, /bundle\.zip!logs\/lying\.log/);
    same(['diagnose', bundle, '--format', 'json']);
  } finally {
    done();
  }
});

/** Event logs with every event rule's samples, in several chunks, whole, with a record's signature lost and cut short. */
function eventLogs(dir: string): string[] {
  const events = CATALOGUE.filter((s) => s.formats.includes('windows-event-log')).flatMap((s) => s.samples.positive.map((p) => sampleEvent(s.id, p)));
  const whole = writeEvtx([...events, ...events, ...events, ...events]);
  const damaged = Uint8Array.from(whole);
  damaged.fill(0x58, 0x1000 + 0x200, 0x1000 + 0x204);
  const files: [string, Uint8Array][] = [['whole.evtx', whole], ['damaged.evtx', damaged], ['cut.evtx', whole.subarray(0, 0x1000 + 0x10000 + 0x3000)]];
  return files.map(([name, bytes]) => { const path = join(dir, name); writeFileSync(path, bytes); return path; });
}

test('a single .evtx is rendered on a thread of its own with --jobs 2: the same output, damage notes included', () => {
  const { dir, done } = tempDir();
  try {
    for (const path of eventLogs(dir)) {
      for (const format of ['text', 'json', 'sarif', 'jsonl']) same(['check', path, '--format', format]);
      same(['diagnose', path, '--format', 'json']);
      // Two threads ran: Node writes one CPU profile per thread.
      const profiles = join(dir, `profiles-${readdirSync(dir).length}`);
      const run = cli(['check', path, '--jobs', '2'], REPO_ROOT, ['--cpu-prof', '--cpu-prof-dir', profiles]);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      assert.equal(readdirSync(profiles).length, 2, `${path}: the events were not rendered aside`);
    }
  } finally {
    done();
  }
});

test('analyseFile: an .evtx rendered aside gives the findings, lines and evidence of one rendered here', async () => {
  const { dir, done } = tempDir();
  try {
    for (const path of eventLogs(dir)) {
      const here = await analyseFile(path, { foldEvidence: true });
      const aside = await analyseFile(path, { foldEvidence: true, renderAside: true });
      assert.deepEqual(aside.findings, here.findings, path);
      assert.deepEqual(aside.evidence, here.evidence, path);
      assert.equal(aside.bytes, here.bytes);
      assert.deepEqual(aside.lines.positionAt(Number.MAX_SAFE_INTEGER), here.lines.positionAt(Number.MAX_SAFE_INTEGER));
      assert.ok(here.findings.some((f) => f.ruleId.startsWith('CC-EVT-')), path);
    }
    await assert.rejects(analyseFile(join(dir, 'missing.evtx'), { renderAside: true }), /ENOENT/);
  } finally {
    done();
  }
});

test('analyseFile: a named pipe asked to be rendered aside is read once, as one thread reads it', { skip: process.platform === 'win32' }, async () => {
  // `check <(cat u_ex.log)` with --jobs 2: sniffing the pipe for an .evtx must not seek it or take its first bytes.
  const { dir, done } = tempDir();
  try {
    const text = readFileSync(join(REPO_ROOT, 'test/flow/scenarios/signing-cert/u_ex240305.log'), 'utf8');
    const plain = join(dir, 'u_ex240305.log');
    writeFileSync(plain, text);
    const here = await analyseFile(plain, { foldEvidence: true });
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.on('error', () => undefined);
    writer.end(text);
    const aside = await analyseFile(fifo, { foldEvidence: true, renderAside: true, fileName: 'u_ex240305.log' });
    assert.deepEqual(aside.findings, here.findings);
    assert.deepEqual(aside.evidence, here.evidence);
    assert.equal(aside.bytes, here.bytes);
  } finally {
    done();
  }
});

/** Every file under the given folders (recursively), but binary event logs and zips. */
function textLogs(folders: readonly string[]): string[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : /\.(evtx|zip)$/i.test(e.name) ? [] : [path];
  });
  return folders.flatMap((f) => walk(join(REPO_ROOT, f)));
}

/** What a fold-evidence analysis found, with each finding's facts in place of the map. */
function found(file: AnalysedFile): unknown {
  return { findings: file.findings, evidence: file.evidence, facts: file.findings.map((f) => file.facts?.get(f)) };
}

test('analyseFile: a file read by two threads, its records dealt in any pattern, gives what one thread finds (findings, markers, facts)', async () => {
  const { dir, done } = tempDir();
  try {
    const sim = simulate({ seed: 29, enrollments: 60, inject: [{ scenario: 'cn-invalid', at: 20 }, { scenario: 'signing-cert-missing', at: 45 }] });
    writeSimulation(join(dir, 'sim'), sim);
    const paths = [...textLogs([...FOLDERS, 'test/flow/scenarios']), ...readdirSync(join(dir, 'sim')).map((n) => join(dir, 'sim', n))];
    let shared = 0;
    for (const path of paths) {
      const options = { foldEvidence: true, facts: true } as const;
      const whole = await analyseFile(path, options);
      const length = readFileSync(path).length;
      const patterns = [{ block: 1, every: 2 }, { block: 97, every: 4 }, { block: Math.max(1, Math.floor(length / 3)), every: 2 }, { block: Math.max(1, Math.floor(length / 5)), every: 3 }, { block: length + 1, every: 4 }];
      for (const pattern of patterns) {
        const worker = await analyseFile(path, { ...options, share: { side: 'worker', ...pattern } });
        const main = await analyseFile(path, { ...options, share: { side: 'main', ...pattern, worker: Promise.resolve(worker) } });
        assert.deepEqual(found(main), found(whole), `${path} dealt in blocks of ${pattern.block}, one in ${pattern.every}`);
        if (worker.findings.length > 0 && main.findings.length > worker.findings.length) shared++;
      }
    }
    assert.ok(shared > 50, `only ${shared} patterns left findings to both threads`);
  } finally {
    done();
  }
});

/** A log of at least `bytes` from a fixture's text repeated: the lines after the first copy are its lines again. */
function grown(dir: string, fixture: string, bytes: number): string {
  const text = readFileSync(join(REPO_ROOT, fixture), 'utf8');
  const path = join(dir, fixture.split('/').pop() ?? 'log');
  writeFileSync(path, text.repeat(Math.ceil(bytes / Buffer.byteLength(text))));
  return path;
}

/** How many threads ran `check FILE --jobs 2`: Node writes one CPU profile per thread. */
function threadsOf(dir: string, path: string): number {
  const profiles = join(dir, `profiles-${readdirSync(dir).length}`);
  const run = cli(['check', path, '--jobs', '2'], REPO_ROOT, ['--cpu-prof', '--cpu-prof-dir', profiles]);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return readdirSync(profiles).length;
}

test('a large IIS log, on disk or in a bundle, is read by two threads with --jobs 2: the same output in every format', () => {
  const { dir, done } = tempDir();
  try {
    const path = grown(dir, 'samples/u_ex240305.log', 9 * 1024 * 1024);
    const bundle = join(dir, 'bundle.zip');
    writeFileSync(bundle, zipBytes([{ name: 'W3SVC1/u_ex240305.log', data: readFileSync(path) }, ...folderEntries('samples')]));
    for (const target of [path, bundle]) {
      for (const format of ['text', 'json', 'sarif', 'jsonl']) same(['check', target, '--format', format]);
      assert.equal(threadsOf(dir, target), 2, `${target}: one thread read it`);
    }
    // Where the second scan costs more than the rules it shares, one thread reads.
    for (const fixture of ['samples/NDESPlugin.log', 'samples/CertificateRegistrationPoint_03_05.svclog']) {
      const other = grown(dir, fixture, 9 * 1024 * 1024);
      same(['check', other, '--format', 'json']);
      assert.equal(threadsOf(dir, other), 1, fixture);
    }
  } finally {
    done();
  }
});

test('a large IIS log is not shared with a worker that took another file meanwhile: it is read here at once', { skip: process.platform === 'win32' }, async () => {
  // A folder's first file goes to two threads if the worker is free when it is picked up; the
  // second file may reach the worker while the first is still being looked at (stat, head). The
  // first must then be read on this thread, not wait behind the whole second file. The second
  // file is a pipe nobody writes to until the first is done: were the first waiting for the
  // worker, it would never finish.
  const { dir, done } = tempDir();
  const analyser = createAnalyser({ jobs: 2, foldEvidence: true, facts: true });
  const fifo = join(dir, 'u_ex240306.log');
  execFileSync('mkfifo', [fifo]);
  const writer = createWriteStream(fifo);
  writer.on('error', () => undefined);
  try {
    const path = grown(dir, 'samples/u_ex240305.log', 9 * 1024 * 1024);
    const first = analyser.analyse({ path }, () => undefined);
    const second = analyser.analyse({ path: fifo }, () => undefined);
    // Failing, both are cancelled by close below.
    first.catch(() => undefined);
    second.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => { timer = setTimeout(() => { resolve('stuck'); }, 20_000); });
    const read = await Promise.race([first, stuck]);
    clearTimeout(timer);
    assert.notEqual(read, 'stuck', 'the first file waited for the worker busy with the second');
    const here = await analyseFile(path, { foldEvidence: true, facts: true });
    assert.deepEqual(found(read as AnalysedFile), found(here));
    writer.end(readFileSync(join(REPO_ROOT, 'samples/u_ex240305.log')));
    assert.ok((await second).findings.length > 0);
  } finally {
    writer.destroy();
    await analyser.close();
    done();
  }
});

test('--jobs takes a positive whole number and is documented', () => {
  const bad = cli(['check', 'samples', '--jobs', '0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--jobs must be a positive whole number/);
  for (const command of ['check', 'diagnose', 'report']) assert.match(cli([command, '--help']).stdout, /--jobs N/, command);
});

test('the .vsix ships every bundle esbuild writes, the analysis worker beside dist/cli.js included', () => {
  const outfiles = [...readFileSync(join(REPO_ROOT, 'esbuild.mjs'), 'utf8').matchAll(/outfile: '(dist\/[\w.-]+\.js)'/g)].map((m) => m[1]);
  assert.ok(outfiles.includes('dist/analyseWorker.js'), outfiles.join(', '));
  const shipped = readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
  for (const file of outfiles) assert.ok(shipped.includes(`!${file ?? ''}`), `${file ?? ''} is not whitelisted in .vscodeignore`);
});
