import { flattenLineBreaks } from '../text';
import { isWrappedPair, joinLines } from './iis';
import { LineSplitter, type Origin, type PhysicalLine } from './lines';
import { continuesSentence, PASTED_PATTERNS, STACK_FRAME } from './pasted';
import type { RecordSink, Scanner } from './scanner';

/**
 * Scanner for text with no known framing: a fragment pasted from a ticket or a forum post, an
 * export nobody recognised. Each line is a record; `at …` stack-frame lines join the line before,
 * an IIS request wrapped over two lines is joined back, and so is a sentence a mail client wrapped
 * (up to MAX_WRAPPED lines).
 */
const MAX_WRAPPED = 8;

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const PLAIN_PATTERNS: readonly RegExp[] = PASTED_PATTERNS;

export function createPlainScanner(sink: RecordSink, origin?: Origin): Scanner {
  let group: PhysicalLine[] = [];

  const flush = (): void => {
    const head = group[0];
    if (!head) return;
    let raw = head.text;
    for (let i = 1; i < group.length; i++) {
      const prev = group[i - 1];
      const part = group[i];
      if (prev && part) raw = i === 1 && isWrappedPair(prev.text, part.text) ? joinLines(prev, part)
        : raw + ' '.repeat(part.start - (prev.start + prev.text.length)) + part.text;
    }
    group = [];
    const text = flattenLineBreaks(raw);
    sink.record({ kind: 'entry', start: head.start, end: head.start + text.length, line: head.line, text });
  };

  const onLine = (l: PhysicalLine): void => {
    if (l.text.trim().length === 0) { flush(); return; }
    const prev = group[group.length - 1];
    if (prev && (STACK_FRAME.test(l.text) || (group.length === 1 && isWrappedPair(prev.text, l.text))
      || (group.length < MAX_WRAPPED && continuesSentence(prev.text, l.text)))) {
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
