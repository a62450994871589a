import type { LogRecord, ParseProblem } from '../types';
import type { Origin } from './lines';

/** Where a scanner delivers what it reads, in document order. */
export interface RecordSink {
  record(record: LogRecord): void;
  problem(problem: ParseProblem): void;
}

/**
 * One scanner per format. It is fed the document in chunks (the whole text at once from the
 * editor, or pieces of a file streamed from disk) and keeps offsets relative to the first chunk.
 */
export interface Scanner {
  push(chunk: string): void;
  end(): void;
}

/**
 * `origin`: where the first chunk sits in the document when the scan does not start at its
 * beginning (a resumed scan); offsets and line numbers of what it reports count from there.
 */
export type ScannerFactory = (sink: RecordSink, origin?: Origin) => Scanner;
