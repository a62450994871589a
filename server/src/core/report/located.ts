import type { Finding, FindingKind, FormatId, Severity } from '../types';

/**
 * Findings placed in files with 1-based lines and columns: what every report format (text, JSON,
 * SARIF, Markdown, HTML) is made from. Columns count UTF-16 code units, as the editor does.
 */
export interface ReportFile {
  /** As given on the command line (a folder walk appends the names below it). */
  readonly path: string;
  readonly format: FormatId;
  readonly bytes: number;
  readonly lines: number;
}

export interface LocatedFinding {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** Exclusive end, 1-based (the column after the last character). */
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly message: string;
  /** The finding's stable identity (fingerprint.ts), when the output carries one (SARIF, JSON lines). */
  readonly fingerprint?: string;
}

/** Success markers of one rule in one file. */
export interface EvidenceSummary {
  readonly path: string;
  readonly ruleId: string;
  readonly count: number;
  readonly firstLine: number;
  readonly lastLine: number;
}

/** A file that was not analysed (a bundle entry no reader takes, or one that could not be read), and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface CheckResult {
  readonly files: readonly ReportFile[];
  /** Failures and notices, one per occurrence, in file then document order. */
  readonly findings: readonly LocatedFinding[];
  readonly evidence: readonly EvidenceSummary[];
  /** Listed so nothing is dropped silently. */
  readonly skipped?: readonly SkippedFile[];
}

type PositionAt = (offset: number) => { line: number; character: number };

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** Whether `severity` is at least `min` (error > warning > info). */
export function atLeast(severity: Severity, min: Severity): boolean {
  return RANK[severity] >= RANK[min];
}

/** Places one file's findings: failures and notices one by one, success markers per rule. */
export function locateFindings(path: string, findings: readonly Finding[], positionAt: PositionAt): { findings: LocatedFinding[]; evidence: EvidenceSummary[] } {
  const located: LocatedFinding[] = [];
  const byRule = new Map<string, { count: number; firstLine: number; lastLine: number }>();
  for (const f of findings) {
    const s = positionAt(f.start);
    if (f.kind === 'evidence') {
      const line = s.line + 1;
      const e = byRule.get(f.ruleId);
      if (e) { e.count++; e.firstLine = Math.min(e.firstLine, line); e.lastLine = Math.max(e.lastLine, line); }
      else byRule.set(f.ruleId, { count: 1, firstLine: line, lastLine: line });
      continue;
    }
    const e = positionAt(f.end);
    located.push({
      path, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1,
      ruleId: f.ruleId, kind: f.kind, severity: f.severity, message: f.message,
    });
  }
  const evidence = [...byRule].map(([ruleId, e]) => ({ path, ruleId, ...e }));
  return { findings: located, evidence };
}
