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
  /**
   * False when no pattern of `lists[k]` (as given to `textGate`) may match the text last scanned:
   * a record then costs a signature none of whose texts it holds one array read, not a call per pattern.
   */
  mayMatchList(k: number): boolean;
}

/** Below this many patterns on a record, their own scans cost less than the gate's. */
const WORTH_IT = 24;

/**
 * A gate over `patterns`, or undefined when too few of them need text for one to pay. `lists`
 * (each a signature's patterns, all among `patterns`) are answered for by `mayMatchList`.
 */
export function textGate(patterns: readonly RegExp[], lists: readonly (readonly RegExp[])[] = []): TextGate | undefined {
  const byPattern = new Map<RegExp, AllNeeded>();
  for (const re of patterns) {
    const needed = neededText(re);
    if (needed) byPattern.set(re, needed);
  }
  if (byPattern.size < WORTH_IT) return undefined;
  const texts = [...new Set([...byPattern.values()].flat(2))];
  const index = new Map(texts.map((t, i) => [t, i]));
  // Each pattern's groups as text ids: its plan, and what its signature's list is keyed by.
  const groups = new Map([...byPattern].map(([re, all]) => [re, all.map((needed) => needed.map((t) => index.get(t) ?? -1))]));
  const plans = new Map([...groups].map(([re, ids]) => [re, planOf(ids)]));
  const search = textSetOf(texts);
  const seen = new Int32Array(texts.length);
  const fresh = new Int32Array(texts.length);
  const groupsOf = (re: RegExp): readonly (readonly number[])[] | undefined => groups.get(re);
  // Keyed first by length, then, once the log has shown which texts are common, by how often each occurred.
  const shortest = (ids: readonly number[]): number => ids.reduce((n, j) => Math.min(n, texts[j]?.length ?? 0), Infinity);
  let { listsOf, always } = listKeys(lists, groupsOf, (ids) => -shortest(ids));
  const hits = new Int32Array(texts.length);
  const listSeen = new Int32Array(lists.length);
  let scans = 0;
  return {
    scan(text) {
      scans++;
      const n = search.scan(text, seen, scans, fresh);
      if (scans <= LEARN_RECORDS) {
        for (let i = 0; i < n; i++) { const j = fresh[i] ?? 0; hits[j] = (hits[j] ?? 0) + 1; }
        if (scans === LEARN_RECORDS) ({ listsOf, always } = listKeys(lists, groupsOf, (ids) => ids.reduce((sum, j) => sum + (hits[j] ?? 0), 0)));
      }
      for (let i = 0; i < n; i++) {
        const keyed = listsOf[fresh[i] ?? 0];
        if (keyed) for (const k of keyed) listSeen[k] = scans;
      }
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
    mayMatchList: (k) => always[k] === 1 || listSeen[k] === scans,
  };
}

/**
 * Which lists a text's presence may wake. A pattern needs one text of every group, so each pattern
 * of a list is keyed by one group: the one that costs least (`cost`: rarest first). A list holding a
 * pattern without needed text is always awake.
 */
function listKeys(lists: readonly (readonly RegExp[])[], groupsOf: (re: RegExp) => readonly (readonly number[])[] | undefined, cost: (ids: readonly number[]) => number): { listsOf: (number[] | undefined)[]; always: Uint8Array } {
  const listsOf: (number[] | undefined)[] = [];
  const always = new Uint8Array(lists.length);
  lists.forEach((list, k) => {
    const keys = list.map((re) => {
      const all = groupsOf(re);
      if (!all || all.length === 0) return undefined;
      return all.reduce((best, ids) => (cost(ids) < cost(best) ? ids : best));
    });
    if (keys.some((ids) => ids === undefined)) { always[k] = 1; return; }
    for (const ids of keys) {
      for (const j of ids ?? []) {
        const keyed = (listsOf[j] ??= []);
        if (keyed[keyed.length - 1] !== k) keyed.push(k);
      }
    }
  });
  return { listsOf, always };
}

/** How many records the gate reads before it keys each pattern by its rarest group in this log. */
const LEARN_RECORDS = 256;

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
