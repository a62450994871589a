/**
 * What a decoded code looks like, and the helpers every single-code decoder builds it with.
 *
 * Pure: no editor, LSP or Node imports.
 */
import type { CodeInfo, EventLogId } from './tables';

export type CodeKind =
  | 'hresult'
  | 'win32'
  | 'winhttp'
  | 'winhttp-flag'
  | 'http-status'
  | 'httpsys-reason'
  | 'event-id'
  | 'scep-status'
  | 'connector-diag'
  | 'dm-status';

/** A decoded code, independent of where it was printed. */
export interface CodeDecoding {
  readonly kind: CodeKind;
  /** Canonical form: '0x800B0109', '12175', '403.16', 'AppOffline', 'event 31', 'PkiStatus(2)', ... */
  readonly code: string;
  /** Symbolic name, e.g. 'CERT_E_UNTRUSTEDROOT', 'ERROR_WINHTTP_SECURE_FAILURE', 'EVENT_MSCEP_FAIL_SUBMIT'. */
  readonly symbol?: string;
  readonly meaning: string;
  readonly ndesContext?: string;
  readonly unconfirmed?: boolean;
  /** What is unconfirmed / needs care. */
  readonly caveat?: string;
  /** True when the reading comes from a rule (facility bits, status class) rather than a table row. */
  readonly derived?: boolean;
  /** URL of the source. */
  readonly source: string;
  /** For event ids: the log the reading belongs to (absent when ambiguous). */
  readonly eventLog?: EventLogId;
  /** For ambiguous event ids: every plausible reading. */
  readonly alternatives?: readonly CodeDecoding[];
}

export interface IisStatusDecoding extends CodeDecoding {
  readonly status: number;
  readonly substatus: number;
  /** Decoding of sc-win32-status when it was given. */
  readonly win32Decoding?: CodeDecoding;
}

interface DecodingOptions {
  readonly symbol?: string | undefined;
  readonly ndesContext?: string | undefined;
  readonly unconfirmed?: boolean | undefined;
  readonly caveat?: string | undefined;
  readonly derived?: boolean | undefined;
  readonly eventLog?: EventLogId | undefined;
  readonly alternatives?: readonly CodeDecoding[] | undefined;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function decoding(kind: CodeKind, code: string, meaning: string, source: string, opts: DecodingOptions = {}): CodeDecoding {
  const d: Mutable<CodeDecoding> = { kind, code, meaning, source };
  if (opts.symbol !== undefined) d.symbol = opts.symbol;
  if (opts.ndesContext !== undefined) d.ndesContext = opts.ndesContext;
  if (opts.unconfirmed === true) d.unconfirmed = true;
  if (opts.caveat !== undefined) d.caveat = opts.caveat;
  if (opts.derived === true) d.derived = true;
  if (opts.eventLog !== undefined) d.eventLog = opts.eventLog;
  if (opts.alternatives !== undefined) d.alternatives = opts.alternatives;
  return d;
}

export function fromInfo(kind: CodeKind, code: string, info: CodeInfo, opts: DecodingOptions = {}, meaning: string = info.meaning): CodeDecoding {
  return decoding(kind, code, meaning, info.source, {
    ndesContext: info.ndesContext,
    unconfirmed: info.unconfirmed,
    caveat: info.caveat,
    ...opts,
  });
}

export function indexBy<T, K>(rows: readonly T[], key: (row: T) => K): ReadonlyMap<K, T> {
  const m = new Map<K, T>();
  for (const r of rows) if (!m.has(key(r))) m.set(key(r), r);
  return m;
}

/** Memoise a pure decoder (decodings are immutable); the cache is bounded so odd inputs cannot grow it. */
export function memo<K, V>(fn: (k: K) => V, cap = 4096): (k: K) => V {
  const cache = new Map<K, V>();
  return (k: K): V => {
    if (cache.has(k)) return cache.get(k) as V;
    const v = fn(k);
    if (cache.size >= cap) cache.clear();
    cache.set(k, v);
    return v;
  };
}
