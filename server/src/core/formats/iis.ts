import type { HttpStatus, LogRecord } from '../types';
import { flattenLineBreaks } from '../text';
import { LineSplitter, type PhysicalLine } from './lines';
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
/** The status triplet near the end of a record, followed by at most three more numbers. */
const STATUS_TAIL = /(?:^|\s)([1-5]\d\d)[ \t]+(\d{1,5})[ \t]+(\d{1,10})(?:[ \t]+\d{1,12}){0,3}[ \t]*$/;
const TOKEN = /\S+/g;
/** One quantifier after the colon: `\s*(.*)$` backtracked quadratically on a run of blanks before a line break. */
const FIELDS_DIRECTIVE = /^\s*#Fields:(.*)$/i;

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const IIS_PATTERNS: readonly RegExp[] = [METHOD, STATUS_TAIL, TOKEN, FIELDS_DIRECTIVE];

export function hasMethod(text: string): boolean { return METHOD.test(text); }
export function hasStatusTail(text: string): boolean { return STATUS_TAIL.test(text); }

/** True when `head` and `tail` are the two halves of one request wrapped over two lines. */
export function isWrappedPair(head: string, tail: string): boolean {
  return hasMethod(head) && !hasStatusTail(head) && hasStatusTail(tail) && !hasMethod(tail) && !tail.trimStart().startsWith('#');
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

/** Where a scan resumes mid-file: the columns of the latest `#Fields` directive before that point. */
export interface IisResume {
  readonly fields?: readonly string[];
}

/** The `#Fields` list of a directive line, or undefined when the line is not one. */
export function fieldsOfDirective(text: string): string[] | undefined {
  const m = FIELDS_DIRECTIVE.exec(text);
  if (!m) return undefined;
  const list = (m[1] ?? '').trim().split(/\s+/).filter((f) => f.length > 0);
  return list.length > 0 ? list : undefined;
}

export function createIisScanner(sink: RecordSink, resume: IisResume = {}): Scanner {
  let fields: readonly string[] = resume.fields ?? DEFAULT_W3C_FIELDS;
  let sawFields = resume.fields !== undefined;
  let pending: PhysicalLine | undefined;

  const emitEntry = (start: number, line: number, raw: string): void => {
    const text = flattenLineBreaks(raw);
    const tokens: { value: string; index: number }[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) tokens.push({ value: m[0], index: m.index });
    let values: Record<string, string> | undefined;
    let http: HttpStatus | undefined;
    if (tokens.length === fields.length) {
      values = {};
      fields.forEach((name, i) => { if (values) values[name] = tokens[i]?.value ?? ''; });
      const s = fields.indexOf('sc-status');
      const sub = fields.indexOf('sc-substatus');
      const w32 = fields.indexOf('sc-win32-status');
      const st = tokens[s];
      if (st && /^\d{3}$/.test(st.value)) {
        const last = tokens[Math.max(s, sub, w32)] ?? st;
        http = {
          status: Number(st.value),
          substatus: sub >= 0 ? Number(tokens[sub]?.value ?? 0) || 0 : 0,
          win32: w32 >= 0 ? Number(tokens[w32]?.value ?? 0) || 0 : 0,
          start: start + st.index,
          end: start + last.index + last.value.length,
        };
      }
    }
    http ??= statusTail(text, start);
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start, end: start + text.length, line, text };
    if (values) record.fields = values;
    if (http) record.http = http;
    const date = values?.['date'];
    const time = values?.['time'];
    if (date && time && /^\d{4}-\d\d-\d\d$/.test(date) && /^\d\d:\d\d:\d\d/.test(time)) record.time = `${date}T${time}Z`;
    sink.record(record);
  };

  const directive = (l: PhysicalLine): void => {
    const text = l.text;
    sink.record({ kind: 'directive', start: l.start, end: l.start + text.length, line: l.line, text });
    const next = fieldsOfDirective(text);
    if (!next) return;
    if (sawFields && next.join(' ') !== fields.join(' ')) {
      sink.problem({
        ruleId: 'NDES-LENS-FIELDS-CHANGED', severity: 'info', start: l.start, end: l.start + text.length,
        message: `The column layout changes here (${fields.length} → ${next.length} fields). Lines below are read with the new #Fields list.`,
      });
    }
    fields = next;
    sawFields = true;
  };

  const onLine = (l: PhysicalLine): void => {
    if (pending) {
      const head = pending;
      pending = undefined;
      if (isWrappedPair(head.text, l.text)) { emitEntry(head.start, head.line, joinLines(head, l)); return; }
      emitEntry(head.start, head.line, head.text);
    }
    const trimmed = l.text.trimStart();
    if (trimmed.length === 0) return;
    if (trimmed.startsWith('#')) { directive(l); return; }
    if (hasMethod(l.text) && !hasStatusTail(l.text)) { pending = l; return; }
    emitEntry(l.start, l.line, l.text);
  };

  const lines = new LineSplitter(onLine);
  return {
    push: (chunk) => { lines.push(chunk); },
    end: () => {
      lines.end();
      if (pending) { emitEntry(pending.start, pending.line, pending.text); pending = undefined; }
    },
  };
}
