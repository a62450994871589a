import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { BUILTIN } from '../../server/src/core/validate';
import { validate } from '../../server/src/core/analysis';
import { isResumable, parseDocument } from '../../server/src/core/parse';
import { recordFacts, utcTime } from '../../server/src/core/report/facts';
import { Fingerprinter, fnv1a64, logicalName, type FingerprintKey } from '../../server/src/core/report/fingerprint';
import { fleetLine, toEcs } from '../../server/src/core/report/fleet';
import { scanTail } from '../../server/src/core/tail';
import { fixturePath } from '../support/paths';

test('fnv1a64 is standard FNV-1a 64 over UTF-8 (published test vectors)', () => {
  assert.equal(fnv1a64(''), 'cbf29ce484222325');
  assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  // U+00E9 is the two bytes C3 A9, not one code unit.
  assert.notEqual(fnv1a64('é'), fnv1a64('\u00c3\u00a9'));
});

test('logicalName: the base name, lower case, rotation numbers normalised, a rolled .lo_ read as .log', () => {
  assert.equal(logicalName('C:\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex261207.log'), 'u_ex#.log');
  assert.equal(logicalName('/mnt/ndes/u_ex261208.log'), 'u_ex#.log');
  assert.equal(logicalName('logs/NDESPlugin.lo_'), 'ndesplugin.log');
  assert.equal(logicalName('NDESPlugin.log'), 'ndesplugin.log');
  assert.equal(logicalName('CertificateRegistrationPoint_03_05.svclog'), 'certificateregistrationpoint_#.svclog');
  assert.notEqual(logicalName('NDESPlugin.log'), logicalName('u_ex261207.log'));
});

const key = (over: Partial<FingerprintKey> = {}): FingerprintKey => ({
  ruleId: 'NDES-IIS-CRP-403-16', host: 'NDES01', file: 'u_ex261207.log', values: ['', '/certsrv/mscep/mscep.dll', 'PKIOperation', '403.16'], time: '2026-12-07T03:00:00Z', ...over,
});

test('fingerprints: same finding read again is the same; equal failures at other times or repeated are distinct', () => {
  const a = new Fingerprinter();
  const b = new Fingerprinter();
  const first = a.next(key());
  assert.match(first, /^[0-9a-f]{16}$/);
  // Another run, another folder, another rotation day of the same log: same identity.
  assert.equal(b.next(key({ file: '/elsewhere/u_ex261208.log', host: 'ndes01' })), first);
  // The same failure a second later, or twice within one second, is a finding of its own.
  assert.notEqual(a.next(key({ time: '2026-12-07T03:00:01Z' })), first);
  const again = new Fingerprinter();
  const once = again.next(key());
  const twice = again.next(key());
  assert.equal(once, first);
  assert.notEqual(twice, once);
  // Each part of the key matters.
  for (const over of [{ ruleId: 'NDES-IIS-CRP-403-17' }, { host: 'NDES02' }, { file: 'NDESPlugin.log' }, { values: ['', '/certsrv/mscep/mscep.dll', 'GetCACaps', '403.16'] }]) {
    assert.notEqual(new Fingerprinter().next(key(over)), first, JSON.stringify(over));
  }
});

test('fingerprints: a counter restored from its state continues where it stopped (watcher restart)', () => {
  const straight = new Fingerprinter();
  const all = [straight.next(key()), straight.next(key()), straight.next(key()), straight.next(key({ time: 'x' }))];
  const before = new Fingerprinter();
  const firstTwo = [before.next(key()), before.next(key())];
  const after = new Fingerprinter(JSON.parse(JSON.stringify(before.state())) as ReturnType<Fingerprinter['state']>);
  assert.deepEqual([...firstTwo, after.next(key()), after.next(key({ time: 'x' }))], all);
});

test('record facts: host, codes, request and UTC time from an IIS record with s-computername', () => {
  const text = '#Fields: date time s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n'
    + '2026-12-07 03:00:00 NDES07 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest operation=PKIOperation 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31\n';
  const model = parseDocument(text, { fileName: 'u_ex261207.log' });
  const record = model.records.find((r) => r.kind === 'entry');
  const facts = recordFacts(record);
  assert.equal(facts.host, 'NDES07');
  assert.equal(facts.uri, '/certificateregistrationsvc/certificate/verifyrequest');
  assert.equal(facts.operation, 'PKIOperation');
  assert.equal(utcTime(facts.time), '2026-12-07T03:00:00.000Z');
  assert.ok(facts.codes.includes('0x800B0109'), facts.codes.join(','));
  const finding = validate(model).find((f) => f.kind === 'failure');
  assert.ok(finding);
  const line = fleetLine({ ...finding, line: 2, column: 1 }, facts, { file: 'u_ex261207.log', machine: 'collector', toolVersion: '9.9.9' }, new Fingerprinter());
  assert.equal(line.host, 'NDES07');
  assert.equal(line.time, '2026-12-07T03:00:00.000Z');
  assert.equal(line.localTime, null);
  const ecs = toEcs(line, '2026-12-07T04:00:00.000Z') as { '@timestamp': string; host: { name: string }; event: { id: string } };
  assert.equal(ecs['@timestamp'], line.time);
  assert.equal(ecs.host.name, 'NDES07');
  assert.equal(ecs.event.id, line.fingerprint);
  // Zone-less local times are kept as logged, not guessed into UTC.
  assert.equal(utcTime('2024-03-05T08:41:27.107'), undefined);
});

