/** Requests: the same call seen from each log, and the links from a failure to its request's lines elsewhere. */
import { baseName } from '../detect';
import { pluginCalls } from '../pluginCalls';
import { parseTime } from '../time';
import type { Finding, LogModel, LogRecord } from '../types';
import { PAIR_WINDOW_SECONDS, utcOf } from './clocks';
import { push } from './sorted';
import type { Located } from './stages';
import type { ClockOffset, FlowFile, FlowLink, FlowLocation } from './types';

type Source = 'iis' | 'plugin' | 'crp';

function sourceOf(format: LogModel['format']): Source | undefined {
  return format === 'iis-w3c-log' ? 'iis' : format === 'ndesplugin-log' ? 'plugin' : format === 'wcf-svclog' ? 'crp' : undefined;
}

export interface RequestEvent {
  readonly source: Source;
  readonly file: FlowFile;
  readonly record: LogRecord;
  readonly index: number;
  readonly time: number | undefined;
  readonly utc: boolean;
  /** IIS: the URI the line is for. */
  readonly what: 'verify' | 'notify' | 'pkioperation' | 'start';
  readonly status: number | undefined;
  /** Policy-module calls: the records of the call (its thread's lines only). */
  readonly records: readonly number[] | undefined;
}

const IIS_VERIFY = /\/CertificateRegistrationSvc\/Certificate\/VerifyRequest\b/i;
const IIS_NOTIFY = /\/CertificateRegistrationSvc\/Certificate\/Notify\b/i;
const IIS_PKIOPERATION = /\/certsrv\/mscep\/mscep\.dll\S*\s+\S*operation=PKIOperation/i;
export const CRP_START = /\bVerifyRequest Started\b/i;
export const CRP_FINISH = /\bVerifyRequest Finished with status\b/i;

export function collectRequests(files: readonly FlowFile[]): RequestEvent[] {
  const out: RequestEvent[] = [];
  for (const file of files) {
    if (file.model.format === 'ndesplugin-log') {
      // The policy module's VerifyRequest calls, as the one reader of its calls sees them.
      for (const call of pluginCalls(file.model).calls) {
        const record = call.calling && call.name === 'VerifyRequest' ? file.model.records[call.calling.index] : undefined;
        if (!record || !call.calling) continue;
        out.push(requestEvent(file, record, call.calling.index, 'plugin', 'start', undefined, call.records));
      }
      continue;
    }
    const records = file.model.records;
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      if (record?.kind !== 'entry') continue;
      const text = record.text.length > 4096 ? record.text.slice(0, 4096) : record.text;
      if (file.model.format === 'iis-w3c-log') {
        const what = IIS_VERIFY.test(text) ? 'verify' : IIS_NOTIFY.test(text) ? 'notify' : IIS_PKIOPERATION.test(text) ? 'pkioperation' : undefined;
        if (what) out.push(requestEvent(file, record, index, 'iis', what, record.http?.status, undefined));
      } else if (file.model.format === 'wcf-svclog' && CRP_START.test(text)) {
        out.push(requestEvent(file, record, index, 'crp', 'start', undefined, undefined));
      }
    }
  }
  return out;
}

/**
 * One request, every field written in one order: a healthy IIS log holds tens of thousands, and
 * objects of one shape keep every later pass over them (clocks, gaps, links) on V8's fast path.
 * The time is read only for records that are requests: it is most of the cost per record.
 */
function requestEvent(file: FlowFile, record: LogRecord, index: number, source: Source, what: RequestEvent['what'], status: number | undefined, records: readonly number[] | undefined): RequestEvent {
  const t = parseTime(record.time);
  return { source, file, record, index, time: t?.ms, utc: t?.utc ?? false, what, status, records };
}

/**
 * Requests indexed once: per file in record order (to find the request a record belongs to and where
 * it ends), and per kind of log in UTC order (to find the nearest request in time).
 */
class RequestIndex {
  private readonly byFile = new Map<FlowFile, RequestEvent[]>();
  private readonly byTime = new Map<Source, { readonly utc: number; readonly event: RequestEvent }[]>();
  private readonly bySource = new Map<Source, RequestEvent[]>();

  constructor(requests: readonly RequestEvent[], offsets: readonly ClockOffset[]) {
    for (const r of requests) {
      push(this.byFile, r.file, r);
      if (r.source === 'iis' && r.what !== 'verify') continue;
      push(this.bySource, r.source, r);
      const t = utcOf(r, offsets);
      if (t !== undefined) push(this.byTime, r.source, { utc: t, event: r });
    }
    for (const list of this.byTime.values()) list.sort((a, b) => a.utc - b.utc);
  }

