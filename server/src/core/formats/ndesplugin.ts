import type { LogRecord } from '../types';
import { flattenLineBreaks } from '../text';
import { isRequestWithoutStatus, isWrappedPair, joinLines } from './iis';
import { LineSplitter, type Origin, type PhysicalLine } from './lines';
import type { RecordSink, Scanner } from './scanner';

/**
 * NDESPlugin.log scanner. Microsoft documents only the message text, so three framings are
 * accepted line by line: plain sentences, CMTrace `<![LOG[…]LOG]!><time=… date=…>` (a message may
 * run over several lines until `]LOG]!>`), and SMS trace `text $$<component><date time><thread=…>`.
 * When the policy module receives an HTML error page, the page follows `Verify challenge returns `
 * on the same and the next lines; those lines belong to that record until the page ends or a new
 * plugin statement starts. Text pasted from a ticket may also hold IIS requests wrapped over two
 * lines; those are joined back, as the IIS scanner does.
 */
const CMTRACE_OPEN = '<![LOG[';
const CMTRACE_CLOSE = ']LOG]!>';
const CMTRACE_TIME = /<time="(\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,7}))?([+-]\d{1,4})?"\s+date="(\d{1,2})-(\d{1,2})-(\d{4})"/;
// The component name is bounded and may not hold `<`: `[^>]*` rescanned a whole record from every `$$<`.
const SMS_TIME = /\$\$<[^<>]{0,256}><(\d{1,2})-(\d{1,2})-(\d{4}) (\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,7}))?(?:[+-]\d{1,4})?>/;
/** Lines that always start a new record, even inside an HTML page body. */
const STATEMENT = /^\s*(?:<!\[LOG\[|Calling |Exiting |Sending request|Verify challenge returns|Failed to |WINHTTP_|Error[: ]|Notify|VerifyRequest|Initializ|Loading |Returning )/i;
const HTML_START = /Verify challenge returns\s*<|<!DOCTYPE html|<html[\s>]/i;
const HTML_END = /<\/html\s*>/i;
/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const NDESPLUGIN_PATTERNS: readonly RegExp[] = [CMTRACE_TIME, SMS_TIME, STATEMENT, HTML_START, HTML_END];
const MAX_BODY_LINES = 400;
const MAX_BODY_CHARS = 256 * 1024;

interface Pending {
  start: number;
  line: number;
  parts: PhysicalLine[];
  mode: 'line' | 'cmtrace' | 'html';
  chars: number;
}

export function createNdesPluginScanner(sink: RecordSink, origin?: Origin): Scanner {
  let current: Pending | undefined;
  /** A request line without its status: the first half of a wrapped IIS record, or a line of its own. */
  let request: PhysicalLine | undefined;

  const single = (l: PhysicalLine, text = l.text): void => { sink.record(new PluginEntry(l.start, l.start + text.length, l.line, text)); };

  const flush = (): void => {
    const p = current;
    current = undefined;
    if (!p) return;
    const first = p.parts[0];
    const last = p.parts[p.parts.length - 1];
    if (!first || !last) return;
    let raw = first.text;
    for (let i = 1; i < p.parts.length; i++) {
      const prev = p.parts[i - 1];
      const part = p.parts[i];
      if (!prev || !part) continue;
      raw += ' '.repeat(part.start - (prev.start + prev.text.length)) + part.text;
    }
    const text = flattenLineBreaks(raw);
    sink.record(new PluginEntry(p.start, p.start + text.length, p.line, text));
  };

  const begin = (l: PhysicalLine): void => {
    const open = l.text.startsWith(CMTRACE_OPEN) || l.text.trimStart().startsWith(CMTRACE_OPEN);
    const mode: Pending['mode'] = open && !l.text.includes(CMTRACE_CLOSE) ? 'cmtrace'
      : mayStartHtml(l.text) && HTML_START.test(l.text) && !HTML_END.test(l.text) ? 'html' : 'line';
    if (mode === 'line') {
      if (isRequestWithoutStatus(l.text)) { request = l; return; }
      // A one-line record (most of them) is its line: it holds no line break to flatten.
      single(l);
      return;
    }
    current = { start: l.start, line: l.line, parts: [l], mode, chars: l.text.length };
  };

  const onLine = (l: PhysicalLine): void => {
    if (request) {
      const head = request;
      request = undefined;
      if (isWrappedPair(head.text, l.text)) { single(head, joinLines(head, l)); return; }
      single(head);
    }
    const p = current;
    if (p && p.mode === 'cmtrace') {
      p.parts.push(l);
      p.chars += l.text.length;
      if (l.text.includes(CMTRACE_CLOSE) || p.parts.length > MAX_BODY_LINES || p.chars > MAX_BODY_CHARS) flush();
      return;
    }
    if (p && p.mode === 'html') {
      if (!STATEMENT.test(l.text) && p.parts.length < MAX_BODY_LINES && p.chars < MAX_BODY_CHARS) {
        p.parts.push(l);
        p.chars += l.text.length;
        if (HTML_END.test(l.text)) flush();
        return;
      }
      flush();
    }
    if (l.text.trim().length === 0) return;
    begin(l);
  };

  const lines = new LineSplitter(onLine, origin);
  return {
    push: (chunk) => { lines.push(chunk); },
    end: () => {
      lines.end();
      flush();
      if (request) single(request);
      request = undefined;
    },
  };
}

/**
 * False when HTML_START cannot match: each of its alternatives holds a `<` that is followed by `!D`
 * or `h` (any case), or preceded (past blanks) by the `s` of "returns". A CMTrace line has two `<`
 * (`<![LOG[`, `<time=`) and neither, so the regex is not run over every line of a log.
 */
export function mayStartHtml(text: string): boolean {
  for (let p = text.indexOf('<'); p !== -1; p = text.indexOf('<', p + 1)) {
    const next = text.charCodeAt(p + 1);
    if (next === 104 /* h */ || next === 72 /* H */) return true;
    if (next === 33 /* ! */ && (text.charCodeAt(p + 2) | 32) === 100 /* d or D */) return true;
    let q = p - 1;
    while (q >= 0 && isAsciiBlank(text.charCodeAt(q))) q--;
    const before = q >= 0 ? text.charCodeAt(q) : 0;
    if (before === 115 /* s */ || before === 83 /* S */ || before > 127) return true;
  }
  return false;
}

function isAsciiBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * One plugin record. Its time is read from the CMTrace or SMS-trace framing only when something asks
 * (the flow, the outline): the diagnostics of a large log do not wait for a date per line.
 */
class PluginEntry implements LogRecord {
  readonly kind = 'entry';
  private iso: string | null | undefined;

  constructor(readonly start: number, readonly end: number, readonly line: number, readonly text: string) {}

  get time(): string | undefined {
    if (this.iso === undefined) this.iso = framedTime(this.text) ?? null;
    return this.iso ?? undefined;
  }
}

/** Local time of a CMTrace or SMS-trace framed record, as ISO-8601 without a zone. */
function framedTime(text: string): string | undefined {
  const c = CMTRACE_TIME.exec(text);
  if (c) return iso(c[8], c[6], c[7], c[1], c[2], c[3], c[4]);
  const s = SMS_TIME.exec(text);
  if (s) return iso(s[3], s[1], s[2], s[4], s[5], s[6], s[7]);
  return undefined;
}

function iso(y?: string, mo?: string, d?: string, h?: string, mi?: string, s?: string, frac?: string): string | undefined {
  if (!y || !mo || !d || !h || !mi || !s) return undefined;
  const two = (v: string): string => v.padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${mi}:${s}${frac ? '.' + frac.slice(0, 3).padEnd(3, '0') : ''}`;
}
