import type { Finding, FindingKind, FormatId, LogModel, LogRecord, Severity, Stage } from '../types';

/** A page a rule links to. Hover, docs and quick fixes link only to these. */
export interface SourceLink {
  readonly title: string;
  readonly url: string;
}

/** Exact text a quick fix copies to the clipboard. It is never run by NDES Lens. */
export interface Remediation {
  readonly label: string;
  readonly text: string;
}

/**
 * How a signature finds its record. Every regex runs on one record's text (multi-line records read
 * as one line), case-insensitively, and must be linear-time. A blank between two fixed characters
 * matches any run of blanks (`blankTolerant`), so patterns are written with single spaces.
 */
export interface Matcher {
  /** Any one of these finds the signature; the first that matches gives the range. */
  readonly patterns: readonly RegExp[];
  /** Each of these must also occur in the same record. */
  readonly requires?: readonly RegExp[] | undefined;
  /** None of these may occur in the same record. */
  readonly excludes?: readonly RegExp[] | undefined;
  /** A condition on the parsed record (IIS status triplet, svclog source …). */
  readonly when?: ((record: LogRecord) => boolean) | undefined;
  /**
   * For a signature that spans formats whose records each hold only some of its patterns: per
   * format, the patterns its records are matched against (each also in `patterns`). Text of unknown
   * format is still matched against every pattern.
   */
  readonly patternsOn?: Partial<Readonly<Record<FormatId, readonly RegExp[]>>> | undefined;
}

export interface Signature {
  /** Public rule id from signatures.md, e.g. `NDES-IIS-CRP-403-16`. */
  readonly id: string;
  /** A few words for headings and menus. */
  readonly title: string;
  /** `failure`: something broke; `evidence`: a success marker. */
  readonly kind: Exclude<FindingKind, 'notice'>;
  readonly severity: Severity;
  readonly stage: Stage;
  /** Formats whose records the signature runs on. Text of unknown format is matched against all. */
  readonly formats: readonly FormatId[];
  readonly match: Matcher;
  /** The diagnostic message. `{name}` is replaced by the named regex group `name`. */
  readonly message: string;
  /** What the line means. For evidence: which step succeeded. */
  readonly meaning: string;
  readonly causes?: readonly string[];
  readonly fix?: readonly string[];
  /** How to confirm the fix worked. */
  readonly verify?: readonly string[];
  /** Set when the source marks part of the fact UNCONFIRMED: what is reported but not confirmed. */
  readonly unconfirmed?: string;
  readonly link: SourceLink;
  readonly related?: readonly SourceLink[];
  readonly remediation?: Remediation;
  /**
   * For a symptom: the rules that usually hold its root cause (the plugin's 403 page points at the IIS
   * substatus). The flow analysis names a root cause before a symptom of the same stage.
   */
  readonly pointsTo?: readonly string[];
  /**
   * Evidence that also proves a later stage when the matched text says so: a Notify answered with
   * success means the CA issued the certificate (stage 4) and Intune was told (stage 6).
   */
  readonly alsoProves?: readonly { readonly stage: Stage; readonly when: RegExp }[];
  readonly samples: { readonly positive: readonly string[]; readonly negative: readonly string[] };
}

/** A problem a reader reports about the file itself (encoding, truncation, layout). */
export interface Notice {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly meaning: string;
  readonly fix: readonly string[];
}

/**
 * Checks an entry when the catalogue module loads, so a malformed entry fails every test at once,
 * and makes its patterns tolerant of how pasted text is spaced (`blankTolerant`).
 */
