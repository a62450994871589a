import { signatureById, type Remediation, type SourceLink } from '../catalogue';
import type { SignatureLookup } from '../validate';
import type { FlowFile, FlowGap, FlowResult, StageStatus } from '../flow';
import { decodeRecord } from '../hover';
import { repeatKey, times } from '../repeats';
import type { FormatId, Severity, Stage } from '../types';
import type { SkippedFile } from './located';

/**
 * What a support hand-off says, as plain data; `markdown.ts` and `html.ts` only lay it out.
 * Log text appears only in `EvidenceLine.text`; everything else comes from the catalogue or the flow.
 */
export interface HandOff {
  readonly source: string;
  readonly redacted: boolean;
  readonly verdict: string;
  readonly firstFailure: { readonly stage: Stage; readonly stageName: string; readonly ruleId: string; readonly path: string; readonly line: number } | null;
  readonly stages: readonly { readonly stage: Stage; readonly name: string; readonly status: StageStatus }[];
  readonly problems: readonly HandOffRule[];
  readonly gaps: readonly FlowGap[];
  readonly files: readonly { readonly path: string; readonly format: FormatId }[];
  /** Files not analysed (bundle entries no reader takes, entries that could not be read), with the reason. */
  readonly skipped?: readonly SkippedFile[];
}

export interface HandOffRule {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly stage: Stage;
  /** Set for work of the connector that is not a SCEP step (`Signature.besideFlow`). */
  readonly besideFlow?: string;
  readonly count: number;
  readonly meaning: string;
  readonly fix: readonly string[];
  readonly verify: readonly string[];
  readonly links: readonly SourceLink[];
  readonly remediation?: Remediation;
  readonly lines: readonly EvidenceLine[];
  readonly codes: readonly DecodedCode[];
}

/** The first occurrence of one finding in one file; identical ones after it are counted, not listed. */
interface EvidenceLine {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** How often this same finding (rule, values, message) occurs in the file, and its last line. */
  readonly count: number;
  readonly lastLine: number;
  /** The record as logged (multi-line records on one line), cut at MAX_LINE_CHARS. */
  readonly text: string;
}

interface DecodedCode {
  readonly raw: string;
  readonly name: string;
  readonly meaning: string;
  readonly source: string;
}

const MAX_LINES_PER_RULE = 5;
const MAX_LINE_CHARS = 400;

/** The hand-off of a folder's analysis; `lookup` finds each rule's entry (team signatures included when given). */
export function buildHandOff(source: string, files: readonly FlowFile[], flow: FlowResult, redacted: boolean, lookup: SignatureLookup = signatureById): HandOff {
  const byRule = new Map<string, { count: number; lines: Map<string, EvidenceLine>; codes: Map<string, DecodedCode> }>();
  for (const file of files) {
    for (const f of file.findings) {
      if (f.kind !== 'failure' || f.severity === 'info') continue;
      let entry = byRule.get(f.ruleId);
      if (!entry) { entry = { count: 0, lines: new Map(), codes: new Map() }; byRule.set(f.ruleId, entry); }
      entry.count++;
      // Identical findings of a file are one evidence line with a count, so a different one is never crowded out.
      const key = `${file.path}\u0000${repeatKey(f)}`;
      const seen = entry.lines.get(key);
      const line = file.positionAt(f.start).line + 1;
      if (seen) { entry.lines.set(key, { ...seen, count: seen.count + 1, lastLine: line }); continue; }
      if (entry.lines.size >= MAX_LINES_PER_RULE) continue;
      const record = f.record >= 0 ? file.model.records[f.record] : undefined;
      const text = record ? record.text.trim() : f.message;
      entry.lines.set(key, { path: file.path, line, count: 1, lastLine: line, text: text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS - 1) + '…' : text });
      for (const m of record ? decodeRecord(record) : []) {
        const name = [m.code !== m.raw ? m.code : undefined, m.symbol].filter((x): x is string => x !== undefined && x !== '').join(' ');
        if (!entry.codes.has(m.raw)) entry.codes.set(m.raw, { raw: m.raw, name, meaning: m.meaning, source: m.source });
      }
    }
  }
  const order = [...new Set([...(flow.firstFailure ? [flow.firstFailure.ruleId] : []), ...flow.stages.flatMap((s) => s.fixRuleIds), ...byRule.keys()])];
  // Where the flow placed a rule's failures (a symptom sits at its root cause's stage), else its own stage.
  const placedAt = (ruleId: string, own: Stage): Stage => flow.stages.find((s) => s.fixRuleIds.includes(ruleId))?.stage ?? own;
  const problems = order.flatMap((ruleId): HandOffRule[] => {
    const entry = byRule.get(ruleId);
    const sig = lookup(ruleId);
    if (!entry || !sig) return [];
    const rule: HandOffRule = {
      ruleId, title: sig.title, severity: sig.severity, stage: placedAt(ruleId, sig.stage), count: entry.count,
      meaning: sig.meaning, fix: sig.fix ?? [], verify: sig.verify ?? [], links: [sig.link, ...(sig.related ?? [])].filter((l) => l.url !== ''),
      lines: [...entry.lines.values()], codes: [...entry.codes.values()],
    };
    return [{ ...rule, ...(sig.besideFlow !== undefined ? { besideFlow: sig.besideFlow } : {}), ...(sig.remediation ? { remediation: sig.remediation } : {}) }];
  });
  const first = flow.firstFailure;
  return {
    source, redacted, verdict: flow.verdict,
    firstFailure: first ? { ...first, stageName: flow.stages.find((s) => s.stage === first.stage)?.name ?? '' } : null,
    stages: flow.stages.map(({ stage, name, status }) => ({ stage, name, status })),
    problems, gaps: flow.gaps,
    files: files.map((f) => ({ path: f.path, format: f.model.format })),
  };
}

/** Where a rule sits: its SCEP stage, or the other work of the connector it belongs to. */
export function placeOf(rule: Pick<HandOffRule, 'stage' | 'besideFlow'>): string {
  return rule.besideFlow !== undefined ? `outside the SCEP flow (${rule.besideFlow})` : `stage ${rule.stage}`;
}

/** `path:line: text`, and for a repeated finding its count and last line: `path:12 (1,600 times, last line 9,012): text`. */
export function evidenceLine(l: EvidenceLine): string {
  const repeated = l.count > 1 ? ` (${times(l.count)}, last line ${l.lastLine})` : '';
  return `${l.path}:${l.line}${repeated}: ${l.text}`;
}
