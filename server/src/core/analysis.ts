import { BUILTIN, DEFAULT_VALIDATION, recordRules, severityOf, signatureLookup, type Catalogue, type RecordRules, type ValidationSettings } from './validate';
import type { ModelValidator, ValidatorScan } from './catalogue';
import { FindingList } from './findingList';
import type { Finding, LogModel, LogRecord, ParseProblem, Severity } from './types';

/**
 * One pass of every rule over one log: the signatures of each record and the multi-record rules,
 * as one fold. The editor, appends, the folder scan, the watcher and the CLI all read logs through
 * it; `fork` is where a growing log is read on from, `results` sorts once.
 */

export interface AnalysisOptions {
  readonly settings?: ValidationSettings;
  readonly catalogue?: Catalogue;
  /**
   * Sees each record's own findings with the record, while it is still alive (its facts are read
   * then), and says whether the analysis keeps the finding. Streaming readers count success markers
   * here instead of keeping one finding per healthy request.
   */
  readonly onFinding?: (finding: Finding, record: LogRecord) => boolean;
  /** Signatures only: the watcher reads a log in segments, where "never followed by" proves nothing. */
  readonly perRecordOnly?: boolean;
  /**
   * Leave the success markers to `withSuccessMarkers`: the records' own findings are then the
   * failures and notices only (the editor's open shows its diagnostics before it looks for one marker
   * per healthy request). `results` and `onFinding` then see no markers.
   */
  readonly deferSuccessMarkers?: boolean;
}

/** What the reader says about a file as a whole. */
export interface FileFacts {
  readonly problems: readonly ParseProblem[];
  readonly length: number;
}

/** A multi-record rule running on a log, with what its findings take from the catalogue. */
interface Running {
  readonly validator: ModelValidator;
  readonly scan: ValidatorScan;
}

export class Analysis {
  private constructor(
    private readonly log: Pick<LogModel, 'format' | 'detectedBy'>,
    private readonly settings: ValidationSettings,
    private readonly catalogue: Catalogue,
    private readonly rules: RecordRules,
    /** The records' own findings (those `onFinding` keeps), in position order. */
    private own: FindingList,
    /** The same without the success markers: short, what the Problems panel shows. */
    private failures: Finding[],
    private running: Running[],
    private readonly onFinding: AnalysisOptions['onFinding'],
    private stepped: number,
  ) {}

  static start(log: Pick<LogModel, 'format' | 'detectedBy'>, options: AnalysisOptions = {}): Analysis {
    const settings = options.settings ?? DEFAULT_VALIDATION;
    const catalogue = options.catalogue ?? BUILTIN;
    const running = options.perRecordOnly ? [] : catalogue.validators.flatMap((validator): Running[] => {
      if (!runsOn(validator, log, settings)) return [];
      // A rule that throws (starting, stepping or reporting) reports nothing; the others still do.
      try { return [{ validator, scan: validator.start() }]; } catch { return []; }
    });
    const part = options.deferSuccessMarkers ? 'failures' : 'all';
    return new Analysis(log, settings, catalogue, recordRules(log, settings, catalogue, part), FindingList.empty(), [], running, options.onFinding, 0);
  }

  /** Records read so far: the index the next `step` expects. */
  get records(): number { return this.stepped; }

  step(record: LogRecord, index: number): void {
    this.stepped = index + 1;
    const found = this.scratch;
    this.rules.collect(record, index, found);
    if (found.length > 0) {
      // Records do not overlap, so the lists stay sorted by position if each record's findings are.
      if (found.length > 1) found.sort(byPosition);
      for (const f of found) {
        if (this.onFinding && !this.onFinding(f, record)) continue;
        this.own.push(f);
        if (f.kind !== 'evidence') this.failures.push(f);
      }
      found.length = 0;
    }
    this.stepValidators(record, index);
  }

  /**
   * Steps the multi-record rules only: the record's own findings are found on another thread, which
   * reads the same log and runs the record rules on its share of it, and are `adopt`ed at the end.
   */
  follow(record: LogRecord, index: number): void {
    this.stepped = index + 1;
    this.stepValidators(record, index);
  }

  /**
   * The records' own findings another analysis of the same log found (and its `onFinding` kept) for
   * the records this one `follow`ed, in position order: merged with this one's by position.
   */
  adopt(found: readonly Finding[]): void {
    this.own = FindingList.of(mergeSorted(this.own.toArray(), found));
    this.failures = mergeSorted(this.failures, found.filter((f) => f.kind !== 'evidence'));
  }

