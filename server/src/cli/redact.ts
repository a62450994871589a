import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createRedactor, type Redactor } from '../core/redact';
import { oneLine } from '../core/report/checkText';
import { parseArgs, positiveInteger } from './args';
import { isEvtxFile, readTextChunks } from '../node/decode';
import { CliError, describeIoError } from './errors';
import { HELP } from './help';
import { emit, warn } from './output';
import { LineBuffered } from '../node/lines';
import { walkLogs, DEFAULT_MAX_FILES, type WalkReport } from '../node/walk';

/** `ndes-lens redact <in> <out>`: file to file, or folder to folder (the tree below is kept). */
export async function redact(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--max-files'], flags: ['--help'] });
  if (args.flags.has('--help')) { await emit(HELP.redact + '\n', undefined); return 0; }
  const maxFiles = positiveInteger(args, '--max-files', DEFAULT_MAX_FILES);
  const [input, output, ...extra] = args.positional;
  if (input === undefined || output === undefined || extra.length > 0) throw new CliError('redact needs exactly two paths: <in> <out>');

  const inStat = await stat(input).catch((e: unknown) => { throw new CliError(`${input}: ${describeIoError(e)}`); });
  const outStat = await stat(output).catch(() => undefined);
  const redactor = createRedactor();
  if (!inStat.isDirectory()) {
    // A bundle would be copied as mangled binary: say so instead.
    if (/\.zip$/i.test(input)) throw new CliError(`redact copies logs, not .zip bundles: unzip ${input} and redact the folder`);
    const target = outStat?.isDirectory() ? join(output, basename(input)) : output;
    if (await samePath(input, target)) throw new CliError('<out> must not be <in>: redact writes a copy');
    await redactFile(input, target, redactor);
    summarise(1, redactor);
    return 0;
  }
  if (outStat && !outStat.isDirectory()) throw new CliError(`${output} is a file; a folder <in> needs a folder <out>`);
  const from = resolve(input);
  const to = resolve(output);
  if (to === from || to.startsWith(from + sep)) throw new CliError('<out> must not be <in> or inside it');

  const report: WalkReport = { problems: [], capped: false };
  let files = 0;
  let failed = false;
  for await (const file of walkLogs([input], maxFiles, report)) {
    const target = join(output, relative(input, file));
    try {
      await mkdir(dirname(target), { recursive: true });
      await redactFile(file, target, redactor);
      files++;
    } catch (e: unknown) {
      failed = true;
      warn(`cannot redact ${oneLine(file)}: ${e instanceof CliError ? e.message : describeIoError(e)}`);
    }
  }
  for (const p of report.problems) warn(`cannot read ${oneLine(p)}`);
  if (report.capped) warn(`stopped after ${maxFiles} files; pass --max-files N to redact more`);
  summarise(files, redactor);
  return failed || report.problems.length > 0 ? 2 : 0;
}

/**
 * Redacts one file. A binary event log comes out as its redacted Event XML, so its copy is named
 * `<name>.evtx.xml`: Event Viewer cannot open it, every reader of NDES Lens can.
 */
async function redactFile(input: string, target: string, redactor: Redactor): Promise<void> {
  const output = /\.evtx$/i.test(target) && await isEvtxFile(input) ? `${target}.xml` : target;
  const lines = new LineBuffered(redactor.file());
  const out = createWriteStream(output, { encoding: 'utf8' });
  const failure = new Promise<never>((_, reject) => { out.once('error', reject); });
  failure.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    if (text.length > 0 && !out.write(text)) await Promise.race([once(out, 'drain'), failure]);
  };
  try {
    for await (const chunk of readTextChunks(input)) await write(lines.push(chunk.text));
    await write(lines.end());
  } finally {
    out.end();
  }
  await Promise.race([once(out, 'finish'), failure]);
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

function summarise(files: number, redactor: Redactor): void {
  const c = redactor.counts();
  const parts = Object.entries(c).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  process.stderr.write(`ndes-lens: redacted ${files} file(s)${parts.length > 0 ? `: ${parts.join(', ')} value(s) masked` : ''}\n`);
}
