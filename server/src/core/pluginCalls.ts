import { toDocumentOffset } from './text';
import { timeMs } from './time';
import type { LogModel, LogRecord } from './types';

/**
 * The policy module's calls in NDESPlugin.log, read once for every feature: the outline and
 * folding show them, the stuck-after-send and in-progress rules judge them, the SCEP flow looks for
 * calls that never exit. A call runs `Calling X` → `Sending request …` → its answer → `Exiting X`
 * on one thread (CMTrace `thread="…"`, SMS trace `<thread=…>`); plain lines have no thread and are
 * read in order. A log can begin inside a call (the file rolled over) and end inside one (a live
 * log being written): neither is a failure by itself.
 */
type CallName = 'VerifyRequest' | 'Notify';

/** Where a line of a call is: kept instead of the record, whose text would pin its read chunk. */
interface CallMark {
  readonly index: number;
  /** Document offsets of the phrase that marks the step. */
  readonly start: number;
  readonly end: number;
  /** Milliseconds on the log's own clock, when the line has a time. */
  readonly time: number | undefined;
}

export interface PluginCall {
  /** Unknown only for a call the log begins inside of whose lines never name it. */
  readonly name: CallName | undefined;
  readonly thread: string | undefined;
  /** Record indices of the call, in document order. */
  readonly records: readonly number[];
  /** The `Calling …` line; absent when the log begins inside the call. */
  readonly calling: CallMark | undefined;
  /** The last `Sending request to certificate registration point.` of the call. */
  readonly sent: CallMark | undefined;
  /** The registration point answered (`Verify challenge returns …`) or the send failed visibly. */
  readonly answered: boolean;
  /** `Exiting …` was written. */
  readonly exited: boolean;
  /**
   * How the call ended in this log: it exited; the same thread started another call first (so this
   * one is over without an exit); or the log ends while it is still open.
   */
  readonly end: 'exited' | 'superseded' | 'open';
  /** Time of the call's last line. */
  readonly lastTime: number | undefined;
}

/**
 * How long after its last line a call that is still open is over for sure. A call takes about a
 * second; WinHTTP gives up on a silent peer within a minute or two. Five minutes of later activity
 * in the same log is proof, not a guess.
 */
export const CALL_OVER_AFTER_MS = 5 * 60_000;

/** True when a call still open at the end of the log is over: the log went on long after it. */
export function overByLaterActivity(call: PluginCall, latest: number | undefined): boolean {
  return call.lastTime !== undefined && latest !== undefined && latest - call.lastTime > CALL_OVER_AFTER_MS;
}

const CALLING = /\bCalling\s+(VerifyRequest|Notify)/i;
const EXITING = /\bExiting\s+(VerifyRequest|Notify)\b/i;
const SENDING = /\bSending\s+request\s+to\s+certificate\s+registration\s+point\b/i;
/** The registration point's answer, or a failure of the send that other rules report. */
const ANSWER = /\bVerify\s+challenge\s+returns\b|\bFailed\s+to\s+send\s+http\s+request\b|\bWINHTTP_CALLBACK_STATUS_FLAG_/i;
/** The answer only a VerifyRequest call gets. */
const VERIFY_ANSWER = /\bVerify\s+challenge\s+returns\b/i;
const THREAD = /\bthread="?(\d{1,10})|<thread=(\d{1,10})/i;
/** A cheap test before the phrases: every step line holds one of these words. */
const STEP_WORD = /\b(?:Calling|Exiting|Sending|Verify|Failed|WINHTTP_)/i;

/** The step phrases sit at the start of a message; the thread sits in the framing at its end. */
const HEAD_CHARS = 400;
const TAIL_CHARS = 600;

/** Interrupted plain-line calls kept waiting for their answer or exit. */
const MAX_INTERRUPTED = 16;

/** Every regex the reader runs, for the linear-time check in the test suite. */
export const PLUGIN_CALL_PATTERNS: readonly RegExp[] = [CALLING, EXITING, SENDING, ANSWER, VERIFY_ANSWER, THREAD, STEP_WORD];

interface OpenCall {
  name: CallName | undefined;
  readonly thread: string | undefined;
  readonly records: number[];
  readonly calling: CallMark | undefined;
  /** How many calls had begun in the log when this one began (0: the log begins inside it). */
  readonly seq: number;
  sent: CallMark | undefined;
  answered: boolean;
  lastTime: number | undefined;
}

function threadOf(text: string): string | undefined {
  const m = THREAD.exec(text.length > TAIL_CHARS ? text.slice(-TAIL_CHARS) : text);
  return m ? m[1] ?? m[2] : undefined;
}

function nameOf(raw: string | undefined): CallName {
  return raw?.toLowerCase() === 'notify' ? 'Notify' : 'VerifyRequest';
}

