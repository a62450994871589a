import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { FoldingRange } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { foldingRanges } from '../../server/src/core/folding';
import { fixturePath } from '../support/paths';

function folds(text: string, fileName: string, limit?: number): FoldingRange[] {
  const lines = LineIndex.of(text);
  return foldingRanges(parseDocument(text, { fileName }), (o) => lines.positionAt(o).line, limit);
}
const sample = (name: string): string => readFileSync(fixturePath('..', 'samples', name), 'utf8');
const pairs = (r: readonly FoldingRange[]): [number, number, string | undefined][] => r.map((x) => [x.startLine, x.endLine, x.kind]);

test('folding: IIS directive block (comment) and the #Fields section (region) never share a start line', () => {
  assert.deepEqual(pairs(folds(sample('u_ex240305.log'), 'u_ex240305.log')), [[0, 2, 'comment'], [3, 26, 'region']]);
});

test('folding: NDESPlugin request blocks and the multi-line HTML body', () => {
  const r = pairs(folds(sample('NDESPlugin.log'), 'NDESPlugin.log'));
  assert.deepEqual(r.slice(0, 3), [[0, 2, 'region'], [3, 6, 'region'], [7, 9, 'region']]);
  const html = sample('NDESPlugin.log').split('\n').findIndex((l) => l.includes('Verify challenge returns <!DOCTYPE'));
  assert.ok(r.some(([s, e]) => s === html && e > html + 5), `a fold at the HTML page (line ${html}): ${JSON.stringify(r)}`);
});

test('folding: svclog runs of one activity and pretty-printed events', () => {
  assert.deepEqual(pairs(folds(sample('CertificateRegistrationPoint_03_05.svclog'), 'c.svclog')), [[0, 2, 'region'], [3, 6, 'region'], [7, 10, 'region'], [11, 14, 'region']]);
  const pretty = '<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent">\n  <System>\n    <Correlation ActivityID="{1}" />\n  </System>\n  <ApplicationData>VerifyRequest Started.</ApplicationData>\n</E2ETraceEvent>\n';
  assert.deepEqual(pairs(folds(pretty, 'p.svclog')), [[0, 5, undefined]]);
});

test('folding: sorted, one per start line, capped at the client limit', () => {
  const text = Array.from({ length: 50 }, (_, i) => `Calling VerifyRequest ...\nstep ${i}\nExiting VerifyRequest with 0x0`).join('\n');
  const all = folds(text, 'NDESPlugin.log');
  assert.equal(all.length, 50);
  assert.equal(folds(text, 'NDESPlugin.log', 10).length, 10);
  for (let i = 1; i < all.length; i++) assert.ok((all[i]?.startLine ?? 0) > (all[i - 1]?.startLine ?? 0));
});
