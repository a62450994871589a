import { iisStamp } from './clock';
import type { Entry, Injection, Placed, Simulation, Truth } from './model';
import { Random } from './random';
import type { Device } from './devices';
import { Files, renderEvents, renderHttpErr, renderIis, renderPlugin, renderSvclog, type PluginFraming } from './render';
import { HEALTHY, scenarioById, type Scenario } from './scenarios';
import { Traffic } from './traffic';

export { SCENARIOS, scenarioById, type Scenario } from './scenarios';
export type { Injection, Simulation, Truth, Placed } from './model';
export type { PluginFraming } from './render';
export { writeSimulation } from './write';

export interface SimulateOptions {
  readonly seed: number;
  readonly enrollments: number;
  readonly inject?: readonly Injection[];
  /** UTC milliseconds of the first enrollment; default 2024-03-05 06:00 UTC. */
  readonly start?: number;
  /** The NDES server's local time minus UTC (the policy module logs local time); default +60 (CET). */
  readonly utcOffsetMinutes?: number;
  /** How NDESPlugin.log frames its lines; default CMTrace. */
  readonly pluginFraming?: PluginFraming;
}

const DEFAULT_START = Date.UTC(2024, 2, 5, 6, 0, 0);

/**
 * A whole evidence folder of an NDES server for `enrollments` enrollments, healthy unless
 * `inject` names failure scenarios (see SCENARIOS) at chosen enrollments. Deterministic per seed.
 *
 * Besides the enrollments the folder holds what a real server shows all day: load-balancer probes,
 * a monitoring check of the bare SCEP URL (403), the mscep_admin 401.2 → 200 handshake, an IIS
 * recycle with a new `#Fields` list and NDES's start event, requests on concurrent w3wp threads, a
 * policy-module log that begins in the middle of a call (roll-over) and logs that end while one
 * more request is in progress (a live server).
 */
export function simulate(options: SimulateOptions): Simulation {
  const r = new Random(options.seed);
  const traffic = new Traffic(r);
  const injected = new Map<number, Scenario>();
  for (const i of options.inject ?? []) {
    if (!Number.isInteger(i.at) || i.at < 0 || i.at >= options.enrollments) throw new Error(`cannot inject at enrollment ${i.at}: there are ${options.enrollments}`);
    if (injected.has(i.at)) throw new Error(`two scenarios injected at enrollment ${i.at}`);
    injected.set(i.at, scenarioById(i.scenario));
  }

  const first = options.start ?? DEFAULT_START;
  // The call the previous NDESPlugin.log file ended in: only its answer is in this one.
  traffic.enrollment({ index: undefined, start: first - 3000, shape: HEALTHY, injected: false, rolledOver: true });
  const starts: number[] = [];
  const retries = new Map<number, Device>();
  let start = first;
  let lastEnd = first;
  for (let k = 0; k < options.enrollments; k++) {
    // A fifth of the requests overlap the one before, served on another w3wp thread.
    if (k > 0) start += r.chance(0.2) ? r.int(150, 900) : r.int(6_000, 60_000);
    starts.push(start);
    const scenario = injected.get(k);
    const retry = retries.get(k);
    const done = traffic.enrollment({ index: k, start, shape: scenario ? { ...HEALTHY, ...scenario.shape } : HEALTHY, injected: scenario !== undefined, ...(retry ? { device: retry } : {}) });
    // A device whose request failed tries again a little later, and (unless injected again) succeeds.
    if (scenario && scenario.stage < 6) retries.set(k + 2, done.device);
    lastEnd = Math.max(lastEnd, done.end);
  }
  // Background traffic over the same span.
  const span = { from: first - 60_000, to: lastEnd };
  for (let t = span.from + r.int(0, 30_000); t < span.to; t += 30_000 + r.int(-500, 500)) traffic.probe(t);
  for (let t = span.from + r.int(0, 900_000); t < span.to; t += 900_000 + r.int(0, 60_000)) traffic.monitor(t);
  for (let t = span.from + r.int(600_000, 3_600_000); t < span.to; t += r.int(3, 8) * 3_600_000) traffic.admin(t);
  for (let t = span.from + r.int(0, 600_000); t < span.to; t += 900_000 + r.int(-30_000, 30_000)) traffic.connectorPoll(t);
  const recycleAt = span.from + Math.floor((span.to - span.from) * 0.45);
  traffic.ndesStarted(recycleAt + 2000);
  // The logs end while one more request is in progress.
  traffic.enrollment({ index: undefined, start: lastEnd + 1000, shape: HEALTHY, injected: false, inProgress: true });
  // http.sys lines written after the live request would be from the future.
  const cut = lastEnd + 1000;

  const entries = traffic.entries.filter((e) => e.log !== 'httperr' || e.t < cut).sort((a, b) => a.t - b.t);
  const files = new Files();
  const placed = new Map<Entry, Placed>();
  renderIis(entries, recycleAt, files, placed);
  renderPlugin(entries, options.utcOffsetMinutes ?? 60, options.pluginFraming ?? 'cmtrace', files, placed);
  renderSvclog(entries, files, placed);
  renderHttpErr(entries, files, placed);
  renderEvents(entries, files, placed);

  const truth: Truth[] = [];
  for (const [k, scenario] of [...injected].sort((a, b) => a[0] - b[0])) {
    const mine = entries.filter((e) => e.enrollment === k);
    const where = (list: readonly Entry[]): Placed[] => list.flatMap((e) => { const p = placed.get(e); return p ? [p] : []; });
    const s = iisStamp(starts[k] ?? first);
    truth.push({
      scenario: scenario.id, enrollment: k, ruleIds: scenario.ruleIds, stage: scenario.stage, time: `${s.date} ${s.time}`,
      lines: where(mine), injectedLines: where(mine.filter((e) => e.injected === true)),
    });
  }
  return { files: files.result(), truth, requests: entries.filter((e) => e.log === 'iis').length, enrollments: options.enrollments };
}
