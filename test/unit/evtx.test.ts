import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';
import { createEvtxText, evtxToText } from '../../server/src/core/evtx';
import { crc32 } from '../../server/src/core/evtx/bytes';
import { fileTimeText, readValue } from '../../server/src/core/evtx/values';
import { nativeCrc32 } from '../../server/src/node/decode';
import { readText } from '../../server/src/node/decode';
import { concat, fileTime, le, sysTimeBytes, T, utf16le } from '../support/evtx/encode';
import { CONNECTOR, eventOf, type EventSpec } from '../support/evtx/events';
import { el, typed, writeEvtx, type Content, type WElement } from '../support/evtx/writer';
import { canonical, parseEvents } from '../support/evtx/xml';
import { REPO_ROOT } from '../support/paths';

const SHARED = join(REPO_ROOT, '..', 'shared', 'evtx');
const shared = (name: string): Uint8Array => readFileSync(join(SHARED, name));

function histogram(text: string): Record<string, number> {
  const h: Record<string, number> = {};
  for (const m of text.matchAll(/<EventID[^>]{0,40}>(\d+)</g)) h[m[1] ?? ''] = (h[m[1] ?? ''] ?? 0) + 1;
  return h;
}
const notesOf = (text: string): string[] => [...text.matchAll(/<!-- evtx: (.*?) -->/g)].map((m) => m[1] ?? '');
const eventsOf = (text: string): number => (text.match(/<Event[\s>]/g) ?? []).length;

// ---- the shared real files ------------------------------------------------------------------------

// EventID counts: evtxexport (libevtx) gives the same for every record it reads (all of
// Application_no_crc32 and of sample-with-zero-data-size-event, 24 of CAPI2's 340, 267 of the 270
// of sample_with_a_bad_chunk_magic); the record counts are those the shared README documents.
test('evtx shared: CAPI2-Operational.evtx yields its 340 records, ids 1 to 340, CAPI2 event ids, no note', (t) => {
  if (!existsSync(SHARED)) { t.skip('shared/evtx not present'); return; }
  const text = evtxToText(shared('CAPI2-Operational.evtx'));
  assert.equal(eventsOf(text), 340);
  const ids = [...text.matchAll(/<EventRecordID>(\d+)</g)].map((m) => Number(m[1]));
  assert.deepEqual(ids, Array.from({ length: 340 }, (_, i) => i + 1));
  assert.deepEqual(histogram(text), { 10: 42, 11: 42, 30: 42, 40: 54, 41: 54, 42: 2, 50: 15, 51: 15, 52: 12, 53: 12, 80: 8, 81: 8, 90: 34 });
  assert.deepEqual(notesOf(text), []);
  assert.ok(text.includes("<Provider Name='Microsoft-Windows-CAPI2' Guid='{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}'/>"));
});

test('evtx shared: Application_no_crc32.evtx yields its 17 records; its zero checksums are flagged NO_CRC32, not damage', (t) => {
  if (!existsSync(SHARED)) { t.skip('shared/evtx not present'); return; }
  const text = evtxToText(shared('Application_no_crc32.evtx'));
  assert.equal(eventsOf(text), 17);
  assert.deepEqual(histogram(text), { 1: 1, 15: 1, 102: 1, 105: 1, 326: 1, 900: 1, 902: 1, 1003: 2, 1066: 1, 1531: 1, 1532: 1, 5615: 1, 5617: 1, 6000: 1, 16388: 1, 16394: 1 });
  assert.deepEqual(notesOf(text), []);
});

// The evtx crate counts 270 records here, and so does the shared README. 3 of them were written only in
// part (the copy of the size that ends a record is 0, their values cut or blank where the file turns to
// zeros): they are read as the crate reads them, and each is noted by id. libevtx leaves those 3 out.
test('evtx shared: sample_with_a_bad_chunk_magic.evtx yields 270 records, notes the 3 written in part and the 2 damaged chunks by offset', (t) => {
  if (!existsSync(SHARED)) { t.skip('shared/evtx not present'); return; }
  const text = evtxToText(shared('sample_with_a_bad_chunk_magic.evtx'));
  assert.equal(eventsOf(text), 270);
  assert.equal(histogram(text)['325'], 269);
  const damaged = notesOf(text).filter((n) => /no ElfChnk signature/.test(n));
  assert.deepEqual(damaged.map((n) => /offset (0x[0-9a-f]+)/.exec(n)?.[1]), ['0x61000', '0xa1000']);
  const incomplete = notesOf(text).filter((n) => /may be incomplete/.test(n));
  assert.deepEqual(incomplete.map((n) => /^event record (\d+)/.exec(n)?.[1]), ['46741', '47640', '45933']);
});

