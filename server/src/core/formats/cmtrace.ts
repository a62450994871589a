import type { LogRecord } from '../types';
import { csvFields, quoteCount } from './csv';
import { LineSplitter, type PhysicalLine } from './lines';
import type { RecordSink, Scanner } from './scanner';
import { iso, joinSegments, rightTrimmedSegment, trimmedSegment, type Segment } from './segments';

/**
 * CMTrace-format log scanner (Validate-NDESConfig.log and other Configuration Manager style logs):
 * `<![LOG[message]LOG]!><time="HH:mm:ss.fff+060" date="M-d-yyyy" component="…" context="…" type="1|2|3" thread="…" file="">`.
 * A message may run over several lines; the record ends with the `>` that closes the attributes.
 * The newer validation script writes CSV instead (`"Time","Line","Level","Message"`, quoted
 * messages that may hold line breaks). Any other line is a record of its own.
 */
const OPEN = '<![LOG[';
const CLOSE = ']LOG]!>';
const ATTRS = /\]LOG\]!><([^<>]{0,2000})>/;
const TIME = /\btime="(\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,7}))?(?:[+-]\d{1,4})?"/;
const DATE = /\bdate="(\d{1,2})-(\d{1,2})-(\d{4})"/;
const CSV_TIME = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(Z?)/;
const ATTR = /\b(component|context|type|thread|file)="([^"]{0,500})"/g;
const CSV_HEADER = /^(?:\uFEFF)?"?Time"?\s*,\s*"?Line"?\s*,\s*"?Level"?\s*,\s*"?Message"?\s*$/i;
const TYPE_NAMES: Readonly<Record<string, string>> = { '0': 'Information', '1': 'Information', '2': 'Warning', '3': 'Error' };
const MAX_LINES = 400;

interface Pending {
  readonly line: number;
  readonly segments: Segment[];
  readonly raw: string[];
  readonly mode: 'cmtrace' | 'csv';
  /** CSV: quotes so far; CMTrace: whether `]LOG]!>` was seen, and the closing `>` after it. */
  quotes: number;
  closed: boolean;
  done: boolean;
}

/** ISO time of CMTrace attributes (`time="…" date="M-d-yyyy"`), when both are there. */
function attributeTime(attrs: string): string | undefined {
  const t = TIME.exec(attrs);
  const d = DATE.exec(attrs);
  return t && d ? iso(d[3], d[1], d[2], t[1], t[2], t[3], t[4]) : undefined;
}

/** ISO time of the CSV log's Time column (`yyyy-MM-dd HH:mm:ss`, `Z` kept when it is UTC). */
function csvTime(time: string): string | undefined {
  const m = CSV_TIME.exec(time);
  const when = m ? iso(m[1], m[2], m[3], m[4], m[5], m[6]) : undefined;
  return m && when ? when + (m[7] ? 'Z' : '') : undefined;
}

/**
 * When a validation-script line was written, read from the line itself (CMTrace attributes or the
 * CSV Time column): for the same line pasted as plain text, where no reader set `LogRecord.time`.
 */
export function validationLineTime(text: string): string | undefined {
  const attrs = ATTRS.exec(text)?.[1];
  if (attrs !== undefined) return attributeTime(attrs);
  const first = /^\s*"?([^",\r\n]{1,40})/.exec(text)?.[1];
  return first === undefined ? undefined : csvTime(first);
}

export function createCmtraceScanner(sink: RecordSink): Scanner {
  let current: Pending | undefined;
  let csv = false; // a CSV header was seen

  const flush = (): void => {
    const p = current;
    current = undefined;
    if (!p) return;
    const first = p.segments[0];
    const last = p.segments[p.segments.length - 1];
    if (!first || !last) return;
    const { text, map } = joinSegments(p.segments);
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start: first.start, end: last.start + last.text.length, line: p.line, text };
    if (map) record.map = map;
    const raw = p.raw.join('\n');
    if (p.mode === 'cmtrace') {
      const attrs = ATTRS.exec(raw)?.[1];
      if (attrs !== undefined) {
        const fields: Record<string, string> = {};
        ATTR.lastIndex = 0;
        for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) fields[m[1] ?? ''] = m[2] ?? '';
        const level = TYPE_NAMES[fields['type'] ?? ''];
        if (level) fields['level'] = level;
        record.fields = fields;
        const when = attributeTime(attrs);
        if (when) record.time = when;
      }
    } else {
      const [time, line, level, message] = csvFields(raw, 4);
      if (message !== undefined) {
        record.fields = { line: line ?? '', level: level ?? '' };
        const when = csvTime(time ?? '');
        if (when) record.time = when;
      }
    }
    sink.record(record);
  };

  const begin = (l: PhysicalLine, mode: Pending['mode']): void => {
    const seg = rightTrimmedSegment(l.text, l.start);
    if (!seg) return;
    current = { line: l.line, segments: [seg], raw: [l.text], mode, quotes: 0, closed: false, done: false };
    see(current, l.text);
  };

  /** Reads one more physical line of a record: is the record complete now? */
  const see = (p: Pending, text: string): void => {
    if (p.mode === 'csv') {
      p.quotes += quoteCount(text);
      p.done = p.quotes % 2 === 0;
    } else if (!p.closed) {
      const close = text.indexOf(CLOSE);
      if (close !== -1) { p.closed = true; p.done = text.indexOf('>', close + CLOSE.length) !== -1; }
    } else {
      p.done = text.includes('>');
    }
    if (p.segments.length > MAX_LINES) p.done = true;
  };
  const complete = (p: Pending): boolean => p.done;

  const onLine = (l: PhysicalLine): void => {
    const p = current;
    const trimmed = l.text.trimStart();
    if (p && !(p.mode === 'cmtrace' && trimmed.startsWith(OPEN))) {
      const seg = trimmedSegment(l.text, l.start);
      if (seg) p.segments.push(seg);
      p.raw.push(l.text);
      see(p, l.text);
      if (complete(p)) flush();
      return;
    }
    flush();
    if (trimmed.length === 0) return;
    if (CSV_HEADER.test(l.text) || /^#TYPE\s/i.test(trimmed)) {
      csv = csv || CSV_HEADER.test(l.text);
      sink.record({ kind: 'directive', start: l.start, end: l.start + l.text.length, line: l.line, text: l.text });
      return;
    }
    const mode: Pending['mode'] | undefined = trimmed.startsWith(OPEN) ? 'cmtrace' : csv && trimmed.startsWith('"') ? 'csv' : undefined;
    begin(l, mode ?? 'cmtrace');
    const now = current;
    if (!mode || (now && complete(now))) flush();
  };

  const lines = new LineSplitter(onLine);
  return { push: (chunk) => { lines.push(chunk); }, end: () => { lines.end(); flush(); } };
}
