import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { iisTraffic } from '../support/traffic';
import { checkJson, cli, FIXTURE_FOLDERS, tempDir } from './run';

/** The flat line's fields and their JSON types ('string|null' when a value may be absent). */
const FLAT_FIELDS: Readonly<Record<string, string>> = {
  schema: 'string', time: 'string|null', localTime: 'string|null', host: 'string', file: 'string', line: 'number', column: 'number',
  ruleId: 'string', ruleName: 'string', kind: 'string', severity: 'string', stage: 'number|null', message: 'string',
  codes: 'array', eventId: 'string|null', uri: 'string|null', operation: 'string|null', fingerprint: 'string', tool: 'string', toolVersion: 'string',
};

const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function parseLines(text: string): Record<string, unknown>[] {
  assert.ok(text === '' || text.endsWith('\n'), 'the output ends with a line break');
  return text.split('\n').filter((l) => l !== '').map((l) => {
    const o = JSON.parse(l) as unknown;
    assert.equal(typeOf(o), 'object', l);
    return o as Record<string, unknown>;
  });
}

test('jsonl: one JSON object per line per finding, with exactly the flat fields and types, UTC times, host from the evidence', () => {
  for (const folder of FIXTURE_FOLDERS) {
    const run = cli(['check', folder, '--format', 'jsonl']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const lines = parseLines(run.stdout);
    const { json } = checkJson([folder]);
    assert.equal(lines.length, json.findings.length, folder);
    lines.forEach((l, i) => {
      assert.deepEqual(Object.keys(l).sort(), Object.keys(FLAT_FIELDS).sort());
      for (const [name, type] of Object.entries(FLAT_FIELDS)) assert.ok(type.split('|').includes(typeOf(l[name])), `${folder} line ${i}: ${name} is ${typeOf(l[name])}`);
      const f = json.findings[i];
      assert.ok(f);
      assert.deepEqual([l['file'], l['line'], l['column'], l['ruleId'], l['severity'], l['message']], [f.path, f.line, f.column, f.ruleId, f.severity, f.message]);
      if (typeof l['time'] === 'string') assert.match(l['time'], UTC_ISO);
      assert.ok(l['time'] === null || l['localTime'] === null, 'a line has a UTC time or a local one, never both');
      assert.match(String(l['fingerprint']), /^[0-9a-f]{16}$/);
      assert.equal(l['schema'], 'ndes-lens.finding/1');
    });
    assert.equal(new Set(lines.map((l) => l['fingerprint'])).size, lines.length, `${folder}: fingerprints are unique`);
  }
  // The svclog names its computer; NDESPlugin.log does not, so the machine's name stands in.
  const samples = parseLines(cli(['check', 'samples', '--format', 'jsonl']).stdout);
  const svclog = samples.filter((l) => String(l['file']).endsWith('.svclog'));
  const plugin = samples.filter((l) => String(l['file']).endsWith('NDESPlugin.log'));
  assert.ok(svclog.length > 0 && plugin.length > 0);
  for (const l of svclog) assert.equal(l['host'], 'NDES01');
  for (const l of plugin) { assert.equal(l['host'], hostname()); assert.equal(l['time'], null); assert.match(String(l['localTime']), /^2024-03-05T/); }
  for (const l of svclog) assert.match(String(l['time']), UTC_ISO);
});

test('jsonl --schema ecs: Elastic Common Schema names with the same fingerprints', () => {
  const flat = parseLines(cli(['check', 'samples', '--format', 'jsonl']).stdout);
  const ecs = parseLines(cli(['check', 'samples', '--format', 'jsonl', '--schema', 'ecs']).stdout);
  assert.equal(ecs.length, flat.length);
  ecs.forEach((e, i) => {
    const f = flat[i];
    assert.ok(f);
    const get = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), e);
    assert.match(String(get('@timestamp')), UTC_ISO);
    if (f['time'] !== null) assert.equal(get('@timestamp'), f['time']);
    assert.equal(get('rule.id'), f['ruleId']);
    assert.equal(get('rule.name'), f['ruleName']);
    assert.equal(get('log.level'), f['severity']);
    assert.equal(get('log.file.path'), f['file']);
    assert.equal(get('host.name'), f['host']);
    assert.equal(get('message'), f['message']);
    assert.equal(get('event.id'), f['fingerprint']);
    assert.equal(get('ndes_lens.fingerprint'), f['fingerprint']);
    assert.equal(typeof get('event.code'), 'string');
    assert.equal(typeof get('error.code'), 'string');
    assert.equal(get('ecs.version'), '8.11.0');
  });
  const bad = cli(['check', 'samples', '--schema', 'ecs']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--schema needs --format jsonl/);
});

test('fingerprints are stable across runs, folders and appends, and SARIF carries them as partialFingerprints', () => {
  const t = tempDir();
  try {
    const log = join(t.dir, 'u_ex240305.log');
    copyFileSync('samples/u_ex240305.log', log);
    const fingerprints = (path: string): string[] => parseLines(cli(['check', path, '--format', 'jsonl']).stdout).map((l) => String(l['fingerprint']));
    const original = fingerprints('samples/u_ex240305.log');
    assert.ok(original.length > 0);
    assert.deepEqual(fingerprints(log), original, 'another folder, same fingerprints');
    assert.deepEqual(fingerprints(log), original, 'a second run, same fingerprints');
    const more = iisTraffic(new Date('2024-03-05T09:00:00Z'), 40, 4);
    appendFileSync(log, more.text);
    const grown = fingerprints(log);
    assert.deepEqual(grown.slice(0, original.length), original, 'an append keeps the earlier findings\' fingerprints');
    assert.ok(grown.length >= original.length + more.failing.length, `${grown.length} findings after appending ${more.failing.length} failures`);
    assert.equal(new Set(grown).size, grown.length);

    const sarifPath = join(t.dir, 'out.sarif');
    cli(['check', log, '--format', 'sarif', '--out', sarifPath]);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as { runs: { results: { partialFingerprints?: Record<string, string> }[] }[] };
    assert.deepEqual(sarif.runs[0]?.results.map((r) => r.partialFingerprints?.['ndesLensFingerprint/v1']), grown);
  } finally {
    t.done();
  }
});

test('jsonl: the same failure twice in one second gets two fingerprints; a log line is never emitted raw', () => {
  const t = tempDir();
  try {
    const log = join(t.dir, 'NDESPlugin.log');
    const line = '<![LOG[Verify challenge returns false]LOG]!><time="08:41:27.107-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\r\n';
    writeFileSync(log, line + line + '<![LOG[Verify challenge returns false \u001b[31m\u2028]LOG]!><time="08:41:28.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\r\n');
    const run = cli(['check', log, '--format', 'jsonl']);
    const lines = parseLines(run.stdout);
    const verify = lines.filter((l) => l['ruleId'] === 'NDES-PLUGIN-VERIFY-FALSE');
    assert.equal(verify.length, 3);
    assert.equal(new Set(verify.map((l) => l['fingerprint'])).size, 3);
    // Every control character is escaped by JSON: the output has exactly one line per finding.
    assert.equal(run.stdout.split('\n').length - 1, lines.length);
    assert.ok(!run.stdout.includes('\u001b'));
  } finally {
    t.done();
  }
});
