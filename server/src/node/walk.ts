import { opendir, stat } from 'node:fs/promises';
import { describeIoError } from './ioErrors';

/** Files a folder walk passes over: documentation and binaries nobody exports logs as. */
const NOT_LOGS = /\.(?:md|markdown|png|jpe?g|gif|bmp|ico|pdf|zip|7z|cab|gz|tgz|rar|exe|dll|msi|vsix|findings)$/i;

export const DEFAULT_MAX_FILES = 10_000;

/** Build and dependency folders of a project that happens to hold logs: never evidence. */
const SKIP_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'out', 'test-results']);

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
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) { if (!SKIP_FOLDERS.has(entry.name)) subfolders.push(prefix + entry.name); }
      else if (entry.isFile() && !NOT_LOGS.test(entry.name)) {
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
