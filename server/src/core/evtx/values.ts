import { hex, u16, u32, u64, u8, utf16, utf16z } from './bytes';
import { escapeQuotes, escapeText } from './escape';

/**
 * A BinXML value: text as `wevtutil qe /f:xml` prints it, the items of an array (the element that
 * holds it is repeated once per item), a nested BinXML fragment (`UserData`, some `EventData`), or
 * nothing (a null or deleted substitution).
 */
export type Value =
  | { readonly kind: 'null' }
  | { readonly kind: 'text'; readonly text: string; escaped?: string; quoted?: string }
  | { readonly kind: 'array'; readonly items: readonly string[] }
  | { readonly kind: 'binxml'; readonly from: number; readonly to: number };

export const NULL_VALUE: Value = { kind: 'null' };

type TextValue = Extract<Value, { kind: 'text' }>;

/**
 * A text value escaped as element content, and as an attribute's quoted value: worked out once per
 * value, as a value taken again for the next record (`ChunkContext.slotValue`) renders the same.
 */
export function contentText(v: TextValue): string {
  return v.escaped ??= escapeText(v.text);
}
export function attributeText(v: TextValue): string {
  return v.quoted ??= escapeQuotes(contentText(v));
}

export const TYPE = {
  null: 0x00, string: 0x01, ansi: 0x02, int8: 0x03, uint8: 0x04, int16: 0x05, uint16: 0x06, int32: 0x07, uint32: 0x08,
  int64: 0x09, uint64: 0x0a, real32: 0x0b, real64: 0x0c, bool: 0x0d, binary: 0x0e, guid: 0x0f, sizeT: 0x10,
  fileTime: 0x11, sysTime: 0x12, sid: 0x13, hexInt32: 0x14, hexInt64: 0x15, evtHandle: 0x20, binXml: 0x21, evtXml: 0x23,
  array: 0x80,
} as const;

/** Bytes per item of the fixed-size types (arrays of them are packed items). */
const FIXED: Readonly<Record<number, number>> = {
  [TYPE.int8]: 1, [TYPE.uint8]: 1, [TYPE.int16]: 2, [TYPE.uint16]: 2, [TYPE.int32]: 4, [TYPE.uint32]: 4,
  [TYPE.int64]: 8, [TYPE.uint64]: 8, [TYPE.real32]: 4, [TYPE.real64]: 8, [TYPE.bool]: 4, [TYPE.guid]: 16,
  [TYPE.fileTime]: 8, [TYPE.sysTime]: 16, [TYPE.hexInt32]: 4, [TYPE.hexInt64]: 8,
};

/** Most array items rendered for one value: a damaged size cannot make millions of elements. */
const MAX_ITEMS = 4096;

export function fixedSize(type: number): number | undefined {
  return FIXED[type];
}

/** The value of `type` stored in `b[at, at + size)`. Bytes that do not fit the type render as hex. */
export function readValue(b: Uint8Array, at: number, size: number, type: number): Value {
  const end = Math.min(b.length, at + size);
  if (type === TYPE.null || size <= 0) return NULL_VALUE;
  if (type === TYPE.binXml) return { kind: 'binxml', from: at, to: end };
  if (type & TYPE.array) {
    const items = arrayItems(b, at, end, type & 0x7f);
    return items ? { kind: 'array', items } : { kind: 'text', text: binaryText(b, at, end) };
  }
  const text = scalarText(b, at, end, type);
  return { kind: 'text', text: text ?? binaryText(b, at, end) };
}

function arrayItems(b: Uint8Array, at: number, end: number, type: number): string[] | undefined {
  const items: string[] = [];
  if (type === TYPE.string) {
    // NUL-separated UTF-16 strings.
    const parts = utf16(b, at, Math.floor((end - at) / 2)).split('\0');
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts.slice(0, MAX_ITEMS);
  }
  if (type === TYPE.sid) {
    for (let p = at; p + 8 <= end && items.length < MAX_ITEMS;) {
      const n = u8(b, p + 1) ?? 0;
      const size = 8 + 4 * n;
      if (p + size > end) return undefined;
      items.push(sidText(b, p, p + size) ?? '');
      p += size;
    }
    return items;
  }
  const width = FIXED[type];
  if (width === undefined || (end - at) % width !== 0) return undefined;
  for (let p = at; p + width <= end && items.length < MAX_ITEMS; p += width) items.push(scalarText(b, p, p + width, type) ?? '');
  return items;
}

