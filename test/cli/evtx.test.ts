import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { parseDocument } from '../../server/src/core/parse';
import { evtxToText } from '../../server/src/core/evtx';
import { sampleEvent } from '../support/evtx/events';
import { writeEvtx, type WElement } from '../support/evtx/writer';
import { REPO_ROOT } from '../support/paths';
import { folderEntries, zipBytes } from '../support/zip';
import { checkJson, cli, tempDir } from './run';

/** The CLI on binary event logs, through the built dist/cli.js as a user runs it. */
const EVENT_RULES = CATALOGUE.filter((s) => s.formats.includes('windows-event-log'));
const positives = (): WElement[] => EVENT_RULES.flatMap((s) => s.samples.positive.map((p) => sampleEvent(s.id, p)));
const ALL_POSITIVES = (): Uint8Array => writeEvtx(positives());

test('cli evtx: check reads an .evtx holding every event rule\'s positive samples and reports every event rule', () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'Operational.evtx');
    writeFileSync(path, ALL_POSITIVES());
    const { run, json } = checkJson([path]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(json.files[0]?.format, 'windows-event-log');
    const found = new Set([...json.findings.map((f) => f.ruleId), ...json.evidence.map((e) => e.ruleId)]);
    for (const s of EVENT_RULES) assert.ok(found.has(s.id), `${s.id} missing from check of an .evtx`);
    assert.ok(!found.has('NDES-LENS-UNPARSEABLE'));
  } finally { t.done(); }
});

test('cli evtx: an .evtx of events without their message (Event XML samples) reports each of their rules, every {placeholder} filled', () => {
  const t = tempDir();
  try {
    const bare = EVENT_RULES.map((s) => ({ s, xml: s.samples.positive.filter((p) => /^<Event[\s>]/.test(p)) })).filter(({ xml }) => xml.length > 0);
    assert.ok(bare.length >= 15, `only ${bare.length} event rules with a sample without its message`);
    const path = join(t.dir, 'Application.evtx');
    writeFileSync(path, writeEvtx(bare.flatMap(({ s, xml }) => xml.map((p) => sampleEvent(s.id, p)))));
    const { run, json } = checkJson([path]);
    assert.equal(json.files[0]?.format, 'windows-event-log', run.stderr);
    for (const { s, xml } of bare) {
      if (s.kind === 'evidence') {
        assert.ok(json.evidence.some((e) => e.ruleId === s.id && e.count >= xml.length), `${s.id}: evidence missing from check of an .evtx`);
        continue;
      }
      const own = json.findings.filter((f) => f.ruleId === s.id);
      assert.ok(own.length >= xml.length, `${s.id}: ${own.length} finding(s) for ${xml.length} event(s) without their message`);
      for (const f of own) {
        assert.ok(f.severity === s.severity || f.severity === s.milder?.severity, `${s.id}: ${f.severity}`);
        assert.doesNotMatch(f.message, /\{\w+\}/, `${s.id}: a placeholder left in ${f.message}`);
      }
    }
  } finally { t.done(); }
});

test('cli evtx: a folder of logs and .evtx files is checked whole; diagnose places an .evtx failure on its SCEP stage; report names it', () => {
  const t = tempDir();
  try {
    for (const f of ['u_ex240305.log', 'NDESPlugin.log', 'CertificateRegistrationPoint_03_05.svclog']) copyFileSync(join(REPO_ROOT, 'samples', f), join(t.dir, f));
    const verify = CATALOGUE.find((s) => s.id === 'CC-EVT-SCEP-VERIFY-FAILURE');
    assert.ok(verify);
    writeFileSync(join(t.dir, 'Microsoft-Intune-CertificateConnectors%4Operational.evtx'), writeEvtx(verify.samples.positive.map((p) => sampleEvent(verify.id, p))));
    const { json } = checkJson([t.dir]);
    const evtx = json.files.find((f) => f.path.endsWith('.evtx'));
    assert.equal(evtx?.format, 'windows-event-log');
    assert.ok(json.findings.some((f) => f.path.endsWith('.evtx') && f.ruleId === 'CC-EVT-SCEP-VERIFY-FAILURE'));

    const diagnose = cli(['diagnose', t.dir, '--format', 'json']);
    const flow = JSON.parse(diagnose.stdout) as { stages: { stage: number; evidence: { path: string; ruleId: string }[] }[] };
    const stage = flow.stages.find((s) => s.evidence.some((e) => e.path.endsWith('.evtx') && e.ruleId === 'CC-EVT-SCEP-VERIFY-FAILURE'));
    assert.equal(stage?.stage, 3, diagnose.stdout.slice(0, 2000));

    const out = join(t.dir, 'report.md');
    const report = cli(['report', t.dir, '--out', out]);
    assert.ok(report.status === 0 || report.status === 1, report.stderr);
    assert.match(readFileSync(out, 'utf8'), /CC-EVT-SCEP-VERIFY-FAILURE/);
  } finally { t.done(); }
});

