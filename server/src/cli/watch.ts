import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { choice, parseArgs, positiveInteger } from './args';
import { CliError, describeIoError } from './errors';
import { HELP } from './help';
import { emit, warn } from './output';
import { TEAM_OPTIONS, teamRules } from './team';
import { toolVersion } from './version';
import { DEFAULT_MAX_FILES } from '../node/walk';
import { watch as follow } from '../node/watch';

const DEFAULT_INTERVAL_SECONDS = 5;

/** `ndes-lens watch <folder>… --out findings.jsonl`: follows the folders' logs and appends new findings. */
export async function watch(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--out', '--state', '--interval', '--schema', '--max-files', ...TEAM_OPTIONS.values], flags: ['--once', '--help', ...TEAM_OPTIONS.flags] });
  if (args.flags.has('--help')) { await emit(HELP.watch + '\n', undefined); return 0; }
  const folders = args.positional;
  if (folders.length === 0) throw new CliError('watch needs at least one folder');
  const out = args.values.get('--out');
  if (out === undefined) throw new CliError('watch needs --out FILE (the JSON lines file to append to)');
  const interval = Number(args.values.get('--interval') ?? DEFAULT_INTERVAL_SECONDS);
  if (!Number.isFinite(interval) || interval < 0.1 || interval > 86_400) throw new CliError(`--interval must be a number of seconds from 0.1 to 86400 (got '${args.values.get('--interval') ?? ''}')`);
  for (const folder of folders) {
    try {
      if (!(await stat(folder)).isDirectory()) throw new CliError(`${folder} is not a folder`);
    } catch (e: unknown) {
      if (e instanceof CliError) throw e;
      throw new CliError(`cannot read ${folder}: ${describeIoError(e)}`);
    }
  }
  // Read once at start: a changed team file applies when the watcher is started again.
  const rules = await teamRules(args, folders);
  const stop = new AbortController();
  const onSignal = (): void => { stop.abort(); };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    await follow({
      folders, out, statePath: args.values.get('--state') ?? `${out}.state.json`,
      intervalMs: interval * 1000,
      schema: choice(args, '--schema', ['flat', 'ecs'] as const, 'flat'),
      once: args.flags.has('--once'),
      maxFiles: positiveInteger(args, '--max-files', DEFAULT_MAX_FILES),
      machine: hostname(), toolVersion: toolVersion(), signal: stop.signal, warn, rules,
    });
  } catch (e: unknown) {
    if (e instanceof CliError) throw e;
    throw new CliError(`watch stopped: ${describeIoError(e)}`);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  return 0;
}
