import { columnOf, httpStatusOf } from '../../records';
import { detach } from '../../text';
import { latestTime, timeMs } from '../../time';
import type { LogRecord } from '../../types';
import { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from '../define';
import { overByLaterActivity, PluginCallReader, type PluginCall } from '../../pluginCalls';
import { finding, head, placeOf, type Place } from './place';

/**
 * Rules that need more than one record: a step that should follow and never does. Each one is
 * registered under the id of its catalogue entry, which supplies severity, guidance and links.
 */

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
 * comes (or the log carries on) more than a minute later, or, in lines without times, is another
 * GetCACert. A GetCACert in the
 * last minute of a log, or in a log without times that ends there, is left alone: the next request
 * may simply not be logged yet.
 */
const GETCACERT_ID = 'NDES-IIS-GETCACERT-WITHOUT-GETCACAPS';
export const GETCACERT_WITHOUT_GETCACAPS: ModelValidator = defineValidator({
  ids: [GETCACERT_ID],
  formats: ['iis-w3c-log'],
  start: () => getCaCertScan([], new Map(), new Map(), undefined, []),
});

/** How many of the last entries the GetCACert rule keeps to find the log's last time (its very last line may be cut off). */
const TAIL_ENTRIES = 4;

/**
 * How soon a request from another proxy address answers an agent's GetCACert. iOS asks for GetCACaps
 * within a second; on a busy server other devices share the agent string, so a wider window would let
 * any of them answer for a device that really rejected the chain.
 */
const PROXIED_ANSWER_MS = 5_000;

/** The user agent part of a client key (`<c-ip> <agent>`). */
const agentOf = (client: string): string => client.slice(client.indexOf(' ') + 1);

/**
 * `lastByAgent` holds, per iOS user agent, the client key of its latest open GetCACert. Behind a
 * reverse proxy that balances each request (Entra application proxy: the connectors of a group share
 * the load) one device's GetCACert and GetCACaps come from different connector addresses.
 */
function getCaCertScan(out: ValidatorFinding[], open: Map<string, OpenGetCaCert>, lastByAgent: Map<string, string>, latestSoFar: number | undefined, lastEntries: readonly LogRecord[]): ValidatorScan {
  /** The latest time parsed so far; with the last entries' times, how far the log goes. */
  let latest = latestSoFar;
  const tail = [...lastEntries];
  const timeOf = (record: LogRecord): number | undefined => {
    const time = timeMs(record.time);
    if (time !== undefined) latest = latest === undefined ? time : Math.max(latest, time);
    return time;
  };
  const found = (o: OpenGetCaCert): ValidatorFinding => finding(GETCACERT_ID, o.place,
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
        const time = timeOf(record);
        // Devices behind one NAT share an address and, on one iOS version, an agent: a second
        // GetCACert within the minute may be another device. Only a retry after a silent minute, or
        // in lines without times (one device's excerpt), shows the first one gave up.
        if (pending && (time === undefined || pending.time === undefined || time - pending.time > GETCACAPS_WINDOW_MS)) out.push(found(pending));
        open.delete(client);
        if (httpStatusOf(record)?.status === 200) {
          // A copy of the key: a slice of the record's text would keep the record's read chunk alive.
          const key = detach(client);
          open.set(key, { place: placeOf(record, index, cert.index, cert[0].length), time, client: key });
          lastByAgent.set(agentOf(key), key);
        }
        return;
      }
      if (!pending) {
        // The device went on through another proxy address: the latest GetCACert of its agent, a few
        // seconds before, was answered by this request. A device that rejected the chain asks nothing more,
        // and the documented cause (a wrong trusted root) stops every device of that agent alike.
        const other = lastByAgent.get(agentOf(client));
        const earlier = other === undefined ? undefined : open.get(other);
        const time = earlier?.time === undefined ? undefined : timeOf(record);
        if (other !== undefined && earlier?.time !== undefined && time !== undefined && time >= earlier.time && time - earlier.time <= PROXIED_ANSWER_MS) {
          open.delete(other);
          lastByAgent.delete(agentOf(client));
        }
        return;
      }
      // The device went on (GetCACaps, or PKIOperation with cached capabilities): only a long gap says it gave up.
      const time = timeOf(record);
      const late = time !== undefined && pending.time !== undefined && time - pending.time > GETCACAPS_WINDOW_MS;
      if (late) out.push(found(pending));
      open.delete(client);
    },
    results() {
      const all = [...out];
      if (open.size > 0) {
        const end = latestTime(tail);
        const through = end === undefined ? latest : Math.max(end, latest ?? end);
        for (const o of open.values()) {
          if (o.time !== undefined && through !== undefined && through - o.time > GETCACAPS_WINDOW_MS) all.push(found(o));
        }
      }
      return all.sort((a, b) => a.start - b.start);
    },
    fork: () => getCaCertScan([...out], new Map(open), new Map(lastByAgent), latest, tail),
  };
}

