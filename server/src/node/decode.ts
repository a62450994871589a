import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

/**
 * Bytes read per chunk: memory per file stays about this size whatever the file's. Node's own read
 * size: a 64 KB chunk is an ordinary young string that dies with its records, where 1 MB chunks
 * (strings kept outside the heap, released only by a later collection) held `check` at 126-150 MB
 * instead of 70-90 MB, at the same speed.
 */
export const CHUNK_BYTES = 64 * 1024;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a file from its first bytes: a BOM, or UTF-16 without one when every other byte
 * of a sample is NUL (even positions: big-endian, odd: little-endian).
 */
export function sniffEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 16) return 'utf-8';
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  if (odd > (n / 2) * 0.9 && even < n / 20) return 'utf-16le';
  if (even > (n / 2) * 0.9 && odd < n / 20) return 'utf-16be';
  return 'utf-8';
}

export interface TextChunk {
  readonly text: string;
  /** Bytes read so far, for progress. */
  readonly bytesRead: number;
}

/**
 * Streams a file as decoded text in chunks of about CHUNK_BYTES. The BOM is dropped; a character
 * split across two reads is completed by the streaming decoder. UTF-16 BE is byte-swapped to LE.
 */
export async function* readTextChunks(path: string, chunkBytes: number = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  let decoder: TextDecoder | undefined;
  let encoding: Encoding = 'utf-8';
  let carry: number | undefined;
  let bytesRead = 0;
  let clean = false; // the decoder holds no partial character
  for await (const data of stream as AsyncIterable<Buffer>) {
    bytesRead += data.length;
    if (!decoder) {
      encoding = sniffEncoding(data);
      decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'utf-16le');
    } else if (encoding === 'utf-8' && clean && isAscii(data)) {
      // ASCII after a whole character is its own UTF-8 decoding: copy it as Latin-1, far cheaper.
      // (The first chunk always goes through the decoder, which owns BOM handling.)
      yield { text: data.toString('latin1'), bytesRead };
      continue;
    }
    const bytes = encoding === 'utf-16be' ? swapBytes(data, carry, (b) => { carry = b; }) : data;
    const text = decoder.decode(bytes, { stream: true });
    clean = data.length > 0 && (data[data.length - 1] ?? 0x80) < 0x80;
    if (text.length > 0) yield { text, bytesRead };
  }
  const tail = decoder?.decode() ?? '';
  if (tail.length > 0) yield { text: tail, bytesRead };
}

/** Big-endian UTF-16 to little-endian, keeping an odd last byte for the next read. */
function swapBytes(data: Buffer, carry: number | undefined, setCarry: (b: number | undefined) => void): Buffer {
  const joined = carry === undefined ? data : Buffer.concat([Buffer.from([carry]), data]);
  const even = joined.length & ~1;
  setCarry(even < joined.length ? joined[even] : undefined);
  const out = Buffer.from(joined.subarray(0, even));
  out.swap16();
  return out;
}
