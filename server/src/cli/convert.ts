import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isEvtx } from '../core/evtx';
import { parseArgs } from './args';
import { readTextChunks } from '../node/decode';
import { CliError, describeIoError } from './errors';
import { HELP } from './help';
import { emit } from './output';

/**
 * `ndes-lens convert FILE.evtx`: the rendered Event XML, one `<Events>` document as
 * `wevtutil qe FILE /lf:true /f:xml /e:Events` writes it, streamed to stdout or `--out FILE`.
 * What could not be read is in the document as `<!-- evtx: … -->` comments and counted on stderr.
 */
/** Each event and each note is a line of its own (`<` inside values is escaped), and chunks end at line ends. */
const EVENT_LINE = /^<Event[\s>]/gm;
const NOTE_LINE = /^<!-- evtx: /gm;

export async function convert(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['--out'], flags: ['--help'] });
  if (args.flags.has('--help')) { await emit(HELP.convert + '\n', undefined); return 0; }
  const [input, ...extra] = args.positional;
  if (input === undefined || extra.length > 0) throw new CliError('convert needs exactly one .evtx file');
  if (!isEvtx(await head(input))) throw new CliError(`${input} is not a Windows event log (.evtx files start with ElfFile)`);

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

async function head(path: string): Promise<Uint8Array> {
  try {
    const file = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(8), 0, 8, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (e: unknown) {
    throw new CliError(`${path}: ${describeIoError(e)}`);
  }
}
