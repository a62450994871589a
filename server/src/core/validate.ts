import { CATALOGUE, POLICY_VALIDATORS, type Matcher, type ModelValidator, type Signature, type ValidatorScan } from './catalogue';
import { mayMatch } from './catalogue/literals';

export { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from './catalogue';
import { toDocumentOffset } from './text';
import type { Finding, FormatId, LogModel, LogRecord, Severity } from './types';

/** Severity override per rule id, or `off`. */
export type RuleSetting = Severity | 'off';

export interface ValidationSettings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

export const DEFAULT_VALIDATION: ValidationSettings = { rules: {} };

/**
 * The multi-record rules' scans after all records of a model but its last: where `appendToModel`
 * reads on (it reads the last record again, since a log being written may still be finishing it).
 */
export interface ValidatorCheckpoint {
  readonly records: number;
  readonly scans: ReadonlyMap<string, ValidatorScan>;
}

/** Findings with what validating the next append of the same log needs. */
export interface Validation {
  readonly findings: Finding[];
  readonly checkpoint: ValidatorCheckpoint;
}

/** Signatures only look at this much of one record, so a 10 MB line costs no more than 64 KB. */
export const MAX_MATCH_CHARS = 64 * 1024;

export interface Catalogue {
  readonly signatures: readonly Signature[];
  readonly validators: readonly ModelValidator[];
  /**
   * Signatures held back from this validation (success markers found later) that still know their
   * records: a fallback does not call those lines unrecognised.
   */
  readonly heldBack?: readonly Signature[];
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

/**
 * model × catalogue × settings → findings. The only loop over rules: adding a signature never
 * touches this function. Every finding carries document offsets; the adapter turns them into ranges.
 */
export function validate(model: LogModel, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN): Finding[] {
  return validateModel(model, settings, catalogue).findings;
}

/** `validate`, plus the checkpoint `validateAppended` reads on from. */
export function validateModel(model: LogModel, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN): Validation {
  const findings = fileNotes(model, settings);
  const signatures = signaturesFor(model, settings, catalogue);
  model.records.forEach((record, index) => { collectRecord(record, index, signatures, settings, findings); });
  const { found, checkpoint } = runValidators(model, settings, catalogue, 0, undefined);
  findings.push(...found);
  return { findings: findings.sort(byPosition), checkpoint };
}

/** What the reader said about the file itself, and an empty log. */
function fileNotes(model: LogModel, settings: ValidationSettings): Finding[] {
  const findings: Finding[] = [];
  for (const p of model.problems) {
    const setting = settings.rules[p.ruleId];
    if (setting === 'off') continue;
    findings.push({ ruleId: p.ruleId, kind: 'notice', severity: severityOf(setting, p.severity), start: p.start, end: p.end, message: p.message, record: -1 });
  }
  if (model.length === 0 && model.detectedBy !== 'fallback' && settings.rules['NDES-LENS-EMPTY'] !== 'off') {
    findings.push({ ruleId: 'NDES-LENS-EMPTY', kind: 'notice', severity: 'info', start: 0, end: 0, message: 'This log is empty: it holds no evidence for any SCEP stage.', record: -1 });
  }
  return findings;
}

/** A multi-record rule that runs on a model, with what its findings take from its catalogue entry. */
interface ActiveValidator {
  readonly validator: ModelValidator;
  readonly kind: Exclude<Finding['kind'], 'notice'>;
  readonly severity: Severity;
}

/** The multi-record rules that run on a model, rules switched off removed. */
function activeValidators(model: Pick<LogModel, 'format' | 'detectedBy'>, settings: ValidationSettings, catalogue: Catalogue): ActiveValidator[] {
  const active: ActiveValidator[] = [];
  const entryOf = signatureLookup(catalogue);
  for (const v of catalogue.validators) {
    if (!isLoose(model) && !v.formats.includes(model.format) && model.format !== 'plain-text') continue;
    const setting = settings.rules[v.id];
    if (setting === 'off') continue;
    const sig = entryOf(v.id);
    active.push({ validator: v, kind: sig?.kind ?? 'failure', severity: severityOf(setting, sig?.severity ?? 'warning') });
  }
  return active;
}

/** A rule's findings so far, as full findings. */
function resultsOf(a: ActiveValidator, scan: ValidatorScan, found: Finding[]): void {
  for (const f of scan.results()) found.push({ ...f, ruleId: a.validator.id, kind: a.kind, severity: a.severity });
}

/**
 * The multi-record rules of a catalogue over one model, reading records from `from` on: from a fork
 * of the checkpoint's scan when it stopped there, from the first record otherwise. Returns their
 * findings and a checkpoint before the model's last record.
 */
function runValidators(model: LogModel, settings: ValidationSettings, catalogue: Catalogue, from: number, checkpoint: ValidatorCheckpoint | undefined): { found: Finding[]; checkpoint: ValidatorCheckpoint } {
  const found: Finding[] = [];
  const scans = new Map<string, ValidatorScan>();
  const last = model.records.length - 1;
  for (const a of activeValidators(model, settings, catalogue)) {
    const id = a.validator.id;
    try {
      const resumed = checkpoint?.records === from ? checkpoint.scans.get(id)?.fork() : undefined;
      const scan = resumed ?? a.validator.start();
      for (let i = resumed ? from : 0; i < model.records.length; i++) {
        if (i === last) scans.set(id, scan.fork());
        const record = model.records[i];
        if (record) scan.step(record, i);
      }
      if (last < 0) scans.set(id, scan.fork());
      resultsOf(a, scan, found);
    } catch {
      // Logged by the adapter's runSafe; the other rules still report.
    }
  }
  return { found: found.sort(byPosition), checkpoint: { records: Math.max(last, 0), scans } };
}

/**
 * Validation of records as a reader delivers them, each dropped after: the signatures per record,
 * the multi-record rules as folds. Memory stays flat however long the log is. `end()` gives the
 * multi-record rules' findings; with the records' own findings they equal `validate` of a model
 * holding the same records.
 */
export interface RecordStreamValidator {
  /** The record's own findings go to `out`; the multi-record rules read it. */
  record(record: LogRecord, index: number, out: Finding[]): void;
  /** The multi-record rules' findings, sorted by position. */
  end(): Finding[];
}

export function streamValidator(model: Pick<LogModel, 'format' | 'detectedBy'>, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN): RecordStreamValidator {
  const signatures = signaturesFor(model, settings, catalogue);
  // A rule that throws (starting, stepping or reporting) reports nothing, as in validate().
  let running = activeValidators(model, settings, catalogue).flatMap((a) => {
    try { return [{ active: a, scan: a.validator.start() }]; } catch { return []; }
  });
  return {
    record(record, index, out) {
      collectRecord(record, index, signatures, settings, out);
      for (const r of running) {
        try {
          r.scan.step(record, index);
        } catch {
          running = running.filter((x) => x !== r);
        }
      }
    },
    end() {
      const found: Finding[] = [];
      for (const r of running) {
        try { resultsOf(r.active, r.scan, found); } catch { /* as above */ }
      }
      return found.sort(byPosition);
    },
  };
}

/** Text known only by phrases, or of unknown format, is matched against every signature. */
function isLoose(model: Pick<LogModel, 'detectedBy'>): boolean {
  return model.detectedBy === 'phrases' || model.detectedBy === 'fallback';
}

/** The signatures that run on a model, rules switched off removed. */
export function signaturesFor(model: Pick<LogModel, 'format' | 'detectedBy'>, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN): readonly Signature[] {
  const format = isLoose(model) ? 'plain-text' : model.format;
  const all = applicable(catalogue.signatures, format);
  // A fallback runs only in logs of the formats it names, never in loose text (a ticket's prose).
  const fallbacks = !isLoose(model);
  const running = all.filter((s) => settings.rules[s.id] !== 'off' && (!s.fallback || (fallbacks && s.formats.includes(model.format))));
  if (!running.some((s) => s.fallback)) return running;
  // Lines a switched-off rule or a held-back success marker knows are not unrecognised: those
  // signatures come along as claims only.
  const known = [...all.filter((s) => settings.rules[s.id] === 'off' && !s.fallback), ...applicable(catalogue.heldBack ?? [], format)];
  return [...running, ...known.map(claimOnly)];
}

const claimOnlyCopies = new WeakMap<Signature, Signature>();
/** The signature as a claim only: it reports nothing, it only keeps a fallback quiet. */
function claimOnly(sig: Signature): Signature {
  let c = claimOnlyCopies.get(sig);
  if (!c) { c = { ...sig, claimOnly: true }; claimOnlyCopies.set(sig, c); }
  return c;
}

/**
 * Findings of one record. Streaming readers call it as records arrive and drop each record after,
 * so memory does not grow with the file.
 */
export function validateRecord(record: LogRecord, index: number, signatures: readonly Signature[], settings: ValidationSettings = DEFAULT_VALIDATION): Finding[] {
  const findings: Finding[] = [];
  collectRecord(record, index, signatures, settings, findings);
  return findings;
}

/** `validateRecord`, adding to `findings` (no array per record when a whole log is validated). */
function collectRecord(record: LogRecord, index: number, signatures: readonly Signature[], settings: ValidationSettings, findings: Finding[]): void {
  if (record.kind !== 'entry') return;
  const text = record.text.length > MAX_MATCH_CHARS ? record.text.slice(0, MAX_MATCH_CHARS) : record.text;
  if (text !== record.text && settings.rules['NDES-LENS-LONG-RECORD'] !== 'off') {
    findings.push({
      ruleId: 'NDES-LENS-LONG-RECORD', kind: 'notice', severity: 'info', start: record.start, end: Math.min(record.end, record.start + 1),
      message: `This record is ${record.text.length.toLocaleString('en-US')} characters long; signatures were matched over its first ${MAX_MATCH_CHARS / 1024} KB.`, record: index,
    });
  }
  const before = findings.length;
  let fallbacks = false;
  for (const sig of signatures) {
    if (sig.fallback || sig.claimOnly) fallbacks = true;
    else matchInto(sig, record, index, text, settings, findings);
  }
  // Fallbacks only hear about the records every other signature left alone.
  if (!fallbacks || findings.length > before || signatures.some((sig) => sig.claimOnly && claims(sig, record, text))) return;
  for (const sig of signatures) {
    if (sig.fallback && matchInto(sig, record, index, text, settings, findings)) return;
  }
}

/** Whether a signature knows the record (a rule that throws knows nothing). */
function claims(sig: Signature, record: LogRecord, text: string): boolean {
  try {
    return matchRecord(sig.match, record, text) !== undefined;
  } catch {
    return false;
  }
}

/** One signature over one record: adds its finding, if any, and says whether it matched. */
function matchInto(sig: Signature, record: LogRecord, index: number, text: string, settings: ValidationSettings, findings: Finding[]): boolean {
  let hit: Hit | undefined;
  try {
    hit = matchRecord(sig.match, record, text);
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

/**
 * Findings of a model produced by `appendToModel`: the previous findings of records before
 * `firstNewRecord` are kept, the new records are validated, the multi-record rules read on from the
 * previous checkpoint, file notes are taken again. Equal to `validateModel(model)`, at the cost of
 * the new records only.
 */
export function validateAppended(model: LogModel, previous: { readonly findings: readonly Finding[]; readonly checkpoint: ValidatorCheckpoint }, firstNewRecord: number, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN): Validation {
  const validatorIds = new Set(catalogue.validators.map((v) => v.id));
  // `previous` is sorted, so the kept findings are too; the new records' findings come after them.
  const kept: Finding[] = [];
  for (const f of previous.findings) if (f.record >= 0 && f.record < firstNewRecord && !validatorIds.has(f.ruleId)) kept.push(f);
  const signatures = signaturesFor(model, settings, catalogue);
  const fresh: Finding[] = [];
  for (let i = firstNewRecord; i < model.records.length; i++) {
    const record = model.records[i];
    if (record) collectRecord(record, i, signatures, settings, fresh);
  }
  for (const f of fresh.sort(byPosition)) kept.push(f);
  const { found, checkpoint } = runValidators(model, settings, catalogue, firstNewRecord, previous.checkpoint);
  // Ties keep validateModel()'s order: file notes, then record findings, then multi-record rules.
  return { findings: mergeSorted(mergeSorted(fileNotes(model, settings).sort(byPosition), kept), found), checkpoint };
}

const byPosition = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end;

/**
 * Merges two lists sorted by position; on ties the first list's element comes first (as a stable
 * sort would). Usually one list is short (file notes, multi-record findings): its elements are
 * placed by binary search and the long list is copied between them.
 */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const y = b[j];
    if (!y) break;
    // The first element of a that y goes before: past every x with x <= y.
    let lo = i;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = a[mid];
      if (x && byPosition(y, x) >= 0) lo = mid + 1;
      else hi = mid;
    }
    for (; i < lo; i++) { const x = a[i]; if (x) out.push(x); }
    out.push(y);
    j++;
  }
  for (; i < a.length; i++) { const x = a[i]; if (x) out.push(x); }
  for (; j < b.length; j++) { const y = b[j]; if (y) out.push(y); }
  return out;
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly groups: Readonly<Record<string, string>>;
}

/** Runs one matcher over one record's text. Exported for the catalogue self-test. */
export function matchRecord(m: Matcher, record: LogRecord, text: string = record.text): Hit | undefined {
  if (m.when && !m.when(record)) return undefined;
  let found: RegExpExecArray | null = null;
  for (const re of m.patterns) {
    if (!mayMatch(re, text)) continue;
    found = re.exec(text);
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

function severityOf(setting: RuleSetting | undefined, fallback: Severity): Severity {
  return setting === undefined || setting === 'off' ? fallback : setting;
}

function fill(template: string, groups: Readonly<Record<string, string>>): string {
  if (!template.includes('{')) return template; // most messages have no placeholder: skip the regex
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => groups[name] ?? whole);
}
