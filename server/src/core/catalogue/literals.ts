/**
 * Literal strings a pattern cannot match without: a record that holds none of them is skipped
 * before the regex runs. Event-id patterns need this most: their context alternatives (a column
 * after a time, a separator) are tried at every blank of every record, while the id itself, a few
 * digits, is rare. Only exact, case-free literals (digits) are recorded, so skipping never changes
 * what matches.
 */
const REQUIRED = new WeakMap<RegExp, readonly string[]>();

/** Records that `re` matches only text holding at least one of `literals`; returns `re`. */
export function requireOneOf(re: RegExp, literals: readonly string[]): RegExp {
  if (literals.length === 0 || literals.some((l) => l.length === 0 || /[^0-9]/.test(l))) throw new Error(`literals must be digits: ${literals.join()}`);
  REQUIRED.set(re, literals);
  return re;
}

/** The literals recorded for `re`, if any. */
export function requiredLiterals(re: RegExp): readonly string[] | undefined {
  return REQUIRED.get(re);
}

/** `copy` is `re` rewritten (blank tolerance): it needs the same literals. */
export function keepLiterals(re: RegExp, copy: RegExp): RegExp {
  const literals = REQUIRED.get(re);
  if (literals) REQUIRED.set(copy, literals);
  return copy;
}

/** False when `text` holds none of the literals `re` needs (so `re` cannot match it). */
export function mayMatch(re: RegExp, text: string): boolean {
  const literals = REQUIRED.get(re);
  if (!literals) return true;
  for (const l of literals) if (text.includes(l)) return true;
  return false;
}