  /** The request of `file` that record `index` belongs to (IIS: only the line itself; plugin: its call). */
  own(file: FlowFile, index: number): RequestEvent | undefined {
    if (file.model.format === 'ndesplugin-log') return this.callOf(file).get(index);
    const list = this.byFile.get(file) ?? [];
    const i = lastAtOrBefore(list, index);
    const r = i >= 0 ? list[i] : undefined;
    return r && (r.source !== 'iis' || r.index === index) ? r : undefined;
  }

  /** Records [from, to) of the request that starts at `e`: a plugin call's own lines, an IIS line, a CRP trace up to its next request. */
  span(e: RequestEvent): { readonly from: number; readonly to: number } {
    if (e.records) return { from: e.index, to: (e.records[e.records.length - 1] ?? e.index) + 1 };
    if (e.source === 'iis') return { from: e.index, to: e.index + 1 };
    const list = this.byFile.get(e.file) ?? [];
    const i = lastAtOrBefore(list, e.index);
    for (let j = i + 1; j < list.length; j++) {
      const next = list[j];
      if (next && next.source === e.source && next.index > e.index) return { from: e.index, to: next.index };
    }
    return { from: e.index, to: Number.MAX_SAFE_INTEGER };
  }

  private readonly calls = new Map<FlowFile, Map<number, RequestEvent>>();

  /** Record index → the plugin call it belongs to, built on first use per file. */
  private callOf(file: FlowFile): Map<number, RequestEvent> {
    let map = this.calls.get(file);
    if (!map) {
      map = new Map();
      for (const r of this.byFile.get(file) ?? []) for (const i of r.records ?? []) map.set(i, r);
      this.calls.set(file, map);
    }
    return map;
  }

  /** The request of another kind of log nearest in time, within the pairing window; or the only one there is. */
  counterpart(source: Source, utc: number | undefined): RequestEvent | undefined {
    if (utc === undefined) {
      const all = this.bySource.get(source) ?? [];
      return all.length === 1 ? all[0] : undefined;
    }
    const list = this.byTime.get(source) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.utc ?? 0) < utc) lo = mid + 1;
      else hi = mid;
    }
    let best: { readonly utc: number; readonly event: RequestEvent } | undefined;
    for (const c of [list[lo - 1], list[lo]]) {
      if (c && Math.abs(c.utc - utc) <= PAIR_WINDOW_SECONDS * 1000 && (!best || Math.abs(c.utc - utc) < Math.abs(best.utc - utc))) best = c;
    }
    return best?.event;
  }
}


/** Index of the last event whose record index is <= `index` (events sorted by index), or -1. */
function lastAtOrBefore(list: readonly RequestEvent[], index: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.index ?? 0) <= index) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** The other logs' lines of the request a failure belongs to (nearest in time, or the only one). */
export function linkRequests(failures: readonly Located[], requests: readonly RequestEvent[], offsets: readonly ClockOffset[]): FlowLink[] {
  const index = new RequestIndex(requests, offsets);
  // Failures per file in record order, to find the failure inside a matched request's block.
  const failuresByFile = new Map<FlowFile, Located[]>();
  for (const f of failures) push(failuresByFile, f.file, f);
  for (const list of failuresByFile.values()) list.sort((a, b) => a.finding.record - b.finding.record);
  /** The first failure inside request `e` (a plugin call: on its own thread's lines only). */
  const firstFailureIn = (e: RequestEvent): Finding | undefined => {
    const { from, to } = index.span(e);
    const list = failuresByFile.get(e.file) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.finding.record ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) {
      const f = list[i];
      if (!f || f.finding.record >= to) return undefined;
      if (!e.records || e.records.includes(f.finding.record)) return f.finding;
    }
    return undefined;
  };
  const links: FlowLink[] = [];
  for (const f of failures) {
    const own = index.own(f.file, f.finding.record);
    const ownTime = own ? utcOf(own, offsets) : undefined;
    const to: FlowLocation[] = [];
    const ownSource = sourceOf(f.file.model.format);
    for (const source of ['iis', 'plugin', 'crp'] as const) {
      // The same request is looked for in the other kinds of log: a second IIS log is another server or day.
      if (source === ownSource) continue;
      const match = index.counterpart(source, ownTime);
      if (!match) continue;
      const finding = firstFailureIn(match);
      const at = finding ?? { start: match.record.start, end: Math.min(match.record.end, match.record.start + 200) };
      const location: { -readonly [K in keyof FlowLocation]: FlowLocation[K] } = {
        path: match.file.path, line: match.file.positionAt(at.start).line + 1, start: at.start, end: at.end,
        message: finding ? `Same request in ${baseName(match.file.path)}: ${finding.ruleId}` : `Same request in ${baseName(match.file.path)}`,
      };
      if (finding) location.ruleId = finding.ruleId;
      to.push(location);
    }
    if (to.length > 0) {
      links.push({
        from: { path: f.file.path, line: f.line, start: f.finding.start, end: f.finding.end, ruleId: f.finding.ruleId, message: f.finding.message },
        to,
      });
    }
  }
  return links;
}
