/**
 * Decoder for the numeric / symbolic codes that appear in SCEP / NDES / Intune connector logs.
 *
 * Pure: no editor, LSP or Node imports. Every scan is a single pass of a linear-time regular
 * expression (no nested or overlapping quantifiers) or a bounded manual scan, so `findCodes` is O(n)
 * in the length of the text (plus O(m log m) for sorting m mentions).
 */

import {
  ALL_EVENTS,
  CONNECTOR_DIAG_CODES,
  DM_STATUSES,
  EVENT_LOGS,
  HRESULTS,
  HTTPSYS_REASONS,
  IIS_STATUSES,
  SCEP_STATUSES,
  SRC,
  WIN32_ERRORS,
  WINHTTP_CALLBACK_FLAGS,
  WINHTTP_ERRORS,
  hex8,
  toUnsigned32,
  type CodeInfo,
  type ConnectorDiagEntry,
  type EventEntry,
  type EventLogId,
  type EventLogInfo,
  type HresultEntry,
  type HttpSysReasonEntry,
  type IisStatusEntry,
  type ScepStatusEntry,
  type ScepStatusField,
  type Win32Entry,
  type WinHttpErrorEntry,
} from './tables';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

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

export interface CodeMention extends CodeDecoding {
  /** Offset into the text passed in (UTF-16 index). */
  readonly start: number;
  /** Exclusive end offset. */
  readonly end: number;
  /** Exactly as printed: `text.slice(start, end)`. */
  readonly raw: string;
}

export interface IisStatusHint {
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  /** Offset of the first of the status fields in the text. */
  readonly start: number;
  /** Exclusive end offset of the last of the status fields. */
  readonly end: number;
}

export interface DecodeHints {
  /** Status triplet located by a W3C parser that honours `#Fields`. */
  readonly iisStatus?: IisStatusHint;
}

export interface IisStatusDecoding extends CodeDecoding {
  readonly status: number;
  readonly substatus: number;
  /** Decoding of sc-win32-status when it was given. */
  readonly win32Decoding?: CodeDecoding;
}

// ---------------------------------------------------------------------------------------------
// Building decodings (exactOptionalPropertyTypes-safe)
// ---------------------------------------------------------------------------------------------

