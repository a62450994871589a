import { opendir, stat } from 'node:fs/promises';
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
}

/**
 * The log files under the given paths, lazily: a folder is read entry by entry (never listed whole),
 * files in name order per folder batch, hidden entries and symbolic links to folders skipped.
 * Paths keep the spelling given on the command line. Stops after `maxFiles` and says so.
 */
export async function* walkLogs(paths: readonly string[], maxFiles: number, report: WalkReport): AsyncGenerator<string> {
  let yielded = 0;
  for (const given of paths) {
    let st;
    try {
      st = await stat(given);
    } catch (e: unknown) {
      report.problems.push(`${given}: ${describeIoError(e)}`);
      continue;
    }
    if (!st.isDirectory()) {
      if (yielded >= maxFiles) { report.capped = true; return; }
      yielded++;
      yield given;
      continue;
    }
    for await (const file of walkFolder(given, report)) {
      if (yielded >= maxFiles) { report.capped = true; return; }
      yielded++;
      yield file;
    }
  }
}

/** Entries are read in batches so a folder of millions of files never sits in memory at once. */
const BATCH = 4096;

async function* walkFolder(folder: string, report: WalkReport): AsyncGenerator<string> {
  let dir;
  try {
    dir = await opendir(folder, { bufferSize: 256 });
  } catch (e: unknown) {
    report.problems.push(`${folder}: ${describeIoError(e)}`);
    return;
  }
  const prefix = /[\\/]$/.test(folder) ? folder : `${folder}/`;
  const subfolders: string[] = [];
  let batch: string[] = [];
  try {
    for await (const entry of dir) {
      if (entry.isDirectory()) { if (folderSkip(entry.name) === undefined) subfolders.push(prefix + entry.name); }
      else if (entry.isFile() && fileSkip(entry.name) === undefined) {
        batch.push(prefix + entry.name);
        if (batch.length >= BATCH) { yield* batch.sort(); batch = []; }
      }
    }
  } catch (e: unknown) {
    report.problems.push(`${folder}: ${describeIoError(e)}`);
  }
  yield* batch.sort();
  for (const sub of subfolders.sort()) yield* walkFolder(sub, report);
}