test('evtx shared: sample-with-zero-data-size-event.evtx yields 336 records: 335 read, 1 noted as damaged at its offset', (t) => {
  if (!existsSync(SHARED)) { t.skip('shared/evtx not present'); return; }
  const text = evtxToText(shared('sample-with-zero-data-size-event.evtx'));
  assert.equal(eventsOf(text), 335);
  const records = notesOf(text).filter((n) => /^event record/.test(n));
  assert.deepEqual(records, ['event record 3 at offset 0x1820 is cut off or its size (0) is damaged; the rest of the chunk was skipped']);
  assert.equal(histogram(text)['16'], 61);
});

// ---- against an independent reader --------------------------------------------------------------

function evtxexport(path: string): string | undefined {
  try {
    return execFileSync('evtxexport', ['-f', 'xml', path], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } catch (e: unknown) {
    const out = (e as { stdout?: Buffer }).stdout;
    return out && out.length > 0 ? out.toString('utf8') : undefined; // it stops early on some damaged files
  }
}
const HAS_EVTXEXPORT = ((): boolean => { try { execFileSync('evtxexport', ['-h'], { stdio: 'ignore' }); return true; } catch { return false; } })();

/** Every record evtxexport reads must be one of ours, equal element for element and value for value. */
function crossCheck(path: string, minimum: number): void {
  const theirs = parseEvents(evtxexport(path) ?? '');
  assert.ok(theirs.length >= minimum, `evtxexport read ${theirs.length} of ${path}`);
  const ours = new Map(parseEvents(evtxToText(readFileSync(path))).map((e) => {
    const c = canonical(e);
    return [c.find((l) => l.startsWith('/Event/System/EventRecordID=')) ?? '', c.join('\n')] as const;
  }));
  for (const e of theirs) {
    const c = canonical(e);
    const id = c.find((l) => l.startsWith('/Event/System/EventRecordID=')) ?? '';
    assert.equal(ours.get(id), c.join('\n'), `${path} ${id}`);
  }
}

test('evtx vs evtxexport: the shared files render record by record as libevtx renders them', (t) => {
  if (!HAS_EVTXEXPORT) { t.skip('evtxexport not on PATH (apt-get install libevtx-utils)'); return; }
  if (!existsSync(SHARED)) { t.skip('shared/evtx not present'); return; }
  crossCheck(join(SHARED, 'Application_no_crc32.evtx'), 17);
  crossCheck(join(SHARED, 'sample-with-zero-data-size-event.evtx'), 335);
  crossCheck(join(SHARED, 'sample_with_a_bad_chunk_magic.evtx'), 267);
  crossCheck(join(SHARED, 'CAPI2-Operational.evtx'), 24);
});

// ---- files written by the test writer ------------------------------------------------------------

const connector = (eventId: number, channel: 'Admin' | 'Operational', data: NonNullable<EventSpec['data']>): WElement =>
  eventOf({ provider: CONNECTOR, guid: '{E5F5A3B1-6A0E-4C1B-9D6B-6F1D0E5D2C11}', eventId, channel: `${CONNECTOR}/${channel}`, data });

/** The channels the evidence comes from: the connector's Admin and Operational, NDES, the CA, CAPI2. */
export function channelEvents(): WElement[] {
  return [
    connector(4003, 'Operational', [['ScepRequest', 'ScepVerifySuccess'], ['TransactionId', '1f3e']]),
    connector(4005, 'Operational', [['ScepRequest', 'ScepVerifyFailure'], ['Error', '0x80004005']]),
    connector(4001, 'Admin', [['Message', 'Failed to process SCEP request.']]),
    eventOf({ provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', eventId: 10, channel: 'Application', dataName: 'EVENT_MSCEP_FAILED_RA_CERT', data: [['ErrorCode', '0x80070057'], ['ErrorMessage', 'The parameter is incorrect.']] }),
    eventOf({ provider: 'Microsoft-Windows-CertificationAuthority', eventId: 53, channel: 'Application', level: 3, data: [[undefined, '1234'], [undefined, 'CN=Test']] }),
    eventOf({ provider: 'Microsoft-Windows-CAPI2', guid: '{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}', eventId: 11, channel: 'Microsoft-Windows-CAPI2/Operational', userData: "<CertGetCertificateChain><Result value='800B0109'>A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result></CertGetCertificateChain>" }),
  ];
}

test('evtx writer: events of every channel read back as the Event XML they were written from', () => {
  const events = channelEvents();
  const text = evtxToText(writeEvtx(events));
  const back = parseEvents(text);
  assert.equal(back.length, events.length);
  assert.deepEqual(notesOf(text), []);
  assert.match(text, /<EventRecordID>1<\/EventRecordID>/);
  assert.match(text, /<Provider Name='Microsoft-Intune-CertificateConnectors' Guid='\{E5F5A3B1-6A0E-4C1B-9D6B-6F1D0E5D2C11\}'\/><EventID>4003<\/EventID>/);
  assert.match(text, /<TimeCreated SystemTime='2024-03-05T08:14:05\.1234567Z'\/>/);
  assert.match(text, /<Security UserID='S-1-5-18'\/>/);
  assert.match(text, /<UserData><CertGetCertificateChain><Result value='800B0109'>A certificate chain processed/);
  assert.match(text, /<Data Name='ErrorMessage'>The parameter is incorrect\.<\/Data>/);
});

test('evtx vs evtxexport: files of the test writer read the same in libevtx', (t) => {
  if (!HAS_EVTXEXPORT) { t.skip('evtxexport not on PATH (apt-get install libevtx-utils)'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'ndes-evtx-'));
  try {
    const path = join(dir, 'channels.evtx');
    const many = Array.from({ length: 400 }, (_, i) => channelEvents()[i % 6] ?? el('Event'));
    writeFileSync(path, writeEvtx(many));
    crossCheck(path, 400);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** An event whose data holds one value of each BinXML type. */
function valueEvent(values: readonly (readonly [string, Content])[]): WElement {
  return el('Event', [['xmlns', { literal: 'http://schemas.microsoft.com/win/2004/08/events/event' }]], [
    el('System', [], [el('Provider', [['Name', 'Test']]), el('EventID', [], [typed(T.uint16, le(7, 2))])]),
    el('EventData', [], values.map(([name, v]) => el('Data', [['Name', name]], [v]))),
  ]);
}

test('evtx plain records: BinXML without templates, values in place, reads as the templated file does', () => {
  // 14 files of the public corpora (EVTX-to-MITRE-Attack, MSExchange_Management_wec.evtx) are written
  // this way; libevtx and python-evtx read none of their records, so this is their check.
  const events = [...channelEvents().filter((e) => !JSON.stringify(e).includes('nested')), ...many(40)];
  const plain = writeEvtx(events, { plain: true });
  const templated = writeEvtx(events);
  assert.notDeepEqual(plain, templated);
  const text = evtxToText(plain);
  assert.deepEqual(notesOf(text), []);
  assert.equal(eventsOf(text), events.length);
  assert.equal(text, evtxToText(templated));
});

test('evtx values: every BinXML value type renders as wevtutil prints it', () => {
  const sid = concat([Uint8Array.from([1, 5, 0, 0, 0, 0, 0, 5]), le(21, 4), le(1, 4), le(2, 4), le(3, 4), le(500, 4)]);
  const text = evtxToText(writeEvtx([valueEvent([
    ['string', 'héllo <&>'],
    ['ansi', typed(T.ansi, Uint8Array.from([0x41, 0x42, 0]))],
    ['int8', typed(T.int8, le(-5, 1))], ['uint8', typed(T.uint8, le(250, 1))],
    ['int16', typed(T.int16, le(-300, 2))], ['uint16', typed(T.uint16, le(65000, 2))],
    ['int32', typed(T.int32, le(-70000, 4))], ['uint32', typed(T.uint32, le(4000000000, 4))],
    ['int64', typed(T.int64, le(-5000000000n, 8))], ['uint64', typed(T.uint64, le(18000000000000000000n, 8))],
    ['real32', typed(T.real32, new Uint8Array(new Float32Array([1.5]).buffer))], ['real64', typed(T.real64, new Uint8Array(new Float64Array([-2.25]).buffer))],
    ['real32short', typed(T.real32, new Uint8Array(new Float32Array([0.1]).buffer))], ['real32big', typed(T.real32, new Uint8Array(new Float32Array([3.4028234663852886e38]).buffer))],
    ['bool', typed(T.bool, le(1, 4))], ['binary', typed(T.binary, Uint8Array.from([0x00, 0xab, 0x10]))],
    ['guid', typed(T.guid, Uint8Array.from([0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd, 1, 35, 69, 103, 137, 171, 205, 239]))],
    ['sizeT', typed(T.sizeT, le(0x1234, 8))],
    ['fileTime', typed(T.fileTime, le(fileTime('2024-03-05T08:14:05.1234567Z') ?? 0n, 8))],
    ['sysTime', typed(T.sysTime, sysTimeBytes(new Date(Date.UTC(2024, 2, 5, 8, 14, 5, 123))))],
    ['sid', typed(T.sid, sid)],
    ['hex32', typed(T.hexInt32, le(0x80094800, 4))], ['hex64', typed(T.hexInt64, le(0x80000000000000n, 8))],
  ])]));
  const data = Object.fromEntries([...text.matchAll(/<Data Name='(\w+)'>([^<]*)<\/Data>/g)].map((m): [string, string] => [m[1] ?? '', m[2] ?? '']));
  assert.deepEqual(data, {
    string: 'héllo &lt;&amp;&gt;', ansi: 'AB', int8: '-5', uint8: '250', int16: '-300', uint16: '65000', int32: '-70000', uint32: '4000000000',
    int64: '-5000000000', uint64: '18000000000000000000', real32: '1.5', real64: '-2.25', real32short: '0.1', real32big: '3.4028235e+38', bool: 'true', binary: '00AB10',
    guid: '{01234567-89AB-CDEF-0123-456789ABCDEF}', sizeT: '0x1234', fileTime: '2024-03-05T08:14:05.1234567Z',
    sysTime: '2024-03-05T08:14:05.1230000Z', sid: 'S-1-5-21-1-2-3-500', hex32: '0x80094800', hex64: '0x80000000000000',
  });
});

// Records of one template share a chunk's memory of each slot's last value (and of the last GUID,
// keywords and second): each record must still read its own bytes, however little they differ.
test('evtx values: records of one template read their own values, however close to the last record\'s', () => {
  const rows = [
    { time: '2024-03-05T23:59:59.9999999Z', guid: 0x0f, keywords: 0x8000000000000000n, pid: 4000, name: 'NDES01', delta: -5 },
    { time: '2024-03-05T23:59:59.9999999Z', guid: 0x0f, keywords: 0x8000000000000000n, pid: 4000, name: 'NDES01', delta: -5 },
    { time: '2024-03-06T00:00:00.0000000Z', guid: 0x0e, keywords: 0x8000000000000001n, pid: 4001, name: 'NDES02', delta: 5 },
    { time: '2024-03-06T00:00:00.0000001Z', guid: 0x0e, keywords: 0x4000000000000001n, pid: 4001 + 65536, name: 'NDES0', delta: -32768 },
    { time: '2023-03-06T00:00:00.0000001Z', guid: 0x0f, keywords: 0x8000000000000000n, pid: 4000, name: 'NDES01 <&>', delta: -5 },
  ];
  const guid = (last: number): Uint8Array => Uint8Array.from([0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd, 1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, last]);
  const text = evtxToText(writeEvtx(rows.map((r) => valueEvent([
    ['time', typed(T.fileTime, le(fileTime(r.time) ?? 0n, 8))], ['guid', typed(T.guid, guid(r.guid))], ['keywords', typed(T.hexInt64, le(r.keywords, 8))],
    ['pid', typed(T.uint32, le(r.pid, 4))], ['name', typed(T.string, utf16le(r.name))], ['delta', typed(T.int16, le(r.delta & 0xffff, 2))],
  ]))));
  const read = [...text.matchAll(/<EventData>(.*?)<\/EventData>/g)].map((m) => Object.fromEntries([...(m[1] ?? '').matchAll(/<Data Name='(\w+)'>([^<]*)<\/Data>/g)].map((d): [string, string] => [d[1] ?? '', d[2] ?? ''])));
  assert.deepEqual(read, rows.map((r) => ({
    time: r.time, guid: `{01234567-89AB-CDEF-0123-456789ABCD${r.guid.toString(16).toUpperCase().padStart(2, '0')}}`, keywords: `0x${r.keywords.toString(16)}`,
    pid: String(r.pid), name: r.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), delta: String(r.delta),
  })));
});

test('evtx values: a FILETIME read in plain numbers reads as the bigint reference does, damaged years included', () => {
  let seed = 11;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const ticks = [
    fileTime('2024-03-05T23:59:59.9999999Z') ?? 0n, fileTime('2024-03-06T00:00:00Z') ?? 0n, fileTime('1969-12-31T23:59:59.5Z') ?? 0n,
    fileTime('9999-12-31T23:59:59.9999999Z') ?? 0n, (fileTime('9999-12-31T23:59:59Z') ?? 0n) + 10_000_000n, 0n, (1n << 62n) - 1n, 1n << 62n,
    ...Array.from({ length: 400 }, () => (BigInt(Math.floor(next() * 2 ** 31)) << 32n) | BigInt(Math.floor(next() * 2 ** 32))),
  ];
  for (const t of ticks) {
    const v = readValue(le(t, 8), 0, 8, T.fileTime);
    assert.deepEqual(v, { kind: 'text', text: fileTimeText(t) }, `ticks ${t}`);
  }
});

test('evtx values: an array repeats the element that holds it, one item each', () => {
  const strings = concat(['one', 'two', 'three'].map((s) => utf16le(`${s}\0`)));
  const text = evtxToText(writeEvtx([valueEvent([
    ['strings', typed(T.array | T.string, strings)],
    ['numbers', typed(T.array | T.uint16, concat([le(1, 2), le(2, 2)]))],
    ['hex', typed(T.array | T.hexInt32, concat([le(0xa, 4), le(0xff, 4)]))],
  ])]));
  assert.match(text, /<Data Name='strings'>one<\/Data><Data Name='strings'>two<\/Data><Data Name='strings'>three<\/Data>/);
  assert.match(text, /<Data Name='numbers'>1<\/Data><Data Name='numbers'>2<\/Data>/);
  assert.match(text, /<Data Name='hex'>0xa<\/Data><Data Name='hex'>0xff<\/Data>/);
});

test('evtx values: nested BinXML in UserData renders in place, with its own template', () => {
  const nested = el('CertificateRevoked', [['xmlns', { literal: 'urn:test' }]], [el('Serial', [], ['0A1B']), el('Reason', [], [typed(T.uint32, le(4, 4))])]);
  const event = el('Event', [], [el('System', [], [el('EventID', [], [typed(T.uint16, le(3001, 2))])]), el('UserData', [], [{ nested }])]);
  const text = evtxToText(writeEvtx([event, event]));
  assert.equal((text.match(/<UserData><CertificateRevoked xmlns='urn:test'><Serial>0A1B<\/Serial><Reason>4<\/Reason><\/CertificateRevoked><\/UserData>/g) ?? []).length, 2);
});

// ---- chunks, streaming and damage --------------------------------------------------------------

const many = (n: number): WElement[] => Array.from({ length: n }, (_, i) => connector(4000 + (i % 12), i % 2 ? 'Admin' : 'Operational', [['Index', String(i)], ['Padding', 'x'.repeat(300)]]));

test('evtx chunks: chunks past the header\'s count are found by their signature (a dirty file)', () => {
  const bytes = writeEvtx(many(600), { headerChunkCount: 1 });
  assert.ok(bytes.length > 0x1000 + 3 * 0x10000);
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 600);
  assert.deepEqual([...text.matchAll(/<EventRecordID>(\d+)</g)].map((m) => Number(m[1])), Array.from({ length: 600 }, (_, i) => i + 1));
});

test('evtx chunks: bytes past the last chunk and the header\'s count are unwritten space, not damage', () => {
  // As sysmon.evtx of the evtx crate's samples: 9 chunks, a header counting 1, then 8 blocks of old disk bytes.
  const file = writeEvtx(many(200), { headerChunkCount: 1 });
  const junk = new Uint8Array(2 * 0x10000).map((_, i) => (i * 7 + 3) & 0xff);
  const text = evtxToText(concat([file, junk]));
  assert.equal(eventsOf(text), 200);
  assert.deepEqual(notesOf(text), []);
  // The same bytes with a chunk after them are a damaged chunk, noted where it is.
  const chunks = (file.length - 0x1000) / 0x10000;
  const gap = concat([file, junk.subarray(0, 0x10000), file.subarray(0x1000, 0x11000)]);
  const notes = notesOf(evtxToText(gap));
  assert.deepEqual(notes, [`chunk at offset 0x${(0x1000 + chunks * 0x10000).toString(16)} has no ElfChnk signature (damaged); its records were skipped`]);
});

test('evtx streaming: the same text whatever size the pieces come in', () => {
  const bytes = writeEvtx(many(300));
  const whole = evtxToText(bytes);
  for (const size of [1, 7, 4096, 65536, 100000]) {
    const reader = createEvtxText();
    let text = '';
    for (let at = 0; at < bytes.length; at += size) text += reader.push(bytes.subarray(at, at + size));
    text += reader.end();
    assert.equal(text, whole, `pieces of ${size}`);
    assert.equal(reader.events, 300);
  }
});

test('evtx damage: a flipped byte in a chunk is a checksum note, and every record is still read', () => {
  const bytes = writeEvtx(many(50));
  const at = 0x1000 + 0x300;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01; // inside a value string: the BinXML still parses
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 50);
  assert.deepEqual(notesOf(text), ['chunk at offset 0x1000: records checksum does not match; read anyway']);
});

test('evtx: Node\'s zlib checksum reads as the core\'s, over the ranges the format skips a field in', () => {
  assert.ok(nativeCrc32, 'this Node has zlib.crc32');
  let seed = 11;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  for (let round = 0; round < 200; round++) {
    const bytes = Uint8Array.from({ length: Math.floor(next() * 600) }, () => Math.floor(next() * 256));
    const cut = (): number => Math.floor(next() * (bytes.length + 40)) - 20;
    const ranges: [number, number][] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => [cut(), cut()]);
    assert.equal(nativeCrc32(bytes, ranges), crc32(bytes, ranges), JSON.stringify(ranges));
  }
  // The damage notes are the same through either: a flipped byte, then the file header's sum.
  const bytes = writeEvtx(many(50));
  bytes[0x1300] = (bytes[0x1300] ?? 0) ^ 0x01;
  bytes[124] = (bytes[124] ?? 0) ^ 0x01;
  const native = createEvtxText(nativeCrc32);
  assert.equal(native.push(bytes) + native.end(), evtxToText(bytes));
  assert.deepEqual(native.notes.map((n) => n.message), ['file header checksum does not match; read anyway', 'chunk at offset 0x1000: records checksum does not match; read anyway']);
});

test('evtx: a file and chunks flagged NO_CRC32 (flag 4) keep zero checksums and are not noted as damaged', () => {
  const bytes = writeEvtx(many(50));
  const flag = (at: number): void => { bytes[at] = (bytes[at] ?? 0) | 0x04; bytes.fill(0, at + 4, at + 8); };
  flag(120); // the file header: flags at 120, CRC-32 at 124
  flag(0x1000 + 120); // the chunk header: flags at 120, header CRC-32 at 124
  bytes.fill(0, 0x1000 + 52, 0x1000 + 56); // the records CRC-32
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 50);
  assert.deepEqual(notesOf(text), []);
  // Without the flag the same zeroed checksums are damage.
  bytes[120] = (bytes[120] ?? 0) & ~0x04;
  bytes[0x1000 + 120] = (bytes[0x1000 + 120] ?? 0) & ~0x04;
  assert.deepEqual(notesOf(evtxToText(bytes)), ['file header checksum does not match; read anyway', 'chunk at offset 0x1000: header checksum does not match; read anyway']);
});

test('evtx: a chunk flagged DIRTY (still being written) may lag in its records checksum; that is not damage', () => {
  const bytes = writeEvtx(many(50));
  bytes[0x1000 + 120] = (bytes[0x1000 + 120] ?? 0) | 0x01;
  // The header checksum covers the flags: recompute it as the writer would have.
  bytes.set(le(crc32(bytes.subarray(0x1000), [[0, 120], [128, 512]]), 4), 0x1000 + 124);
  const at = 0x1000 + 0x300;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01; // a record changed after the records checksum was written
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 50);
  assert.deepEqual(notesOf(text), []);
});

