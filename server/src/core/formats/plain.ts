import { flattenLineBreaks } from '../text';
import { LineSplitter, type Origin, type PhysicalLine } from './lines';
import { continuesLooseRecord, PASTED_PATTERNS } from './pasted';
import type { RecordSink, Scanner } from './scanner';

/**
 * Windows PowerShell's error view (5.1's default): `Verb-Noun : message` over one or more lines
 * (blank lines included when the message is a web page), `At line:1 char:1`, the command echoed
 * after `+ `, and `+ FullyQualifiedErrorId : …` last. It is one error, so it is one record: a
 * page's text then stays with the command that fetched it.
 */
const PS_ERROR_START = /^[A-Z][A-Za-z]{1,30}-[A-Z][A-Za-z]{1,60} : /;
const PS_ERROR_END = /^\s+\+ FullyQualifiedErrorId\s*:/;
/** The console prompt: the block ended without its last line. */
const PS_PROMPT = /^PS [^>\r\n]{1,260}>/;
/** An error view longer than this is not one: its lines are read one by one. */
const PS_ERROR_MAX_LINES = 80;

/**
 * A web page a client printed (IIS's 403 error page after sscep or curl): one record from the line that
 * opens it (`<!DOCTYPE html`, `<html>`, or a `<head>` / `<title>` line when the copy starts there) to
 * `</html>`, as NDESPlugin.log's reader keeps the plugin's copy of it, so one page is one finding.
 * The opening mark starts its line: prose naming `<html>` mid-line (a ticket's "the URL returns an <html>
 * page") opens no page, or each line after it holding a `<host>` placeholder or a semicolon would join it
 * and lose its own findings. A line with none of a page's marks (a tag, CSS braces, a semicolon) ends it
 * before that line (PAGE_LINE): the client's own message after a page cut short, or prose after a quoted
 * `<title>`.
 */
const PAGE_START = /^\s{0,16}(?:<!DOCTYPE html|<html[\s>]|<(?:head|title)>)/i;
const PAGE_END = /<\/html\s*>/i;
/**
 * A page's line: one opening with a tag (or a comment's `-->`, a CSS rule's `}`), ending with a tag's `>`
 * (a DOCTYPE wrapped over two lines) or a rule's `{`, holding a CSS rule (`body{margin:0;…}`), or a CSS
 * declaration (`margin:0;`). A `<host>` placeholder, a `{GUID}` or a semicolon inside a client's line is
 * none of these, so that line ends a page cut short.
 */
const PAGE_LINE = /^\s{0,64}(?:<|-->|\})|\{\s*$|\{[^{}]{0,400}:|>\s*$|^\s{0,64}[a-z-]{1,40}\s?:[^<>;]{0,200};\s*\}?\s*$/i;
/** A page longer than this is cut into records of this many lines. */
const PAGE_MAX_LINES = 400;

/** Every regex the scanner runs, for the linear-time check in the test suite. */
export const PLAIN_PATTERNS: readonly RegExp[] = [...PASTED_PATTERNS, PS_ERROR_START, PS_ERROR_END, PS_PROMPT, PAGE_START, PAGE_END, PAGE_LINE];

/**
 * Scanner for text with no known framing: a fragment pasted from a ticket or a forum post, an
 * export nobody recognised. Each line is a record; `at …` stack-frame lines join the line before,
 * an IIS request wrapped over two lines is joined back, and so is a sentence a mail client wrapped
 * (`continuesLooseRecord`), a PowerShell error view is one record from its `Verb-Noun :` line to
 * its `FullyQualifiedErrorId` (blank lines included), and so is a web page up to its `</html>`.
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

  /** The lines of a PowerShell error view read so far, until its last line comes. */
  let psError: PhysicalLine[] | undefined;

  const onLooseLine = (l: PhysicalLine): void => {
    if (l.text.trim().length === 0) { flush(); return; }
    if (continuesLooseRecord(group, l.text)) {
      group.push(l);
      return;
    }
    flush();
    group = [l];
  };

  /** A block that turned out not to be one (a prompt came, or too many lines) is read as lines after all. */
  const abandonPsError = (): void => {
    const lines = psError ?? [];
    psError = undefined;
    const [first, ...rest] = lines;
    if (!first) return;
    flush();
    group = [first];
    for (const l of rest) onLine(l);
  };

  /** The lines of a web page read so far, until its `</html>` comes. */
  let page: PhysicalLine[] | undefined;

  const endPage = (): void => {
    if (!page) return;
    // Blank lines after its last tag are not the page's.
    while (page.length > 1 && page[page.length - 1]?.text.trim() === '') page.pop();
    group = page;
    page = undefined;
    flush();
  };

  const onLine = (l: PhysicalLine): void => {
    if (page) {
      const blank = l.text.trim().length === 0;
      if (!blank && (!PAGE_LINE.test(l.text) || PS_PROMPT.test(l.text))) endPage();
      else {
        page.push(l);
        if (PAGE_END.test(l.text) || page.length >= PAGE_MAX_LINES) endPage();
        return;
      }
    }
    if (psError) {
      if (PS_PROMPT.test(l.text) || psError.length >= PS_ERROR_MAX_LINES) {
        abandonPsError();
        onLine(l);
        return;
      }
      psError.push(l);
      if (PS_ERROR_END.test(l.text)) {
        group = psError;
        psError = undefined;
        flush();
      }
      return;
    }
    if (PS_ERROR_START.test(l.text)) {
      flush();
      psError = [l];
      return;
    }
    if (PAGE_START.test(l.text) && !PAGE_END.test(l.text)) {
      flush();
      page = [l];
      return;
    }
    onLooseLine(l);
  };

  const lines = new LineSplitter(onLine, origin);
  return {
    push: (chunk) => { lines.push(chunk); },
    // An error view still open at the end stays one record: a transcript being written is read
    // again from its last record's start (appendToModel), which must be the view's first line.
    end: () => { lines.end(); endPage(); if (psError) { flush(); group = psError; psError = undefined; } flush(); },
  };
}
