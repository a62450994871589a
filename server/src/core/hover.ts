import type { Hover, Position } from 'vscode-languageserver-types';
import { noticeById, signatureById } from './catalogue';
import { findCodes, type CodeMention } from './codes/find';
import { codeSpan, escapeMarkdown, explainNotice, explainSignature } from './guidance';
import { findingsAt } from './findingsAt';
import { httpStatusOf, recordAt } from './records';
import { toDocumentOffset } from './text';
import type { Finding, LogModel, LogRecord } from './types';
import type { SignatureLookup } from './validate';

/**
 * position → Markdown: every finding of the record under the cursor explained from its rule's entry
 * (`lookup`: the host's rules, team signatures included; built-in by default), and every code
 * printed on that record decoded. Log text only ever appears inside code spans.
 */
export function hover(model: LogModel, findings: readonly Finding[], offset: number, positionAt: (offset: number) => Position, lookup: SignatureLookup = signatureById): Hover | null {
  const index = recordAt(model.records, offset);
  const record = index >= 0 ? model.records[index] : undefined;
  const here = findingsAt(findings, offset, record, index);
  const codes = record?.kind === 'entry' ? decodeRecord(record) : [];
  if (here.length === 0 && codes.length === 0) return null;

  const sections: string[] = [];
  // Findings under the cursor first, then the rest of the record's.
  const ordered = [...here].sort((a, b) => Number(!(a.start <= offset && offset <= a.end)) - Number(!(b.start <= offset && offset <= b.end)));
  const shown = new Set<string>();
  for (const f of ordered) {
    if (shown.has(f.ruleId)) continue;
    shown.add(f.ruleId);
    const sig = lookup(f.ruleId);
    if (sig) sections.push(explainSignature(sig));
    else {
      const notice = noticeById(f.ruleId);
      sections.push(notice ? `${explainNotice(notice)}\n\n${escapeMarkdown(f.message)}` : escapeMarkdown(f.message));
    }
  }
  if (codes.length > 0) {
    sections.push('**Codes on this line**\n\n' + codes.map(describeCode).join('\n'));
  }
  const first = ordered[0];
  const range = first && first.start <= offset && offset <= first.end
    ? { start: positionAt(first.start), end: positionAt(first.end) }
    : record ? { start: positionAt(record.start), end: positionAt(record.end) } : undefined;
  const result: Hover = { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
  if (range) result.range = range;
  return result;
}

/** Every code printed in a record, with the IIS status triplet taken from the parsed fields. */
export function decodeRecord(record: LogRecord): CodeMention[] {
  const http = httpStatusOf(record);
  const hints = http && !record.map
    ? { iisStatus: { status: http.status, substatus: http.substatus, win32: http.win32, start: http.start - record.start, end: http.end - record.start } }
    : undefined;
  return findCodes(record.text, hints).map((m) => ({ ...m, start: toDocumentOffset(record, m.start), end: toDocumentOffset(record, m.end) }));
}

function describeCode(m: CodeMention): string {
  const name = [m.code !== m.raw ? m.code : undefined, m.symbol].filter((x): x is string => Boolean(x)).join(' ');
  const context = m.ndesContext ? ` ${escapeMarkdown(m.ndesContext)}` : '';
  const caveat = m.unconfirmed ? ' *(reported, not confirmed by Microsoft)*' : '';
  return `- ${codeSpan(m.raw)}${name ? ` → **${escapeMarkdown(name)}**` : ''}: ${escapeMarkdown(m.meaning)}${context}${caveat} ([source](${m.source}))`;
}