test('evtx damage: a chunk without its signature is noted by offset; the chunks after it are read', () => {
  const bytes = writeEvtx(many(600));
  bytes.fill(0x41, 0x11000, 0x11008);
  const text = evtxToText(bytes);
  assert.ok(notesOf(text).includes('chunk at offset 0x11000 has no ElfChnk signature (damaged); its records were skipped'));
  const ids = [...text.matchAll(/<EventRecordID>(\d+)</g)].map((m) => Number(m[1]));
  assert.ok(ids.includes(1) && ids.includes(600) && ids.length < 600 && ids.length > 300);
});

test('evtx damage: a file cut short keeps its complete records and says where it ends', () => {
  const bytes = writeEvtx(many(300));
  const cut = bytes.subarray(0, 0x1000 + 0x10000 + 0x5000);
  const text = evtxToText(cut);
  const notes = notesOf(text);
  assert.ok(notes.some((n) => /^file ends inside a chunk \(20480 of 65536 bytes at offset 0x11000\)/.test(n)), notes.join('\n'));
  const ids = [...text.matchAll(/<EventRecordID>(\d+)</g)].map((m) => Number(m[1]));
  assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => i + 1));
  const firstChunk = eventsOf(evtxToText(bytes.subarray(0, 0x11000)));
  assert.ok(ids.length > firstChunk && ids.length < 300, `${ids.length} records, ${firstChunk} in the first chunk`);
});

