import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { pluginCalls } from './pluginCalls';
import type { LogModel, LogRecord } from './types';

/** VS Code's own default (`editor.foldingMaximumRegions`). */
export const MAX_FOLDING_RANGES = 5000;

/**
 * Folding ranges of a log: every record written over several lines (pretty-printed svclog events,
 * the HTML page after `Verify challenge returns`, wrapped IIS requests), NDESPlugin request blocks,
 * runs of svclog records of one activity, IIS directive blocks and the requests below each.
 * One pass over the records; sorted by start line, at most `rangeLimit`.
 */
export function foldingRanges(model: LogModel, lineAt: (offset: number) => number, rangeLimit = MAX_FOLDING_RANGES): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const startLine = (r: LogRecord): number => lineAt(r.start);
  const endLine = (r: LogRecord): number => lineAt(Math.max(r.start, r.end - 1));
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    if (end <= start) return;
    ranges.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };

  for (const r of model.records) add(startLine(r), endLine(r));

  if (model.format === 'ndesplugin-log') {
    for (const b of pluginCalls(model).calls) {
      const first = model.records[b.records[0] ?? -1];
      const last = model.records[b.records[b.records.length - 1] ?? -1];
      if (first && last) add(startLine(first), endLine(last), FoldingRangeKind.Region);
    }
  } else if (model.format === 'wcf-svclog') {
    runs(model.records, (a, b) => a.kind === 'entry' && a.activityId !== undefined && a.activityId === b.activityId,
      (first, last) => { add(startLine(first), endLine(last), FoldingRangeKind.Region); });
  } else if (model.format === 'iis-w3c-log') {
    iisRanges(model.records, startLine, endLine, add);
  }
  return limit(ranges, rangeLimit);
}

/**
 * A directive run folds as a comment up to the line before its last directive (`#Fields`), and the
 * section folds from that last directive to the last request before the next run: two ranges that
 * never start on the same line.
 */
function iisRanges(
  records: readonly LogRecord[], startLine: (r: LogRecord) => number, endLine: (r: LogRecord) => number,
  add: (start: number, end: number, kind?: FoldingRangeKind) => void,
): void {
  let sectionStart: LogRecord | undefined;
  let last: LogRecord | undefined;
  const close = (): void => { if (sectionStart && last) add(startLine(sectionStart), endLine(last), FoldingRangeKind.Region); };
  runs(records, (a, b) => a.kind === 'directive' && b.kind === 'directive', (first, lastDirective) => {
    if (first.kind === 'directive') add(startLine(first), startLine(lastDirective) - 1, FoldingRangeKind.Comment);
  });
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r) continue;
    if (r.kind === 'directive' && records[i + 1]?.kind !== 'directive') {
      close();
      sectionStart = r;
    }
    last = r;
  }
  close();
}

/** Calls `each` with the first and last record of every maximal run of `same` neighbours. */
function runs(records: readonly LogRecord[], same: (a: LogRecord, b: LogRecord) => boolean, each: (first: LogRecord, last: LogRecord) => void): void {
  let first: LogRecord | undefined;
  let prev: LogRecord | undefined;
  for (const r of records) {
    if (first && prev && same(prev, r)) { prev = r; continue; }
    if (first && prev && first !== prev) each(first, prev);
    first = r;
    prev = r;
  }
  if (first && prev && first !== prev) each(first, prev);
}

/** Sorted by start line; one range per start line (the longest); cut at `max`. */
function limit(ranges: FoldingRange[], max: number): FoldingRange[] {
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const out: FoldingRange[] = [];
  for (const r of ranges) {
    if (out.length >= max) break;
    if (out[out.length - 1]?.startLine === r.startLine) continue;
    out.push(r);
  }
  return out;
}
