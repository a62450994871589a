import type { HttpStatus, LogRecord } from '../types';
import { LineSplitter, type Origin, type PhysicalLine } from './lines';
import type { RecordSink, Scanner } from './scanner';

/**
 * IIS W3C extended log scanner (`u_ex*.log`). Column order comes from the latest `#Fields:`
 * directive; lines before any directive use the field set NDES servers log by default.
 * Records Microsoft's articles print without the date prefix, or wrapped over two lines
 * (`… POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 -` / `NDES_Plugin - 403 16 2148204809 453`),
 * are joined back into one record.
 */
export const DEFAULT_W3C_FIELDS: readonly string[] = [
  'date', 'time', 's-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 's-port', 'cs-username', 'c-ip',
  'cs(User-Agent)', 'cs(Referer)', 'sc-status', 'sc-substatus', 'sc-win32-status', 'time-taken',
];

const METHOD = /(?:^|\s)(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH)\s+\//;
/**
 * The status triplet near the end of a record, followed by at most three more numbers. A full stop
 * after the last number is the sentence of the page the line was copied from (Microsoft's
 * device-to-NDES article ends a request with "200 0 0 186 0.").
 */
const STATUS_TAIL = /(?:^|\s)([1-5]\d\d)[ \t]+(\d{1,5})[ \t]+(\d{1,10})(?:[ \t]+\d{1,12}){0,3}\.?[ \t]*$/;
/** One quantifier after the colon: `\s*(.*)$` backtracked quadratically on a run of blanks before a line break. */
const FIELDS_DIRECTIVE = /^\s*#Fields:(.*)$/i;

/**
 * A line of IIS's two other log formats: the native one (`u_in*.log`: `client, user, date, time,
 * service, server, …`, comma-separated) and NCSA common (`u_nc*.log`: `client - user [05/Mar/2024:08:14:02 +0000] "GET …"`).
 */
const NATIVE_FORMAT = /^[ \t]*[^,\s]{1,64}, [^,]{0,256}, \d{1,2}\/\d{1,2}\/\d{2,4}, \d{1,2}:\d\d:\d\d, /;
const NCSA_FORMAT = /^[ \t]*\S{1,64} \S{1,64} \S{1,256} \[\d\d\/[A-Za-z]{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "/;
/** A request to NDES's SCEP URL or to the certificate registration point. */
const NDES_PATH = /\/certsrv\/mscep|\/CertificateRegistrationSvc/i;

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const IIS_PATTERNS: readonly RegExp[] = [METHOD, STATUS_TAIL, FIELDS_DIRECTIVE, NATIVE_FORMAT, NCSA_FORMAT, NDES_PATH];

function hasMethod(text: string): boolean { return METHOD.test(text); }
function hasStatusTail(text: string): boolean { return STATUS_TAIL.test(text); }

/**
 * A request line without its status: the first half of a request wrapped over two lines, or a line
 * cut short. (Every request holds a `/`: a line without one is let through with one search.)
 */
export function isRequestWithoutStatus(text: string): boolean {
  return text.includes('/') && hasMethod(text) && !hasStatusTail(text);
}

/**
 * True when `head` and `tail` are the two halves of one request wrapped over two lines: a request
 * without its status, then a line that is no request or directive and completes the status (a mail
 * client or a console may wrap between any two columns, also inside the triplet).
 */
export function isWrappedPair(head: string, tail: string): boolean {
  return isRequestWithoutStatus(head) && !hasMethod(tail) && !tail.trimStart().startsWith('#') && hasStatusTail(`${head} ${tail}`);
}

/** Joins two physical lines into one record text of the same length as the raw slice. */
export function joinLines(head: PhysicalLine, tail: PhysicalLine): string {
  return head.text + ' '.repeat(tail.start - (head.start + head.text.length)) + tail.text;
}

export function statusTail(text: string, base: number): HttpStatus | undefined {
  const m = STATUS_TAIL.exec(text);
  if (!m) return undefined;
  const lead = m[0].length - m[0].trimStart().length;
  const start = base + m.index + lead;
  const triplet = `${m[1] ?? ''} ${m[2] ?? ''} ${m[3] ?? ''}`;
  const printed = /^\S+\s+\S+\s+\S+/.exec(m[0].trimStart())?.[0] ?? triplet;
  return { status: Number(m[1]), substatus: Number(m[2]), win32: Number(m[3]), start, end: start + printed.length };
}

/** The `#Fields` list of a directive line, or undefined when the line is not one. */
export function fieldsOfDirective(text: string): string[] | undefined {
  const m = FIELDS_DIRECTIVE.exec(text);
  if (!m) return undefined;
  const list = (m[1] ?? '').trim().split(/\s+/).filter((f) => f.length > 0);
  return list.length > 0 ? list : undefined;
}

/** One `#Fields` list and where the columns the scanner reads sit in it (-1: absent). */
interface Layout {
  readonly names: readonly string[];
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  readonly date: number;
  readonly time: number;
  /** The triplet is adjacent with at most three columns after it, as STATUS_TAIL reads it. */
  readonly tailShaped: boolean;
}

function layoutOf(names: readonly string[]): Layout {
  const status = names.indexOf('sc-status');
  const substatus = names.indexOf('sc-substatus');
  const win32 = names.indexOf('sc-win32-status');
  return {
    // The time reads the columns as `fields` names them: a repeated name holds its last column.
    names, status, substatus, win32, date: names.lastIndexOf('date'), time: names.lastIndexOf('time'),
    tailShaped: status >= 0 && substatus === status + 1 && win32 === status + 2 && names.length - 1 - win32 <= 3,
  };
}

/**
 * Token boundaries of the line being read, reused from line to line: one W3C line is split once,
 * without allocating a token. Only the first MAX_TOKENS are kept; more are counted.
 */
const MAX_TOKENS = 64;
const tokenStart = new Int32Array(MAX_TOKENS);
const tokenEnd = new Int32Array(MAX_TOKENS);

/**
 * Splits a line into W3C columns (runs of characters other than blank and tab) into tokenStart /
 * tokenEnd and returns how many there are. IIS writes one blank between columns; a tab-separated or
 * irregularly spaced paste reads the same.
 */
function tokenize(text: string): number {
  const length = text.length;
  let n = 0;
  if (text.indexOf('\t') === -1) {
    let i = 0;
    while (i < length) {
      if (text.charCodeAt(i) === 32) { i++; continue; }
      const blank = text.indexOf(' ', i);
      const end = blank === -1 ? length : blank;
      if (n < MAX_TOKENS) { tokenStart[n] = i; tokenEnd[n] = end; }
      n++;
      i = end + 1;
    }
    return n;
  }
  let from = -1;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 9) {
      if (from >= 0) {
        if (n < MAX_TOKENS) { tokenStart[n] = from; tokenEnd[n] = i; }
        n++;
        from = -1;
      }
    } else if (from < 0) from = i;
  }
  return n;
}

