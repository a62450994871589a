import { signatureById } from './catalogue';
import type { SignatureLookup } from './validate';
import { STAGE_NAMES } from './guidance';
import { CALL_OVER_AFTER_MS, overByLaterActivity, pluginCalls } from './pluginCalls';
import { baseName } from './detect';
import { latestTime, parseTime } from './time';
import type { Finding, FindingKind, LogModel, LogRecord, Severity, Stage } from './types';

export { parseTime } from './time';

/**
 * The SCEP flow across every log of a folder: which of Microsoft's six stages worked, which failed
 * first, which success lines never came, which sources are missing, and how the clocks of the logs
 * relate (IIS and svclog write UTC, NDESPlugin.log writes the server's local time).
 */
export interface FlowFile {
  readonly path: string;
  readonly model: LogModel;
  readonly findings: readonly Finding[];
  readonly positionAt: (offset: number) => { line: number; character: number };
}

export type StageStatus = 'ok' | 'failed' | 'not-reached' | 'no-evidence';

export interface EvidenceRef {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly ruleId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly time?: string;
}

export interface FlowStage {
  readonly stage: Stage;
  readonly name: string;
  readonly status: StageStatus;
  readonly evidence: readonly EvidenceRef[];
  /** Rules whose guidance applies to this stage's failures, root causes first. */
  readonly fixRuleIds: readonly string[];
}

export type GapKind = 'missing-source' | 'missing-success' | 'time-coverage';

export interface FlowGap {
  readonly kind: GapKind;
  readonly message: string;
  readonly ruleId?: string;
  readonly path?: string;
  readonly line?: number;
  /** Document offsets of the line the gap is about, for editors. */
  readonly start?: number;
  readonly end?: number;
}

export interface ClockOffset {
  readonly path: string;
  /** Local time of this file minus UTC, as found from request pairs. */
  readonly offsetMinutes: number;
  readonly pairs: number;
  /** Median distance of the pairs from the offset, after it is applied. */
  readonly disagreementSeconds: number;
  readonly message: string;
}

export interface FlowLocation {
  readonly path: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly ruleId?: string;
  readonly message: string;
}

/** One finding and the lines of the same request in the other logs. */
export interface FlowLink {
  readonly from: FlowLocation;
  readonly to: readonly FlowLocation[];
}

export interface FlowResult {
  readonly version: 1;
  readonly stages: readonly FlowStage[];
  readonly firstFailure: { readonly stage: Stage; readonly ruleId: string; readonly path: string; readonly line: number } | null;
  readonly verdict: string;
  readonly gaps: readonly FlowGap[];
  readonly clockOffsets: readonly ClockOffset[];
  readonly links: readonly FlowLink[];
}

const STAGES: readonly Stage[] = [1, 2, 3, 4, 5, 6];
const MAX_EVIDENCE_PER_RULE_AND_FILE = 5;
const PAIR_WINDOW_SECONDS = 120;
/** How close a call must land to an IIS call to count towards a time-zone guess. */
const PAIR_SLACK_MS = 3000;
/** A Notify is expected this long after a successful PKIOperation at most. */
const NOTIFY_WINDOW_SECONDS = 600;

interface Located {
  readonly file: FlowFile;
  readonly finding: Finding;
  readonly stage: Stage;
  readonly line: number;
  /** UTC milliseconds, when the record has a time that can be placed. */
  readonly time: number | undefined;
  readonly symptom: boolean;
}

/**
 * The flow across `files`. `lookup` finds each finding's rule (its stage, root causes, title): the
 * built-in catalogue by default; with team signatures, `signatureLookup` of the team catalogue.
 */
