import { neededText, type AllNeeded } from './neededText';
import { TextSet } from './textSet';

/**
 * One search of a record for the text that a whole set of patterns needs, instead of one scan per
 * pattern. An event log runs about fifty signatures on every record and most records hold the
 * text of none or a few of them: the gate finds which, and only their patterns run.
 */
export interface TextGate {
  /** Reads one record's text; `mayMatch` then answers for it. */
  scan(text: string): void;
  /** False when the text last scanned lacks what `re` needs (so `re` cannot match it). */
  mayMatch(re: RegExp): boolean;
}

/** Below this many patterns on a record, their own scans cost less than the gate's. */
const WORTH_IT = 24;

/** A gate over `patterns`, or undefined when too few of them need text for one to pay. */
export function textGate(patterns: readonly RegExp[]): TextGate | undefined {
  const byPattern = new Map<RegExp, AllNeeded>();
  for (const re of patterns) {
    const needed = neededText(re);
    if (needed) byPattern.set(re, needed);
  }
  if (byPattern.size < WORTH_IT) return undefined;
  const texts = [...new Set([...byPattern.values()].flat(2))];
  const index = new Map(texts.map((t, i) => [t, i]));
  const wanted = new Map([...byPattern].map(([re, all]) => [re, all.map((needed) => needed.map((t) => index.get(t) ?? -1))]));
  const search = new TextSet(texts);
  const seen = new Int32Array(texts.length);
  let scans = 0;
  return {
    scan(text) {
      scans++;
      search.scan(text, seen, scans);
    },
    mayMatch(re) {
      const all = wanted.get(re);
      if (!all) return true;
      return all.every((ids) => ids.some((j) => seen[j] === scans));
    },
  };
}