/** True when token k is `min` to `max` decimal digits. */
function digits(text: string, k: number, min: number, max: number): boolean {
  const s = tokenStart[k] ?? 0;
  const e = tokenEnd[k] ?? 0;
  if (e - s < min || e - s > max) return false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Whether STATUS_TAIL would find the triplet, decided on the tokens of an aligned line: the status
 * columns end the line, followed by at most three numeric columns. False means "run the regex".
 */
function tailByTokens(text: string, layout: Layout): boolean {
  if (!layout.tailShaped) return false;
  const lead = text.charCodeAt(tokenStart[layout.status] ?? 0);
  if (!digits(text, layout.status, 3, 3) || lead < 49 /* 1 */ || lead > 53 /* 5 */) return false;
  if (!digits(text, layout.substatus, 1, 5) || !digits(text, layout.win32, 1, 10)) return false;
  for (let k = layout.win32 + 1; k < layout.names.length; k++) if (!digits(text, k, 1, 12)) return false;
  return true;
}

/** The number token k holds, read as `Number()` reads it; 0 when it is not one. */
function numberAt(text: string, k: number): number {
  const s = tokenStart[k] ?? 0;
  const e = tokenEnd[k] ?? 0;
  let value = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57 || e - s > 15) return Number(text.slice(s, e)) || 0;
    value = value * 10 + (c - 48);
  }
  return value;
}

/** The status triplet of an aligned line from its columns, when sc-status holds three digits. */
function httpByColumns(text: string, base: number, layout: Layout): HttpStatus | undefined {
  const s = layout.status;
  if (s < 0 || !digits(text, s, 3, 3)) return undefined;
  const last = Math.max(s, layout.substatus, layout.win32);
  return {
    status: numberAt(text, s),
    substatus: layout.substatus >= 0 ? numberAt(text, layout.substatus) : 0,
    win32: layout.win32 >= 0 ? numberAt(text, layout.win32) : 0,
    start: base + (tokenStart[s] ?? 0),
    end: base + (tokenEnd[last] ?? 0),
  };
}

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const ISO_TIME = /^\d\d:\d\d:\d\d/;

/**
 * One request line. The status triplet is read at once (most rules test it); the named columns and
 * the time are split out of the text only when something asks for them, so a file of a million
 * healthy requests does not build a million column tables.
 */
