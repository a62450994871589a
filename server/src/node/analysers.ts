import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Redactor } from '../core/redact';
import { analyseFile, type AnalyseOptions, type AnalysedFile } from './analyse';
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
}

/** Analyses the logs of one command, on this thread or on a pool of workers. */
export interface Analyser {
  analyse(source: LogSource, onProgress: (bytes: number) => void): Promise<AnalysedFile>;
  close(): Promise<void>;
}

export const DEFAULT_JOBS = availableParallelism();

/**
 * Beside the module that loads it: dist/analyseWorker.js next to dist/cli.js once bundled,
 * out/server/src/node/analyseWorker.js when run from tsc's output (the tests).
 */
const WORKER_SCRIPT = join(__dirname, 'analyseWorker.js');

/**
 * `jobs` 1 is the single-thread path. Otherwise files on disk go to workers; what stays here:
 * - zip bundle entries (their bytes come from this thread's zip reader);
 * - redacted reading (`report`): masks are numbered across files in reading order, so one thread reads;
 * - models (`diagnose`): records do not cross threads cheaply (see wire.ts), so this thread parses
 *   while a worker runs the rules, and the findings come from the worker.
 */
export function createAnalyser(options: AnalyserOptions): Analyser {
  const local = (source: LogSource, onProgress: (bytes: number) => void, extra: Partial<AnalyseOptions> = {}): Promise<AnalysedFile> => analyseFile(source.path, {
    keepModel: options.keepModel ?? false, foldEvidence: options.foldEvidence ?? false, facts: options.facts ?? false,
    ...(options.redactor ? { transform: options.redactor.file() } : {}),
    onProgress,
    ...(source.entry ? { bytes: source.entry.bytes(), fileName: source.entry.fileName } : {}),
    ...extra,
  });
  if (options.jobs <= 1 || options.redactor) return { analyse: (s, p) => local(s, p), close: () => Promise.resolve() };

  const pool = new WorkerPool<AnalyseTask, WireFile>(WORKER_SCRIPT, options.jobs);
  const remote = async (path: string, onProgress: (bytes: number) => void, keepModel: boolean): Promise<AnalysedFile> => {
    // With a model the file's own findings are all that is needed from the worker: unfolded, no facts.
    const task: AnalyseTask = { path, foldEvidence: !keepModel && options.foldEvidence === true, facts: !keepModel && options.facts === true };
    return fromWire(await pool.run(task, { onProgress }));
  };
  return {
    async analyse(source, onProgress) {
      if (source.entry) return local(source, onProgress);
      if (!options.keepModel) return remote(source.path, onProgress, false);
      const [parsed, found] = await Promise.all([local(source, () => undefined, { validateModel: () => [] }), remote(source.path, onProgress, true)]);
      return { ...parsed, findings: found.findings };
    },
    close: () => pool.close(),
  };
}
