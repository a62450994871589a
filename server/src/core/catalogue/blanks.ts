/**
 * Blank tolerance of the catalogue's patterns. Text pasted from a mail, a web page or a console
 * carries tabs, doubled spaces and non-breaking spaces where the log had one space, so a blank that
 * a pattern writes between two solid pieces (`Verify challenge returns`, `Phase \d finished`,
 * `request (?<req>\w+) because`) is read as "any run of blanks".
 *
 * Solid: every character the piece matches is a non-blank, and it matches at least one. Only
 * blanks with solid pieces on both sides change, so `\s+` meets nothing else that could match a
 * blank and the pattern stays linear-time. A blank next to `\s`, `.`, a negated class, an optional
 * piece, a lookaround or a quantifier is left as written.
 */

/** Code points JS `\s` matches, the ones a class range must not span to count as solid. */
const BLANK = /\s/;
/** Characters that stand for themselves in a pattern, blanks excepted. */
const PLAIN_RUN = /[^ ()[\]{}|?*+\\.^$]+/y;

interface Piece {
  /** Where the piece (its quantifier included) ends in the source. */
  readonly end: number;
  readonly startsSolid: boolean;
  readonly endsSolid: boolean;
}

/** `re` with every blank between two solid pieces turned into `\s+` (the same object when none is). */
export function blankTolerant(re: RegExp): RegExp {
  const src = re.source;
  if (!src.includes(' ')) return re;
  let out = '';
  /** Whether the piece just written ends solid. */
  let solidBefore = false;
  const opens: number[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === ' ') {
      let end = i;
      while (src.charAt(end) === ' ') end++;
      const quantified = quantifierAt(src, end) !== undefined;
      out += !quantified && solidBefore && startsSolid(src, end) ? '\\s+' : src.slice(i, end);
      solidBefore = false;
      i = end;
      continue;
    }
    if (c === '(') {
      opens.push(i);
      const body = bodyStart(src, i);
      out += src.slice(i, body);
      solidBefore = false;
      i = body;
      continue;
    }
    if (c === ')') {
      const open = opens.pop();
      const group = open === undefined ? undefined : groupAt(src, open);
      const end = group?.end ?? i + 1;
      out += src.slice(i, end);
      solidBefore = group?.endsSolid ?? false;
      i = end;
      continue;
    }
    if (c === '|') {
      out += c;
      solidBefore = false;
      i++;
      continue;
    }
    // A run of plain characters is copied at once (the catalogue is rewritten as it loads).
    PLAIN_RUN.lastIndex = i;
    const run = PLAIN_RUN.exec(src)?.[0];
    if (run !== undefined) {
      const end = i + run.length;
      const q = quantifierAt(src, end);
      const last = !BLANK.test(src.charAt(end - 1));
      out += src.slice(i, q?.end ?? end);
      solidBefore = last && (q === undefined || q.min >= 1);
      i = q?.end ?? end;
      continue;
    }
    const stray = quantifierAt(src, i); // a quantifier of the blank before it
    if (stray) {
      out += src.slice(i, stray.end);
      solidBefore = false;
      i = stray.end;
      continue;
    }
    const atom = atomAt(src, i);
    out += src.slice(i, atom.end);
    solidBefore = atom.endsSolid;
    i = atom.end;
  }
  return out === src ? re : new RegExp(out, re.flags);
}

/** Whether the piece at `i` starts solid (a group: each of its alternatives does). */
function startsSolid(src: string, i: number): boolean {
  const c = src.charAt(i);
  if (c === '' || c === ' ' || c === ')' || c === '|') return false;
  return (c === '(' ? groupAt(src, i) : atomAt(src, i)).startsSolid;
}

/** One piece that is not a group: an escape, a class, an anchor, `.` or a character, with its quantifier. */
function atomAt(src: string, i: number): Piece {
  const c = src.charAt(i);
  let end: number;
  let solid: boolean;
  if (c === '\\') {
    const e = src.charAt(i + 1);
    if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(src.slice(i + 2, i + 6))) {
      end = i + 6;
      solid = !BLANK.test(String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)));
    } else if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 2, i + 4))) {
      end = i + 4;
      solid = !BLANK.test(String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16)));
    } else {
      end = i + 2;
      // \d \w \S never match a blank; \s \D \W \b \B \n \t and backreferences may, or match nothing.
      solid = e === 'd' || e === 'w' || e === 'S' || (/[^A-Za-z0-9]/.test(e) && !BLANK.test(e) && e !== '');
    }
  } else if (c === '[') {
    end = classEnd(src, i);
    solid = classIsSolid(src.slice(i + 1, end - 1));
  } else {
    end = i + 1;
    solid = !'^$.'.includes(c) && !BLANK.test(c);
  }
  const q = quantifierAt(src, end);
  if (q) { solid = solid && q.min >= 1; end = q.end; }
  return { end, startsSolid: solid, endsSolid: solid };
}

