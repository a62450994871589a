import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validate } from '../../server/src/core/analysis';
import { parseDocument } from '../../server/src/core/parse';
import { findingsAt } from '../../server/src/core/findingsAt';
import { recordAt } from '../../server/src/core/records';
import { REPO_ROOT } from '../support/paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(findings|json|md)$/.test(n) ? [] : [p];
  });
}

test('findingsAt: the binary search finds what a pass over every finding finds, at every kind of offset', () => {
  let checked = 0;
  let found = 0;
  for (const path of [...files(join(REPO_ROOT, 'samples')), ...files(join(REPO_ROOT, 'test', 'golden'))]) {
    const text = readFileSync(path, 'utf8');
    const model = parseDocument(text, { fileName: path });
    const findings = validate(model);
    // Record starts, ends, middles, the gaps between records, both ends of every finding, the file's ends.
    const offsets = new Set<number>([0, text.length]);
    for (const r of model.records) for (const o of [r.start, r.end, (r.start + r.end) >> 1, r.end + 1]) offsets.add(o);
    for (const f of findings) for (const o of [f.start, f.end, f.start - 1, f.end + 1]) offsets.add(o);
    for (const offset of offsets) {
      const index = recordAt(model.records, offset);
      const record = index >= 0 ? model.records[index] : undefined;
      const everyOne = findings.filter((f) => (record ? f.record === index : false) || (f.start <= offset && offset <= f.end));
      const here = findingsAt(findings, offset, record, index);
      assert.deepEqual(here, everyOne, `${path} at ${offset}`);
      checked++;
      found += here.length;
    }
  }
  assert.ok(checked > 1000 && found > 500, `${checked} offsets, ${found} findings`);
});
