import type { Finding, LogModel } from './types';

/**
 * "Show only failures": the failing records of one log as a short read-only text, one line per
 * record, each starting with a `name:line` link back to the log.
 */
interface FailuresView {
  readonly text: string;
  /** How many records failed, and how many lines the view lists (capped). */
  readonly failures: number;
  readonly links: readonly FailureLink[];
}

interface FailureLink {
  /** 0-based line of the view and the character range of its `name:line` prefix. */
  readonly line: number;
  readonly startCharacter: number;
  readonly endCharacter: number;
  /** 0-based line of the log the prefix points to. */
  readonly targetLine: number;
}

interface FailuresViewOptions {
  readonly maxLines?: number;
  readonly maxChars?: number;
}

const MAX_FAILURE_LINES = 5000;
const MAX_CHARS = 400;

export function failuresView(
  name: string, model: LogModel, findings: readonly Finding[], positionAt: (offset: number) => { line: number; character: number },
  options: FailuresViewOptions = {},
): FailuresView {
  const maxLines = options.maxLines ?? MAX_FAILURE_LINES;
  const maxChars = options.maxChars ?? MAX_CHARS;
  // One row per failing record (or per file-level finding), in document order.
  const rows = new Map<string, { start: number; ruleIds: string[]; text: string }>();
  for (const f of findings) {
    if (f.kind !== 'failure') continue;
    const record = f.record >= 0 ? model.records[f.record] : undefined;
    const key = record ? `r${f.record}` : `o${f.start}`;
    const row = rows.get(key);
    if (row) { if (!row.ruleIds.includes(f.ruleId)) row.ruleIds.push(f.ruleId); continue; }
    rows.set(key, { start: record?.start ?? f.start, ruleIds: [f.ruleId], text: record ? messageOf(record.text) : f.message });
  }
  const sorted = [...rows.values()].sort((a, b) => a.start - b.start);
  const records = model.records.filter((r) => r.kind === 'entry').length;
  const header = sorted.length === 0
    ? `NDES Lens: no failures in ${name} (${plural(records, 'record')}).`
    : `NDES Lens: ${plural(sorted.length, 'failing record')} of ${records} in ${name}${sorted.length > maxLines ? ` (first ${maxLines} shown)` : ''}; Ctrl+click name:line to open one.`;
  const lines = [header, ''];
  const links: FailureLink[] = [];
  for (const row of sorted.slice(0, maxLines)) {
    const target = positionAt(row.start).line;
    const prefix = `${name}:${target + 1}`;
    links.push({ line: lines.length, startCharacter: 0, endCharacter: prefix.length, targetLine: target });
    lines.push(`${prefix}  ${row.ruleIds.join(', ')}  ${oneLine(row.text, maxChars)}`);
  }
  return { text: lines.join('\n') + '\n', failures: sorted.length, links };
}

/** The message of a CMTrace-framed record (`<![LOG[message]LOG]!><time=…>`); other records as they are. */
function messageOf(text: string): string {
  const open = text.indexOf('<![LOG[');
  if (open === -1 || open > 8) return text;
  const close = text.indexOf(']LOG]!>', open);
  return close === -1 ? text.slice(open + 7) : text.slice(open + 7, close);
}

function oneLine(text: string, max: number): string {
  const clean = text.slice(0, max * 2).replace(/\s+/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
