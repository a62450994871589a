import type { CheckResult } from './located';

/** `path:line:column: severity RULE-ID: message`, one line per finding, then evidence and a summary. */
export function checkText(result: CheckResult): string {
  let out = '';
  for (const f of result.findings) out += `${oneLine(f.path)}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${oneLine(f.message)}\n`;
  for (const e of result.evidence) {
    const lines = e.firstLine === e.lastLine ? `line ${e.firstLine}` : `lines ${e.firstLine}-${e.lastLine}`;
    out += `${oneLine(e.path)}:${e.firstLine}: evidence ${e.ruleId}: ${e.count} success marker(s), ${lines}\n`;
  }
  const count = (s: string): number => result.findings.filter((f) => f.severity === s).length;
  out += `${result.files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info, ${result.evidence.length} evidence group(s).\n`;
  return out;
}

/** One line, and no control character a terminal would act on (escape sequences from a log stay inert). */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}