export function defineSignature(entry: Signature): Signature {
  const s = withTolerantBlanks(entry);
  if (!/^(?:NDES|CA|CONN|CC|SETUP|DEV|VAL)(?:-(?:[A-Z0-9]+|0x[0-9A-F]+))+$/.test(s.id)) throw new Error(`bad rule id ${s.id}`);
  for (const re of [...s.match.patterns, ...(s.match.requires ?? []), ...(s.match.excludes ?? [])]) {
    if (re.global || re.sticky) throw new Error(`${s.id}: patterns must not be global or sticky (${String(re)})`);
    if (!re.ignoreCase) throw new Error(`${s.id}: patterns are case-insensitive (${String(re)})`);
  }
  if (s.match.patterns.length === 0) throw new Error(`${s.id}: no pattern`);
  for (const [format, only] of Object.entries(s.match.patternsOn ?? {})) {
    if (!s.formats.includes(format as FormatId)) throw new Error(`${s.id}: patternsOn names ${format}, which is not among its formats`);
    if (only.length === 0 || only.some((re) => !s.match.patterns.includes(re))) throw new Error(`${s.id}: patternsOn.${format} must list some of its patterns`);
  }
  if (s.samples.positive.length === 0 || s.samples.negative.length === 0) throw new Error(`${s.id}: needs positive and negative samples`);
  if (!s.link.url.startsWith('https://')) throw new Error(`${s.id}: link must be https`);
  return s;
}

/**
 * A blank between two fixed characters of a pattern (`Verify challenge returns`) matches any run of
 * blanks: a tab, doubled spaces, a non-breaking space from a web page or a mail. A group counts as
 * fixed on a side when each of its alternatives starts (or ends) with a fixed character and no
 * quantifier follows it. Every other blank (next to a class, an escape like `\s`, a quantifier) is
 * left as written, so the pattern stays linear-time: `\s+` between two fixed characters cannot
 * backtrack.
 */
export function blankTolerant(re: RegExp): RegExp {
  const src = re.source;
  let out = '';
  let inClass = false;
  /** Whether the last token written ends with one fixed character. */
  let lastLiteral = false;
  const opens: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\\') {
      const e = src.charAt(i + 1);
      out += c + e;
      i++;
      lastLiteral = !inClass && isFixedEscape(e);
      continue;
    }
    if (inClass) { out += c; if (c === ']') { inClass = false; lastLiteral = false; } continue; }
    if (c === '[') { inClass = true; out += c; lastLiteral = false; continue; }
    if (c === '(') opens.push(i);
    if (c === ')') {
      const open = opens.pop();
      out += c;
      lastLiteral = open !== undefined && !isQuantifier(src, i + 1) && alternativesOf(src, open).every(([, to]) => endsFixed(src, to));
      continue;
    }
    if (c === ' ') {
      let end = i;
      while (src.charAt(end) === ' ') end++;
      const tolerant = lastLiteral && !isQuantifier(src, end) && startsFixed(src, end, true);
      out += tolerant ? '\\s+' : src.slice(i, end);
      i = end - 1;
      lastLiteral = false;
      continue;
    }
    out += c;
    lastLiteral = !'()[]{}|?*+.^$'.includes(c) && !isQuantifier(src, i + 1);
  }
  return out === src ? re : new RegExp(out, re.flags);
}

const isFixedEscape = (e: string): boolean => /[^A-Za-z0-9]/.test(e) && e !== '';
const isQuantifier = (src: string, i: number): boolean => '?*+{'.includes(src.charAt(i)) && src.charAt(i) !== '';

/** Whether the token at `i` starts with one fixed character (a group: each alternative does). */
function startsFixed(src: string, i: number, groups: boolean): boolean {
  const c = src.charAt(i);
  if (c === '\\') return isFixedEscape(src.charAt(i + 1)) && !isQuantifier(src, i + 2);
  if (c === '(' && groups) {
    const alternatives = alternativesOf(src, i);
    const close = closeOf(src, i);
    return alternatives.length > 0 && close !== undefined && !isQuantifier(src, close + 1)
      && alternatives.every(([from, to]) => from < to && startsFixed(src, from, false));
  }
  return c !== '' && !'()[]{}|?*+.^$ '.includes(c) && !isQuantifier(src, i + 1);
}

