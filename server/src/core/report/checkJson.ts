import type { CheckResult } from './located';

/**
 * The JSON contract of `ndes-lens check --format json`, version 1. Fields are only ever added;
 * a change to the meaning of one bumps `version`.
 */
interface CheckJsonV1 {
  readonly version: 1;
  readonly files: readonly { readonly path: string; readonly format: string; readonly bytes: number; readonly lines: number }[];
  readonly findings: readonly {
    readonly path: string; readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number;
    readonly ruleId: string; readonly severity: string; readonly message: string;
  }[];
  readonly evidence: readonly { readonly path: string; readonly ruleId: string; readonly count: number; readonly firstLine: number; readonly lastLine: number }[];
  /** Files not analysed (bundle entries no reader takes, entries that could not be read), with the reason. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

export function checkJson(result: CheckResult): CheckJsonV1 {
  return {
    version: 1,
    files: result.files.map(({ path, format, bytes, lines }) => ({ path, format, bytes, lines })),
    findings: result.findings.map(({ path, line, column, endLine, endColumn, ruleId, severity, message }) => ({ path, line, column, endLine, endColumn, ruleId, severity, message })),
    evidence: result.evidence.map(({ path, ruleId, count, firstLine, lastLine }) => ({ path, ruleId, count, firstLine, lastLine })),
    skipped: (result.skipped ?? []).map(({ path, reason }) => ({ path, reason })),
  };
}
