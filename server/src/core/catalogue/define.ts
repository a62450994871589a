import type { Finding, FindingKind, FormatId, LogModel, LogRecord, Severity, Stage } from '../types';
import { blankTolerant } from './blanks';
import { keepLiterals } from './literals';

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
 * as one line), case-insensitively, and must be linear-time. A blank between two solid pieces
 * (words, `\d`, a group of words) matches any run of blanks (`blanks.ts`), so patterns are written
 * with single spaces.
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
  /**
   * Work of the same connector that is not a step of the SCEP flow (PKCS certificates, imported PFX,
   * revocation), named: its failures are listed beside the flow, never as a failed SCEP stage.
   */
  readonly besideFlow?: string;
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
   * substatus). The flow analysis names a root cause before a symptom of the same stage, and places a
   * symptom whose root cause was found at that root cause's stage.
   */
  readonly pointsTo?: readonly string[];
  /**
   * When set, `pointsTo` holds only for the matches whose text says so: CertEnroll event 87 can quote
   * the CA's refusal; event 86, an enrollment that never sent its request, cannot.
   */
  readonly pointsToWhen?: RegExp;
  /**
   * Evidence that also proves a later stage when the matched text says so: a Notify answered with
   * success means the CA issued the certificate (stage 4) and Intune was told (stage 6).
   */
  readonly alsoProves?: readonly { readonly stage: Stage; readonly when: RegExp }[];
  /**
   * A lower severity for the matches whose record text says the failure is not final on its own (a
   * first attempt the connector retries): the one entry keeps one id and one guidance.
   */
  readonly milder?: { readonly severity: Severity; readonly when: RegExp; readonly why: string };
  /**
   * Found by the multi-record rule of the same id (`validators/`), from how records follow each
   * other. Its positive samples are whole logs; `match.patterns`, if any, still find single lines.
   */
  readonly multiRecord?: boolean;
  readonly samples: { readonly positive: readonly string[]; readonly negative: readonly string[] };
  /**
   * A safety net for the long tail: consulted only for records no other signature matched, and only
   * in logs of the formats it names, recognised as such (never in loose text: a ticket, a paste
   * known only by its phrases). Its findings are notes
   * (kind `notice`): they say a line went unrecognised and place nothing in the SCEP flow.
   */
  readonly fallback?: boolean;
  /**
   * Set by the team file reader (`.ndeslens.json`), never in the catalogue: the rule's guidance is
   * its own `link`, not a document shipped with NDES Lens.
   */
  readonly team?: boolean;
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
 * The SCEP stage a rule's findings are placed at, or undefined for a rule the flow does not place:
 * a fallback (its notes say a line went unrecognised) and the connector's other work (`besideFlow`).
 */
export function flowStage(s: Signature): Stage | undefined {
  return s.fallback || s.besideFlow !== undefined ? undefined : s.stage;
}

/**
 * Checks an entry when the catalogue module loads, so a malformed entry fails every test at once,
 * and makes its patterns tolerant of how pasted text is spaced (`blankTolerant`).
 */
export function defineSignature(entry: Signature): Signature {
  const s = withTolerantBlanks(entry);
  if (!/^(?:NDES|CA|CONN|CC|SETUP|DEV|VAL)(?:-(?:[A-Z0-9]+|0x[0-9A-F]+))+$/.test(s.id)) throw new Error(`bad rule id ${s.id}`);
  for (const re of [...s.match.patterns, ...(s.match.requires ?? []), ...(s.match.excludes ?? []), ...(s.milder ? [s.milder.when] : []), ...(s.pointsToWhen ? [s.pointsToWhen] : [])]) {
    if (re.global || re.sticky) throw new Error(`${s.id}: patterns must not be global or sticky (${String(re)})`);
    if (!re.ignoreCase) throw new Error(`${s.id}: patterns are case-insensitive (${String(re)})`);
  }
  if (s.match.patterns.length === 0 && !s.multiRecord) throw new Error(`${s.id}: no pattern`);
  for (const [format, only] of Object.entries(s.match.patternsOn ?? {})) {
    if (!s.formats.includes(format as FormatId)) throw new Error(`${s.id}: patternsOn names ${format}, which is not among its formats`);
    if (only.length === 0 || only.some((re) => !s.match.patterns.includes(re))) throw new Error(`${s.id}: patternsOn.${format} must list some of its patterns`);
  }
  if (s.samples.positive.length === 0 || s.samples.negative.length === 0) throw new Error(`${s.id}: needs positive and negative samples`);
  if (!s.link.url.startsWith('https://')) throw new Error(`${s.id}: link must be https`);
  return s;
}

/** The entry with every pattern blank-tolerant; `patternsOn` keeps naming the same patterns. */
function withTolerantBlanks(s: Signature): Signature {
  const made = new Map<RegExp, RegExp>();
  const t = (re: RegExp): RegExp => { let r = made.get(re); if (!r) { r = keepLiterals(re, blankTolerant(re)); made.set(re, r); } return r; };
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
  return {
    ...s, match,
    ...(s.alsoProves ? { alsoProves: s.alsoProves.map((a) => ({ ...a, when: t(a.when) })) } : {}),
    ...(s.milder ? { milder: { ...s.milder, when: t(s.milder.when) } } : {}),
    ...(s.pointsToWhen ? { pointsToWhen: t(s.pointsToWhen) } : {}),
  };
}

/**
 * What a multi-record rule reports: a finding whose severity and kind come from its rule's entry.
 * `milder`: the finding is of the case the entry's `milder` describes, and takes that severity.
 */
export type ValidatorFinding = Omit<Finding, 'severity' | 'kind'> & { readonly milder?: boolean };

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
  /** The rules it reports, each with its catalogue entry (one reading of the records can serve several). */
  readonly ids: readonly string[];
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