function markOf(record: LogRecord, index: number, m: RegExpExecArray, time: number | undefined): CallMark {
  return { index, start: toDocumentOffset(record, m.index), end: toDocumentOffset(record, m.index + Math.max(m[0].length, 1)), time };
}

/**
 * A call as the reader hands it out. Its record list is copied to its length: grown by push it holds
 * room for about 17 entries, and a log of 40,000 calls of two or three lines kept 5 MB of that room.
 */
function closed(call: OpenCall, end: PluginCall['end'], exited: boolean): PluginCall {
  return { name: call.name, thread: call.thread, records: call.records.slice(), calling: call.calling, sent: call.sent, answered: call.answered, exited, end, lastTime: call.lastTime };
}

/**
 * Folds records into calls. `onClose` hears each call when it ends (exited, or superseded by the
 * next call of its thread); `open()` lists the calls still running, as if the log ended here.
 * `keepRecords: false` keeps no record list, for rules that stream a large log.
 */
export class PluginCallReader {
  /** The latest time of a call line so far: how far the log's activity goes. */
  latest: number | undefined;

  private constructor(
    private readonly onClose: (call: PluginCall) => void,
    private readonly keepRecords: boolean,
    private readonly calls: Map<string, OpenCall>,
    latest: number | undefined,
    /**
     * Calls of plain lines (no thread) that another call interrupted before they exited. Without a
     * thread a new `Calling` proves nothing: two requests served at once interleave their lines. Such a
     * call takes the later answer or `Exiting` line of its name that the current call cannot own; one
     * that never gets one ended without it.
     */
    private readonly interrupted: OpenCall[],
    /** Calls begun so far (their `Calling` lines). */
    private begun: number,
    /** The latest-begun call (its `seq`) that got an answer or exited: the registration point is answering. */
    private finishedUpTo: number,
  ) {
    this.latest = latest;
  }

  static start(onClose: (call: PluginCall) => void, keepRecords = true): PluginCallReader {
    return new PluginCallReader(onClose, keepRecords, new Map(), undefined, [], 0, 0);
  }

  step(record: LogRecord, index: number): void {
    if (record.kind !== 'entry') return;
    const text = record.text;
    const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
    if (!STEP_WORD.test(head)) {
      if (this.keepRecords && this.calls.size > 0) this.calls.get(threadOf(text) ?? '')?.records.push(index);
      return;
    }
    const calling = CALLING.exec(head);
    const sending = calling ? null : SENDING.exec(head);
    const answer = calling || sending ? false : ANSWER.test(head);
    const exiting = calling || sending ? null : EXITING.exec(head);
    if (!calling && !sending && !answer && !exiting) {
      if (this.keepRecords && this.calls.size > 0) this.calls.get(threadOf(text) ?? '')?.records.push(index);
      return;
    }
    const thread = threadOf(text);
    const key = thread ?? '';
    const time = timeMs(record.time);
    if (time !== undefined) this.latest = this.latest === undefined ? time : Math.max(this.latest, time);
    if (calling) {
      const pending = this.calls.get(key);
      if (pending && thread === undefined) {
        this.interrupted.push(pending);
        // Requests served at once are few; a log whose calls never exit must not grow the list (each
        // answer searches it, each append's fork copies it). The oldest is over without an exit.
        const oldest = this.interrupted.length > MAX_INTERRUPTED ? this.interrupted.shift() : undefined;
        if (oldest) this.onClose(closed(oldest, 'superseded', false));
      } else if (pending) this.onClose(closed(pending, 'superseded', false));
      this.begun += 1;
      this.calls.set(key, {
        name: nameOf(calling[1]), thread, seq: this.begun, records: this.keepRecords ? [index] : [],
        calling: markOf(record, index, calling, time), sent: undefined, answered: false, lastTime: time,
      });
      return;
    }
    let call = this.calls.get(key);
    if (thread === undefined && sending && this.interrupted.length > 0 && (!call || call.sent !== undefined || call.answered)) {
      // Each call sends once. With three or more requests at once, the current call may have sent
      // already (or exited) while an interrupted one has not: the send is that call's. Taking it for
      // the current call left the interrupted one unable to own its answer, and a healthy log stuck.
      const k = this.interrupted.findIndex((c) => c.calling !== undefined && c.sent === undefined && !c.answered);
      // With no current call and every interrupted one sent, a call's send went to another of them:
      // this line is theirs, not a call the log began inside of (that would take a later exit).
      const earlier = this.interrupted[k] ?? (call ? undefined : this.interrupted[this.interrupted.length - 1]);
      if (earlier) {
        if (this.keepRecords) earlier.records.push(index);
        if (time !== undefined) earlier.lastTime = time;
        earlier.sent = markOf(record, index, sending, time);
        return;
      }
    }
    if (thread === undefined && (answer || exiting) && this.interrupted.length > 0) {
      // An answer or exit the current call cannot own belongs to an interrupted call of its name.
      const name = exiting ? nameOf(exiting[1]) : VERIFY_ANSWER.test(head) ? 'VerifyRequest' : undefined;
      const named = (c: OpenCall): boolean => name === undefined || c.name === undefined || c.name === name;
      // Who may take the line, best first. An answer goes to a call that sent its request and has no
      // answer yet, else to one without an answer (lines of three or more calls at once can give its
      // send to another call). An exit goes to a call of its name that is done (a VerifyRequest with
      // its answer, a Notify that has sent), else one that has sent, else any: closing a call still
      // waiting would leave the one that is done open, and the waiting one's answer to a third call.
      const tiers: ((c: OpenCall) => boolean)[] = exiting
        ? [(c) => named(c) && (c.answered || (c.name !== 'VerifyRequest' && c.sent !== undefined)), (c) => named(c) && c.sent !== undefined, named]
        : [(c) => named(c) && c.sent !== undefined && !c.answered, (c) => named(c) && !c.answered];
      for (const fits of tiers) {
        if (call && fits(call)) break;
        const k = this.interrupted.findIndex(fits);
        const earlier = this.interrupted[k];
        if (!earlier) continue;
        if (this.keepRecords) earlier.records.push(index);
        if (time !== undefined) earlier.lastTime = time;
        this.finishedUpTo = Math.max(this.finishedUpTo, earlier.seq);
        if (answer) earlier.answered = true;
        if (exiting) {
          earlier.name ??= nameOf(exiting[1]);
          this.interrupted.splice(k, 1);
          this.onClose(closed(earlier, 'exited', true));
        }
        return;
      }
    }
    if (!call) {
      // The log begins inside this call (or quotes part of one): follow it from here.
      call = { name: undefined, thread, seq: 0, records: [], calling: undefined, sent: undefined, answered: false, lastTime: time };
      this.calls.set(key, call);
    }
    if (this.keepRecords) call.records.push(index);
    if (time !== undefined) call.lastTime = time;
    if (sending) call.sent = markOf(record, index, sending, time);
    if (answer || exiting) this.finishedUpTo = Math.max(this.finishedUpTo, call.seq);
    if (answer) call.answered = true;
    if (exiting) {
      call.name ??= nameOf(exiting[1]);
      this.calls.delete(key);
      this.onClose(closed(call, 'exited', true));
    }
  }

