/** Stages: each finding placed at the SCEP stages it tells about, ranked, capped and summed up in a verdict. */
import { flowStage } from '../catalogue/define';
import type { SignatureLookup } from '../validate';
import type { Finding, Stage } from '../types';
import { utcTime } from './clocks';
import type { ClockOffset, EvidenceRef, FlowFile, FlowStage } from './types';

/** Microsoft's six stages of a SCEP request, in order. */
export const STAGES: readonly Stage[] = [1, 2, 3, 4, 5, 6];
const MAX_EVIDENCE_PER_RULE_AND_FILE = 5;

/** A finding placed at one stage it tells about, with its line and (failures only) its UTC time. */
export interface Located {
  readonly file: FlowFile;
  readonly finding: Finding;
  readonly stage: Stage;
  readonly line: number;
  /** UTC milliseconds, when the record has a time that can be placed. */
  readonly time: number | undefined;
  readonly symptom: boolean;
  /** A symptom whose root cause was found in the evidence: that cause names the failure better. */
  readonly explained?: boolean;
}

/**
 * The stage of a symptom whose root cause was found: the earliest stage of the rules it points to
 * that failed somewhere in the evidence (`failedRules`). A summary such as the connector's Admin
 * event 4001 is placed where its Operational step event says the request broke; without one it stays
 * at its own stage. A rule pointed to that is a symptom itself counts where its own cause places it
 * (sscep's empty payload → pkistatus FAILURE → the CA's denial), unless it points only for some of
 * its matches (`pointsToWhen`), which a rule cannot tell.
 */
export function explainedAt(pointsTo: readonly string[] | undefined, failedRules: ReadonlySet<string>, lookup: SignatureLookup, path: ReadonlySet<string> = new Set()): Stage | undefined {
  const stages: Stage[] = [];
  for (const id of pointsTo ?? []) {
    const sig = lookup(id);
    if (!sig || !failedRules.has(id) || path.has(id)) continue;
    const further = sig.pointsToWhen === undefined ? explainedAt(sig.pointsTo, failedRules, lookup, new Set([...path, id])) : undefined;
    stages.push(further ?? sig.stage);
  }
  return stages.length > 0 ? Math.min(...stages) as Stage : undefined;
}

/**
 * The stages a finding tells about, placed in its file; `keep` can leave stages out before any work.
 * `failedRules` (the rules with a failure anywhere in the evidence) moves a symptom to its root cause's stage.
 */
export function locate(file: FlowFile, finding: Finding, offsets: readonly ClockOffset[], lookup: SignatureLookup, keep?: (stage: Stage) => boolean, failedRules?: ReadonlySet<string>): Located[] {
  const sig = lookup(finding.ruleId);
  const placed = sig ? flowStage(sig) : undefined;
  if (!sig || placed === undefined || finding.kind === 'notice') return [];
  const record = finding.record >= 0 ? file.model.records[finding.record] : undefined;
  const matched = record ? (record.map ? record.text : record.text.slice(finding.start - record.start, finding.end - record.start)) : '';
  const pointsTo = sig.pointsToWhen === undefined || sig.pointsToWhen.test(matched) ? sig.pointsTo : undefined;
  const cause = finding.kind === 'failure' && failedRules ? explainedAt(pointsTo, failedRules, lookup) : undefined;
  const own = cause ?? placed;
  const stages = [own, ...(sig.alsoProves ?? []).filter((p) => p.when.test(matched)).map((p) => p.stage)];
  const kept = keep ? stages.filter(keep) : stages;
  if (kept.length === 0) return [];
  const base = {
    file, finding, line: file.positionAt(finding.start).line + 1,
    // Only failures are ranked and placed in time; success markers can be many, so they are not parsed.
    time: record && finding.kind === 'failure' ? utcTime(file, record, offsets) : undefined, symptom: (pointsTo?.length ?? 0) > 0,
    ...(cause !== undefined ? { explained: true } : {}),
  };
  return kept.map((stage) => ({ ...base, stage }));
}

