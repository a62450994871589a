import { oneLine } from '../core/report/checkText';
import type { Redactor } from '../core/redact';
import type { Catalogue } from '../core/validate';
import { analyseFile, type AnalysedFile } from '../node/analyse';
import { describeIoError } from './errors';
import { megabytes, Progress, warn } from './output';
import type { SkippedFile } from '../core/report/located';
import { logSources, type SourceReport } from '../node/sources';

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
}

export interface CollectSummary {
  readonly files: number;
  /** Paths that could not be read; each was also reported on stderr. */
  readonly problems: readonly string[];
  readonly capped: boolean;
  /** Files not analysed, with the reason: bundle entries no reader takes, entries that could not be read. */
  readonly skipped: readonly SkippedFile[];
}

/**
 * Walks the paths (files, folders, zip bundles) and analyses each log, one file at a time, handing
 * each result to `each` so the caller keeps only what it needs. Read errors are reported on stderr
 * and counted, not thrown.
 */
export async function collect(paths: readonly string[], options: CollectOptions, each: (file: AnalysedFile) => void): Promise<CollectSummary> {
  const report: SourceReport = { problems: [], capped: false, skipped: [] };
  const progress = new Progress();
  let files = 0;
  const failed: string[] = [];
  for await (const { path, entry } of logSources(paths, options.maxFiles, report)) {
    const shown = oneLine(path);
    progress.update(`reading ${shown}`, true);
    try {
      const file = await analyseFile(path, {
        keepModel: options.keepModel ?? false,
        foldEvidence: options.foldEvidence ?? false,
        facts: options.facts ?? false,
        ...(options.catalogue ? { catalogue: options.catalogue } : {}),
        ...(options.redactor ? { transform: options.redactor.file() } : {}),
        onProgress: (bytes) => { progress.update(`reading ${shown} (${megabytes(bytes)})`); },
        ...(entry ? { bytes: entry.bytes(), fileName: entry.fileName } : {}),
      });
      files++;
      each(file);
    } catch (e: unknown) {
      failed.push(`${path}: ${describeIoError(e)}`);
      // A bundle entry that could not be read (a limit, corrupt data) is listed with the skipped ones.
      if (entry) report.skipped.push({ path, reason: describeIoError(e) });
    }
  }
  progress.done();
  const problems = [...report.problems, ...failed];
  for (const p of problems) warn(`cannot read ${oneLine(p)}`);
  if (report.capped) warn(`stopped after ${options.maxFiles} files; pass --max-files N to read more, or name a smaller folder`);
  return { files, problems, capped: report.capped, skipped: report.skipped };
}
