import type { LogRecord } from './types';

/**
 * Record times as the scanners write them (ISO-8601; `Z` or an offset when the log states its
 * zone). Times without a zone are the writer's local clock: comparable within one file only. A time
 * whose year the log leaves out (`XXXX-03-04T18:30:53`) is no instant: undefined.
 */
export function parseTime(value: string | undefined): { ms: number; utc: boolean } | undefined {
  if (!value) return undefined;
  // IIS's and the event logs' times end in `Z`: UTC, and otherwise the same plain form.
  const utc = value.charCodeAt(value.length - 1) === 90;
  const fast = plainTime(value, utc ? value.length - 1 : value.length);
  if (fast !== undefined) return { ms: fast, utc };
  const m = ISO_TIME.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')));
  const zone = m[8];
  if (!zone) return { ms, utc: false };
  if (zone === 'Z') return { ms, utc: true };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return { ms: ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000, utc: true };
}

const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/;

/** The day last read and its midnight: a log's lines share their day, so most times skip Date.UTC. */
let cachedDay = '';
let cachedDayMs = 0;

/**
 * `YYYY-MM-DD[T ]hh:mm:ss[.f…]` (the scanners' usual form) in the first `n` characters of `v`, read
 * digit by digit, equal to the regex reading; anything else is left to it (undefined).
 */
function plainTime(v: string, n: number): number | undefined {
  if (n < 19 || n > 29 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  const t = v.charCodeAt(10);
  if (t !== 84 && t !== 32) return undefined;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  let ms = 0;
  if (n > 19) {
    // A fraction of 1 to 9 digits and nothing after it; its first three digits are the milliseconds.
    if (v.charCodeAt(19) !== 46 || n === 20 || digits(v, 20, n - 20) < 0) return undefined;
    for (let i = 20; i < 23; i++) ms = ms * 10 + (i < n ? v.charCodeAt(i) - 48 : 0);
  }
  const day = v.slice(0, 10);
  if (day !== cachedDay) { cachedDay = day; cachedDayMs = Date.UTC(y, mo - 1, d); }
  return cachedDayMs + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/** The number written by `count` ASCII digits at `from`, or -1 if any is not a digit. */
function digits(v: string, from: number, count: number): number {
  let x = 0;
  for (let i = from; i < from + count; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

/** Milliseconds of a record time on its own clock, or undefined when it has none. */
export function timeMs(value: string | undefined): number | undefined {
  return parseTime(value)?.ms;
}

/**
 * How far a log goes: the latest time among its last `count` entries (logs are written in time
 * order; the very last line may be cut off mid-write and carry no time).
 */
export function latestTime(records: readonly LogRecord[], count = 8): number | undefined {
  let latest: number | undefined;
  for (let i = records.length - 1, seen = 0; i >= 0 && seen < count; i--) {
    const r = records[i];
    if (!r || r.kind !== 'entry') continue;
    seen++;
    const t = timeMs(r.time);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}
