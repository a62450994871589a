import type { LogRecord, OffsetMap } from './types';

/** Document offset of index `i` of a record's text. */
export function toDocumentOffset(record: LogRecord, i: number): number {
  const map = record.map;
  if (!map) return record.start + i;
  return mapOffset(map, i);
}

function mapOffset(map: OffsetMap, i: number): number {
  // Binary search for the last anchor at or before i.
  let lo = 0;
  let hi = map.text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.text[mid] ?? 0) <= i) lo = mid;
    else hi = mid - 1;
  }
  return (map.doc[lo] ?? 0) + i - (map.text[lo] ?? 0);
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;

/** Every regex of this module, for the linear-time check in the test suite. */
export const TEXT_PATTERNS: readonly RegExp[] = [ENTITY];

/**
 * Decodes the five predefined XML entities and numeric character references, nothing else:
 * no DTD is read and no other entity is ever expanded. Returns the decoded text and the map back
 * to offsets (`base` = document offset of raw[0]).
 */
export function decodeXmlText(raw: string, base: number): { text: string; map: OffsetMap } {
  const textAnchors: number[] = [0];
  const docAnchors: number[] = [base];
  if (!raw.includes('&')) return { text: raw, map: { text: textAnchors, doc: docAnchors } };
  let out = '';
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(raw); m; m = ENTITY.exec(raw)) {
    const name = m[1] ?? '';
    let ch: string | undefined;
    if (name.startsWith('#x')) ch = safeCodePoint(parseInt(name.slice(2), 16));
    else if (name.startsWith('#')) ch = safeCodePoint(parseInt(name.slice(1), 10));
    else ch = ENTITIES[name];
    if (ch === undefined) continue;
    out += raw.slice(last, m.index);
    // The decoded character maps to the entity's first character; the text after it resumes linearly.
    textAnchors.push(out.length);
    docAnchors.push(base + m.index);
    out += ch === '\r' || ch === '\n' ? ' ' : ch;
    last = m.index + m[0].length;
    textAnchors.push(out.length);
    docAnchors.push(base + last);
  }
  out += raw.slice(last);
  return { text: out, map: { text: textAnchors, doc: docAnchors } };
}

function safeCodePoint(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

/** Replaces CR and LF with blanks so a multi-line record reads as one line of the same length. */
export function flattenLineBreaks(s: string): string {
  return s.includes('\n') || s.includes('\r') ? s.replace(/[\r\n]/g, ' ') : s;
}

/** Line-start index of a text, built incrementally; turns offsets into 0-based line/character. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private scanned = 0;
  private pendingCr = false;

  /** Feeds the next piece of the text (for streaming readers). */
  append(chunk: string, chunkOffset: number): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const offset = chunkOffset + i;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === 10) { this.starts[this.starts.length - 1] = offset + 1; continue; }
      }
      if (c === 10) this.starts.push(offset + 1);
      else if (c === 13) { this.starts.push(offset + 1); this.pendingCr = true; }
    }
    this.scanned = chunkOffset + chunk.length;
  }

  static of(text: string): LineIndex {
    const index = new LineIndex();
    index.append(text, 0);
    return index;
  }

  get lineCount(): number { return this.starts.length; }
  get length(): number { return this.scanned; }

  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - (this.starts[lo] ?? 0) };
  }
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 represents a slice of a long
 * string, and a concatenation, by reference: a rule that keeps a client's name from one record
 * would otherwise keep that record's whole read chunk (a megabyte) in memory for as long.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
