import { open, readFile, rename, unlink } from 'node:fs/promises';
import type { DetectionReason, FormatId } from '../core/types';
import type { OccurrenceState } from '../core/report/fingerprint';
import type { Encoding } from './decode';

/** What the watcher knows about one log between polls and across restarts. */
export interface LogState {
  /** Where the log was last seen (a rotated log keeps its state under its new name). */
  path: string;
  /** FNV-1a 64 of its first `headLength` bytes: tells a reused inode from the same file. */
  head: string;
  headLength: number;
  /** Bytes read and done with: the next read starts here. */
  offset: number;
  /** Lines before `offset`. */
  line: number;
  encoding: Encoding;
  format?: FormatId;
  detectedBy?: DetectionReason;
  /** IIS: the columns of the latest `#Fields` before `offset`. */
  fields?: readonly string[];
  occurrences: OccurrenceState;
  /** Whole-file logs (.evtx, event exports): size and time of the last read, and the fingerprints it emitted. */
  size?: number;
  mtimeMs?: number;
  seen?: readonly string[];
}

export interface WatchState {
  readonly version: 1;
  /** Size of the output after the last append this state covers (see jsonlOut.ts). */
  outSize: number;
  /** By file identity (`dev:ino`). */
  logs: Record<string, LogState>;
}

function emptyState(): WatchState {
  return { version: 1, outSize: 0, logs: {} };
}

/** The saved state, or a fresh one when there is none. A damaged state file is an error, not a silent restart from zero. */
export async function loadState(path: string): Promise<WatchState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw e;
  }
  let parsed: { version?: unknown; outSize?: unknown; logs?: unknown } | null;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`${path} is damaged (not JSON); move it away to start over`);
  }
  if (parsed === null || parsed.version !== 1 || typeof parsed.outSize !== 'number' || typeof parsed.logs !== 'object' || parsed.logs === null) {
    throw new Error(`${path} is not a state file of this version; move it away to start over`);
  }
  return { version: 1, outSize: parsed.outSize, logs: parsed.logs as Record<string, LogState> };
}

/** Writes the state (`JSON.stringify` of a `WatchState`) so that a crash leaves either the old or the new file: a temporary file, synced, then renamed over. */
export async function saveState(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w');
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (e: unknown) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