/** A call's place: its `Sending …` line when it has one, else its `Calling …` line. */
function callPlace(call: PluginCall): Place | undefined {
  const mark = call.sent ?? call.calling;
  return mark ? { index: mark.index, start: mark.start, end: mark.end } : undefined;
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

const STUCK = 'NDES-PLUGIN-STUCK-AFTER-SEND';
const IN_PROGRESS = 'NDES-PLUGIN-CALL-IN-PROGRESS';

/**
 * The policy module's calls, read once for two rules:
 * - NDES-PLUGIN-STUCK-AFTER-SEND: a call sent its request to the certificate registration point and
 *   never heard back (no "Verify challenge returns", no failure line, no "Exiting"), and the log
 *   proves it never will: the same thread started its next call, or the log goes on long after it.
 * - NDES-PLUGIN-CALL-IN-PROGRESS: the log ends while a call still waits for its answer (a live log
 *   copied while the server was working, or a call that hangs). Information only: the next copy tells.
 */
export const PLUGIN_CALLS: ModelValidator = defineValidator({
  ids: [STUCK, IN_PROGRESS],
  formats: ['ndesplugin-log'],
  start: () => pluginCallsScan([], undefined),
});

const unanswered = (call: PluginCall): boolean => call.sent !== undefined && !call.answered && !call.exited;

function pluginCallsScan(out: ValidatorFinding[], from: PluginCallReader | undefined): ValidatorScan {
  const onClose = (call: PluginCall): void => {
    const place = unanswered(call) ? callPlace(call) : undefined;
    if (place) out.push(finding(STUCK, place, `The policy module sent this ${call.name ?? 'request'} to the certificate registration point and got no answer: ${call.thread ? `thread ${call.thread} started its next call` : 'the next call started'} without "Verify challenge returns" or "Exiting". The call never completed; the module's client authentication certificate may have expired.`));
  };
  const reader = from ? from.fork(onClose) : PluginCallReader.start(onClose, false);
  return {
    step(record, index) { reader.step(record, index); },
    results() {
      const all = [...out];
      for (const call of reader.superseded()) {
        const place = unanswered(call) ? callPlace(call) : undefined;
        if (place) all.push(finding(STUCK, place, `The policy module sent this ${call.name ?? 'request'} to the certificate registration point and got no answer: the next call started and no later line answers it. The call never completed; the module's client authentication certificate may have expired.`));
      }
      for (const call of reader.open()) {
        const place = callPlace(call);
        if (!place) continue;
        if (overByLaterActivity(call, reader.latest)) {
          if (!unanswered(call)) continue;
          const after = (reader.latest ?? 0) - (call.lastTime ?? 0);
          all.push(finding(STUCK, place, `The policy module sent this ${call.name ?? 'request'} to the certificate registration point and got no answer, while the log goes on ${minutes(after)} later. The call never completed; the module's client authentication certificate may have expired.`));
        } else if (!call.answered) {
          // An answered call has told its story (its answer line says how it went).
          const step = call.sent ? 'is waiting for the certificate registration point\'s answer' : 'has not sent its request yet';
          all.push(finding(IN_PROGRESS, place, `The log ends while this ${call.name ?? 'call'} ${step}. That is normal for a log copied while NDES was working; if a later copy still shows no answer, the call is stuck.`));
        }
      }
      return all.sort((a, b) => a.start - b.start);
    },
    fork: () => pluginCallsScan([...out], reader),
  };
}
