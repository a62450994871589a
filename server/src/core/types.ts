/**
 * Plain, readonly data shared by every part of the core. Offsets are UTF-16 indices into the
 * document text (what `TextDocument.positionAt` takes); every range is half-open [start, end).
 */

/** The log formats the core can read. Each is also the editor language id where one exists. */
export type FormatId =
  | 'iis-w3c-log' | 'ndesplugin-log' | 'wcf-svclog' | 'httperr-log' | 'windows-event-log' | 'setupmsi-log' | 'cmtrace-log' | 'device-log'
  | 'plain-text';

export const FORMAT_IDS: readonly FormatId[] = [
  'iis-w3c-log', 'ndesplugin-log', 'wcf-svclog', 'httperr-log', 'windows-event-log', 'setupmsi-log', 'cmtrace-log', 'device-log', 'plain-text',
];

export type Severity = 'error' | 'warning' | 'info';

/** Microsoft's six-stage SCEP flow (see signatures.md): 1 profile deployment … 6 reporting to Intune. */
export type Stage = 1 | 2 | 3 | 4 | 5 | 6;

/** What a finding is: a failure signature, a success marker, or a note about the file itself. */
export type FindingKind = 'failure' | 'evidence' | 'notice';

/**
 * Maps an index in a record's (decoded) text back to a document offset. Anchors are sorted by
 * `text`; between anchors the mapping is linear. Used where the text was entity-decoded.
 */
export interface OffsetMap {
  readonly text: readonly number[];
  readonly doc: readonly number[];
}

/** The status fields of one IIS request, typed. */
export interface HttpStatus {
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  /** Offsets of the three printed numbers (document offsets). */
  readonly start: number;
  readonly end: number;
}

type RecordKind =
  /** A log entry: what signatures run on. */
  | 'entry'
  /** A header or directive line (IIS `#Fields:` …): structure, not evidence. */
  | 'directive';

export interface LogRecord {
  readonly kind: RecordKind;
  /** Document offset of the first character and the end (exclusive) of the whole record. */
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start`. */
  readonly line: number;
  /**
   * The text signatures run on. Without `map` it is the raw slice [start, end) with every line
   * break turned into blanks, so indices map to offsets by adding `start`.
   */
  readonly text: string;
  readonly map?: OffsetMap;
  /**
   * Named values the format knows: W3C fields by `#Fields` name, svclog `Source`, `SubType` ….
   * A scanner may compute this (and `time`) on first read, so a record is never copied by spreading.
   */
  readonly fields?: Readonly<Record<string, string>> | undefined;
  /** `fields[name]`, for a scanner that can read one value more cheaply than all (use `columnOf`). */
  column?(name: string): string | undefined;
  /** IIS status triplet when the record has one. */
  readonly http?: HttpStatus | undefined;
  /**
   * ISO-8601 time of the record when the format prints one, with `Z` when it is UTC. A log that prints
   * no year (Apple's syslog) gets it unspecified, ISO 8601-2 style: `XXXX-03-04T18:30:53.123`.
   */
  readonly time?: string | undefined;
  /** svclog `Correlation/@ActivityID`. */
  readonly activityId?: string;
}

/** A problem the reader met in the file itself (not a SCEP signature). */
export interface ParseProblem {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** The parsed form of one document version: parse once, every feature reads it. */
export interface LogModel {
  readonly format: FormatId;
  /** Why the format was chosen, for hovers and the CLI (`content`, `language`, `file name`, `fallback`). */
  readonly detectedBy: DetectionReason;
  readonly records: readonly LogRecord[];
  readonly problems: readonly ParseProblem[];
  readonly length: number;
}

/**
 * Why a format was chosen: its framing (`content`), sentences it writes (`phrases`), the editor
 * language, the file name, or nothing (`fallback`, read as plain text).
 */
export type DetectionReason = 'content' | 'phrases' | 'language' | 'file name' | 'fallback';

/** One thing the validator found, anchored in the document. */
export interface Finding {
  readonly ruleId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Index into `LogModel.records`, or -1 for a finding about the file. */
  readonly record: number;
}
