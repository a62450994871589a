import type { FlowResult, StageStatus } from '../flow';
import { oneLine } from './checkText';

const MARK: Readonly<Record<StageStatus, string>> = { 'ok': '✔', 'failed': '✖', 'not-reached': '·', 'no-evidence': '·' };

/** `ndes-lens diagnose` as text: the stage table, the verdict, the first failure, the gaps. */
export function flowText(flow: FlowResult): string {
  const lines: string[] = ['SCEP flow', ''];
  const width = Math.max(...flow.stages.map((s) => s.name.length), 10);
  for (const s of flow.stages) {
    const seen = s.evidence.length > 0 ? `  ${s.evidence.length} line(s): ${[...new Set(s.evidence.map((e) => e.ruleId))].join(', ')}` : '';
    lines.push(`  ${MARK[s.status]} ${s.stage}  ${s.name.padEnd(width)}  ${s.status.padEnd(11)}${seen}`);
  }
  lines.push('', `Verdict: ${oneLine(flow.verdict)}`);
  if (flow.firstFailure) {
    const f = flow.firstFailure;
    const stage = flow.stages.find((s) => s.stage === f.stage);
    lines.push(`First failure: stage ${f.stage}${stage ? ` (${stage.name})` : ''}, ${f.ruleId} at ${oneLine(f.path)}:${f.line}`);
    if (stage && stage.fixRuleIds.length > 0) lines.push(`Fix guidance: ${stage.fixRuleIds.join(', ')}`);
  } else {
    lines.push('First failure: none found');
  }
  if (flow.beside.length > 0) {
    lines.push('', 'Outside the SCEP flow (not a SCEP stage; listed because the same connector does this work):');
    for (const b of flow.beside) lines.push(`  - ${b.ruleId} (${b.work}): ${b.severity}, ${b.count} time(s), first at ${oneLine(b.path)}:${b.line}`);
  }
  if (flow.gaps.length > 0) {
    lines.push('', 'Gaps:');
    for (const g of flow.gaps) lines.push(`  - ${g.path !== undefined ? `${oneLine(g.path)}${g.line !== undefined ? `:${g.line}` : ''}: ` : ''}${oneLine(g.message)}`);
  }
  if (flow.clockOffsets.length > 0) {
    lines.push('', 'Clocks:');
    for (const c of flow.clockOffsets) lines.push(`  - ${oneLine(c.message)}`);
  }
  return lines.join('\n') + '\n';
}
