import type { Finding } from '../core/types';

/** Success markers of one rule in one file, by document offset (check places them in lines). */
export interface FoldedEvidence {
  readonly ruleId: string;
  readonly count: number;
  /** Smallest and largest start offset: the first and last line of the markers. */
  readonly firstStart: number;
  readonly lastStart: number;
}

/** One rule's markers as a fold holds them: what `absorb` takes from a fold of a later share of the file. */
export interface FoldEntry {
  ruleId: string;
  count: number;
  firstStart: number;
  lastStart: number;
  /** Sort key of the rule's first marker: (start, end, arrival). */
  keyStart: number;
  keyEnd: number;
  keySeq: number;
}

/**
 * Counts success markers per rule as records are validated, so a file of a million healthy
 * requests costs one entry per rule instead of a million findings. `summaries()` lists the rules
 * in the order `locateFindings` would over the stably sorted findings: by their first marker's
 * (start, end), then arrival.
 */
export class EvidenceFold {
  private readonly byRule = new Map<string, FoldEntry>();
  private seq = 0;

  add(f: Finding): void {
    const seq = this.seq++;
    const e = this.byRule.get(f.ruleId);
    if (!e) {
      this.byRule.set(f.ruleId, { ruleId: f.ruleId, count: 1, firstStart: f.start, lastStart: f.start, keyStart: f.start, keyEnd: f.end, keySeq: seq });
      return;
    }
    e.count++;
    if (f.start < e.firstStart) e.firstStart = f.start;
    if (f.start > e.lastStart) e.lastStart = f.start;
    if ((f.start - e.keyStart || f.end - e.keyEnd || seq - e.keySeq) < 0) {
      e.keyStart = f.start; e.keyEnd = f.end; e.keySeq = seq;
    }
  }

  /** The rules' entries, for `absorb` on the main thread (a worker's share of a file). */
  entries(): FoldEntry[] {
    return [...this.byRule.values()];
  }

  /**
   * Takes in the fold of other records of the same file (a worker's share of it): each rule's first
   * marker is the one first by position, arrival breaking ties within a record.
   */
  absorb(later: readonly FoldEntry[]): void {
    const offset = this.seq;
    for (const l of later) {
      const keySeq = l.keySeq + offset;
      this.seq = Math.max(this.seq, keySeq + 1);
      const e = this.byRule.get(l.ruleId);
      if (!e) { this.byRule.set(l.ruleId, { ...l, keySeq }); continue; }
      e.count += l.count;
      e.firstStart = Math.min(e.firstStart, l.firstStart);
      e.lastStart = Math.max(e.lastStart, l.lastStart);
      if ((l.keyStart - e.keyStart || l.keyEnd - e.keyEnd || keySeq - e.keySeq) < 0) {
        e.keyStart = l.keyStart; e.keyEnd = l.keyEnd; e.keySeq = keySeq;
      }
    }
  }

  summaries(): FoldedEvidence[] {
    return [...this.byRule.values()]
      .sort((a, b) => a.keyStart - b.keyStart || a.keyEnd - b.keyEnd || a.keySeq - b.keySeq)
      .map(({ ruleId, count, firstStart, lastStart }) => ({ ruleId, count, firstStart, lastStart }));
  }
}
