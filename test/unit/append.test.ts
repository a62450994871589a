import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyseModel, validate } from '../../server/src/core/analysis';
import { appendToModel, parseDocument } from '../../server/src/core/parse';
import type { LogModel } from '../../server/src/core/types';
import { fixturePath } from '../support/paths';

/**
 * A log written while it is open: appending re-reads only the end. Whatever the split, the model and
 * the findings must equal a full parse of the whole text.
 */
const shape = (m: LogModel): unknown => ({
  format: m.format, length: m.length,
  records: m.records.map((r) => [r.kind, r.start, r.end, r.line, r.text, r.time, r.activityId, r.http && [r.http.status, r.http.substatus, r.http.win32, r.http.start, r.http.end], r.fields]),
  problems: m.problems.map((p) => [p.ruleId, p.start, p.end]),
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(findings|json|md)$/.test(n) ? [] : [p];
  });
}

const FIXTURES = [...files(fixturePath('golden/seeds')), ...files(fixturePath('flow/scenarios')), ...files(fixturePath('..', 'samples'))];

test('append: any split of a log, appended, equals a full parse (records, problems, findings)', () => {
  let checked = 0;
  let appendedTwice = 0;
  let resumed = 0;
  for (const path of FIXTURES) {
    const text = readFileSync(path, 'utf8');
    const full = parseDocument(text, { fileName: path });
    const fullFindings = validate(full);
    // Split after each line break and in the middle of lines.
    const cuts = new Set<number>();
    for (let i = text.indexOf('\n'); i !== -1 && cuts.size < 40; i = text.indexOf('\n', i + 1)) { cuts.add(i + 1); cuts.add(Math.max(1, i - 7)); }
    for (const cut of cuts) {
      if (cut <= 0 || cut >= text.length) continue;
      const before = parseDocument(text.slice(0, cut), { fileName: path });
      if (before.format !== full.format || before.detectedBy !== full.detectedBy) continue; // detection changes with more text: a full parse is used
      // The earlier version is analysed before the append, which takes over its records.
      const previous = analyseModel(before);
      // Every other split, the earlier version's success markers were found (as the flow asks for
      // them) and the append keeps those before its first new record.
      if (cut % 2 === 0) assert.ok(previous.findings.length >= previous.failures.length);
      const appended = appendToModel(before, text);
      if (!appended) continue;
      assert.deepEqual(shape(appended.model), shape(full), `${path} cut at ${cut}: model`);
      if (previous.checkpoint.records === appended.firstNewRecord) resumed++; // read on, not from scratch
      const first = analyseModel(appended.model, { resume: { from: previous.checkpoint, at: appended.firstNewRecord, known: previous.known() } });
      const { findings, checkpoint } = first;
      assert.deepEqual(first.failures, fullFindings.filter((f) => f.kind !== 'evidence'), `${path} cut at ${cut}: failures`);
      assert.deepEqual(findings, fullFindings, `${path} cut at ${cut}: findings`);
      // And once more: an append after an append reads on from the checkpoint the first one left.
      const longer = text + text.slice(cut);
      const whole = parseDocument(longer, { fileName: path });
      const again = appendToModel(appended.model, longer);
      if (again && whole.format === full.format && whole.detectedBy === full.detectedBy) {
        const twice = analyseModel(again.model, { resume: { from: checkpoint, at: again.firstNewRecord, known: first.known() } });
        assert.deepEqual(twice.findings, validate(whole), `${path} cut at ${cut}: second append`);
        appendedTwice++;
      }
      checked++;
    }
  }
  assert.ok(checked > 200, `only ${checked} splits checked`);
  assert.ok(appendedTwice > 200, `only ${appendedTwice} second appends checked`);
  assert.ok(resumed > 200, `only ${resumed} appends read on from their checkpoint`);
});

test('append: formats that cannot resume at a record start say so', () => {
  const head = '"Level","Date and Time","Source","Event ID","Task Category"\n"Error","3/5/2024 9:14:05 AM","x","31","None"\n';
  const csv = parseDocument(head, { fileName: 'events.csv' });
  assert.equal(csv.format, 'windows-event-log');
  assert.equal(appendToModel(csv, head + '"Error","3/5/2024 9:15:05 AM","x","31","None"\n'), undefined);
});
