import { opendir, stat } from 'node:fs/promises';
import type { SkippedFile } from '../core/report/located';
import { describeIoError } from './ioErrors';

/** Files a folder walk passes over: documentation, archives and binaries nobody exports logs as (ETW traces too). */
const NOT_LOGS = /\.(?:md|markdown|png|jpe?g|gif|bmp|ico|pdf|zip|7z|cab|gz|tgz|rar|exe|dll|msi|vsix|etl|findings)$/i;

export const DEFAULT_MAX_FILES = 10_000;

/** Build and dependency folders of a project that happens to hold logs: never evidence. */
const SKIP_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'out', 'test-results']);

/**
 * Why a walk passes over a file, by its path below the folder walked ('/'-separated), or undefined
 * when it is read. A zip bundle asks the same question, so a zipped folder reads like the folder.
 */
export function skipReason(relativePath: string): string | undefined {
  const segments = relativePath.split('/').filter((s) => s !== '');
  const name = segments.pop() ?? '';
  for (const folder of segments) {
    const why = folderSkip(folder);
    if (why !== undefined) return `in ${why}`;
  }
  return fileSkip(name);
}

function folderSkip(name: string): string | undefined {
  if (name.startsWith('.')) return `a hidden folder (${name})`;
  return SKIP_FOLDERS.has(name) ? `a build folder (${name})` : undefined;
}

function fileSkip(name: string): string | undefined {
  if (name.startsWith('.')) return 'a hidden file';
  const ext = NOT_LOGS.exec(name);
  return ext ? `not a log (${ext[0].toLowerCase()})` : undefined;
}

export interface WalkReport {
  /** Paths that could not be read, with the reason. */
  readonly problems: string[];
  /** Set when the walk stopped at the file cap. */
  capped: boolean;
  /** When given, what the walk passed over (a file, or a whole hidden or build folder), with the reason. */
  readonly skipped?: SkippedFile[];
}

export interface WalkOptions {
  /** Yield the `.zip` files found in folders too: the caller reads them as support bundles. */
  readonly zips?: boolean;
}

/** Most passed-over entries listed (with a bundle's); the rest are counted in one last line. */
const MAX_LISTED = 1000;

const ZIP = /\.zip$/i;

/**
 * The log files under the given paths, lazily: a folder is read entry by entry (never listed whole),
 * files in name order per folder batch, hidden entries and symbolic links to folders skipped.
 * Paths keep the spelling given on the command line. Stops after `maxFiles` and says so.
 */
export async function* walkLogs(paths: readonly string[], maxFiles: number, report: WalkReport, options: WalkOptions = {}): AsyncGenerator<string> {
  const passed = { more: 0 };
  const walk: Walk = {
    zips: options.zips === true,
    listing: report.skipped !== undefined,
    passOver: (path, reason) => {
      if (report.skipped && report.skipped.length < MAX_LISTED) report.skipped.push({ path, reason });
      else passed.more++;
    },
    passOverMore: () => { passed.more++; },
  };
  let yielded = 0;
  try {
    for (const given of paths) {
      let st;
      try {
        st = await stat(given);
      } catch (e: unknown) {
        report.problems.push(`${given}: ${describeIoError(e)}`);
        continue;
      }
      for await (const file of st.isDirectory() ? walkFolder(given, report, walk) : [given]) {
        if (yielded >= maxFiles) { report.capped = true; return; }
        yielded++;
        yield file;
      }
    }
  } finally {
    if (passed.more > 0) report.skipped?.push({ path: paths.join(', '), reason: `${passed.more} more entries passed over (not logs, hidden, or in build folders)` });
  }
}

interface Walk {
  readonly zips: boolean;
  /** Whether the report lists what the walk passes over. */
  readonly listing: boolean;
  /** Lists one entry passed over (counts it once the list is full). */
  readonly passOver: (path: string, reason: string) => void;
  /** Counts one entry passed over without keeping its name (a folder with more than the list holds). */
  readonly passOverMore: () => void;
}

/** Entries are read in batches so a folder of millions of files never sits in memory at once. */
const BATCH = 4096;

async function* walkFolder(folder: string, report: WalkReport, walk: Walk): AsyncGenerator<string> {
  let dir;
  try {
    dir = await opendir(folder, { bufferSize: 256 });
  } catch (e: unknown) {
    report.problems.push(`${folder}: ${describeIoError(e)}`);
    return;
  }
  const prefix = /[\\/]$/.test(folder) ? folder : `${folder}/`;
  const subfolders: string[] = [];
  // Listed as the folder would be read: its files by name, then its folders. Past what the list
  // holds, entries are only counted, so a folder of millions of images never sits in memory either.
  const passed: [path: string, why: string, folder: boolean][] = [];
  const pass = (path: string, why: string, isFolder: boolean): void => {
    if (!walk.listing) return;
    if (passed.length < MAX_LISTED) passed.push([path, why, isFolder]);
    else walk.passOverMore();
  };
  let batch: string[] = [];
  try {
    for await (const entry of dir) {
      if (entry.isDirectory()) {
        const why = folderSkip(entry.name);
        if (why === undefined) subfolders.push(prefix + entry.name);
        else pass(prefix + entry.name, why, true);
        continue;
      }
      if (!entry.isFile()) continue;
      const why = walk.zips && ZIP.test(entry.name) && !entry.name.startsWith('.') ? undefined : fileSkip(entry.name);
      if (why !== undefined) { pass(prefix + entry.name, why, false); continue; }
      batch.push(prefix + entry.name);
      if (batch.length >= BATCH) { yield* batch.sort(); batch = []; }
    }
  } catch (e: unknown) {
    report.problems.push(`${folder}: ${describeIoError(e)}`);
  }
  passed.sort(([a, , x], [b, , y]) => (x === y ? (a < b ? -1 : 1) : x ? 1 : -1));
  for (const [path, why] of passed) walk.passOver(path, why);
  yield* batch.sort();
  for (const sub of subfolders.sort()) yield* walkFolder(sub, report, walk);
}