  /** The records' own findings kept so far, in position order: a share of a log's, for `adopt`. */
  ownFindings(): Finding[] {
    return this.own.toArray();
  }

  /** Where `collect` puts one record's findings. */
  private readonly scratch: Finding[] = [];

  private stepValidators(record: LogRecord, index: number): void {
    for (const r of this.running) {
      try {
        r.scan.step(record, index);
      } catch {
        this.running = this.running.filter((x) => x !== r);
      }
    }
  }

  /** An independent copy that reads on from here (the records' findings so far are shared, not re-found). */
  fork(): Analysis {
    const running = this.running.flatMap((r): Running[] => {
      try { return [{ validator: r.validator, scan: r.scan.fork() }]; } catch { return []; }
    });
    return new Analysis(this.log, this.settings, this.catalogue, this.rules, this.own.fork(), this.failures.slice(), running, this.onFinding, this.stepped);
  }

  /**
   * Everything found as if the log ended here, sorted by position. Ties keep one order: what the
   * reader said of the file, then the records' own findings, then the multi-record rules'.
   */
  results(file: FileFacts): Finding[] {
    return this.merged(file, this.own.toArray(), () => true);
  }

  /** `results` without the success markers: what a log's diagnostics need, at the cost of its failures. */
  failuresOnly(file: FileFacts): Finding[] {
    return this.merged(file, this.failures, (f) => f.kind !== 'evidence');
  }

  /** `results` with the records' own findings given (a deferred analysis's, success markers found since). */
  resultsWith(file: FileFacts, own: readonly Finding[]): Finding[] {
    return this.merged(file, own, () => true);
  }

  /**
   * The records' own findings with the success markers a deferred analysis left out, for the records
   * it has read. `known` serves the records before its `upTo`. A record with a failure or notice is
   * matched again whole, so its findings come in the order one pass over it gives.
   */
  withSuccessMarkers(records: readonly LogRecord[], known?: KnownOwn): KnownOwn {
    // Where the rules could not leave the markers out, they are in the records' list already.
    if (this.rules.part === 'all') return { list: this.own.toArray(), upTo: this.stepped };
    const out: Finding[] = [];
    let i = 0;
    if (known) {
      for (const f of known.list) { if (f.record >= known.upTo) break; out.push(f); }
      i = known.upTo;
    }
    const failed = new Set<number>();
    for (const f of this.failures) if (f.record >= i) failed.add(f.record);
    const whole = failed.size > 0 ? recordRules(this.log, this.settings, this.catalogue, 'all') : undefined;
    const markers = recordRules(this.log, this.settings, this.catalogue, 'evidence');
    const found: Finding[] = [];
    const upTo = Math.min(records.length, this.stepped);
    for (; i < upTo; i++) {
      const record = records[i];
      if (!record) continue;
      (whole && failed.has(i) ? whole : markers).collect(record, i, found);
      if (found.length > 1) found.sort(byPosition);
      for (const f of found) out.push(f);
      found.length = 0;
    }
    return { list: out, upTo };
  }

  /** The records' list is sorted already and long; the others are short: merged, not sorted again. */
  private merged(file: FileFacts, own: readonly Finding[], keep: (f: Finding) => boolean): Finding[] {
    return mergeSorted(mergeSorted(fileNotes(this.log, file, this.settings).sort(byPosition), own), this.multiRecord().filter(keep));
  }

  /** The multi-record rules' findings, sorted, with what each takes from its catalogue entry. */
  private multiRecord(): Finding[] {
    const found: Finding[] = [];
    const entryOf = signatureLookup(this.catalogue);
    for (const r of this.running) {
      try {
        for (const { milder, ...f } of r.scan.results()) {
          const setting = this.settings.rules[f.ruleId];
          if (setting === 'off') continue;
          const sig = entryOf(f.ruleId);
          const severity = milder && sig?.milder ? sig.milder.severity : sig?.severity ?? 'warning';
          found.push({ ...f, kind: sig?.kind ?? 'failure', severity: severityOf(setting, severity) });
        }
      } catch {
        // Logged by the adapter's runSafe; the other rules still report.
      }
    }
    return found.sort(byPosition);
  }
}

/** A multi-record rule runs on its formats (and on loose text) unless every id it reports is off. */
function runsOn(v: ModelValidator, log: Pick<LogModel, 'format' | 'detectedBy'>, settings: ValidationSettings): boolean {
  const loose = log.detectedBy === 'phrases' || log.detectedBy === 'fallback';
  if (!loose && !v.formats.includes(log.format) && log.format !== 'plain-text') return false;
  return v.ids.some((id) => settings.rules[id] !== 'off');
}