export function analyseFlow(files: readonly FlowFile[], lookup: SignatureLookup = signatureById): FlowResult {
  const requests = collectRequests(files);
  const clockOffsets = findClockOffsets(requests);
  // Success markers can be a million: only the first few per stage, rule and file are placed (all that
  // capEvidence lists); a stage with any marker still has its first one, so it counts as worked.
  const placed = new Map<string, number>();
  const underCap = (stage: Stage, ruleId: string, path: string): boolean => {
    const key = `${stage}\u0000${ruleId}\u0000${path}`;
    const n = placed.get(key) ?? 0;
    placed.set(key, n + 1);
    return n < MAX_EVIDENCE_PER_RULE_AND_FILE;
  };
  const located = files.flatMap((file) => file.findings.flatMap((finding) => locate(file, finding, clockOffsets, lookup,
    finding.kind === 'evidence' ? (stage) => underCap(stage, finding.ruleId, file.path) : undefined)));
  const failures = located.filter((l) => l.finding.kind === 'failure' && l.finding.severity !== 'info');
  const failed = new Set(failures.filter((l) => l.finding.severity === 'error').map((l) => l.stage));
  const firstFailedStage = STAGES.find((s) => failed.has(s));

  const succeeded = new Set(located.filter((l) => l.finding.kind === 'evidence' || l.finding.severity === 'info').map((l) => l.stage));
  const stages = STAGES.map((stage): FlowStage => {
    const here = located.filter((l) => l.stage === stage);
    const evidence = capEvidence(here);
    // Other requests may have gone further: a stage is "not reached" only when nothing after it worked either.
    const laterWorked = STAGES.some((s) => s > stage && succeeded.has(s));
    const status: StageStatus = failed.has(stage) ? 'failed'
      : succeeded.has(stage) ? 'ok'
      : firstFailedStage !== undefined && stage > firstFailedStage && !laterWorked ? 'not-reached' : 'no-evidence';
    const fixRuleIds = [...new Set(rank(here.filter((l) => l.finding.kind === 'failure')).map((l) => l.finding.ruleId))];
    return { stage, name: STAGE_NAMES[stage] ?? '', status, evidence, fixRuleIds };
  });

  const first = firstFailedStage === undefined ? undefined
    : rank(failures.filter((l) => l.stage === firstFailedStage && l.finding.severity === 'error'))[0];
  const gaps = [...missingSuccess(files, requests, located), ...coverage(files, located, first)];
  const links = linkRequests(failures, requests, clockOffsets);

  return {
    version: 1,
    stages,
    firstFailure: first ? { stage: first.stage, ruleId: first.finding.ruleId, path: first.file.path, line: first.line } : null,
    verdict: verdict(first, stages, lookup),
    gaps,
    clockOffsets,
    links,
  };
}

/** The stages a finding tells about, placed in its file; `keep` can leave stages out before any work. */
function locate(file: FlowFile, finding: Finding, offsets: readonly ClockOffset[], lookup: SignatureLookup, keep?: (stage: Stage) => boolean): Located[] {
  const sig = lookup(finding.ruleId);
  if (!sig || finding.kind === 'notice') return [];
  const record = finding.record >= 0 ? file.model.records[finding.record] : undefined;
  const matched = record ? (record.map ? record.text : record.text.slice(finding.start - record.start, finding.end - record.start)) : '';
  const stages = [sig.stage, ...(sig.alsoProves ?? []).filter((p) => p.when.test(matched)).map((p) => p.stage)];
  const kept = keep ? stages.filter(keep) : stages;
  if (kept.length === 0) return [];
  const base = {
    file, finding, line: file.positionAt(finding.start).line + 1,
    // Only failures are ranked and placed in time; success markers can be many, so they are not parsed.
    time: record && finding.kind === 'failure' ? utcTime(file, record, offsets) : undefined, symptom: (sig.pointsTo?.length ?? 0) > 0,
  };
  return kept.map((stage) => ({ ...base, stage }));
}

/** UTC milliseconds of a record: its own zone, or the clock offset found for its file. */
function utcTime(file: FlowFile, record: LogRecord, offsets: readonly ClockOffset[]): number | undefined {
  const t = parseTime(record.time);
  if (!t) return undefined;
  if (t.utc) return t.ms;
  const offset = offsets.find((o) => o.path === file.path && o.pairs > 0);
  return offset ? t.ms - offset.offsetMinutes * 60_000 : undefined;
}

