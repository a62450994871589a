import { writeFile } from 'node:fs/promises';
import { CliError, describeIoError } from './errors';

/** Writes a command's result to `--out FILE`, or to stdout. */
export async function emit(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    await new Promise<void>((resolve, reject) => { process.stdout.write(text, (e) => { if (e) reject(e); else resolve(); }); });
    return;
  }
  try {
    await writeFile(out, text, 'utf8');
  } catch (e: unknown) {
    throw new CliError(`cannot write ${out}: ${describeIoError(e)}`);
  }
}

/** One-line progress on stderr, only when stderr is a terminal; redrawn at most every 200 ms. */
export class Progress {
  private readonly enabled = process.stderr.isTTY;
  private last = 0;
  private shown = false;

  update(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const width = Math.max((process.stderr.columns || 80) - 1, 20);
    const line = text.length > width ? '…' + text.slice(text.length - width + 1) : text;
    process.stderr.write(`\r\u001b[2K${line}`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown) process.stderr.write('\r\u001b[2K');
    this.shown = false;
  }
}

export function warn(message: string): void {
  process.stderr.write(`ndes-lens: ${message}\n`);
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