interface DecodingOptions {
  readonly symbol?: string | undefined;
  readonly ndesContext?: string | undefined;
  readonly unconfirmed?: boolean | undefined;
  readonly caveat?: string | undefined;
  readonly derived?: boolean | undefined;
  readonly eventLog?: EventLogId | undefined;
  readonly alternatives?: readonly CodeDecoding[] | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function decoding(kind: CodeKind, code: string, meaning: string, source: string, opts: DecodingOptions = {}): CodeDecoding {
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

function fromInfo(kind: CodeKind, code: string, info: CodeInfo, opts: DecodingOptions = {}, meaning: string = info.meaning): CodeDecoding {
  return decoding(kind, code, meaning, info.source, {
    ndesContext: info.ndesContext,
    unconfirmed: info.unconfirmed,
    caveat: info.caveat,
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Lookup maps (built once)
// ---------------------------------------------------------------------------------------------

function indexBy<T, K>(rows: readonly T[], key: (row: T) => K): ReadonlyMap<K, T> {
  const m = new Map<K, T>();
  for (const r of rows) if (!m.has(key(r))) m.set(key(r), r);
  return m;
}

/** Memoise a pure decoder (decodings are immutable); the cache is bounded so odd inputs cannot grow it. */
function memo<K, V>(fn: (k: K) => V, cap = 4096): (k: K) => V {
  const cache = new Map<K, V>();
  return (k: K): V => {
    if (cache.has(k)) return cache.get(k) as V;
    const v = fn(k);
    if (cache.size >= cap) cache.clear();
    cache.set(k, v);
    return v;
  };
}

const HRESULT_BY_VALUE = indexBy(HRESULTS, (h) => toUnsigned32(h.value));
const HRESULT_BY_WIN32 = new Map<number, HresultEntry>();
for (const h of HRESULTS) if (h.win32 !== undefined && !HRESULT_BY_WIN32.has(h.win32)) HRESULT_BY_WIN32.set(h.win32, h);
const DM_BY_VALUE = indexBy(DM_STATUSES, (d) => toUnsigned32(d.value));
const WIN32_BY_CODE = indexBy(WIN32_ERRORS, (w) => w.code);
const WINHTTP_BY_CODE = indexBy(WINHTTP_ERRORS, (w) => w.code);
const CONNECTOR_BY_VALUE = indexBy(CONNECTOR_DIAG_CODES, (c) => c.value);
const REASON_BY_TEXT = indexBy(HTTPSYS_REASONS, (r) => r.reason);
const IIS_BY_KEY = new Map<string, IisStatusEntry>();
const IIS_BY_STATUS = new Map<number, IisStatusEntry>();
for (const e of IIS_STATUSES) {
  if (e.substatus === undefined) IIS_BY_STATUS.set(e.status, e);
  else IIS_BY_KEY.set(`${e.status}.${e.substatus}`, e);
}
const SCEP_BY_KEY = indexBy(SCEP_STATUSES, (s) => `${s.field}(${s.value})`);
const SCEP_FIELD_BY_LOWER = new Map<string, ScepStatusField>([
  ['pkistatus', 'PkiStatus'],
  ['failinfo', 'FailInfo'],
  ['enrollstatus', 'EnrollStatus'],
]);
const EVENT_LOG_INFO = indexBy(EVENT_LOGS, (l) => l.id);
const EVENTS_BY_ID = new Map<number, EventEntry[]>();
for (const e of ALL_EVENTS) {
  const list = EVENTS_BY_ID.get(e.id);
  if (list === undefined) EVENTS_BY_ID.set(e.id, [e]);
  else list.push(e);
}

// ---------------------------------------------------------------------------------------------
// Single-code decoders
// ---------------------------------------------------------------------------------------------

const ZERO_SUCCESS: CodeDecoding = decoding(
  'hresult',
  '0x00000000',
  'Zero: the call succeeded (S_OK / ERROR_SUCCESS).',
  SRC.policyModule,
  {
    symbol: 'S_OK',
    ndesContext: 'NDESPlugin.log "Exiting VerifyRequest with 0x0" / "Exiting Notify with 0x0": that policy-module step succeeded.',
  },
);

/** How reliable an HRESULT reading is; weak readings are only used when the hex is written with 0x. */
type Strength = 'table' | 'known' | 'generic';

interface HresultReading {
  readonly decoding: CodeDecoding;
  readonly strength: Strength;
}

function httpStatusTitle(status: number): string | undefined {
  return IIS_BY_STATUS.get(status)?.title ?? IIS_BY_KEY.get(`${status}.0`)?.title;
}

const readHresult = memo(readHresultUncached);

function readHresultUncached(input: number): HresultReading | undefined {
  if (!Number.isInteger(input) || input < -0x80000000 || input > 0xffffffff) return undefined;
  const v = toUnsigned32(input);
  const code = hex8(v);
  const row = HRESULT_BY_VALUE.get(v);
  if (row !== undefined) {
    return {
      strength: 'table',
      decoding: fromInfo('hresult', code, row, { symbol: row.symbol, derived: row.group === 'http-facility' && row.unconfirmed === true }),
    };
  }
  if (v === 0) return { strength: 'table', decoding: ZERO_SUCCESS };
  const dm = DM_BY_VALUE.get(v);
  if (dm !== undefined) return { strength: 'table', decoding: fromInfo('dm-status', code, dm, { symbol: dm.symbol }) };
  if (v < 0x80000000) return undefined;
  const facility = (v >>> 16) & 0x1fff;
  const low = v & 0xffff;
  if (facility === 7) {
    const wh = WINHTTP_BY_CODE.get(low);
    if (wh !== undefined) {
      return {
        strength: 'table',
        decoding: fromInfo('hresult', code, wh, { symbol: wh.name }, `HRESULT form of WinHTTP error ${low}: ${wh.meaning}`),
      };
    }
    const w = WIN32_BY_CODE.get(low);
    if (w !== undefined) {
      return {
        strength: 'known',
        decoding: fromInfo('hresult', code, w, { symbol: w.symbol, derived: true }, `HRESULT form of Win32 error ${low} (low 16 bits of a 0x8007xxxx code): ${w.meaning}`),
      };
    }
    return {
      strength: 'generic',
      decoding: decoding('hresult', code, `HRESULT wrapping Win32 error ${low} (0x8007xxxx: the low 16 bits are the Win32 code); that Win32 code is not in the NDES Lens tables.`, SRC.hresultFromWin32, { derived: true }),
    };
  }
  if (facility === 0x19 && low >= 100 && low <= 599) {
    const title = httpStatusTitle(low);
    const iis = IIS_BY_STATUS.get(low) ?? IIS_BY_KEY.get(`${low}.0`);
    return {
      strength: 'known',
      decoding: decoding(
        'hresult',
        code,
        `HTTP ${low}${title !== undefined ? ` (${title})` : ''} returned by the server, expressed as an HRESULT (FACILITY_HTTP: the low 16 bits are the HTTP status).`,
        SRC.goWindows,
        { derived: true, ndesContext: iis?.ndesContext },
      ),
    };
  }
  return undefined;
}

/**
 * Decode an HRESULT given as a number (signed or unsigned 32-bit). Table rows first, then the zero
 * success value, device-management statuses, and the facility rules (0x8007xxxx → Win32 / WinHTTP code,
 * 0x8019xxxx → HTTP status).
 */
export function decodeHresult(value: number): CodeDecoding | undefined {
  return readHresult(value)?.decoding;
}

/** Decode a WinHTTP error number (12xxx). */
export function decodeWinHttp(n: number): CodeDecoding | undefined {
  return winHttpMemo(n);
}
const winHttpMemo = memo((n: number): CodeDecoding | undefined => {
  const wh: WinHttpErrorEntry | undefined = WINHTTP_BY_CODE.get(n);
  return wh === undefined ? undefined : fromInfo('winhttp', String(n), wh, { symbol: wh.name });
});

/**
 * Decode a Win32 error number as printed bare (IIS sc-win32-status, MSI, `WIN32: n`).
 * Following codes.md §0, a value above 0xFFFF is an HRESULT printed as unsigned decimal.
 */
export function decodeWin32(n: number): CodeDecoding | undefined {
  return win32Memo(n);
}
const win32Memo = memo((n: number): CodeDecoding | undefined => {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return undefined;
  if (n > 0xffff) return decodeHresult(n);
  const w: Win32Entry | undefined = WIN32_BY_CODE.get(n);
  if (w !== undefined) return fromInfo('win32', String(n), w, { symbol: w.symbol });
  const wh = decodeWinHttp(n);
  if (wh !== undefined) return wh;
  const h = HRESULT_BY_WIN32.get(n);
  if (h !== undefined) return fromInfo('win32', String(n), h, { symbol: h.symbol });
  return undefined;
});

function genericWin32(n: number): CodeDecoding {
  if (n > 0xffff) {
    return decoding('hresult', hex8(n), `A value above 0xFFFF in a Win32 status field is an HRESULT printed as unsigned decimal: ${hex8(n)}. It is not in the NDES Lens tables.`, SRC.hresultFromWin32, { derived: true });
  }
  return decoding('win32', String(n), `Win32 error ${n}; not in the NDES Lens tables (\`certutil -error ${n}\` prints its text).`, SRC.goWindows, { derived: true });
}

function genericWinHttp(n: number): CodeDecoding {
  return decoding('winhttp', String(n), `WinHTTP error ${n} (12001-12999 is the WinHTTP range); this number is not in the NDES Lens table.`, SRC.winhttpErrors, { derived: true });
}

function httpClass(status: number): string {
  if (status < 200) return 'informational';
  if (status < 300) return 'success';
  if (status < 400) return 'redirection';
  if (status < 500) return 'client error';
  return 'server error';
}

function iisMeaning(e: IisStatusEntry): string {
  return `${e.title}. ${e.meaning}`;
}

/** Decode an HTTP status without substatus (HTTPERR, `HTTP Error 503`). */
export function decodeHttpStatus(status: number): CodeDecoding | undefined {
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const e = IIS_BY_STATUS.get(status) ?? IIS_BY_KEY.get(`${status}.0`);
  if (e !== undefined) return fromInfo('http-status', String(status), e, {}, iisMeaning(e));
  return decoding('http-status', String(status), `HTTP ${status} (${httpClass(status)}); no NDES-specific entry.`, SRC.iisStatus, { derived: true });
}

function iisBase(status: number, substatus: number): CodeDecoding | undefined {
  if (!Number.isInteger(status) || status < 100 || status > 599 || !Number.isInteger(substatus) || substatus < 0) return undefined;
  const code = `${status}.${substatus}`;
  const exact = IIS_BY_KEY.get(code);
  if (exact !== undefined) return fromInfo('http-status', code, exact, {}, iisMeaning(exact));
  const whole = IIS_BY_STATUS.get(status);
  if (whole !== undefined) {
    const note = substatus === 0 ? '' : ` (substatus ${substatus} is not in the NDES Lens table)`;
    return fromInfo('http-status', code, whole, {}, `${iisMeaning(whole)}${note}`);
  }
  return decoding('http-status', code, `HTTP ${status} (${httpClass(status)}), IIS substatus ${substatus}; no NDES-specific entry.`, SRC.iisStatus, { derived: true });
}

/** Decode an IIS `sc-status` + `sc-substatus` (+ optional `sc-win32-status`). */
export function decodeIisStatus(status: number, substatus: number, win32?: number): IisStatusDecoding | undefined {
  const base = iisBase(status, substatus);
  if (base === undefined) return undefined;
  const result: Mutable<IisStatusDecoding> = { ...base, status, substatus };
  if (win32 !== undefined && Number.isInteger(win32) && win32 >= 0 && win32 <= 0xffffffff) {
    result.win32Decoding = decodeWin32(win32) ?? genericWin32(win32);
  }
  return result;
}

/** Decode an http.sys HTTPERR reason phrase (case-sensitive, as logged). */
export function decodeHttpSysReason(reason: string): CodeDecoding | undefined {
  const r: HttpSysReasonEntry | undefined = REASON_BY_TEXT.get(reason);
  return r === undefined ? undefined : fromInfo('httpsys-reason', r.reason, r);
}

/** Decode a SCEP PkiStatus / FailInfo / EnrollStatus value. */
export function decodeScepStatus(field: ScepStatusField, value: number): CodeDecoding | undefined {
  const s: ScepStatusEntry | undefined = SCEP_BY_KEY.get(`${field}(${value})`);
  return s === undefined ? undefined : fromInfo('scep-status', `${field}(${value})`, s, { symbol: s.name }, `${s.enumName} ${s.name}: ${s.meaning}`);
}

/** Decode a legacy Intune connector diagnostic code (0x00000400 ...). */
export function decodeConnectorDiag(value: number): CodeDecoding | undefined {
  const c: ConnectorDiagEntry | undefined = CONNECTOR_BY_VALUE.get(value);
  return c === undefined ? undefined : fromInfo('connector-diag', hex8(value), c, { symbol: c.name }, `Legacy Intune connector diagnostic code ${c.name}: ${c.meaning}`);
}

function eventReading(e: EventEntry): CodeDecoding {
  const log: EventLogInfo | undefined = EVENT_LOG_INFO.get(e.log);
  const label = log?.label ?? e.log;
  const channel = e.channel !== undefined ? ` ${e.channel}` : '';
  const name = e.name !== undefined ? ` (${e.name})` : '';
  return fromInfo('event-id', `event ${e.id}`, e, { symbol: e.name, eventLog: e.log }, `${label}${channel} event ${e.id}${name}: ${e.meaning}`);
}

/** All table readings of an event id, in table order. */
export function eventReadings(id: number): readonly CodeDecoding[] {
  return (EVENTS_BY_ID.get(id) ?? []).map(eventReading);
}

/**
 * Decode an event id. With `log`, only that log's table is used. Without it every plausible reading is
 * returned: one reading as is (with a caveat that the source was not named), several combined into one
 * decoding whose `alternatives` lists them.
 */
export function decodeEventId(id: number, log?: EventLogId): CodeDecoding | undefined {
  return log === undefined ? eventAnyMemo(id) : eventInLogMemo(`${log}:${id}`);
}
const eventInLogMemo = memo((key: string): CodeDecoding | undefined => {
  const sep = key.lastIndexOf(':');
  const log = key.slice(0, sep);
  const e = (EVENTS_BY_ID.get(Number(key.slice(sep + 1))) ?? []).find((x) => x.log === log);
  return e === undefined ? undefined : eventReading(e);
});
const eventAnyMemo = memo((id: number): CodeDecoding | undefined => {
  const entries = EVENTS_BY_ID.get(id) ?? [];
  const readings = entries.map(eventReading);
  const first = readings[0];
  if (first === undefined) return undefined;
  if (readings.length === 1) {
    return { ...first, caveat: joinCaveat('The event source is not named next to it; this is the only known reading of this id.', first.caveat) };
  }
  const meaning = `Event ${id} means different things depending on its source: ` + readings.map((r, i) => `(${i + 1}) ${r.meaning}`).join(' ');
  return decoding('event-id', `event ${id}`, meaning, first.source, {
    caveat: 'Ambiguous: the text does not name the event source (provider / channel).',
    alternatives: readings,
    unconfirmed: readings.some((r) => r.unconfirmed === true),
  });
});

function joinCaveat(a: string, b: string | undefined): string {
  return b === undefined ? a : `${a} ${b}`;
}

// ---------------------------------------------------------------------------------------------
// Symbol index (identifiers printed in logs)
// ---------------------------------------------------------------------------------------------

const SYMBOLS = new Map<string, CodeDecoding>();
function addSymbol(name: string, d: CodeDecoding | undefined): void {
  if (d !== undefined && !SYMBOLS.has(name)) SYMBOLS.set(name, d);
}
for (const f of WINHTTP_CALLBACK_FLAGS) addSymbol(f.name, fromInfo('winhttp-flag', hex8(f.value), f, { symbol: f.name }));
for (const w of WINHTTP_ERRORS) addSymbol(w.name, decodeWinHttp(w.code));
for (const w of WIN32_ERRORS) addSymbol(w.symbol, decodeWin32(w.code));
for (const h of HRESULTS) if (h.symbol !== undefined) addSymbol(h.symbol, decodeHresult(h.value));
for (const d of DM_STATUSES) addSymbol(d.symbol, decodeHresult(d.value));
for (const c of CONNECTOR_DIAG_CODES) if (c.value !== 0) addSymbol(c.name, decodeConnectorDiag(c.value));
for (const s of SCEP_STATUSES) addSymbol(s.name, decodeScepStatus(s.field, s.value));
for (const r of HTTPSYS_REASONS) if (r.reason.includes('_')) addSymbol(r.reason, decodeHttpSysReason(r.reason));
for (const e of ALL_EVENTS) if (e.name !== undefined) addSymbol(e.name, eventReading(e));

/** Decode a symbolic name as printed (CERT_E_UNTRUSTEDROOT, WINHTTP_CALLBACK_STATUS_FLAG_*, SCEPFailBadRequest, ...). */
export function decodeSymbol(name: string): CodeDecoding | undefined {
  return SYMBOLS.get(name);
}

// ---------------------------------------------------------------------------------------------
// Scanner state
// ---------------------------------------------------------------------------------------------

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly d: CodeDecoding;
}

/**
 * Copies a decoding into a mention with a fixed property order. (Object spread of these objects is
 * pathologically slow in V8 once hundreds of thousands of mentions are built.)
 */
function toMention(d: CodeDecoding, start: number, end: number, raw: string): CodeMention {
  const m: Mutable<CodeMention> = { start, end, raw, kind: d.kind, code: d.code, meaning: d.meaning, source: d.source };
  if (d.symbol !== undefined) m.symbol = d.symbol;
  if (d.ndesContext !== undefined) m.ndesContext = d.ndesContext;
  if (d.unconfirmed !== undefined) m.unconfirmed = d.unconfirmed;
  if (d.caveat !== undefined) m.caveat = d.caveat;
  if (d.derived !== undefined) m.derived = d.derived;
  if (d.eventLog !== undefined) m.eventLog = d.eventLog;
  if (d.alternatives !== undefined) m.alternatives = d.alternatives;
  return m;
}

class Scan {
  readonly text: string;
  /** Line ranges (IIS W3C / HTTPERR records) where bare decimal numbers are never codes. Sorted. */
  readonly quietLines: Array<readonly [number, number]> = [];
  private readonly hits: Hit[] = [];
  private readonly claimed: Uint8Array;

  constructor(text: string) {
    this.text = text;
    this.claimed = new Uint8Array(text.length);
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.claimed[i] !== 0) return false;
    return true;
  }

  claim(start: number, end: number): boolean {
    if (start < 0 || end > this.text.length || start >= end || !this.isFree(start, end)) return false;
    for (let i = start; i < end; i++) this.claimed[i] = 1;
    return true;
  }

  /** Claim [start, end) and record a mention; does nothing if any of it is already claimed. */
  add(start: number, end: number, d: CodeDecoding): void {
    if (this.claim(start, end)) this.hits.push({ start, end, d });
  }

  /** Record a mention for a span the caller has already claimed. */
  addClaimed(start: number, end: number, d: CodeDecoding): void {
    this.hits.push({ start, end, d });
  }

  result(): CodeMention[] {
    this.hits.sort((a, b) => a.start - b.start);
    return this.hits.map((h) => toMention(h.d, h.start, h.end, this.text.slice(h.start, h.end)));
  }
}

// ---------------------------------------------------------------------------------------------
// Character helpers
// ---------------------------------------------------------------------------------------------

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function allDigits(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

type Span = readonly [number, number];

/** Up to `max` whitespace-separated tokens at the end of [ls, le), left to right; `more` = tokens remain before. */
function tailTokens(text: string, ls: number, le: number, max: number): { readonly tokens: Span[]; readonly more: boolean } {
  const tokens: Span[] = [];
  let p = le;
  for (;;) {
    while (p > ls && isWs(text.charCodeAt(p - 1))) p--;
    if (p <= ls) return { tokens: tokens.reverse(), more: false };
    if (tokens.length === max) return { tokens: tokens.reverse(), more: true };
    let s = p;
    while (s > ls && !isWs(text.charCodeAt(s - 1))) s--;
    tokens.push([s, p]);
    p = s;
  }
}

// ---------------------------------------------------------------------------------------------
// Line-shaped records: IIS W3C status triplet and http.sys HTTPERR tail
// ---------------------------------------------------------------------------------------------

/** A token that can stand right before sc-status: `-` (empty referer) or a user agent / URL / NDES_Plugin. */
function looksLikeUaOrReferer(token: string): boolean {
  return token === '-' || /[/+();_]/.test(token);
}

function addTriplet(scan: Scan, st: Span, sub: Span, w32: Span): void {
  const text = scan.text;
  const status = Number(text.slice(st[0], st[1]));
  const substatus = Number(text.slice(sub[0], sub[1]));
  const win32 = Number(text.slice(w32[0], w32[1]));
  const base = iisBase(status, substatus);
  if (base === undefined) return;
  scan.add(st[0], sub[1], base);
  scan.add(w32[0], w32[1], decodeWin32(win32) ?? genericWin32(win32));
}

function scanW3cTail(scan: Scan, tokens: readonly Span[], more: boolean): boolean {
  const text = scan.text;
  let run = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === undefined || !allDigits(text, t[0], t[1])) break;
    run++;
  }
  if (run < 3 || run > 6) return false;
  const first = tokens.length - run;
  if (first === 0) {
    // The whole line is numbers: accept only a bare triplet (doc snippets), never longer runs.
    if (more || run !== 3) return false;
  } else {
    const before = tokens[first - 1];
    if (before === undefined || !looksLikeUaOrReferer(text.slice(before[0], before[1]))) return false;
  }
  const st = tokens[first];
  const sub = tokens[first + 1];
  const w32 = tokens[first + 2];
  if (st === undefined || sub === undefined || w32 === undefined) return false;
  const c0 = text.charCodeAt(st[0]);
  if (st[1] - st[0] !== 3 || c0 < 49 || c0 > 53) return false; // [1-5]\d\d
  if (sub[1] - sub[0] > 3 || w32[1] - w32[0] > 10) return false;
  if (Number(text.slice(w32[0], w32[1])) > 0xffffffff) return false;
  addTriplet(scan, st, sub, w32);
  return true;
}

function scanHttpErrTail(scan: Scan, tokens: readonly Span[]): boolean {
  const text = scan.text;
  const tok = (i: number): string | undefined => {
    const t = tokens[i];
    return t === undefined ? undefined : text.slice(t[0], t[1]);
  };
  const n = tokens.length;
  // status site reason queue   |   status site reason   (status / site may be `-`)
  for (const reasonIdx of [n - 2, n - 1]) {
    const reason = tok(reasonIdx);
    const site = tok(reasonIdx - 1);
    const status = tok(reasonIdx - 2);
    if (reason === undefined || site === undefined || status === undefined) continue;
    if (!REASON_BY_TEXT.has(reason)) continue;
    if (!/^(?:[1-5]\d\d|-)$/.test(status) || !/^(?:-|\d{1,10})$/.test(site)) continue;
    const statusSpan = tokens[reasonIdx - 2];
    const reasonSpan = tokens[reasonIdx];
    if (statusSpan === undefined || reasonSpan === undefined) continue;
    // Timer_* records carry `-` for the status.
    const sd = status === '-' ? undefined : decodeHttpStatus(Number(status));
    if (sd !== undefined) scan.add(statusSpan[0], statusSpan[1], sd);
    const rd = decodeHttpSysReason(reason);
    if (rd !== undefined) scan.add(reasonSpan[0], reasonSpan[1], rd);
    return true;
  }
  return false;
}

function scanLines(scan: Scan): void {
  const text = scan.text;
  let ls = 0;
  while (ls <= text.length) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    const { tokens, more } = tailTokens(text, ls, le, 8);
    if (scanW3cTail(scan, tokens, more) || scanHttpErrTail(scan, tokens)) scan.quietLines.push([ls, le]);
    ls = le + 1;
  }
}

function lineBounds(text: string, pos: number): Span {
  const s = text.lastIndexOf('\n', pos - 1) + 1;
  const e = text.indexOf('\n', pos);
  return [s, e < 0 ? text.length : e];
}

function scanIisHint(scan: Scan, h: IisStatusHint): void {
  const text = scan.text;
  if (!Number.isInteger(h.start) || !Number.isInteger(h.end) || h.start < 0 || h.end > text.length || h.start >= h.end) return;
  const { tokens } = tailTokens(text, h.start, h.end, 4);
  const [a, b, c] = tokens;
  if (
    tokens.length === 3 && a !== undefined && b !== undefined && c !== undefined &&
    text.slice(a[0], a[1]) === String(h.status) &&
    text.slice(b[0], b[1]) === String(h.substatus) &&
    text.slice(c[0], c[1]) === String(h.win32)
  ) {
    addTriplet(scan, a, b, c);
  } else {
    const base = iisBase(h.status, h.substatus);
    if (base !== undefined) {
      const w = decodeWin32(h.win32) ?? genericWin32(h.win32);
      const sym = w.symbol !== undefined ? ` (${w.symbol})` : '';
      scan.add(h.start, h.end, { ...base, meaning: `${base.meaning} sc-win32-status ${h.win32}${sym}: ${w.meaning}` });
    }
  }
  const line = lineBounds(text, h.start);
  scan.quietLines.push(line);
  scan.quietLines.sort((x, y) => x[0] - y[0]);
}

// ---------------------------------------------------------------------------------------------
// Event ids and provider detection
// ---------------------------------------------------------------------------------------------

const R_EVENT_LABEL = /\bEvent[ \t]?ID[ \t]*(?:[:=#][ \t]*)?(\d{1,6})(?![\w.])/gi;
const R_EVENT_XML = /<EventID(?:[ \t][^<>]{0,200})?>[ \t]*(\d{1,6})[ \t]*<\/EventID>/g;
const R_EVENT_PS = /^[ \t]*Id[ \t]*:[ \t]*(\d{1,6})(?=[ \t]*\r?$)/gm;

/** How far (characters) to look for a provider / channel / source name around an event id. */
const PROVIDER_WINDOW = 3000;

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

const PROVIDER_NAMES: ReadonlyMap<string, EventLogId> = new Map(
  EVENT_LOGS.flatMap((l) => l.names.map((n) => [n, l.id] as const)),
);
const R_PROVIDER = new RegExp(
  [...PROVIDER_NAMES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
  'g',
);

interface ProviderHit {
  readonly pos: number;
  readonly end: number;
  readonly log: EventLogId;
}

function findProviders(text: string): ProviderHit[] {
  const hits: ProviderHit[] = [];
  R_PROVIDER.lastIndex = 0;
  for (let m = R_PROVIDER.exec(text); m !== null; m = R_PROVIDER.exec(text)) {
    const pos = m.index;
    const end = pos + m[0].length;
    const log = PROVIDER_NAMES.get(m[0]);
    if (log === undefined) continue;
    if (pos > 0 && isWordChar(text.charCodeAt(pos - 1))) continue;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    hits.push({ pos, end, log });
  }
  return hits;
}

/** Index of the first hit with pos >= x. */
function lowerBound(hits: readonly ProviderHit[], x: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const h = hits[mid];
    if (h !== undefined && h.pos < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface EventHit {
  readonly start: number;
  readonly end: number;
  readonly id: number;
}

function collectEventHits(text: string): EventHit[] {
  const hits: EventHit[] = [];
  for (const re of [R_EVENT_LABEL, R_EVENT_PS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const digits = m[1] ?? '';
      const lead = m[0].length - m[0].trimStart().length;
      hits.push({ start: m.index + lead, end: m.index + m[0].length, id: Number(digits) });
    }
  }
  R_EVENT_XML.lastIndex = 0;
  for (let m = R_EVENT_XML.exec(text); m !== null; m = R_EVENT_XML.exec(text)) {
    const digits = m[1] ?? '';
    const rel = m[0].indexOf(digits, m[0].indexOf('>') + 1);
    const start = m.index + rel;
    hits.push({ start, end: start + digits.length, id: Number(digits) });
  }
  return hits.sort((a, b) => a.start - b.start);
}

function scanEventIds(scan: Scan): void {
  const text = scan.text;
  const hits = collectEventHits(text);
  if (hits.length === 0) return;
  const providers = findProviders(text);
  hits.forEach((hit, i) => {
    if (!scan.claim(hit.start, hit.end)) return;
    const prevEnd = Math.max(i > 0 ? (hits[i - 1]?.end ?? 0) : 0, hit.start - PROVIDER_WINDOW);
    const nextStart = Math.min(hits[i + 1]?.start ?? text.length, hit.end + PROVIDER_WINDOW);
    let log: EventLogId | undefined;
    const j = lowerBound(providers, hit.start);
    const before = providers[j - 1];
    if (before !== undefined && before.pos >= prevEnd) log = before.log;
    else {
      const k = lowerBound(providers, hit.end);
      const after = providers[k];
      if (after !== undefined && after.end <= nextStart) log = after.log;
    }
    let d: CodeDecoding | undefined;
    if (log !== undefined) {
      d = decodeEventId(hit.id, log);
      if (d === undefined) {
        const any = decodeEventId(hit.id);
        const label = EVENT_LOG_INFO.get(log)?.label ?? log;
        if (any !== undefined) d = { ...any, caveat: joinCaveat(`The nearby source (${label}) has no event ${hit.id} in the NDES Lens tables; other readings are listed.`, any.caveat) };
      }
    } else {
      d = decodeEventId(hit.id);
    }
    if (d !== undefined) scan.addClaimed(hit.start, hit.end, d);
  });
}

// ---------------------------------------------------------------------------------------------
// Labelled forms
// ---------------------------------------------------------------------------------------------

const R_SCEP_STATUS = /\b(PkiStatus|FailInfo|EnrollStatus)\((\d{1,6})\)/gi;
const R_LABELLED = /(?<![\w])(WIN32|WinHttp)[ \t]*:[ \t]*(\d{1,10})(?![\w.])/gi;
const R_ERROR_CODE = /\berror[ \t]+(?:code|status)[ \t]*(?:[:=][ \t]*)?(\d{1,10})(?![\w]|\.\d)/gi;

function scanScepStatus(scan: Scan): void {
  const text = scan.text;
  R_SCEP_STATUS.lastIndex = 0;
  for (let m = R_SCEP_STATUS.exec(text); m !== null; m = R_SCEP_STATUS.exec(text)) {
    const field = SCEP_FIELD_BY_LOWER.get((m[1] ?? '').toLowerCase());
    if (field === undefined) continue;
    const d = decodeScepStatus(field, Number(m[2] ?? ''));
    const end = m.index + m[0].length;
    if (d !== undefined) scan.add(m.index, end, d);
    else scan.claim(m.index, end);
  }
}

function scanLabelled(scan: Scan): void {
  const text = scan.text;
  R_LABELLED.lastIndex = 0;
  for (let m = R_LABELLED.exec(text); m !== null; m = R_LABELLED.exec(text)) {
    const n = Number(m[2] ?? '');
    const isWinHttp = (m[1] ?? '').toLowerCase() === 'winhttp';
    let d: CodeDecoding;
    if (isWinHttp) d = decodeWinHttp(n) ?? (n >= 12000 && n <= 12999 ? genericWinHttp(n) : decodeWin32(n) ?? genericWin32(n));
    else d = decodeWin32(n) ?? genericWin32(n);
    scan.add(m.index, m.index + m[0].length, d);
  }
  R_ERROR_CODE.lastIndex = 0;
  for (let m = R_ERROR_CODE.exec(text); m !== null; m = R_ERROR_CODE.exec(text)) {
    const digits = m[1] ?? '';
    const n = Number(digits);
    const d = n > 0xffff ? strongHresult(n) : decodeWin32(n);
    if (d === undefined) continue;
    const end = m.index + m[0].length;
    scan.add(end - digits.length, end, d);
  }
}

// ---------------------------------------------------------------------------------------------
// Hex forms
// ---------------------------------------------------------------------------------------------

const R_HEX_0X = /(?<![\w])0[xX]([0-9a-fA-F]{1,8})(?![\w])/g;
/** 8 hex digits without 0x, optionally with the `lx` printf leftover (`Error hr = 80090014lx`); not the first group of a GUID. */
const R_HEX_BARE = /(?<![\w-])([0-9a-fA-F]{8})(?=lx(?![\w])|(?![\w]|-[0-9a-fA-F]))/g;

/** HRESULT reading that is safe without an explicit 0x prefix (table row or known facility code). */
function strongHresult(value: number): CodeDecoding | undefined {
  const r = readHresult(value);
  if (r === undefined || r.strength === 'generic') return undefined;
  if (toUnsigned32(value) < 0x80000000) return undefined;
  return r.decoding;
}

function scanHex(scan: Scan): void {
  const text = scan.text;
  R_HEX_0X.lastIndex = 0;
  for (let m = R_HEX_0X.exec(text); m !== null; m = R_HEX_0X.exec(text)) {
    const digits = m[1] ?? '';
    const value = parseInt(digits, 16);
    let d: CodeDecoding | undefined;
    if (digits.length === 8 && value !== 0) d = decodeConnectorDiag(value);
    d ??= decodeHresult(value);
    if (d !== undefined) scan.add(m.index, m.index + m[0].length, d);
  }
  R_HEX_BARE.lastIndex = 0;
  for (let m = R_HEX_BARE.exec(text); m !== null; m = R_HEX_BARE.exec(text)) {
    const d = strongHresult(parseInt(m[1] ?? '', 16));
    if (d !== undefined) scan.add(m.index, m.index + 8, d);
  }
}

// ---------------------------------------------------------------------------------------------
// IIS status.substatus and "HTTP Error 503"
// ---------------------------------------------------------------------------------------------

const R_IIS_DOTTED = /(?<![\w.])([1-5]\d\d)\.(\d{1,3})(?![\w]|\.\d)/g;
const R_HTTP_WORD = /\bHTTP(?:[ \t]+Error)?[ \t]+([1-5]\d\d)(?![\w]|\.\d)/gi;

function scanHttpStatus(scan: Scan): void {
  const text = scan.text;
  R_IIS_DOTTED.lastIndex = 0;
  for (let m = R_IIS_DOTTED.exec(text); m !== null; m = R_IIS_DOTTED.exec(text)) {
    const key = `${m[1] ?? ''}.${Number(m[2] ?? '')}`;
    if (!IIS_BY_KEY.has(key)) continue;
    const d = iisBase(Number(m[1] ?? ''), Number(m[2] ?? ''));
    if (d !== undefined) scan.add(m.index, m.index + m[0].length, d);
  }
  R_HTTP_WORD.lastIndex = 0;
  for (let m = R_HTTP_WORD.exec(text); m !== null; m = R_HTTP_WORD.exec(text)) {
    const digits = m[1] ?? '';
    const d = decodeHttpStatus(Number(digits));
    const end = m.index + m[0].length;
    if (d !== undefined) scan.add(end - digits.length, end, d);
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/** Longest identifier worth a lookup (the longest table name is well below this). */
const MAX_IDENT = 64;
/** CamelCase names (no underscore) that are looked up: SCEP enum names and unified-connector event names. */
const CAMEL_PREFIXES: readonly string[] = ['SCEP', 'Scep', 'Pkcs', 'Revoke', 'HealthMessage'];

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Identifier-like tokens worth a lookup: names with an underscore (CERT_E_*, WINHTTP_*, EVENT_MSCEP_*,
 * URL_Length, Invalid_CR/LF, ...) and the CamelCase SCEP / connector names. A manual single pass
 * (a regex with a repeated group would need backtracking stack proportional to the token length).
 * Path segments (`/` on either side) are skipped.
 */
function scanIdentifiers(scan: Scan): void {
  const text = scan.text;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let underscore = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      if (c === 95) underscore = true;
      i++;
    }
    let end = i;
    if (start > 0 && text.charCodeAt(start - 1) === 47) continue; // .../name
    if (end < n && text.charCodeAt(end) === 47) {
      // name/LF suffix (Invalid_CR/LF); anything else with a slash is a path
      let j = end + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      const after = j < n ? text.charCodeAt(j) : 32;
      if (!underscore || j === end + 1 || isWordChar(after) || after === 47) {
        i = j;
        continue;
      }
      end = j;
      i = j;
    }
    if (end - start > MAX_IDENT || !isLetter(text.charCodeAt(start))) continue;
    const word = text.slice(start, end);
    if (!underscore && !CAMEL_PREFIXES.some((p) => word.startsWith(p))) continue;
    const d = SYMBOLS.get(word);
    if (d !== undefined) scan.add(start, end, d);
  }
}

// ---------------------------------------------------------------------------------------------
// Bare decimal numbers (lowest priority)
// ---------------------------------------------------------------------------------------------

const R_DECIMAL = /(?<![\w.\\/:+%#@$&=-]|\d,)(-?)(\d{5,10})(?![\w]|[.,:/]\d|%)/g;

/** Words right before a number that make it a count, id, size or time rather than a code. */
const NON_CODE_LABELS: ReadonlySet<string> = new Set([
  'pid', 'tid', 'processid', 'threadid', 'process', 'thread', 'port', 'sport', 'cport', 's-port', 'c-port',
  'len', 'length', 'size', 'bytes', 'sc-bytes', 'cs-bytes', 'time-taken', 'timetaken', 'time', 'duration',
  'ms', 'count', 'index', 'line', 'offset', 'id', 'request', 'requestid', 'serial', 'version', 'build', 'year',
  'kb', 'record', 'recordid', 'eventrecordid', 'instanceid', 'session', 'sessionid', 'qualifiers',
]);

/** Words right after a number that make it a quantity. */
const NON_CODE_UNITS: ReadonlySet<string> = new Set([
  'ms', 'msec', 'milliseconds', 's', 'sec', 'secs', 'seconds', 'min', 'mins', 'minutes', 'b', 'byte', 'bytes',
  'kb', 'mb', 'gb', 'records', 'events', 'items', 'requests', 'times', 'ticks',
]);

function previousWord(text: string, start: number): string {
  let p = start;
  let skipped = 0;
  while (p > 0 && skipped < 6) {
    const c = text.charCodeAt(p - 1);
    if (isWs(c) || c === 34 || c === 39 || c === 61 || c === 58 || c === 40 || c === 91) {
      p--;
      skipped++;
    } else break;
  }
  const end = p;
  let n = 0;
  while (p > 0 && n < 32) {
    const c = text.charCodeAt(p - 1);
    if (isWordChar(c) || c === 45) {
      p--;
      n++;
    } else break;
  }
  return text.slice(p, end).toLowerCase();
}

function nextWord(text: string, end: number): string {
  let p = end;
  let skipped = 0;
  while (p < text.length && skipped < 3 && isWs(text.charCodeAt(p))) {
    p++;
    skipped++;
  }
  const s = p;
  while (p < text.length && p - s < 16 && isWordChar(text.charCodeAt(p))) p++;
  return text.slice(s, p).toLowerCase();
}

/** The whitespace-separated token before `start` (bounded), e.g. to see whether the number follows an IP address. */
function previousToken(text: string, start: number): string {
  let p = start;
  let skipped = 0;
  while (p > 0 && skipped < 4 && isWs(text.charCodeAt(p - 1))) {
    p--;
    skipped++;
  }
  if (skipped === 0) return '';
  const end = p;
  while (p > 0 && end - p < 48 && !isWs(text.charCodeAt(p - 1))) p--;
  return text.slice(p, end);
}

function isIpAddress(token: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(token) || /^\[?[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}\]?$/.test(token);
}

function precededByError(text: string, start: number): boolean {
  return /\berror[ \t]$/i.test(text.slice(Math.max(0, start - 7), start));
}

function scanDecimals(scan: Scan): void {
  const text = scan.text;
  const quiet = scan.quietLines;
  let q = 0;
  R_DECIMAL.lastIndex = 0;
  for (let m = R_DECIMAL.exec(text); m !== null; m = R_DECIMAL.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    while (q < quiet.length && (quiet[q]?.[1] ?? 0) < start) q++;
    const ql = quiet[q];
    if (ql !== undefined && ql[0] <= start && start <= ql[1]) continue;
    if (!scan.isFree(start, end)) continue;
    const negative = m[1] === '-';
    const n = Number(m[2] ?? '');
    let d: CodeDecoding | undefined;
    if (negative) {
      if (n >= 1 && n <= 0x80000000) d = strongHresult(-n);
    } else if (n >= 0x80000000 && n <= 0xffffffff) {
      d = strongHresult(n);
    } else if (n >= 12000 && n <= 12999) {
      d = decodeWinHttp(n) ?? (precededByError(text, start) ? genericWinHttp(n) : undefined);
    }
    if (d === undefined) continue;
    if (NON_CODE_LABELS.has(previousWord(text, start))) continue;
    if (NON_CODE_UNITS.has(nextWord(text, end))) continue;
    if (isIpAddress(previousToken(text, start))) continue;
    scan.add(start, end, d);
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Find every code printed in `text` and decode it. Mentions are sorted by `start`; no two mentions
 * overlap. Recognisers run in priority order (hinted IIS triplet, W3C / HTTPERR line tails, event ids,
 * SCEP status fields, labelled `WIN32:` / `WinHttp:` / `error code`, hex, IIS status.substatus,
 * symbolic names, bare decimals), and a later one never claims text an earlier one already used.
 */
export function findCodes(text: string, hints?: DecodeHints): CodeMention[] {
  const scan = new Scan(text);
  if (hints?.iisStatus !== undefined) scanIisHint(scan, hints.iisStatus);
  scanLines(scan);
  scan.quietLines.sort((x, y) => x[0] - y[0]);
  scanEventIds(scan);
  scanScepStatus(scan);
  scanLabelled(scan);
  scanHex(scan);
  scanHttpStatus(scan);
  scanIdentifiers(scan);
  scanDecimals(scan);
  return scan.result();
}
