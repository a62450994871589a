import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from '../../server/src/core/parse';
import type { LogRecord } from '../../server/src/core/types';
import { columnOf } from '../../server/src/core/records';
import { DEFAULT_W3C_FIELDS } from '../../server/src/core/formats/iis';
import { mayStartHtml } from '../../server/src/core/formats/ndesplugin';
import { parseTime } from '../../server/src/core/time';

/**
 * The scanners' fast paths (W3C columns split with indexOf and read lazily, the svclog header read
 * where indexOf finds each tag) against the plain reading they replace: a regex per column or per
 * header part. Any difference on generated lines fails with the shrunk line.
 */

const SEED = 20261122;

// ---------------------------------------------------------------------------------------------
// IIS W3C: columns, status triplet and time.

/** The straightforward reading of one aligned W3C line: split on blanks, name the columns. */
function referenceW3c(text: string, names: readonly string[], start: number): Pick<LogRecord, 'fields' | 'http' | 'time'> | undefined {
  const tokens = [...text.matchAll(/[^ \t]+/g)].map((m) => ({ value: m[0], index: m.index }));
  if (tokens.length !== names.length) return undefined;
  const fields: Record<string, string> = {};
  names.forEach((name, i) => { fields[name] = tokens[i]?.value ?? ''; });
  const s = names.indexOf('sc-status');
  const sub = names.indexOf('sc-substatus');
  const w32 = names.indexOf('sc-win32-status');
  const st = tokens[s];
  let http: LogRecord['http'];
  if (st && /^\d{3}$/.test(st.value)) {
    const last = tokens[Math.max(s, sub, w32)] ?? st;
    http = {
      status: Number(st.value),
      substatus: sub >= 0 ? Number(tokens[sub]?.value ?? 0) || 0 : 0,
      win32: w32 >= 0 ? Number(tokens[w32]?.value ?? 0) || 0 : 0,
      start: start + st.index,
      end: start + last.index + last.value.length,
    };
  }
  const date = fields['date'];
  const time = fields['time'];
  return { fields, http, time: date && time && /^\d{4}-\d\d-\d\d$/.test(date) && /^\d\d:\d\d:\d\d/.test(time) ? `${date}T${time}Z` : undefined };
}

const column = fc.oneof(
  fc.constantFrom('2024-03-05', '08:14:02', '10.1.2.3', 'GET', 'POST', '/certsrv/mscep/mscep.dll/pkiclient.exe', 'operation=GetCACaps&message=default', '-',
    '443', 'NDES_Plugin', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)', '200', '403', '500', '16', '0', '2148204809', '1346', '453',
    '0x10', '1e3', 'Infinity', '0000000000000000042', '99999999999999999', 'abc', '4O3', '2024-3-5', '8:14:02', '<IP_address>'),
  fc.integer({ min: 0, max: 99999 }).map(String),
  fc.stringMatching(/^[!-~]{1,12}$/),
);
const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\t', ' \t ');

test('iis fast path: columns, status and time equal a regex split of the line', () => {
  fc.assert(fc.property(
    fc.array(column, { minLength: 10, maxLength: 18 }), fc.array(gap, { minLength: 18, maxLength: 18 }), fc.constantFrom('', ' ', '\t'),
    (cols, gaps, lead) => {
      const line = lead + cols.map((c, i) => (i === 0 ? '' : gaps[i] ?? ' ') + c).join('');
      const header = `#Fields: ${DEFAULT_W3C_FIELDS.join(' ')}\n`;
      const model = parseDocument(header + line + '\n', { languageId: 'iis-w3c-log' });
      const entries = model.records.filter((r) => r.kind === 'entry');
      if (entries.length !== 1) return; // a wrapped-request head with no tail: read later as one line
      const [r] = entries;
      if (!r) return;
      const want = referenceW3c(r.text, DEFAULT_W3C_FIELDS, r.start);
      if (!want) {
        assert.equal(r.fields, undefined, line);
        assert.equal(r.time, undefined, line);
        return;
      }
      // One column read alone (before the table exists) is that column of the table.
      for (const name of [...DEFAULT_W3C_FIELDS, 's-reason']) assert.equal(columnOf(r, name), want.fields?.[name], `${name}: ${line}`);
      assert.deepEqual({ ...r.fields }, want.fields, line);
      assert.equal(r.time, want.time, line);
      if (want.http) assert.deepEqual({ ...r.http }, want.http, line);
    },
  ), { seed: SEED, numRuns: 3000 });
});

