import type { LogRecord } from '../types';

/**
 * Literal strings a pattern cannot match without: a record that holds none of them is skipped
 * before the regex runs. Event-id patterns need this most: their context alternatives (a column
 * after a time, a separator) are tried at every blank of every record, while the id itself, a few
 * digits, is rare. Only exact, case-free literals (digits) are recorded, so skipping never changes
 * what matches.
 */
interface Required {
  readonly literals: readonly string[];
  /** The literals as one alternation: a single scan of the text instead of one per literal. */
  readonly any: RegExp;
  /** The pattern's `id` group is an event id (`eventIds.ts`). */
  readonly eventId: boolean;
  /** The literals as numbers: the event ids the pattern can name. */
  readonly ids: ReadonlySet<number>;
}

const REQUIRED = new WeakMap<RegExp, Required>();
/** Every literal recorded, as one alternation, and the last text it was asked about. */
const EVERY = new Set<string>();
let every: RegExp | undefined;
let lastText: string | undefined;
let lastHolds = false;

/**
 * Records that `re` matches only text holding at least one of `literals`; returns `re`. `eventId`:
 * its `id` group is the event id the match names.
 */
export function requireOneOf(re: RegExp, literals: readonly string[], eventId = false): RegExp {
  if (literals.length === 0 || literals.some((l) => l.length === 0 || /[^0-9]/.test(l))) throw new Error(`literals must be digits: ${literals.join()}`);
  REQUIRED.set(re, { literals, any: new RegExp(literals.join('|')), eventId, ids: new Set(literals.map(Number)) });
  for (const l of literals) EVERY.add(l);
  every = undefined;
  lastText = undefined;
  return re;
}

/** The literals recorded for `re`, if any. */
export function requiredLiterals(re: RegExp): readonly string[] | undefined {
  return REQUIRED.get(re)?.literals;
}

/** `copy` is `re` rewritten (blank tolerance): it needs the same literals. */
export function keepLiterals(re: RegExp, copy: RegExp): RegExp {
  const required = REQUIRED.get(re);
  if (required) REQUIRED.set(copy, required);
  return copy;
}

/** False when `text` holds none of the literals `re` needs (so `re` cannot match it). */
export function mayMatch(re: RegExp, text: string): boolean {
  const required = REQUIRED.get(re);
  if (!required) return true;
  return holdsAnyLiteral(text) && required.any.test(text);
}

/**
 * Whether `text` holds any recorded literal at all. Every pattern of a record asks about the same
 * text, and most records hold none: one scan answers them all.
 */
function holdsAnyLiteral(text: string): boolean {
  if (text !== lastText) {
    every ??= new RegExp([...EVERY].join('|'));
    lastHolds = every.test(text);
    lastText = text;
  }
  return lastHolds;
}

/**
 * False when `re` names event ids and the record's own event id (where its export gives one) is
 * none of them: no match could agree with it (`onItsEvent`), so the pattern need not run. Event-id
 * patterns try their context at every blank: a record that merely holds the digits somewhere (a
 * record number, a process id) cost one full run per pattern.
 */
export function mayBeItsEvent(re: RegExp, record: LogRecord): boolean {
  const required = REQUIRED.get(re);
  // The pattern first: `fields` of an IIS request is built on first read.
  if (required?.eventId !== true) return true;
  const own = record.fields?.['eventId'];
  return own === undefined || required.ids.has(Number(own));
}

const everyMatch = new WeakMap<RegExp, RegExp>();

/**
 * The first match of `re` in `text` that agrees with the record's parsed event id, when `re` names
 * an event id and the record has one: an id quoted in the message ("CA request ID: 1051") is not the
 * event's. `found` is the first match; later ones are tried until one agrees.
 */
export function onItsEvent(re: RegExp, found: RegExpExecArray, text: string, record: LogRecord): RegExpExecArray | null {
  // The pattern first: `fields` of an IIS request is built on first read, for every request matched.
  if (REQUIRED.get(re)?.eventId !== true) return found;
  const own = record.fields?.['eventId'];
  if (own === undefined) return found;
  let g = everyMatch.get(re);
  if (!g) { g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`); everyMatch.set(re, g); }
  let m: RegExpExecArray | null = found;
  while (m && Number(m.groups?.['id']) !== Number(own)) {
    g.lastIndex = m.index + 1;
    m = g.exec(text);
  }
  return m;
}
