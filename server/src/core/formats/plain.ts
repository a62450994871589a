import { flattenLineBreaks } from '../text';
import { LineSplitter, type Origin, type PhysicalLine } from './lines';
import { continuesLooseRecord, PASTED_PATTERNS } from './pasted';
import type { RecordSink, Scanner } from './scanner';

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const PLAIN_PATTERNS: readonly RegExp[] = PASTED_PATTERNS;

/**
 * Scanner for text with no known framing: a fragment pasted from a ticket or a forum post, an
 * export nobody recognised. Each line is a record; `at …` stack-frame lines join the line before,
 * an IIS request wrapped over two lines is joined back, and so is a sentence a mail client wrapped
 * (`continuesLooseRecord`).
 */
export function createPlainScanner(sink: RecordSink, origin?: Origin): Scanner {
  let group: PhysicalLine[] = [];

  const flush = (): void => {
    const head = group[0];
    if (!head) return;
    let raw = head.text;
    for (let i = 1; i < group.length; i++) {
      const prev = group[i - 1];
      const part = group[i];
      if (prev && part) raw += ' '.repeat(part.start - (prev.start + prev.text.length)) + part.text;
    }
    group = [];
    const text = flattenLineBreaks(raw);
    sink.record({ kind: 'entry', start: head.start, end: head.start + text.length, line: head.line, text });
  };

  const onLine = (l: PhysicalLine): void => {
    if (l.text.trim().length === 0) { flush(); return; }
    if (continuesLooseRecord(group, l.text)) {
      group.push(l);
      return;
    }
    flush();
    group = [l];
  };

  const lines = new LineSplitter(onLine, origin);
  return {
    push: (chunk) => { lines.push(chunk); },
    end: () => { lines.end(); flush(); },
  };
}