test('evtx damage: a record whose size is impossible is noted by offset; the next chunk is read', () => {
  const bytes = writeEvtx(many(600));
  const first = 0x1000 + 0x200;
  bytes.set(le(0xfffffff0, 4), first + 4);
  const text = evtxToText(bytes);
  assert.ok(notesOf(text).some((n) => n === `event record 1 at offset 0x${first.toString(16)} is cut off or its size (4294967280) is damaged; the rest of the chunk was skipped`));
  assert.ok(eventsOf(text) > 300);
});

test('evtx damage: records the chunk header lists but whose bytes are blank are noted as missing', () => {
  // As Microsoft-Windows-HelloForBusiness%4Operational.evtx of the evtx crate's samples: a live copy whose
  // chunk header lists records 1 to 20 where only 6 were written; the reader stopped there without a word.
  const bytes = writeEvtx(many(50));
  const at = [...Array(0x10000).keys()].map((i) => 0x1000 + i).find((i) => bytes[i] === 0x2a && bytes[i + 1] === 0x2a && bytes[i + 8] === 10 && bytes[i + 9] === 0);
  assert.ok(at !== undefined);
  const end = 0x1000 + (bytes[0x1000 + 48] ?? 0) + 256 * (bytes[0x1000 + 49] ?? 0);
  bytes.fill(0, at, end);
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 9);
  assert.deepEqual(notesOf(text), [
    'chunk at offset 0x1000: records checksum does not match; read anyway',
    `chunk at offset 0x1000 lists records up to 50, but its bytes from offset 0x${at.toString(16)} are blank; records 10 to 50 are missing`,
  ]);
  // Only the last record blank: one record named.
  const last = writeEvtx(many(50));
  const at50 = [...Array(0x10000).keys()].map((i) => 0x1000 + i).find((i) => last[i] === 0x2a && last[i + 1] === 0x2a && last[i + 8] === 50 && last[i + 9] === 0);
  assert.ok(at50 !== undefined);
  last.fill(0, at50, end);
  assert.equal(notesOf(evtxToText(last))[1], `chunk at offset 0x1000 lists records up to 50, but its bytes from offset 0x${at50.toString(16)} are blank; record 50 is missing`);
});

