import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from './args';
import { isEvtxFile, readTextChunks } from '../node/decode';
import { CliError, describeIoError } from './errors';
import { HELP } from './help';
import { emit } from './output';

/** Each event and each note is a line of its own (`<` inside values is escaped), and chunks end at line ends. */
const EVENT_LINE = /^<Event[\s>]/gm;
const NOTE_LINE = /^<!-- evtx: /gm;

/**
 * `ndes-lens convert FILE.evtx`: the rendered Event XML, one `<Events>` document as
 * `wevtutil qe FILE /lf:true /f:xml /e:Events` writes it, streamed to stdout or `--out FILE`.
 * What could not be read is in the document as `<!-- evtx: … -->` comments and counted on stderr.
 */
export async function convert(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--out'], flags: ['--help'] });
  if (args.flags.has('--help')) { await emit(HELP.convert + '\n', undefined); return 0; }
  const [input, ...extra] = args.positional;
  if (input === undefined || extra.length > 0) throw new CliError('convert needs exactly one .evtx file');
  const evtx = await isEvtxFile(input).catch((e: unknown) => { throw new CliError(`${input}: ${describeIoError(e)}`); });
  if (!evtx) throw new CliError(`${input} is not a Windows event log (.evtx files start with ElfFile)`);

  const outPath = args.values.get('--out');
  const out = outPath === undefined ? process.stdout : createWriteStream(outPath, { encoding: 'utf8' });
  const failure = new Promise<never>((_, reject) => { out.once('error', reject); });
  failure.catch(() => undefined);
  let events = 0;
  let notes = 0;
  try {
    for await (const chunk of readTextChunks(input)) {
      events += (chunk.text.match(EVENT_LINE) ?? []).length;
      notes += (chunk.text.match(NOTE_LINE) ?? []).length;
      if (!out.write(chunk.text)) await Promise.race([once(out, 'drain'), failure]);
    }
    if (out !== process.stdout) {
      out.end();
      await Promise.race([once(out, 'finish'), failure]);
    }
  } catch (e: unknown) {
    throw new CliError(`${outPath !== undefined ? `cannot write ${outPath}` : `cannot read ${input}`}: ${describeIoError(e)}`);
  }
  process.stderr.write(`ndes-lens: ${events} event(s) converted${notes > 0 ? `, ${notes} note(s) about damage in the file (<!-- evtx: … --> in the output)` : ''}\n`);
  return 0;
}
