/**
 * A continuation line of a .NET stack trace in pasted or loose text: an `at …` frame or an
 * `--- End of inner exception stack trace ---` marker. Tolerates what copying does to them: all
 * indentation (a non-breaking space from a web page, a literal `&nbsp;` from an article's Markdown
 * source) and quote markers (`> ` of a reply or a Markdown block quote). An unindented line counts
 * only when it reads like a frame (`at Namespace.Type.Method(`), not like a sentence.
 */
export const STACK_FRAME = /^(?:[ \t]*>)*(?:\s|&nbsp;)*(?:at\s+[\w.`<>$]+\(|---\s)|^(?:[ \t]*>)*(?:\s|&nbsp;)+at\s/;