const view = (b: Uint8Array, at: number, size: number): DataView => new DataView(b.buffer, b.byteOffset + at, size);

/** One scalar as wevtutil prints it; undefined when the bytes are too few for the type. */
function scalarText(b: Uint8Array, at: number, end: number, type: number): string | undefined {
  const size = end - at;
  const need = FIXED[type];
  if (need !== undefined && size < need) return undefined;
  switch (type) {
    case TYPE.string: return utf16z(b, at, Math.floor(size / 2));
    case TYPE.ansi: {
      let s = '';
      for (let i = at; i < end && b[i] !== 0; i++) s += String.fromCharCode(b[i] ?? 0);
      return s;
    }
    // Signed widths by shifting the sign bit into place: no DataView per value.
    case TYPE.int8: return String(((u8(b, at) ?? 0) << 24) >> 24);
    case TYPE.uint8: return String(u8(b, at));
    case TYPE.int16: return String(((u16(b, at) ?? 0) << 16) >> 16);
    case TYPE.uint16: return String(u16(b, at));
    case TYPE.int32: return String((u32(b, at) ?? 0) | 0);
    case TYPE.uint32: return String(u32(b, at));
    case TYPE.int64: return String(view(b, at, size).getBigInt64(0, true));
    case TYPE.uint64: return u64Text(b, at);
    case TYPE.real32: return float32Text(view(b, at, size).getFloat32(0, true));
    case TYPE.real64: return String(view(b, at, size).getFloat64(0, true));
    case TYPE.bool: return u32(b, at) !== 0 ? 'true' : 'false';
    case TYPE.binary: return binaryText(b, at, end);
    case TYPE.guid: return guidText(b, at);
    case TYPE.sizeT: return size === 4 ? `0x${(u32(b, at) ?? 0).toString(16)}` : size === 8 ? `0x${u64Hex(b, at)}` : undefined;
    case TYPE.fileTime: return fileTimeAt(b, at);
    case TYPE.sysTime: return sysTimeText(b, at);
    case TYPE.sid: return sidText(b, at, end);
    case TYPE.hexInt32: return `0x${(u32(b, at) ?? 0).toString(16)}`;
    case TYPE.hexInt64: return `0x${u64Hex(b, at)}`;
    default: return undefined; // EvtHandle, EvtXml and unknown types: their bytes in hex.
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => hex(i, 2));

/**
 * A 32-bit float in the fewest digits that read back as the same float (0.1, not the
 * 0.10000000149011612 of the double it widens to), as a 64-bit one is printed.
 */
export function float32Text(f: number): string {
  if (!Number.isFinite(f)) return String(f);
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(f.toPrecision(digits));
    if (Math.fround(shorter) === f) return String(shorter);
  }
  return String(Number(f.toPrecision(9)));
}

/** A 64-bit unsigned value in decimal; in plain numbers below 2^53 (record ids), a bigint above. */
function u64Text(b: Uint8Array, at: number): string {
  const lo = u32(b, at) ?? 0;
  const hi = u32(b, at + 4) ?? 0;
  return hi < 0x200000 ? String(hi * 0x100000000 + lo) : String(u64(b, at) ?? 0n);
}

