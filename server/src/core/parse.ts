import { detectFormat, type DetectInput } from './detect';
import { SCANNERS } from './formats';
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

export interface ModelBuilder {
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
      if (head.length < 4096) head += chunk.slice(0, 4096 - head.length);
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
 * A file that is not text (an `.evtx`, a ZIP) or text decoded with the wrong encoding shows up as
 * NUL and control characters. Say so once; the scanners still read whatever lines there are.
 */
export function binaryProblem(head: string): ParseProblem | undefined {
  if (head.length === 0) return undefined;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) nul++;
    else if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  const ratio = (nul + control) / head.length;
  if (ratio < 0.1) return undefined;
  const utf16 = nul / head.length > 0.3;
  return {
    ruleId: 'NDES-LENS-UNPARSEABLE', severity: 'warning', start: 0, end: Math.min(head.length, 1),
    message: utf16
      ? 'This file looks like UTF-16 text read as UTF-8 (every other character is NUL). Reopen it with the UTF-16 LE encoding to analyse it.'
      : 'This file does not look like a text log (binary or control characters). Event logs (.evtx) must be exported as XML or text first, e.g. with wevtutil qe <file> /lf:true /f:xml.',
  };
}
