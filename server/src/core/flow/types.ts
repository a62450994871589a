/** The flow's inputs and its result: plain readonly data the reports and the editor render. */
import type { Finding, FindingKind, LogModel, Severity, Stage } from '../types';

export interface FlowFile {
  readonly path: string;
  readonly model: LogModel;
  readonly findings: readonly Finding[];
  readonly positionAt: (offset: number) => { line: number; character: number };
}

export type StageStatus = 'ok' | 'failed' | 'not-reached' | 'no-evidence';

export interface EvidenceRef {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly ruleId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly time?: string;
}

export interface FlowStage {
  readonly stage: Stage;
  readonly name: string;
  readonly status: StageStatus;
  readonly evidence: readonly EvidenceRef[];
  /** Rules whose guidance applies to this stage's failures, root causes first. */
  readonly fixRuleIds: readonly string[];
}

type GapKind = 'missing-source' | 'missing-success' | 'time-coverage';

export interface FlowGap {
  readonly kind: GapKind;
  readonly message: string;
  readonly ruleId?: string;
  readonly path?: string;
  readonly line?: number;
  /** Document offsets of the line the gap is about, for editors. */
  readonly start?: number;
  readonly end?: number;
}

export interface ClockOffset {
  readonly path: string;
  /** Local time of this file minus UTC, as found from request pairs. */
  readonly offsetMinutes: number;
  readonly pairs: number;
  /** Median distance of the pairs from the offset, after it is applied. */
  readonly disagreementSeconds: number;
  readonly message: string;
}

export interface FlowLocation {
  readonly path: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly ruleId?: string;
  readonly message: string;
}

/** One finding and the lines of the same request in the other logs. */
export interface FlowLink {
  readonly from: FlowLocation;
  readonly to: readonly FlowLocation[];
}

/** Failures of a rule whose work is not a step of the SCEP flow (`Signature.besideFlow`). */
export interface FlowBeside {
  readonly ruleId: string;
  readonly title: string;
  /** The work it belongs to, e.g. "PKCS certificate requests". */
  readonly work: string;
  readonly severity: Severity;
  readonly count: number;
  /** The first one, in file order. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
}

export interface FlowResult {
  readonly version: 1;
  readonly stages: readonly FlowStage[];
  /** Failures of the connector's other work: listed, never a failed stage or the verdict. */
  readonly beside: readonly FlowBeside[];
  readonly firstFailure: { readonly stage: Stage; readonly ruleId: string; readonly path: string; readonly line: number } | null;
  readonly verdict: string;
  readonly gaps: readonly FlowGap[];
  readonly clockOffsets: readonly ClockOffset[];
  readonly links: readonly FlowLink[];
}
