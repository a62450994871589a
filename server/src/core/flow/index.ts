/**
 * The SCEP flow across every log of a folder: which of Microsoft's six stages worked, which failed
 * first, which success lines never came, which sources are missing, and how the clocks of the logs
 * relate (IIS and svclog write UTC, NDESPlugin.log writes the server's local time).
 */
import { signatureById } from '../catalogue';
import { STAGE_NAMES } from '../guidance';
import type { SignatureLookup } from '../validate';
import type { Stage } from '../types';
import { findClockOffsets } from './clocks';
import { coverage, missingSuccess } from './gaps';
import { collectRequests, linkRequests } from './requests';
import { capEvidence, EvidenceCap, locate, rank, STAGES, verdict, type Located } from './stages';
import type { FlowBeside, FlowFile, FlowResult, FlowStage, StageStatus } from './types';

export * from './types';

/**
 * The flow across `files`. `lookup` finds each finding's rule (its stage, root causes, title): the
 * built-in catalogue by default; with team signatures, `signatureLookup` of the team catalogue.
 */
export function analyseFlow(files: readonly FlowFile[], lookup: SignatureLookup = signatureById): FlowResult {
  const requests = collectRequests(files);
  const clockOffsets = findClockOffsets(requests);
  // Success markers can be a million: only the first few per stage, rule and file are placed (all that
  // capEvidence lists); a stage with any marker still has its first one, so it counts as worked.
  const cap = new EvidenceCap(lookup);
  // A symptom is placed at the stage of its root cause when that was found too (the Admin summary at its Operational step).
  const failedRules = new Set(files.flatMap((file) => file.findings.filter((f) => f.kind === 'failure' && f.severity !== 'info').map((f) => f.ruleId)));
  const located: Located[] = [];
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.kind === 'evidence' && cap.full(file, finding.ruleId)) continue;
      const keep = finding.kind === 'evidence' ? (stage: Stage): boolean => cap.take(file, finding.ruleId, stage) : undefined;
      for (const l of locate(file, finding, clockOffsets, lookup, keep, failedRules)) located.push(l);
    }
  }
  const failures = located.filter((l) => l.finding.kind === 'failure' && l.finding.severity !== 'info');
  const failed = new Set(failures.filter((l) => l.finding.severity === 'error').map((l) => l.stage));
  const firstFailedStage = STAGES.find((s) => failed.has(s));

  const succeeded = new Set(located.filter((l) => l.finding.kind === 'evidence' || l.finding.severity === 'info').map((l) => l.stage));
  const stages = STAGES.map((stage): FlowStage => {
    const here = located.filter((l) => l.stage === stage);
    const evidence = capEvidence(here);
    // Other requests may have gone further: a stage is "not reached" only when nothing after it worked either.
    const laterWorked = STAGES.some((s) => s > stage && succeeded.has(s));
    const status: StageStatus = failed.has(stage) ? 'failed'
      : succeeded.has(stage) ? 'ok'
      : firstFailedStage !== undefined && stage > firstFailedStage && !laterWorked ? 'not-reached' : 'no-evidence';
    const fixRuleIds = [...new Set(rank(here.filter((l) => l.finding.kind === 'failure')).map((l) => l.finding.ruleId))];
    return { stage, name: STAGE_NAMES[stage] ?? '', status, evidence, fixRuleIds };
  });

  const first = firstFailedStage === undefined ? undefined
    : rank(failures.filter((l) => l.stage === firstFailedStage && l.finding.severity === 'error'))[0];
  const gaps = [...missingSuccess(files, requests, located), ...coverage(files, located, first, lookup)];
  const links = linkRequests(failures, requests, clockOffsets);

  return {
    version: 1,
    stages,
    beside: besideFlow(files, lookup),
    firstFailure: first ? { stage: first.stage, ruleId: first.finding.ruleId, path: first.file.path, line: first.line } : null,
    verdict: verdict(first, stages, lookup),
    gaps,
    clockOffsets,
    links,
  };
}

/** The failures of rules whose work is not a SCEP step, one entry per rule with its first line. */
function besideFlow(files: readonly FlowFile[], lookup: SignatureLookup): FlowBeside[] {
  const byRule = new Map<string, { -readonly [K in keyof FlowBeside]: FlowBeside[K] }>();
  for (const file of files) {
    for (const f of file.findings) {
      if (f.kind !== 'failure' || f.severity === 'info') continue;
      const sig = lookup(f.ruleId);
      if (sig?.besideFlow === undefined) continue;
      const seen = byRule.get(f.ruleId);
      if (seen) {
        seen.count++;
        if (f.severity === 'error') seen.severity = 'error';
        continue;
      }
      byRule.set(f.ruleId, { ruleId: f.ruleId, title: sig.title, work: sig.besideFlow, severity: f.severity, count: 1, path: file.path, line: file.positionAt(f.start).line + 1 });
    }
  }
  return [...byRule.values()];
}