test('evtx damage: a record written only in part (zeros from its middle on) is read and noted as maybe cut', () => {
  // As record 17 of Microsoft-Windows-LanguagePackSetup%4Operational.evtx (evtx crate samples): its provider
  // GUID ended in zeros and its channel was empty. The copy of the size that ends every record tells.
  const bytes = writeEvtx(many(50));
  const at = [...Array(0x10000).keys()].map((i) => 0x1000 + i).find((i) => bytes[i] === 0x2a && bytes[i + 1] === 0x2a && bytes[i + 8] === 10 && bytes[i + 9] === 0);
  assert.ok(at !== undefined);
  const size = (bytes[at + 4] ?? 0) + 256 * (bytes[at + 5] ?? 0);
  const end = 0x1000 + (bytes[0x1000 + 48] ?? 0) + 256 * (bytes[0x1000 + 49] ?? 0);
  bytes.fill(0, at + size - 40, end);
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 10);
  assert.deepEqual(notesOf(text).slice(1), [
    `event record 10 at offset 0x${at.toString(16)} may be incomplete (the copy of its size at its end reads 0, not ${size}); read anyway, its values may be cut or blank`,
    `chunk at offset 0x1000 lists records up to 50, but its bytes from offset 0x${(at + size).toString(16)} are blank; records 11 to 50 are missing`,
  ]);
});

