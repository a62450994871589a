import { check } from './cli/check';
import { convert } from './cli/convert';
import { diagnose } from './cli/diagnose';
import { CliError } from './cli/errors';
import { HELP } from './cli/help';
import { redact } from './cli/redact';
import { report } from './cli/report';
import { toolVersion } from './cli/version';
import { watch } from './cli/watch';

/**
 * Headless entry (`ndes-lens`, bundled as dist/cli.js): the same core as the language server.
 * Exit 0 = no error-level finding, 1 = error-level findings, 2 = usage or I/O error.
 */
const COMMANDS: Readonly<Record<string, (argv: readonly string[]) => Promise<number>>> = { check, watch, diagnose, report, redact, convert };

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) { process.stderr.write(HELP.main + '\n'); return 2; }
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0];
    process.stdout.write((topic !== undefined && topic in HELP ? HELP[topic as keyof typeof HELP] : HELP.main) + '\n');
    return 0;
  }
  if (command === '--version' || command === '-v') { process.stdout.write(toolVersion() + '\n'); return 0; }
  const run = COMMANDS[command];
  if (!run) throw new CliError(`unknown command '${command}' (try: ndes-lens --help)`);
  return run(rest);
}

function fail(e: unknown): number {
  const message = e instanceof CliError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  process.stderr.write(`ndes-lens: ${message}\n`);
  if (e instanceof CliError && /needs|unknown|must be/.test(message)) process.stderr.write(`Run 'ndes-lens --help' for usage.\n`);
  return 2;
}

if (require.main === module) {
  // A closed stdout (`ndes-lens check … | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => { process.exitCode = fail(e); });
}
