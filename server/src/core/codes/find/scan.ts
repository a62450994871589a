/** The finder's state (which characters are claimed, the mentions so far) and the character helpers its recognisers share. */
import type { CodeDecoding, Mutable } from '../decoding';

export interface CodeMention extends CodeDecoding {
  /** Offset into the text passed in (UTF-16 index). */
  readonly start: number;
  /** Exclusive end offset. */
  readonly end: number;
  /** Exactly as printed: `text.slice(start, end)`. */
  readonly raw: string;
}

export interface IisStatusHint {
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  /** Offset of the first of the status fields in the text. */
  readonly start: number;
  /** Exclusive end offset of the last of the status fields. */
  readonly end: number;
}

export interface DecodeHints {
  /** Status triplet located by a W3C parser that honours `#Fields`. */
  readonly iisStatus?: IisStatusHint;
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly d: CodeDecoding;
}

/**
 * Copies a decoding into a mention with a fixed property order. (Object spread of these objects is
 * pathologically slow in V8 once hundreds of thousands of mentions are built.)
 */
function toMention(d: CodeDecoding, start: number, end: number, raw: string): CodeMention {
  const m: Mutable<CodeMention> = { start, end, raw, kind: d.kind, code: d.code, meaning: d.meaning, source: d.source };
  if (d.symbol !== undefined) m.symbol = d.symbol;
  if (d.ndesContext !== undefined) m.ndesContext = d.ndesContext;
  if (d.unconfirmed !== undefined) m.unconfirmed = d.unconfirmed;
  if (d.caveat !== undefined) m.caveat = d.caveat;
  if (d.derived !== undefined) m.derived = d.derived;
  if (d.eventLog !== undefined) m.eventLog = d.eventLog;
  if (d.alternatives !== undefined) m.alternatives = d.alternatives;
  return m;
}

export class Scan {
  readonly text: string;
  /** Line ranges (IIS W3C / HTTPERR records) where bare decimal numbers are never codes. Sorted. */
  readonly quietLines: Array<readonly [number, number]> = [];
  private readonly hits: Hit[] = [];
  private readonly claimed: Uint8Array;

  constructor(text: string) {
    this.text = text;
    this.claimed = new Uint8Array(text.length);
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.claimed[i] !== 0) return false;
    return true;
  }

  claim(start: number, end: number): boolean {
    if (start < 0 || end > this.text.length || start >= end || !this.isFree(start, end)) return false;
    for (let i = start; i < end; i++) this.claimed[i] = 1;
    return true;
  }

  /** Claim [start, end) and record a mention; does nothing if any of it is already claimed. */
  add(start: number, end: number, d: CodeDecoding): void {
    if (this.claim(start, end)) this.hits.push({ start, end, d });
  }

  /** Record a mention for a span the caller has already claimed. */
  addClaimed(start: number, end: number, d: CodeDecoding): void {
    this.hits.push({ start, end, d });
  }

  result(): CodeMention[] {
    this.hits.sort((a, b) => a.start - b.start);
    return this.hits.map((h) => toMention(h.d, h.start, h.end, this.text.slice(h.start, h.end)));
  }
}

// ---------------------------------------------------------------------------------------------
// Character helpers
// ---------------------------------------------------------------------------------------------

export function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function allDigits(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

export type Span = readonly [number, number];

/** Up to `max` whitespace-separated tokens at the end of [ls, le), left to right; `more` = tokens remain before. */
export function tailTokens(text: string, ls: number, le: number, max: number): { readonly tokens: Span[]; readonly more: boolean } {
  const tokens: Span[] = [];
  let p = le;
  for (;;) {
    while (p > ls && isWs(text.charCodeAt(p - 1))) p--;
    if (p <= ls) return { tokens: tokens.reverse(), more: false };
    if (tokens.length === max) return { tokens: tokens.reverse(), more: true };
    let s = p;
    while (s > ls && !isWs(text.charCodeAt(s - 1))) s--;
    tokens.push([s, p]);
    p = s;
  }
}
