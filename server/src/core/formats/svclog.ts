import type { LogRecord } from '../types';
import { decodeXmlText, flattenLineBreaks } from '../text';
import { LineSplitter, type Origin, type PhysicalLine } from './lines';
import { continuesLooseRecord, PASTED_PATTERNS } from './pasted';
import type { RecordSink, Scanner } from './scanner';

/**
 * WCF / System.Diagnostics XML trace scanner (`*.svclog`): a sequence of `<E2ETraceEvent>`
 * fragments with no root element, written back to back on one line or pretty-printed over many.
 * Each event becomes one record whose text is its entity-decoded `ApplicationData`, mapped back to
 * document offsets. Only the five XML entities and numeric references are decoded: no DTD is
 * read and no other entity is expanded, so entity bombs stay inert text.
 * Text outside complete events (fragments pasted from an article, a stack trace) is read as
 * loose records: one per line, with stack frames, a wrapped IIS request or a wrapped sentence
 * joined to the line before (`continuesLooseRecord`).
 * An event with no end tag (file copied mid-write) is reported and still analysed.
 */
const OPEN = '<E2ETraceEvent';
const CLOSE = '</E2ETraceEvent>';
const MAX_EVENT_CHARS = 16 * 1024 * 1024;

const SUBTYPE = /<SubType\s+Name="([^"<>]*)"/;
const LEVEL = /<Level>\s*(\d{1,3})\s*<\/Level>/;
const TIME = /<TimeCreated\s+SystemTime="([^"<>]*)"/;
const SOURCE = /<Source\s+Name="([^"<>]*)"/;
// Bounded and stopping at the next tag: `[^>]*?` rescanned the rest of the event from every
// `<Correlation`, quadratic on a crafted event (and events are not cut to 64 KB).
const ACTIVITY = /<Correlation\s[^<>]{0,512}?ActivityID="([^"<>]{0,128})"/;
const COMPUTER = /<Computer>([^<]*)<\/Computer>/;
const PROCESS = /<Execution\s+ProcessName="([^"<>]*)"/;
const EVENT_ID = /<EventID>\s*(\d{1,10})\s*<\/EventID>/;
/** What an event's header says: the regex of each part (one capture group: the value) and the part. */
const HEADER_PARTS = [
  [SUBTYPE, 'SubType'], [LEVEL, 'Level'], [SOURCE, 'Source'], [COMPUTER, 'Computer'],
  [PROCESS, 'ProcessName'], [EVENT_ID, 'EventID'], [TIME, 'time'], [ACTIVITY, 'activity'],
] as const;
type HeaderPart = (typeof HEADER_PARTS)[number][1];
/** The header parts a record keeps as fields, in this order. */
const FIELD_NAMES = ['SubType', 'Level', 'Source', 'Computer', 'ProcessName', 'EventID'] as const;
/**
 * Every part's regex in one alternation, so an event is scanned once instead of once per part;
 * alternative k captures part k's value in group k + 1. Each alternative starts with its own tag
 * name, none a prefix of another, and none contains a `<` that could start another (they hold
 * `[^<>]` runs and closing tags only). So matching globally stops at exactly the positions where
 * some part's regex matches, in order, and a part's first stop is what its own `exec` finds.
 */
const HEADER = new RegExp(HEADER_PARTS.map(([re]) => `(?:${re.source})`).join('|'), 'g');

/** The first value of each header part in an event, as each part's regex `exec` would find it. */
function readHeader(raw: string): Partial<Record<HeaderPart, string>> {
  const found: Partial<Record<HeaderPart, string>> = {};
  let missing: number = HEADER_PARTS.length;
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(raw); m !== null; m = missing > 0 ? HEADER.exec(raw) : null) {
    let k = 0;
    while (k < HEADER_PARTS.length && m[k + 1] === undefined) k++;
    const part = HEADER_PARTS[k]?.[1];
    if (part !== undefined && found[part] === undefined) { found[part] = m[k + 1] ?? ''; missing--; }
  }
  return found;
}

/** A DTD in a trace: never read, never expanded; said once so nobody wonders where &name; went. */
const DTD = /<!(?:DOCTYPE|ENTITY)\b/i;

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const SVCLOG_PATTERNS: readonly RegExp[] = [SUBTYPE, LEVEL, TIME, SOURCE, ACTIVITY, COMPUTER, PROCESS, EVENT_ID, HEADER, DTD, ...PASTED_PATTERNS];

