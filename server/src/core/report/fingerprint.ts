import { baseName } from '../detect';
/**
 * The stable identity of one finding, shared by `check --format jsonl`, SARIF `partialFingerprints`
 * and the watcher: a log platform or DefectDojo tells a new finding from one it already holds by it.
 *
 * What goes in: the rule, the host, the log's logical name (rotation dates normalised), the key values
 * of the record (codes, event id, the request's URI stem and operation), the record's own timestamp,
 * and an occurrence number among equal findings with the same timestamp. Line numbers, offsets and
 * absolute paths stay out, so the same finding read again (a second run, an append, a restart, a copy
 * of the log in another folder) gets the same fingerprint, and two equal failures at different times
 * get different ones. See docs/fleet.md.
 */

/** What a finding's fingerprint is made of, apart from its occurrence number. */
export interface FingerprintKey {
  readonly ruleId: string;
  readonly host: string;
  /** The log's path or name; only its logical name (see `logicalName`) is used. */
  readonly file: string;
  /** Normalised key values of the record, in a fixed order. */
  readonly values: readonly string[];
  /** The record's timestamp exactly as the reader gave it, or '' when the record has none. */
  readonly time: string;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a 64 over the UTF-8 bytes of `text`, as 16 hex digits: pure, and reproducible in any language. */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  const byte = (b: number): void => { h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK; };
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0xfffd;
    if (c < 0x80) byte(c);
    else if (c < 0x800) { byte(0xc0 | (c >> 6)); byte(0x80 | (c & 0x3f)); }
    else if (c < 0x10000) { byte(0xe0 | (c >> 12)); byte(0x80 | ((c >> 6) & 0x3f)); byte(0x80 | (c & 0x3f)); }
    else { byte(0xf0 | (c >> 18)); byte(0x80 | ((c >> 12) & 0x3f)); byte(0x80 | ((c >> 6) & 0x3f)); byte(0x80 | (c & 0x3f)); }
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * A log's identity across folders, copies and rotations: its base name in lower case, with the runs
 * of digits that rotation puts in names (`u_ex261207.log`, `CertificateRegistrationPoint_03_05`)
 * replaced by `#`, and a rolled `NDESPlugin.lo_` read as `.log`.
 */
export function logicalName(path: string): string {
  const base = baseName(path).toLowerCase();
  return base.replace(/\.lo_$/, '.log').replace(/\d+(?:[-_.]\d+)*/g, '#');
}

/** The part of a fingerprint that equal findings share; the occurrence number tells them apart. */
function fingerprintBase(key: FingerprintKey): string {
  return [key.ruleId, key.host.toLowerCase(), logicalName(key.file), ...key.values].join('\u001f');
}

function fingerprintOf(base: string, time: string, occurrence: number): string {
  return fnv1a64(`${base}\u001e${time}\u001e${occurrence}`);
}

/** The counter state a watcher keeps between runs, per log. */
export type OccurrenceState = readonly (readonly [base: string, time: string, count: number])[];

/** Bases remembered per log: a bound on memory that real logs, with a few dozen distinct bases, never reach. */
const MAX_BASES = 4096;

/**
 * Numbers equal findings within one log in document order: the n-th finding with the same base and
 * the same timestamp is occurrence n. Only the last timestamp per base is remembered, since logs are
 * written in time order; that keeps the state small and lets a watcher resume it after a restart.
 */
export class Fingerprinter {
  private readonly last = new Map<string, { time: string; count: number }>();

  constructor(state: OccurrenceState = []) {
    for (const [base, time, count] of state) this.last.set(base, { time, count });
  }

  next(key: FingerprintKey): string {
    const base = fingerprintBase(key);
    const seen = this.last.get(base);
    const occurrence = seen && seen.time === key.time ? seen.count : 0;
    this.last.delete(base);
    this.last.set(base, { time: key.time, count: occurrence + 1 });
    if (this.last.size > MAX_BASES) {
      const oldest = this.last.keys().next().value;
      if (oldest !== undefined) this.last.delete(oldest);
    }
    return fingerprintOf(base, key.time, occurrence);
  }

  state(): OccurrenceState {
    return [...this.last].map(([base, { time, count }]) => [base, time, count] as const);
  }
}
