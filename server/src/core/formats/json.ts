import type { LogRecord, OffsetMap } from '../types';
import { eventIdFromInstance, NUMERIC_LEVELS } from './eventFields';
import { localIso } from './segments';

/**
 * PowerShell `ConvertTo-Json` of event objects: `Get-WinEvent … | ConvertTo-Json` (EventLogRecord:
 * `Id`, `ProviderName`, `LogName`, `Level`, `LevelDisplayName`, `TimeCreated`, `RecordId`, `ProcessId`,
 * `ThreadId`, `Properties`, `Message`, …) and `Get-EventLog … | ConvertTo-Json` (EventLogEntry:
 * `EventID`, `Source`, `EntryType`, `Index`, `InstanceId`, `TimeGenerated`, `ReplacementStrings`,
 * `Message`, …), or a Select-Object of their properties: an array of objects (one object alone when
 * a single event was piped), pretty-printed (Windows PowerShell pads `"Key":  value` with two blanks,
 * PowerShell 7 with one) or on one line (`-Compress`). Windows PowerShell writes a time as
 * `"\/Date(1709626445000)\/"` (milliseconds since 1970, UTC) and escapes `'`, `<`, `>`, `&` as `\u0027`…;
 * PowerShell 7 writes ISO-8601 with the zone offset; both write enums (`Level`, `EntryType`) as numbers.
 *
 * Each top-level object is one record. Its text is the object as written with each string decoded
 * (escapes read, a line break in a message as a blank) and the quotes of member names dropped, so
 * `"Id":  4005` reads `Id:  4005`, as Format-List prints it, and neither `RecordId`, `ProcessId` nor
 * `Index` reads as an event id. When the object has a message, nested values (`Properties`,
 * `ReplacementStrings`, `UserId`) are left out of the text: they repeat what the message says, and a
 * finding belongs on the message. The parsed fields are those of the other event exports.
 */

/**
 * A file that is such an export (detect.ts): it opens with `[` or `{`, and its first object, within the
 * first 16,000 characters, has a numeric `Id` or `EventID`, a `Message`, and a third property of an event
 * (as for Export-Csv: `Source` and `Index` count only with `EventID`). Anchored at the start of the
 * text, without the `m` flag: every lookahead runs once, from one place.
 */
