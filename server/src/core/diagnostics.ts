import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { signatureById } from './catalogue';
import type { Finding, Severity } from './types';

/** Everything a code action needs, carried on the diagnostic itself. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly kind: Finding['kind'];
}

export interface DiagnosticOptions {
  /** Publish success markers as Information (off by default). */
  readonly showSuccessMarkers: boolean;
  readonly maxNumberOfProblems: number;
}

export const DEFAULT_DIAGNOSTIC_OPTIONS: DiagnosticOptions = { showSuccessMarkers: false, maxNumberOfProblems: 1000 };

export const DIAGNOSTIC_SOURCE = 'ndes-lens';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The one place findings become LSP diagnostics. */
export function toDiagnostics(
  findings: readonly Finding[],
  positionAt: (offset: number) => Position,
  options: DiagnosticOptions = DEFAULT_DIAGNOSTIC_OPTIONS,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    if (f.kind === 'evidence' && !options.showSuccessMarkers) continue;
    if (out.length >= options.maxNumberOfProblems) break;
    const data: DiagnosticData = { ruleId: f.ruleId, kind: f.kind };
    const d: Diagnostic = {
      range: { start: positionAt(f.start), end: positionAt(f.end) },
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      source: DIAGNOSTIC_SOURCE,
      message: f.message,
      data,
    };
    const href = signatureById(f.ruleId)?.link.url;
    if (href) d.codeDescription = { href };
    out.push(d);
  }
  return out;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && typeof (value as { ruleId?: unknown }).ruleId === 'string';
}
