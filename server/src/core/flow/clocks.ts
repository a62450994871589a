/**
 * How the clocks of the logs relate: IIS and svclog write UTC, NDESPlugin.log writes the server's
 * local time, so its offset is found by pairing its VerifyRequest calls with IIS's.
 */
import type { LogRecord } from '../types';
import { parseTime } from '../time';
import type { RequestEvent } from './requests';
import { anyBetween, nearestDistance } from './sorted';
import type { ClockOffset, FlowFile } from './types';

/** How far apart (in time) two logs' lines of one request may be. */
export const PAIR_WINDOW_SECONDS = 120;
/** How close a call must land to an IIS call to count towards a time-zone guess. */
const PAIR_SLACK_MS = 3000;

/** Local time of each plugin log, found from its VerifyRequest calls paired with IIS's. */
export function findClockOffsets(requests: readonly RequestEvent[]): ClockOffset[] {
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

export function utcOf(e: RequestEvent, offsets: readonly ClockOffset[]): number | undefined {
  if (e.time === undefined) return undefined;
  if (e.utc) return e.time;
  const offset = offsets.find((o) => o.path === e.file.path && o.pairs > 0);
  return offset ? e.time - offset.offsetMinutes * 60_000 : undefined;
}

/** UTC milliseconds of a record: its own zone, or the clock offset found for its file. */
export function utcTime(file: FlowFile, record: LogRecord, offsets: readonly ClockOffset[]): number | undefined {
  const t = parseTime(record.time);
  if (!t) return undefined;
  if (t.utc) return t.ms;
  const offset = offsets.find((o) => o.path === file.path && o.pairs > 0);
  return offset ? t.ms - offset.offsetMinutes * 60_000 : undefined;
}
