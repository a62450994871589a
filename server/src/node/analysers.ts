import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { detectFormat, SNIFF_CHARS } from '../core/detect';
import type { FormatId } from '../core/types';
import type { Redactor } from '../core/redact';
import type { Catalogue } from '../core/validate';
import { analyseFile, type AnalyseOptions, type AnalysedFile, type SharePattern } from './analyse';
import { bytePieces, readHeadText } from './decode';
import { canRenderAside } from './evtxAside';
import { postedTo } from './sharedBytes';
import type { AnalyseTask } from './analyseWorker';
import { WorkerPool } from './pool';
import type { LogSource } from './sources';
import { fromWire, type WireFile } from './wire';

/** What the commands ask of each file; `jobs` says how many threads analyse them. */
export interface AnalyserOptions {
  readonly jobs: number;
  readonly keepModel?: boolean;
  readonly foldEvidence?: boolean;
  readonly facts?: boolean;
  readonly redactor?: Redactor;
  /** The rules to run (team signatures included); built-in by default. */
  readonly catalogue?: Catalogue;
}

/** Analyses the logs of one command, on this thread or also on worker threads. */
export interface Analyser {
  analyse(source: LogSource, onProgress: (bytes: number) => void): Promise<AnalysedFile>;
  close(): Promise<void>;
  /**
   * How many files may be under way at once. One for the single-thread path: files read side by side
   * would share a redactor's numbering in whatever order their chunks arrive.
   */
  readonly ahead: number;
}

export const DEFAULT_JOBS = availableParallelism();

/**
 * Beside the module that loads it: dist/analyseWorker.js next to dist/cli.js once bundled,
 * out/server/src/node/analyseWorker.js when run from tsc's output (the tests).
 */
const WORKER_SCRIPT = join(__dirname, 'analyseWorker.js');

type Analyse = (source: LogSource, onProgress: (bytes: number) => void, extra?: Partial<AnalyseOptions>) => Promise<AnalysedFile>;

/**
 * `jobs` 1 is the single-thread path. Otherwise this thread and `jobs - 1` workers share the files;
 * what stays on this thread:
 * - zip bundle entries (their bytes come from this thread's zip reader);
 * - redacted reading (`report`): masks are numbered across files in reading order, so one thread reads;
 * - models (`diagnose`): records do not cross threads cheaply (see wire.ts), so this thread parses
 *   every file while the workers run the rules, and the findings come from the workers.
 */
export function createAnalyser(options: AnalyserOptions): Analyser {
  const local: Analyse = (source, onProgress, extra = {}) => analyseFile(source.path, {
    keepModel: options.keepModel ?? false, foldEvidence: options.foldEvidence ?? false, facts: options.facts ?? false,
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
    ...(options.redactor ? { transform: options.redactor.file() } : {}),
    onProgress,
    ...(source.entry && !extra.bytes ? { bytes: source.entry.bytes(), fileName: source.entry.fileName } : {}),
    ...extra,
  });
  // Without its worker script beside it (a bundle copied without dist/analyseWorker.js), one thread reads.
  if (options.jobs <= 1 || options.redactor || !existsSync(WORKER_SCRIPT)) return { analyse: (s, p) => local(s, p), close: () => Promise.resolve(), ahead: 1 };
  const pool = new WorkerPool<AnalyseTask, WireFile>(WORKER_SCRIPT, Math.max(1, options.jobs - 1));
  // Team signatures are plain data and regexes, so they cross to the workers; the built-in ones are there.
  const team = options.catalogue?.signatures.filter((s) => s.team) ?? [];
  const remote = async (path: string, onProgress: (bytes: number) => void, keepModel: boolean): Promise<AnalysedFile> => {
    // With a model the file's own findings are all that is needed from the worker: unfolded, no facts.
    const task: AnalyseTask = { path, foldEvidence: !keepModel && options.foldEvidence === true, facts: !keepModel && options.facts === true, team };
    return fromWire(await pool.run(task, { onProgress }));
  };
  const close = (): Promise<void> => pool.close();
  // Enough files under way that no thread waits for the walk.
  const ahead = options.jobs * 2;
  if (options.keepModel) {
    return {
      async analyse(source, onProgress) {
        if (source.entry) return local(source, onProgress);
        const [parsed, found] = await Promise.all([local(source, () => undefined, { parseOnly: true }), remote(source.path, onProgress, true)]);
        return { ...parsed, findings: found.findings };
      },
      close,
      ahead,
    };
  }
  const canRender = canRenderAside();
  /**
   * A file this thread reads while a worker is free and no other file waits: an `.evtx` on disk is
   * rendered on the worker's core; a large IIS log is read by both threads, the bytes read here
   * once and posted to the worker, each thread running the record rules on its share of the records.
   */
  const alone: Analyse = async (source, onProgress) => {
    // The worker may have taken another file while this one was looked at: this thread then reads
    // it alone rather than wait for that file before its share is read. Checked last, just before
    // the task is queued (synchronously), so no other file can take the worker in between.
    if (options.foldEvidence !== true || !await worthSharing(source) || !pool.idle) return local(source, onProgress, { renderAside: canRender });
    const channel = new MessageChannel();
    const fileName = source.entry?.fileName ?? source.path;
    const task: AnalyseTask = { path: source.path, foldEvidence: true, facts: options.facts === true, team, share: { pattern: SHARE, bytes: channel.port2, fileName } };
    const worker = pool.run(task, { transfer: [channel.port2] }).then(fromWire);
    // Awaited where this thread's share ends; a failure before that must not go unhandled.
    worker.catch(() => undefined);
    const bytes = postedTo(channel.port1, source.entry ? source.entry.bytes() : bytePieces(source.path), worker);
    return local(source, onProgress, { bytes, fileName, share: { side: 'main', ...SHARE, worker } });
  };
  return { analyse: sharing(local, (s, p) => remote(s.path, p, false), alone, pool), close, ahead };
}

