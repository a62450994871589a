import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeConnectorDiag } from '../../server/src/core/codes/connector';
import type { CodeKind } from '../../server/src/core/codes/decoding';
import { decodeEventId, eventReadings } from '../../server/src/core/codes/events';
import { findCodes, type CodeMention, type DecodeHints } from '../../server/src/core/codes/find';
import { decodeHresult } from '../../server/src/core/codes/hresult';
import { decodeHttpStatus, decodeHttpSysReason, decodeIisStatus } from '../../server/src/core/codes/http';
import { decodeScepStatus } from '../../server/src/core/codes/scep';
import { decodeSymbol } from '../../server/src/core/codes/symbols';
import { CA_EVENTS, CONNECTOR_DIAG_CODES, DEVICE_EVENTS, DM_STATUSES, EVENT_LOGS, HRESULTS, HTTPSYS_REASONS, IIS_STATUSES, LEGACY_CONNECTOR_EVENTS, NDES_EVENTS, OTHER_EVENTS, SCEP_STATUSES, TABLE_ROW_COUNTS, UNIFIED_CONNECTOR_EVENTS, WIN32_ERRORS, WINHTTP_CALLBACK_FLAGS, WINHTTP_ERRORS, hex8, hresultFromWin32, toSigned32, toUnsigned32, type CodeInfo, type EventEntry, type EventLogId } from '../../server/src/core/codes/tables';
import { decodeWin32, decodeWinHttp } from '../../server/src/core/codes/win32';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** findCodes plus the invariants every result must satisfy. */
function find(text: string, hints?: DecodeHints): CodeMention[] {
  const ms = hints === undefined ? findCodes(text) : findCodes(text, hints);
  let lastStart = -1;
  let lastEnd = -1;
  for (const m of ms) {
    assert.equal(text.slice(m.start, m.end), m.raw, `raw must equal the slice for ${JSON.stringify(m)}`);
    assert.ok(m.start < m.end, 'non-empty span');
    assert.ok(m.start >= lastStart, 'sorted by start');
    assert.ok(m.start >= lastEnd, `no overlap: ${m.raw} at ${m.start}`);
    assert.ok(m.meaning.length > 0, 'has meaning');
    assert.match(m.source, /^https:\/\//, 'source is a URL');
    lastStart = m.start;
    lastEnd = m.end;
  }
  return ms;
}

interface Expect {
  readonly kind: CodeKind;
  readonly code: string;
  readonly symbol?: string;
}

/** A mention whose raw text is `raw` at its first occurrence in `text` at or after `from`, with the expected decoding. */
function expectAt(text: string, raw: string, e: Expect, from = 0): CodeMention {
  const start = text.indexOf(raw, from);
  assert.ok(start >= 0, `fixture must contain ${raw}`);
  const ms = find(text);
  const m = ms.find((x) => x.start === start && x.end === start + raw.length);
  assert.ok(m !== undefined, `no mention for ${JSON.stringify(raw)} in ${JSON.stringify(text)}; got ${JSON.stringify(ms.map((x) => [x.raw, x.kind, x.code]))}`);
  assert.equal(m.kind, e.kind, `kind of ${raw}`);
  assert.equal(m.code, e.code, `code of ${raw}`);
  if (e.symbol !== undefined) assert.equal(m.symbol, e.symbol, `symbol of ${raw}`);
  return m;
}

function expectNone(text: string, hints?: DecodeHints): void {
  const ms = find(text, hints);
  assert.deepEqual(ms.map((m) => `${m.raw} (${m.kind} ${m.code})`), [], `expected no mentions in ${JSON.stringify(text)}`);
}

function hexLower(v: number): string {
  return toUnsigned32(v).toString(16).padStart(8, '0');
}

function hexUpper(v: number): string {
  return hexLower(v).toUpperCase();
}

const IIS_PREFIX = '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin -';
const UA_PREFIX = '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) -';

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

test('tables: row counts match codes.md', () => {
  assert.deepEqual(TABLE_ROW_COUNTS, {
    winhttpErrors: 35,
    winhttpCallbackFlags: 8,
    hresults: 54,
    dmStatuses: 1,
    win32Errors: 8,
    iisStatuses: 30,
    httpSysReasons: 22,
    scepStatuses: 15,
    connectorDiagCodes: 12,
    legacyConnectorEvents: 19,
    unifiedConnectorEvents: 61,
    ndesEvents: 14,
    caEvents: 6,
    deviceEvents: 8,
    otherEvents: 4,
  });
});

test('tables: every entry has meaning and an https source; keys are unique', () => {
  const all: ReadonlyArray<readonly [string, readonly CodeInfo[], (x: never) => string]> = [
    ['winhttp', WINHTTP_ERRORS, (x: { code: number }) => String(x.code)],
    ['flags', WINHTTP_CALLBACK_FLAGS, (x: { name: string }) => x.name],
    ['hresult', HRESULTS, (x: { value: number }) => String(x.value)],
    ['dm', DM_STATUSES, (x: { value: number }) => String(x.value)],
    ['win32', WIN32_ERRORS, (x: { code: number }) => String(x.code)],
    ['iis', IIS_STATUSES, (x: { status: number; substatus?: number }) => `${x.status}.${x.substatus ?? '*'}`],
    ['reasons', HTTPSYS_REASONS, (x: { reason: string }) => x.reason],
    ['scep', SCEP_STATUSES, (x: { field: string; value: number }) => `${x.field}${x.value}`],
    ['diag', CONNECTOR_DIAG_CODES, (x: { value: number }) => String(x.value)],
    ['events', [...NDES_EVENTS, ...CA_EVENTS, ...UNIFIED_CONNECTOR_EVENTS, ...LEGACY_CONNECTOR_EVENTS, ...DEVICE_EVENTS, ...OTHER_EVENTS], (x: EventEntry) => `${x.log}:${x.id}`],
  ];
  for (const [name, rows, key] of all) {
    const seen = new Set<string>();
    for (const r of rows) {
      assert.ok(r.meaning.trim().length > 0, `${name}: meaning`);
      assert.match(r.source, /^https:\/\/\S+$/, `${name}: source URL`);
      const k = (key as (x: unknown) => string)(r);
      assert.ok(!seen.has(k), `${name}: duplicate key ${k}`);
      seen.add(k);
    }
  }
});

test('tables: computed decimal forms agree with values printed in codes.md', () => {
  assert.equal(toUnsigned32(0x800b0109), 2148204809);
  assert.equal(toSigned32(0x800b0109), -2146762487);
  assert.equal(toSigned32(0x80094800), -2146875392);
  assert.equal(toSigned32(0x80190194), -2145844844);
  assert.equal(toUnsigned32(0x80072f8f), 2147954575);
  assert.equal(hresultFromWin32(12175), 0x80072f8f);
  assert.equal(hresultFromWin32(1722), 0x800706ba);
  assert.equal(hex8(0x2ab0003), '0x02AB0003');
  assert.equal(0x2ab0003, 44761091);
  for (const w of WINHTTP_ERRORS) assert.equal(toUnsigned32(hresultFromWin32(w.code)) >>> 16, 0x8007);
  for (const h of HRESULTS) {
    if (h.win32 !== undefined) assert.equal(h.value & 0xffff, h.win32, `${h.symbol ?? ''} low word`);
    if (h.httpStatus !== undefined) assert.equal(h.value & 0xffff, h.httpStatus);
  }
});

test('tables: UNCONFIRMED facts from codes.md are flagged', () => {
  const unconfirmedHr = HRESULTS.filter((h) => h.unconfirmed === true).map((h) => hex8(h.value));
  assert.deepEqual(unconfirmedHr.sort(), ['0x80190193', '0x801901F4', '0x801901F7']);
  assert.equal(NDES_EVENTS.find((e) => e.id === 53)?.unconfirmed, true);
  assert.equal(CA_EVENTS.find((e) => e.id === 44)?.unconfirmed, true);
  assert.equal(CA_EVENTS.find((e) => e.id === 77)?.unconfirmed, true);
  assert.equal(HTTPSYS_REASONS.find((r) => r.reason === 'URL_Length')?.unconfirmed, true);
  assert.equal(HRESULTS.find((h) => h.symbol === 'HTTP_E_STATUS_NOT_FOUND')?.unconfirmed, undefined);
});

// ---------------------------------------------------------------------------------------------
// Every row, every printed form
// ---------------------------------------------------------------------------------------------

test('§1 WinHTTP: every row decodes as Error n, bare n, WinHttp: n, HRESULT hex (all cases), unsigned, signed and name', () => {
  for (const w of WINHTTP_ERRORS) {
    const win: Expect = { kind: 'winhttp', code: String(w.code), symbol: w.name };
    expectAt(`Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error ${w.code}`, String(w.code), win);
    expectAt(`WinHTTP returned ${w.code} for the call`, String(w.code), win);
    expectAt(`init failed: x (WinHttp: ${w.code} ${w.name})`, `WinHttp: ${w.code}`, win);
    expectAt(`browser shows ${w.name}`, w.name, win);
    const hr = hresultFromWin32(w.code);
    const hrE: Expect = { kind: 'hresult', code: hex8(hr), symbol: w.name };
    for (const raw of [`0x${hexUpper(hr)}`, `0x${hexLower(hr)}`, `0X${hexUpper(hr)}`, hexUpper(hr), hexLower(hr)]) {
      expectAt(`LogError ${raw} here`, raw, hrE);
    }
    expectAt(`status ${toUnsigned32(hr)} logged`, String(toUnsigned32(hr)), hrE);
    expectAt(`code ${hex8(hr)} (${toSigned32(hr)} ${w.name})`, String(toSigned32(hr)), hrE);
    assert.equal(decodeWinHttp(w.code)?.symbol, w.name);
    assert.equal(decodeWin32(w.code)?.kind, 'winhttp');
  }
});

test('§2 WinHTTP callback flags: every name decodes', () => {
  for (const f of WINHTTP_CALLBACK_FLAGS) {
    const m = expectAt(`${f.name}\nFailed to send http request x. Error 12175`, f.name, { kind: 'winhttp-flag', code: hex8(f.value), symbol: f.name });
    assert.equal(m.meaning, f.meaning);
  }
});

test('§3 HRESULTs: every row decodes in hex (upper/lower, with/without 0x), unsigned, signed and by symbol', () => {
  for (const h of HRESULTS) {
    const e: Expect = h.symbol === undefined ? { kind: 'hresult', code: hex8(h.value) } : { kind: 'hresult', code: hex8(h.value), symbol: h.symbol };
    for (const raw of [`0x${hexUpper(h.value)}`, `0x${hexLower(h.value)}`, hexUpper(h.value), hexLower(h.value)]) {
      const m = expectAt(`The call failed (${raw}).`, raw, e);
      assert.equal(m.meaning, h.meaning);
      assert.equal(m.unconfirmed, h.unconfirmed);
    }
    expectAt(`${IIS_PREFIX} 403 16 ${toUnsigned32(h.value)} 31`, String(toUnsigned32(h.value)), e);
    expectAt(`seen as ${toUnsigned32(h.value)} in a report`, String(toUnsigned32(h.value)), e);
    expectAt(`0x${hexLower(h.value)} (${toSigned32(h.value)} ${h.symbol ?? 'X'})`, String(toSigned32(h.value)), e);
    if (h.symbol !== undefined) {
      const d = decodeSymbol(h.symbol);
      assert.ok(d !== undefined, h.symbol);
      assert.equal(find(`text ${h.symbol} text`).length, 1, `symbol ${h.symbol} recognised`);
    }
    assert.equal(decodeHresult(h.value)?.code, hex8(h.value));
    assert.equal(decodeHresult(toSigned32(h.value))?.code, hex8(h.value));
  }
});

test('§3g DM status: 0x2ab0003 in both widths and by symbol', () => {
  for (const d of DM_STATUSES) {
    const e: Expect = { kind: 'dm-status', code: hex8(d.value), symbol: d.symbol };
    expectAt('SCEP: CspExecute for UniqueId : (x) Result : (Unknown Win32 Error code: 0x2ab0003)', '0x2ab0003', e);
    expectAt('Result 0x02AB0003.', '0x02AB0003', e);
    expectAt(`status ${d.symbol}`, d.symbol, e);
  }
});

test('§4 Win32: every row decodes as WIN32: n, IIS sc-win32-status, error code n, HRESULT form and symbol', () => {
  for (const w of WIN32_ERRORS) {
    const e: Expect = { kind: 'win32', code: String(w.code), symbol: w.symbol };
    expectAt(`0x80070057 (WIN32: ${w.code} ${w.symbol})`, `WIN32: ${w.code}`, e);
    expectAt(`WIN32:${w.code}`, `WIN32:${w.code}`, e);
    expectAt(`${UA_PREFIX} 500 0 ${w.code} 15`, String(w.code), e, UA_PREFIX.length + ' 500 0 '.length);
    expectAt(`CustomAction X returned actual error code ${w.code}`, String(w.code), e);
    const d = decodeSymbol(w.symbol);
    assert.equal(d?.kind, 'win32', w.symbol);
    if (w.code !== 0) {
      const hr = hresultFromWin32(w.code);
      expectAt(`Error 0x${hexLower(hr)}: failed`, `0x${hexLower(hr)}`, { kind: 'hresult', code: hex8(hr) });
    }
  }
});

test('§5 IIS: every row decodes from the W3C triplet, from status.substatus and from HTTP Error n', () => {
  for (const r of IIS_STATUSES) {
    const sub = r.substatus ?? 0;
    const line = `${UA_PREFIX} ${r.status} ${sub} 0 12`;
    const m = expectAt(line, `${r.status} ${sub}`, { kind: 'http-status', code: `${r.status}.${sub}` }, UA_PREFIX.length);
    expectAt(line, '0', { kind: 'win32', code: '0', symbol: 'ERROR_SUCCESS' }, UA_PREFIX.length + ` ${r.status} ${sub} `.length);
    const direct = decodeIisStatus(r.status, sub, 0);
    assert.equal(direct?.meaning, m.meaning);
    assert.equal(direct.win32Decoding?.symbol, 'ERROR_SUCCESS');
    if (r.substatus !== undefined) {
      const mm = expectAt(`HTTP Error ${r.status}.${r.substatus} - ${r.title}`, `${r.status}.${r.substatus}`, { kind: 'http-status', code: `${r.status}.${r.substatus}` });
      assert.ok(mm.meaning.startsWith(r.title), mm.meaning);
    } else {
      const mm = expectAt(`HTTP Error ${r.status}. ${r.title}`, String(r.status), { kind: 'http-status', code: String(r.status) });
      assert.ok(mm.meaning.startsWith(r.title), mm.meaning);
      assert.equal(decodeHttpStatus(r.status)?.meaning, mm.meaning);
    }
  }
});

test('§5 http.sys: every reason phrase decodes in an HTTPERR line; underscore phrases also stand alone', () => {
  for (const r of HTTPSYS_REASONS) {
    const status = r.category === 'unavailable' ? '503' : r.category === 'timeout' ? '-' : '400';
    const line = `2024-03-05 08:20:11 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps ${status} 1 ${r.reason} SCEP`;
    const m = expectAt(line, r.reason, { kind: 'httpsys-reason', code: r.reason });
    assert.equal(m.meaning, r.meaning);
    if (status !== '-') expectAt(line, status, { kind: 'http-status', code: status }, line.indexOf(` ${status} 1 `) + 1);
    expectAt(line.replace(' SCEP', ' -'), r.reason, { kind: 'httpsys-reason', code: r.reason });
    expectAt(line.replace(' SCEP', ''), r.reason, { kind: 'httpsys-reason', code: r.reason });
    if (r.reason.includes('_')) expectAt(`the log shows ${r.reason} for that request`, r.reason, { kind: 'httpsys-reason', code: r.reason });
    assert.equal(decodeHttpSysReason(r.reason)?.code, r.reason);
  }
});

test('§6 SCEP status: every value decodes as Field(n) and by name where the name is distinctive', () => {
  for (const s of SCEP_STATUSES) {
    const text = `SCEP Certificate enrollment for x via https://h failed:\n  ${s.field}(${s.value}): ${s.name}`;
    expectAt(text, `${s.field}(${s.value})`, { kind: 'scep-status', code: `${s.field}(${s.value})`, symbol: s.name });
    if (s.name.startsWith('SCEP')) expectAt(text, s.name, { kind: 'scep-status', code: `${s.field}(${s.value})`, symbol: s.name });
    assert.equal(decodeScepStatus(s.field, s.value)?.symbol, s.name);
  }
});

test('§7 legacy connector diagnostic codes: 8-digit hex wins over HRESULT decoding; names decode', () => {
  for (const c of CONNECTOR_DIAG_CODES) {
    const raw = `0x${hexUpper(c.value)}`;
    if (c.value === 0) {
      expectAt(`Event 20500 diagnostic ${raw}`, raw, { kind: 'hresult', code: '0x00000000', symbol: 'S_OK' });
      continue;
    }
    const e: Expect = { kind: 'connector-diag', code: hex8(c.value), symbol: c.name };
    expectAt(`EventID 20502 with diagnostic code ${raw}`, raw, e);
    expectAt(`code 0x${hexLower(c.value)}`, `0x${hexLower(c.value)}`, e);
    if (c.name.includes('_')) expectAt(`(${c.name})`, c.name, e);
    assert.equal(decodeConnectorDiag(c.value)?.symbol, c.name);
  }
});

const LOG_TABLES: ReadonlyArray<readonly [EventLogId | 'mixed', readonly EventEntry[]]> = [
  ['ndes', NDES_EVENTS],
  ['ca', CA_EVENTS],
  ['unified-connector', UNIFIED_CONNECTOR_EVENTS],
  ['legacy-connector', LEGACY_CONNECTOR_EVENTS],
  ['mixed', DEVICE_EVENTS],
  ['mixed', OTHER_EVENTS],
];

test('§7–§11 event ids: every row decodes with its provider named (copy-as-text, XML, PowerShell)', () => {
  for (const [, rows] of LOG_TABLES) {
    for (const e of rows) {
      const log = EVENT_LOGS.find((l) => l.id === e.log);
      assert.ok(log !== undefined);
      const provider = log.names[0] ?? '';
      const exp: Expect = e.name === undefined ? { kind: 'event-id', code: `event ${e.id}` } : { kind: 'event-id', code: `event ${e.id}`, symbol: e.name };
      const copy = `Log Name:      Application\nSource:        ${provider}\nDate:          3/5/2024 9:14:05 AM\nEvent ID:      ${e.id}\nTask Category: None\n`;
      const m1 = expectAt(copy, `Event ID:      ${e.id}`, exp);
      assert.equal(m1.eventLog, e.log);
      assert.equal(m1.alternatives, undefined);
      const xml = `<Event><System><Provider Name="${provider}" /><EventID Qualifiers="0">${e.id}</EventID><Level>2</Level></System></Event>`;
      const m2 = expectAt(xml, String(e.id), exp, xml.indexOf('<EventID'));
      assert.equal(m2.eventLog, e.log);
      const ps = `TimeCreated  : 3/5/2024 9:14:05 AM\nProviderName : ${provider}\nId           : ${e.id}\nMessage      : x`;
      const m3 = expectAt(ps, `Id           : ${e.id}`, exp);
      assert.equal(m3.eventLog, e.log);
      assert.equal(decodeEventId(e.id, e.log)?.eventLog, e.log);
    }
  }
});

test('event ids: ambiguous without a provider; unique ids still decode', () => {
  const m = expectAt('Event ID: 1000', 'Event ID: 1000', { kind: 'event-id', code: 'event 1000' });
  assert.equal(m.eventLog, undefined);
  assert.deepEqual(m.alternatives?.map((a) => a.eventLog).sort(), ['application-error', 'unified-connector']);
  assert.match(m.meaning, /PkcsRequestSuccess/);
  assert.match(m.meaning, /Application Error/);
  const m53 = expectAt('EventID 53', 'EventID 53', { kind: 'event-id', code: 'event 53' });
  assert.deepEqual(m53.alternatives?.map((a) => a.eventLog).sort(), ['ca', 'ndes']);
  const u = expectAt('Event ID: 4005', 'Event ID: 4005', { kind: 'event-id', code: 'event 4005', symbol: 'ScepVerifyFailure' });
  assert.equal(u.eventLog, 'unified-connector');
  assert.match(u.caveat ?? '', /not named/);
  assert.equal(eventReadings(1000).length, 2);
  // provider named → that table only
  const app = expectAt('Source: Application Error\nEvent ID: 1000\nFaulting application name: w3wp.exe', 'Event ID: 1000', { kind: 'event-id', code: 'event 1000' });
  assert.equal(app.eventLog, 'application-error');
  const cc = expectAt('Log Name: Microsoft-Intune-CertificateConnectors/Admin\nEvent ID: 1000', 'Event ID: 1000', { kind: 'event-id', code: 'event 1000' });
  assert.equal(cc.eventLog, 'unified-connector');
  // provider after the id (Get-EventLog | fl puts Source later)
  const after = expectAt('EventID : 53\nMessage : ...\nSource : CertificationAuthority', 'EventID : 53', { kind: 'event-id', code: 'event 53' });
  assert.equal(after.eventLog, 'ca');
  // two records: each event takes the provider of its own record
  const two = 'Source: Microsoft-Windows-NetworkDeviceEnrollmentService\nEvent ID: 53\n\nSource: Microsoft-Windows-CertificationAuthority\nEvent ID: 53\n';
  const ms = find(two).filter((x) => x.kind === 'event-id');
  assert.deepEqual(ms.map((x) => x.eventLog), ['ndes', 'ca']);
});

// ---------------------------------------------------------------------------------------------
// Examples from codes.md §0 and signatures.md
// ---------------------------------------------------------------------------------------------

test('examples: IIS 403 16 2148204809 → 403.16 + 0x800B0109 CERT_E_UNTRUSTEDROOT', () => {
  const line = '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31';
  const ms = find(line);
  assert.deepEqual(ms.map((m) => [m.raw, m.kind, m.code, m.symbol]), [
    ['403 16', 'http-status', '403.16', undefined],
    ['2148204809', 'hresult', '0x800B0109', 'CERT_E_UNTRUSTEDROOT'],
  ]);
  // Microsoft's article wraps the record: the second physical line starts with the user agent
  assert.equal(find('NDES_Plugin - 403 16 2148204809').length, 2);
  assert.equal(find('403 16 2148204809').length, 2);
  assert.equal(decodeIisStatus(403, 16, 2148204809)?.win32Decoding?.symbol, 'CERT_E_UNTRUSTEDROOT');
});

test('examples: 500 0 1346, 401 2 5, 200 0 0, 201 0 0 341 875', () => {
  const l1 = '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 500 0 1346 31';
  assert.deepEqual(find(l1).map((m) => [m.raw, m.code, m.symbol]), [['500 0', '500.0', undefined], ['1346', '1346', 'ERROR_BAD_IMPERSONATION_LEVEL']]);
  const l2 = '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0) - 401 2 5 0';
  assert.deepEqual(find(l2).map((m) => [m.raw, m.code, m.symbol]), [['401 2', '401.2', undefined], ['5', '5', 'ERROR_ACCESS_DENIED']]);
  const l3 = `${UA_PREFIX} 200 0 0 12`;
  assert.deepEqual(find(l3).map((m) => [m.raw, m.code]), [['200 0', '200.0'], ['0', '0']]);
  const l4 = 'POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 201 0 0 341 875';
  assert.deepEqual(find(l4).map((m) => [m.raw, m.code]), [['201 0', '201.0'], ['0', '0']]);
});

test('examples: CA event bracket forms', () => {
  const t = 'Active Directory Certificate Services denied request 4711 because The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE).  The request was for CONTOSO\\svc. Additional information: Denied by Policy Module';
  assert.deepEqual(find(t).map((m) => [m.raw, m.kind, m.code]), [
    ['0x80094800', 'hresult', '0x80094800'],
    ['-2146875392', 'hresult', '0x80094800'],
    ['CERTSRV_E_UNSUPPORTED_CERT_TYPE', 'hresult', '0x80094800'],
  ]);
  expectAt('0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)', '-2146877422', { kind: 'hresult', code: '0x80094012', symbol: 'CERTSRV_E_TEMPLATE_DENIED' });
  expectAt('0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module', '0x80094811', { kind: 'hresult', code: '0x80094811', symbol: 'CERTSRV_E_KEY_LENGTH' });
  expectAt('The returned status code is 0x8007054b (-2147023541)', '-2147023541', { kind: 'hresult', code: '0x8007054B', symbol: 'ERROR_NO_SUCH_DOMAIN' });
  expectAt('0x80190194 (-2145844844 HTTP_E_STATUS_NOT_FOUND)', '-2145844844', { kind: 'hresult', code: '0x80190194', symbol: 'HTTP_E_STATUS_NOT_FOUND' });
  expectAt('0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG)', 'CRYPT_E_ASN1_BADTAG', { kind: 'hresult', code: '0x8009310B' });
});

test('examples: WinHTTP / WIN32 bracket forms from CertEnroll and svclog', () => {
  const t1 = 'SCEP Certificate enrollment initialization for WORKGROUP\\x via https://ndes/certsrv/mscep/mscep.dll failed: GetCACaps 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)';
  assert.deepEqual(find(t1).map((m) => [m.raw, m.kind, m.code, m.symbol]), [
    ['0x80072f8f', 'hresult', '0x80072F8F', 'ERROR_WINHTTP_SECURE_FAILURE'],
    ['WinHttp: 12175', 'winhttp', '12175', 'ERROR_WINHTTP_SECURE_FAILURE'],
    ['ERROR_WINHTTP_SECURE_FAILURE', 'winhttp', '12175', 'ERROR_WINHTTP_SECURE_FAILURE'],
  ]);
  const t2 = 'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x800706BA): CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)';
  assert.deepEqual(find(t2).map((m) => [m.raw, m.kind, m.code]), [
    ['0x800706BA', 'hresult', '0x800706BA'],
    ['0x800706ba', 'hresult', '0x800706BA'],
    ['WIN32: 1722', 'win32', '1722'],
    ['RPC_S_SERVER_UNAVAILABLE', 'win32', '1722'],
  ]);
  expectAt('CCertRequest::Submit: The parameter is incorrect. 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)', 'WIN32: 87', { kind: 'win32', code: '87', symbol: 'ERROR_INVALID_PARAMETER' });
  // KB prints WIN32: 1322 — not in the tables, still decoded generically
  const g = expectAt('0x800706ba (WIN32: 1322 ERROR_X)', 'WIN32: 1322', { kind: 'win32', code: '1322' });
  assert.equal(g.derived, true);
  expectAt('The call failed (WinHttp: 12031)', 'WinHttp: 12031', { kind: 'winhttp', code: '12031' });
});

test('examples: device-side HRESULTs (HTTP facility, WinHTTP, DM status)', () => {
  expectAt("SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://x', CA cert thumbprint 'AB' LogError 0x80190194", '0x80190194', { kind: 'hresult', code: '0x80190194', symbol: 'HTTP_E_STATUS_NOT_FOUND' });
  expectAt('LogError 0x80072f78', '0x80072f78', { kind: 'hresult', code: '0x80072F78', symbol: 'ERROR_WINHTTP_INVALID_SERVER_RESPONSE' });
  const derived = expectAt('LogError 0x80190191', '0x80190191', { kind: 'hresult', code: '0x80190191' });
  assert.equal(derived.derived, true);
  assert.match(derived.meaning, /HTTP 401/);
  const u = expectAt('LogError 0x80190193', '0x80190193', { kind: 'hresult', code: '0x80190193' });
  assert.equal(u.unconfirmed, true);
  expectAt('SCEP: CspExecute for UniqueId : (abc) Result : (Unknown Win32 Error code: 0x2ab0003)', '0x2ab0003', { kind: 'dm-status', code: '0x02AB0003', symbol: 'DM_S_ACCEPTED_FOR_PROCESSING' });
});

test('examples: NDESPlugin.log lines', () => {
  const t = 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID\nFailed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175\nExiting VerifyRequest with 0x0\nExiting Notify with 0x0';
  assert.deepEqual(find(t).map((m) => [m.raw, m.kind, m.code]), [
    ['WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID', 'winhttp-flag', '0x00000010'],
    ['12175', 'winhttp', '12175'],
    ['0x0', 'hresult', '0x00000000'],
    ['0x0', 'hresult', '0x00000000'],
  ]);
  assert.match(find('Exiting VerifyRequest with 0x0')[0]?.meaning ?? '', /succeeded/);
});

test('examples: CAPI2 / SetupMsi bare hex and MSI codes', () => {
  expectAt('A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B0109', '800B0109', { kind: 'hresult', code: '0x800B0109', symbol: 'CERT_E_UNTRUSTEDROOT' });
  const t = 'AddNDESToCertPrivKey: Error 0x80090014: CryptAcquireContext failed. Error hr = 80090014lx\nCustomAction AddNDESToCertPrivKey returned actual error code 1603\nInstallation success or error status: 0.';
  assert.deepEqual(find(t).map((m) => [m.raw, m.kind, m.code]), [
    ['0x80090014', 'hresult', '0x80090014'],
    ['80090014', 'hresult', '0x80090014'],
    ['1603', 'win32', '1603'],
    ['0', 'win32', '0'],
  ]);
  expectAt('WriteIIS7ConfigChanges:  Error 0x80070002: Site not found for create application', '0x80070002', { kind: 'hresult', code: '0x80070002', symbol: 'ERROR_FILE_NOT_FOUND' });
  expectAt('ConfigureIISLimits returned actual error code 1168', '1168', { kind: 'win32', code: '1168', symbol: 'ERROR_NOT_FOUND' });
});

test('examples: NDES events 2/10/31 and legacy connector codes', () => {
  const t = 'Log Name:      Application\nSource:        Microsoft-Windows-NetworkDeviceEnrollmentService\nEvent ID:      31\nLevel:         Error\nDescription:\nThe Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.). 0x80004005';
  assert.deepEqual(find(t).map((m) => [m.raw, m.code, m.symbol, m.eventLog]), [
    ['Event ID:      31', 'event 31', 'EVENT_MSCEP_FAIL_SUBMIT', 'ndes'],
    ['0x80004005', '0x80004005', 'E_FAIL', undefined],
  ]);
  expectAt('The Network Device Enrollment Service cannot be started (0x800700ea). More data is available.', '0x800700ea', { kind: 'hresult', code: '0x800700EA', symbol: 'ERROR_MORE_DATA' });
  expectAt('Event ID 20502 diagnostic code 0x00000409', '0x00000409', { kind: 'connector-diag', code: '0x00000409', symbol: 'CRPSCEPSigningCert_NotFound' });
  expectAt('EventID 20502', 'EventID 20502', { kind: 'event-id', code: 'event 20502', symbol: 'CRPVerifyMetric_Failure' });
  expectAt('diag 0x0FFFFFFF', '0x0FFFFFFF', { kind: 'connector-diag', code: '0x0FFFFFFF', symbol: 'Unknown_Error' });
  expectAt('<EventData Name="EVENT_MSCEP_FAIL_SUBMIT"><Data Name="ErrorCode">0x80094800</Data></EventData>', 'EVENT_MSCEP_FAIL_SUBMIT', { kind: 'event-id', code: 'event 31' });
});

test('examples: HTTPERR lines', () => {
  const t = '2024-03-05 08:20:11 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=MIIK... 400 - RequestLength -\n2024-03-05 08:21:40 10.9.8.7 50130 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps 503 1 AppOffline SCEP';
  assert.deepEqual(find(t).map((m) => [m.raw, m.kind, m.code]), [
    ['400', 'http-status', '400'],
    ['RequestLength', 'httpsys-reason', 'RequestLength'],
    ['503', 'http-status', '503'],
    ['AppOffline', 'httpsys-reason', 'AppOffline'],
  ]);
  expectAt('2024-03-05 08:21:40 10.9.8.7 50130 10.1.2.3 443 - - - - - Timer_ConnectionIdle -', 'Timer_ConnectionIdle', { kind: 'httpsys-reason', code: 'Timer_ConnectionIdle' });
  expectAt('2024-03-05 08:21:40 10.9.8.7 50130 10.1.2.3 443 HTTP/1.1 GET /x 503 1 Connection_Abandoned_By_AppPool SCEP', 'Connection_Abandoned_By_AppPool', { kind: 'httpsys-reason', code: 'Connection_Abandoned_By_AppPool' });
  expectAt('GET /x 400 - URL_Length -', 'URL_Length', { kind: 'httpsys-reason', code: 'URL_Length' });
});

test('examples: browser texts and status.substatus', () => {
  expectAt('HTTP Error 403.16 - Forbidden', '403.16', { kind: 'http-status', code: '403.16' });
  expectAt('HTTP Error 503. The service is unavailable.', '503', { kind: 'http-status', code: '503' });
  expectAt('HTTP 414 Request-URI Too Long', '414', { kind: 'http-status', code: '414' });
  expectAt('Http error 500.0 - internal server error', '500.0', { kind: 'http-status', code: '500.0' });
  expectAt('request filtering returned 404.14 for the long URL', '404.14', { kind: 'http-status', code: '404.14' });
  expectAt('504 Gateway Timeout via HTTP 504', '504', { kind: 'http-status', code: '504' }, 10);
  assert.equal(find('504 Gateway Timeout via HTTP 504').length, 1); // a bare leading 504 is not taken as a code
});

test('hints: iisStatus with a custom #Fields order', () => {
  // sc-status sc-substatus sc-win32-status followed by sc-bytes cs-bytes time-taken and a trailing text field
  const line = '2024-03-05 08:14:03 POST /CertificateRegistrationSvc/Certificate/VerifyRequest 403 16 2148204809 1234 567 31 contoso.com';
  const start = line.indexOf('403 16');
  const end = start + '403 16 2148204809'.length;
  const hints: DecodeHints = { iisStatus: { status: 403, substatus: 16, win32: 2148204809, start, end } };
  assert.deepEqual(find(line, hints).map((m) => [m.raw, m.code]), [['403 16', '403.16'], ['2148204809', '0x800B0109']]);
  // without the hint the line is not W3C-tail-shaped: no status is guessed, only the free-standing HRESULT decodes
  assert.deepEqual(find(line).map((m) => [m.raw, m.code]), [['2148204809', '0x800B0109']]);
  // a hint that covers non-adjacent fields yields one combined mention
  const line2 = '403 x 16 y 5';
  const m = find(line2, { iisStatus: { status: 403, substatus: 16, win32: 5, start: 0, end: line2.length } });
  assert.equal(m.length, 1);
  assert.equal(m[0]?.code, '403.16');
  assert.match(m[0].meaning, /ERROR_ACCESS_DENIED/);
  // bad hints are ignored
  expectNone('hello', { iisStatus: { status: 403, substatus: 16, win32: 5, start: 3, end: 99 } });
});

// ---------------------------------------------------------------------------------------------
// Negative cases
// ---------------------------------------------------------------------------------------------

test('negative: numbers that are not codes', () => {
  // W3C line: port 443, time-taken / bytes that happen to be WinHTTP numbers, client IP, year
  const iis = `${UA_PREFIX} 200 0 0 12175`;
  assert.deepEqual(find(iis).map((m) => m.raw), ['200 0', '0']);
  const iis2 = '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 12029 - 10.9.8.7 Mozilla/4.0+(compatible) - 200 0 0 12002 12030 12175';
  assert.deepEqual(find(iis2).map((m) => m.raw), ['200 0', '0']);
  // HTTPERR client port that looks like a WinHTTP code
  const httperr = '2024-03-05 08:20:11 10.9.8.7 12030 10.1.2.3 443 HTTP/1.1 GET /x 503 1 AppOffline SCEP';
  assert.deepEqual(find(httperr).map((m) => m.raw), ['503', 'AppOffline']);
  expectNone('connecting to 10.1.2.3 12029 failed');
  expectNone('port 12029 is closed; listening on port 443');
  expectNone('took 12002 ms, sent 12175 bytes');
  expectNone('<Execution ProcessName="w3wp" ProcessID="12004" ThreadID="12030" />');
  expectNone('Active Directory Certificate Services denied request 12002 because of policy');
  expectNone('Copyright 2024, build 12001.5, host:12002, a/12175, x=12038, value 12175.5');
  expectNone('1,12175 and 12175% and 2024-12175');
  expectNone('Total 300 12 45'); // three numbers at a line end are not a W3C triplet by themselves
  expectNone('counts: 200 0 0 1 2 3 4'); // too many trailing numbers
  expectNone('x 1234567890 y 4294967296 z 99999'); // below 2^31 / above 32 bits / not WinHTTP
  expectNone('version 10.0.403.16 at 10.403.16.1 and 3.14 and 200.5');
  expectNone('Exception code: 0xc0000005 at 0x00007ff6a1b2c3d4');
  expectNone('0x123456789 0x80000000 0x12');
  expectNone('<EventID>0</EventID><Source Name="CertificateRegistrationPoint" />');
  expectNone('{80070005-1234-5678-9abc-def012345678} thumbprint A1B2800B0109C3D4E5F6A7B8C9D0E1F2A3B4C5D6');
  expectNone('hr=2148204809&x=-2146762487');
  expectNone('Event ID: 99999 and Event ID: 5'); // unknown ids
  expectNone('pkistatus(99) EnrollDenied Enrolled'); // unknown value; plain words
  expectNone('The request took 2024 seconds in 1999');
  expectNone('');
});

test('negative: unknown HRESULTs are only decoded when written with 0x and a known facility', () => {
  expectNone('87654321 and 80091234 and 2148077000'); // not in tables, no facility rule
  const g = expectAt('failed with 0x80070546', '0x80070546', { kind: 'hresult', code: '0x80070546' });
  assert.equal(g.derived, true);
  expectNone('failed with 80070546'); // generic Win32 wrapping needs the 0x prefix
  const k = expectAt('failed with 80070643', '80070643', { kind: 'hresult', code: '0x80070643', symbol: 'ERROR_INSTALL_FAILURE' });
  assert.equal(k.derived, true);
});

// ---------------------------------------------------------------------------------------------
// Direct decoder API
// ---------------------------------------------------------------------------------------------

test('API: decoders', () => {
  assert.equal(decodeHresult(-2146762487)?.symbol, 'CERT_E_UNTRUSTEDROOT');
  assert.equal(decodeHresult(2148204809)?.code, '0x800B0109');
  assert.equal(decodeHresult(0)?.symbol, 'S_OK');
  assert.equal(decodeHresult(0x12345678), undefined);
  assert.equal(decodeHresult(1.5), undefined);
  assert.equal(decodeWin32(2148204809)?.symbol, 'CERT_E_UNTRUSTEDROOT');
  assert.equal(decodeWin32(1346)?.symbol, 'ERROR_BAD_IMPERSONATION_LEVEL');
  assert.equal(decodeWin32(1355)?.symbol, 'ERROR_NO_SUCH_DOMAIN');
  assert.equal(decodeWin32(64), undefined);
  assert.equal(decodeWin32(-1), undefined);
  const s = decodeIisStatus(503, 7);
  assert.equal(s?.code, '503.7');
  assert.match(s.meaning, /substatus 7 is not in/);
  assert.equal(decodeIisStatus(418, 0)?.derived, true);
  assert.equal(decodeIisStatus(99, 0), undefined);
  assert.equal(decodeIisStatus(200, 0, 64)?.win32Decoding?.derived, true);
  assert.equal(decodeHttpSysReason('appoffline'), undefined);
  assert.equal(decodeScepStatus('FailInfo', 9), undefined);
  assert.equal(decodeConnectorDiag(0x500), undefined);
  assert.equal(decodeEventId(31, 'ca'), undefined);
  assert.equal(decodeEventId(31, 'ndes')?.symbol, 'EVENT_MSCEP_FAIL_SUBMIT');
  assert.equal(decodeEventId(1000)?.alternatives?.length, 2);
  assert.equal(decodeEventId(424242), undefined);
  assert.equal(decodeSymbol('WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA')?.code, '0x00000008');
  assert.equal(decodeSymbol('nope'), undefined);
});

// ---------------------------------------------------------------------------------------------
// Size
// ---------------------------------------------------------------------------------------------

const TEN_MB = 10 * 1024 * 1024;

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

test('size: 10 MB single-line inputs complete', () => {
  const inputs = [
    // dense realistic codes (hundreds of thousands of mentions)
    repeatTo('0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE) Error 12175 403.16 -2146875392 800B0109 Event ID: 31 ', TEN_MB),
    // one 10 MB digit token (decimal / hex / W3C-tail scanners)
    repeatTo('1', TEN_MB),
    // a label followed by 10 MB of blanks (quantifier backtracking)
    'Event ID' + ' '.repeat(TEN_MB) + 'x',
    // one 10 MB identifier with underscores (regression: a repeated-group regex overflowed the stack here)
    repeatTo('A_', TEN_MB),
    // 10 MB of unterminated XML tags (regression: bounded look-ahead re-scanned each tag 200×)
    repeatTo('<EventID ', TEN_MB),
  ];
  for (const text of inputs) {
    const ms = findCodes(text);
    assert.ok(Array.isArray(ms));
  }
  const first = findCodes(inputs[0] ?? '');
  assert.ok(first.length > 100000);
});
