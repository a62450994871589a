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
  const plans = new Map([...byPattern].map(([re, all]) => [re, planOf(all.map((needed) => needed.map((t) => index.get(t) ?? -1)))]));
  const search = textSetOf(texts);
  const seen = new Int32Array(texts.length);
  let scans = 0;
  return {
    scan(text) {
      scans++;
      search.scan(text, seen, scans);
    },
    mayMatch(re) {
      const plan = plans.get(re);
      if (!plan) return true;
      // Every group needs one of its texts seen in this scan.
      let at = 0;
      while (at < plan.length) {
        const end = at + 1 + (plan[at] ?? 0);
        let any = false;
        for (let k = at + 1; k < end && !any; k++) any = seen[plan[k] ?? 0] === scans;
        if (!any) return false;
        at = end;
      }
      return true;
    },
  };
}

/**
 * A pattern's groups of text ids flattened into one array (`count, id…, count, id…`): it is asked
 * about on every record, and walking one typed array costs far less than closures over nested lists.
 */
function planOf(groups: readonly (readonly number[])[]): Int32Array {
  return Int32Array.from(groups.flatMap((ids) => [ids.length, ...ids]));
}

/**
 * Automata already built, by their texts: each file of a folder, and the editor's marker pass, ask
 * for the same few sets again (building one for every signature's texts takes several milliseconds).
 */
const built = new Map<string, TextSet>();
const MAX_BUILT = 16;

function textSetOf(texts: readonly string[]): TextSet {
  const key = texts.join('\u0000');
  let set = built.get(key);
  if (!set) {
    if (built.size >= MAX_BUILT) built.clear();
    set = new TextSet(texts);
    built.set(key, set);
  }
  return set;
}
