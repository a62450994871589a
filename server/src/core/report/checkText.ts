import { groupRepeats, repeatKey, times } from '../repeats';
import type { CheckResult, LocatedFinding } from './located';

/**
 * `path:line:column: severity RULE-ID: message`, one line per finding, identical findings of a file
 * on one line with their count and last line; then evidence, skipped files and a summary.
 */
export function checkText(result: CheckResult): string {
  let out = '';
  for (const group of groupRepeats(result.findings, (f) => `${f.path}\u0000${repeatKey(f)}`)) out += findingLine(group);
  for (const e of result.evidence) {
    const lines = e.firstLine === e.lastLine ? `line ${e.firstLine}` : `lines ${e.firstLine}-${e.lastLine}`;
    out += `${oneLine(e.path)}:${e.firstLine}: evidence ${e.ruleId}: ${e.count} success marker(s), ${lines}\n`;
  }
  const skipped = result.skipped ?? [];
  for (const s of skipped) out += `${oneLine(s.path)}: skipped: ${oneLine(s.reason)}\n`;
  const count = (s: string): number => result.findings.filter((f) => f.severity === s).length;
  out += `${result.files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info, ${result.evidence.length} evidence group(s)`;
  out += skipped.length > 0 ? `, ${skipped.length} file(s) skipped.\n` : '.\n';
  return out;
}

/** The first occurrence, and for a repeated finding how often and where it last occurred. */
function findingLine(group: readonly LocatedFinding[]): string {
  const f = group[0];
  const last = group[group.length - 1];
  if (!f || !last) return '';
  const repeated = group.length > 1 ? ` [${times(group.length)}, first line ${f.line}, last line ${last.line}]` : '';
  return `${oneLine(f.path)}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${oneLine(f.message)}${repeated}\n`;
}

/** One line, and no control character a terminal would act on (escape sequences from a log stay inert). */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}