test('cli evtx: a support bundle (.zip) holding an .evtx is diagnosed like the unzipped folder', () => {
  const t = tempDir();
  try {
    const folder = join(t.dir, 'support');
    mkdirSync(folder);
    for (const f of ['u_ex240305.log', 'NDESPlugin.log']) copyFileSync(join(REPO_ROOT, 'samples', f), join(folder, f));
    const verify = CATALOGUE.find((s) => s.id === 'CC-EVT-SCEP-VERIFY-FAILURE');
    assert.ok(verify);
    writeFileSync(join(folder, 'Operational.evtx'), writeEvtx(verify.samples.positive.map((p) => sampleEvent(verify.id, p))));
    const zip = join(t.dir, 'bundle.zip');
    writeFileSync(zip, zipBytes(folderEntries(folder)));
    const plain = checkJson([folder]).json;
    const zipped = checkJson([zip]).json;
    const strip = (p: string): string => p.replace(`${folder}/`, '').replace(`${zip}!`, '');
    assert.deepEqual(zipped.findings.map((f) => [strip(f.path), f.line, f.ruleId]), plain.findings.map((f) => [strip(f.path), f.line, f.ruleId]));
    assert.ok(zipped.findings.some((f) => f.path === `${zip}!Operational.evtx` && f.ruleId === 'CC-EVT-SCEP-VERIFY-FAILURE'));
  } finally { t.done(); }
});

test('cli evtx: a damaged .evtx is still checked; each damage is a warning on its line', () => {
  const t = tempDir();
  try {
    const bytes = writeEvtx([...positives(), ...positives(), ...positives(), ...positives()]);
    assert.ok(bytes.length > 0x1000 + 0x10000, 'several chunks');
    bytes.fill(0x58, 0x1000 + 0x200, 0x1000 + 0x204); // the first record loses its signature
    const path = join(t.dir, 'damaged.evtx');
    writeFileSync(path, bytes);
    const { json } = checkJson([path]);
    const damaged = json.findings.filter((f) => f.ruleId === 'NDES-LENS-EVTX-DAMAGED');
    assert.ok(damaged.length >= 2, JSON.stringify(damaged));
    assert.ok(damaged.some((f) => /no event record where one should start \(offset 0x1200\)/.test(f.message)));
    assert.ok(damaged.every((f) => f.severity === 'warning' && f.line >= 3));
    assert.ok(json.findings.some((f) => f.ruleId.startsWith('CC-EVT-')), 'events in the later chunks still raise their rules');
  } finally { t.done(); }
});

test('cli evtx: convert writes one <Events> document that the event log scanner reads, event for event', () => {
  const t = tempDir();
  try {
    const bytes = ALL_POSITIVES();
    const path = join(t.dir, 'Admin.evtx');
    writeFileSync(path, bytes);
    const run = cli(['convert', path]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, evtxToText(bytes));
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="utf-8" standalone="yes"\?>\n<Events>\n<Event xmlns='http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event'>/);
    assert.match(run.stdout, /<\/Event>\n<\/Events>\n$/);
    const events = EVENT_RULES.reduce((n, s) => n + s.samples.positive.length, 0);
    assert.match(run.stderr, new RegExp(`^ndes-lens: ${events} event\\(s\\) converted\\n$`));
    const model = parseDocument(run.stdout, { fileName: 'events.xml' });
    assert.equal(model.format, 'windows-event-log');
    assert.equal(model.records.filter((r) => r.kind === 'entry' && r.fields?.['eventId'] !== undefined).length, events);

    const out = join(t.dir, 'events.xml');
    assert.equal(cli(['convert', path, '--out', out]).status, 0);
    assert.equal(readFileSync(out, 'utf8'), run.stdout);
  } finally { t.done(); }
});

test('cli evtx: convert refuses what is not an .evtx, and a missing file, with exit 2', () => {
  const notEvtx = cli(['convert', 'samples/NDESPlugin.log']);
  assert.equal(notEvtx.status, 2);
  assert.match(notEvtx.stderr, /samples\/NDESPlugin\.log is not a Windows event log/);
  const missing = cli(['convert', 'no-such.evtx']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such\.evtx/);
  assert.equal(cli(['convert']).status, 2);
  assert.match(cli(['convert', '--help']).stdout, /Usage: ndes-lens convert <file\.evtx>/);
});

test('cli evtx: redact writes an .evtx as its redacted Event XML, named .evtx.xml, that reads as the same events', () => {
  const t = tempDir();
  try {
    const input = join(t.dir, 'in');
    const output = join(t.dir, 'out');
    mkdirSync(input);
    writeFileSync(join(input, 'Admin.evtx'), ALL_POSITIVES());
    const run = cli(['redact', input, output]);
    assert.equal(run.status, 0, run.stderr);
    const xml = readFileSync(join(output, 'Admin.evtx.xml'), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8" standalone="yes"\?>\n<Events>\n<Event /);
    assert.ok(!xml.includes('NDES01.contoso.com'), 'host names masked');
    const { json } = checkJson([join(output, 'Admin.evtx.xml')]);
    assert.equal(json.files[0]?.format, 'windows-event-log');
    assert.ok(json.findings.some((f) => f.ruleId === 'CC-EVT-SCEP-VERIFY-FAILURE'));
  } finally { t.done(); }
});
