import { NOTE_PREFIX, NOTE_SUFFIX } from '../evtx/document';
import type { LogRecord } from '../types';
import { decodeXmlText } from '../text';
import { csvFields, quoteCount } from './csv';
import { eventIdFromInstance, NUMERIC_LEVELS } from './eventFields';
import { JSON_OPEN_LINE, jsonEventRecord } from './json';
import { LineSplitter, type PhysicalLine } from './lines';
import { isValueOf } from './pasted';
import type { RecordSink, Scanner } from './scanner';
import { joinSegments, localIso, rightTrimmedSegment, trimmedSegment, type Segment } from './segments';

/**
 * Windows event log exports, one record per event holding its whole text, so a rule can ask for
 * the provider, the event id and the message in the same record:
 * - XML (`wevtutil qe /f:xml`, Event Viewer "Save as XML", Details → XML View): `<Event xmlns=…>`
 *   elements with no root or inside `<Events>`, one per line, pretty-printed or all on one line.
 *   The record text is the entity-decoded element, mapped back to the document.
 * - Event Viewer "Save as .txt" (tab-separated `Level Date and Time Source Event ID Task Category`
 *   rows whose message runs over the following lines, quoted when it has several) and ".csv" (the
 *   message quoted, line breaks inside the quotes).
 * - "Copy details as text" (`Log Name:` … `Description:` + message, optional `Event Xml:` + XML;
 *   damaged padding `Key:\s*value`; the next `Log Name:` / `Source:` / `Event ID:` ends the event,
 *   and a blank line does before the message, not inside it).
 * - PowerShell `Export-Csv` / `ConvertTo-Csv` of event objects (Get-WinEvent's EventLogRecord:
 *   `"Message","Id",…,"RecordId","ProviderName",…,"ProcessId","ThreadId",…`; Get-EventLog's
 *   EventLogEntry: `"EventID","MachineName",…,"Index",…,"Source",…`; or a Select-Object of their
 *   properties), after an optional `#TYPE` line: the quoted header names the columns, and each row
 *   (its message quoted, line breaks inside the quotes) is one record whose fields are read by
 *   column name. The row also holds record numbers and process/thread ids, which are not its event id.
 * - PowerShell `Format-List` blocks (`TimeCreated :`, `ProviderName :`, `Id :`, `Message :`, wrapped
 *   values indented under the value column) and `Format-Table` rows whose message wraps onto lines
 *   indented to the Message column: those lines are joined to the row (a word cut by the wrap is
 *   joined back without a blank). Under a `ProviderName: X` group heading the heading's text leads
 *   the record text (mapped to the heading), since the rows do not repeat it.
 * - PowerShell `ConvertTo-Json` of the same objects (formats/json.ts): each top-level object is one
 *   record, read from its `{` to its `}` whatever the lines (pretty-printed or `-Compress`).
 * - A binary .evtx, rendered by `core/evtx` to the XML above; its notes (damage it read past) are
 *   comment lines that become `NDES-LENS-EVTX-DAMAGED` problems.
 * - Anything else (a message pasted alone) is one record per line.
 * Fields: `provider`, `channel`, `eventId`, `level`, `computer` (and `task` where printed); `time`
 * is UTC with `Z` from XML `SystemTime`, local without a zone from the text exports.
 */
type Mode = 'kv' | 'list' | 'tab' | 'csv' | 'pscsv' | 'table' | 'line';

const EVENT_OPEN = /<Event[\s>]/g;
const EVENT_CLOSE = '</Event>';
const MAX_EVENT_CHARS = 4 * 1024 * 1024;
const MAX_LINES = 2000;

/**
 * Event Viewer's column headers ("Save All Events As" .txt and .csv: level, date and time, source, event
 * id, task category) in the languages its exports were seen in: English; German (`Ebene,Datum und
 * Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie`, a .csv an EVTX research set publishes); French (`Niveau
 * Date et heure Source ID de l’événement Catégorie de la tâche`, a .txt pasted into a support forum, with
 * a typographic apostrophe that a copy may turn into `'`). Data: another language is one more row.
 */
