import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';

/**
 * Bytes decoded per chunk: memory per file stays about this size whatever the file's. A 32 KB chunk
 * is a small young string that dies with the records cut from it. 1 MB chunks (strings Node keeps
 * outside the heap, released only by a later collection) held `check` at 124-150 MB on the bench's
 * IIS logs; 32 KB chunks at 61-73 MB, and 64 KB ones at 69-85 MB (a longer run lets V8 grow its young
 * generation, and larger chunks surviving each collection make it grow sooner).
 */
export const CHUNK_BYTES = 32 * 1024;
/**
 * Bytes read from disk at once, into one buffer reused for the whole file: a stream's read costs
 * about 25 µs beyond its bytes and a new buffer, which Node keeps outside the heap until collected.
 */
const READ_BYTES = 1024 * 1024;

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
 * Streams a file as decoded text in chunks of about `chunkBytes`, read from disk in larger pieces.
 * The BOM is dropped; a character split across two chunks is completed by the streaming decoder.
 * UTF-16 BE is byte-swapped to LE.
 */
export function readTextChunks(path: string, chunkBytes: number = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  return decodeTextChunks(readFileBytes(path, chunkBytes), chunkBytes);
}

/**
 * A file's bytes from disk, into one buffer reused for the whole file: each piece must be consumed
 * before the next is asked for (decodeTextChunks decodes it into a string first).
 */
async function* readFileBytes(path: string, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.max(chunkBytes, READ_BYTES));
    for (;;) {
      const { bytesRead: length } = await file.read(buffer, 0, buffer.length, null);
      if (length === 0) break;
      yield buffer.subarray(0, length);
    }
  } finally {
    await file.close();
  }
}

/**
 * Decodes a file's bytes, however they arrive (from disk, or inflated from a zip entry), as text
 * chunks of about `chunkBytes`: the one place bytes become text, so every source reads alike.
 */
export async function* decodeTextChunks(pieces: AsyncIterable<Uint8Array>, chunkBytes: number = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  let decoder: TextDecoder | undefined;
  let encoding: Encoding = 'utf-8';
  let carry: number | undefined;
  let bytesRead = 0;
  let clean = false; // the decoder holds no partial character
  for await (const piece of pieces) {
    const length = piece.length;
    if (length === 0) continue;
    const buffer = Buffer.from(piece.buffer, piece.byteOffset, length);
    if (!decoder) {
      // From the first piece, not the first chunk: the sniff looks at up to 4 KB.
      encoding = sniffEncoding(buffer);
      decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'utf-16le');
    }
    for (let at = 0; at < length; at += chunkBytes) {
      const data = buffer.subarray(at, Math.min(length, at + chunkBytes));
      bytesRead += data.length;
      if (encoding === 'utf-8' && clean && isAscii(data)) {
        // ASCII after a whole character is its own UTF-8 decoding: copy it as Latin-1, far cheaper.
        // (`clean` is set by the decoder, so the first chunk, which may hold the BOM, goes through it.)
        yield { text: data.toString('latin1'), bytesRead };
        continue;
      }
      const bytes = encoding === 'utf-16be' ? swapBytes(data, carry, (b) => { carry = b; }) : data;
      const text = decoder.decode(bytes, { stream: true });
      clean = data.length > 0 && (data[data.length - 1] ?? 0x80) < 0x80;
      if (text.length > 0) yield { text, bytesRead };
    }
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