export function createSvclogScanner(sink: RecordSink, origin?: Origin): Scanner {
  let buf = '';
  let bufStart = origin?.offset ?? 0; // document offset of buf[0]
  let bufLine = origin?.line ?? 0; // 0-based line of buf[0]
  let first = origin === undefined; // a BOM is dropped only at the start of a document
  let dtdNoted = false;
  // Whether buf holds a `!` at all: one search per chunk for a character XML rarely holds spares a
  // search for `<!` per event (slow: every tag is a candidate) in a trace without any.
  let bangInBuf = false;
  // While buf waits for the rest of a loose line (no line break and no event in it) or for the end
  // of its event, later text is held here rather than appended to buf: appending to and searching
  // the whole of buf again for every chunk took quadratic time on a long line or an event that
  // never closes (10 MB on one line: seconds of copying). `tail` is the end of buf and held, where
  // a tag cut by the chunking may begin.
  let waiting: 'line' | 'event' | undefined;
  let held: string[] = [];
  let heldChars = 0;
  let tail = '';

  const noteDtd = (text: string, base: number): void => {
    if (dtdNoted || !bangInBuf || !text.includes('<!')) return;
    const m = DTD.exec(text);
    if (!m) return;
    dtdNoted = true;
    sink.problem({
      ruleId: 'NDES-LENS-DTD-IGNORED', severity: 'info', start: base + m.index, end: base + m.index + m[0].length,
      message: 'This trace declares a DTD (<!DOCTYPE …> or <!ENTITY …>). NDES Lens never reads a DTD or expands its entities: references such as &name; stay as written. Only the five XML entities and numeric character references are decoded.',
    });
  };

  // Loose text is fed through a line splitter whose offsets are document offsets.
  let loose: { parts: PhysicalLine[] } | undefined;
  const flushLoose = (): void => {
    const group = loose;
    loose = undefined;
    if (!group) return;
    const head = group.parts[0];
    if (!head) return;
    let raw = head.text;
    for (let i = 1; i < group.parts.length; i++) {
      const prev = group.parts[i - 1];
      const part = group.parts[i];
      if (prev && part) raw += ' '.repeat(part.start - (prev.start + prev.text.length)) + part.text;
    }
    const { text, map } = decodeXmlText(flattenLineBreaks(raw), head.start);
    sink.record({ kind: 'entry', start: head.start, end: head.start + raw.length, line: head.line, text, map });
  };
  const onLooseLine = (l: PhysicalLine): void => {
    noteDtd(l.text, l.start);
    if (l.text.trim().length === 0) { flushLoose(); return; }
    if (loose && continuesLooseRecord(loose.parts, l.text)) { loose.parts.push(l); return; }
    flushLoose();
    loose = { parts: [l] };
  };

  /** Feeds the loose text buf[from, to) through the line logic. */
  const looseText = (from: number, to: number): void => {
    if (to <= from) return;
    // Between events there is usually just a line break: blank lines only close the open group.
    if (isBlankRange(buf, from, to)) { flushLoose(); return; }
    const splitter = new LineSplitter(onLooseLine, { offset: bufStart + from, line: lineOf(from) });
    splitter.push(buf.slice(from, to));
    splitter.end();
    // The group stays open: a stack frame in the next piece still joins it. An event or the end closes it.
  };

  // Line numbers are counted incrementally: calls come in increasing order within one pass.
  let lcIndex = 0;
  let lcLine = bufLine;
  // The next LF and CR in buf at or after lcIndex (-1: none; -2: not looked for since buf changed),
  // so a trace written on one long line is not searched again for every event.
  let nextLf = -2;
  let nextCr = -2;
  const lineOf = (index: number): number => {
    if (index < lcIndex) { lcIndex = 0; lcLine = bufLine; nextLf = -2; nextCr = -2; }
    // CR, LF and CRLF each end a line, as in LineSplitter and LineIndex. indexOf finds them far
    // faster than a loop over every character.
    if (nextLf === -2 || (nextLf !== -1 && nextLf < lcIndex)) nextLf = buf.indexOf('\n', lcIndex);
    for (; nextLf !== -1 && nextLf < index; nextLf = buf.indexOf('\n', nextLf + 1)) lcLine++;
    if (nextCr === -2 || (nextCr !== -1 && nextCr < lcIndex)) nextCr = buf.indexOf('\r', lcIndex);
    for (; nextCr !== -1 && nextCr < index; nextCr = buf.indexOf('\r', nextCr + 1)) if (buf.charCodeAt(nextCr + 1) !== 10) lcLine++;
    lcIndex = index;
    return lcLine;
  };

  const event = (from: number, to: number, truncated: boolean): void => {
    flushLoose();
    const raw = buf.slice(from, to);
    const start = bufStart + from;
    noteDtd(raw, start);
    const header = readHeader(raw);
    const fields: Record<string, string> = {};
    for (const name of FIELD_NAMES) {
      const v = header[name];
      if (v !== undefined) fields[name] = v;
    }
    const time = header.time;
    const activity = header.activity;
    const open = raw.indexOf('<ApplicationData>');
    let text: string;
    let map;
    if (open !== -1) {
      const bodyStart = open + '<ApplicationData>'.length;
      let bodyEnd = raw.lastIndexOf('</ApplicationData>');
      if (bodyEnd < bodyStart) bodyEnd = truncated ? raw.length : bodyStart;
      ({ text, map } = decodeXmlText(flattenLineBreaks(raw.slice(bodyStart, bodyEnd)), start + bodyStart));
    } else {
      ({ text, map } = decodeXmlText(flattenLineBreaks(raw), start));
    }
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = {
      kind: 'entry', start, end: start + raw.length, line: lineOf(from), text, map, fields,
    };
    if (time) record.time = time;
    if (activity) record.activityId = withoutBraces(activity).toLowerCase();
    sink.record(record);
    if (truncated) {
      sink.problem({
        ruleId: 'NDES-LENS-TRUNCATED-RECORD', severity: 'warning', start, end: start + OPEN.length,
        message: 'This trace record has no closing </E2ETraceEvent>: the file was probably copied while the service was still writing it. What is there was analysed.',
      });
    }
  };

  const consume = (upTo: number): void => {
    bufLine = lineOf(upTo);
    buf = buf.slice(upTo);
    bufStart += upTo;
    lcIndex = 0;
    lcLine = bufLine;
    nextLf = -2;
    nextCr = -2;
  };

  const process = (final: boolean): void => {
    let cursor = 0;
    // Where the next event opens, when the previous event's end was found by looking for it.
    let opens: number | undefined;
    for (;;) {
      const s = opens ?? buf.indexOf(OPEN, cursor);
      if (s === -1) {
        if (final) { looseText(cursor, buf.length); cursor = buf.length; }
        else {
          // Flush whole loose lines; the rest (a partial line, perhaps the head of "<E2ETraceEvent") waits.
          const nl = buf.lastIndexOf('\n');
          if (nl >= cursor) { looseText(cursor, nl + 1); cursor = nl + 1; }
          waiting = 'line';
        }
        break;
      }
      if (s > cursor) looseText(cursor, s);
      cursor = s;
      const e = buf.indexOf(CLOSE, s);
      const nextOpen = buf.indexOf(OPEN, s + OPEN.length);
      // After this event, no OPEN is found before nextOpen: none can start inside CLOSE.
      opens = nextOpen;
      if (nextOpen !== -1 && (e === -1 || nextOpen < e)) {
        event(s, nextOpen, true);
        cursor = nextOpen;
        continue;
      }
      if (e === -1) {
        if (final || buf.length - s > MAX_EVENT_CHARS) { event(s, buf.length, true); cursor = buf.length; }
        else waiting = 'event';
        break;
      }
      event(s, e + CLOSE.length, false);
      cursor = e + CLOSE.length;
    }
    consume(cursor);
    if (waiting !== undefined) tail = buf.slice(-(CLOSE.length - 1));
  };

  /** Moves the held text into buf. */
  const release = (): void => {
    if (held.length === 0) return;
    buf += held.join('');
    held = [];
    heldChars = 0;
  };

  const append = (text: string): void => {
    if (waiting !== undefined) {
      // Nothing in buf can move until this text brings what it waits for: hold it, search it alone.
      const probe = tail + text;
      const moves = probe.includes(OPEN) || (waiting === 'line'
        ? probe.includes('\n')
        : probe.includes(CLOSE) || buf.length + heldChars + text.length > MAX_EVENT_CHARS);
      if (!moves) {
        held.push(text);
        heldChars += text.length;
        tail = probe.slice(-(CLOSE.length - 1));
        if (!bangInBuf) bangInBuf = text.includes('!');
        return;
      }
      release();
      waiting = undefined;
    }
    buf += text;
    bangInBuf = buf.includes('!');
    nextLf = -2;
    nextCr = -2;
    process(false);
  };

  return {
    push: (chunk) => {
      let text = chunk;
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) { text = text.slice(1); bufStart += 1; }
      }
      // `buf + text` is flattened into a copy at the first search. When buf holds the head of an
      // event, it is finished first with the text up to the next event, so the rest of the chunk
      // is read where it is instead of copied (0.85 ms per MB).
      const next = buf.length > 0 ? text.indexOf(OPEN) : -1;
      if (next > 0) {
        append(text.slice(0, next));
        text = text.slice(next);
      }
      append(text);
    },
    end: () => { release(); waiting = undefined; nextLf = -2; nextCr = -2; process(true); flushLoose(); },
  };
}

/** An activity id without the braces it is written in (`{…}`), as `replace(/^\{|\}$/g, '')` would. */
function withoutBraces(id: string): string {
  const from = id.startsWith('{') ? 1 : 0;
  const to = id.length > from && id.endsWith('}') ? id.length - 1 : id.length;
  return id.slice(from, to);
}

/** True when text[from, to) holds only blanks and line breaks (what `trim` removes there). */
function isBlankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
