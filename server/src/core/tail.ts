import { fieldsOfDirective } from './formats/iis';
import { resumeScanner } from './parse';
import { recordFacts, type RecordFacts } from './report/facts';
import { LineIndex } from './text';
import { Analysis } from './analysis';
import type { Catalogue } from './validate';
import type { DetectionReason, Finding, FormatId, LogRecord, ParseProblem } from './types';

/**
 * Findings of the text a growing log gained since it was last read (the watcher's unit of work).
 * The segment starts at a record start and ends after a line break. The scan resumes as
 * `appendToModel` does (an IIS scan with the columns of the latest `#Fields`), records are validated
 * one by one and dropped, so memory follows the segment, not the file. Multi-record rules (a request
 * with no answer) need the whole file and are left to `check` and `diagnose`.
 */
interface TailSegment {
  readonly format: FormatId;
  readonly detectedBy: DetectionReason;
  readonly text: string;
  /** 0-based line of the segment's first character in the file. */
  readonly line: number;
  /** IIS: the columns of the latest `#Fields` before the segment. */
  readonly fields?: readonly string[] | undefined;
  /**
   * Leave the last record for the next read: a log being written may still be finishing it. The
   * caller lets it go once the file has stopped growing.
   */
  readonly holdLast: boolean;
  /** The rules to run (team signatures included); built-in by default. */
  readonly catalogue?: Catalogue;
}

interface TailFinding {
  readonly finding: Finding;
  readonly facts: RecordFacts;
  /** 1-based line and column in the file. */
  readonly line: number;
  readonly column: number;
}

interface TailResult {
  /** In document order. */
  readonly findings: readonly TailFinding[];
  /** Characters of the segment that are done with; the next segment starts there. */
  readonly consumed: number;
  /** Lines of the file before the next segment. */
  readonly nextLine: number;
  /** The columns of the latest `#Fields` in the consumed text (or the ones given). */
  readonly fields?: readonly string[] | undefined;
}

export function scanTail(segment: TailSegment): TailResult {
  const own: { finding: Finding; facts: RecordFacts }[] = [];
  let facts: { record: LogRecord; read: RecordFacts } | undefined;
  const analysis = Analysis.start(segment, {
    perRecordOnly: true,
    ...(segment.catalogue ? { catalogue: segment.catalogue } : {}),
    onFinding: (finding, record) => {
      if (finding.kind === 'evidence') return false;
      if (facts?.record !== record) facts = { record, read: recordFacts(record) };
      own.push({ finding, facts: facts.read });
      return false;
    },
  });
  const problems: ParseProblem[] = [];
  const starts: number[] = [];
  const directives: LogRecord[] = [];
  let index = 0;
  const sink = {
    record: (record: LogRecord): void => {
      starts.push(record.start);
      if (record.kind === 'directive') { directives.push(record); return; }
      analysis.step(record, index++);
    },
    problem: (p: ParseProblem): void => { problems.push(p); },
  };
  const scanner = resumeScanner(segment.format, sink, { offset: 0, line: segment.line }, segment.fields);
  scanner.push(segment.text);
  scanner.end();

  const held = segment.holdLast ? starts[starts.length - 1] : undefined;
  const consumed = held ?? segment.text.length;
  const lines = LineIndex.of(segment.text);
  const place = (finding: Finding, facts: RecordFacts): TailFinding => {
    const p = lines.positionAt(finding.start);
    return { finding, facts, line: segment.line + p.line + 1, column: p.character + 1 };
  };
  const found: TailFinding[] = [];
  for (const p of problems) {
    if (p.start < consumed) found.push(place({ ruleId: p.ruleId, kind: 'notice', severity: p.severity, start: p.start, end: p.end, message: p.message, record: -1 }, { codes: [] }));
  }
  for (const o of own) if (o.finding.start < consumed) found.push(place(o.finding, o.facts));
  found.sort((a, b) => a.finding.start - b.finding.start || a.finding.end - b.finding.end);

  let fields = segment.fields;
  for (const d of directives) if (d.start < consumed) fields = fieldsOfDirective(d.text) ?? fields;
  return { findings: found, consumed, nextLine: segment.line + lines.positionAt(consumed).line, fields };
}
