import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { validate } from '../../server/src/core/analysis';
import { failuresView } from '../../server/src/core/navigation';
import { fixturePath } from '../support/paths';

function view(text: string, name: string, rules: Record<string, 'off' | 'error'> = {}, maxLines?: number): ReturnType<typeof failuresView> {
  const model = parseDocument(text, { fileName: name });
  const lines = LineIndex.of(text);
  return failuresView(name, model, validate(model, { rules }), (o) => lines.positionAt(o), maxLines === undefined ? {} : { maxLines });
}

test('failures view: one line per failing record with a name:line link to it', () => {
  const text = readFileSync(fixturePath('..', 'samples', 'NDESPlugin.log'), 'utf8');
  const v = view(text, 'NDESPlugin.log');
  assert.equal(v.failures, 2);
  const lines = v.text.split('\n');
  assert.match(lines[0] ?? '', /^NDES Lens: 2 failing records of \d+ in NDESPlugin\.log/);
  assert.equal(v.links.length, 2);
  const source = text.split('\n');
  for (const l of v.links) {
    const row = lines[l.line] ?? '';
    assert.equal(row.slice(l.startCharacter, l.endCharacter), `NDESPlugin.log:${l.targetLine + 1}`);
    assert.ok(source[l.targetLine]?.includes('Verify challenge returns'), source[l.targetLine]);
  }
  assert.equal(lines[v.links[0]?.line ?? 0], 'NDESPlugin.log:3  NDES-PLUGIN-VERIFY-FALSE  Verify challenge returns false');
  assert.ok(!v.text.includes('\r') && v.text.split('\n').every((l) => l.length < 600), 'multi-line records on one short line');
});

test('failures view: follows the rule settings; says so when nothing failed; caps long lists', () => {
  const text = 'Calling VerifyRequest ...\nVerify challenge returns false\n';
  assert.equal(view(text, 'NDESPlugin.log').failures, 1);
  const off = view(text, 'NDESPlugin.log', { 'NDES-PLUGIN-VERIFY-FALSE': 'off' });
  assert.equal(off.failures, 0);
  assert.match(off.text, /^NDES Lens: no failures in NDESPlugin\.log/);
  const many = view('Verify challenge returns false\n'.repeat(30), 'NDESPlugin.log', {}, 10);
  assert.equal(many.failures, 30);
  assert.equal(many.links.length, 10);
  assert.match(many.text, /\(first 10 shown\)/);
});
