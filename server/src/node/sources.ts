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
 * The logs under the given paths: files and folders as `walkLogs` finds them, and a `.zip` (named on
 * its own or found in a folder) read as a support bundle, its entries in the order the unzipped
 * folder would be read. What a walk passes over is listed in `report.skipped` beside the bundles'
 * skipped entries. Stops after `maxFiles` logs in all and says so.
 */
export async function* logSources(paths: readonly string[], maxFiles: number, report: SourceReport, limits: BundleLimits = BUNDLE_LIMITS): AsyncGenerator<LogSource> {
  let yielded = 0;
  const room = (): boolean => {
    if (yielded < maxFiles) { yielded++; return true; }
    report.capped = true;
    return false;
  };
  for (const given of paths) {
    if (ZIP.test(given) && await isFile(given)) {
      for await (const source of bundleSources(given, report, limits)) {
        if (!room()) return;
        yield source;
      }
      continue;
    }
    for await (const path of walkLogs([given], maxFiles, report, { zips: true })) {
      for await (const source of ZIP.test(path) ? bundleSources(path, report, limits) : [{ path }]) {
        if (!room()) return;
        yield source;
      }
    }
    if (report.capped) return;
  }
}

/** A bundle's entries; a file that is no readable zip is a problem, the rest still read. */
async function* bundleSources(zipPath: string, report: SourceReport, limits: BundleLimits): AsyncGenerator<LogSource> {
  try {
    for await (const e of bundleEntries(zipPath, report.skipped, limits)) yield { path: e.path, entry: e };
  } catch (e: unknown) {
    const io = typeof e === 'object' && e !== null && 'code' in e;
    report.problems.push(`${zipPath}: ${io ? describeIoError(e) : `not a readable zip (${describeIoError(e)})`}`);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // walkLogs says why
  }
}
