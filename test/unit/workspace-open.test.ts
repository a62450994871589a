import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { parseDocument, validate } from '../../server/src/core';
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

test('workspace: a newly opened log publishes its failures first; they are its findings without the success markers', () => {
  assert.ok(FILES.length > 20);
  let evidence = 0;
  for (const showSuccessMarkers of [false, true]) {
    const settings: ServerSettings = { ...DEFAULT_SETTINGS, showSuccessMarkers, rules: { 'NDES-PLUGIN-VERIFY-FALSE': 'warning' } };
    const ws = new Workspace(() => settings);
    for (const path of FILES) {
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).toString();
      const entry = ws.setDocument(uri, 'plaintext', 1, text);
      // Diagnostics first, before anything asks for the success markers.
      const diagnostics = ws.diagnostics(entry);
      const expected = validate(parseDocument(text, { languageId: 'plaintext', fileName: uri }), settings);
      assert.deepEqual(entry.findings, expected, path);
      assert.deepEqual(entry.failures ?? entry.findings.filter((f) => f.kind !== 'evidence'), expected.filter((f) => f.kind !== 'evidence'), path);
      // The same diagnostics as an entry whose findings were all known from the start.
      const plain = new Workspace(() => settings);
      const full = plain.setDocument(uri, 'plaintext', 1, text);
      assert.equal(full.findings.length, expected.length, path); // all of them known before its diagnostics
      assert.deepEqual(plain.diagnostics(full), diagnostics, path);
      evidence += expected.filter((f) => f.kind === 'evidence').length;
      if (showSuccessMarkers) assert.equal(diagnostics.length, Math.min(expected.length, settings.maxNumberOfProblems), path);
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