/**
 * Success markers placed so far per file, rule and stage. Markers can be a million; only the first
 * `MAX_EVIDENCE_PER_RULE_AND_FILE` of each are listed, so once every stage a rule can place is full
 * in a file its further markers are passed over before any work (`full`).
 */
export class EvidenceCap {
  private readonly counts = new Map<FlowFile, Map<string, number[]>>();
  private readonly stagesOf = new Map<string, readonly Stage[]>();

  constructor(private readonly lookup: SignatureLookup) {}

  /** True when the marker's rule has no stage left to place in this file. */
  full(file: FlowFile, ruleId: string): boolean {
    const counts = this.countsOf(file, ruleId);
    return this.stages(ruleId).every((stage) => (counts[stage] ?? 0) >= MAX_EVIDENCE_PER_RULE_AND_FILE);
  }

  /** Counts one marker at `stage`: true while the stage is still under the cap. */
  take(file: FlowFile, ruleId: string, stage: Stage): boolean {
    const counts = this.countsOf(file, ruleId);
    const n = counts[stage] ?? 0;
    counts[stage] = n + 1;
    return n < MAX_EVIDENCE_PER_RULE_AND_FILE;
  }

  private countsOf(file: FlowFile, ruleId: string): number[] {
    let byRule = this.counts.get(file);
    if (!byRule) this.counts.set(file, byRule = new Map<string, number[]>());
    let counts = byRule.get(ruleId);
    // Indexed by stage (1-6).
    if (!counts) byRule.set(ruleId, counts = new Array<number>(STAGES.length + 1).fill(0));
    return counts;
  }

  /** Every stage a rule's success marker can be placed at: its own and those it also proves. */
  private stages(ruleId: string): readonly Stage[] {
    let stages = this.stagesOf.get(ruleId);
    if (!stages) {
      const sig = this.lookup(ruleId);
      const own = sig ? flowStage(sig) : undefined;
      stages = own === undefined ? [] : [own, ...(sig?.alsoProves ?? []).map((p) => p.stage)];
      this.stagesOf.set(ruleId, stages);
    }
    return stages;
  }
}

/**
 * Root causes before symptoms, symptoms whose cause was not found before those whose cause was (CertEnroll
 * event 87 after the FailInfo it reports), then earlier in time, then in file order.
 */
export function rank(list: readonly Located[]): Located[] {
  const order = (l: Located): number => (l.symptom ? (l.explained === true ? 2 : 1) : 0);
  return [...list].sort((a, b) =>
    order(a) - order(b)
    || (a.time ?? Infinity) - (b.time ?? Infinity)
    || a.file.path.localeCompare(b.file.path)
    || a.finding.start - b.finding.start);
}

export function capEvidence(list: readonly Located[]): EvidenceRef[] {
  const counts = new Map<string, number>();
  const out: EvidenceRef[] = [];
  for (const l of rank(list.filter((x) => x.finding.kind === 'failure')).concat(list.filter((x) => x.finding.kind === 'evidence'))) {
    const key = `${l.finding.ruleId}\u0000${l.file.path}`;
    const n = counts.get(key) ?? 0;
    if (n >= MAX_EVIDENCE_PER_RULE_AND_FILE) continue;
    counts.set(key, n + 1);
    const ref: { -readonly [K in keyof EvidenceRef]: EvidenceRef[K] } = { path: l.file.path, line: l.line, ruleId: l.finding.ruleId, kind: l.finding.kind, severity: l.finding.severity };
    const time = l.file.model.records[l.finding.record]?.time;
    if (time) ref.time = time;
    out.push(ref);
  }
  return out;
}

export function verdict(first: Located | undefined, stages: readonly FlowStage[], lookup: SignatureLookup): string {
  if (first) {
    const title = lookup(first.finding.ruleId)?.title ?? first.finding.ruleId;
    return `SCEP: stage ${first.stage} failed — ${title}`;
  }
  const lastOk = [...stages].reverse().find((s) => s.status === 'ok');
  return lastOk ? `SCEP: no failure found — evidence up to stage ${lastOk.stage} (${lastOk.name})` : 'SCEP: no evidence found in these logs';
}
