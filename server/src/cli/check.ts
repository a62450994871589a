import { atLeast, locateFindings, type CheckResult, type EvidenceSummary, type LocatedFinding, type ReportFile } from '../core/report/located';
import { checkJson } from '../core/report/checkJson';
import { checkText } from '../core/report/checkText';
import { toSarif } from '../core/report/sarif';
import type { Severity } from '../core/types';
import { jsonLine, type FleetLine } from '../core/report/fleet';
import { fleetLinesOf } from '../node/fleetLines';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { choice, jobsOption, parseArgs, positiveInteger } from './args';
import { collect } from './collect';
import { CliError } from './errors';
import { HELP } from './help';
import { emit } from './output';
import { TEAM_OPTIONS, teamRules } from './team';
import { toolVersion } from './version';
import { DEFAULT_MAX_FILES } from '../node/walk';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** `ndes-lens check <file|folder>…`: every finding, as text, JSON (version 1), JSON lines or SARIF 2.1.0. */
export async function check(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--format', '--schema', '--min-severity', '--out', '--max-files', '--jobs', ...TEAM_OPTIONS.values], flags: ['--help', ...TEAM_OPTIONS.flags] });
  if (args.flags.has('--help')) { await emit(HELP.check + '\n', undefined); return 0; }
  const format = choice(args, '--format', ['text', 'json', 'jsonl', 'sarif'] as const, 'text');
  const schema = choice(args, '--schema', ['flat', 'ecs'] as const, 'flat');
  if (args.values.has('--schema') && format !== 'jsonl') throw new CliError('--schema needs --format jsonl');
  // Fingerprints number equal findings in document order, so they are taken before --min-severity filters.
  const fingerprinted = format === 'jsonl' || format === 'sarif';
  const machine = hostname();
  const observed = new Date().toISOString();
  const lines: FleetLine[] = [];
  const min = choice(args, '--min-severity', SEVERITIES, 'info');
  const maxFiles = positiveInteger(args, '--max-files', DEFAULT_MAX_FILES);
  const jobs = jobsOption(args);
  if (args.positional.length === 0) throw new CliError('check needs at least one file or folder');
  const rules = await teamRules(args, args.positional);

  const files: ReportFile[] = [];
  const findings: LocatedFinding[] = [];
  const evidence: EvidenceSummary[] = [];
  const seen = { errors: false };
  const summary = await collect(args.positional, { maxFiles, jobs, foldEvidence: true, facts: fingerprinted, catalogue: rules.catalogue }, (file) => {
    files.push({ path: file.path, format: file.detection.format, bytes: file.bytes, lines: file.lines.lineCount });
    const located = locateFindings(file.path, file.findings, (o) => file.lines.positionAt(o));
    seen.errors ||= located.findings.some((f) => f.severity === 'error');
    if (!fingerprinted) {
      for (const f of located.findings) if (atLeast(f.severity, min)) findings.push(f);
    } else {
      const fleet = fleetLinesOf(file, located.findings, machine, toolVersion(), rules.lookup);
      located.findings.forEach((f, i) => {
        const line = fleet[i];
        if (!line || !atLeast(f.severity, min)) return;
        findings.push({ ...f, fingerprint: line.fingerprint });
        lines.push(line);
      });
    }
    for (const e of located.evidence) evidence.push(e);
    // Success markers counted while reading (see analyse.ts): placed like locateFindings places them.
    for (const e of file.evidence ?? []) {
      evidence.push({ path: file.path, ruleId: e.ruleId, count: e.count, firstLine: file.lines.positionAt(e.firstStart).line + 1, lastLine: file.lines.positionAt(e.lastStart).line + 1 });
    }
  });
  if (summary.files === 0 && summary.problems.length > 0) return 2;
  const result: CheckResult = { files, findings, evidence, skipped: summary.skipped };
  const out = args.values.get('--out');
  if (format === 'json') await emit(JSON.stringify(checkJson(result), null, 2) + '\n', out);
  else if (format === 'jsonl') await emit(lines.map((l) => jsonLine(l, schema, observed)).join(''), out);
  else if (format === 'sarif') await emit(JSON.stringify(toSarif(result, { toolVersion: toolVersion(), baseUri: pathToFileURL(process.cwd() + '/').href, lookup: rules.lookup }), null, 2) + '\n', out);
  else await emit(checkText(result), out);
  if (summary.problems.length > 0) return 2;
  return seen.errors ? 1 : 0;
}
