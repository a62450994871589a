import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hover } from '../../server/src/core/hover';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, FormatId, LogModel, LogRecord, ParseProblem } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { SCANNERS } from '../../server/src/core/formats';
import { cuts, logText, origin } from './arbitraries';
import { assertInertMarkdown } from './markdown';

/**
 * The properties every scanner and the detection keep, on any text: no throw, no hang, offsets
 * inside the document, records sorted and disjoint, the same findings for CRLF and LF, and chunked
 * input read exactly like one push. Shared by the node:test share (test/fuzz/*.test.ts) and the
 * full run (scripts/fuzz.mjs).
 */

/** The fixed seed of the npm test share; `npm run fuzz` takes FUZZ_SEED or a random one. */
export const FUZZ_SEED = 20240305;
/** One case on a document of at most a few hundred KB; far above what any case needs. */
export const CASE_BUDGET_MS = 5000;

export const FORMATS = (): readonly FormatId[] => Object.keys(SCANNERS) as FormatId[];

interface Scan {
  readonly records: readonly LogRecord[];
  readonly problems: readonly ParseProblem[];
}

/** Runs one format's scanner directly over the text, pushed in the given chunks. */
export function scan(format: FormatId, chunks: readonly string[]): { records: LogRecord[]; problems: ParseProblem[] } {
  const records: LogRecord[] = [];
  const problems: ParseProblem[] = [];
  const scanner = SCANNERS[format]({ record: (r) => records.push(r), problem: (p) => problems.push(p) });
  for (const c of chunks) scanner.push(c);
  scanner.end();
  return { records, problems };
}

/** Splits a text at fractions of its length (duplicates and empty chunks allowed on purpose). */
export function split(text: string, fractions: readonly number[]): string[] {
  const at = fractions.map((f) => Math.floor(f * text.length)).sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const i of at) { chunks.push(text.slice(from, i)); from = i; }
  chunks.push(text.slice(from));
  return chunks;
}

const flatten = (s: string): string => s.replace(/[\r\n]/g, ' ');

export function assertRecords(text: string, { records, problems }: Scan, where: string): void {
  const lines = LineIndex.of(text);
  let previousEnd = 0;
  records.forEach((r, i) => {
    const at = `${where}: record ${i} [${r.start}, ${r.end})`;
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), at);
    assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${at} lies outside the document (length ${text.length})`);
    assert.ok(r.start >= previousEnd, `${at} overlaps or precedes the record before (ending at ${previousEnd})`);
    previousEnd = r.end;
    assert.equal(r.line, lines.positionAt(r.start).line, `${at}: wrong line number`);
    if (!r.map) {
      assert.equal(r.text, flatten(text.slice(r.start, r.end)), `${at}: text is not the raw slice with line breaks blanked`);
    } else {
      assert.equal(r.map.text.length, r.map.doc.length, `${at}: map anchors differ in number`);
      for (let k = 0; k < r.map.doc.length; k++) {
        const doc = r.map.doc[k] ?? -1;
        const t = r.map.text[k] ?? -1;
        assert.ok(doc >= r.start && doc <= r.end, `${at}: map anchor ${k} (${doc}) outside the record`);
        assert.ok(t >= 0 && t <= r.text.length, `${at}: map text anchor ${k} (${t}) outside the record text`);
        if (k > 0) {
          assert.ok(t >= (r.map.text[k - 1] ?? 0), `${at}: map text anchors not sorted`);
          assert.ok(doc >= (r.map.doc[k - 1] ?? 0), `${at}: map document anchors not sorted`);
        }
      }
    }
  });
  problems.forEach((p, i) => {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${where}: problem ${i} ${p.ruleId} [${p.start}, ${p.end}) outside the document`);
  });
}

export function assertFindings(text: string, findings: readonly Finding[], where: string): void {
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${where}: finding ${f.ruleId} [${f.start}, ${f.end}) outside the document (length ${text.length})`);
  }
}

function modelOf(format: FormatId, text: string): LogModel {
  const builder = createModelBuilder(format);
  builder.push(text);
  return builder.end();
}

/** Findings as what a user sees: rule and position (line/character), sorted. */
export function visible(text: string, findings: readonly Finding[]): string[] {
  const lines = LineIndex.of(text);
  const pos = (o: number): string => { const p = lines.positionAt(o); return `${p.line}:${p.character}`; };
  return findings.map((f) => `${f.ruleId} ${pos(f.start)}-${pos(f.end)}`).sort();
}

/** Every property of one scanner on one text. Throws (an assertion) on the first one broken. */
export function checkScanner(format: FormatId, text: string, fractions: readonly number[], hoverAt = 0.5): void {
  const started = Date.now();
  const where: string = format;
  const whole = scan(format, [text]);
  assertRecords(text, whole, where);
  const chunked = scan(format, split(text, fractions));
  assert.deepStrictEqual(chunked, whole, `${where}: chunked push differs from one push`);

  const model = modelOf(format, text);
  const findings = validate(model);
  assertFindings(text, findings, where);

  const lf = text.replace(/\r\n?/g, '\n');
  const crlf = lf.replace(/\n/g, '\r\n');
  if (crlf.length <= 16 * 1024) {
    const a = visible(lf, validate(modelOf(format, lf)));
    const b = visible(crlf, validate(modelOf(format, crlf)));
    assert.deepStrictEqual(b, a, `${where}: CRLF and LF give different findings`);
  }

  const lines = LineIndex.of(text);
  const offset = Math.floor(hoverAt * text.length);
  const h = hover(model, findings, offset, (o) => lines.positionAt(o));
  if (h && typeof h.contents === 'object' && 'value' in h.contents) assertInertMarkdown(h.contents.value, `${where}: hover at ${offset}`);

  const took = Date.now() - started;
  assert.ok(took < CASE_BUDGET_MS, `${where}: one case took ${took} ms on ${text.length} characters`);
}

/** Detection plus the whole pipeline, with any file name and language. */
export function checkDetection(text: string, from: { fileName?: string; languageId?: string }): void {
  const model = parseDocument(text, from);
  assert.ok(Object.keys(SCANNERS).includes(model.format), `unknown format ${model.format}`);
  assert.equal(model.length, text.length);
  assertRecords(text, model, `detected ${model.format}`);
  assertFindings(text, validate(model), `detected ${model.format}`);
}

export function scannerProperty(format: FormatId): fc.IPropertyWithHooks<[string, readonly number[], number]> {
  return fc.property(logText, cuts, fc.double({ min: 0, max: 1, noNaN: true }), (text, fractions, at) => { checkScanner(format, text, fractions, at); });
}

export function detectionProperty(): fc.IPropertyWithHooks<[string, { fileName?: string; languageId?: string }]> {
  return fc.property(logText, origin, (text, from) => { checkDetection(text, from); });
}
