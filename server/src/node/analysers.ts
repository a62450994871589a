import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Redactor } from '../core/redact';
import type { Catalogue } from '../core/validate';
import { analyseFile, type AnalyseOptions, type AnalysedFile } from './analyse';
import { canRenderAside } from './evtxAside';
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
    ...(source.entry ? { bytes: source.entry.bytes(), fileName: source.entry.fileName } : {}),
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
  return { analyse: sharing(local, (s, p) => remote(s.path, p, false), pool, canRenderAside()), close, ahead };
}

/**
 * This thread takes a file whenever it has none, a free worker otherwise: a single file is read here
 * without starting a worker at all. Files wait in one queue, so no thread idles while another has
 * a backlog. An event log this thread takes while a worker is free and no other file waits (a
 * single `.evtx`; in a folder the last file, or the first, before the walk has found the second) is
 * rendered on a thread of its own, on the core that would otherwise idle.
 */
function sharing(local: Analyse, remote: Analyse, pool: WorkerPool<AnalyseTask, WireFile>, canRender: boolean): Analyser['analyse'] {
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
      const aside = !toWorker && canRender && waiting.length === 0 && pool.idle;
      void (toWorker ? remote(job.source, job.onProgress) : local(job.source, job.onProgress, { renderAside: aside })).then(job.resolve, job.reject).finally(() => {
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
