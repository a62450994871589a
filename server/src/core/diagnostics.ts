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
  let shown = findings.filter((f) => f.kind !== 'evidence' || options.showSuccessMarkers);
  if (shown.length > options.maxNumberOfProblems) {
    // Over the cap, errors are kept before warnings before information and success markers.
    const rank = (f: Finding): number => (f.kind === 'evidence' ? 3 : f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2);
    const kept = new Set([...shown].sort((a, b) => rank(a) - rank(b)).slice(0, options.maxNumberOfProblems));
    shown = shown.filter((f) => kept.has(f));
  }
  for (const f of shown) {
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
