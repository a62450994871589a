import type { HttpStatus, LogRecord } from '../types';
import { LineSplitter, type PhysicalLine } from './lines';
import type { RecordSink, Scanner } from './scanner';

/**
 * HTTP.sys error log scanner (`httperr*.log`, %SystemRoot%\System32\LogFiles\HTTPERR): requests
 * http.sys refused before IIS saw them. Space-separated; column order from the latest `#Fields:`
 * directive, else the documented order (with or without the newer `streamid` column). The reason
 * phrase is `s-reason`, the application pool `s-queuename`; times are UTC.
 */
const HTTPERR_FIELDS: readonly string[] = [
  'date', 'time', 'c-ip', 'c-port', 's-ip', 's-port', 'cs-version', 'cs-method', 'cs-uri', 'sc-status', 's-siteid', 's-reason', 's-queuename',
];
const HTTPERR_FIELDS_STREAMID: readonly string[] = [...HTTPERR_FIELDS.slice(0, 9), 'streamid', ...HTTPERR_FIELDS.slice(9)];
const TOKEN = /\S+/g;

export function createHttperrScanner(sink: RecordSink): Scanner {
  let fields: readonly string[] | undefined;

  const entry = (l: PhysicalLine): void => {
    const text = l.text;
    const tokens: { value: string; index: number }[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) tokens.push({ value: m[0], index: m.index });
    const names = fields && fields.length === tokens.length ? fields
      : [HTTPERR_FIELDS, HTTPERR_FIELDS_STREAMID].find((f) => f.length === tokens.length);
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start: l.start, end: l.start + text.length, line: l.line, text };
    if (names) {
      const values: Record<string, string> = {};
      names.forEach((name, i) => { values[name] = tokens[i]?.value ?? ''; });
      record.fields = values;
      const s = names.indexOf('sc-status');
      const st = tokens[s];
      if (st && /^[1-5]\d\d$/.test(st.value)) {
        const http: HttpStatus = { status: Number(st.value), substatus: 0, win32: 0, start: l.start + st.index, end: l.start + st.index + st.value.length };
        record.http = http;
      }
      const date = values['date'];
      const time = values['time'];
      if (date && time && /^\d{4}-\d\d-\d\d$/.test(date) && /^\d\d:\d\d:\d\d/.test(time)) record.time = `${date}T${time}Z`;
    }
    sink.record(record);
  };

  const directive = (l: PhysicalLine): void => {
    sink.record({ kind: 'directive', start: l.start, end: l.start + l.text.length, line: l.line, text: l.text });
    const m = /^\s*#Fields:\s*(.*)$/i.exec(l.text);
    const next = (m?.[1] ?? '').trim().split(/\s+/).filter((f) => f.length > 0);
    if (next.length > 0) fields = next;
  };

  const lines = new LineSplitter((l) => {
    const trimmed = l.text.trimStart();
    if (trimmed.length === 0) return;
    if (trimmed.startsWith('#')) directive(l);
    else entry(l);
  });
  return { push: (chunk) => { lines.push(chunk); }, end: () => { lines.end(); } };
}