  /**
   * An interrupted plain-line call is over, as the log stands, when no call begun after it got an
   * answer or exited (the registration point answers nobody: an expired client certificate hangs
   * every call), or once more calls than are ever served at once began after it. While later calls
   * are answered it may still be waiting beside them: with several requests at once a Notify, or a
   * quicker VerifyRequest, finishes before an earlier call's answer, and a log copied while NDES
   * works ends with calls in flight. Lines without a thread have no time to tell.
   */
  private overByLaterCalls(call: OpenCall): boolean {
    return this.finishedUpTo <= call.seq || this.begun - call.seq > MAX_INTERRUPTED;
  }

  /** The calls still open (interrupted plain-line calls not yet over included), in the order they began. */
  open(): PluginCall[] {
    return [...this.interrupted.filter((c) => !this.overByLaterCalls(c)), ...this.calls.values()].map((c) => closed(c, 'open', false));
  }

  /** Interrupted plain-line calls that no later line finished and that are over, as if the log ended here: over without an exit. */
  superseded(): PluginCall[] {
    return this.interrupted.filter((c) => this.overByLaterCalls(c)).map((c) => closed(c, 'superseded', false));
  }

  /** An independent copy that reads on from here and reports to `onClose`. */
  fork(onClose: (call: PluginCall) => void): PluginCallReader {
    const copy = new Map<string, OpenCall>();
    for (const [k, c] of this.calls) copy.set(k, { ...c, records: [...c.records] });
    return new PluginCallReader(onClose, this.keepRecords, copy, this.latest, this.interrupted.map((c) => ({ ...c, records: [...c.records] })), this.begun, this.finishedUpTo);
  }
}

/** Every call of a parsed NDESPlugin.log, in the order they began, and how far its activity goes. */
interface PluginCalls {
  readonly calls: readonly PluginCall[];
  readonly latest: number | undefined;
}

const cache = new WeakMap<LogModel, PluginCalls>();

/** The calls of a model, read once per document version (the outline, folding and flow share it). */
export function pluginCalls(model: LogModel): PluginCalls {
  const hit = cache.get(model);
  if (hit) return hit;
  const calls: PluginCall[] = [];
  const reader = PluginCallReader.start((c) => { calls.push(c); });
  model.records.forEach((record, index) => { reader.step(record, index); });
  calls.push(...reader.superseded(), ...reader.open());
  calls.sort((a, b) => (a.records[0] ?? a.calling?.index ?? 0) - (b.records[0] ?? b.calling?.index ?? 0));
  const result = { calls, latest: reader.latest };
  cache.set(model, result);
  return result;
}