/** What the reader said about the file itself, and an empty log. */
function fileNotes(log: Pick<LogModel, 'detectedBy'>, file: FileFacts, settings: ValidationSettings): Finding[] {
  const findings: Finding[] = [];
  for (const p of file.problems) {
    const setting = settings.rules[p.ruleId];
    if (setting === 'off') continue;
    findings.push({ ruleId: p.ruleId, kind: 'notice', severity: severityOf(setting, p.severity), start: p.start, end: p.end, message: p.message, record: -1 });
  }
  if (file.length === 0 && log.detectedBy !== 'fallback' && settings.rules['NDES-LENS-EMPTY'] !== 'off') {
    findings.push({ ruleId: 'NDES-LENS-EMPTY', kind: 'notice', severity: 'info' satisfies Severity, start: 0, end: 0, message: 'This log is empty: it holds no evidence for any SCEP stage.', record: -1 });
  }
  return findings;
}

const byPosition = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end;

/**
 * Merges two lists sorted by position; on ties the first list's element comes first (as a stable
 * sort of both would). One list is usually short: its elements are placed by binary search and the
 * long one is copied between them.
 */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  if (b.length === 0) return a.slice();
  const out: Finding[] = [];
  let i = 0;
  for (const y of b) {
    // The first element of `a` that y goes before: past every x with x <= y.
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
  }
  for (; i < a.length; i++) { const x = a[i]; if (x) out.push(x); }
  return out;
}

/** The records' own findings, success markers included, of the records before `upTo`. */
export interface KnownOwn {
  readonly list: readonly Finding[];
  readonly upTo: number;
}

/** A model's findings, and the analysis before its last record: where the next append reads on. */
export interface ModelAnalysis {
  /** Everything but the success markers. */
  readonly failures: readonly Finding[];
  /** Everything, success markers included: found on first read (one per healthy request). */
  readonly findings: readonly Finding[];
  readonly checkpoint: Analysis;
  /** What is known of the records' own findings so far: where the next version's markers read on. */
  known(): KnownOwn | undefined;
}

export interface ModelAnalysisOptions extends Pick<AnalysisOptions, 'settings' | 'catalogue'> {
  /**
   * The checkpoint of an earlier version of a growing log (same settings and rules), and the first
   * record that may differ since: read on from there when the checkpoint stopped exactly there.
   * `known`: that version's `known()`, whose records before `at` are still the same.
   */
  readonly resume?: { readonly from: Analysis; readonly at: number; readonly known?: KnownOwn | undefined };
}

/**
 * Every rule over a whole model. The last record is read after a checkpoint is taken, since a log
 * being written may still be finishing it: an append reads it again. An open or an append costs its
 * failures: the success markers (one per healthy request) are found when something first asks for
 * the full list, and an append's only on the records it added.
 */
export function analyseModel(model: LogModel, options: ModelAnalysisOptions = {}): ModelAnalysis {
  const resume = options.resume;
  const resumed = resume && resume.from.records === resume.at ? resume.from.fork() : undefined;
  const analysis = resumed ?? Analysis.start(model, { ...options, deferSuccessMarkers: true });
  const last = model.records.length - 1;
  let checkpoint: Analysis | undefined;
  for (let i = analysis.records; i < model.records.length; i++) {
    if (i === last) checkpoint = analysis.fork();
    const record = model.records[i];
    if (record) analysis.step(record, i);
  }
  const earlier = resumed && resume?.known ? { list: resume.known.list, upTo: Math.min(resume.known.upTo, resume.at) } : undefined;
  let own: KnownOwn | undefined;
  let findings: Finding[] | undefined;
  return {
    failures: analysis.failuresOnly(model),
    get findings() {
      own ??= analysis.withSuccessMarkers(model.records, earlier);
      return findings ??= analysis.resultsWith(model, own.list);
    },
    checkpoint: checkpoint ?? analysis.fork(),
    known: () => own ?? earlier,
  };
}

/** A model's findings under the given settings and rules (tests and reports: no append follows). */
export function validate(model: LogModel, settings: ValidationSettings = DEFAULT_VALIDATION, catalogue: Catalogue = BUILTIN): Finding[] {
  const analysis = Analysis.start(model, { settings, catalogue });
  model.records.forEach((record, index) => { analysis.step(record, index); });
  return analysis.results(model);
}
