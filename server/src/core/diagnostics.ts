import type { Diagnostic, DiagnosticRelatedInformation, Position } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { signatureById } from './catalogue';
import { groupRepeats, repeatKey, times } from './repeats';
import type { Finding, Severity } from './types';
import type { SignatureLookup } from './validate';

/** Everything a code action needs, carried on the diagnostic itself. */
interface DiagnosticData {
  readonly ruleId: string;
  readonly kind: Finding['kind'];
}

interface DiagnosticOptions {
  /** Publish success markers as Information (off by default). */
  readonly showSuccessMarkers: boolean;
  readonly maxNumberOfProblems: number;
  /** The document's URI: with it, repeated findings point at one another (relatedInformation). */
  readonly uri?: string;
  /** Finds each rule's entry (its `codeDescription` link): the host's rules, team signatures included. Built-in by default. */
  readonly lookup?: SignatureLookup;
}

/** Occurrences a repeated finding lists under it in the Problems panel; the last one is always among them. */
export const MAX_RELATED_REPEATS = 20;

/** A failure or notice that occurs more than once in the file: its group and its place in it. */
interface Repeat {
  readonly group: readonly Finding[];
  readonly index: number;
}

const DEFAULT_DIAGNOSTIC_OPTIONS: DiagnosticOptions = { showSuccessMarkers: false, maxNumberOfProblems: 1000 };

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
  const lookup = options.lookup ?? signatureById;
  let shown = findings.filter((f) => f.kind !== 'evidence' || options.showSuccessMarkers);
  // Identical failures: the first stands for the group in the Problems panel, the others become hints
  // (kept in the editor and in "Go to Next Finding", left out of the panel by VS Code) linked to it.
  const repeats = new Map<Finding, Repeat>();
  for (const group of groupRepeats(shown.filter((f) => f.kind !== 'evidence'), repeatKey)) {
    if (group.length > 1) group.forEach((f, index) => { repeats.set(f, { group, index }); });
  }
  if (shown.length > options.maxNumberOfProblems) {
    // Over the cap, errors are kept before warnings before information, success markers and repeats.
    const rank = (f: Finding): number => ((repeats.get(f)?.index ?? 0) > 0 ? 4 : f.kind === 'evidence' ? 3 : f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2);
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
    const href = lookup(f.ruleId)?.link.url;
    if (href) d.codeDescription = { href };
    const repeat = repeats.get(f);
    out.push(repeat ? asRepeat(d, repeat, positionAt, options.uri) : d);
  }
  return out;
}

/** The first of a group carries the count and links to the others; the others are hints linking back to it. */
function asRepeat(d: Diagnostic, { group, index }: Repeat, positionAt: (offset: number) => Position, uri: string | undefined): Diagnostic {
  const first = group[0];
  const last = group[group.length - 1];
  if (!first || !last) return d;
  const related = (f: Finding, message: string): DiagnosticRelatedInformation[] =>
    uri === undefined ? [] : [{ location: { uri, range: { start: positionAt(f.start), end: positionAt(f.end) } }, message }];
  if (index > 0) {
    const line = positionAt(first.start).line + 1;
    return {
      ...d, severity: DiagnosticSeverity.Hint,
      message: `Repeats the finding on line ${line} (${index + 1} of ${group.length}): ${d.message}`,
      relatedInformation: related(first, `first of ${group.length} identical findings`),
    };
  }
  // Positions of the others to list: the first ones and the last.
  const n = group.length;
  const listed = n - 1 > MAX_RELATED_REPEATS ? [...Array.from({ length: MAX_RELATED_REPEATS - 1 }, (_, i) => i + 1), n - 1] : Array.from({ length: n - 1 }, (_, i) => i + 1);
  return {
    ...d,
    message: `${d.message} [${times(n)} in this file, last on line ${positionAt(last.start).line + 1}; the repeats are hints]`,
    relatedInformation: listed.flatMap((i) => { const f = group[i]; return f ? related(f, `same finding, ${i + 1} of ${n}`) : []; }),
  };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && typeof (value as { ruleId?: unknown }).ruleId === 'string';
}
