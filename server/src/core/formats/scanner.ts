import type { LogRecord, ParseProblem } from '../types';

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

export type ScannerFactory = (sink: RecordSink) => Scanner;