/** Below this size a file is read by one thread: the worker's start and second scan cost more than its share saves. */
const SHARE_MIN_BYTES = 8 * 1024 * 1024;

/**
 * How a file two threads read is dealt: the main thread runs the record rules on one block of 256 K
 * characters in four, the worker on the other three. Both scan the whole file and the main thread
 * also runs the multi-record rules, so the worker takes the larger part; blocks well under the
 * pieces in flight (`sharedBytes.ts`) keep the two at the same pace.
 */
const SHARE: SharePattern = { block: 256 * 1024, every: 4 };

/**
 * The formats whose record rules cost enough, against scanning every record on both threads, for a
 * second thread to pay: IIS logs (a 200 MB one took 3.0 s on one thread, 2.4 on two). A svclog's
 * cost is mostly its scan (50 MB: 0.61 s on one thread, 0.81 on two), an NDESPlugin.log's its
 * multi-record rules, which stay on the main thread (20 MB: no faster).
 */
const SHARED_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['iis-w3c-log']);

/**
 * Whether two threads should read a log: it is large and of a format where that pays (a bundle
 * entry's format is guessed from its name: it cannot be read twice), and it is a regular file
 * (a pipe is read once, its size unknown) that can be read (else the reading says why).
 */
async function worthSharing(source: LogSource): Promise<boolean> {
  const shared = (text: string, fileName: string): boolean => SHARED_FORMATS.has(detectFormat({ text, fileName }).format);
  // A bundle entry's size is the bundle's word: a hint, never a risk.
  if (source.entry) return source.entry.size >= SHARE_MIN_BYTES && shared('', source.entry.fileName);
  try {
    const info = await stat(source.path);
    return info.isFile() && info.size >= SHARE_MIN_BYTES && shared(await readHeadText(source.path, SNIFF_CHARS), source.path);
  } catch {
    return false;
  }
}

/**
 * This thread takes a file whenever it has none, a free worker otherwise. Files wait in one queue,
 * so no thread idles while another has a backlog. A file this thread takes while a worker is free
 * and no other file waits (a single file; in a folder the last one, or the first, before the walk
 * has found the second) goes to `alone`, which puts the core that would otherwise idle to work on it.
 */
function sharing(local: Analyse, remote: Analyse, alone: Analyse, pool: WorkerPool<AnalyseTask, WireFile>): Analyser['analyse'] {
  const waiting: { source: LogSource; onProgress: (bytes: number) => void; resolve: (f: AnalysedFile) => void; reject: (e: unknown) => void }[] = [];
  let here = false;
  const next = (): void => {
    for (;;) {
      const job = waiting[0];
      if (!job) return;
      // Bundle entries are read on this thread only.
      const toWorker = here && !job.source.entry && pool.idle;
      if (!toWorker && here) return;
      waiting.shift();
      if (!toWorker) here = true;
      const read = toWorker ? remote : waiting.length === 0 && pool.idle ? alone : local;
      void read(job.source, job.onProgress).then(job.resolve, job.reject).finally(() => {
        if (!toWorker) here = false;
        next();
      });
    }
  };
  return (source, onProgress) => new Promise<AnalysedFile>((resolve, reject) => {
    waiting.push({ source, onProgress, resolve, reject });
    next();
  });
}
