/** Event ids, read in one log's table or, when the source is not named, in every table that has them. */
import type { EventEntry, EventLogId, EventLogInfo } from './tables';
import { decoding, fromInfo, memo, type CodeDecoding } from './decoding';
import { EVENT_LOG_INFO, EVENTS_BY_ID } from './lookup';

export function eventReading(e: EventEntry): CodeDecoding {
  const log: EventLogInfo | undefined = EVENT_LOG_INFO.get(e.log);
  const label = log?.label ?? e.log;
  const channel = e.channel !== undefined ? ` ${e.channel}` : '';
  const name = e.name !== undefined ? ` (${e.name})` : '';
  return fromInfo('event-id', `event ${e.id}`, e, { symbol: e.name, eventLog: e.log }, `${label}${channel} event ${e.id}${name}: ${e.meaning}`);
}

/** All table readings of an event id, in table order. */
export function eventReadings(id: number): readonly CodeDecoding[] {
  return (EVENTS_BY_ID.get(id) ?? []).map(eventReading);
}

/**
 * Decode an event id. With `log`, only that log's table is used. Without it every plausible reading is
 * returned: one reading as is (with a caveat that the source was not named), several combined into one
 * decoding whose `alternatives` lists them.
 */
export function decodeEventId(id: number, log?: EventLogId): CodeDecoding | undefined {
  return log === undefined ? eventAnyMemo(id) : eventInLogMemo(`${log}:${id}`);
}
const eventInLogMemo = memo((key: string): CodeDecoding | undefined => {
  const sep = key.lastIndexOf(':');
  const log = key.slice(0, sep);
  const e = (EVENTS_BY_ID.get(Number(key.slice(sep + 1))) ?? []).find((x) => x.log === log);
  return e === undefined ? undefined : eventReading(e);
});
const eventAnyMemo = memo((id: number): CodeDecoding | undefined => {
  const entries = EVENTS_BY_ID.get(id) ?? [];
  const readings = entries.map(eventReading);
  const first = readings[0];
  if (first === undefined) return undefined;
  if (readings.length === 1) {
    return { ...first, caveat: joinCaveat('The event source is not named next to it; this is the only known reading of this id.', first.caveat) };
  }
  const meaning = `Event ${id} means different things depending on its source: ` + readings.map((r, i) => `(${i + 1}) ${r.meaning}`).join(' ');
  return decoding('event-id', `event ${id}`, meaning, first.source, {
    caveat: 'Ambiguous: the text does not name the event source (provider / channel).',
    alternatives: readings,
    unconfirmed: readings.some((r) => r.unconfirmed === true),
  });
});

export function joinCaveat(a: string, b: string | undefined): string {
  return b === undefined ? a : `${a} ${b}`;
}