export const JSON_EVENT_FILE = /^\uFEFF?[ \t\r\n]{0,64}(?:\[[ \t\r\n]{0,64})?\{(?=[\s\S]{0,16000}?"(?:Id|EventID)"[ \t]{0,8}:[ \t]{0,8}\d)(?=[\s\S]{0,16000}?"Message"[ \t]{0,8}:)(?:(?=[\s\S]{0,16000}?"(?:TimeCreated|TimeGenerated|ProviderName|LogName|RecordId|LevelDisplayName|EntryType|MachineName)"[ \t]{0,8}:)|(?=[\s\S]{0,16000}?"EventID"[ \t]{0,8}:)(?=[\s\S]{0,16000}?"(?:Source|Index)"[ \t]{0,8}:))/;

/** A line that opens such an export: `[` or `{` alone, or followed by an object or a member name. */
export const JSON_OPEN_LINE = /^[ \t]{0,64}(?:\[[ \t]*(?:\{[ \t]*(?:"[A-Za-z]{1,40}"[ \t]*:.*)?)?|\{[ \t]*(?:"[A-Za-z]{1,40}"[ \t]*:.*)?)$/;

/** Every regex of this module, for the linear-time check in the test suite. */
export const JSON_PATTERNS: readonly RegExp[] = [JSON_EVENT_FILE, JSON_OPEN_LINE];

/** EventLogEntryType as a number (Get-EventLog's `EntryType`). */
const ENTRY_TYPES: Readonly<Record<string, string>> = { '1': 'Error', '2': 'Warning', '4': 'Information', '8': 'SuccessAudit', '16': 'FailureAudit' };
/** Member names (lower case) and the field each fills; the first one present wins. */
const FIELDS: readonly (readonly [string, string])[] = [
  ['id', 'eventId'], ['eventid', 'eventId'], ['instanceid', 'instanceId'],
  ['providername', 'provider'], ['source', 'provider'],
  ['leveldisplayname', 'level'], ['entrytype', 'level'], ['level', 'level'],
  ['logname', 'channel'], ['machinename', 'computer'], ['taskdisplayname', 'task'], ['category', 'task'],
  ['timecreated', 'time'], ['timegenerated', 'time'],
];

interface Member {
  readonly key: string;
  /** Decoded string, or the literal as written (number, true, null); undefined for an object or array. */
  readonly value: string | undefined;
  readonly isString: boolean;
  /** Where a nested value lies in the raw text: [from, to). */
  readonly nested?: readonly [number, number];
}

/**
 * Reads one top-level object (`raw` from its `{`, `start` its document offset) into the record the
 * event exports make.
 */
export function jsonEventRecord(raw: string, start: number, line: number): LogRecord {
  const members = membersOf(raw);
  const message = members.find((m) => m.key.toLowerCase() === 'message');
  const skip = message?.isString === true && (message.value ?? '').trim() !== '' ? members.flatMap((m) => (m.nested ? [m.nested] : [])) : [];
  const { text, map } = renderJson(raw, start, skip);
  const fields: Record<string, string> = {};
  const byKey = new Map<string, Member>();
  for (const m of members) if (!byKey.has(m.key.toLowerCase())) byKey.set(m.key.toLowerCase(), m);
  for (const [key, field] of FIELDS) {
    if (fields[field] !== undefined) continue;
    const m = byKey.get(key);
    let v = m?.value?.trim();
    if (!m || v === undefined || v === '' || (!m.isString && v === 'null')) continue;
    if (key === 'entrytype' && !m.isString) v = ENTRY_TYPES[v];
    else if (key === 'level' && !m.isString) v = NUMERIC_LEVELS[v];
    else if (field === 'eventId' && !/^\d{1,10}$/.test(v)) v = undefined;
    if (v !== undefined) fields[field] = v;
  }
  eventIdFromInstance(fields);
  const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start, end: start + raw.length, line, text, map };
  const time = fields['time'];
  delete fields['time'];
  const iso = time !== undefined ? timeOf(time) : undefined;
  if (iso) record.time = iso;
  if (Object.keys(fields).length > 0) record.fields = fields;
  return record;
}

/** `/Date(ms)/` (UTC, an offset after it only says the writer's zone), ISO-8601 as written, or a local time. */
function timeOf(value: string): string | undefined {
  const ms = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(value)?.[1];
  if (ms !== undefined) {
    const d = new Date(Number(ms));
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/.test(value)) return value;
  return localIso(value);
}

/** Index after the string that opens at `i` (a `"`), or raw.length when it is not closed. */
function stringEnd(raw: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = raw.indexOf('"', j);
    if (q === -1) return raw.length;
    // Count the backslashes before the quote: an odd number escapes it.
    let b = q - 1;
    while (b > i && raw.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** Index after the value that starts at `i`: a string, an object or array (brackets matched), or a literal. */
function valueEnd(raw: string, i: number): number {
  const c = raw.charCodeAt(i);
  if (c === 34) return stringEnd(raw, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < raw.length; j++) {
      const d = raw.charCodeAt(j);
      if (d === 34) { j = stringEnd(raw, j) - 1; continue; }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return raw.length;
  }
  let j = i;
  while (j < raw.length) {
    const d = raw.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || d === 123 || d === 91 || d === 34 || isBlank(d)) break;
    j++;
  }
  return Math.max(j, i + 1);
}

/** The members of the object `raw` opens (`raw[0]` is `{`), in order; tolerant of what is not JSON. */
function membersOf(raw: string): Member[] {
  const out: Member[] = [];
  let i = 1;
  while (i < raw.length) {
    while (i < raw.length && (isBlank(raw.charCodeAt(i)) || raw.charCodeAt(i) === 44)) i++;
    if (i >= raw.length || raw.charCodeAt(i) === 125) break;
    if (raw.charCodeAt(i) !== 34) { i = valueEnd(raw, i); continue; }
    const keyEnd = stringEnd(raw, i);
    const key = decodeJsonString(raw.slice(i + 1, keyEnd - 1));
    let j = keyEnd;
    while (j < raw.length && isBlank(raw.charCodeAt(j))) j++;
    if (raw.charCodeAt(j) !== 58) { i = j; continue; }
    j++;
    while (j < raw.length && isBlank(raw.charCodeAt(j))) j++;
    if (j >= raw.length) break;
    const end = valueEnd(raw, j);
    const c = raw.charCodeAt(j);
    if (c === 123 || c === 91) out.push({ key, value: undefined, isString: false, nested: [j, end] });
    else if (c === 34) out.push({ key, value: decodeJsonString(raw.slice(j + 1, Math.max(j + 1, end - 1))), isString: true });
    else out.push({ key, value: raw.slice(j, end), isString: false });
    i = end;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: ' ', f: ' ', n: ' ', r: ' ', t: ' ' };

/**
 * One escape at `raw[i]` (a backslash): the text it stands for and its length, or undefined when it is
 * none (kept as written). A line break or tab reads as a blank; a surrogate pair as one character.
 */
function escapeAt(raw: string, i: number): { text: string; length: number } | undefined {
  const c = raw.charAt(i + 1);
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, length: 2 };
  if (c !== 'u') return undefined;
  const hex = /^[0-9A-Fa-f]{4}$/.test(raw.slice(i + 2, i + 6)) ? parseInt(raw.slice(i + 2, i + 6), 16) : -1;
  if (hex < 0) return undefined;
  if (hex >= 0xd800 && hex <= 0xdbff && raw.charAt(i + 6) === '\\' && raw.charAt(i + 7) === 'u') {
    const low = /^[0-9A-Fa-f]{4}$/.test(raw.slice(i + 8, i + 12)) ? parseInt(raw.slice(i + 8, i + 12), 16) : -1;
    if (low >= 0xdc00 && low <= 0xdfff) return { text: String.fromCharCode(hex, low), length: 12 };
  }
  if (hex >= 0xd800 && hex <= 0xdfff) return { text: '\uFFFD', length: 6 };
  return { text: hex < 32 ? ' ' : String.fromCharCode(hex), length: 6 };
}

/** The value of a string's content (between its quotes). */
function decodeJsonString(content: string): string {
  if (!content.includes('\\')) return content;
  let out = '';
  let last = 0;
  for (let i = content.indexOf('\\'); i !== -1; i = content.indexOf('\\', i)) {
    const e = escapeAt(content, i);
    if (!e) { i++; continue; }
    out += content.slice(last, i) + e.text;
    i += e.length;
    last = i;
  }
  return out + content.slice(last);
}

/**
 * The record text of an object: `raw` as written, each string decoded, member names without their
 * quotes, the `skip` ranges left out; and the map back to document offsets (`start` = offset of raw[0]).
 */
function renderJson(raw: string, start: number, skip: readonly (readonly [number, number])[]): { text: string; map: OffsetMap } {
  const textAnchors: number[] = [];
  const docAnchors: number[] = [];
  let text = '';
  /** The raw index that text.length maps to without a new anchor. */
  let linearTo = -1;
  const emit = (from: number, to: number, piece?: string): void => {
    if (from !== linearTo) { textAnchors.push(text.length); docAnchors.push(start + from); }
    text += piece ?? raw.slice(from, to);
    linearTo = piece !== undefined && piece.length !== to - from ? -1 : to;
  };
  const emitString = (from: number, to: number): void => {
    let last = from;
    for (let i = raw.indexOf('\\', from); i !== -1 && i < to; i = raw.indexOf('\\', i)) {
      const e = escapeAt(raw, i);
      if (!e || i + e.length > to) { i++; continue; }
      if (i > last) emit(last, i);
      emit(i, i + e.length, e.text);
      i += e.length;
      last = i;
    }
    if (to > last) emit(last, to);
  };
  let skipAt = 0;
  let copyFrom = 0;
  while (copyFrom < raw.length) {
    const range = skip[skipAt];
    const q = raw.indexOf('"', copyFrom);
    // A nested value left out: it starts outside any string, so before the next string or at it.
    if (range && range[0] <= (q === -1 ? raw.length : q)) {
      if (range[0] > copyFrom) emit(copyFrom, range[0]);
      copyFrom = Math.max(copyFrom, range[1]);
      skipAt++;
      continue;
    }
    if (q === -1) break;
    const end = stringEnd(raw, q);
    if (q > copyFrom) emit(copyFrom, q);
    const closed = end - q >= 2 && raw.charCodeAt(end - 1) === 34;
    const inner = closed ? end - 1 : end;
    let after = end;
    while (after < raw.length && isBlank(raw.charCodeAt(after))) after++;
    // A member name reads without its quotes; a string value keeps them.
    if (closed && raw.charCodeAt(after) === 58) emitString(q + 1, inner);
    else { emit(q, q + 1); emitString(q + 1, inner); if (closed) emit(end - 1, end); }
    copyFrom = end;
  }
  if (copyFrom < raw.length) emit(copyFrom, raw.length);
  if (textAnchors.length === 0) { textAnchors.push(0); docAnchors.push(start); }
  return { text, map: { text: textAnchors, doc: docAnchors } };
}
