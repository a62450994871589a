import { CATALOGUE } from '../../server/src/core/catalogue';
import { MAX_MATCH_CHARS } from '../../server/src/core/validate';
import { DETECT_PATTERNS } from '../../server/src/core/detect';
import { DEVICE_PATTERNS } from '../../server/src/core/formats/device';
import { IIS_PATTERNS } from '../../server/src/core/formats/iis';
import { JSON_PATTERNS } from '../../server/src/core/formats/json';
import { NDESPLUGIN_PATTERNS } from '../../server/src/core/formats/ndesplugin';
import { PLAIN_PATTERNS } from '../../server/src/core/formats/plain';
import { SVCLOG_PATTERNS } from '../../server/src/core/formats/svclog';
import { TEXT_PATTERNS } from '../../server/src/core/text';
import { FRAGMENTS, REAL_LINES } from '../fuzz/arbitraries';
import { PLUGIN_CALL_PATTERNS } from '../../server/src/core/pluginCalls';

/** One regex the product runs on log text, where it comes from, and lines it is meant for. */
export interface Pattern {
  readonly re: RegExp;
  readonly owner: string;
  readonly samples: readonly string[];
}

const SCANNER_SAMPLES = [...FRAGMENTS, ...REAL_LINES.slice(0, 20)];

/** Every catalogue pattern (patterns, requires, excludes, alsoProves) and every scanner regex we can reach, deduplicated. */
export function allPatterns(): Pattern[] {
  const seen = new Map<string, Pattern>();
  const add = (re: RegExp, owner: string, samples: readonly string[]): void => {
    const key = `/${re.source}/${re.flags}`;
    if (!seen.has(key)) seen.set(key, { re, owner, samples });
  };
  for (const s of CATALOGUE) {
    const res = [...s.match.patterns, ...(s.match.requires ?? []), ...(s.match.excludes ?? []), ...(s.alsoProves ?? []).map((a) => a.when), ...(s.milder ? [s.milder.when] : []), ...(s.pointsToWhen ? [s.pointsToWhen] : [])];
    for (const re of res) add(re, s.id, [...s.samples.positive, ...s.samples.negative]);
  }
  const scanners: readonly (readonly [string, readonly RegExp[]])[] = [
    ['formats/iis.ts', IIS_PATTERNS], ['formats/ndesplugin.ts', NDESPLUGIN_PATTERNS], ['formats/svclog.ts', SVCLOG_PATTERNS],
    ['formats/plain.ts', PLAIN_PATTERNS], ['text.ts', TEXT_PATTERNS], ['pluginCalls.ts', PLUGIN_CALL_PATTERNS],
    ['formats/device.ts', DEVICE_PATTERNS], ['formats/json.ts', JSON_PATTERNS], ['detect.ts', DETECT_PATTERNS],
  ];
  for (const [owner, list] of scanners) for (const re of list) add(re, owner, SCANNER_SAMPLES);
  return [...seen.values()];
}

const GENERIC_UNITS = [' ', '\t', '> ', '&nbsp;', 'a', '0', 'a ', '0 ', '<', '&', '/', '-', '.', 'x<', '<a ', '&#', '\u00a0', '$$<', '<Correlation ', '<![LOG[', '<time="', 'ActivityID="', '#Fields: ', '<E2ETraceEvent '];

/** Strings an attacker would try: repeated prefixes of lines the pattern is meant for, and runs of generic units. */
export function attackUnits(p: Pattern, extra: readonly string[] = []): string[] {
  const units = new Set<string>([...GENERIC_UNITS, ...extra]);
  for (const sample of p.samples) {
    const m = new RegExp(p.re.source, p.re.flags.replace(/[gy]/g, '')).exec(sample);
    const text = m ? m[0] : sample;
    const from = m ? m.index : 0;
    for (const k of [1, 2, 3, Math.floor(text.length / 4), Math.floor(text.length / 2), Math.floor((3 * text.length) / 4), text.length - 1]) {
      if (k <= 0 || k >= text.length) continue;
      const unit = sample.slice(from, from + k);
      units.add(unit);
      units.add(unit + ' ');
      units.add(unit + '\u0000');
    }
  }
  return [...units].filter((u) => u.length > 0);
}

function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function timeExec(re: RegExp, s: string, runs = 2): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    re.lastIndex = 0;
    const t = process.hrtime.bigint();
    re.exec(s);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

export interface AttackResult {
  readonly worstMs: number;
  readonly unit: string;
  readonly ratio: number;
  readonly superLinear: boolean;
}

/**
 * Times the pattern on MAX_MATCH_CHARS (what a record is cut to) and on a tenth of it, for every
 * attack unit. Linear patterns grow ~10×; a pattern is super-linear when the long run is both slow
 * (over `slowMs`) and grows over 40× from the short one.
 */
export function attack(p: Pattern, extra: readonly string[] = [], slowMs = 25): AttackResult {
  const re = new RegExp(p.re.source, p.re.flags.replace(/[gy]/g, ''));
  let worst: AttackResult = { worstMs: 0, unit: '', ratio: 0, superLinear: false };
  for (const unit of attackUnits(p, extra)) {
    const long = timeExec(re, repeatTo(unit, MAX_MATCH_CHARS));
    if (long < Math.min(slowMs, worst.worstMs)) continue;
    let short = timeExec(re, repeatTo(unit, MAX_MATCH_CHARS / 10));
    let ratio = long / Math.max(short, 0.05);
    let superLinear = long > slowMs && ratio > 40;
    if (superLinear) {
      // A busy host can stall one run: a verdict stands only if the best of more runs confirms it.
      const again = timeExec(re, repeatTo(unit, MAX_MATCH_CHARS), 5);
      short = Math.min(short, timeExec(re, repeatTo(unit, MAX_MATCH_CHARS / 10), 5));
      ratio = Math.min(long, again) / Math.max(short, 0.05);
      superLinear = Math.min(long, again) > slowMs && ratio > 40;
    }
    // The unit reported is a super-linear one when there is one, else the slowest.
    if (superLinear ? !worst.superLinear || long > worst.worstMs : !worst.superLinear && long > worst.worstMs) worst = { worstMs: long, unit, ratio, superLinear: superLinear || worst.superLinear };
  }
  return worst;
}
