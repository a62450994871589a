import type { Position, SemanticTokensLegend } from 'vscode-languageserver-types';
import { decodeHttpStatus, decodeIisStatus } from './codes/http';
import { decodeWin32 } from './codes/win32';
import { codeSpan, escapeMarkdown } from './guidance';
import { recordAt } from './records';
import type { LogModel, LogRecord } from './types';

/**
 * W3C fields by column: a TextMate grammar cannot know which column is which, the server reads
 * `#Fields`. Semantic tokens colour the values that matter (status class, non-zero substatus and
 * win32, URI stems, user agents) with standard token types; `fieldHover` names and decodes any value.
 *
 * Legend (package.json `semanticTokenScopes` maps each to the IIS grammar's own scope, so colours
 * match the grammar's where it guessed right):
 *  - `keyword` cs-method · `function` cs-uri-stem (`defaultLibrary`: an NDES / CRP endpoint)
 *  - `string` cs(User-Agent) (`defaultLibrary`: the NDES policy module) · `variable` cs-username
 *  - `enumMember` a 1xx/2xx status (`readonly`: 3xx) · `regexp` a 4xx/5xx status, a non-zero substatus or win32
 *  - `number` a zero substatus / win32, time-taken, ports and byte counts
 */
const SEMANTIC_TOKEN_TYPES = ['keyword', 'function', 'string', 'variable', 'enumMember', 'regexp', 'number'] as const;
const SEMANTIC_TOKEN_MODIFIERS = ['defaultLibrary', 'readonly'] as const;
export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** A full request caps here (5 integers each); the range request covers whatever is on screen. */
const MAX_SEMANTIC_TOKENS = 200_000;

/** One value of a W3C record: its `#Fields` name and document offsets. */
interface W3cValue {
  readonly field: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** 0-based column, and the record's column count. */
  readonly column: number;
  readonly columns: number;
}

const TOKEN = /\S+/g;

/** The values of a parsed W3C record in column order (none when the columns did not match `#Fields`). */
function w3cValues(record: LogRecord): W3cValue[] {
  const fields = record.fields;
  if (!fields || record.map || record.kind !== 'entry') return [];
  const names = Object.keys(fields);
  const out: W3cValue[] = [];
  TOKEN.lastIndex = 0;
  let column = 0;
  for (let m = TOKEN.exec(record.text); m; m = TOKEN.exec(record.text)) {
    const field = names[column];
    if (field === undefined) break;
    out.push({ field, value: m[0], start: record.start + m.index, end: record.start + m.index + m[0].length, column, columns: names.length });
    column++;
  }
  return out.length === names.length ? out : [];
}

const NDES_ENDPOINT = /mscep(?:_admin)?\.dll|\/certsrv\/mscep|CertificateRegistrationSvc/i;

/** The token type of one value, or undefined to leave it to the grammar. */
export function classifyValue(field: string, value: string): { type: SemanticTokenType; modifiers: readonly SemanticTokenModifier[] } | undefined {
  if (value === '-') return undefined;
  switch (field) {
    case 'cs-method': return { type: 'keyword', modifiers: [] };
    case 'cs-uri-stem': return { type: 'function', modifiers: NDES_ENDPOINT.test(value) ? ['defaultLibrary'] : [] };
    case 'cs(User-Agent)': return { type: 'string', modifiers: /^NDES_Plugin/i.test(value) ? ['defaultLibrary'] : [] };
    case 'cs-username': return { type: 'variable', modifiers: [] };
    case 'sc-status': {
      const n = Number(value);
      if (!Number.isInteger(n)) return undefined;
      if (n >= 400) return { type: 'regexp', modifiers: [] };
      return { type: 'enumMember', modifiers: n >= 300 ? ['readonly'] : [] };
    }
    case 'sc-substatus':
    case 'sc-win32-status':
      return /^0+$/.test(value) ? { type: 'number', modifiers: [] } : { type: 'regexp', modifiers: [] };
    case 'time-taken': case 's-port': case 'sc-bytes': case 'cs-bytes':
      return { type: 'number', modifiers: [] };
    default: return undefined;
  }
}

