import { analyseFlow } from '../core/flow';
import { createRedactor } from '../core/redact';
import { buildHandOff } from '../core/report/handoff';
import { handOffHtml } from '../core/report/html';
import { handOffMarkdown } from '../core/report/markdown';
import { choice, jobsOption, parseArgs, positiveInteger } from './args';
import { CliError } from './errors';
import { readFlowFiles } from './flowFiles';
import { HELP } from './help';
import { emit } from './output';
import { TEAM_OPTIONS, teamRules } from './team';
import { DEFAULT_MAX_FILES } from '../node/walk';

/**
 * `ndes-lens report <folder> --out FILE`: a hand-off for a support case. Redaction happens before
 * the logs are read, so findings, messages and evidence lines all come from the masked text.
 */
export async function report(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--out', '--format', '--max-files', '--jobs', ...TEAM_OPTIONS.values], flags: ['--help', '--no-redact', ...TEAM_OPTIONS.flags] });
  if (args.flags.has('--help')) { await emit(HELP.report + '\n', undefined); return 0; }
  const out = args.values.get('--out');
  if (out === undefined) throw new CliError('report needs --out report.md or --out report.html');
  const format = choice(args, '--format', ['md', 'html'] as const, /\.html?$/i.test(out) ? 'html' : 'md');
  const maxFiles = positiveInteger(args, '--max-files', DEFAULT_MAX_FILES);
  const [folder, ...extra] = args.positional;
  if (folder === undefined || extra.length > 0) throw new CliError('report needs exactly one folder or .zip bundle');
  const redacted = !args.flags.has('--no-redact');
  const rules = await teamRules(args, [folder]);
  const { files, errors, summary } = await readFlowFiles(folder, { maxFiles, jobs: jobsOption(args), catalogue: rules.catalogue, ...(redacted ? { redactor: createRedactor() } : {}) });
  const handOff = { ...buildHandOff(folder, files, analyseFlow(files, rules.lookup), redacted, rules.lookup), skipped: summary.skipped };
  await emit(format === 'html' ? handOffHtml(handOff) : handOffMarkdown(handOff), out);
  if (summary.problems.length > 0) return 2;
  return errors ? 1 : 0;
}
