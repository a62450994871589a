import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
import { detectFormat, SNIFF_CHARS } from '../core/detect';
import { isResumable } from '../core/parse';
import { BUILTIN_RULES, type Rules } from '../core/rules';
import { locateFindings } from '../core/report/located';
import { fnv1a64, Fingerprinter } from '../core/report/fingerprint';
import { fleetLine, jsonLine, type FleetLine, type FleetSchema } from '../core/report/fleet';
import { scanTail } from '../core/tail';
import { analyseFile } from './analyse';
import { sniffEncoding, type Encoding } from './decode';
import { fleetLinesOf } from './fleetLines';
import { describeIoError } from './ioErrors';
import { JsonlOut } from './jsonlOut';
import { walkLogs, type WalkReport } from './walk';
import { loadState, saveState, type LogState, type WatchState } from './watchState';

interface WatchOptions {
  /** IIS, NDESPlugin and connector logs live in different folders on an NDES server: one watcher follows them all. */
  readonly folders: readonly string[];
  readonly out: string;
  readonly statePath: string;
  readonly intervalMs: number;
  readonly schema: FleetSchema;
  /** Read everything there is, write it, and return. */
  readonly once: boolean;
  readonly maxFiles: number;
  readonly machine: string;
  readonly toolVersion: string;
  /** Stops the watcher after the poll in progress (SIGTERM, Ctrl+C). */
  readonly signal: AbortSignal;
  readonly warn: (message: string) => void;
  /** The rules to run and name (team signatures included); built-in by default. */
  readonly rules?: Rules;
}

/** Bytes read from one log per pass: memory stays near this whatever a log's backlog. */
const MAX_SEGMENT_BYTES = 4 * 1024 * 1024;
/** Bytes read in one poll before what was found is written and the state saved. */
const FLUSH_BYTES = 16 * 1024 * 1024;
/** The head of a log whose hash tells the same file from a new one that reuses its inode. */
const HEAD_BYTES = 512;
/** Fingerprints remembered per whole-file log (.evtx, event exports). */
const MAX_SEEN = 20_000;
const BOM: Readonly<Record<Encoding, number>> = { 'utf-8': 3, 'utf-16le': 2, 'utf-16be': 2 };

/**
 * `ndes-lens watch`: polls the folder's logs and appends each new finding as one JSON line.
 * Appendable logs (IIS, NDESPlugin.log, svclog, plain text) are read from where the last poll
 * stopped, through the same resumable scanners the editor uses for appends (core/tail.ts). Logs that
 * are rewritten rather than appended (.evtx, event exports and the other formats whose reading needs
 * the whole file) are read again when their size or time changes, and only findings with a new
 * fingerprint are written. Output is written and synced before the state that covers it is saved.
 */