/** Whether the alternative ending before `to` ends with one fixed character. */
function endsFixed(src: string, to: number): boolean {
  const c = src.charAt(to - 1);
  let slashes = 0;
  for (let k = to - 2; k >= 0 && src.charAt(k) === '\\'; k--) slashes++;
  if (slashes % 2 === 1) return isFixedEscape(c); // `\.` is fixed, `\d` is not
  return c !== '' && !'()[]{}|?*+.^$ \\'.includes(c);
}

/** The index of the `)` closing the group opened at `open`, or undefined. */
function closeOf(src: string, open: number): number | undefined {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return undefined;
}

/**
 * The top-level alternatives of the group opened at `open`, as [from, to) ranges of the source, or
 * none for a lookaround (it matches no character).
 */
function alternativesOf(src: string, open: number): (readonly [number, number])[] {
  const close = closeOf(src, open);
  if (close === undefined) return [];
  let from = open + 1;
  if (src.startsWith('?:', from)) from += 2;
  else if (src.startsWith('?<', from) && src.charAt(from + 2) !== '=' && src.charAt(from + 2) !== '!') from = src.indexOf('>', from) + 1;
  else if (src.charAt(from) === '?') return [];
  const ranges: (readonly [number, number])[] = [];
  let depth = 0;
  let inClass = false;
  let start = from;
  for (let i = from; i < close; i++) {
    const c = src.charAt(i);
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { ranges.push([start, i]); start = i + 1; }
  }
  ranges.push([start, close]);
  return ranges;
}

/** The entry with every pattern blank-tolerant; `patternsOn` keeps naming the same patterns. */
function withTolerantBlanks(s: Signature): Signature {
  const made = new Map<RegExp, RegExp>();
  const t = (re: RegExp): RegExp => { let r = made.get(re); if (!r) { r = blankTolerant(re); made.set(re, r); } return r; };
  const m = s.match;
  const patternsOn = m.patternsOn
    ? Object.fromEntries(Object.entries(m.patternsOn).map(([format, list]) => [format, list.map(t)])) as Matcher['patternsOn']
    : undefined;
  // Every matcher gets the same properties in the same order: the validator reads them on every
  // record, and one object shape keeps that access monomorphic.
  const match: Matcher = {
    patterns: m.patterns.map(t),
    requires: m.requires?.map(t),
    excludes: m.excludes?.map(t),
    when: m.when,
    patternsOn,
  };
  return { ...s, match, ...(s.alsoProves ? { alsoProves: s.alsoProves.map((a) => ({ ...a, when: t(a.when) })) } : {}) };
}

/** What a multi-record rule reports: a finding without the rule's id, severity and kind. */
export type ValidatorFinding = Omit<Finding, 'ruleId' | 'severity' | 'kind'>;

/**
 * A multi-record rule as a fold over the records, so a log that grows is read on from where the
 * rule stopped instead of from its first line.
 */
export interface ValidatorScan {
  /** Reads the next record; `index` is its position in `LogModel.records`. */
  step(record: LogRecord, index: number): void;
  /** The findings of the records read so far, as if the log ended there. Leaves the scan as it was. */
  results(): readonly ValidatorFinding[];
  /** An independent copy that reads on from here. */
  fork(): ValidatorScan;
}

/**
 * A rule that needs more than one record (a success line that never comes, a pattern over several
 * lines). Registered by rule id beside the catalogue; the validator runs it like any entry.
 */
export interface ModelValidator {
  readonly id: string;
  readonly formats: readonly FormatId[];
  start(): ValidatorScan;
  /** Every record of a model, at once. */
  run(model: LogModel): readonly ValidatorFinding[];
}

/**
 * Gives a multi-record rule its `run` (every record at once). Lives here, not beside the validator
 * loop, so the catalogue's modules never import the module that imports them.
 */
export function defineValidator(v: Omit<ModelValidator, 'run'>): ModelValidator {
  return {
    ...v,
    run(model) {
      const scan = v.start();
      model.records.forEach((record, index) => { scan.step(record, index); });
      return scan.results();
    },
  };
}
