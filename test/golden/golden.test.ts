import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { validate } from '../../server/src/core/analysis';
import { fixturePath } from '../support/paths';

/**
 * Golden tests: every fixture log is read as the file it is, and its findings are compared with
 * the committed `<file>.findings` next to it. UPDATE_GOLDEN=1 rewrites them; reviewers read the diff.
 */
const ROOTS = ['golden/seeds', 'golden/formats'].map((r) => fixturePath(r)).filter((r) => existsSync(r));

function logFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return logFiles(full);
    return /\.(findings|json|md)$/.test(name) ? [] : [full];
  });
}

function render(path: string): string {
  const text = readFileSync(path, 'utf8');
  const model = parseDocument(text, { fileName: path });
  const lines = LineIndex.of(text);
  const out = [`# format: ${model.format} (by ${model.detectedBy}), ${model.records.length} records`];
  for (const f of validate(model)) {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    const snippet = text.slice(f.start, Math.min(f.end, f.start + 80)).replace(/\s+/g, ' ');
    out.push(`${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${f.kind} ${f.severity} ${f.ruleId} | ${snippet}`);
  }
  return out.join('\n') + '\n';
}

for (const root of ROOTS) {
  for (const file of logFiles(root)) {
    test(`golden: ${relative(fixturePath('golden'), file)}`, () => {
      const actual = render(file);
      const expectedPath = `${file}.findings`;
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(expectedPath)) {
        if (process.env['CI'] && !existsSync(expectedPath)) assert.fail(`missing golden file ${expectedPath}`);
        writeFileSync(expectedPath, actual);
        return;
      }
      assert.equal(actual, readFileSync(expectedPath, 'utf8'), `findings of ${file} changed; rerun with UPDATE_GOLDEN=1 and review the diff`);
    });
  }
}

test('golden: each seed excerpt yields exactly its rule ids', () => {
  const expected = JSON.parse(readFileSync(fixturePath('golden/seeds/expected-rules.json'), 'utf8')) as Record<string, string[]>;
  for (const [rel, ids] of Object.entries(expected)) {
    const path = fixturePath('golden/seeds', rel);
    const model = parseDocument(readFileSync(path, 'utf8'), { fileName: path });
    const found = [...new Set(validate(model).map((f) => f.ruleId))].sort();
    assert.deepEqual(found, [...ids].sort(), rel);
  }
});