export async function watch(options: WatchOptions): Promise<void> {
  const state = await loadState(options.statePath);
  const out = await JsonlOut.open(options.out, state.outSize);
  const own = new Set([options.out, options.statePath, `${options.statePath}.tmp`].map((p) => resolve(p)));
  const watcher = new Watcher(options, state, out, own);
  while (!options.signal.aborted) {
    const behind = await watcher.poll();
    if (options.once && !behind) break;
    // An abort ends the sleep at once; the loop condition then stops the watcher.
    if (!behind) await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

class Watcher {
  /** Size of each log at the previous poll of this process: a log that stopped growing has finished its last record. */
  private readonly lastSize = new Map<string, number>();
  private readonly warned = new Set<string>();
  private pending: string[] = [];
  private readBytes = 0;
  /** The state as last saved: a poll that changed nothing writes nothing to disk. */
  private saved = '';

  private readonly rules: Rules;

  constructor(private readonly options: WatchOptions, private readonly state: WatchState, private readonly out: JsonlOut, private readonly own: ReadonlySet<string>) {
    this.rules = options.rules ?? BUILTIN_RULES;
  }

  /** One pass over the folder; true when a log has more to read than one pass takes. */
  async poll(): Promise<boolean> {
    const report: WalkReport = { problems: [], capped: false };
    const seen = new Set<string>();
    let behind = false;
    let complete = true;
    for await (const path of walkLogs(this.options.folders, this.options.maxFiles, report)) {
      if (this.options.signal.aborted) { complete = false; break; }
      if (this.own.has(resolve(path))) continue;
      try {
        behind = (await this.pollLog(path, seen)) || behind;
      } catch (e: unknown) {
        this.warnOnce(`cannot read ${path}: ${describeIoError(e)}`);
      }
      if (this.readBytes >= FLUSH_BYTES) await this.flush();
    }
    for (const p of report.problems) this.warnOnce(`cannot read ${p}`);
    if (report.capped) this.warnOnce(`following only the first ${this.options.maxFiles} files; pass --max-files N to follow more`);
    // Logs gone from the folder (deleted, rotated away) leave the state, so it stays as small as the folder.
    if (complete && !report.capped) {
      this.state.logs = Object.fromEntries(Object.entries(this.state.logs).filter(([key]) => seen.has(key)));
      for (const key of this.lastSize.keys()) if (!seen.has(key)) this.lastSize.delete(key);
    }
    await this.flush();
    return behind;
  }

  private async flush(): Promise<void> {
    await this.out.append(this.pending);
    this.pending = [];
    this.readBytes = 0;
    this.state.outSize = this.out.bytes;
    const text = JSON.stringify(this.state);
    if (text === this.saved) return;
    await saveState(this.options.statePath, text);
    this.saved = text;
  }

  private async pollLog(path: string, seen: Set<string>): Promise<boolean> {
    const st = await stat(path, { bigint: true });
    // A file system without file ids (some network shares report 0) falls back to the path: rotation by
    // rename is then seen as a new log, but the head hash still tells a rewritten file from a grown one.
    const key = st.ino === 0n ? `path:${resolve(path)}` : `${st.dev}:${st.ino}`;
    const size = Number(st.size);
    const mtimeMs = Number(st.mtimeMs);
    seen.add(key);
    const previous = this.lastSize.get(key);
    this.lastSize.set(key, size);
    let log = this.state.logs[key];
    // A log that shrank was truncated (copytruncate rotation); one whose head changed is another file on a reused inode.
    if (log && (size < log.offset || (size !== previous && !(await sameHead(path, log))))) log = undefined;
    if (!log) {
      if (size === 0) return false;
      log = await startLog(path, size);
      // An export saved again replaces the file: what its predecessor at this path wrote is not new.
      const before = Object.values(this.state.logs).find((l) => l.path === path && l.seen !== undefined);
      if (before?.seen) log.seen = before.seen;
      this.state.logs[key] = log;
    }
    log.path = path;
    if (log.seen !== undefined) return this.pollWhole(log, size, mtimeMs);
    return this.pollTail(log, size, mtimeMs, previous === undefined || size > previous);
  }

  /** Reads what an appendable log gained; `growing`: it grew since the last poll, so its last record may be unfinished. */
  private async pollTail(log: LogState, size: number, mtimeMs: number, growing: boolean): Promise<boolean> {
    if (size <= log.offset) return false;
    const left = size - log.offset;
    const want = Math.min(left, MAX_SEGMENT_BYTES);
    const capped = want < left;
    const bytes = await readAt(log.path, log.offset, want);
    this.readBytes += bytes.length;
    const whole = bytes.length - (log.encoding === 'utf-8' ? 0 : bytes.length % 2);
    // A line still being written waits for its line break (logs end every line with one), unless it alone
    // is longer than a pass; --once takes the log as it is now.
    let cut = this.options.once && !capped ? whole : afterLastLineBreak(bytes, log.encoding);
    if (cut === 0 && capped) cut = whole;
    if (cut === 0) return false;
    const text = decode(bytes.subarray(0, cut), log.encoding);
    if (log.format === undefined || log.detectedBy === undefined) {
      const detection = detectFormat({ text: text.slice(0, SNIFF_CHARS), fileName: log.path });
      log.format = detection.format;
      log.detectedBy = detection.by;
      if (!isResumable(detection.format) || /\.evtx$/i.test(log.path)) {
        log.seen = [];
        return this.pollWhole(log, size, mtimeMs);
      }
    }
    const result = scanTail({
      format: log.format, detectedBy: log.detectedBy, text, line: log.line, fields: log.fields,
      holdLast: growing && !capped && !this.options.once, catalogue: this.rules.catalogue,
    });
    const fingerprints = new Fingerprinter(log.occurrences);
    const context = { file: log.path, machine: this.options.machine, toolVersion: this.options.toolVersion, lookup: this.rules.lookup };
    for (const t of result.findings) {
      const { ruleId, kind, severity, message } = t.finding;
      this.write(fleetLine({ ruleId, kind, severity, message, line: t.line, column: t.column }, t.facts, context, fingerprints));
    }
    log.occurrences = fingerprints.state();
    log.offset += Math.min(cut, byteLength(text.slice(0, result.consumed), log.encoding));
    log.line = result.nextLine;
    if (result.fields !== undefined) log.fields = result.fields;
    return capped;
  }

  /** Reads a log that is rewritten rather than appended again, writing only findings it has not written before. */
  private async pollWhole(log: LogState, size: number, mtimeMs: number): Promise<boolean> {
    if (log.size === size && log.mtimeMs === mtimeMs) return false;
    const file = await analyseFile(log.path, { facts: true, foldEvidence: true, signal: this.options.signal, catalogue: this.rules.catalogue });
    this.readBytes += file.bytes;
    const located = locateFindings(file.path, file.findings, (o) => file.lines.positionAt(o)).findings;
    const before = new Set(log.seen);
    const now: string[] = [];
    for (const line of fleetLinesOf(file, located, this.options.machine, this.options.toolVersion, this.rules.lookup)) {
      now.push(line.fingerprint);
      if (!before.has(line.fingerprint)) this.write(line);
    }
    log.seen = now.slice(-MAX_SEEN);
    log.size = size;
    log.mtimeMs = mtimeMs;
    return false;
  }

  private write(line: FleetLine): void {
    if (this.out.alreadyWritten(line.fingerprint)) return;
    this.pending.push(jsonLine(line, this.options.schema, new Date().toISOString()));
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.options.warn(message);
  }
}

/** A log seen for the first time: its encoding, its head, and where its text starts (after a BOM). */
async function startLog(path: string, size: number): Promise<LogState> {
  const head = await readAt(path, 0, Math.min(size, 4096));
  const encoding = sniffEncoding(head);
  const hasBom = (encoding === 'utf-8' && head[0] === 0xef) || (encoding !== 'utf-8' && (head[0] === 0xff || head[0] === 0xfe));
  const headLength = Math.min(head.length, HEAD_BYTES);
  return {
    path, head: fnv1a64(head.subarray(0, headLength).toString('latin1')), headLength,
    offset: hasBom ? BOM[encoding] : 0, line: 0, encoding, occurrences: [],
  };
}

async function sameHead(path: string, log: LogState): Promise<boolean> {
  const head = await readAt(path, 0, log.headLength);
  return head.length === log.headLength && fnv1a64(head.toString('latin1')) === log.head;
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Bytes up to and including the last LF (a UTF-16 LF is a whole code unit at an even offset). */
function afterLastLineBreak(bytes: Buffer, encoding: Encoding): number {
  if (encoding === 'utf-8') return bytes.lastIndexOf(0x0a) + 1;
  const lf = encoding === 'utf-16le' ? [0x0a, 0x00] : [0x00, 0x0a];
  for (let i = (bytes.length & ~1) - 2; i >= 0; i -= 2) if (bytes[i] === lf[0] && bytes[i + 1] === lf[1]) return i + 2;
  return 0;
}

function decode(bytes: Buffer, encoding: Encoding): string {
  if (encoding === 'utf-16be') {
    const swapped = Buffer.from(bytes);
    swapped.swap16();
    return new TextDecoder('utf-16le').decode(swapped);
  }
  return new TextDecoder(encoding).decode(bytes);
}

function byteLength(text: string, encoding: Encoding): number {
  return encoding === 'utf-8' ? Buffer.byteLength(text, 'utf8') : text.length * 2;
}
