/**
 * Plain text that every match of a regex must contain, read from the regex's source: a record
 * that lacks it can be skipped without running the regex (`textGate.ts`).
 *
 * The reading is conservative. A piece it does not fully understand (a class, an escape it does not
 * know, a back-reference) contributes nothing and ends the text around it, so a skip never changes
 * what matches. Only ASCII text counts, in lower case and found case-free: without the `u` flag an
 * ASCII letter matches only its two ASCII cases.
 */

/** Any one of these (lower-case) occurs in every match. */
export type Needed = readonly string[];

/** Each of these occurs in every match: the pieces of plain text a pattern holds in a row. */
export type AllNeeded = readonly Needed[];

/** Shorter text is too common to be worth a search. */
const MIN_LENGTH = 4;
/** The longest pieces are enough to tell most records apart; more only lengthen the search. */
const MAX_PIECES = 3;

const cache = new WeakMap<RegExp, AllNeeded | null>();

/** What `re` needs to match, or undefined when nothing useful can be read from its source. */
export function neededText(re: RegExp): AllNeeded | undefined {
  let needed = cache.get(re);
  if (needed === undefined) {
    needed = read(re) ?? null;
    cache.set(re, needed);
  }
  return needed ?? undefined;
}

function read(re: RegExp): AllNeeded | undefined {
  // With `u` or `v` and `i`, `k` and `s` also match non-ASCII letters (K, ſ) a case-free search without `u` does not.
  if (/[uv]/.test(re.flags)) return undefined;
  try {
    const reader = new SourceReader(re.source);
    const part = reader.alternatives();
    if (!reader.done()) return undefined;
    const pieces = rarestFirst(part.all.filter((n) => shortest(n) >= MIN_LENGTH)).slice(0, MAX_PIECES);
    return pieces.length > 0 ? pieces.map((n) => [...new Set(n.map((t) => t.toLowerCase()))]) : undefined;
  } catch {
    return undefined;
  }
}

/** What one piece of a pattern says about its matches. */
interface Part {
  /** The only text the piece can match (a plain word), when it has one. */
  readonly exact?: string | undefined;
  /** Texts of which each occurs in every match of the piece. */
  readonly all: AllNeeded;
}

/** An atom and how often it repeats. */
interface Item {
  readonly part: Part;
  /** Matches no text (an assertion): it does not separate the text on either side. */
  readonly zeroWidth: boolean;
  readonly min: number;
  readonly max: number;
}

const OPAQUE: Part = { all: [] };

class SourceReader {
  private i = 0;

  constructor(private readonly src: string) {}

  done(): boolean { return this.i === this.src.length; }

  /** `a|b|…` up to a closing parenthesis or the end: one of each alternative's needs. */
  alternatives(): Part {
    const parts: Part[] = [this.sequence()];
    while (this.src.charAt(this.i) === '|') {
      this.i++;
      parts.push(this.sequence());
    }
    if (parts.length === 1) return parts[0] ?? OPAQUE;
    const needed: string[] = [];
    for (const p of parts) {
      const piece = rarestFirst(p.all)[0];
      if (!piece) return OPAQUE; // an alternative that needs nothing: the whole needs nothing
      needed.push(...piece);
    }
    return { all: [needed] };
  }

  /** Items in a row: their runs of plain text, and what each item needs. */
  private sequence(): Part {
    const candidates: Needed[] = [];
    let run = '';
    let exact: string | undefined = '';
    const close = (): void => {
      if (run.length > 0) candidates.push([run]);
      run = '';
    };
    while (this.i < this.src.length) {
      const c = this.src.charAt(this.i);
      if (c === '|' || c === ')') break;
      const item = this.item();
      if (item.zeroWidth) continue;
      const e = item.part.exact;
      if (item.min === 0) {
        close();
        exact = undefined;
      } else if (e !== undefined) {
        run += e.repeat(item.min);
        if (item.max !== item.min) {
          // `ab+c` holds `ab` and `bc`: the text after a repeat starts with its last copy.
          close();
          run = e;
          exact = undefined;
        } else if (exact !== undefined) exact += e.repeat(item.min);
      } else {
        close();
        exact = undefined;
        candidates.push(...item.part.all);
      }
    }
    close();
    return { exact, all: candidates };
  }