test('iis fast path: a custom #Fields list and a layout change read each line with its own columns', () => {
  const text = [
    '#Fields: date time cs-method cs-uri-stem sc-status sc-substatus sc-win32-status cs-host',
    '2024-03-05 08:14:02 GET /certsrv/mscep/mscep.dll 403 16 2148204809 ndes.contoso.com',
    '#Fields: time c-ip sc-win32-status sc-status',
    '08:14:03 10.9.8.7 1346 500',
    '#Fields: date time date sc-status',
    'yesterday 08:14:04 2024-03-06 200',
  ].join('\r\n');
  const read = (): LogRecord[] => parseDocument(text, { languageId: 'iis-w3c-log' }).records.filter((r) => r.kind === 'entry');
  const entries = read();
  assert.equal(entries.length, 3);
  const [a, b, c] = entries;
  assert.ok(a && b && c);
  const alone = read();
  assert.deepEqual(alone.map((r) => [columnOf(r, 'date'), columnOf(r, 'c-ip'), columnOf(r, 'sc-status')]),
    [['2024-03-05', undefined, '403'], [undefined, '10.9.8.7', '500'], ['2024-03-06', undefined, '200']]);
  // A repeated column name holds its last column, for `fields` and for the time alike.
  assert.equal(c.fields?.['date'], '2024-03-06');
  assert.equal(c.time, '2024-03-06T08:14:04Z');
  assert.deepEqual({ ...a.fields }, { date: '2024-03-05', time: '08:14:02', 'cs-method': 'GET', 'cs-uri-stem': '/certsrv/mscep/mscep.dll', 'sc-status': '403', 'sc-substatus': '16', 'sc-win32-status': '2148204809', 'cs-host': 'ndes.contoso.com' });
  assert.equal(a.time, '2024-03-05T08:14:02Z');
  assert.deepEqual([a.http?.status, a.http?.substatus, a.http?.win32], [403, 16, 2148204809]);
  assert.deepEqual({ ...b.fields }, { time: '08:14:03', 'c-ip': '10.9.8.7', 'sc-win32-status': '1346', 'sc-status': '500' });
  assert.equal(b.time, undefined, 'no date column: no time');
  // The triplet's range runs from sc-status to the last of the three columns, wherever they sit.
  assert.deepEqual([b.http?.status, b.http?.substatus, b.http?.win32], [500, 0, 1346]);
  assert.equal(text.slice(b.http?.start, b.http?.end), '500');
});

// ---------------------------------------------------------------------------------------------
// svclog: the event header.

const HEADER_REGEXES = {
  SubType: /<SubType\s+Name="([^"<>]*)"/, Level: /<Level>\s*(\d{1,3})\s*<\/Level>/, Source: /<Source\s+Name="([^"<>]*)"/,
  Computer: /<Computer>([^<]*)<\/Computer>/, ProcessName: /<Execution\s+ProcessName="([^"<>]*)"/, EventID: /<EventID>\s*(\d{1,10})\s*<\/EventID>/,
} as const;

const headerPiece = fc.constantFrom(
  '<SubType Name="Error">0</SubType>', '<SubType  Name="Information">', '<SubType Name=Error>', '<SubTypeName="x">',
  '<Level>2</Level>', '<Level> 8 </Level>', '<Level>x</Level>', '<Level>2',
  '<Source Name="CertificateRegistrationPoint" />', '<Source Name="NDESConnector"/>', '<Source Name="a<b" />', '<Source>',
  '<Computer>NDES01</Computer>', '<Computer></Computer>', '<Computer>NDES<01</Computer>',
  '<Execution ProcessName="w3wp" ProcessID="1" ThreadID="2" />', '<Execution  ProcessName="">', '<Execution ProcessID="1">',
  '<EventID>0</EventID>', '<EventID>12345678901</EventID>', '<EventID> 7 </EventID>',
  '<TimeCreated SystemTime="2024-03-05T08:14:02.1234567Z" />', '<TimeCreated SystemTime="x"', '<TimeCreated/>',
  '<Correlation ActivityID="{8C1F4A2E-5B7D-4E3A-9F10-2D6C8B4A7E91}" />', '<Correlation ActivityID="{}" />', '<Correlation RelatedActivityID="r" ActivityID="{a}" />',
  '<Correlation/>', '<System>', '</System>', '<ApplicationData>', 'text', '&lt;Source Name="escaped" /&gt;', '</ApplicationData>',
);

