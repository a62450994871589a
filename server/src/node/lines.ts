import type { TextRedactor } from '../core/redact';

/** A line longer than this is cut at its last blank or tag boundary before it is transformed. */
const MAX_PENDING = 1024 * 1024;

/**
 * Feeds a line-oriented transform (the redactor) from arbitrary chunks: it only ever sees whole
 * lines, except the end of the file and pieces of a line longer than MAX_PENDING.
 */
export class LineBuffered {
  private pending = '';

  constructor(private readonly transform: TextRedactor) {}

  push(chunk: string): string {
    const text = this.pending + chunk;
    let cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    // A CR at the very end may be the first half of CRLF: keep it for the next chunk.
    if (cut === text.length && text.endsWith('\r')) cut--;
    if (cut <= 0 && text.length > MAX_PENDING) cut = Math.max(text.search(/[\s<>][^\s<>]*$/) + 1, text.length);
    this.pending = text.slice(cut);
    return cut > 0 ? this.transform.redact(text.slice(0, cut)) : '';
  }

  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest.length > 0 ? this.transform.redact(rest) : '';
  }
}
