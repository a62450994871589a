/** What the commands need from a file's lines: its count and offset → 0-based line/character. */
export interface Lines {
  readonly lineCount: number;
  positionAt(offset: number): { line: number; character: number };
}

/** A `CompactLineIndex` as plain data (typed arrays trimmed to what is used), to cross a worker boundary. */
export interface LineIndexData {
  readonly count: number;
  readonly last: number;
  readonly pendingCr: boolean;
  readonly deltas: Uint16Array;
  readonly checkpoints: Float64Array;
  readonly long: readonly (readonly [number, number])[];
}

const BLOCK = 64; // lines per checkpoint: positionAt walks at most this many deltas
const SEGMENT = 64 * 1024; // entries per typed-array segment

/**
 * The line starts of a streamed file in about 2 bytes per line (the core's LineIndex keeps an
 * 8-byte number per line): each line's length as a 16-bit delta, an absolute offset every BLOCK lines,
 * and the rare line longer than 65,535 characters in a map. Same results as the core's LineIndex
 * (CR, LF and CRLF end a line, also when a CRLF is split across two chunks); line breaks are
 * found with indexOf instead of a loop over every character.
 */
export class CompactLineIndex implements Lines {
  /** deltas[i] = start of line i minus start of line i-1 (0 = see `long`); line 0 starts at 0. */
  private readonly deltas: Uint16Array[] = [];
  private readonly long = new Map<number, number>();
  private readonly checkpoints: Float64Array[] = [];
  private count = 1;
  private last = 0; // start of the last line
  private pendingCr = false;

  constructor() {
    this.deltas.push(new Uint16Array(SEGMENT));
    this.checkpoints.push(new Float64Array(SEGMENT));
  }

  get lineCount(): number { return this.count; }

  /** The index as plain data; segments are copied into one array each, so the copy is ~2 bytes a line. */
  toData(): LineIndexData {
    const blocks = Math.ceil(this.count / BLOCK);
    return {
      count: this.count, last: this.last, pendingCr: this.pendingCr, long: [...this.long],
      deltas: joinSegments(this.deltas, new Uint16Array(this.count)),
      checkpoints: joinSegments(this.checkpoints, new Float64Array(blocks)),
    };
  }

  static fromData(data: LineIndexData): CompactLineIndex {
    const index = new CompactLineIndex();
    index.deltas.length = 0;
    index.checkpoints.length = 0;
    splitSegments(data.deltas, index.deltas, (n) => new Uint16Array(n));
    splitSegments(data.checkpoints, index.checkpoints, (n) => new Float64Array(n));
    for (const [line, d] of data.long) index.long.set(line, d);
    index.count = data.count;
    index.last = data.last;
    index.pendingCr = data.pendingCr;
    return index;
  }

  append(chunk: string, chunkOffset: number): void {
    let i = 0;
    if (chunk.length === 0) return;
    if (this.pendingCr) {
      this.pendingCr = false;
      // CR LF split across chunks: the line starts after the LF, not after the CR.
      if (chunk.charCodeAt(0) === 10) { this.moveLast(chunkOffset + 1); i = 1; }
    }
    let cr = chunk.indexOf('\r', i);
    let lf = chunk.indexOf('\n', i);
    while (cr !== -1 || lf !== -1) {
      if (lf === -1 || (cr !== -1 && cr < lf)) {
        if (lf === cr + 1) {
          this.push(chunkOffset + lf + 1);
          lf = chunk.indexOf('\n', lf + 1);
        } else {
          this.push(chunkOffset + cr + 1);
          if (cr === chunk.length - 1) this.pendingCr = true;
        }
        cr = chunk.indexOf('\r', cr + 1);
      } else {
        this.push(chunkOffset + lf + 1);
        lf = chunk.indexOf('\n', lf + 1);
      }
    }
  }

  positionAt(offset: number): { line: number; character: number } {
    // Last checkpoint at or before offset, then walk at most BLOCK deltas.
    const blocks = Math.ceil(this.count / BLOCK);
    let lo = 0;
    let hi = blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoint(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    let line = lo * BLOCK;
    let start = this.checkpoint(lo);
    const end = Math.min(this.count, line + BLOCK);
    while (line + 1 < end) {
      const next = start + this.delta(line + 1);
      if (next > offset) break;
      start = next;
      line++;
    }
    return { line, character: offset - start };
  }

  private push(start: number): void {
    const line = this.count++;
    this.setDelta(line, start - this.last);
    this.last = start;
    if (line % BLOCK === 0) this.setCheckpoint(line / BLOCK, start);
  }

  /** Moves the start of the last line (a CR whose LF arrived in the next chunk). */
  private moveLast(start: number): void {
    const line = this.count - 1;
    if (line === 0) return;
    const prev = this.last - this.delta(line);
    this.setDelta(line, start - prev);
    this.last = start;
    if (line % BLOCK === 0) this.setCheckpoint(line / BLOCK, start);
  }

  private setDelta(line: number, d: number): void {
    const seg = Math.floor(line / SEGMENT);
    while (this.deltas.length <= seg) this.deltas.push(new Uint16Array(SEGMENT));
    const arr = this.deltas[seg];
    if (!arr) return;
    if (d > 0 && d <= 0xffff) { arr[line % SEGMENT] = d; this.long.delete(line); }
    else { arr[line % SEGMENT] = 0; this.long.set(line, d); }
  }

  private delta(line: number): number {
    const d = this.deltas[Math.floor(line / SEGMENT)]?.[line % SEGMENT] ?? 0;
    return d !== 0 ? d : this.long.get(line) ?? 0;
  }

  private setCheckpoint(block: number, start: number): void {
    const seg = Math.floor(block / SEGMENT);
    while (this.checkpoints.length <= seg) this.checkpoints.push(new Float64Array(SEGMENT));
    const arr = this.checkpoints[seg];
    if (arr) arr[block % SEGMENT] = start;
  }

  private checkpoint(block: number): number {
    return this.checkpoints[Math.floor(block / SEGMENT)]?.[block % SEGMENT] ?? 0;
  }
}

/** Copies the first `into.length` entries of the segments into one array. */
function joinSegments<T extends Uint16Array | Float64Array>(segments: readonly T[], into: T): T {
  for (let i = 0, at = 0; at < into.length; i++, at += SEGMENT) {
    const seg = segments[i];
    if (!seg) break;
    into.set(seg.subarray(0, Math.min(SEGMENT, into.length - at)), at);
  }
  return into;
}

/** Cuts one array back into full-size segments (later appends write past its end). */
function splitSegments<T extends Uint16Array | Float64Array>(all: T, into: T[], make: (n: number) => T): void {
  for (let at = 0; at < all.length || into.length === 0; at += SEGMENT) {
    const seg = make(SEGMENT);
    seg.set(all.subarray(at, Math.min(all.length, at + SEGMENT)));
    into.push(seg);
  }
}
