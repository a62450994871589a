/** Byte encoders for the EVTX writer: the inverse of what `core/evtx/values.ts` reads. */

export const T = {
  string: 0x01, ansi: 0x02, int8: 0x03, uint8: 0x04, int16: 0x05, uint16: 0x06, int32: 0x07, uint32: 0x08,
  int64: 0x09, uint64: 0x0a, real32: 0x0b, real64: 0x0c, bool: 0x0d, binary: 0x0e, guid: 0x0f, sizeT: 0x10,
  fileTime: 0x11, sysTime: 0x12, sid: 0x13, hexInt32: 0x14, hexInt64: 0x15, binXml: 0x21, array: 0x80,
} as const;

export function le(n: number | bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = BigInt.asUintN(bytes * 8, BigInt(n));
  for (let i = 0; i < bytes; i++) { out[i] = Number(v & 0xffn); v >>= 8n; }
  return out;
}

/** ASCII text (signatures) as its bytes. */
export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[2 * i] = c & 0xff; out[2 * i + 1] = c >> 8; }
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** `{01234567-89AB-CDEF-0123-456789ABCDEF}` (braces optional) to its 16 bytes; undefined if not a GUID. */
export function guidBytes(s: string): Uint8Array | undefined {
  const m = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i.exec(s.trim());
  if (!m) return undefined;
  const hex = (h: string): number[] => (h.match(/../g) ?? []).map((x) => parseInt(x, 16));
  return Uint8Array.from([
    ...hex(m[1] ?? '').reverse(), ...hex(m[2] ?? '').reverse(), ...hex(m[3] ?? '').reverse(), ...hex(m[4] ?? ''), ...hex(m[5] ?? ''),
  ]);
}

/** `S-1-5-21-…` to its bytes; undefined if not a SID. */
export function sidBytes(s: string): Uint8Array | undefined {
  const m = /^S-(\d+)-(\d+)((?:-\d+)*)$/.exec(s.trim());
  if (!m) return undefined;
  const subs = (m[3] ?? '').split('-').filter((x) => x !== '').map(Number);
  const authority = le(BigInt(m[2] ?? '0'), 6).reverse(); // big-endian
  return concat([Uint8Array.from([Number(m[1]), subs.length]), authority, ...subs.map((x) => le(x, 4))]);
}

const EPOCH_DIFF = 116444736000000000n;

/** An ISO time (`…Z`, up to 7 decimals) to FILETIME ticks; undefined if not one. */
export function fileTime(iso: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z?$/.exec(iso.trim());
  if (!m) return undefined;
  const ms = Date.parse(`${m[1] ?? ''}Z`);
  if (Number.isNaN(ms)) return undefined;
  const frac = BigInt(((m[2] ?? '') + '0000000').slice(0, 7));
  return BigInt(ms) * 10000n + frac + EPOCH_DIFF;
}

export function sysTimeBytes(d: Date): Uint8Array {
  return concat([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDay(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()].map((n) => le(n, 2)));
}
