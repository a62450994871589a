import type { Stage } from '../../../server/src/core/types';

/**
 * What the simulator writes, before it is rendered: one entry per log line (or multi-line record),
 * each with its UTC time and the enrollment it belongs to, so the ground truth can name the lines.
 */

/** One IIS request; the renderer picks the columns the current `#Fields` list asks for. */
export interface IisRequest {
  readonly method: 'GET' | 'POST';
  readonly stem: string;
  readonly query: string;
  readonly username: string;
  readonly clientIp: string;
  readonly userAgent: string;
  /** `sc-status sc-substatus sc-win32-status`, e.g. `200 0 0`. */
  readonly status: string;
  readonly timeTakenMs: number;
  readonly host: string;
}

/** A policy-module message; CMTrace `type` 1 info, 3 error. */
export interface PluginMessage {
  readonly text: string;
  readonly type?: 1 | 2 | 3;
}

/** A CRP trace record's message and its TraceEventType name. */
export interface TraceMessage {
  readonly text: string;
  readonly subType?: 'Start' | 'Stop' | 'Information' | 'Warning' | 'Error';
}

/** A Windows event as `wevtutil qe /f:xml` (or `/f:RenderedXml` when it has a message) writes it. */
export interface EventSpec {
  /** The export it lands in (one per server and channel). */
  readonly file: string;
  readonly provider: string;
  readonly providerGuid?: string;
  readonly channel: string;
  readonly computer: string;
  readonly id: number;
  /** 2 error, 3 warning, 4 information. */
  readonly level: 2 | 3 | 4;
  readonly eventDataName?: string;
  readonly data?: readonly (readonly [name: string | undefined, value: string])[];
  readonly message?: string;
}

interface Base {
  /** UTC milliseconds. */
  readonly t: number;
  /** Index of the enrollment this line belongs to; undefined for background traffic. */
  readonly enrollment?: number;
  /** Written because a failure scenario was injected at this enrollment. */
  readonly injected?: boolean;
}

export type Entry =
  | (Base & { readonly log: 'iis'; readonly request: IisRequest })
  | (Base & { readonly log: 'plugin'; readonly thread: number; readonly message: PluginMessage })
  | (Base & { readonly log: 'svclog'; readonly activity: string; readonly thread: number; readonly message: TraceMessage })
  | (Base & { readonly log: 'event'; readonly event: EventSpec })
  /** `rest`: the HTTPERR columns after s-port (cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename). */
  | (Base & { readonly log: 'httperr'; readonly clientIp: string; readonly clientPort: number; readonly rest: string });

/** Where an entry landed: file name and 1-based first and last line. */
export interface Placed {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
}

/** A failure to inject: a scenario id from SCENARIOS at enrollment `at` (0-based). */
export interface Injection {
  readonly scenario: string;
  readonly at: number;
}

/** What an injected scenario must produce, and where. */
export interface Truth {
  readonly scenario: string;
  readonly enrollment: number;
  readonly ruleIds: readonly string[];
  readonly stage: Stage;
  /** UTC time of the enrollment's first request. */
  readonly time: string;
  /** Every line written for this enrollment (injected or not), by file. */
  readonly lines: readonly Placed[];
  /** The lines the scenario changed or added. */
  readonly injectedLines: readonly Placed[];
}

export interface Simulation {
  /** File name → text, as the server writes it (CRLF line ends). */
  readonly files: ReadonlyMap<string, string>;
  readonly truth: readonly Truth[];
  /** Requests a device or probe sent to IIS (for per-request rates). */
  readonly requests: number;
  readonly enrollments: number;
}