/**
 * LSP semantic tokens (relative encoding) for an IIS W3C log, for the whole document or the records
 * touching [range.start, range.end). Other formats get none: their grammars know their structure.
 */
export function semanticTokens(model: LogModel, positionAt: (offset: number) => Position, range?: { start: number; end: number }, maxTokens = MAX_SEMANTIC_TOKENS): number[] {
  const data: number[] = [];
  if (model.format !== 'iis-w3c-log') return data;
  const records = model.records;
  let i = range ? firstRecordFrom(records, range.start) : 0;
  let prevLine = 0;
  let prevChar = 0;
  let tokens = 0;
  for (; i < records.length && tokens < maxTokens; i++) {
    const r = records[i];
    if (!r) continue;
    if (range && r.start >= range.end) break;
    for (const v of w3cValues(r)) {
      const c = classifyValue(v.field, v.value);
      if (!c) continue;
      const p = positionAt(v.start);
      data.push(p.line - prevLine, p.line === prevLine ? p.character - prevChar : p.character, v.end - v.start,
        SEMANTIC_TOKEN_TYPES.indexOf(c.type), c.modifiers.reduce((bits, m) => bits | (1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m)), 0));
      prevLine = p.line;
      prevChar = p.character;
      tokens++;
    }
  }
  return data;
}

