import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';
import { MAX_RELATED_REPEATS, toDiagnostics } from '../../server/src/core/diagnostics';
import { groupRepeats, repeatKey } from '../../server/src/core/repeats';
import { repeatedRevokeFailures } from '../support/events';

const URI = 'file:///case/connector-events.xml';

function diagnosticsOf(text: string, maxNumberOfProblems = 1000): ReturnType<typeof toDiagnostics> {
  const doc = TextDocument.create(URI, 'windows-event-log', 1, text);
  const model = parseDocument(text, { fileName: 'connector-events.xml' });
  return toDiagnostics(validate(model), (o) => doc.positionAt(o), { showSuccessMarkers: false, maxNumberOfProblems, uri: URI });
}

test('repeats: the same rule with the same values is one group; another value is another group', () => {
  const f = (message: string, ruleId = 'R') => ({ ruleId, severity: 'error' as const, message });
  const groups = groupRepeats([f('event 3001'), f('event 3001'), f('event 3051'), f('event 3001'), f('event 3001', 'S')], repeatKey);
  assert.deepEqual(groups.map((g) => g.length), [3, 1, 1]);
  assert.deepEqual(groups.map((g) => g[0]?.message), ['event 3001', 'event 3051', 'event 3001']);
});

test('Problems panel: 1,600 identical failures are one problem with the count; the different one is its own problem', () => {
  const ds = diagnosticsOf(repeatedRevokeFailures(1600));
  const visible = ds.filter((d) => d.severity !== DiagnosticSeverity.Hint);
  assert.equal(visible.length, 2, visible.map((d) => d.message).join('\n'));
  const [group, other] = visible;
  assert.ok(group && other);
  assert.equal(group.range.start.line, 1);
  assert.match(group.message, /event 3001: .*\[1,600 times in this file, last on line 1601; the repeats are hints\]$/);
  assert.equal(other.range.start.line, 1601);
  assert.match(other.message, /event 3051/);
  assert.equal(other.relatedInformation, undefined);
  // The rest stay reachable: listed under the first (capped, the last one included) and kept as hints.
  const related = group.relatedInformation ?? [];
  assert.equal(related.length, MAX_RELATED_REPEATS);
  assert.deepEqual(related.slice(0, 3).map((r) => [r.location.uri, r.location.range.start.line, r.message]), [
    [URI, 2, 'same finding, 2 of 1600'], [URI, 3, 'same finding, 3 of 1600'], [URI, 4, 'same finding, 4 of 1600'],
  ]);
  assert.equal(related.at(-1)?.location.range.start.line, 1600);
  const hints = ds.filter((d) => d.severity === DiagnosticSeverity.Hint);
  assert.equal(hints.length, 998, 'the cap of 1,000 keeps both problems first, then repeats');
  const repeat = hints[0];
  assert.ok(repeat);
  assert.match(repeat.message, /^Repeats the finding on line 2 \(2 of 1600\): Certificate Connector event 3001/);
  assert.equal(repeat.code, 'CC-EVT-IMPORT-REVOKE-FAILURES', 'quick fixes still apply to a repeat');
  assert.deepEqual(repeat.relatedInformation?.map((r) => r.location.range.start.line), [1]);
  assert.equal(diagnosticsOf(repeatedRevokeFailures(1600), 5000).length, 1601, 'under the cap every occurrence is a diagnostic');
});

test('Problems panel: a tight cap keeps the different failure over the repeats', () => {
  const ds = diagnosticsOf(repeatedRevokeFailures(1600), 10);
  assert.equal(ds.length, 10);
  assert.ok(ds.some((d) => /event 3051/.test(d.message) && d.severity === DiagnosticSeverity.Error));
});
