import { createReadStream } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';

/** Files a folder analysis reads: logs and exports people collect, not docs or binaries. */
const LOG_FILE = /\.(?:log|svclog|txt|xml|csv|out|lo_)$|^[^.]+$/i;
const SKIP_DIR = new Set(['node_modules', '.git', '.e2e', 'dist', 'out', '.vscode', 'test-results']);

export interface WalkOptions {
  readonly maxFiles: number;
  readonly maxDepth: number;
}

/** Log files under a folder, breadth-first, capped so a huge tree cannot stall the server. */
export async function walkLogs(root: string, options: WalkOptions = { maxFiles: 2000, maxDepth: 6 }): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    let dir;
    try {
      dir = await opendir(next.dir);
    } catch {
      continue;
    }
    for await (const entry of dir) {
      if (entry.name.startsWith('.') && entry.name !== '.') continue;
      const full = join(next.dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIR.has(entry.name) && next.depth < options.maxDepth) queue.push({ dir: full, depth: next.depth + 1 });
      } else if (entry.isFile() && LOG_FILE.test(entry.name)) {
        files.push(full);
        if (files.length >= options.maxFiles) return { files: files.sort(), truncated: true };
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/**
 * Reads a log of any size as text: UTF-8, or UTF-16 LE/BE when a BOM (or the NUL pattern of
 * UTF-16 LE without one) says so. Chunks go to `onChunk` as they are decoded.
 */
export async function readLogText(path: string, onChunk: (text: string) => void, signal?: AbortSignal): Promise<number> {
  const size = (await stat(path)).size;
  let decoder: TextDecoder | undefined;
  let swap = false;
  let odd: Buffer | undefined; // a byte of a big-endian pair split across chunks
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const raw of stream as AsyncIterable<Buffer>) {
    if (signal?.aborted) { stream.destroy(); throw new Error('cancelled'); }
    let bytes: Buffer = raw;
    if (!decoder) {
      ({ decoder, swap } = chooseDecoder(bytes));
      if (swap) bytes = bytes.subarray(2);
    }
    if (swap) {
      const joined = odd ? Buffer.concat([odd, bytes]) : bytes;
      const even = joined.length - (joined.length % 2);
      odd = even < joined.length ? Buffer.from(joined.subarray(even)) : undefined;
      bytes = Buffer.from(joined.subarray(0, even));
      bytes.swap16();
    }
    onChunk(decoder.decode(bytes, { stream: true }));
  }
  if (decoder) onChunk(decoder.decode());
  return size;
}

function chooseDecoder(head: Buffer): { decoder: TextDecoder; swap: boolean } {
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new TextDecoder('utf-16le'), swap: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { decoder: new TextDecoder('utf-16le'), swap: true };
  const sample = head.subarray(0, 4096);
  let oddNul = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) oddNul++;
  if (sample.length >= 16 && oddNul > (sample.length / 2) * 0.9) return { decoder: new TextDecoder('utf-16le'), swap: false };
  return { decoder: new TextDecoder('utf-8'), swap: false };
}