const VIEWER_COLUMNS: readonly (readonly [string, string, string, string, string])[] = [
  ['Level', 'Date and Time', 'Source', 'Event ID', 'Task Category'],
  ['Ebene', 'Datum und Uhrzeit', 'Quelle', 'Ereignis-ID', 'Aufgabenkategorie'],
  ['Niveau', 'Date et heure', 'Source', "ID de l['’]événement", 'Catégorie de la tâche'],
];
const viewerHeader = (sep: string, quote: string): string => VIEWER_COLUMNS.map((cols) => cols.map((c) => `${quote}${c}${quote}`).join(sep)).join('|');
/** The .txt header (tab-separated) and the .csv header (comma-separated, names quoted or not); shared with detect.ts. */
const TXT_HEADER = new RegExp(`^\\s*(?:${viewerHeader('\\t', '')})`, 'i');
const CSV_HEADER = new RegExp(`^\\s*(?:${viewerHeader(',', '"?')})`, 'i');
export const VIEWER_FILE_HEADER = new RegExp(`^\\uFEFF?[ \\t]*(?:${viewerHeader('(?:\\t|,)', '"?')})`, 'im');
/** The first two columns of any of those headers: the start of another export inside a .txt row's message. */
const VIEWER_HEADER_START = new RegExp(`^\\s*(?:${VIEWER_COLUMNS.map((c) => `"?${c[0]}"?[\\t,]"?${c[1]}"?[\\t,]`).join('|')})`, 'i');
const TAB_ROW = /^[^\t]{1,40}\t[^\t]{6,40}\t[^\t]{1,250}\t\d{1,10}\t/;
const CSV_ROW = /^\s*"?[A-Za-z][A-Za-z ]{1,30}"?,"?\d[^",]{5,40}"?,"?[^",]{1,250}"?,"?\d{1,10}"?(?:,|\s*$)/;
/** PowerShell's type line above an Export-Csv (Windows PowerShell writes it unless -NoTypeInformation). */
const PS_CSV_TYPE = /^\s*#TYPE[ \t]+\S/;
/**
 * An Export-Csv header of event objects: property names only, quoted (Windows PowerShell, and
 * PowerShell 7 by default) or not (`-UseQuotes AsNeeded`), one of them `Message` and one the event id
 * (`Id`, `EventID`); bounded and unambiguous, so linear. Shared with detect.ts.
 */
export const PS_CSV_HEADER = /^\uFEFF?(?=(?:"?[A-Za-z]{1,40}"?[,;\t]){0,60}"?Message"?(?:[,;\t]|[ \t]*\r?$))(?:"?[A-Za-z]{1,40}"?[,;\t]){0,60}"?(?:Id|EventID)"?(?:[,;\t]"?[A-Za-z]{1,40}"?){0,60}[ \t]*\r?$/m;
/** A lookahead: the header names one of these properties as a whole field. */
const psCsvNames = (names: string): string => `(?=(?:"?[A-Za-z]{1,40}"?[,;\\t]){0,60}"?(?:${names})"?(?:[,;\\t]|[ \\t]*\\r?$))`;
/**
 * The same header as file evidence (detect.ts): it must also name a third property of an event
 * (its time, provider, log, record number or level), so a two-column `Id,Message` line quoted in a
 * ticket does not make the ticket an event log. `Source` and `Index` are Get-EventLog's and common
 * column names besides: they count only beside its `EventID` (no event object has both `Id` and
 * `Source`), so a ticket system's `"Id","Source","Message"` export stays plain text.
 */
export const PS_CSV_FILE_HEADER = new RegExp(PS_CSV_HEADER.source.replace('^\\uFEFF?', `^\\uFEFF?(?:${psCsvNames('TimeCreated|TimeGenerated|ProviderName|LogName|RecordId|LevelDisplayName|EntryType|MachineName')}|${psCsvNames('EventID')}${psCsvNames('Source|Index')})`), 'm');
interface PsCsv { readonly columns: readonly string[]; readonly sep: string }
/**
 * "Copy details as text" labels other than English ones, by the English label they stand for: German,
 * as Windows writes them in copies pasted into blog posts (`Protokollname:`, `Quelle:`, `Datum:`,
 * `Ereignis-ID:`, `Aufgabenkategorie:`, `Ebene:`, `Schlüsselwörter:`, `Benutzer:`, `Computer:`,
 * `Beschreibung:`). Data: another language is more rows, once its spellings are seen in a real copy.
 */
const KV_LABELS: Readonly<Record<string, string>> = {
  protokollname: 'log name', quelle: 'source', datum: 'date', 'ereignis-id': 'event id', aufgabenkategorie: 'task category',
  ebene: 'level', 'schlüsselwörter': 'keywords', benutzer: 'user', beschreibung: 'description',
};
/** The English label a "Copy details as text" label stands for, lower case. */
const kvLabel = (label: string | undefined): string | undefined => {
  const key = label?.trim().toLowerCase();
  return key === undefined ? undefined : KV_LABELS[key] ?? key;
};
const labelsFor = (english: readonly string[]): string => [...english, ...Object.keys(KV_LABELS).filter((k) => english.includes(KV_LABELS[k] ?? ''))].join('|');
const ENGLISH_KV = ['Log Name', 'Source', 'Date', 'Event ID', 'Task Category', 'Level', 'Opcode', 'Keywords', 'User', 'Computer', 'Description', 'Event Xml'];
const KV_KEY = new RegExp(`^\\s{0,8}(${labelsFor(ENGLISH_KV.map((k) => k.toLowerCase()))}):\\s*(.*)$`, 'i');
/** The labels that open an event: its log, its source, its id. */
const KV_START = new RegExp(`^\\s{0,8}(?:${labelsFor(['log name', 'source', 'event id'])}):`, 'i');
/** A source or event id label: one the event does not have yet goes on with it. */
const KV_SOURCE_OR_ID = new RegExp(`^\\s{0,8}(${labelsFor(['source', 'event id'])}):`, 'i');
/** A "Copy details as text" block as file evidence (detect.ts): its log's label, then its source's on the next line. */
export const KV_FILE_START = new RegExp(`^[ \\t]{0,8}(?:${labelsFor(['log name'])}):[^\\r\\n]*\\r?\\n[ \\t]{0,8}(?:${labelsFor(['source'])}):`, 'im');
/** Lines that begin another export's event, never a line of a .txt row's message. */
const OTHER_EXPORT = new RegExp(`^\\s{0,8}(?:${labelsFor(['log name'])}):|^\\s*<Event[\\s>]|${VIEWER_HEADER_START.source}`, 'i');
/** Level names of the localised exports, by the English name (Event Viewer's help lists them). */
const LEVEL_NAMES: Readonly<Record<string, string>> = {
  fehler: 'Error', warnung: 'Warning', informationen: 'Information', kritisch: 'Critical',
  erreur: 'Error', avertissement: 'Warning', informations: 'Information',
};
const levelName = (level: string | undefined): string | undefined => (level === undefined ? undefined : LEVEL_NAMES[level.trim().toLowerCase()] ?? level);
const LIST_KEY = /^([A-Za-z][A-Za-z0-9]{0,30})[ \t]+:(?:[ \t]|$)(.*)$/;
const GROUP = /^\s*ProviderName: (\S.*)$/;
const TABLE_WORDS = 'TimeCreated|TimeGenerated|Index|Time|Id|ProviderName|LevelDisplayName|EntryType|Source|InstanceID|MachineName|Message|LogName|Level|EventID|TaskDisplayName|UserName|Category';
const TABLE_HEADER = new RegExp(`^\\s*(?:${TABLE_WORDS})(?:[ \\t]+(?:${TABLE_WORDS})){1,12}[ \\t]*$`, 'i');
const DASHES = /^\s*-+(?:[ \t]+-+)+[ \t]*$/;
const LEVELS = /^(?:Error|Warning|Information|Critical|Verbose|FailureAudit|SuccessAudit|Audit Success|Audit Failure)$/i;
const LIST_FIELDS: Readonly<Record<string, string>> = {
  timecreated: 'time', timegenerated: 'time', providername: 'provider', source: 'provider', id: 'eventId', eventid: 'eventId',
  instanceid: 'instanceId', leveldisplayname: 'level', entrytype: 'level', logname: 'channel', machinename: 'computer', taskdisplayname: 'task', category: 'task',
};
const KV_FIELDS: Readonly<Record<string, string>> = {
  'log name': 'channel', source: 'provider', date: 'time', 'event id': 'eventId', level: 'level', computer: 'computer', 'task category': 'task',
};

interface Column { readonly name: string; readonly start: number; readonly end: number }
interface Table { readonly columns: readonly Column[]; readonly message: number; width: number; hard: boolean }

interface Pending {
  readonly mode: Mode;
  readonly line: number;
  readonly segments: Segment[];
  /** Raw physical lines (for fields). */
  readonly lines: PhysicalLine[];
  /** Table: how each continuation segment is glued to the one before. */
  readonly glue: string[];
  readonly prefix?: Segment;
  /** pscsv: the header the row is read by. */
  readonly csv?: PsCsv;
  quotes: number;
  blank: boolean;
  /** kv: inside the `Event Xml:` part. */
  xml: boolean;
}

/** A ConvertTo-Json export being read: brackets open, and the event object being collected. */
interface JsonRun {
  depth: number;
  /** The depth at which an event object opens: 1 for an object alone, 2 inside the top array. */
  readonly objectDepth: number;
  inString: boolean;
  escape: boolean;
  object?: { buf: string; start: number; line: number; truncated: boolean } | undefined;
}

interface XmlRun {
  buf: string;
  start: number;
  /** [index in buf, line] of each appended physical line. */
  marks: [number, number][];
  open: number | undefined;
  closeFrom: number;
  openFrom: number;
  /** The last search for `</Event>`: from where, up to which buffer length, and what it found (-1: none). */
  closeSeen?: { from: number; upTo: number; at: number } | undefined;
}

export function createEventLogScanner(sink: RecordSink): Scanner {
  let current: Pending | undefined;
  let table: Table | undefined;
  let pendingHeader: PhysicalLine | undefined;
  let group: Segment | undefined;
  let csvSeen = false;
  let psCsv: PsCsv | undefined;
  let run: XmlRun | undefined;
  let json: JsonRun | undefined;

  // ---- text records ---------------------------------------------------------------------------

  const flush = (): void => {
    const p = current;
    current = undefined;
    if (!p) return;
    const body = p.segments;
    const first = body[0];
    const last = body[body.length - 1];
    if (!first || !last) return;
    const all = p.prefix ? [p.prefix, ...body] : body;
    const own = p.mode === 'table' && table ? tableGlue(p.lines, table) : p.glue;
    const glue = p.prefix ? [' ', ...own] : own;
    const { text, map } = joinSegments(all, (_a, _b, i) => glue[i - 1] ?? ' ');
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start: first.start, end: last.start + last.text.length, line: p.line, text };
    if (map) record.map = map;
    const fields = fieldsOf(p);
    if (p.prefix && fields['provider'] === undefined && group) fields['provider'] = GROUP.exec(group.text)?.[1]?.trim() ?? '';
    const time = fields['time'];
    delete fields['time'];
    if (time) { const t = localIso(time); if (t) record.time = t; }
    if (Object.keys(fields).length > 0) record.fields = fields;
    sink.record(record);
  };

  const fieldsOf = (p: Pending): Record<string, string> => {
    const out: Record<string, string> = {};
    const put = (k: string | undefined, v: string | undefined): void => { if (k && v !== undefined && v.trim() !== '' && out[k] === undefined) out[k] = v.trim(); };
    const firstLine = p.lines[0]?.text ?? '';
    switch (p.mode) {
      case 'tab': {
        const [level, date, source, id, task] = firstLine.split('\t');
        put('level', levelName(level)); put('time', date); put('provider', source); put('eventId', id); put('task', task);
        break;
      }
      case 'csv': {
        const [level, date, source, id, task] = csvFields(p.lines.map((l) => l.text).join('\n'), 5);
        put('level', levelName(level)); put('time', date); put('provider', source); put('eventId', id); put('task', task);
        break;
      }
      case 'pscsv': {
        const csv = p.csv;
        if (!csv) break;
        const values = csvFields(p.lines.map((l) => l.text).join('\n'), csv.columns.length, csv.sep);
        csv.columns.forEach((name, i) => { put(LIST_FIELDS[name.toLowerCase()], values[i]); });
        eventIdFromInstance(out);
        break;
      }
      case 'kv':
        for (const l of p.lines) {
          const m = KV_KEY.exec(l.text);
          if (!m) continue;
          const key = kvLabel(m[1]) ?? '';
          if (key === 'description' || key === 'event xml') break;
          // A Markdown copy marks a value in bold (`Level: **Error**`).
          const value = m[2]?.trim().replace(/^\*\*(.{1,300})\*\*$/, '$1');
          put(KV_FIELDS[key], key === 'level' ? levelName(value) : value);
        }
        break;
      case 'list':
        for (const l of p.lines) {
          const m = LIST_KEY.exec(l.text);
          if (m) put(LIST_FIELDS[(m[1] ?? '').toLowerCase()], m[2]);
        }
        eventIdFromInstance(out);
        break;
      case 'table':
        if (table) tableFields(firstLine, table, put);
        break;
      case 'line':
        break;
    }
    if (out['eventId'] !== undefined && !/^\d{1,10}$/.test(out['eventId'])) delete out['eventId'];
    return out;
  };

  /**
   * A hand-edited "copy details as text" paste can hold blank lines between the fields of one event
   * (`Log Name:` … blank … `Event ID:` … blank … `Description:`). After a blank, the event goes on
   * while its header is unfinished: a field it does not have yet (never `Log Name:`, which opens an
   * event) before its `Description:`, or the message after a `Description:` left empty. Once the
   * message has begun, a blank line is part of it: Windows messages hold blank lines of their own
   * (.NET Runtime 1026 between inner exceptions, Windows Error Reporting 1001 before "Problem
   * signature", VSS before "Operation:"), as the .txt export keeps them. Only a line that starts
   * an event (`Log Name:`, `Source:`, `Event ID:`) or another export's row ends it there.
   */
  const continuesAfterBlank = (p: Pending, text: string): boolean => {
    const keys = p.lines.map((x) => kvLabel(KV_KEY.exec(x.text)?.[1]));
    if (keys.includes('event xml')) return false;
    if (keys.includes('description')) {
      const last = KV_KEY.exec(p.lines[p.lines.length - 1]?.text ?? '');
      if (last && kvLabel(last[1]) === 'description' && (last[2] ?? '').trim() === '') return !KV_KEY.test(text);
      return !KV_START.test(text) && !TAB_ROW.test(text) && !CSV_ROW.test(text) && !LIST_KEY.test(text);
    }
    const key = kvLabel(KV_KEY.exec(text)?.[1]);
    return key !== undefined && key !== 'log name' && !keys.includes(key);
  };

  const begin = (mode: Mode, l: PhysicalLine, prefix?: Segment): void => {
    flush();
    const seg = rightTrimmedSegment(l.text, l.start);
    if (!seg) return;
    current = { mode, line: l.line, segments: [seg], lines: [l], glue: [], quotes: mode === 'csv' || mode === 'pscsv' || mode === 'tab' ? quoteCount(l.text) : 0, blank: false, xml: false, ...(prefix ? { prefix } : {}), ...(mode === 'pscsv' && psCsv ? { csv: psCsv } : {}) };
  };

  const extend = (p: Pending, l: PhysicalLine, glue = ' ', from?: number): void => {
    const seg = from !== undefined ? rightTrimmedSegment(l.text.slice(from), l.start + from) : trimmedSegment(l.text, l.start);
    if (p.mode === 'csv' || p.mode === 'pscsv' || p.mode === 'tab') p.quotes += quoteCount(l.text);
    if (p.lines.length < MAX_LINES) p.lines.push(l);
    p.blank = false;
    if (!seg) return;
    const text = from !== undefined ? seg.text.trimStart() : seg.text;
    p.segments.push({ start: seg.start + (seg.text.length - text.length), text });
    p.glue.push(glue);
    if (p.segments.length >= MAX_LINES) flush();
  };

  // ---- XML ------------------------------------------------------------------------------------

  const lineAt = (r: XmlRun, index: number): number => {
    let line = r.marks[0]?.[1] ?? 0;
    for (const [at, l] of r.marks) { if (at > index) break; line = l; }
    return line;
  };

  const emitEvent = (r: XmlRun, from: number, to: number, truncated: boolean): void => {
    const raw = r.buf.slice(from, to);
    const start = r.start + from;
    const { text, map } = decodeXmlText(raw, start);
    const fields: Record<string, string> = {};
    const put = (k: string, v: string | undefined): void => { if (v !== undefined && v.trim() !== '') fields[k] = v.trim(); };
    put('provider', /<Provider\b[^>]{0,300}?\bName=["']([^"'<>]{1,300})["']/.exec(raw)?.[1]);
    put('eventId', /<EventID\b[^>]{0,200}>\s*(\d{1,10})\s*</.exec(raw)?.[1]);
    const level = /<Level>\s*([^<]{1,40}?)\s*<\/Level>/.exec(raw)?.[1];
    put('level', level !== undefined ? NUMERIC_LEVELS[level] ?? level : undefined);
    // The rendered name is in the exporting machine's language ("Informationen", "Erreur"): it names
    // the level only when the number is not one of the standard levels.
    const rendered = /<RenderingInfo\b[\s\S]{0,2000}?<Level>([^<]{1,40})<\/Level>/.exec(raw)?.[1];
    if (rendered && (level === undefined || NUMERIC_LEVELS[level] === undefined)) put('level', rendered);
    put('channel', /<Channel>([^<]{1,300})<\/Channel>/.exec(raw)?.[1]);
    put('computer', /<Computer>([^<]{1,300})<\/Computer>/.exec(raw)?.[1]);
    put('task', /<Task>([^<]{1,100})<\/Task>/.exec(raw)?.[1]);
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start, end: start + raw.length, line: lineAt(r, from), text, map, fields };
    const time = /<TimeCreated\b[^>]{0,100}?\bSystemTime=["']([^"'<>]{1,40})["']/.exec(raw)?.[1];
    if (time) record.time = /(?:Z|[+-]\d\d:?\d\d)$/.test(time) ? time : `${time}Z`;
    sink.record(record);
    if (truncated) {
      sink.problem({
        ruleId: 'NDES-LENS-TRUNCATED-RECORD', severity: 'warning', start, end: start + '<Event'.length,
        message: 'This event has no closing </Event>: the export was probably cut off or copied in part. What is there was analysed.',
      });
    }
  };

  /** Extracts the complete events of the run; returns false when no event is left open. */
  const drain = (r: XmlRun, final: boolean): boolean => {
    for (;;) {
      if (r.open === undefined) {
        EVENT_OPEN.lastIndex = r.openFrom;
        const m = EVENT_OPEN.exec(r.buf);
        if (!m) { r.openFrom = r.buf.length; break; }
        r.open = m.index;
        r.closeFrom = m.index;
        r.openFrom = m.index + 1;
      }
      const seen = r.closeSeen;
      let close: number;
      if (seen && seen.from <= r.closeFrom && (seen.at >= r.closeFrom || (seen.at === -1 && seen.upTo === r.buf.length))) close = seen.at;
      else {
        close = r.buf.indexOf(EVENT_CLOSE, r.closeFrom);
        r.closeSeen = { from: r.closeFrom, upTo: r.buf.length, at: close };
      }
      EVENT_OPEN.lastIndex = r.openFrom;
      const next = EVENT_OPEN.exec(r.buf);
      if (next && (close === -1 || next.index < close)) {
        emitEvent(r, r.open, next.index, true);
        r.open = next.index;
        r.closeFrom = next.index;
        r.openFrom = next.index + 1;
        continue;
      }
      if (close === -1) {
        r.closeFrom = Math.max(r.open, r.buf.length - EVENT_CLOSE.length);
        r.openFrom = r.buf.length;
        if (final || r.buf.length - r.open > MAX_EVENT_CHARS) { emitEvent(r, r.open, r.buf.length, true); r.open = undefined; }
        break;
      }
      emitEvent(r, r.open, close + EVENT_CLOSE.length, false);
      r.open = undefined;
      r.openFrom = close + EVENT_CLOSE.length;
    }
    if (r.open === undefined) return false;
    // Drop what lies before the open event.
    const cut = r.open;
    if (cut > 0) {
      r.buf = r.buf.slice(cut);
      r.start += cut;
      r.marks = r.marks.map(([at, l]) => [at - cut, l] as [number, number]).filter(([at], i, all) => at >= 0 || (all[i + 1]?.[0] ?? 1) > 0);
      r.open = 0;
      r.closeFrom -= cut;
      r.openFrom -= cut;
      const seen = r.closeSeen;
      r.closeSeen = seen && seen.from >= cut ? { from: seen.from - cut, upTo: seen.upTo - cut, at: seen.at === -1 ? -1 : seen.at - cut } : undefined;
    }
    return true;
  };

  const xmlLine = (l: PhysicalLine): void => {
    let r = run;
    if (!r) {
      r = { buf: l.text, start: l.start, marks: [[0, l.line]], open: undefined, closeFrom: 0, openFrom: 0 };
      run = r;
    } else {
      r.marks.push([r.buf.length + (l.start - (r.start + r.buf.length)), l.line]);
      r.buf += ' '.repeat(l.start - (r.start + r.buf.length)) + l.text;
    }
    if (!drain(r, false)) run = undefined;
  };

  // ---- JSON -----------------------------------------------------------------------------------

  const emitJson = (o: { buf: string; start: number; line: number; truncated: boolean }): void => {
    sink.record(jsonEventRecord(o.buf, o.start, o.line));
    if (o.truncated) {
      sink.problem({
        ruleId: 'NDES-LENS-TRUNCATED-RECORD', severity: 'warning', start: o.start, end: o.start + 1,
        message: 'This event object has no closing }: the export was probably cut off or copied in part. What is there was analysed.',
      });
    }
  };

  /** Reads a line of a ConvertTo-Json export from `from`; at the end of the export the run ends. */
  const jsonLine = (l: PhysicalLine, from: number): void => {
    const j = json;
    if (!j) return;
    const t = l.text;
    let objectFrom = 0;
    const append = (to: number): void => {
      const o = j.object;
      if (!o || to <= objectFrom) return;
      const gap = l.start + objectFrom - (o.start + o.buf.length);
      if (o.buf.length + gap + (to - objectFrom) > MAX_EVENT_CHARS) { o.truncated = true; return; }
      o.buf += ' '.repeat(Math.max(0, gap)) + t.slice(objectFrom, to);
    };
    for (let i = from; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (j.inString) {
        if (j.escape) j.escape = false;
        else if (c === 92) j.escape = true;
        else if (c === 34) j.inString = false;
        continue;
      }
      if (c === 34) { j.inString = true; continue; }
      if (c === 123 || c === 91) {
        j.depth++;
        if (c === 123 && j.depth === j.objectDepth && !j.object) { j.object = { buf: '', start: l.start + i, line: l.line, truncated: false }; objectFrom = i; }
        continue;
      }
      if (c === 125 || c === 93) {
        const o = j.object;
        if (o && j.depth === j.objectDepth) {
          append(i + 1);
          j.object = undefined;
          emitJson({ ...o, truncated: false });
        }
        j.depth--;
        if (j.depth <= 0) { json = undefined; return; }
      }
    }
    append(t.length);
  };

  // ---- lines ----------------------------------------------------------------------------------

  const onLine = (physical: PhysicalLine): void => {
    if (run) { xmlLine(physical); return; }
    if (json) { jsonLine(physical, 0); return; }
    const l = unquoted(physical);
    const text = l.text;
    const blank = text.trim().length === 0;
    const p = current;

    // Inside a record that decides for itself how far it goes.
    if (p && (p.mode === 'csv' || p.mode === 'pscsv') && p.quotes % 2 === 1) { extend(p, l); if (p.quotes % 2 === 0) flush(); return; }
    // A .txt row quotes a message of several lines as CSV does: inside the quotes, a line such as ASP.NET's
    // "Event ID: …" is message text. The next row ends it, and so does the start of another export pasted
    // after it (`Log Name:`, an `<Event>`, a header), so an unclosed quote swallows no event.
    if (p && p.mode === 'tab' && p.quotes % 2 === 1 && !TAB_ROW.test(text) && !OTHER_EXPORT.test(text)) { extend(p, l); return; }
    if (p && p.mode === 'kv' && p.xml) {
      if (!blank) extend(p, l);
      if (text.includes(EVENT_CLOSE)) flush();
      return;
    }
    if (pendingHeader) {
      const header = pendingHeader;
      pendingHeader = undefined;
      if (DASHES.test(text)) {
        table = tableOf(header.text, text);
        directive(l);
        return;
      }
    }
    if (blank) {
      if (p && (p.mode === 'kv' || p.mode === 'list' || p.mode === 'tab')) p.blank = true;
      else flush();
      return;
    }
    if (p && p.mode === 'kv' && /^\s*Event Xml:/i.test(text)) { extend(p, l); p.xml = true; return; }

    if (/<Event[\s>]/.test(text)) {
      flush();
      resetTable();
      psCsv = undefined;
      xmlLine(l);
      return;
    }
    if (PS_CSV_TYPE.test(text)) { flush(); resetTable(); psCsv = undefined; directive(l); return; }
    if (PS_CSV_HEADER.test(text)) {
      flush();
      resetTable();
      psCsv = psCsvOf(text);
      directive(l);
      return;
    }
    if (TXT_HEADER.test(text) || CSV_HEADER.test(text)) {
      flush();
      psCsv = undefined;
      csvSeen = csvSeen || CSV_HEADER.test(text);
      resetTable();
      directive(l);
      return;
    }
    const groupMatch = GROUP.exec(text);
    if (groupMatch) {
      flush();
      resetTable();
      group = rightTrimmedSegment(text, l.start);
      directive(l);
      return;
    }
    if (TABLE_HEADER.test(text) && /\bMessage\b/i.test(text)) {
      flush();
      psCsv = undefined;
      pendingHeader = l;
      directive(l);
      return;
    }
    if (/^\s*<\?xml\b|^\s*<\/?Events\s*>\s*$/i.test(text)) { flush(); directive(l); return; }
    if (text.startsWith(NOTE_PREFIX) && text.trimEnd().endsWith(NOTE_SUFFIX)) { flush(); evtxNote(l); return; }

    // Continuations of the current record.
    if (p) {
      if (p.mode === 'kv' && !p.blank && !KV_START.test(text)) { extend(p, l); return; }
      const sourceOrId = p.mode === 'kv' && !p.blank ? kvLabel(KV_SOURCE_OR_ID.exec(text)?.[1]) : undefined;
      if (p.mode === 'kv' && sourceOrId !== undefined && !p.lines.some((x) => kvLabel(KV_KEY.exec(x.text)?.[1]) === sourceOrId)) { extend(p, l); return; }
      if (p.mode === 'kv' && p.blank && continuesAfterBlank(p, text)) { extend(p, l); return; }
      if (p.mode === 'list') {
        const key = LIST_KEY.exec(text)?.[1]?.toLowerCase();
        const firstKey = LIST_KEY.exec(p.lines[0]?.text ?? '')?.[1]?.toLowerCase();
        if (/^\s/.test(text) || (key !== undefined && !p.blank && key !== firstKey)) { extend(p, l); return; }
      }
      if (p.mode === 'tab' && !TAB_ROW.test(text) && !KV_START.test(text) && !(LIST_KEY.test(text) && p.blank)) { extend(p, l); return; }
      if (p.mode === 'table' && table) {
        const indent = text.length - text.trimStart().length;
        if (indent >= table.message - 1) {
          table.width = Math.max(table.width, rightTrimmedSegment(text, 0)?.text.length ?? 0);
          extend(p, l, ' ', Math.min(indent, table.message));
          return;
        }
      }
      if ((p.mode === 'line' || p.mode === 'table') && !table && /^\s{20,}\S/.test(text)) { extend(p, l); return; }
      if (p.mode === 'line' && p.lines.length === 1 && isValueOf(p.lines[0]?.text ?? '', text)) { extend(p, l); return; }
    }

    // A new record.
    if (JSON_OPEN_LINE.test(text)) {
      flush();
      resetTable();
      psCsv = undefined;
      const at = text.search(/[[{]/);
      json = { depth: 0, objectDepth: text.charAt(at) === '[' ? 2 : 1, inString: false, escape: false };
      jsonLine(l, at);
      return;
    }
    if (psCsv && !OTHER_EXPORT.test(text) && !KV_START.test(text)) {
      begin('pscsv', l);
      const now = current;
      if (now && now.quotes % 2 === 0) flush();
      return;
    }
    if (TAB_ROW.test(text)) { resetTable(); begin('tab', l); return; }
    if (CSV_ROW.test(text) || (csvSeen && /^\s*"/.test(text))) {
      resetTable();
      begin('csv', l);
      const now = current;
      if (now && now.quotes % 2 === 0) flush();
      return;
    }
    if (KV_START.test(text)) { resetTable(); begin('kv', l); return; }
    if (LIST_KEY.test(text)) { resetTable(); begin('list', l); return; }
    if (table) {
      table.width = Math.max(table.width, rightTrimmedSegment(text, 0)?.text.length ?? 0);
      begin('table', l, group);
      return;
    }
    begin('line', l);
  };

  /** What the EVTX reader could not read, written in place as a comment (core/evtx/document.ts). */
  const evtxNote = (l: PhysicalLine): void => {
    directive(l);
    const message = l.text.trimEnd().slice(NOTE_PREFIX.length, -NOTE_SUFFIX.length).trim();
    sink.problem({ ruleId: 'NDES-LENS-EVTX-DAMAGED', severity: 'warning', start: l.start, end: l.start + l.text.trimEnd().length, message: `Event log file: ${message}.` });
  };

  const resetTable = (): void => { table = undefined; group = undefined; };

  const directive = (l: PhysicalLine): void => {
    sink.record({ kind: 'directive', start: l.start, end: l.start + l.text.length, line: l.line, text: l.text });
  };

  const lines = new LineSplitter(onLine);
  return {
    push: (chunk) => { lines.push(chunk); },
    end: () => {
      lines.end();
      if (run) { drain(run, true); run = undefined; }
      const open = json?.object;
      if (open) emitJson({ ...open, truncated: true });
      json = undefined;
      flush();
    },
  };
}

/**
 * An event quoted in a Markdown page or a mail reply (Microsoft's 0x80094800 article quotes its event
 * 31 so): `> ` quote markers before each line, and the padding after `Log Name:` written as `&nbsp;`
 * entities. The line is read without its quote markers (its start moves past them) and with each
 * entity as blanks of the same length, so offsets still point into the document.
 */
const QUOTE_PREFIX = /^[ \t]{0,16}>(?:[ \t]{0,4}>){0,8}[ \t]?/;
const NBSP_ENTITY = /&nbsp;/gi;
function unquoted(l: PhysicalLine): PhysicalLine {
  const quote = QUOTE_PREFIX.exec(l.text)?.[0].length ?? 0;
  const rest = quote > 0 ? l.text.slice(quote) : l.text;
  const text = rest.includes('&') ? rest.replace(NBSP_ENTITY, '      ') : rest;
  return quote === 0 && text === l.text ? l : { ...l, text, start: l.start + quote };
}

/** The column names and delimiter of an Export-Csv header line (PS_CSV_HEADER). */
function psCsvOf(header: string): PsCsv {
  const sep = /^\uFEFF?\s*"?[A-Za-z]{1,40}"?([,;\t])/.exec(header)?.[1] ?? ',';
  return { columns: csvFields(header.replace(/^\uFEFF/, '').trim(), 100, sep), sep };
}

/** Column positions from the header line and the dashes under it. */
function tableOf(header: string, dashes: string): Table {
  const columns: Column[] = [];
  const re = /-+/g;
  for (let m = re.exec(dashes); m; m = re.exec(dashes)) {
    const name = /\S+/.exec(header.slice(m.index, m.index + m[0].length))?.[0] ?? '';
    columns.push({ name, start: m.index, end: m.index + m[0].length });
  }
  const message = columns.find((c) => /^Message$/i.test(c.name)) ?? columns[columns.length - 1];
  return { columns, message: message?.start ?? 0, width: 0, hard: false };
}

/**
 * How each wrapped message line joins the line above. PowerShell wraps a cell at word boundaries and
 * keeps the blank at the end of the line; it cuts inside a word only when the word is wider than the
 * column, and everywhere in cultures without word wrap (then every line but the last is full). So a
 * line joins without a blank only when the line above is full (as wide as the widest line of the
 * table), ends and continues with a letter or digit, and either the word would not fit the column or
 * the record's other lines are full too.
 */
function tableGlue(lines: readonly PhysicalLine[], t: Table): string[] {
  const width = (x: PhysicalLine): number => x.text.trimEnd().length;
  for (const x of lines) t.width = Math.max(t.width, width(x));
  const column = Math.max(1, t.width - t.message);
  const full = lines.slice(0, -1).filter((x) => width(x) >= t.width).length;
  if (full >= 2) t.hard = true;
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1];
    const next = lines[i];
    if (!prev || !next) { out.push(' '); continue; }
    const indent = next.text.length - next.text.trimStart().length;
    const last = lastToken(prev.text);
    const first = /^\S*/.exec(next.text.slice(indent))?.[0] ?? '';
    const cut = /[\p{L}\p{N}]$/u.test(prev.text) && /^[\p{L}\p{N}]/u.test(first) && indent >= t.message
      && width(prev) >= t.width && (t.hard || last.length + first.length > column);
    out.push(cut ? '' : ' ');
  }
  return out;
}

