/**
 * Little-endian reads that never throw: every reader of the EVTX format checks lengths itself and
 * treats bytes past the end as absent (`undefined`), so a damaged file becomes a note, not a crash.
 */

/**
 * CRC-32 tables for slicing by 8: table k holds the CRC of a byte followed by k zero bytes, so eight
 * bytes are folded per step with eight look-ups instead of one byte per look-up.
 */
const CRC_TABLES = ((): Int32Array => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const prev = t[(k - 1) * 256 + n] ?? 0;
      t[k * 256 + n] = (prev >>> 8) ^ (t[prev & 0xff] ?? 0);
    }
  }
  return t;
})();

/** CRC-32 (IEEE, as zlib) of byte ranges taken in order: EVTX checksums skip a field. */
export type Checksum = (bytes: Uint8Array, ranges: readonly (readonly [number, number])[]) => number;

/**
 * The checksum in plain code. A host with a native CRC-32 (Node's zlib) passes its own to
 * `createEvtxText`: it costs a quarter of this.
 */
export function crc32(bytes: Uint8Array, ranges: readonly (readonly [number, number])[]): number {
  const t = CRC_TABLES;
  let c = -1;
  for (const [from, to] of ranges) {
    const end = Math.min(to, bytes.length);
    let i = Math.max(0, from);
    for (; i + 8 <= end; i += 8) {
      const a = c ^ ((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24));
      const b = (bytes[i + 4] ?? 0) | ((bytes[i + 5] ?? 0) << 8) | ((bytes[i + 6] ?? 0) << 16) | ((bytes[i + 7] ?? 0) << 24);
      c = (t[1792 + (a & 0xff)] ?? 0) ^ (t[1536 + ((a >>> 8) & 0xff)] ?? 0) ^ (t[1280 + ((a >>> 16) & 0xff)] ?? 0) ^ (t[1024 + (a >>> 24)] ?? 0)
        ^ (t[768 + (b & 0xff)] ?? 0) ^ (t[512 + ((b >>> 8) & 0xff)] ?? 0) ^ (t[256 + ((b >>> 16) & 0xff)] ?? 0) ^ (t[b >>> 24] ?? 0);
    }
    for (; i < end; i++) c = (t[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  }
  return (c ^ -1) >>> 0;
}

export function u8(b: Uint8Array, at: number): number | undefined {
  return at >= 0 && at < b.length ? b[at] : undefined;
}

export function u16(b: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 2 > b.length) return undefined;
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

export function u32(b: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 4 > b.length) return undefined;
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}

/** A 64-bit unsigned value as a bigint (record ids and FILETIMEs go past 2^53). */
export function u64(b: Uint8Array, at: number): bigint | undefined {
  const lo = u32(b, at);
  const hi = u32(b, at + 4);
  return lo === undefined || hi === undefined ? undefined : (BigInt(hi) << 32n) | BigInt(lo);
}

/** True when `b` holds the ASCII `signature` at `at`. */
export function hasSignature(b: Uint8Array, at: number, signature: string): boolean {
  if (at < 0 || at + signature.length > b.length) return false;
  for (let i = 0; i < signature.length; i++) if (b[at + i] !== signature.charCodeAt(i)) return false;
  return true;
}

const PIECE = 4096;

/**
 * `count` UTF-16LE code units from `at` (fewer when the bytes end first). Unpaired surrogates are
 * kept as they are, as Windows stores them.
 */
export function utf16(b: Uint8Array, at: number, count: number): string {
  const n = Math.max(0, Math.min(count, Math.floor((b.length - at) / 2)));
  if (at < 0 || n === 0) return '';
  let out = '';
  if (n <= 32) {
    // Most names and values are short: a loop beats building an argument array.
    for (let i = 0, p = at; i < n; i++, p += 2) out += String.fromCharCode((b[p] ?? 0) | ((b[p + 1] ?? 0) << 8));
    return out;
  }
  const codes = new Array<number>(Math.min(n, PIECE));
  for (let done = 0; done < n; done += PIECE) {
    const m = Math.min(PIECE, n - done);
    codes.length = m;
    for (let i = 0; i < m; i++) {
      const p = at + (done + i) * 2;
      codes[i] = (b[p] ?? 0) | ((b[p + 1] ?? 0) << 8);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** A UTF-16 string cut at its first NUL (values often carry a terminator inside their size). */
export function utf16z(b: Uint8Array, at: number, count: number): string {
  const s = utf16(b, at, count);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

export function hex(n: number | bigint, width = 0): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}
