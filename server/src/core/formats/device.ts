import type { LogRecord } from '../types';
import { LineSplitter, type PhysicalLine } from './lines';
import type { RecordSink, Scanner } from './scanner';
import { iso, joinSegments, type Segment } from './segments';

/**
 * Device-side log scanner: Android Company Portal `OMADM.log` / `CloudExtension.log`
 * (`2024-03-05T08:14:01.1000000  VERB  Event  org.jscep…  4211  12  message`, columns separated by
 * runs of blanks) and iOS / macOS console exports (`default  10:14:01.123456 +0100  profiled  message`,
 * syslog style `Mar  5 10:14:01 iPhone profiled[123] <Notice>: message`), also when copied as RTF
 * (control words before a line and the `\` that ends it are left out of the record text). Indented
 * lines and `at …` / `Caused by:` lines continue the record above.
 *
 * A syslog line may carry a weekday (`Mon Mar  4 18:30:53 iPhone …`), and idevicesyslog leaves the
 * device name out (`Mar  4 18:30:53 profiled[123] <Notice>: …`); reading the unified log
 * (libimobiledevice 1.4) it adds microseconds and the image that logged when that is not the process
 * (`Mar  4 18:30:53.123456 profiled(Security)[123] <Notice>: …`). No form prints the year, so the time
 * is written with the year unspecified (`XXXX-03-04T18:30:53.123`, ISO 8601-2): it reads like any
 * local time and is never taken for an instant (time.ts).
 */
const ANDROID = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?\s+([A-Z]{1,7})\s+(\S+)\s+(\S+)\s+(\d{1,10})\s+(\d{1,10})(?=\s|$)/;
const CONSOLE = /^(default|info|debug|error|fault|notice|warning|activity)\s+(\d\d):(\d\d):(\d\d)\.\d{1,6}\s*[+-]\d{4}\s+([^\s[]+)(?:\[(\d{1,10})\])?(?=\s|$)/i;
const SYSLOG = /^(?:[A-Z][a-z]{2}[^\S\r\n]{1,2})?([A-Z][a-z]{2})[^\S\r\n]{1,2}(\d{1,2})[^\S\r\n](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?[^\S\r\n]{1,2}(?:([^\s[]{1,100})[^\S\r\n])?([^\s[(]{1,100})(?:\(([^\s()]{1,100})\))?\[(\d{1,10})\](?:[^\S\r\n]{1,2}<(\w{1,20})>)?:?/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RTF_PREFIX = /^(?:\\[a-z]{1,32}-?\d{0,10} ?)+/i;
const CONTINUATION = /^\s+\S|^\s*(?:at\s|Caused by:|\.\.\. \d+ more)/;
const MAX_LINES = 400;

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const DEVICE_PATTERNS: readonly RegExp[] = [ANDROID, CONSOLE, SYSLOG, RTF_PREFIX, CONTINUATION];

interface Pending {
  readonly line: number;
  readonly segments: Segment[];
  readonly fields?: Record<string, string>;
  readonly time?: string;
}

export function createDeviceScanner(sink: RecordSink): Scanner {
  let current: Pending | undefined;
  let rtf = false;

  const flush = (): void => {
    const p = current;
    current = undefined;
    const first = p?.segments[0];
    const last = p?.segments[p.segments.length - 1];
    if (!p || !first || !last) return;
    const { text, map } = joinSegments(p.segments);
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start: first.start, end: last.start + last.text.length, line: p.line, text };
    if (map) record.map = map;
    if (p.fields) record.fields = p.fields;
    if (p.time) record.time = p.time;
    sink.record(record);
  };

  /** The part of a line that is log text: RTF control words before it and `\` after it removed. */
  const body = (l: PhysicalLine): Segment | undefined => {
    let a = 0;
    let b = l.text.length;
    if (rtf) {
      const prefix = RTF_PREFIX.exec(l.text);
      if (prefix) a = prefix[0].length;
      while (b > a && (l.text.charCodeAt(b - 1) === 92 /* \ */ || l.text.charCodeAt(b - 1) === 125 /* } */)) b--;
    }
    while (b > a && /\s/.test(l.text.charAt(b - 1))) b--;
    return b > a ? { start: l.start + a, text: l.text.slice(a, b) } : undefined;
  };

  const onLine = (l: PhysicalLine): void => {
    if (l.text.trim().length === 0) { flush(); return; }
    if (!current && /^\s*\{\\rtf/i.test(l.text)) rtf = true;
    if (rtf) {
      const rest = l.text.replace(RTF_PREFIX, '').trim();
      if (rest === '' || rest === '\\' || /^[{}]/.test(rest) || /^[{}]/.test(l.text.trimStart())) {
        flush();
        sink.record({ kind: 'directive', start: l.start, end: l.start + l.text.length, line: l.line, text: l.text });
        return;
      }
    }
    const seg = body(l);
    if (!seg) return;
    const text = seg.text;
    const android = ANDROID.exec(text);
    const console = android ? null : CONSOLE.exec(text);
    const syslog = android || console ? null : SYSLOG.exec(text);
    if (!android && !console && !syslog && current && current.segments.length < MAX_LINES && CONTINUATION.test(text)) {
      const trimmed = text.trimStart();
      current.segments.push({ start: seg.start + (text.length - trimmed.length), text: trimmed });
      return;
    }
    flush();
    let fields: Record<string, string> | undefined;
    let time: string | undefined;
    if (android) {
      fields = { level: android[8] ?? '', event: android[9] ?? '', component: android[10] ?? '', pid: android[11] ?? '', tid: android[12] ?? '' };
      time = iso(android[1], android[2], android[3], android[4], android[5], android[6], android[7]);
    } else if (console) {
      fields = { level: console[1] ?? '', process: console[5] ?? '' };
      if (console[6]) fields['pid'] = console[6];
    } else if (syslog) {
      fields = syslog[7] ? { device: syslog[7] } : {};
      fields['process'] = syslog[8] ?? '';
      if (syslog[9]) fields['image'] = syslog[9];
      fields['pid'] = syslog[10] ?? '';
      if (syslog[11]) fields['level'] = syslog[11];
      const month = MONTHS.indexOf(syslog[1] ?? '') + 1;
      if (month > 0) time = iso('XXXX', String(month), syslog[2], syslog[3], syslog[4], syslog[5], syslog[6]);
    }
    current = { line: l.line, segments: [seg], ...(fields ? { fields } : {}), ...(time ? { time } : {}) };
  };

  const lines = new LineSplitter(onLine);
  return { push: (chunk) => { lines.push(chunk); }, end: () => { lines.end(); flush(); } };
}
