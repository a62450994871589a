import { oneLine } from '../core/report/checkText';
import type { Redactor } from '../core/redact';
import type { Catalogue } from '../core/validate';
import type { AnalysedFile } from '../node/analyse';
import { createAnalyser, DEFAULT_JOBS } from '../node/analysers';
import { describeIoError } from './errors';
import { megabytes, Progress, warn } from './output';
import type { SkippedFile } from '../core/report/located';
import { logSources, type LogSource, type SourceReport } from '../node/sources';

interface CollectOptions {
  readonly maxFiles: number;
  readonly keepModel?: boolean;
  /** Count success markers while reading instead of keeping them (check). */
  readonly foldEvidence?: boolean;
  /** Analyse the redacted text (report): same rule ids, masked values. */
  readonly redactor?: Redactor;
  /** Keep what each finding's record said (JSON lines, fingerprints). */
  readonly facts?: boolean;
  /** The rules to run (team signatures included); built-in by default. */
  readonly catalogue?: Catalogue;
  /** Threads that analyse files (default: one per core); 1 reads on this thread only. */
  readonly jobs?: number;
}

export interface CollectSummary {
  readonly files: number;
  /** Paths that could not be read; each was also reported on stderr. */
  readonly problems: readonly string[];
  readonly capped: boolean;
  /** Files not analysed, with the reason: bundle entries no reader takes, entries that could not be read. */
  readonly skipped: readonly SkippedFile[];
}

type Outcome = { readonly file: AnalysedFile } | { readonly error: unknown };

/**
 * Walks the paths (files, folders, zip bundles) and analyses the logs, several at once with `jobs`
 * above 1, handing each result to `each` in the order the walk found the files (so every output is
 * the same whatever `jobs` is) and keeping only what the caller keeps. Read errors, and a worker
 * that failed on a file, are reported on stderr and counted, not thrown.
 */
export async function collect(paths: readonly string[], options: CollectOptions, each: (file: AnalysedFile) => void): Promise<CollectSummary> {
  const report: SourceReport = { problems: [], capped: false, skipped: [] };
  const progress = new Progress();
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const analyser = createAnalyser({ ...options, jobs });
  const pending: { readonly source: LogSource; readonly outcome: Promise<Outcome> }[] = [];
  let files = 0;
  const failed: string[] = [];
  const deliver = async (): Promise<void> => {
    const next = pending.shift();
    if (!next) return;
    const outcome = await next.outcome;
    if ('file' in outcome) { files++; each(outcome.file); return; }
    failed.push(`${next.source.path}: ${describeIoError(outcome.error)}`);
    // A bundle entry that could not be read (a limit, corrupt data) is listed with the skipped ones.
    if (next.source.entry) report.skipped.push({ path: next.source.path, reason: describeIoError(outcome.error) });
  };
  try {
    for await (const source of logSources(paths, options.maxFiles, report)) {
      const shown = oneLine(source.path);
      progress.update(`reading ${shown}`, true);
      const outcome = analyser.analyse(source, (bytes) => { progress.update(`reading ${shown} (${megabytes(bytes)})`); })
        .then((file): Outcome => ({ file }), (error: unknown): Outcome => ({ error }));
      pending.push({ source, outcome });
      // A bundle entry is read before the zip reader moves on, and its failure is listed among the
      // skipped entries where one thread would list it.
      while (pending.length >= (source.entry ? 1 : analyser.ahead)) await deliver();
    }
    while (pending.length > 0) await deliver();
  } finally {
    await analyser.close();
  }
  progress.done();
  const problems = [...report.problems, ...failed];
  for (const p of problems) warn(`cannot read ${oneLine(p)}`);
  if (report.capped) warn(`stopped after ${options.maxFiles} files; pass --max-files N to read more, or name a smaller folder`);
  return { files, problems, capped: report.capped, skipped: report.skipped };
}