/** Root causes before symptoms, then earlier in time, then in file order. */
function rank(list: readonly Located[]): Located[] {
  return [...list].sort((a, b) =>
    Number(a.symptom) - Number(b.symptom)
    || (a.time ?? Infinity) - (b.time ?? Infinity)
    || a.file.path.localeCompare(b.file.path)
    || a.finding.start - b.finding.start);
}

function capEvidence(list: readonly Located[]): EvidenceRef[] {
  const counts = new Map<string, number>();
  const out: EvidenceRef[] = [];
  for (const l of rank(list.filter((x) => x.finding.kind === 'failure')).concat(list.filter((x) => x.finding.kind === 'evidence'))) {
    const key = `${l.finding.ruleId}\u0000${l.file.path}`;
    const n = counts.get(key) ?? 0;
    if (n >= MAX_EVIDENCE_PER_RULE_AND_FILE) continue;
    counts.set(key, n + 1);
    const ref: { -readonly [K in keyof EvidenceRef]: EvidenceRef[K] } = { path: l.file.path, line: l.line, ruleId: l.finding.ruleId, kind: l.finding.kind, severity: l.finding.severity };
    const time = l.file.model.records[l.finding.record]?.time;
    if (time) ref.time = time;
    out.push(ref);
  }
  return out;
}

function verdict(first: Located | undefined, stages: readonly FlowStage[], lookup: SignatureLookup): string {
  if (first) {
    const title = lookup(first.finding.ruleId)?.title ?? first.finding.ruleId;
    return `SCEP: stage ${first.stage} failed — ${title}`;
  }
  const lastOk = [...stages].reverse().find((s) => s.status === 'ok');
  return lastOk ? `SCEP: no failure found — evidence up to stage ${lastOk.stage} (${lastOk.name})` : 'SCEP: no evidence found in these logs';
}

// ---- Requests: the same call seen from each log ------------------------------------------------

type Source = 'iis' | 'plugin' | 'crp';

function sourceOf(format: LogModel['format']): Source | undefined {
  return format === 'iis-w3c-log' ? 'iis' : format === 'ndesplugin-log' ? 'plugin' : format === 'wcf-svclog' ? 'crp' : undefined;
}

interface RequestEvent {
  readonly source: Source;
  readonly file: FlowFile;
  readonly record: LogRecord;
  readonly index: number;
  readonly time: number | undefined;
  readonly utc: boolean;
  /** IIS: the URI the line is for. */
  readonly what: 'verify' | 'notify' | 'pkioperation' | 'start';
  readonly status?: number;
  /** Policy-module calls: the records of the call (its thread's lines only). */
  readonly records?: readonly number[];
}

const IIS_VERIFY = /\/CertificateRegistrationSvc\/Certificate\/VerifyRequest\b/i;
const IIS_NOTIFY = /\/CertificateRegistrationSvc\/Certificate\/Notify\b/i;
const IIS_PKIOPERATION = /\/certsrv\/mscep\/mscep\.dll\S*\s+\S*operation=PKIOperation/i;
const CRP_START = /\bVerifyRequest Started\b/i;
const CRP_FINISH = /\bVerifyRequest Finished with status\b/i;

