import { CATALOGUE, POLICY_VALIDATORS, type Matcher, type ModelValidator, type Signature } from './catalogue';
import { mayBeItsEvent, mayMatch, onItsEvent } from './catalogue/literals';
import { textGate, type TextGate } from './catalogue/textGate';

export { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from './catalogue';
import { toDocumentOffset } from './text';
import type { Finding, FormatId, LogModel, LogRecord, Severity } from './types';

/** Severity override per rule id, or `off`. */
export type RuleSetting = Severity | 'off';

export interface ValidationSettings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

export const DEFAULT_VALIDATION: ValidationSettings = { rules: {} };

/** Signatures only look at this much of one record, so a 10 MB line costs no more than 64 KB. */
export const MAX_MATCH_CHARS = 64 * 1024;

export interface Catalogue {
  readonly signatures: readonly Signature[];
  readonly validators: readonly ModelValidator[];
}

export const BUILTIN: Catalogue = { signatures: CATALOGUE, validators: POLICY_VALIDATORS };

/** Finds a rule's catalogue entry by id. */
export type SignatureLookup = (ruleId: string) => Signature | undefined;

const lookups = new WeakMap<Catalogue, SignatureLookup>();

/** The entries of a catalogue by rule id (with team signatures: theirs too). */
export function signatureLookup(catalogue: Catalogue): SignatureLookup {
  let lookup = lookups.get(catalogue);
  if (!lookup) {
    const byId = new Map(catalogue.signatures.map((s) => [s.id, s]));
    lookup = (ruleId) => byId.get(ruleId);
    lookups.set(catalogue, lookup);
  }
  return lookup;
}

/** Text known only by phrases, or of unknown format, is matched against every signature. */
function isLoose(model: Pick<LogModel, 'detectedBy'>): boolean {
  return model.detectedBy === 'phrases' || model.detectedBy === 'fallback';
}

/** The signatures of a catalogue over one log's records: the per-record half of an `Analysis`. */
export interface RecordRules {
  /** Adds the record's own findings to `findings`. */
  collect(record: LogRecord, index: number, findings: Finding[]): void;
  /** What `collect` adds: the part asked for. */
  readonly part: RecordPart;
}

/**
 * Which of a record's own findings `collect` adds: all of them; everything but the success markers
 * (what diagnostics need at once); or only the success markers (found later, when something asks).
 * `failures` then `evidence` over the same record add what `all` adds, though not in its order.
 * A fallback signature hears only of records no other signature knows: with `failures`, a record
 * it matches is kept from it when a success marker would match it.
 */
export type RecordPart = 'all' | 'failures' | 'evidence';

/** The signatures that run on a log, sorted by role, rules switched off removed. */
export function recordRules(log: Pick<LogModel, 'format' | 'detectedBy'>, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN, part: RecordPart = 'all'): RecordRules {
  const format = isLoose(log) ? 'plain-text' : log.format;
  const all = applicable(catalogue.signatures, format);
  const on = all.filter((s) => settings.rules[s.id] !== 'off' && !s.fallback);
  // A fallback runs only in logs of the formats it names, never in loose text (a ticket's prose).
  const fallbacks = isLoose(log) || part === 'evidence' ? [] : all.filter((s) => s.fallback && settings.rules[s.id] !== 'off' && s.formats.includes(log.format));
  const reporting = part === 'all' ? on : on.filter((s) => (s.kind === 'evidence') === (part === 'evidence'));
  // Lines a switched-off rule knows are not unrecognised either, nor lines a success marker knows
  // when the markers are left for later (matched, their findings not made).
  const knownOff = all.filter((s) => settings.rules[s.id] === 'off' && !s.fallback);
  const markersLater = part === 'failures' && fallbacks.length > 0 ? on.filter((s) => s.kind === 'evidence') : [];
  const gate = textGate([...on, ...fallbacks, ...knownOff].flatMap((s) => s.match.patterns), reporting.map((s) => s.match.patterns));
  return {
    part,
    collect(record, index, findings) {
      if (record.kind !== 'entry') return;
      const text = record.text.length > MAX_MATCH_CHARS ? record.text.slice(0, MAX_MATCH_CHARS) : record.text;
      gate?.scan(text);
      if (part !== 'evidence' && text !== record.text && settings.rules['NDES-LENS-LONG-RECORD'] !== 'off') {
        findings.push({
          ruleId: 'NDES-LENS-LONG-RECORD', kind: 'notice', severity: 'info', start: record.start, end: Math.min(record.end, record.start + 1),
          message: `This record is ${record.text.length.toLocaleString('en-US')} characters long; signatures were matched over its first ${MAX_MATCH_CHARS / 1024} KB.`, record: index,
        });
      }
      const before = findings.length;
      for (let k = 0; k < reporting.length; k++) {
        const sig = reporting[k];
        if (sig && (!gate || gate.mayMatchList(k))) matchInto(sig, record, index, text, settings, findings, gate);
      }
      // Fallbacks only hear about the records every other signature left alone. Their patterns
      // rarely match, so the switched-off rules are asked only when one does.
      if (fallbacks.length === 0 || findings.length > before) return;
      if (markersLater.some((marker) => claims(marker, record, text, gate))) return;
      for (const sig of fallbacks) {
        if (!matchInto(sig, record, index, text, settings, findings, gate)) continue;
        if (knownOff.some((known) => claims(known, record, text, gate))) findings.length = before;
        return;
      }
    },
  };
}

/** Whether a signature knows the record (a rule that throws knows nothing). */
function claims(sig: Signature, record: LogRecord, text: string, gate: TextGate | undefined): boolean {
  try {
    return matchRecord(sig.match, record, text, gate) !== undefined;
  } catch {
    return false;
  }
}

/** One signature over one record: adds its finding, if any, and says whether it matched. */
function matchInto(sig: Signature, record: LogRecord, index: number, text: string, settings: ValidationSettings, findings: Finding[], gate: TextGate | undefined): boolean {
  let hit: Hit | undefined;
  try {
    hit = matchRecord(sig.match, record, text, gate);
  } catch {
    return false; // A rule that throws must not take the others down.
  }
  if (!hit) return false;
  const severity = sig.milder?.when.test(text) ? sig.milder.severity : sig.severity;
  findings.push({
    ruleId: sig.id, kind: sig.fallback ? 'notice' : sig.kind, severity: sig.kind === 'evidence' ? 'info' : severityOf(settings.rules[sig.id], severity),
    start: toDocumentOffset(record, hit.start), end: toDocumentOffset(record, hit.end),
    message: fill(sig.message, hit.groups), record: index,
  });
  return true;
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly groups: Readonly<Record<string, string>>;
}

/**
 * Runs one matcher over one record's text. `gate`, when given, has scanned `text` and skips the
 * patterns whose needed text it lacks. Exported for the catalogue self-test.
 */
export function matchRecord(m: Matcher, record: LogRecord, text: string = record.text, gate?: TextGate): Hit | undefined {
  if (m.when && !m.when(record)) return undefined;
  let found: RegExpExecArray | null = null;
  for (const re of m.patterns) {
    if (gate && !gate.mayMatch(re)) continue;
    if (!mayMatch(re, text) || !mayBeItsEvent(re, record)) continue;
    found = re.exec(text);
    if (found) found = onItsEvent(re, found, text, record);
    if (found) break;
  }
  if (!found) return undefined;
  if (m.requires && !m.requires.every((re) => re.test(text))) return undefined;
  if (m.excludes?.some((re) => re.test(text))) return undefined;
  // Trim blanks so the range sits on the matched words.
  const raw = found[0];
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  const start = found.index + lead;
  return { start, end: start + Math.max(body.length, 1), groups: found.groups ?? NO_GROUPS };
}

/** Shared by every hit without named groups (read only, by `fill`): one allocation less per finding. */
const NO_GROUPS: Readonly<Record<string, string>> = Object.freeze({});

const bySignatureList = new WeakMap<readonly Signature[], Map<FormatId, readonly Signature[]>>();

/** Signatures that run on a format; loose text (unknown, or known only by phrases) is matched against all. */
function applicable(all: readonly Signature[], format: FormatId): readonly Signature[] {
  let perFormat = bySignatureList.get(all);
  if (!perFormat) { perFormat = new Map(); bySignatureList.set(all, perFormat); }
  let list = perFormat.get(format);
  if (!list) {
    list = format === 'plain-text' ? all : all.filter((s) => s.formats.includes(format)).map((s) => onFormat(s, format));
    perFormat.set(format, list);
  }
  return list;
}

/** A signature as it runs on one format: with only the patterns that format's records can hold. */
function onFormat(sig: Signature, format: FormatId): Signature {
  const only = sig.match.patternsOn?.[format];
  return only ? { ...sig, match: { ...sig.match, patterns: only } } : sig;
}

export function severityOf(setting: RuleSetting | undefined, fallback: Severity): Severity {
  return setting === undefined || setting === 'off' ? fallback : setting;
}

function fill(template: string, groups: Readonly<Record<string, string>>): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  // Even indices are literal text, odd ones placeholder names (`{name}` kept when the group is absent).
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    out += i % 2 === 0 ? part : groups[part] ?? `{${part}}`;
  }
  return out;
}

/** Each message template split once at its placeholders: a success marker fills one per healthy request. */
const templateParts = new Map<string, readonly string[]>();
function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    // Team rules edited in the editor bring new templates: the cache never outgrows a few catalogues.
    if (templateParts.size >= 4096) templateParts.clear();
    parts = template.split(/\{(\w+)\}/);
    templateParts.set(template, parts);
  }
  return parts;
}
