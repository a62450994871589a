import type { Finding } from './types';

/** Findings per block: a fork copies one block at most. */
const BLOCK = 4096;

/**
 * An append-only list of findings whose forks share what they have in common. A log's analysis is
 * forked at every append; copying its success markers (one per healthy request) each time would
 * make an append cost the whole log.
 */
export class FindingList {
  private constructor(
    /** Full blocks, never written again once full: forks share them. */
    private readonly blocks: Finding[][],
    private tail: Finding[],
  ) {}

  static empty(): FindingList { return new FindingList([], []); }

  static of(findings: readonly Finding[]): FindingList {
    const list = FindingList.empty();
    for (const f of findings) list.push(f);
    return list;
  }

  get length(): number { return this.blocks.length * BLOCK + this.tail.length; }

  push(f: Finding): void {
    this.tail.push(f);
    if (this.tail.length === BLOCK) { this.blocks.push(this.tail); this.tail = []; }
  }

  fork(): FindingList { return new FindingList(this.blocks.slice(), this.tail.slice()); }

  toArray(): Finding[] {
    const out: Finding[] = [];
    for (const block of this.blocks) for (const f of block) out.push(f);
    for (const f of this.tail) out.push(f);
    return out;
  }
}