function collectRequests(files: readonly FlowFile[]): RequestEvent[] {
  const out: RequestEvent[] = [];
  for (const file of files) {
    if (file.model.format === 'ndesplugin-log') {
      // The policy module's VerifyRequest calls, as the one reader of its calls sees them.
      for (const call of pluginCalls(file.model).calls) {
        const record = call.calling && call.name === 'VerifyRequest' ? file.model.records[call.calling.index] : undefined;
        if (!record || !call.calling) continue;
        const t = parseTime(record.time);
        out.push({ file, record, index: call.calling.index, time: t?.ms, utc: t?.utc ?? false, source: 'plugin', what: 'start', records: call.records });
      }
      continue;
    }
    file.model.records.forEach((record, index) => {
      if (record.kind !== 'entry') return;
      // The time only of the records that are requests: reading it is most of the cost per record.
      const base = (): Omit<RequestEvent, 'source' | 'what'> => {
        const t = parseTime(record.time);
        return { file, record, index, time: t?.ms, utc: t?.utc ?? false };
      };
      const text = record.text.length > 4096 ? record.text.slice(0, 4096) : record.text;
      if (file.model.format === 'iis-w3c-log') {
        const what = IIS_VERIFY.test(text) ? 'verify' : IIS_NOTIFY.test(text) ? 'notify' : IIS_PKIOPERATION.test(text) ? 'pkioperation' : undefined;
        if (what) out.push(record.http ? { ...base(), source: 'iis', what, status: record.http.status } : { ...base(), source: 'iis', what });
      } else if (file.model.format === 'wcf-svclog' && CRP_START.test(text)) {
        out.push({ ...base(), source: 'crp', what: 'start' });
      }
    });
  }
  return out;
}

