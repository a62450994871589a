import { stat } from 'node:fs/promises';
import type { SkippedFile } from '../core/report/located';
import { BUNDLE_LIMITS, bundleEntries, type BundleLimits } from './bundle';
import { describeIoError } from './ioErrors';
import { walkLogs, type WalkReport } from './walk';

/** A log to analyse: a file on disk, or an entry of a zip bundle. */
export interface LogSource {
  /** As shown in output: the path given or found by the walk, or `bundle.zip!path/inside`. */
  readonly path: string;
  /** For a bundle entry: its own file name and its bytes (`path` is not a file on disk). */
  readonly entry?: { readonly fileName: string; bytes(): AsyncIterable<Uint8Array>; readonly size: number };
}

export interface SourceReport extends WalkReport {
  /** Bundle entries not read, with the reason: listed, never silently dropped. */
  readonly skipped: SkippedFile[];
}

const ZIP = /\.zip$/i;

/**
 * The logs under the given paths: files and folders as `walkLogs` finds them, and a `.zip` named
 * on its own read as a support bundle, its entries in the order the unzipped folder would be read.
 * Stops after `maxFiles` logs in all and says so.
 */
export async function* logSources(paths: readonly string[], maxFiles: number, report: SourceReport, limits: BundleLimits = BUNDLE_LIMITS): AsyncGenerator<LogSource> {
  let yielded = 0;
  for (const given of paths) {
    if (ZIP.test(given) && await isFile(given)) {
      try {
        for await (const e of bundleEntries(given, report.skipped, limits)) {
          if (yielded >= maxFiles) { report.capped = true; return; }
          yielded++;
          yield { path: e.path, entry: e };
        }
      } catch (e: unknown) {
        const io = typeof e === 'object' && e !== null && 'code' in e;
        report.problems.push(`${given}: ${io ? describeIoError(e) : `not a readable zip (${describeIoError(e)})`}`);
      }
      continue;
    }
    const left = maxFiles - yielded;
    for await (const path of walkLogs([given], left, report)) {
      yielded++;
      yield { path };
    }
    if (report.capped) return;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // walkLogs says why
  }
}
