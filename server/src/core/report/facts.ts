import { parseTime } from '../time';
import { decodeRecord } from '../hover';
import { columnOf } from '../records';
import type { LogRecord } from '../types';

/**
 * What a flat finding line carries from its record: the host the log names, the record's time, the
 * codes on it and the request it was about. Read while the record is at hand, since the streaming
 * readers drop records after validating them.
 */
export interface RecordFacts {
  /** The record's timestamp as the reader gave it (UTC with `Z`, or local time without a zone). */
  readonly time?: string;
  /** The computer name the log states (IIS `s-computername`, event or svclog `<Computer>`). */
  readonly host?: string;
  /** The codes on the record, normalised (`0x800B0109`, `403.16`), first seen first, each once. */
  readonly codes: readonly string[];
  readonly eventId?: string;
  /** The IIS request's URI stem in lower case and its `operation=` (GetCACaps, PKIOperation …). */
  readonly uri?: string;
  readonly operation?: string;
}

/** For a finding without a record (a note about the file, a multi-record rule's finding in a stream). */
export const NO_FACTS: RecordFacts = { codes: [] };

/** Codes kept per record: the status triplet and an HRESULT or two are what matter. */
const MAX_CODES = 8;

export function recordFacts(record: LogRecord | undefined): RecordFacts {
  if (!record) return NO_FACTS;
  const facts: { -readonly [K in keyof RecordFacts]: RecordFacts[K] } = { codes: [] };
  const put = (key: 'time' | 'host' | 'eventId' | 'uri' | 'operation', value: string | undefined): void => {
    const v = value?.trim();
    if (v !== undefined && v !== '' && v !== '-') facts[key] = v;
  };
  put('time', record.time);
  put('host', columnOf(record, 's-computername') ?? columnOf(record, 'Computer') ?? columnOf(record, 'computer'));
  // A WCF trace's EventID is 0 on nearly every record: only a Windows event id names anything.
  const eventId = columnOf(record, 'EventID') ?? columnOf(record, 'eventId');
  put('eventId', eventId === '0' ? undefined : eventId);
  put('uri', columnOf(record, 'cs-uri-stem')?.toLowerCase());
  put('operation', /(?:^|&)operation=([A-Za-z]{1,40})/.exec(columnOf(record, 'cs-uri-query') ?? '')?.[1]);
  const codes = new Set<string>();
  try {
    for (const m of decodeRecord(record)) {
      if (codes.size >= MAX_CODES) break;
      codes.add(m.code);
    }
  } catch {
    // A code the decoder cannot read leaves the line without codes, never without the finding.
  }
  facts.codes = [...codes];
  return facts;
}

/** The key values of a fingerprint, in a fixed order (see fingerprint.ts). */
export function keyValues(facts: RecordFacts): string[] {
  return [facts.eventId ?? '', facts.uri ?? '', facts.operation ?? '', ...facts.codes];
}

/**
 * A record's time as UTC ISO-8601 (`2026-12-07T03:12:49.000Z`) when the log states its zone; local
 * times without a zone (NDESPlugin.log) are not guessed at.
 */
export function utcTime(time: string | undefined): string | undefined {
  const t = parseTime(time);
  return t?.utc === true ? new Date(t.ms).toISOString() : undefined;
}
