/** What the multi-record rules share: where a finding goes, and how much of a record they read. */
import { toDocumentOffset } from '../../text';
import type { LogRecord } from '../../types';
import type { ValidatorFinding } from '../define';

/** Validators look at this much of a record, like the signatures do. */
const MAX_CHARS = 64 * 1024;

export function head(record: LogRecord): string {
  return record.text.length > MAX_CHARS ? record.text.slice(0, MAX_CHARS) : record.text;
}

/**
 * Where a finding about a record goes, taken while the record is read: the rules keep this, never
 * the record, whose text would keep its whole read chunk in memory while the rest of the log streams by.
 */
export interface Place {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

export function placeOf(record: LogRecord, index: number, at: number, length: number): Place {
  return { index, start: toDocumentOffset(record, at), end: toDocumentOffset(record, at + Math.max(length, 1)) };
}

export function finding(ruleId: string, place: Place, message: string): ValidatorFinding {
  return { ruleId, start: place.start, end: place.end, message, record: place.index };
}
