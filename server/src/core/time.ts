import type { LogRecord } from './types';

/**
 * Record times as the scanners write them (ISO-8601; `Z` or an offset when the log states its
 * zone). Times without a zone are the writer's local clock: comparable within one file only.
 */
export function parseTime(value: string | undefined): { ms: number; utc: boolean } | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')));
  const zone = m[8];
  if (!zone) return { ms, utc: false };
  if (zone === 'Z') return { ms, utc: true };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return { ms: ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000, utc: true };
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
