/**
 * Which of a set of texts occur in a string, case-free for ASCII letters, in one pass over it (an
 * Aho-Corasick automaton). It finds what a case-insensitive regex alternation of the texts finds when
 * tried at every position, without trying each text at each position: for the hundred texts of an
 * event log's signatures that costs one table step per character instead of several microseconds
 * per record.
 *
 * Without the `u` flag, a case-insensitive regex maps no non-ASCII character to an ASCII one, so an
 * ASCII text matches only ASCII characters and folding `A`-`Z` is all the folding there is. A text
 * with a character beyond ASCII is not searched: it counts as found in every string.
 */
/** Table rows are this wide (`s << 7` is `s * ASCII`). */
const ASCII = 128;

export class TextSet {
  /**
   * The state after each (state, character) pair: state * ASCII + character, with `A`-`Z` stepping
   * as `a`-`z`. A state where a text ends is stored as its complement (negative): most characters
   * lead to a state where none does, and the one lookup tells both.
   */
  private readonly next: Int32Array;
  /** The texts that end at each state (its own and its suffixes'): found[from[s] .. from[s + 1]). */
  private readonly from: Int32Array;
  private readonly found: Int32Array;
  /** Texts counted as found everywhere. */
  private readonly always: readonly number[];

  /**
   * Built in typed arrays, each state's row a copy of its fallback's with its own children written
   * over it: a process builds its event log's automaton (about 5,000 states) once, before the JIT has
   * warmed up, and a Map per state cost 40 ms of every `check` of a small file.
   */
  constructor(texts: readonly string[]) {
    const always: number[] = [];
    let capacity = 1;
    for (const text of texts) capacity += text.length;
    // The trie: goto[s * ASCII + c] is the child of s on c, 0 for none (the root is no one's child);
    // kids[s] lists the characters s has a child on.
    const goto = new Int32Array(capacity * ASCII);
    const kids: number[][] = [[]];
    const own: number[][] = [];
    texts.forEach((text, j) => {
      // eslint-disable-next-line no-control-regex -- the test is for characters beyond ASCII
      if (text.length === 0 || /[^\x00-\x7f]/.test(text)) { always.push(j); return; }
      let s = 0;
      const lower = text.toLowerCase();
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        let t = goto[s * ASCII + c] ?? 0;
        if (t === 0) {
          t = kids.length;
          kids.push([]);
          goto[s * ASCII + c] = t;
          kids[s]?.push(c);
        }
        s = t;
      }
      (own[s] ??= []).push(j);
    });
    const states = kids.length;
    const next = new Int32Array(states * ASCII);
    const fail = new Int32Array(states);
    const ends: (readonly number[] | undefined)[] = [own[0]];
    // Breadth first: a state's fallback is shallower, so its row and its texts are complete when the
    // state is reached, and whether a state ends a text is known when it is first written in a row.
    const queue = new Int32Array(states);
    let queued = 0;
    const enter = (row: number, c: number, t: number): void => {
      ends[t] = own[t] && ends[fail[t] ?? 0] ? [...(own[t] ?? []), ...(ends[fail[t] ?? 0] ?? [])] : own[t] ?? ends[fail[t] ?? 0];
      next[row + c] = ends[t] ? ~t : t;
      queue[queued++] = t;
    };
    for (const c of kids[0] ?? []) enter(0, c, goto[c] ?? 0);
    for (let q = 0; q < queued; q++) {
      const s = queue[q] ?? 0;
      const f = fail[s] ?? 0;
      const row = s * ASCII;
      next.copyWithin(row, f * ASCII, f * ASCII + ASCII);
      for (const c of kids[s] ?? []) {
        const t = goto[row + c] ?? 0;
        const via = next[f * ASCII + c] ?? 0;
        fail[t] = s === 0 ? 0 : via < 0 ? ~via : via;
        enter(row, c, t);
      }
    }
    // `A`-`Z` step as `a`-`z`.
    for (let s = 0; s < states; s++) next.copyWithin(s * ASCII + 65, s * ASCII + 97, s * ASCII + 123);
    const from = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) from[s + 1] = (from[s] ?? 0) + (ends[s]?.length ?? 0);
    const found = new Int32Array(from[states] ?? 0);
    for (let s = 0; s < states; s++) found.set(ends[s] ?? [], from[s] ?? 0);
    this.found = found;
    this.from = from;
    this.next = next;
    this.always = always;
  }

  /**
   * Sets `seen[j] = mark` for every text j that occurs in `text`, and lists each such j once in
   * `fresh` (as long as the number of texts); returns how many it listed.
   */
  scan(text: string, seen: Int32Array, mark: number, fresh: Int32Array): number {
    let n = 0;
    for (const j of this.always) { seen[j] = mark; fresh[n++] = j; }
    const { next, from, found } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= ASCII) { s = 0; continue; }
      s = next[(s << 7) | c] ?? 0;
      if (s >= 0) continue;
      s = ~s;
      const end = from[s + 1] ?? 0;
      for (let k = from[s] ?? 0; k < end; k++) {
        const j = found[k] ?? 0;
        if (seen[j] === mark) continue;
        seen[j] = mark;
        fresh[n++] = j;
      }
    }
    return n;
  }
}
