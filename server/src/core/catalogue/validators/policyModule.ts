import { columnOf, httpStatusOf } from '../../records';
import { detach, toDocumentOffset } from '../../text';
import type { Finding, LogRecord } from '../../types';
import { defineValidator, type ModelValidator, type ValidatorScan } from '../define';

/**
 * Rules that need more than one record: a step that should follow and never does. Each one is
 * registered under the id of its catalogue entry, which supplies severity, guidance and links.
 */

type Found = Omit<Finding, 'ruleId' | 'severity' | 'kind'>;

/** Validators look at this much of a record, like the signatures do. */
const MAX_CHARS = 64 * 1024;

function head(record: LogRecord): string {
  return record.text.length > MAX_CHARS ? record.text.slice(0, MAX_CHARS) : record.text;
}

/**
 * Where a finding about a record goes, taken while the record is read: the rules keep this, never
 * the record, whose text would keep its whole read chunk in memory while the rest of the log streams by.
 */
interface Place {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

function placeOf(record: LogRecord, index: number, at: number, length: number): Place {
  return { index, start: toDocumentOffset(record, at), end: toDocumentOffset(record, at + Math.max(length, 1)) };
}

function finding(place: Place, message: string): Found {
  return { start: place.start, end: place.end, message, record: place.index };
}

function parseTime(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const t = Date.parse(time);
  return Number.isNaN(t) ? undefined : t;
}

const GETCACERT = /\boperation=GetCACert\b/i;
const SCEP_REQUEST = /\/certsrv\/mscep\/mscep\.dll\b/i;
const IOS_AGENT = /(?<!\S)\S{0,256}?\bprofiled\/\S{0,256}/i;
/** iOS asks for GetCACaps within a second of GetCACert; a minute of silence in a continuing log is an answer. */
const GETCACAPS_WINDOW_MS = 60_000;

interface OpenGetCaCert {
  readonly place: Place;
  readonly time: number | undefined;
  readonly client: string;
}

/** Every iOS agent has this; a line without it is no iOS request, whatever its columns say. */
const PROFILED = /\bprofiled\//i;

/** Client IP and user agent of an IIS request, from the parsed fields or from the text. */
function iosClient(record: LogRecord, text: string): string | undefined {
  if (!PROFILED.test(text)) return undefined; // most requests: their columns are never split
  const agent = columnOf(record, 'cs(User-Agent)');
  if (agent !== undefined) {
    if (!PROFILED.test(agent)) return undefined;
    return `${columnOf(record, 'c-ip') ?? ''} ${agent}`;
  }
  const m = IOS_AGENT.exec(text);
  if (!m) return undefined;
  const before = text.slice(Math.max(0, m.index - 100), m.index).trimEnd();
  const ip = /\S+$/.exec(before)?.[0] ?? '';
  return `${ip} ${m[0]}`;
}

/**
 * NDES-IIS-GETCACERT-WITHOUT-GETCACAPS: an iOS/iPadOS client (`profiled/` user agent) got GetCACert
 * answered 200 and did not go on with GetCACaps. Reported when the same client's next SCEP request
 * is another GetCACert, or comes (or the log carries on) more than a minute later. A GetCACert in the
 * last minute of a log, or in a log without times that ends there, is left alone: the next request
 * may simply not be logged yet.
 */
export const GETCACERT_WITHOUT_GETCACAPS: ModelValidator = defineValidator({
  id: 'NDES-IIS-GETCACERT-WITHOUT-GETCACAPS',
  formats: ['iis-w3c-log'],
  start: () => getCaCertScan([], new Map(), undefined, []),
});

/** How many of the last entries the GetCACert rule keeps to find the log's last time (its very last line may be cut off). */
const TAIL_ENTRIES = 4;

function getCaCertScan(out: Found[], open: Map<string, OpenGetCaCert>, latestTime: number | undefined, lastEntries: readonly LogRecord[]): ValidatorScan {
  /** The latest time parsed so far; with the last entries' times, how far the log goes. */
  let latest = latestTime;
  const tail = [...lastEntries];
  const timeOf = (record: LogRecord): number | undefined => {
    const time = parseTime(record.time);
    if (time !== undefined) latest = latest === undefined ? time : Math.max(latest, time);
    return time;
  };
  const found = (o: OpenGetCaCert): Found => finding(o.place,
    `iOS/iPadOS client ${o.client.trim()} received the CA certificates (GetCACert, 200) but never asked for GetCACaps: the device probably rejected the NDES certificate chain.`);
  return {
    step(record, index) {
      if (record.kind !== 'entry') return;
      // Only iOS requests are timed as they come; how far the log goes is read from its last
      // entries when results are asked for (IIS writes in time order).
      tail.push(record);
      if (tail.length > TAIL_ENTRIES) tail.shift();
      const text = head(record);
      if (!SCEP_REQUEST.test(text)) return;
      const client = iosClient(record, text);
      if (client === undefined) return;
      const pending = open.get(client);
      const cert = GETCACERT.exec(text);
      if (cert) {
        if (pending) out.push(found(pending));
        open.delete(client);
        if (httpStatusOf(record)?.status === 200) {
          // A copy of the key: a slice of the record's text would keep the record's read chunk alive.
          const key = detach(client);
          open.set(key, { place: placeOf(record, index, cert.index, cert[0].length), time: timeOf(record), client: key });
        }
        return;
      }
      if (!pending) return;
      // The device went on (GetCACaps, or PKIOperation with cached capabilities): only a long gap says it gave up.
      const time = timeOf(record);
      const late = time !== undefined && pending.time !== undefined && time - pending.time > GETCACAPS_WINDOW_MS;
      if (late) out.push(found(pending));
      open.delete(client);
    },
    results() {
      const all = [...out];
      if (open.size > 0) {
        let end: number | undefined;
        for (let i = tail.length - 1; i >= 0 && end === undefined; i--) {
          const record = tail[i];
          if (record) end = parseTime(record.time);
        }
        const through = end === undefined ? latest : Math.max(end, latest ?? end);
        for (const o of open.values()) {
          if (o.time !== undefined && through !== undefined && through - o.time > GETCACAPS_WINDOW_MS) all.push(found(o));
        }
      }
      return all.sort((a, b) => a.start - b.start);
    },
    fork: () => getCaCertScan([...out], new Map(open), latest, tail),
  };
}

const SEND = /\bSending request to certificate registration point\b/i;
/** Lines that end a request sent to the CRP: its answer, or a failure another rule reports. */
const ANSWER = /\bVerify challenge returns\b|\bFailed to send http request\b|\bWINHTTP_CALLBACK_STATUS_FLAG_|\bExiting VerifyRequest\b/i;
const NEW_REQUEST = /\bCalling VerifyRequest\b/i;
const THREAD = /\bthread="?(\d{1,10})/i;

/**
 * NDES-PLUGIN-STUCK-AFTER-SEND: the last policy-module line of a request is "Sending request to
 * certificate registration point." with no "Verify challenge returns" after it: before the same
 * thread starts its next request, or at the end of the log. CMTrace and SMS-trace records carry a
 * thread id; requests of different threads are followed separately.
 */
export const PLUGIN_STUCK_AFTER_SEND: ModelValidator = defineValidator({
  id: 'NDES-PLUGIN-STUCK-AFTER-SEND',
  formats: ['ndesplugin-log'],
  start: () => stuckAfterSendScan([], new Map()),
});

/** `open`: where each thread's unanswered send is. */
function stuckAfterSendScan(out: Found[], open: Map<string, Place>): ValidatorScan {
  const found = (place: Place, last: boolean): Found => finding(place, last
    ? 'NDESPlugin.log ends here: the request was sent to the certificate registration point and no "Verify challenge returns" followed. The policy module may be using an expired client authentication certificate.'
    : 'No "Verify challenge returns" followed this request before the next one started: the call to the certificate registration point never completed. The policy module may be using an expired client authentication certificate.');
  return {
    step(record, index) {
      if (record.kind !== 'entry') return;
      const text = head(record);
      const send = SEND.exec(text);
      if (!send && open.size === 0) return;
      const thread = THREAD.exec(text)?.[1] ?? '';
      const pending = open.get(thread);
      if (send) {
        if (pending) out.push(found(pending, false));
        open.set(thread, placeOf(record, index, send.index, send[0].length));
        return;
      }
      if (!pending) return;
      if (ANSWER.test(text)) { open.delete(thread); return; }
      if (NEW_REQUEST.test(text)) { out.push(found(pending, false)); open.delete(thread); }
    },
    results() {
      const all = [...out];
      for (const o of open.values()) all.push(found(o, true));
      return all.sort((a, b) => a.start - b.start);
    },
    fork: () => stuckAfterSendScan([...out], new Map(open)),
  };
}

/** The multi-record validators of this area, to register in `BUILTIN.validators`. */
export const POLICY_VALIDATORS: readonly ModelValidator[] = [GETCACERT_WITHOUT_GETCACAPS, PLUGIN_STUCK_AFTER_SEND];
