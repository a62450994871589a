import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import * as zlib from 'node:zlib';
import { CHUNK_SIZE, createEvtxText, FILE_HEADER, isEvtx, type Checksum, type EvtxText } from '../core/evtx';

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
 * A multiple of the EVTX chunk size, so an event log is read whole chunks at a time.
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

/** A file on disk (its path) or its bytes already in memory (an entry of a ZIP bundle). */
type TextSource = string | Uint8Array;

/**
 * THE way from a file's bytes to the text every reader analyses, in chunks of about `chunkBytes`
 * characters so memory stays flat whatever the size:
 * - a binary Windows event log (`ElfFile\0` at offset 0, whatever the name) is rendered to Event XML
 *   as `wevtutil qe /f:xml /e:Events` writes it (`core/evtx`), damage noted in place as comments;
 * - text is decoded from UTF-8 or UTF-16 (BOM or sniffed); the BOM is dropped, a character split
 *   across two chunks is completed by the streaming decoder, UTF-16 BE is byte-swapped to LE.
 */
export function readTextChunks(source: TextSource, chunkBytes: number = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  return decodeTextChunks(bytePieces(source), chunkBytes);
}

/**
 * `readTextChunks` for bytes however they arrive (from disk, or inflated from a zip entry): the one
 * place bytes become text, so every source reads alike.
 */
export async function* decodeTextChunks(pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, chunkBytes: number = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  let evtx: EvtxText | undefined;
  let text: TextDecoding | undefined;
  let bytesRead = 0;
  for await (const piece of pieces) {
    if (piece.length === 0) continue;
    if (!evtx && !text) {
      if (isEvtx(piece)) evtx = createEvtxText(nativeCrc32);
      else text = new TextDecoding(piece);
    }
    if (evtx) {
      // One EVTX chunk at a time: its text (about 100 KB) is a young string that dies young, where
      // a whole read's (1.3 MB) went straight to V8's large-object space and grew the heap. Cut at
      // the file's own chunk boundaries, so the reader takes each chunk in place.
      for (let at = 0; at < piece.length;) {
        const step = bytesRead < FILE_HEADER ? FILE_HEADER - bytesRead : CHUNK_SIZE - ((bytesRead - FILE_HEADER) % CHUNK_SIZE);
        const data = piece.subarray(at, Math.min(piece.length, at + step));
        at += data.length;
        bytesRead += data.length;
        const out = evtx.push(data);
        if (out.length > 0) yield { text: out, bytesRead };
      }
      continue;
    }
    for (let at = 0; at < piece.length; at += chunkBytes) {
      const data = piece.subarray(at, Math.min(piece.length, at + chunkBytes));
      bytesRead += data.length;
      const out = text?.decode(data) ?? '';
      if (out.length > 0) yield { text: out, bytesRead };
    }
  }
  const tail = evtx ? evtx.end() : text?.end() ?? '';
  if (tail.length > 0) yield { text: tail, bytesRead };
}

/** True when the file at `path` is a binary Windows event log (its first bytes are `ElfFile\0`). */
export async function isEvtxFile(path: string): Promise<boolean> {
  return isEvtx(await readHead(path, 8));
}

/** The text of the first `n` bytes of the file at `path`, decoded as the whole file would be. */
export async function readHeadText(path: string, n: number): Promise<string> {
  const head = await readHead(path, n);
  const parts: string[] = [];
  for await (const chunk of decodeTextChunks([head])) parts.push(chunk.text);
  return parts.join('');
}

/** The first `n` bytes of the file at `path` (fewer when it is shorter). */
export async function readHead(path: string, n: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The whole text of a source at once, for what needs it whole (an editor document). */
export async function readText(source: TextSource): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of readTextChunks(source)) parts.push(chunk.text);
  return parts.join('');
}

/**
 * The bytes of a source in pieces. A file is read into one buffer reused for the whole file: each
 * piece is consumed before the next read. Bytes in memory are cut into views, never copied.
 */
export async function* bytePieces(source: TextSource): AsyncGenerator<Uint8Array> {
  if (typeof source !== 'string') {
    for (let at = 0; at < source.length; at += READ_BYTES) yield source.subarray(at, at + READ_BYTES);
    return;
  }
  const file = await open(source, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** Streaming text decoding; the encoding is sniffed from the first piece (up to 4 KB of it). */
class TextDecoding {
  private readonly encoding: Encoding;
  private readonly decoder: TextDecoder;
  private carry: number | undefined;
  private clean = false; // the decoder holds no partial character

  constructor(first: Uint8Array) {
    this.encoding = sniffEncoding(first);
    this.decoder = new TextDecoder(this.encoding === 'utf-8' ? 'utf-8' : 'utf-16le');
  }

  decode(data: Uint8Array): string {
    if (this.encoding === 'utf-8' && this.clean && isAscii(data)) {
      // ASCII after a whole character is its own UTF-8 decoding: copy it as Latin-1, far cheaper.
      // (`clean` is set by the decoder, so the first chunk, which may hold the BOM, goes through it.)
      return Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
    }
    const bytes = this.encoding === 'utf-16be' ? swapBytes(data, this.carry, (b) => { this.carry = b; }) : data;
    const text = this.decoder.decode(bytes, { stream: true });
    this.clean = data.length > 0 && (data[data.length - 1] ?? 0x80) < 0x80;
    return text;
  }

  end(): string {
    return this.decoder.decode();
  }
}

/** Big-endian UTF-16 to little-endian, keeping an odd last byte for the next read. */
function swapBytes(data: Uint8Array, carry: number | undefined, setCarry: (b: number | undefined) => void): Buffer {
  const joined = carry === undefined ? data : Buffer.concat([Buffer.from([carry]), data]);
  const even = joined.length & ~1;
  setCarry(even < joined.length ? joined[even] : undefined);
  const out = Buffer.from(joined.subarray(0, even));
  out.swap16();
  return out;
}

/**
 * zlib's CRC-32 over the ranges an EVTX checksum covers, where this Node has it (20.15 and later;
 * an older runtime reads with the core's own).
 */
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
export const nativeCrc32: Checksum | undefined = zlibCrc32 && ((bytes, ranges) => {
  let c = 0;
  for (const [from, to] of ranges) {
    const start = Math.max(0, from);
    // Never a negative end: subarray would count it from the back.
    c = zlibCrc32(bytes.subarray(start, Math.max(start, Math.min(to, bytes.length))), c);
  }
  return c >>> 0;
});
