/** Bare decimal numbers: the lowest-priority recogniser, with the context checks that keep counts and ids out. */
import type { CodeDecoding } from '../decoding';
import { strongHresult } from '../hresult';
import { decodeWinHttp, genericWinHttp } from '../win32';
import { isWordChar, isWs, type Scan } from './scan';

const R_DECIMAL = /(?<![\w.\\/:+%#@$&=-]|\d,)(-?)(\d{5,10})(?![\w]|[.,:/]\d|%)/g;

/** Words right before a number that make it a count, id, size or time rather than a code. */
const NON_CODE_LABELS: ReadonlySet<string> = new Set([
  'pid', 'tid', 'processid', 'threadid', 'process', 'thread', 'port', 'sport', 'cport', 's-port', 'c-port',
  'len', 'length', 'size', 'bytes', 'sc-bytes', 'cs-bytes', 'time-taken', 'timetaken', 'time', 'duration',
  'ms', 'count', 'index', 'line', 'offset', 'id', 'request', 'requestid', 'serial', 'version', 'build', 'year',
  'kb', 'record', 'recordid', 'eventrecordid', 'instanceid', 'session', 'sessionid', 'qualifiers',
]);

/** Words right after a number that make it a quantity. */
const NON_CODE_UNITS: ReadonlySet<string> = new Set([
  'ms', 'msec', 'milliseconds', 's', 'sec', 'secs', 'seconds', 'min', 'mins', 'minutes', 'b', 'byte', 'bytes',
  'kb', 'mb', 'gb', 'records', 'events', 'items', 'requests', 'times', 'ticks',
]);

function previousWord(text: string, start: number): string {
  let p = start;
  let skipped = 0;
  while (p > 0 && skipped < 6) {
    const c = text.charCodeAt(p - 1);
    if (isWs(c) || c === 34 || c === 39 || c === 61 || c === 58 || c === 40 || c === 91) {
      p--;
      skipped++;
    } else break;
  }
  const end = p;
  let n = 0;
  while (p > 0 && n < 32) {
    const c = text.charCodeAt(p - 1);
    if (isWordChar(c) || c === 45) {
      p--;
      n++;
    } else break;
  }
  return text.slice(p, end).toLowerCase();
}

function nextWord(text: string, end: number): string {
  let p = end;
  let skipped = 0;
  while (p < text.length && skipped < 3 && isWs(text.charCodeAt(p))) {
    p++;
    skipped++;
  }
  const s = p;
  while (p < text.length && p - s < 16 && isWordChar(text.charCodeAt(p))) p++;
  return text.slice(s, p).toLowerCase();
}

/** The whitespace-separated token before `start` (bounded), e.g. to see whether the number follows an IP address. */
function previousToken(text: string, start: number): string {
  let p = start;
  let skipped = 0;
  while (p > 0 && skipped < 4 && isWs(text.charCodeAt(p - 1))) {
    p--;
    skipped++;
  }
  if (skipped === 0) return '';
  const end = p;
  while (p > 0 && end - p < 48 && !isWs(text.charCodeAt(p - 1))) p--;
  return text.slice(p, end);
}

function isIpAddress(token: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(token) || /^\[?[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}\]?$/.test(token);
}

function precededByError(text: string, start: number): boolean {
  return /\berror[ \t]$/i.test(text.slice(Math.max(0, start - 7), start));
}

export function scanDecimals(scan: Scan): void {
  const text = scan.text;
  const quiet = scan.quietLines;
  let q = 0;
  R_DECIMAL.lastIndex = 0;
  for (let m = R_DECIMAL.exec(text); m !== null; m = R_DECIMAL.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    while (q < quiet.length && (quiet[q]?.[1] ?? 0) < start) q++;
    const ql = quiet[q];
    if (ql !== undefined && ql[0] <= start && start <= ql[1]) continue;
    if (!scan.isFree(start, end)) continue;
    const negative = m[1] === '-';
    const n = Number(m[2] ?? '');
    let d: CodeDecoding | undefined;
    if (negative) {
      if (n >= 1 && n <= 0x80000000) d = strongHresult(-n);
    } else if (n >= 0x80000000 && n <= 0xffffffff) {
      d = strongHresult(n);
    } else if (n >= 12000 && n <= 12999) {
      d = decodeWinHttp(n) ?? (precededByError(text, start) ? genericWinHttp(n) : undefined);
    }
    if (d === undefined) continue;
    if (NON_CODE_LABELS.has(previousWord(text, start))) continue;
    if (NON_CODE_UNITS.has(nextWord(text, end))) continue;
    if (isIpAddress(previousToken(text, start))) continue;
    scan.add(start, end, d);
  }
}
