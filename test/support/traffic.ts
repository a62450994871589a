import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { REPO_ROOT } from './paths';

/**
 * Log traffic for the watcher tests and the bench, made from the project's own material: healthy
 * requests from samples/, failures from the catalogue's positive samples, written with timestamps
 * that advance one second per line. One place, so the traffic simulator can replace it.
 */

const DATED = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /;

const sampleIis = readFileSync(join(REPO_ROOT, 'samples', 'u_ex240305.log'), 'utf8').split(/\r?\n/);
const IIS_FIELDS = sampleIis.find((l) => l.startsWith('#Fields:')) ?? '';
const IIS_COLUMNS = IIS_FIELDS.split(/\s+/).length - 1;

/** Requests answered 200 0 0 in the sample IIS log. */
const IIS_HEALTHY = sampleIis.filter((l) => DATED.test(l) && / 200 0 0 \d+$/.test(l)).map((l) => l.replace(DATED, ''));

/** Failure samples of IIS rules written in the sample log's column layout. */
const IIS_FAILING = CATALOGUE.filter((s) => s.kind === 'failure' && s.severity === 'error' && s.formats.includes('iis-w3c-log'))
  .flatMap((s) => s.samples.positive.filter((p) => DATED.test(p) && p.split(/\s+/).length === IIS_COLUMNS))
  .map((l) => l.replace(DATED, ''));

/** One plugin call that went through, from the sample NDESPlugin.log. */
const PLUGIN_HEALTHY = ['Calling VerifyRequest ...', 'Sending request to certificate registration point.', 'Verify challenge returns true', 'Exiting VerifyRequest with 0x0'];

/** Single-line failure samples of the plugin's rules. */
const PLUGIN_FAILING = CATALOGUE.filter((s) => s.kind === 'failure' && s.severity === 'error' && s.formats.includes('ndesplugin-log'))
  .flatMap((s) => s.samples.positive.filter((p) => !p.includes('<') && !p.includes('\n')));

export function iisHeader(at: Date): string {
  return `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: ${w3cTime(at)}\r\n${IIS_FIELDS}\r\n`;
}

export interface Traffic {
  readonly text: string;
  /** 0-based indices, among the lines written, of the failing ones. */
  readonly failing: readonly number[];
  readonly lines: number;
  /** The time after the last line. */
  readonly next: Date;
}

/** `count` IIS requests from `from` on, one a second; every `failEvery`-th is a failure (0: none). */
export function iisTraffic(from: Date, count: number, failEvery: number, seed = 0): Traffic {
  return traffic(from, count, failEvery, seed, (at, failing, i) => `${w3cTime(at)} ${pick(failing ? IIS_FAILING : IIS_HEALTHY, i)}\r\n`);
}

/**
 * `count` NDESPlugin.log entries in CMTrace framing (local time, bias -60 as in the sample); a healthy
 * entry is one line of a call that went through, every `failEvery`-th a failure.
 */
export function pluginTraffic(from: Date, count: number, failEvery: number, seed = 0): Traffic {
  return traffic(from, count, failEvery, seed, (at, failing, i) => cmtrace(pick(failing ? PLUGIN_FAILING : PLUGIN_HEALTHY, i), at));
}

function traffic(from: Date, count: number, failEvery: number, seed: number, line: (at: Date, failing: boolean, i: number) => string): Traffic {
  let text = '';
  const failing: number[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    const fails = failEvery > 0 && (i + seed) % failEvery === failEvery - 1;
    if (fails) failing.push(i);
    text += line(at, fails, i + seed);
    at = new Date(at.getTime() + 1000);
  }
  return { text, failing, lines: count, next: at };
}

function pick(list: readonly string[], i: number): string {
  const v = list[i % list.length];
  if (v === undefined) throw new Error('no traffic material: samples/ or the catalogue changed');
  return v;
}

function w3cTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

function cmtrace(message: string, at: Date): string {
  const local = new Date(at.getTime() + 60 * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}.${String(local.getUTCMilliseconds()).padStart(3, '0')}-60`;
  const date = `${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}-${local.getUTCFullYear()}`;
  return `<![LOG[${message}]LOG]!><time="${time}" date="${date}" component="NDESPlugin" context="" type="1" thread="5412" file="">\r\n`;
}