test('svclog fast path: header fields, time and activity equal one regex per part', () => {
  fc.assert(fc.property(fc.array(headerPiece, { maxLength: 14 }), (pieces) => {
    const raw = `<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent">${pieces.join('')}</E2ETraceEvent>`;
    const [r] = parseDocument(raw, { languageId: 'wcf-svclog' }).records;
    assert.ok(r);
    const fields: Record<string, string> = {};
    for (const [name, re] of Object.entries(HEADER_REGEXES)) {
      const v = re.exec(raw)?.[1];
      if (v !== undefined) fields[name] = v;
    }
    assert.deepEqual({ ...r.fields }, fields, raw);
    assert.equal(r.time, /<TimeCreated\s+SystemTime="([^"<>]*)"/.exec(raw)?.[1] || undefined, raw);
    const activity = /<Correlation\s[^<>]{0,512}?ActivityID="([^"<>]{0,128})"/.exec(raw)?.[1];
    assert.equal(r.activityId, activity ? activity.replace(/^\{|\}$/g, '').toLowerCase() : undefined, raw);
  }), { seed: SEED, numRuns: 3000 });
});

// ---------------------------------------------------------------------------------------------
// NDESPlugin.log: the cheap check before the HTML page regex.

const HTML_START = /Verify challenge returns\s*<|<!DOCTYPE html|<html[\s>]/i;
const htmlPiece = fc.constantFrom('<', '>', '!', 'h', 'H', 's', 'S', 'returns', 'RETURNS', 'Verify challenge returns', 'verify CHALLENGE returns',
  ' ', '\t', '\u00a0', '\u2003', '<html>', '<HTML\t', '<!DOCTYPE html>', '<![LOG[', ']LOG]!>', '<time="1:2:3"', 'x', 'ſ');

test('ndesplugin fast path: whenever the HTML page regex matches a line, the cheap check lets it through', () => {
  fc.assert(fc.property(fc.array(htmlPiece, { maxLength: 12 }), (pieces) => {
    const line = pieces.join('');
    if (HTML_START.test(line)) assert.ok(mayStartHtml(line), line);
  }), { seed: SEED, numRuns: 20000 });
  assert.equal(mayStartHtml('<![LOG[Verify challenge returns true]LOG]!><time="08:14:02.123+000" date="03-05-2024">'), false);
});

// ---------------------------------------------------------------------------------------------
// Record times: the digit-by-digit reading of the usual form against the regex reading.

/** The regex reading every record time had before the fast path. */
function referenceTime(value: string): { ms: number; utc: boolean } | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')));
  const zone = m[8];
  if (!zone) return { ms, utc: false };
  if (zone === 'Z') return { ms, utc: true };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return { ms: ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000, utc: true };
}

test('parseTime: the fast path reads every time, near-time and damaged time as the regex does', () => {
  const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
  const num = (n: number): fc.Arbitrary<string> => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
  const noise = fc.constantFrom('', 'x', '-', ':', '.', ' ', 'T', 'Z', '9', '+01:00', '\u0660', 'a');
  const time = fc.tuple(num(4), fc.constantFrom('-', '/'), num(2), fc.constantFrom('-'), num(2), fc.constantFrom('T', ' ', 't'), num(2), fc.constantFrom(':'), num(2), fc.constantFrom(':', '.'), num(2),
    fc.option(fc.tuple(fc.constantFrom('.', ','), fc.integer({ min: 0, max: 11 }).chain((k) => num(k))).map(([d, f]) => d + f), { nil: '' }),
    fc.constantFrom('', 'Z', '+01:00', '-0530', 'z'), noise, fc.integer({ min: 0, max: 30 }))
    .map(([y, a, mo, b, d, t, h, c, mi, e, s, frac, zone, extra, cut]) => {
      const whole = `${y}${a}${mo}${b}${d}${t}${h}${c}${mi}${e}${s}${frac}${zone}${extra}`;
      return cut > 25 ? whole : whole.slice(0, whole.length - cut % 3);
    });
  fc.assert(fc.property(fc.oneof(time, fc.string({ maxLength: 30 })), (value) => {
    assert.deepEqual(parseTime(value), referenceTime(value), value);
  }), { seed: SEED, numRuns: 20_000 });
  // Lines of two days in turn: the cached day must follow.
  for (const value of ['2024-03-05 23:59:59.999', '2024-03-06 00:00:00', '2024-03-05T07:41:27.1234567', '0099-01-01 00:00:00', '2024-02-30 25:61:61.5']) {
    assert.deepEqual(parseTime(value), referenceTime(value), value);
  }
});