/** A 64-bit unsigned value in lower-case hex without leading zeros, from its two halves. */
function u64Hex(b: Uint8Array, at: number): string {
  const lo = u32(b, at) ?? 0;
  const hi = u32(b, at + 4) ?? 0;
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/** Bytes as upper-case hex without separators, as wevtutil prints `<Binary>`. */
export function binaryText(b: Uint8Array, at: number, end: number): string {
  let s = '';
  for (let i = Math.max(0, at); i < Math.min(end, b.length); i++) s += HEX[b[i] ?? 0] ?? '';
  return s;
}

/** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`: the first three groups are little-endian. */
export function guidText(b: Uint8Array, at: number): string {
  const d1 = u32(b, at) ?? 0;
  const d2 = u16(b, at + 4) ?? 0;
  const d3 = u16(b, at + 6) ?? 0;
  return `{${hex(d1, 8)}-${hex(d2, 4)}-${hex(d3, 4)}-${binaryText(b, at + 8, at + 10)}-${binaryText(b, at + 10, at + 16)}}`;
}

/** `S-1-5-21-…`: revision, count, a 48-bit big-endian authority, then little-endian sub-authorities. */
export function sidText(b: Uint8Array, at: number, end: number): string | undefined {
  const revision = u8(b, at);
  const count = u8(b, at + 1);
  if (revision === undefined || count === undefined || at + 8 + 4 * count > end) return undefined;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (b[at + i] ?? 0);
  let s = `S-${revision}-${authority}`;
  for (let i = 0; i < count; i++) s += `-${u32(b, at + 8 + 4 * i) ?? 0}`;
  return s;
}

/**
 * The FILETIME at `at` as `fileTimeText` writes it, in plain numbers for the times a log holds: a
 * bigint and a Date per value cost 4% of reading, and neighbouring events share their second.
 */
function fileTimeAt(b: Uint8Array, at: number): string {
  const lo = u32(b, at) ?? 0;
  const hi = u32(b, at + 4) ?? 0;
  // While hi < 2^30 (until about the year 16,000) every step below is exact in a double; later ones take bigints.
  if (hi >= 0x40000000) return fileTimeText(u64(b, at) ?? 0n);
  // ticks = hi * 2^32 + lo, and 2^32 = 429 * 10^7 + 4,967,296.
  const rest = hi * 4967296 + lo;
  const frac = rest % 10000000;
  const seconds = hi * 429 + (rest - frac) / 10000000 - EPOCH_SECONDS;
  if (seconds !== lastSecond) { lastSecond = seconds; lastIso = isoSecond(seconds); }
  return `${lastIso}.${String(frac + 10000000).slice(1)}Z`;
}
const EPOCH_SECONDS = 11644473600;
let lastSecond = NaN;
let lastIso = '';
let lastDay = NaN;
let lastDate = '';

/** `YYYY-MM-DDTHH:MM:SS` of a Unix second: the date part (a Date's work) once a day, the time by arithmetic. */
function isoSecond(seconds: number): string {
  const within = ((seconds % 86400) + 86400) % 86400;
  const day = (seconds - within) / 86400;
  if (day !== lastDay) { lastDay = day; lastDate = new Date(day * 86400000).toISOString().slice(0, 11); }
  // A year past 9999 (a damaged value) is written `+010400-…`: cut as it always was.
  if (lastDate.charCodeAt(0) === 43) return new Date(seconds * 1000).toISOString().slice(0, 19);
  const h = Math.floor(within / 3600);
  const m = Math.floor((within % 3600) / 60);
  return `${lastDate}${TWO[h] ?? ''}:${TWO[m] ?? ''}:${TWO[within % 60] ?? ''}`;
}
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

const EPOCH_DIFF = 116444736000000000n; // 100 ns intervals from 1601-01-01 to 1970-01-01

/** A FILETIME (100 ns since 1601, UTC) as `2024-05-01T12:00:00.1234567Z`. */
export function fileTimeText(ft: bigint): string {
  const ticks = ft - EPOCH_DIFF;
  let seconds = ticks / 10000000n;
  if (seconds * 10000000n > ticks) seconds -= 1n; // floor for times before 1970
  const frac = ticks - seconds * 10000000n;
  const date = new Date(Number(seconds) * 1000);
  const iso = Number.isNaN(date.getTime()) ? '1601-01-01T00:00:00' : date.toISOString().slice(0, 19);
  return `${iso}.${frac.toString().padStart(7, '0')}Z`;
}

function sysTimeText(b: Uint8Array, at: number): string {
  const [y, mo, , d, h, mi, s, ms] = [0, 2, 4, 6, 8, 10, 12, 14].map((o) => u16(b, at + o) ?? 0);
  const two = (n: number | undefined): string => String(n ?? 0).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms ?? 0).padStart(3, '0')}0000Z`;
}