class W3cEntry implements LogRecord {
  readonly kind = 'entry';
  private columns: Readonly<Record<string, string>> | undefined;
  private iso: string | null | undefined;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly line: number,
    readonly text: string,
    readonly http: HttpStatus | undefined,
    /** Set when the line has exactly the columns of its `#Fields` list. */
    private readonly layout: Layout | undefined,
  ) {}

  get fields(): Readonly<Record<string, string>> | undefined {
    if (this.columns || !this.layout) return this.columns;
    tokenize(this.text);
    const values: Record<string, string> = {};
    this.layout.names.forEach((name, k) => { values[name] = this.text.slice(tokenStart[k], tokenEnd[k]); });
    this.columns = values;
    return values;
  }

  /** One column, without building the table of all of them (a rule that needs two columns of every iOS request). */
  column(name: string): string | undefined {
    if (this.columns || !this.layout) return this.columns?.[name];
    // As in `fields`, a repeated name holds its last column.
    const k = this.layout.names.lastIndexOf(name);
    if (k < 0) return undefined;
    tokenize(this.text);
    return this.text.slice(tokenStart[k], tokenEnd[k]);
  }

  /** From the date and time columns alone: the flow reads the time of most requests, not their columns. */
  get time(): string | undefined {
    if (this.iso === undefined) {
      this.iso = null;
      const layout = this.layout;
      if (layout && layout.date >= 0 && layout.time >= 0) {
        tokenize(this.text);
        const date = this.text.slice(tokenStart[layout.date], tokenEnd[layout.date]);
        const time = this.text.slice(tokenStart[layout.time], tokenEnd[layout.time]);
        if (ISO_DATE.test(date) && ISO_TIME.test(time)) this.iso = `${date}T${time}Z`;
      }
    }
    return this.iso ?? undefined;
  }
}

/**
 * `fields`: when a scan resumes mid-file (at `origin`), the columns of the latest `#Fields`
 * directive before that point.
 */
export function createIisScanner(sink: RecordSink, origin?: Origin, fields?: readonly string[]): Scanner {
  let layout = layoutOf(fields ?? DEFAULT_W3C_FIELDS);
  let sawFields = fields !== undefined;
  let pending: PhysicalLine | undefined;

  /** `count`: how many tokens of `text` tokenize() left in tokenStart / tokenEnd (split here when not given). */
  const emitEntry = (start: number, line: number, text: string, count = tokenize(text)): void => {
    const aligned = count === layout.names.length && count <= MAX_TOKENS;
    const http = (aligned ? httpByColumns(text, start, layout) : undefined) ?? statusTail(text, start);
    sink.record(new W3cEntry(start, start + text.length, line, text, http, aligned ? layout : undefined));
  };

  const directive = (l: PhysicalLine): void => {
    const text = l.text;
    sink.record({ kind: 'directive', start: l.start, end: l.start + text.length, line: l.line, text });
    const next = fieldsOfDirective(text);
    if (!next) return;
    const current = layout.names;
    if (sawFields && next.join(' ') !== current.join(' ')) {
      sink.problem({
        ruleId: 'NDES-LENS-FIELDS-CHANGED', severity: 'info', start: l.start, end: l.start + text.length,
        message: `The column layout changes here (${current.length} → ${next.length} fields). Lines below are read with the new #Fields list.`,
      });
    }
    layout = layoutOf(next);
    sawFields = true;
    otherFormat = null;
  };

  // A file without #Fields whose first request line IIS wrote in another format says so once, at
  // its first request to NDES: another site's log in that format tells nothing about SCEP. (A scan
  // resumed inside a file has passed its first line; the watcher's first segment starts at line 0.)
  let otherFormat: string | null | undefined = sawFields || (origin !== undefined && (origin.offset > 0 || origin.line > 0)) ? null : undefined;
  const checkFormat = (l: PhysicalLine): void => {
    otherFormat ??= NATIVE_FORMAT.test(l.text) ? 'native (comma-separated)' : NCSA_FORMAT.test(l.text) ? 'NCSA common' : null;
    if (otherFormat === null || !NDES_PATH.test(l.text)) return;
    sink.problem({
      ruleId: 'NDES-LENS-IIS-OTHER-FORMAT', severity: 'warning', start: l.start, end: l.start + l.text.length,
      message: `This log is in IIS's ${otherFormat} format, not W3C extended: NDES Lens reads no request status from it, so failed SCEP requests go unreported.`,
    });
    otherFormat = null;
  };

  const onLine = (l: PhysicalLine): void => {
    if (otherFormat !== null && l.text.trim() !== '' && !l.text.trimStart().startsWith('#')) checkFormat(l);
    if (pending) {
      const head = pending;
      pending = undefined;
      if (isWrappedPair(head.text, l.text)) { emitEntry(head.start, head.line, joinLines(head, l)); return; }
      emitEntry(head.start, head.line, head.text);
    }
    const text = l.text;
    let first = 0;
    while (first < text.length && isBlank(text.charCodeAt(first))) first++;
    if (first === text.length) return;
    if (text.charCodeAt(first) === 35 /* # */) { directive(l); return; }
    const count = tokenize(text);
    // A request line without its status columns may be the first half of a wrapped record.
    const complete = count === layout.names.length && count <= MAX_TOKENS && tailByTokens(text, layout);
    if (!complete && isRequestWithoutStatus(text)) { pending = l; return; }
    emitEntry(l.start, l.line, text, count);
  };

  const lines = new LineSplitter(onLine, origin);
  return {
    push: (chunk) => { lines.push(chunk); },
    end: () => {
      lines.end();
      if (pending) { emitEntry(pending.start, pending.line, pending.text); pending = undefined; }
    },
  };
}

/** What `trimStart` removes from the head of a line (ASCII and the Unicode blanks JS knows). */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