test('fleet lines: the connector\'s PKCS failures and unrecognised-failure notes carry no SCEP stage; SCEP failures do', () => {
  const event = (id: number): string => `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>${id}</EventID><Level>2</Level><Channel>Microsoft-Intune-CertificateConnectors/Admin</Channel></System></Event>\n`;
  const model = parseDocument(event(1001) + event(4007), { fileName: 'admin.xml' });
  const stages = validate(model).filter((f) => f.kind === 'failure').map((f) => {
    const line = fleetLine({ ...f, line: 1, column: 1 }, recordFacts(model.records[f.record]), { file: 'admin.xml', machine: 'collector', toolVersion: '9.9.9' }, new Fingerprinter());
    return [line.ruleId, line.stage];
  });
  assert.deepEqual(stages, [['CC-EVT-PKCS-FAILURES', null], ['CC-EVT-SCEP-ISSUE-FAILURE', 4]]);
  // A note on an unrecognised failure line is placed in no stage either, as the flow leaves it out.
  const plugin = (message: string, type: number): string => `<![LOG[${message}]LOG]!><time="00:00:02.324-60" date="03-05-2024" component="NDESPlugin" context="" type="${type}" thread="5937" file="">\n`;
  const log = parseDocument(plugin('Calling VerifyRequest ...', 1) + plugin('Could not open the registry key: access denied', 3), { fileName: 'NDESPlugin.log' });
  const note = validate(log).find((f) => f.ruleId === 'NDES-LENS-UNRECOGNISED-FAILURE');
  assert.ok(note);
  assert.equal(fleetLine({ ...note, line: 2, column: 1 }, recordFacts(log.records[note.record]), { file: 'NDESPlugin.log', machine: 'collector', toolVersion: '9.9.9' }, new Fingerprinter()).stage, null);
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(findings|json|md)$/.test(n) ? [] : [p];
  });
}

const FIXTURES = [...files(fixturePath('golden/seeds')), ...files(fixturePath('flow/scenarios')), ...files(fixturePath('..', 'samples'))];
const MULTI_RECORD = new Set(BUILTIN.validators.flatMap((v) => v.ids));

/** A deterministic pseudo-random split point generator, so a failure can be replayed. */
function splitter(seed: number): (n: number) => number {
  let s = seed;
  return (n) => { s = (s * 1103515245 + 12345) % 2147483648; return s % n; };
}

test('scanTail: a log read in growing pieces, last record held back, finds what a whole read finds', () => {
  let checked = 0;
  for (const path of FIXTURES) {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const model = parseDocument(text, { fileName: path });
    if (!isResumable(model.format) || !text.includes('\n')) continue;
    const lines = LineIndex.of(text);
    const expected = validate(model)
      .filter((f) => f.kind !== 'evidence' && !MULTI_RECORD.has(f.ruleId) && f.ruleId !== 'NDES-LENS-EMPTY')
      .map((f) => { const p = lines.positionAt(f.start); return `${f.ruleId}@${p.line + 1}:${p.character + 1}`; });
    for (const seed of [1, 2, 3]) {
      const rand = splitter(seed + checked);
      let at = 0;
      let line = 0;
      let fields: readonly string[] | undefined;
      const got: string[] = [];
      let available = 0;
      while (at < text.length) {
        // The writer adds some lines; the reader takes what ends in a line break, and lets the last record go only at the end.
        available = Math.min(text.length, available + 1 + rand(400));
        const cut = available === text.length ? text.length : text.lastIndexOf('\n', available - 1) + 1;
        if (cut <= at) continue;
        const final = cut === text.length;
        const r = scanTail({ format: model.format, detectedBy: model.detectedBy, text: text.slice(at, cut), line, fields, holdLast: !final });
        for (const t of r.findings) got.push(`${t.finding.ruleId}@${t.line}:${t.column}`);
        at += r.consumed;
        line = r.nextLine;
        fields = r.fields;
      }
      assert.deepEqual(got, expected, `${path} (seed ${seed})`);
    }
    checked++;
  }
  assert.ok(checked >= 10, `only ${checked} fixtures were resumable`);
});