test('evtx damage: a record whose BinXML is zeros is a note, not a blank line counted as an event', () => {
  const bytes = writeEvtx(many(20));
  const at = [...Array(0x10000).keys()].map((i) => 0x1000 + i).find((i) => bytes[i] === 0x2a && bytes[i + 1] === 0x2a && bytes[i + 8] === 5 && bytes[i + 9] === 0);
  assert.ok(at !== undefined);
  const size = (bytes[at + 4] ?? 0) + 256 * (bytes[at + 5] ?? 0);
  bytes.fill(0, at + 24, at + size - 4); // header and closing size copy kept
  const text = evtxToText(bytes);
  assert.equal(eventsOf(text), 19);
  assert.ok(!text.includes('\n\n'));
  assert.deepEqual(notesOf(text).slice(1), [`event record 5 at offset 0x${at.toString(16)} holds no event (its BinXML is blank)`]);
});

test('evtx damage: not an EVTX file after all is one clear note', () => {
  const text = evtxToText(new TextEncoder().encode('ElfFile\0 but nothing more'));
  assert.deepEqual(notesOf(text), ['file ends inside its header (25 bytes); no chunk to read']);
});

// ---- through the node layer and the scanner ---------------------------------------------------------

test('evtx node: a path and its bytes decode to the same text, by magic whatever the name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndes-evtx-'));
  try {
    const bytes = writeEvtx(channelEvents());
    const path = join(dir, 'renamed.log');
    writeFileSync(path, bytes);
    const fromPath = await readText(path);
    assert.equal(fromPath, await readText(bytes));
    assert.equal(fromPath, evtxToText(bytes));
    assert.ok(fromPath.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>\n<Event '));
    assert.equal(parseDocument(fromPath, { fileName: path }).format, 'windows-event-log');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('evtx rules: Application Error 1000 as an .evtx holds it is a w3wp.exe crash for w3wp.exe, and nothing for another program', () => {
  // The .evtx holds the event without its message: the faulting application is the first Data.
  const crash = (app: string): WElement => eventOf({ provider: 'Application Error', eventId: 1000, channel: 'Application', data: [[undefined, app], [undefined, '10.0.17763.1'], [undefined, 'ntdll.dll'], [undefined, 'c0000005']] });
  const text = evtxToText(writeEvtx([crash('w3wp.exe'), crash('rundll32.exe')]));
  const findings = validate(parseDocument(text, { fileName: 'Application.evtx' }));
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, text.slice(f.start, f.end).includes('w3wp.exe')]), [['NDES-EVT-APP-1000-W3WP-CRASH', 'error', true]]);
});

test('evtx notes: damage becomes an NDES-LENS-EVTX-DAMAGED warning on the note\'s line; the events around it still raise their rules', () => {
  const bytes = writeEvtx([...many(300), ...channelEvents()]);
  bytes.fill(0, 0x1000, 0x1008); // the first chunk loses its signature
  const text = evtxToText(bytes);
  const model = parseDocument(text, { fileName: 'Operational.evtx' });
  const findings = validate(model);
  const damaged = findings.filter((f) => f.ruleId === 'NDES-LENS-EVTX-DAMAGED');
  assert.equal(damaged.length, 1);
  assert.equal(text.slice(damaged[0]?.start, damaged[0]?.end), '<!-- evtx: chunk at offset 0x1000 has no ElfChnk signature (damaged); its records were skipped -->');
  assert.match(damaged[0]?.message ?? '', /^Event log file: chunk at offset 0x1000 has no ElfChnk signature/);
  const ids = new Set(findings.map((f) => f.ruleId));
  for (const id of ['CC-EVT-SCEP-VERIFY-FAILURE', 'CC-EVT-SCEP-ADMIN-FAILURE', 'NDES-EVT-10-RA-CERT']) assert.ok(ids.has(id), id);
});
