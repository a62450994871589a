import { statusTail } from './formats/iis';
import type { HttpStatus, LogRecord } from './types';

/** The IIS status triplet of a record: parsed fields first, else the triplet shape at its end. */
export function httpStatusOf(record: LogRecord): HttpStatus | undefined {
  return record.http ?? (record.map ? undefined : statusTail(record.text, record.start));
}

/** One named value of a record (`fields[name]`), read alone when the scanner can. */
export function columnOf(record: LogRecord, name: string): string | undefined {
  return record.column ? record.column(name) : record.fields?.[name];
}

/** Index of the record containing `offset`, or -1. Records are sorted and do not overlap. */
export function recordAt(records: readonly LogRecord[], offset: number): number {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = records[mid];
    if (!r) break;
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