/** The group opened at `open`: solid at a side when each alternative is, and it is not optional. */
function groupAt(src: string, open: number): Piece {
  const close = closeOf(src, open);
  if (close === undefined) return { end: src.length, startsSolid: false, endsSolid: false };
  const q = quantifierAt(src, close + 1);
  const end = q?.end ?? close + 1;
  const body = bodyStart(src, open);
  const lookaround = src.charAt(open + 1) === '?' && src.charAt(open + 2) !== ':' && !isNamedGroup(src, open);
  if (lookaround || q?.min === 0) return { end, startsSolid: false, endsSolid: false };
  const alternatives = alternativesOf(src, body, close);
  return {
    end,
    startsSolid: alternatives.every(([from, to]) => from < to && startsSolid(src, from)),
    endsSolid: alternatives.every(([from, to]) => from < to && lastPieceEndsSolid(src, from, to)),
  };
}

function lastPieceEndsSolid(src: string, from: number, to: number): boolean {
  let solid = false;
  for (let i = from; i < to;) {
    const c = src.charAt(i);
    if (c === ' ') { solid = false; i++; continue; }
    const piece = c === '(' ? groupAt(src, i) : atomAt(src, i);
    solid = piece.endsSolid;
    i = piece.end;
  }
  return solid;
}

const isNamedGroup = (src: string, open: number): boolean => src.startsWith('?<', open + 1) && src.charAt(open + 3) !== '=' && src.charAt(open + 3) !== '!';

/** Where a group's first alternative starts: after `(`, `(?:`, `(?<name>`, `(?=` … */
function bodyStart(src: string, open: number): number {
  if (src.charAt(open + 1) !== '?') return open + 1;
  if (isNamedGroup(src, open)) return src.indexOf('>', open) + 1;
  return open + (src.charAt(open + 2) === '<' ? 4 : 3);
}

/** A quantifier at `i`: where it ends (a lazy `?` included) and its minimum. */
function quantifierAt(src: string, i: number): { readonly end: number; readonly min: number } | undefined {
  const c = src.charAt(i);
  let end: number;
  let min: number;
  if (c === '?' || c === '*') { end = i + 1; min = 0; } else if (c === '+') { end = i + 1; min = 1; } else if (c === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(src.slice(i, i + 24));
    if (!m) return undefined;
    end = i + m[0].length;
    min = Number(m[1]);
  } else return undefined;
  return { end: src.charAt(end) === '?' ? end + 1 : end, min };
}

/** The index after the `]` closing the class opened at `open`. */
function classEnd(src: string, open: number): number {
  for (let i = open + 1; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\\') { i++; continue; }
    if (c === ']' && i > open + 1) return i + 1;
  }
  return src.length;
}

/** A class is solid when it is not negated and holds no blank: letters, digits, printable ASCII ranges, \d \w \S. */
function classIsSolid(body: string): boolean {
  if (body.startsWith('^') || body.length === 0) return false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === '\\') {
      const e = body.charAt(i + 1);
      i++;
      if (e === 'd' || e === 'w' || e === 'S') continue;
      if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(body.slice(i + 1, i + 5))) {
        if (BLANK.test(String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)))) return false;
        i += 4;
        continue;
      }
      if (/[A-Za-z0-9]/.test(e) || BLANK.test(e)) return false;
      continue;
    }
    if (BLANK.test(c)) return false;
    // A range: both ends printable ASCII (no blank lies between '!' and '~').
    if (body.charAt(i + 1) === '-' && i + 2 < body.length) {
      const hi = body.charAt(i + 2);
      if (c < '!' || c > '~' || hi < '!' || hi > '~' || hi === '\\') return false;
      i += 2;
    }
  }
  return true;
}

/** The index of the `)` closing the group opened at `open`, or undefined. */
function closeOf(src: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\\') { i++; continue; }
    if (c === '[') { i = classEnd(src, i) - 1; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return undefined;
}

/** The top-level alternatives between `from` and `close`, as [from, to) ranges of the source. */
function alternativesOf(src: string, from: number, close: number): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < close; i++) {
    const c = src.charAt(i);
    if (c === '\\') { i++; continue; }
    if (c === '[') { i = classEnd(src, i) - 1; continue; }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { ranges.push([start, i]); start = i + 1; }
  }
  ranges.push([start, close]);
  return ranges;
}
