import { analyseFlow } from '../core/flow';
import { oneLine } from '../core/report/checkText';
import { flowText } from '../core/report/flowText';
import type { SkippedFile } from '../core/report/located';
import { choice, jobsOption, parseArgs, positiveInteger } from './args';
import { CliError } from './errors';
import { readFlowFiles } from './flowFiles';
import { HELP } from './help';
import { emit } from './output';
import { TEAM_OPTIONS, teamRules } from './team';
import { DEFAULT_MAX_FILES } from '../node/walk';

/** `ndes-lens diagnose <folder>`: the SCEP flow across the folder's logs. */
export async function diagnose(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--format', '--out', '--max-files', '--jobs', ...TEAM_OPTIONS.values], flags: ['--help', ...TEAM_OPTIONS.flags] });
  if (args.flags.has('--help')) { await emit(HELP.diagnose + '\n', undefined); return 0; }
  const format = choice(args, '--format', ['text', 'json'] as const, 'text');
  const maxFiles = positiveInteger(args, '--max-files', DEFAULT_MAX_FILES);
  const [folder, ...extra] = args.positional;
  if (folder === undefined || extra.length > 0) throw new CliError('diagnose needs exactly one folder or .zip bundle');
  const rules = await teamRules(args, [folder]);
  const { files, errors, summary } = await readFlowFiles(folder, { maxFiles, jobs: jobsOption(args), catalogue: rules.catalogue });
  const flow = analyseFlow(files, rules.lookup);
  // Files a bundle held that were not analysed are listed, never dropped silently.
  const skipped = summary.skipped;
  await emit(format === 'json' ? JSON.stringify({ ...flow, skipped }, null, 2) + '\n' : flowText(flow) + skippedText(skipped), args.values.get('--out'));
  if (summary.problems.length > 0) return 2;
  return errors ? 1 : 0;
}

function skippedText(skipped: readonly SkippedFile[]): string {
  if (skipped.length === 0) return '';
  return `\nSkipped (not analysed):\n${skipped.map((s) => `  - ${oneLine(s.path)}: ${oneLine(s.reason)}\n`).join('')}`;
}
