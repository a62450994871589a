import type { Finding, FindingKind, Severity } from '../core/types';
import type { RecordFacts } from '../core/report/facts';
import type { AnalysedFile } from './analyse';
import { CompactLineIndex, type LineIndexData } from './lineIndex';

/**
 * An `AnalysedFile` as structured-clone data, for the way back from an analysis worker. Never the
 * model: a 50 MB IIS log's records took 4.5 s to serialise and 17 s to deserialise, far more than
 * parsing them again. Facts are keyed by finding index, not by object.
 */
export interface WireFile extends Omit<AnalysedFile, 'lines' | 'model' | 'facts' | 'findings'> {
  readonly lines: LineIndexData;
  readonly findings: PackedFindings;
  readonly facts?: readonly (readonly [number, RecordFacts])[];
}

/**
 * Findings as columns: each distinct string once, numbers in typed arrays. A log where most requests
 * fail has a hundred thousand findings with a few distinct messages: as objects they took longer to
 * copy between threads than to find (about 0.5 s for 110,000).
 */
interface PackedFindings {
  readonly strings: readonly string[];
  /** Per finding: its rule id and message as indices into `strings`, its kind and severity into KINDS and SEVERITIES. */
  readonly text: Int32Array;
  /** Per finding: start, end and record. */
  readonly numbers: Float64Array;
}

const KINDS: readonly FindingKind[] = ['failure', 'evidence', 'notice'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function pack(findings: readonly Finding[]): PackedFindings {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (value: string): number => {
    let i = index.get(value);
    if (i === undefined) { i = strings.length; strings.push(value); index.set(value, i); }
    return i;
  };
  const text = new Int32Array(findings.length * 4);
  const numbers = new Float64Array(findings.length * 3);
  findings.forEach((f, i) => {
    text.set([at(f.ruleId), KINDS.indexOf(f.kind), SEVERITIES.indexOf(f.severity), at(f.message)], i * 4);
    numbers.set([f.start, f.end, f.record], i * 3);
  });
  return { strings, text, numbers };
}

function unpack({ strings, text, numbers }: PackedFindings): Finding[] {
  const out: Finding[] = [];
  const str = (i: number): string => strings[text[i] ?? -1] ?? '';
  for (let i = 0; i < numbers.length / 3; i++) {
    out.push({
      ruleId: str(i * 4), kind: KINDS[text[i * 4 + 1] ?? 0] ?? 'failure', severity: SEVERITIES[text[i * 4 + 2] ?? 0] ?? 'error',
      start: numbers[i * 3] ?? 0, end: numbers[i * 3 + 1] ?? 0, message: str(i * 4 + 3), record: numbers[i * 3 + 2] ?? -1,
    });
  }
  return out;
}

export function toWire(file: AnalysedFile): WireFile {
  if (!(file.lines instanceof CompactLineIndex)) throw new Error('only a streamed line index crosses to the main thread');
  const wire: WireFile = { path: file.path, detection: file.detection, bytes: file.bytes, lines: file.lines.toData(), findings: pack(file.findings), ...(file.evidence ? { evidence: file.evidence } : {}), ...(file.foldEntries ? { foldEntries: file.foldEntries } : {}) };
  if (!file.facts) return wire;
  const indexOf = new Map(file.findings.map((f, i) => [f, i]));
  const facts: (readonly [number, RecordFacts])[] = [];
  for (const [f, r] of file.facts) {
    const i = indexOf.get(f);
    if (i !== undefined) facts.push([i, r]);
  }
  return { ...wire, facts };
}

export function fromWire(wire: WireFile): AnalysedFile {
  const { lines, facts, findings: packed, ...rest } = wire;
  const findings = unpack(packed);
  const file: AnalysedFile = { ...rest, findings, lines: CompactLineIndex.fromData(lines) };
  if (!facts) return file;
  const byFinding = new Map<Finding, RecordFacts>();
  for (const [i, r] of facts) {
    const f = findings[i];
    if (f) byFinding.set(f, r);
  }
  return { ...file, facts: byFinding };
}

/** The buffers a `WireFile` can hand over instead of copying. */
export function transferables(wire: WireFile): ArrayBuffer[] {
  return [wire.lines.deltas.buffer, wire.lines.checkpoints.buffer, wire.findings.text.buffer, wire.findings.numbers.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
