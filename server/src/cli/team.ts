import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LineIndex } from '../core/text';
import { BUILTIN_RULES, rulesWith, type Rules } from '../core/rules';
import { parseTeamSignatures, TEAM_FILE_NAME, type TeamProblem } from '../core/teamSignatures';
import type { Signature } from '../core/catalogue';
import { oneLine } from '../core/report/checkText';
import { recheckPattern } from '../node/redos';
import type { ParsedArgs } from './args';
import { CliError, describeIoError } from './errors';
import { warn } from './output';

/** The options every command that reads logs takes for team signatures. */
export const TEAM_OPTIONS = { values: ['--team'], flags: ['--no-team'] } as const;

/**
 * The rules a command runs: the built-in catalogue plus team signatures, read from `--team FILE`,
 * or else from `.ndeslens.json` in the folder of each path given (for a file or a bundle, the
 * folder holding it), as the editor reads it from the workspace folder. `--no-team` reads none.
 * A file with problems stops the command (exit 2): a rule that silently fails to load would pass
 * a pipeline.
 */
export async function teamRules(args: ParsedArgs, paths: readonly string[]): Promise<Rules> {
  const given = args.values.get('--team');
  if (args.flags.has('--no-team')) {
    if (given !== undefined) throw new CliError('--team and --no-team cannot be given together');
    return BUILTIN_RULES;
  }
  const files = given !== undefined ? [given] : await foundTeamFiles(paths);
  const byId = new Map<string, { signature: Signature; file: string }>();
  for (const file of files) {
    for (const signature of await readTeamFile(file, given !== undefined)) {
      const first = byId.get(signature.id);
      // Several folders may define the same id: the first wins, as with several workspace folders.
      if (!first) byId.set(signature.id, { signature, file });
      else if (!sameRule(first.signature, signature)) warn(`${oneLine(file)}: ${signature.id} is also defined in ${oneLine(first.file)}; that definition is used`);
    }
  }
  return rulesWith([...byId.values()].map((e) => e.signature));
}

/** Two folders often hold copies of one team file: only a different definition is worth a warning. */
function sameRule(a: Signature, b: Signature): boolean {
  const text = (s: Signature): string => JSON.stringify({ ...s, match: s.match.patterns.map(String) });
  return text(a) === text(b);
}

/** `.ndeslens.json` of each distinct folder named (for a file or bundle, the folder holding it). */
async function foundTeamFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let folder: string;
    try {
      folder = (await stat(path)).isDirectory() ? path : dirname(path);
    } catch {
      continue; // The walk reports a path that cannot be read.
    }
    const file = join(folder, TEAM_FILE_NAME);
    if (seen.has(resolve(file))) continue;
    seen.add(resolve(file));
    if (await exists(file)) found.push(file);
  }
  return found;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e: unknown) {
    if (typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return false;
    throw new CliError(`cannot read team signatures ${oneLine(file)}: ${describeIoError(e)}`);
  }
}

/** The good signatures of one file; warnings go to stderr, errors stop the command. */
async function readTeamFile(file: string, named: boolean): Promise<readonly Signature[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e: unknown) {
    throw new CliError(`cannot read team signatures ${oneLine(file)}: ${describeIoError(e)}${named ? '' : ' (pass --no-team to check without them)'}`);
  }
  const set = parseTeamSignatures(text, recheckPattern);
  const lines = LineIndex.of(text);
  for (const p of set.problems) warn(problemLine(file, p, lines));
  const errors = set.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    throw new CliError(`${oneLine(file)}: ${errors === 1 ? 'one problem' : `${errors} problems`} with the team signatures (listed above); correct the file, or pass --no-team to check without it`);
  }
  return set.signatures;
}

/** `file:line:column: severity: $.json.path: message`, as compilers print a problem in a file. */
function problemLine(file: string, p: TeamProblem, lines: LineIndex): string {
  const at = lines.positionAt(p.start);
  return `${oneLine(file)}:${at.line + 1}:${at.character + 1}: ${p.severity}: ${p.path}: ${oneLine(p.message)}`;
}
