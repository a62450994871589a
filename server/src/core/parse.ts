import { detectFormat, type DetectInput } from './detect';
import { SCANNERS } from './formats';
import { createIisScanner, fieldsOfDirective } from './formats/iis';
import type { Origin } from './formats/lines';
import type { RecordSink, Scanner } from './formats/scanner';
import type { FormatId, LogModel, LogRecord, ParseProblem } from './types';

/**
 * Reads a whole document into its model. Streaming readers use `createModelBuilder` directly
 * and push chunks as they arrive.
 */
export function parseDocument(text: string, input: Omit<DetectInput, 'text'> = {}): LogModel {
  const detection = detectFormat({ ...input, text });
  const builder = createModelBuilder(detection.format, detection.by);
  builder.push(text);
  return builder.end();
}

interface ModelBuilder {
  push(chunk: string): void;
  end(): LogModel;
}

export function createModelBuilder(format: FormatId, detectedBy: LogModel['detectedBy'] = 'language'): ModelBuilder {
  const records: LogRecord[] = [];
  const problems: ParseProblem[] = [];
  const scanner = SCANNERS[format]({ record: (r) => records.push(r), problem: (p) => problems.push(p) });
  let length = 0;
  let head = '';
  return {
    push(chunk: string): void {
      if (head.length < BINARY_SNIFF_CHARS) head += chunk.slice(0, BINARY_SNIFF_CHARS - head.length);
      length += chunk.length;
      scanner.push(chunk);
    },
    end(): LogModel {
      scanner.end();
      const binary = binaryProblem(head);
      if (binary) problems.unshift(binary);
      return { format, detectedBy, records, problems, length };
    },
  };
}

/**
 * How much of the beginning of a document `binaryProblem` should be given: enough raw text for
 * 4,096 characters that are not CR, so a CRLF file and its LF twin are judged on the same text.
 */
export const BINARY_SNIFF_CHARS = 8192;
const BINARY_SAMPLE = 4096;

/**
 * A file that is not text (a ZIP, a damaged `.evtx` that lost its signature) or text decoded with the wrong encoding shows up as
 * NUL and control characters (an ESC that starts a terminal colour or link sequence is not one). Say so once, on the first such character; the scanners still read
 * whatever lines there are. CRs are line breaks and are not counted, so CRLF and LF agree.
 */
export function binaryProblem(head: string): ParseProblem | undefined {
  let seen = 0;
  let nul = 0;
  let control = 0;
  let first = -1;
  for (let i = 0; i < head.length && seen < BINARY_SAMPLE; i++) {
    const c = head.charCodeAt(i);
    if (c === 13) continue;
    seen++;
    // ESC opening a terminal escape sequence (`ESC [` colours, `ESC ]` links) is text that was
    // captured from a console, not binary.
    if (c === 27 && (head.charCodeAt(i + 1) === 91 || head.charCodeAt(i + 1) === 93)) continue;
    if (c === 0) nul++;
    else if ((c < 32 && c !== 9 && c !== 10) || c === 0xfffd) control++;
    else continue;
    if (first < 0) first = i;
  }
  if (seen === 0 || first < 0) return undefined;
  const ratio = (nul + control) / seen;
  if (ratio < 0.1) return undefined;
  const utf16 = nul / seen > 0.3;
  return {
    ruleId: 'NDES-LENS-UNPARSEABLE', severity: 'warning', start: first, end: first + 1,
    message: utf16
      ? 'This file looks like UTF-16 text read as UTF-8 (every other character is NUL). Reopen it with the UTF-16 LE encoding to analyse it.'
      : 'This file does not look like a text log (binary or control characters), nor like a Windows event log (.evtx files start with ElfFile and are read as they are).',
  };
}

/**
 * The model of a document after text was appended to it (a log being written while it is open):
 * records before the last one are final and kept; the scan resumes at the start of the last record,
 * so only the end of the document is read again. The new model takes over the records array of
 * `model`, which must not be read after: copying a long log's array on every append cost more than
 * reading what was added. `text` is the document from offset `from` on (the
 * whole document by default); `from` must not lie after the start of the model's last record. Formats whose scanner state cannot be restored at a
 * record start (a CSV header, an event block) give undefined: parse the whole document instead.
 */
export function appendToModel(model: LogModel, text: string, from = 0): { readonly model: LogModel; readonly firstNewRecord: number } | undefined {
  const length = from + text.length;
  if (!RESUMABLE.has(model.format) || length < model.length) return undefined;
  const k = model.records.length - 1;
  const last = model.records[k];
  if (!last || k < 1 || last.start < from) return undefined;
  const restart = last.start;
  const fields = model.format === 'iis-w3c-log' ? latestFields(model.records, k) : undefined;
  // Taken over, not copied (see above): the one version of a growing log that is read is the latest.
  const records = model.records as LogRecord[];
  records.length = k;
  const problems: ParseProblem[] = model.problems.filter((p) => p.start < restart);
  // The scan starts at the last record: records may compute parts lazily, so they are never copied.
  const sink = { record: (r: LogRecord): void => { records.push(r); }, problem: (p: ParseProblem): void => { problems.push(p); } };
  const origin = { offset: restart, line: last.line };
  const scanner = resumeScanner(model.format, sink, origin, fields);
  try {
    scanner.push(text.slice(restart - from));
    scanner.end();
  } catch (e: unknown) {
    // The earlier model stays whole if the scan fails.
    records.length = k;
    records.push(last);
    throw e;
  }
  return { model: { ...model, records, problems, length }, firstNewRecord: k };
}

/** Of a growing log's records array, the latest `#Fields` columns before `upTo` (exclusive). */
const fieldsSeen = new WeakMap<readonly LogRecord[], { readonly upTo: number; readonly fields: readonly string[] | undefined }>();

/**
 * The columns of the latest `#Fields` directive before record `upTo`. The records array is kept
 * across appends, so what was found before is remembered and only the records since are looked at:
 * otherwise every append walked back over a day's requests to the directive at the top.
 */
function latestFields(records: readonly LogRecord[], upTo: number): readonly string[] | undefined {
  const seen = fieldsSeen.get(records);
  const floor = seen && seen.upTo <= upTo ? seen.upTo : 0;
  let fields: readonly string[] | undefined;
  for (let i = upTo - 1; i >= floor && !fields; i--) {
    const r = records[i];
    fields = r?.kind === 'directive' ? fieldsOfDirective(r.text) : undefined;
  }
  fields ??= floor > 0 ? seen?.fields : undefined;
  fieldsSeen.set(records, { upTo, fields });
  return fields;
}

/** Formats whose scanners carry no state across records but what appendToModel restores. */
const RESUMABLE: ReadonlySet<FormatId> = new Set<FormatId>(['iis-w3c-log', 'ndesplugin-log', 'wcf-svclog', 'plain-text']);

/** Whether a scan of this format can start again at a record start (appends, the watcher). */
export function isResumable(format: FormatId): boolean {
  return RESUMABLE.has(format);
}

/**
 * A scanner that starts at a record start inside a document (`origin`); an IIS scan is given the
 * columns of the latest `#Fields` directive before that point. Only for `isResumable` formats.
 */
export function resumeScanner(format: FormatId, sink: RecordSink, origin: Origin, fields: readonly string[] | undefined): Scanner {
  return format === 'iis-w3c-log' ? createIisScanner(sink, origin, fields) : SCANNERS[format](sink, origin);
}
