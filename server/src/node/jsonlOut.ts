import { open, stat } from 'node:fs/promises';

/** The tail read back after a crash is at most one poll's output; more than this is not ours to parse. */
const MAX_RECOVERY_BYTES = 64 * 1024 * 1024;

/**
 * The watcher's JSON lines output. Lines are appended and synced before the state that covers them
 * is saved. A crash between the two leaves lines the state does not know about: on start they are
 * read back (everything after the state's `outSize`) and their fingerprints skipped once when the
 * same findings come round again. A line cut off by the crash is removed, so the next line does not
 * run into it.
 */
export class JsonlOut {
  private constructor(private readonly path: string, private size: number, private readonly replayed: Set<string>) {}

  static async open(path: string, stateOutSize: number): Promise<JsonlOut> {
    let size = 0;
    try {
      size = (await stat(path)).size;
    } catch (e: unknown) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const replayed = new Set<string>();
    // A smaller file than the state knows was rotated or emptied by someone else: nothing to replay.
    if (size > stateOutSize && size - stateOutSize <= MAX_RECOVERY_BYTES) {
      const file = await open(path, 'r+');
      try {
        const tail = Buffer.alloc(size - stateOutSize);
        await file.read(tail, 0, tail.length, stateOutSize);
        const complete = tail.lastIndexOf(0x0a) + 1;
        if (complete < tail.length) {
          await file.truncate(stateOutSize + complete);
          await file.sync();
          size = stateOutSize + complete;
        }
        for (const line of tail.subarray(0, complete).toString('utf8').split('\n')) {
          const fp = fingerprintOfLine(line);
          if (fp !== undefined) replayed.add(fp);
        }
      } finally {
        await file.close();
      }
    }
    return new JsonlOut(path, size, replayed);
  }

  /** The output's size after the last append: the state saves it. */
  get bytes(): number {
    return this.size;
  }

  /** Whether a line with this fingerprint was written before a crash and is not to be written again. */
  alreadyWritten(fingerprint: string): boolean {
    return this.replayed.delete(fingerprint);
  }

  /** Appends the lines and syncs them to disk before returning. */
  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const file = await open(this.path, 'a');
    try {
      await file.writeFile(lines.join(''), 'utf8');
      await file.sync();
      // Measured, not added up: whoever rotates the output may have started a new file.
      this.size = (await file.stat()).size;
    } finally {
      await file.close();
    }
  }
}

/** The fingerprint of a line in either schema (flat `fingerprint`, ECS `event.id`). */
function fingerprintOfLine(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  try {
    const o = JSON.parse(line) as { fingerprint?: unknown; event?: { id?: unknown } };
    const fp = o.fingerprint ?? o.event?.id;
    return typeof fp === 'string' ? fp : undefined;
  } catch {
    return undefined;
  }
}