/** The last blank-separated token of a line (linear: one backward scan). */
function lastToken(text: string): string {
  let i = text.length;
  while (i > 0 && !/\s/.test(text.charAt(i - 1))) i--;
  return text.slice(i);
}

/** Time, id, level and provider of a Format-Table row, by the columns of its header. */
function tableFields(line: string, t: Table, put: (k: string, v: string | undefined) => void): void {
  const head = line.slice(0, t.message);
  const tokens: { value: string; start: number; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(head); m; m = re.exec(head)) tokens.push({ value: m[0], start: m.index, end: m.index + m[0].length });
  const near = (c: Column): { value: string; start: number; end: number } | undefined =>
    tokens.find((tok) => tok.start < c.end && tok.end > c.start) ?? tokens.find((tok) => tok.start >= c.start);
  for (const c of t.columns) {
    const name = c.name.toLowerCase();
    if (name === 'timecreated' || name === 'timegenerated') put('time', head.slice(c.start).trim());
    else if (name === 'id' || name === 'eventid' || name === 'instanceid') {
      const tok = near(c);
      if (tok && /^\d{1,10}$/.test(tok.value)) put('eventId', tok.value);
    } else if (name === 'leveldisplayname' || name === 'entrytype' || name === 'level') {
      const tok = tokens.find((x) => LEVELS.test(x.value));
      put('level', tok?.value);
    } else if (name === 'providername' || name === 'source') {
      const next = t.columns[t.columns.indexOf(c) + 1];
      put('provider', head.slice(c.start, next ? next.start : head.length).trim());
    }
  }
}
