/**
 * Streaming line splitter shared by the line-based scanners. It is fed chunks of text and calls
 * back once per physical line with the line's text (without its line break), the document offset
 * of its first character, the offset just past its line break, and its 0-based line number.
 * CR, LF and CRLF all end a line, also when a CRLF is split across two chunks.
 */
export interface PhysicalLine {
  readonly text: string;
  readonly start: number;
  /** Offset after the line break (equals start + text.length at the end of the input). */
  readonly next: number;
  readonly line: number;
}

/** Where a splitter's first chunk sits in the document, when it does not start the document. */
export interface Origin {
  readonly offset: number;
  readonly line: number;
}

export class LineSplitter {
  private carry = '';
  private carryStart: number;
  private consumed: number;
  private line: number;
  private skipLf = false;
  /** A BOM is dropped only at the very start of a document. */
  private first: boolean;

  constructor(private readonly onLine: (line: PhysicalLine) => void, origin?: Origin) {
    this.consumed = origin?.offset ?? 0;
    this.carryStart = this.consumed;
    this.line = origin?.line ?? 0;
    this.first = origin === undefined;
  }

  push(chunk: string): void {
    let text = chunk;
    let offset = this.consumed;
    this.consumed += chunk.length;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) { text = text.slice(1); offset += 1; this.carryStart = offset; }
    }
    if (this.skipLf && text.length > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === 10) { text = text.slice(1); offset += 1; this.carryStart = offset; }
    }
    let from = 0;
    // indexOf finds line breaks far faster than a per-character loop on long logs.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < from) lf = text.indexOf('\n', from);
      if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
      let i = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (i === -1) break;
      const c = text.charCodeAt(i);
      const body = this.carry + text.slice(from, i);
      let next = offset + i + 1;
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) { i++; next++; }
        } else {
          this.skipLf = true;
        }
      }
      this.onLine({ text: body, start: this.carryStart, next, line: this.line++ });
      this.carry = '';
      this.carryStart = next;
      from = i + 1;
    }
    if (from < text.length) {
      if (this.carry === '') this.carryStart = offset + from;
      this.carry += text.slice(from);
    }
  }

  end(): void {
    if (this.carry.length > 0) {
      this.onLine({ text: this.carry, start: this.carryStart, next: this.carryStart + this.carry.length, line: this.line++ });
      this.carry = '';
    }
  }
}
