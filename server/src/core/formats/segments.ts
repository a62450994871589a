import type { OffsetMap } from '../types';

/**
 * Pieces of one record that sit on different physical lines (a wrapped message, a key/value block).
 * `start` is the document offset of `text[0]`.
 */
export interface Segment {
  readonly start: number;
  readonly text: string;
}

/**
 * Joins the segments of one record into the text signatures read: each piece keeps its own words,
 * line breaks and the indentation of continuation lines become one blank (or nothing, where `glue`
 * says a word was split), and a map leads every index back to its document offset. A single
 * segment is returned as is, without a map.
 */
export function joinSegments(segments: readonly Segment[], glue?: (prev: Segment, next: Segment, index: number) => string): { text: string; map?: OffsetMap } {
  const first = segments[0];
  if (!first) return { text: '' };
  if (segments.length === 1) return { text: first.text };
  const textAnchors: number[] = [0];
  const docAnchors: number[] = [first.start];
  let text = first.text;
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1];
    const seg = segments[i];
    if (!prev || !seg) continue;
    text += glue ? glue(prev, seg, i) : ' ';
    textAnchors.push(text.length);
    docAnchors.push(seg.start);
    text += seg.text;
  }
  return { text, map: { text: textAnchors, doc: docAnchors } };
}

/** The segment of a physical line without its leading and trailing blanks (undefined when blank). */
export function trimmedSegment(text: string, start: number): Segment | undefined {
  let a = 0;
  let b = text.length;
  while (a < b && isBlank(text.charCodeAt(a))) a++;
  while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
  return a < b ? { start: start + a, text: text.slice(a, b) } : undefined;
}

/** The segment of a physical line without trailing blanks (undefined when blank). */
export function rightTrimmedSegment(text: string, start: number): Segment | undefined {
  let b = text.length;
  while (b > 0 && isBlank(text.charCodeAt(b - 1))) b--;
  return b > 0 ? { start, text: text.slice(0, b) } : undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/**
 * Local date and time as the exports print them, to ISO-8601 without a zone: `3/5/2024 9:14:05 AM`
 * (US, month first), `05/03/2024 09:14:05` (no AM/PM: day first unless `slashMonthFirst`), `05.03.2024 09:14:05`,
 * `2024-03-05 09:14:05[.fff]`. Undefined when the text is none of these.
 */
export function localIso(value: string, slashMonthFirst = false): string | undefined {
  const s = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d\d)(?::(\d\d)(?:[.,](\d{1,7}))?)?/.exec(s);
  if (m) return iso(m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
  m = /^(\d{1,2})([/.])(\d{1,2})[/.](\d{4}),?\s+(\d{1,2}):(\d\d)(?::(\d\d))?(?:[.,](\d{1,7}))?\s*([AaPp][Mm])?/.exec(s);
  if (!m) return undefined;
  const ampm = m[9]?.toUpperCase();
  const monthFirst = m[2] === '/' && (ampm !== undefined || slashMonthFirst);
  let hour = Number(m[5]);
  if (ampm === 'PM' && hour < 12) hour += 12;
  if (ampm === 'AM' && hour === 12) hour = 0;
  return iso(m[4], monthFirst ? m[1] : m[3], monthFirst ? m[3] : m[1], String(hour), m[6], m[7], m[8]);
}

export function iso(y?: string, mo?: string, d?: string, h?: string, mi?: string, s?: string, frac?: string): string | undefined {
  if (!y || !mo || !d || h === undefined || !mi) return undefined;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23) return undefined;
  const two = (v: string): string => v.padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${mi}:${two(s ?? '00')}${frac ? '.' + frac.slice(0, 3).padEnd(3, '0') : ''}`;
}
