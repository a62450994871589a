import type { Finding } from '../core/types';
import type { RecordFacts } from '../core/report/facts';
import type { AnalysedFile } from './analyse';
import { CompactLineIndex, type LineIndexData } from './lineIndex';

/**
 * An `AnalysedFile` as structured-clone data, for the way back from an analysis worker. Never the
 * model: a 50 MB IIS log's records took 4.5 s to serialise and 17 s to deserialise, far more than
 * parsing them again. Facts are keyed by finding index, not by object.
 */
export interface WireFile extends Omit<AnalysedFile, 'lines' | 'model' | 'facts'> {
  readonly lines: LineIndexData;
  readonly facts?: readonly (readonly [number, RecordFacts])[];
}

export function toWire(file: AnalysedFile): WireFile {
  if (!(file.lines instanceof CompactLineIndex)) throw new Error('only a streamed line index crosses to the main thread');
  const wire: WireFile = { path: file.path, detection: file.detection, bytes: file.bytes, lines: file.lines.toData(), findings: file.findings, ...(file.evidence ? { evidence: file.evidence } : {}), ...(file.foldEntries ? { foldEntries: file.foldEntries } : {}) };
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
  const { lines, facts, ...rest } = wire;
  const file: AnalysedFile = { ...rest, lines: CompactLineIndex.fromData(lines) };
  if (!facts) return file;
  const byFinding = new Map<Finding, RecordFacts>();
  for (const [i, r] of facts) {
    const f = wire.findings[i];
    if (f) byFinding.set(f, r);
  }
  return { ...file, facts: byFinding };
}

/** The buffers a `WireFile` can hand over instead of copying. */
export function transferables(wire: WireFile): ArrayBuffer[] {
  return [wire.lines.deltas.buffer, wire.lines.checkpoints.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
