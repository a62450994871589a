import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../server/src/protocol';
import { Workspace } from '../../server/src/workspace';
import { REPO_ROOT } from '../support/paths';

function logFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return logFiles(path);
    return /\.(?:findings|json|md)$/.test(e.name) ? [] : [path];
  });
}

const FILES = ['samples', 'test/golden/seeds', 'test/golden/formats'].flatMap((d) => logFiles(join(REPO_ROOT, d)));

test('workspace: an opened log\'s findings and diagnostics are one analysis of its text', () => {
  assert.ok(FILES.length > 20);
  let evidence = 0;
  for (const showSuccessMarkers of [false, true]) {
    const settings: ServerSettings = { ...DEFAULT_SETTINGS, showSuccessMarkers, rules: { 'NDES-PLUGIN-VERIFY-FALSE': 'warning' } };
    const ws = new Workspace(() => settings);
    for (const path of FILES) {
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).toString();
      const entry = ws.setDocument(uri, 'plaintext', 1, text);
      const expected = validate(parseDocument(text, { languageId: 'plaintext', fileName: uri }), settings);
      assert.deepEqual(entry.findings, expected, path);
      const diagnostics = ws.diagnostics(entry);
      const shown = showSuccessMarkers ? expected : expected.filter((f) => f.kind !== 'evidence');
      assert.equal(diagnostics.length, Math.min(shown.length, settings.maxNumberOfProblems), path);
      evidence += expected.filter((f) => f.kind === 'evidence').length;
    }
  }
  assert.ok(evidence > 0, 'the fixtures hold success markers');
});

test('workspace: a log opened and then appended to keeps every success marker', () => {
  const text = readFileSync(join(REPO_ROOT, 'samples', 'NDESPlugin.log'), 'utf8');
  const ws = new Workspace(() => DEFAULT_SETTINGS);
  const uri = 'file:///logs/NDESPlugin.log';
  const big = text.repeat(Math.ceil(70_000 / text.length)); // past the detection window, so appends read on
  ws.setDocument(uri, 'ndesplugin-log', 1, big);
  const grown = ws.setDocument(uri, 'ndesplugin-log', 2, big + text, { text: () => text });
  assert.deepEqual(grown.findings, validate(parseDocument(big + text, { languageId: 'ndesplugin-log', fileName: uri })));
});

test('workspace: appends read on from the last checkpoint and equal a full analysis at every step', () => {
  const text = readFileSync(join(REPO_ROOT, 'samples', 'NDESPlugin.log'), 'utf8');
  const big = text.repeat(Math.ceil(70_000 / text.length)); // past the detection window, so appends read on
  const line = (message: string, thread: number): string =>
    `<![LOG[${message}]LOG]!><time="23:10:00.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="${thread}" file="">\r\n`;
  // A request left open across appends (NDES-PLUGIN-CALL-IN-PROGRESS comes and goes), a line cut
  // mid-write and finished by the next append, and a failure of its own.
  const sent = line('Calling VerifyRequest ...', 77) + line('Sending request to certificate registration point.', 77);
  const answer = line('Verify challenge returns false', 77);
  const pieces = [sent, answer.slice(0, 20), answer.slice(20), sent, line('Verify challenge returns true', 77), text];
  const uri = 'file:///logs/NDESPlugin.log';
  {
    const ws = new Workspace(() => DEFAULT_SETTINGS);
    let doc = big;
    let version = 1;
    ws.setDocument(uri, 'ndesplugin-log', version, doc);
    const stuck: boolean[] = [];
    pieces.forEach((piece, i) => {
      doc += piece;
      version++;
      const entry = ws.setDocument(uri, 'ndesplugin-log', version, doc, { text: () => piece });
      const expected = validate(parseDocument(doc, { languageId: 'ndesplugin-log', fileName: uri }));
      assert.deepEqual(entry.findings, expected, `append ${i}`);
      stuck.push(expected.some((f) => f.ruleId === 'NDES-PLUGIN-CALL-IN-PROGRESS' && f.start >= big.length));
    });
    assert.deepEqual(stuck, [true, true, false, true, false, false], 'the open request is reported until it is answered');
  }
});

test('workspace: new settings re-validate open logs, which go on reading appends from there', () => {
  const text = readFileSync(join(REPO_ROOT, 'samples', 'NDESPlugin.log'), 'utf8');
  const big = text.repeat(Math.ceil(70_000 / text.length));
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const ws = new Workspace(() => settings);
  const uri = 'file:///logs/NDESPlugin.log';
  ws.setDocument(uri, 'ndesplugin-log', 1, big);
  settings = { ...DEFAULT_SETTINGS, rules: { 'NDES-PLUGIN-VERIFY-FALSE': 'off' } };
  ws.revalidate();
  const entry = ws.setDocument(uri, 'ndesplugin-log', 2, big + text, { text: () => text });
  const expected = validate(parseDocument(big + text, { languageId: 'ndesplugin-log', fileName: uri }), settings);
  assert.ok(!expected.some((f) => f.ruleId === 'NDES-PLUGIN-VERIFY-FALSE'));
  assert.deepEqual(entry.findings, expected);
});