function firstRecordFrom(records: readonly LogRecord[], offset: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((records[mid]?.end ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Hover on a W3C value
// ---------------------------------------------------------------------------------------------

interface FieldHover {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/** The W3C value under the cursor: its field name, column and what it means. Log text only in code spans. */
export function fieldHover(model: LogModel, offset: number): FieldHover | null {
  if (model.format !== 'iis-w3c-log') return null;
  const record = model.records[recordAt(model.records, offset)];
  if (!record) return null;
  const values = w3cValues(record);
  const v = values.find((x) => x.start <= offset && offset <= x.end);
  if (!v) return null;
  const head = `**${escapeMarkdown(v.field)}** (W3C column ${v.column + 1} of ${v.columns}): ${codeSpan(v.value)}`;
  const meaning = describeValue(v, record);
  return { markdown: meaning ? `${head}\n\n${meaning}` : head, start: v.start, end: v.end };
}

const FIELD_MEANING: Readonly<Record<string, string>> = {
  'date': 'Date the request completed, in UTC (IIS writes W3C logs in UTC).',
  'time': 'Time the request completed, in UTC: IIS writes the line when the response is sent, so it follows the lines the request caused in NDESPlugin.log and the CRP trace.',
  's-ip': 'Address of the server that answered.',
  'c-ip': 'Address of the client. Behind Microsoft Entra application proxy this is the connector server, not the device.',
  's-port': 'Server port.',
  'cs-username': 'Authenticated user (`-`: anonymous, as SCEP requests are).',
  'cs(Referer)': 'Referring page.',
  'time-taken': 'Time taken, in milliseconds.',
  'sc-bytes': 'Bytes sent by the server.',
  'cs-bytes': 'Bytes received by the server.',
  's-sitename': 'IIS site (W3SVC1 is the Default Web Site).',
  's-computername': 'Server name.',
  'cs-host': 'Host header the client sent.',
};

function describeValue(v: W3cValue, record: LogRecord): string {
  const n = Number(v.value);
  switch (v.field) {
    case 'cs-method': return `HTTP method. SCEP uses GET for GetCACaps / GetCACert and GET or POST for PKIOperation.`;
    case 'cs-uri-stem': return endpointMeaning(v.value);
    case 'cs-uri-query': return queryMeaning(v.value);
    case 'cs(User-Agent)': return userAgentMeaning(v.value);
    case 'sc-status': {
      const d = record.http ? decodeIisStatus(record.http.status, record.http.substatus) : decodeHttpStatus(n);
      return d ? `HTTP status ${codeSpan(d.code)}: ${escapeMarkdown(d.meaning)}` : 'HTTP status.';
    }
    case 'sc-substatus': {
      const status = record.http?.status;
      const d = status !== undefined ? decodeIisStatus(status, n) : undefined;
      return d ? `IIS substatus: ${codeSpan(d.code)} ${escapeMarkdown(d.meaning)}` : 'IIS substatus.';
    }
    case 'sc-win32-status': {
      if (n === 0) return 'Win32 status 0: the request completed without a Windows error.';
      const d = Number.isInteger(n) ? decodeWin32(n) : undefined;
      if (!d) return 'Win32 status (not in the NDES Lens tables; `certutil -error <n>` prints its text).';
      return `Win32 status → **${escapeMarkdown([d.code, d.symbol].filter(Boolean).join(' '))}**: ${escapeMarkdown(d.meaning)}`;
    }
    case 'time-taken': return Number.isFinite(n) ? `Time taken: ${n.toLocaleString('en-US')} ms (${(n / 1000).toFixed(3)} s).` : FIELD_MEANING['time-taken'] ?? '';
    case 's-port': return n === 443 ? 'Server port 443 (HTTPS).' : n === 80 ? 'Server port 80 (HTTP).' : 'Server port.';
    default: return FIELD_MEANING[v.field] ?? '';
  }
}

function endpointMeaning(stem: string): string {
  if (/mscep_admin/i.test(stem)) return 'NDES administration page (shows or resets the enrollment challenge); devices never call it.';
  if (/mscep\.dll|\/certsrv\/mscep/i.test(stem)) return 'NDES SCEP endpoint: devices call it for GetCACaps, GetCACert and PKIOperation.';
  if (/CertificateRegistrationSvc\/Certificate\/VerifyRequest/i.test(stem)) return 'Intune Certificate Registration Point: the NDES policy module asks it to verify the SCEP challenge (stage 3).';
  if (/CertificateRegistrationSvc\/Certificate\/Notify/i.test(stem)) return 'Intune Certificate Registration Point: the NDES policy module reports an issued certificate (stage 6).';
  if (/CertificateRegistrationSvc/i.test(stem)) return 'Intune Certificate Registration Point (Intune Certificate Connector).';
  return 'Requested path (URI stem).';
}

const SCEP_OPERATIONS: Readonly<Record<string, string>> = {
  getcacaps: 'the device asks which capabilities the CA supports',
  getcacert: 'the device downloads the CA / RA certificates',
  pkioperation: 'the enrollment request itself (the CSR with the challenge)',
  getnextcacert: 'the device asks for the next CA certificate (rollover)',
};

function queryMeaning(query: string): string {
  const op = /(?:^|&)operation=([^&]*)/i.exec(query)?.[1];
  const message = /(?:^|&)message=([^&]*)/i.exec(query)?.[1];
  const parts: string[] = ['Query string.'];
  if (op) {
    const known = SCEP_OPERATIONS[op.toLowerCase()];
    parts.push(`SCEP operation ${codeSpan(op)}${known ? `: ${known}` : ''}.`);
  }
  if (message !== undefined) parts.push(`\`message\` carries ${message.length.toLocaleString('en-US')} characters (URL-encoded).`);
  return parts.join(' ');
}

function userAgentMeaning(raw: string): string {
  const ua = raw.replace(/\+/g, ' ');
  const who = /^NDES_Plugin/i.test(ua) ? 'the Intune NDES policy module on this server'
    : /CFNetwork|Darwin|profiled/i.test(ua) ? 'an Apple device (iOS / iPadOS / macOS profile daemon)'
      : /Dalvik|Android/i.test(ua) ? 'an Android device'
        : /Win32|Windows/i.test(ua) ? 'a Windows client'
          : undefined;
  return `User agent ${codeSpan(ua)}${who ? `: ${who}` : ''}.`;
}