  private item(): Item {
    const start = this.i;
    const c = this.src.charAt(this.i);
    let part: Part = OPAQUE;
    let zeroWidth = false;
    if (c === '(') {
      const group = this.group();
      part = group.part;
      zeroWidth = group.zeroWidth;
    } else if (c === '[') {
      this.skipClass();
    } else if (c === '\\') {
      const escape = this.escape();
      part = escape.part;
      zeroWidth = escape.zeroWidth;
    } else if (c === '^' || c === '$') {
      this.i++;
      zeroWidth = true;
    } else if (c === '.') {
      this.i++;
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && this.quantifierAt(this.i))) {
      throw new Error(`nothing to repeat at ${start}`);
    } else {
      this.i++;
      part = plain(c);
    }
    const { min, max } = this.quantifier();
    return { part, zeroWidth, min, max };
  }

  private group(): { part: Part; zeroWidth: boolean } {
    const src = this.src;
    let zeroWidth = false;
    if (src.startsWith('(?:', this.i)) this.i += 3;
    else if (src.startsWith('(?=', this.i) || src.startsWith('(?!', this.i)) { this.i += 3; zeroWidth = true; }
    else if (src.startsWith('(?<=', this.i) || src.startsWith('(?<!', this.i)) { this.i += 4; zeroWidth = true; }
    else if (src.startsWith('(?<', this.i)) {
      const close = src.indexOf('>', this.i);
      if (close < 0) throw new Error('unclosed group name');
      this.i = close + 1;
    } else if (src.startsWith('(?', this.i)) throw new Error('unknown group'); // modifiers: not read
    else this.i += 1;
    const part = this.alternatives();
    if (src.charAt(this.i) !== ')') throw new Error('unclosed group');
    this.i++;
    return { part: zeroWidth ? OPAQUE : part, zeroWidth };
  }

  private skipClass(): void {
    let j = this.i + 1;
    if (this.src.charAt(j) === '^') j++;
    while (j < this.src.length && this.src.charAt(j) !== ']') j += this.src.charAt(j) === '\\' ? 2 : 1;
    if (j >= this.src.length) throw new Error('unclosed class');
    this.i = j + 1;
  }

  private escape(): { part: Part; zeroWidth: boolean } {
    const c = this.src.charAt(this.i + 1);
    this.i += 2;
    if (c === 'b' || c === 'B') return { part: OPAQUE, zeroWidth: true };
    if (c === 'k' && this.src.charAt(this.i) === '<') {
      const close = this.src.indexOf('>', this.i);
      if (close < 0) throw new Error('unclosed back-reference');
      this.i = close + 1;
      return { part: OPAQUE, zeroWidth: false };
    }
    if (c === 'x') this.i += 2;
    else if (c === 'u') this.i += this.src.charAt(this.i) === '{' ? Math.max(this.src.indexOf('}', this.i) + 1 - this.i, 1) : 4;
    else if (c === 'c') this.i += 1;
    else if (/[0-9]/.test(c)) while (/[0-9]/.test(this.src.charAt(this.i))) this.i++;
    // Only an escaped punctuation mark stands for itself; letters and digits are classes, controls or references.
    return { part: /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c) ? plain(c) : OPAQUE, zeroWidth: false };
  }

  /** `{n}`, `{n,}` or `{n,m}` at `at` (anything else is a plain `{`). */
  private quantifierAt(at: number): RegExpExecArray | null {
    const q = /\{(\d+)(,(\d*))?\}/y;
    q.lastIndex = at;
    return q.exec(this.src);
  }

  private quantifier(): { min: number; max: number } {
    const c = this.src.charAt(this.i);
    let min = 1;
    let max = 1;
    if (c === '?') { min = 0; this.i++; }
    else if (c === '*') { min = 0; max = Infinity; this.i++; }
    else if (c === '+') { max = Infinity; this.i++; }
    else if (c === '{') {
      const q = this.quantifierAt(this.i);
      if (!q) return { min, max };
      min = Number(q[1]);
      max = q[2] === undefined ? min : q[3] === '' ? Infinity : Number(q[3]);
      this.i += q[0].length;
    } else return { min, max };
    if (this.src.charAt(this.i) === '?') this.i++; // lazy: same text
    return { min, max };
  }
}

/** A character that stands for itself: only printable ASCII is compared. */
function plain(c: string): Part {
  return /^[\x20-\x7e]$/.test(c) ? { exact: c, all: [[c]] } : OPAQUE;
}

function shortest(needed: Needed): number {
  return needed.reduce((n, t) => Math.min(n, t.length), Infinity);
}

/** Longest shortest text first: the rarest to find by chance. */
function rarestFirst(candidates: AllNeeded): Needed[] {
  return [...candidates].sort((a, b) => shortest(b) - shortest(a) || a.length - b.length);
}
