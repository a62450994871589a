import { isWrappedPair } from './iis';

/**
 * A continuation line of a .NET stack trace in pasted or loose text: an `at …` frame or an
 * `--- End of inner exception stack trace ---` marker. Tolerates what copying does to them: all
 * indentation (a non-breaking space from a web page, a literal `&nbsp;` from an article's Markdown
 * source) and quote markers (`> ` of a reply or a Markdown block quote). An unindented line counts
 * only when it reads like a frame (`at Namespace.Type.Method(`), not like a sentence.
 */
const STACK_FRAME = /^(?:[ \t]*>)*(?:\s|&nbsp;)*(?:at\s+[\w.`<>$]+\(|---\s)|^(?:[ \t]*>)*(?:\s|&nbsp;)+at\s/;

/** A break after a shorter line is the writer's own, not a wrap (mail clients wrap at 72-78 columns). */
const WRAP_MIN_CHARS = 60;
/** A sentence ends here: the next line is no continuation. */
const SENTENCE_END = /[.!?:;]\s*$/;
/** A continuation starts in lower case or with an opening bracket, like the rest of a sentence. */
const CONTINUATION = /^\s*[a-z(]/;
/** A line that starts a record of its own: a date or time, a tag, a directive, a bracketed field. */
const RECORD_START = /^\s*(?:\d{1,4}[-/.:]\d|[<#[{])/;

/**
 * A label the CA's request view prints with its value on the next line (the Certification Authority
 * console's *Failed Requests* details as Microsoft's 0x80094800 article quotes them, quote markers
 * and all): the value belongs to it.
 */
const LABEL_AWAITING_VALUE = /^(?:[ \t]*>)*[ \t]*Request (?:Status Code|Disposition Message|Disposition):\s*$/i;
/**
 * The same fields with their value on the line, as `certutil -view` prints a row: status code,
 * disposition and disposition message follow each other. They say one thing, the request's outcome,
 * so they are one record: a denied row is one finding whichever of them a listing holds (`-out` can
 * leave the status code out).
 */
const REQUEST_OUTCOME_FIELD = /^(?:[ \t]*>)*[ \t]*Request (Status Code|Disposition Message|Disposition):[ \t]*\S/i;
/** A row has three such fields, each once. */
const REQUEST_OUTCOME_FIELDS = 3;

/** The outcome field `line` holds (lower case), or undefined when it holds none. */
const outcomeField = (line: string): string | undefined => REQUEST_OUTCOME_FIELD.exec(line)?.[1]?.toLowerCase();

/**
 * Whether `next` is another outcome field of the row `lines` holds (outcome fields only): a field the
 * record already has opens the next row, as rows listed without their `Row N:` lines follow each other.
 */
function continuesOutcomeRow(lines: readonly { readonly text: string }[], next: string): boolean {
  const field = outcomeField(next);
  if (field === undefined || lines.length >= REQUEST_OUTCOME_FIELDS) return false;
  const have = lines.map((l) => outcomeField(l.text));
  return have.every((f) => f !== undefined && f !== field);
}

/** Every regex of this module, for the linear-time check in the test suite. */
export const PASTED_PATTERNS: readonly RegExp[] = [STACK_FRAME, SENTENCE_END, CONTINUATION, RECORD_START, LABEL_AWAITING_VALUE, REQUEST_OUTCOME_FIELD];

/** Whether `line` is a CA request-view label alone, its value to follow on the next line. */
export function awaitsValue(line: string): boolean {
  return LABEL_AWAITING_VALUE.test(line);
}

/**
 * Whether `next` is the value of the label `line` (a label alone): the line below it, unless that is
 * another label alone. A label left empty (a column the copy did not fill) then takes no other label's
 * value away from it.
 */
export function isValueOf(line: string, next: string): boolean {
  return awaitsValue(line) && !awaitsValue(next);
}

/**
 * Whether `next` goes on with the sentence `prev` was cut in, as a mail client or a narrow window
 * wraps prose pasted into a ticket: `prev` is long and ends no sentence, and `next` reads like the
 * rest of it, not like a record of its own.
 */
function continuesSentence(prev: string, next: string): boolean {
  return prev.length >= WRAP_MIN_CHARS && !SENTENCE_END.test(prev) && CONTINUATION.test(next) && !RECORD_START.test(next);
}

/** Most lines one wrapped sentence is joined over. */
const MAX_WRAPPED = 8;

/**
 * Whether `next` belongs to the loose record made of `lines` (text with no framing of its own):
 * a stack frame, the second half of an IIS request wrapped over two lines, the value of a CA
 * request-view label printed on the line below it, the next outcome field of a `certutil -view` row, or the rest of a
 * sentence a mail client wrapped. Shared by the plain reader and the svclog reader's loose text.
 */
export function continuesLooseRecord(lines: readonly { readonly text: string }[], next: string): boolean {
  const last = lines[lines.length - 1];
  if (!last) return false;
  if (STACK_FRAME.test(next)) return true;
  if (lines.length === 1 && isWrappedPair(last.text, next)) return true;
  if (lines.length === 1 && isValueOf(last.text, next)) return true;
  if (continuesOutcomeRow(lines, next)) return true;
  return lines.length < MAX_WRAPPED && continuesSentence(last.text, next);
}
