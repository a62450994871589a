import { escapeRegExp } from '../text';
import { neededText, type AllNeeded } from './neededText';

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

/**
 * Below this many patterns on a record, their own scans cost less than the gate's (measured: one
 * search of a 800-character event for 100 texts costs about what 5 patterns do).
 */
const WORTH_IT = 24;

/** A gate over `patterns`, or undefined when too few of them need text for one to pay. */
export function textGate(patterns: readonly RegExp[]): TextGate | undefined {
  const byPattern = new Map<RegExp, AllNeeded>();
  for (const re of patterns) {
    const needed = neededText(re);
    if (needed) byPattern.set(re, needed);
  }
  if (byPattern.size < WORTH_IT) return undefined;
  // Longest first: where texts start at one position, the search reports the longest, and every
  // text inside a found one counts as found too (`certificate` inside ` certificates`).
  const texts = [...new Set([...byPattern.values()].flat(2))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const index = new Map(texts.map((t, i) => [t, i]));
  const inside = texts.map((t) => texts.flatMap((u, j) => (t.includes(u) ? [j] : [])));
  const wanted = new Map([...byPattern].map(([re, all]) => [re, all.map((needed) => needed.map((t) => index.get(t) ?? -1))]));
  const search = new RegExp(texts.map(escapeRegExp).join('|'), 'gi');
  const seen = new Int32Array(texts.length);
  let scans = 0;
  return {
    scan(text) {
      scans++;
      search.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = search.exec(text)) !== null) {
        for (const j of inside[index.get(m[0].toLowerCase()) ?? -1] ?? []) seen[j] = scans;
        // On by one, not past the match: a text may start inside the one just found.
        search.lastIndex = m.index + 1;
      }
    },
    mayMatch(re) {
      const all = wanted.get(re);
      if (!all) return true;
      return all.every((ids) => ids.some((j) => seen[j] === scans));
    },
  };
}
