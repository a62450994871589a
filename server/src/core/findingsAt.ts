import { lowerBound } from './sorted';
import type { Finding, LogRecord } from './types';

/** Per findings list: the file notes (no record), which may cover any offset. Built once per list. */
const notesOf = new WeakMap<readonly Finding[], readonly Finding[]>();

/**
 * The findings of the record at an offset and those covering the offset, from a list sorted by
 * position: a binary search, not a pass over one success marker per healthy request at every hover.
 * A record's findings lie inside it (records do not overlap); only file notes reach anywhere.
 */
export function findingsAt(findings: readonly Finding[], offset: number, record: LogRecord | undefined, index: number): Finding[] {
  let notes = notesOf.get(findings);
  if (!notes) { notes = findings.filter((f) => f.record < 0); notesOf.set(findings, notes); }
  const from = record ? Math.min(record.start, offset) : offset;
  const to = record ? Math.max(record.end, offset) : offset;
  // File notes first: on equal ranges they come first in the list too (the sort below is stable).
  const here = notes.filter((f) => f.start <= offset && offset <= f.end);
  for (let i = lowerBound(findings, from, (f) => f.start); i < findings.length; i++) {
    const f = findings[i];
    if (!f || f.start > to) break;
    if (f.record >= 0 && (f.record === index || (f.start <= offset && offset <= f.end))) here.push(f);
  }
  return here.sort((a, b) => a.start - b.start || a.end - b.end);
}