/** Local time of each plugin log, found from its VerifyRequest calls paired with IIS's. */
function findClockOffsets(requests: readonly RequestEvent[]): ClockOffset[] {
  const iis = requests.filter((r) => r.source === 'iis' && r.what === 'verify' && r.time !== undefined && r.utc).map((r) => r.time ?? 0);
  if (iis.length === 0) return [];
  const out: ClockOffset[] = [];
  const byFile = new Map<FlowFile, RequestEvent[]>();
  for (const r of requests) {
    if (r.source === 'iis' || r.time === undefined) continue;
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  iis.sort((a, b) => a - b);
  for (const [file, events] of byFile) {
    const local = events.filter((e) => !e.utc).map((e) => e.time ?? 0).slice(0, 500);
    const utc = events.filter((e) => e.utc).map((e) => e.time ?? 0).slice(0, 500);
    if (local.length > 0) {
      // Each quarter-hour offset scores the calls that land within a few seconds of an IIS call once
      // shifted by it; the best score is the time zone (ties: the smaller shift).
      let best: { q: number; score: number } | undefined;
      for (let q = -14 * 60; q <= 14 * 60; q += 15) {
        let score = 0;
        for (const l of local) if (anyBetween(iis, l - q * 60_000 - PAIR_SLACK_MS, l - q * 60_000 + PAIR_SLACK_MS)) score++;
        if (score > 0 && (!best || score > best.score || (score === best.score && Math.abs(q) < Math.abs(best.q)))) best = { q, score };
      }
      if (best) {
        const shift = best.q * 60_000;
        out.push(offsetReport(file.path, best.q, local.map((l) => l - shift), iis));
      }
      else out.push(offsetReport(file.path, 0, [], iis));
    }
    if (utc.length > 0) out.push(offsetReport(file.path, 0, utc, iis));
  }
  return out;
}

function offsetReport(path: string, offsetMinutes: number, times: readonly number[], iis: readonly number[]): ClockOffset {
  const residuals: number[] = [];
  for (const t of times) {
    const best = nearestDistance(iis, t) / 1000;
    if (best <= PAIR_WINDOW_SECONDS) residuals.push(best);
  }
  residuals.sort((a, b) => a - b);
  const median = residuals.length ? residuals[Math.floor(residuals.length / 2)] ?? 0 : 0;
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const zone = `UTC${sign}${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
  const message = residuals.length === 0
    ? `${path}: no request could be paired with an IIS VerifyRequest line within ${PAIR_WINDOW_SECONDS} s; its clock cannot be checked.`
    : median > 5
      ? `${path}: clocks disagree — its requests are ${Math.round(median)} s away from the matching IIS lines (at ${zone}).`
      : `${path}: times are ${zone}; ${residuals.length} request(s) line up with IIS within ${Math.max(1, Math.round(median))} s.`;
  return { path, offsetMinutes, pairs: residuals.length, disagreementSeconds: Math.round(median * 10) / 10, message };
}

function utcOf(e: RequestEvent, offsets: readonly ClockOffset[]): number | undefined {
  if (e.time === undefined) return undefined;
  if (e.utc) return e.time;
  const offset = offsets.find((o) => o.path === e.file.path && o.pairs > 0);
  return offset ? e.time - offset.offsetMinutes * 60_000 : undefined;
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Index of the first value of a sorted list that is >= `t` (the list's length when there is none). */
function lowerBound(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distance from `t` to the nearest value of a sorted list (Infinity for an empty list). */
function nearestDistance(sorted: readonly number[], t: number): number {
  const lo = lowerBound(sorted, t);
  let best = Infinity;
  for (const v of [sorted[lo - 1], sorted[lo]]) if (v !== undefined) best = Math.min(best, Math.abs(v - t));
  return best;
}

/** True when a sorted list holds a value in [from, to]. */
function anyBetween(sorted: readonly number[], from: number, to: number): boolean {
  const v = sorted[lowerBound(sorted, from)];
  return v !== undefined && v <= to;
}

/** The other logs' lines of the request a failure belongs to (nearest in time, or the only one). */
function linkRequests(failures: readonly Located[], requests: readonly RequestEvent[], offsets: readonly ClockOffset[]): FlowLink[] {
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

// ---- Absence and coverage ----------------------------------------------------------------------

function missingSuccess(files: readonly FlowFile[], requests: readonly RequestEvent[], located: readonly Located[]): FlowGap[] {
  const gaps: FlowGap[] = [];
  // A block whose failure is already reported needs no second finding for its missing success line.
  const failedRecords = new Set(located.filter((l) => l.finding.kind === 'failure').map((l) => `${l.file.path}\u0000${l.finding.record}`));
  for (const file of files) {
    const records = file.model.records;
    if (file.model.format === 'ndesplugin-log') {
      // A call without its Exiting line is a gap only once the log proves it is over: the thread
      // started another call, or the log went on long after it. A call open at the end is in progress.
      const { calls, latest } = pluginCalls(file.model);
      for (const call of calls) {
        if (!call.calling || call.exited) continue;
        if (call.end === 'open' && !overByLaterActivity(call, latest)) continue;
        if (call.records.some((i) => failedRecords.has(`${file.path}\u0000${i}`))) continue;
        const r = records[call.calling.index];
        const name = call.name ?? 'VerifyRequest';
        if (r) gaps.push(gapAt(file, r, 'NDES-FLOW-NO-EXIT', `"Calling ${name}" is never followed by "Exiting ${name}" on its thread: the policy module did not finish this call.`));
      }
    }
    if (file.model.format === 'wcf-svclog') {
      const finished = new Set<string>();
      let lastFinish = -1;
      records.forEach((r, i) => {
        if (!CRP_FINISH.test(r.text)) return;
        lastFinish = i;
        if (r.activityId) finished.add(r.activityId);
      });
      const failedActivities = new Set(records.filter((r, i) => r.activityId && failedRecords.has(`${file.path}\u0000${i}`)).map((r) => r.activityId));
      const latest = latestTime(records);
      records.forEach((r, i) => {
        if (r.kind !== 'entry' || !CRP_START.test(r.text)) return;
        if (r.activityId ? finished.has(r.activityId) || failedActivities.has(r.activityId) : lastFinish > i) return;
        // Still verifying when the trace was copied, unless the trace goes on long after it.
        const started = parseTime(r.time)?.ms;
        const over = started !== undefined && latest !== undefined ? latest - started > CALL_OVER_AFTER_MS : lastFinish > i;
        if (!over) return;
        gaps.push(gapAt(file, r, 'NDES-FLOW-NO-FINISH', '"VerifyRequest Started." has no "VerifyRequest Finished" for the same activity: the verification never completed in this trace.'));
      });
    }
  }
  // Only a request whose challenge was verified (VerifyRequest 20x just before) is expected to be reported.
  const iisAt = (what: RequestEvent['what']): RequestEvent[] => requests.filter((r) => r.source === 'iis' && r.what === what && r.time !== undefined);
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  const notifies = sorted(iisAt('notify').map((r) => r.time ?? 0));
  const verified = sorted(iisAt('verify').filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300).map((r) => r.time ?? 0));
  // A request that failed anywhere (the CRP answers a rejected challenge with 200 too) is not expected to notify.
  const failedAt = sorted(located.filter((l) => l.finding.kind === 'failure' && l.time !== undefined).map((l) => l.time ?? 0));
  const window = PAIR_WINDOW_SECONDS * 1000;
  const iisLatest = new Map<FlowFile, number | undefined>();
  const latestOf = (file: FlowFile): number | undefined => {
    if (!iisLatest.has(file)) iisLatest.set(file, latestTime(file.model.records));
    return iisLatest.get(file);
  };
  for (const p of iisAt('pkioperation')) {
    const t = p.time ?? 0;
    if (p.status !== 200 || !anyBetween(verified, t - window, t + 1000)) continue;
    // A Notify may still come: the log must go on past the window before its absence says anything.
    const end = latestOf(p.file);
    if (end === undefined || end < t + NOTIFY_WINDOW_SECONDS * 1000) continue;
    if (anyBetween(failedAt, t - window, t + window)) continue;
    if (!anyBetween(notifies, t - 1000, t + NOTIFY_WINDOW_SECONDS * 1000)) gaps.push(gapAt(p.file, p.record, 'NDES-FLOW-NO-NOTIFY', 'A PKIOperation was answered with 200 but NDES_Plugin never called Notify afterwards: the issued certificate may not have been reported to Intune.'));
  }
  return gaps;
}

function gapAt(file: FlowFile, record: LogRecord, ruleId: string, message: string): FlowGap {
  const end = Math.min(record.end, record.start + Math.max(1, record.text.trimEnd().length));
  return { kind: 'missing-success', ruleId, message, path: file.path, line: file.positionAt(record.start).line + 1, start: record.start, end };
}

function coverage(files: readonly FlowFile[], located: readonly Located[], first: Located | undefined): FlowGap[] {
  const gaps: FlowGap[] = [];
  const has = (format: LogModel['format'], name: RegExp): boolean =>
    files.some((f) => f.model.format === format && (format !== 'wcf-svclog' || name.test(f.path) || f.model.records.some((r) => r.fields?.['Source'] === 'CertificateRegistrationPoint')));
  if (!has('iis-w3c-log', /./)) gaps.push({ kind: 'missing-source', message: 'No IIS log (u_ex*.log from %SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1): device requests to NDES (stage 2) cannot be checked.' });
  if (!has('ndesplugin-log', /./)) gaps.push({ kind: 'missing-source', message: 'No NDESPlugin.log (%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs): the policy module\'s side of stage 3 cannot be checked.' });
  if (!has('wcf-svclog', /CertificateRegistrationPoint/i)) {
    const pm = located.some((l) => l.stage === 3 && l.finding.kind === 'failure' && l.file.model.format === 'ndesplugin-log');
    gaps.push({
      kind: 'missing-source',
      ...(pm ? { ruleId: 'NDES-FLOW-NO-CRP-TRACE' } : {}),
      message: pm
        ? 'The policy module reports a failure but there is no CertificateRegistrationPoint_*.svclog: the reason is recorded there (NDESConnectorSvc\\Logs\\Logs).'
        : 'No CertificateRegistrationPoint_*.svclog: the certificate registration point\'s side of stage 3 cannot be checked.',
    });
  }
  const when = first?.time;
  if (when !== undefined) {
    for (const f of files) {
      let min = Infinity;
      let max = -Infinity;
      for (const r of f.model.records) {
        const t = parseTime(r.time);
        if (!t?.utc) continue;
        if (t.ms < min) min = t.ms;
        if (t.ms > max) max = t.ms;
      }
      if (min === Infinity) continue;
      if (when < min - 60_000 || when > max + 60_000) {
        gaps.push({ kind: 'time-coverage', path: f.path, message: `${baseName(f.path)} covers ${new Date(min).toISOString()} to ${new Date(max).toISOString()}, not the time of the first failure (${new Date(when).toISOString()}).` });
      }
    }
  }
  return gaps;
}

