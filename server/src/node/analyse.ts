import { stat } from 'node:fs/promises';
import { BINARY_SNIFF_CHARS, binaryProblem, createModelBuilder } from '../core/parse';
import { SCANNERS } from '../core/formats';
import { Analysis, validate } from '../core/analysis';
import { detectFormat, SNIFF_CHARS, type Detection } from '../core/detect';
import type { Finding, LogModel, LogRecord, ParseProblem } from '../core/types';
import type { Catalogue, ValidationSettings } from '../core/validate';
import type { TextRedactor } from '../core/redact';
import { recordFacts, type RecordFacts } from '../core/report/facts';
import { decodeTextChunks, isEvtxFile, readTextChunks, type TextChunk } from './decode';
import { renderAside } from './evtxAside';
import { EvidenceFold, type FoldEntry, type FoldedEvidence } from './evidence';
import { CompactLineIndex, type Lines } from './lineIndex';
import { LineBuffered } from './lines';

export interface AnalysedFile {
  readonly path: string;
  readonly detection: Detection;
  readonly bytes: number;
  readonly lines: Lines;
  /** Sorted by offset, as `validate` returns them. Without success markers with `foldEvidence`. */
  readonly findings: readonly Finding[];
  /** With `foldEvidence`: the success markers per rule, in the order `locateFindings` lists them. */
  readonly evidence?: readonly FoldedEvidence[];
  /** Only with `keepModel` (diagnose and report need the records). */
  readonly model?: LogModel;
  /** With `facts`: what each failure's and notice's record said (host, time, codes), read before the record was dropped. */
  readonly facts?: ReadonlyMap<Finding, RecordFacts>;
  /** The worker's share of a file two threads read: its markers as the fold holds them, for the main thread's fold. */
  readonly foldEntries?: readonly FoldEntry[];
}

/**
 * One file read by two threads at once (analysers.ts). Both scan all of it, so both have the same
 * records. The text is cut into blocks of `block` characters: the records that start in one block
 * of every `every` (the first included) are the main thread's, the others the worker's, and each
 * thread runs the record rules on its own records. Interleaved, the two read at the same pace, so
 * neither waits for the other's bytes. The main thread also runs the multi-record rules and says
 * what the reader found of the file, and takes in what the worker found (`worker`). Only where
 * success markers are folded.
 */
export type RecordShare = SharePattern & ({ readonly side: 'main'; readonly worker: Promise<AnalysedFile> } | { readonly side: 'worker' });

/** How a file's records are dealt between the two threads that read it. */
export interface SharePattern {
  readonly block: number;
  readonly every: number;
}

/** Whether the record starting at `start` is the main thread's. */
function isMainThreads(start: number, share: SharePattern): boolean {
  return Math.floor(start / share.block) % share.every === 0;
}

export interface AnalyseOptions {
  /** Keep every record (for flow analysis). Without it records are validated and dropped as they arrive. */
  readonly keepModel?: boolean;
  /** Rewrites the text before it is read (redaction); line breaks must be kept. */
  readonly transform?: TextRedactor;
  readonly onProgress?: (bytesRead: number) => void;
  /**
   * Count success markers per rule as they arrive instead of keeping one finding each (ignored with
   * `keepModel`): memory stays flat however many healthy requests the file holds.
   */
  readonly foldEvidence?: boolean;
  /** The rules to run (team signatures included); built-in by default. */
  readonly catalogue?: Catalogue;
  /** Severity overrides and rules switched off (the editor's settings); none by default. */
  readonly settings?: ValidationSettings;
  /** With `keepModel`: records only, no rules run (the findings come from elsewhere: a worker). */
  readonly parseOnly?: boolean;
  /** Stops reading between chunks. */
  readonly signal?: AbortSignal;
  /** Keep each failure's and notice's `RecordFacts` (the flat JSON lines need them). */
  readonly facts?: boolean;
  /** The file's bytes when they do not come from `path` on disk (a zip entry: `path` is only its name). */
  readonly bytes?: AsyncIterable<Uint8Array>;
  /** The name the format is recognised by, when `path` is not a plain file path (a zip entry's own name). */
  readonly fileName?: string;
  /** An `.evtx` on disk is rendered to its Event XML on a thread of its own (`evtxAside`) while this one runs the rules. */
  readonly renderAside?: boolean;
  /** This thread's share of a file two threads read (streaming, with `foldEvidence`). */
  readonly share?: RecordShare;
}

/** How text reaches the analysis: records straight to the validator, or into a model. */
interface Consumer {
  push(chunk: string): void;
  end(length: number): Consumed | Promise<Consumed>;
}

interface Consumed {
  findings: Finding[];
  model?: LogModel;
  evidence?: EvidenceFold;
  facts?: Map<Finding, RecordFacts>;
  /** The worker's share of a file: its fold's entries instead of the summaries. */
  forMain?: true;
}

/**
 * Reads one file with bounded memory: decoded chunk by chunk, the format detected from the first
 * 64 KB, records validated as the scanner delivers them (or kept in a model with `keepModel`).
 */
export async function analyseFile(path: string, options: AnalyseOptions = {}): Promise<AnalysedFile> {
  const lines = new CompactLineIndex();
  const buffered = options.transform ? new LineBuffered(options.transform) : undefined;
  let length = 0;
  let bytes = 0;
  let head: string[] = [];
  let headLength = 0;
  let detection: Detection | undefined;
  let consumer: Consumer | undefined;

  const start = (): Consumer => {
    const text = head.join('');
    detection = detectFormat({ text, fileName: options.fileName ?? path });
    const facts = options.facts === true;
    const c = options.keepModel
      ? modelConsumer(detection, options.parseOnly ? () => [] : (m) => validate(m, options.settings, options.catalogue), facts)
      : streamingConsumer(detection, options.foldEvidence === true, facts, options);
    c.push(text);
    head = [];
    return c;
  };
  const feed = (text: string): void => {
    if (text.length === 0) return;
    // The main thread places every finding of a file two threads read: the worker's lines are not needed.
    if (options.share?.side !== 'worker') lines.append(text, length);
    length += text.length;
    if (consumer) { consumer.push(text); return; }
    head.push(text);
    headLength += text.length;
    if (headLength >= SNIFF_CHARS) consumer = start();
  };

  for await (const chunk of await textChunks(path, options)) {
    if (options.signal?.aborted) throw new Error('cancelled');
    bytes = chunk.bytesRead;
    feed(buffered ? buffered.push(chunk.text) : chunk.text);
    options.onProgress?.(bytes);
  }
  if (buffered) feed(buffered.end());
  consumer ??= start();
  const { findings, model, evidence, facts, forMain } = await consumer.end(length);
  const result: AnalysedFile = { path, detection: detection ?? { format: 'plain-text', by: 'fallback' }, bytes, lines, findings, ...(facts ? { facts } : {}) };
  if (evidence) return forMain ? { ...result, foldEntries: evidence.entries() } : { ...result, evidence: evidence.summaries() };
  return model ? { ...result, model } : result;
}

/** Where the text comes from: the bytes given, or the file, its events rendered aside when asked. */
async function textChunks(path: string, options: AnalyseOptions): Promise<AsyncIterable<TextChunk>> {
  if (options.bytes) return decodeTextChunks(options.bytes);
  return options.renderAside === true && await isEvtxOnDisk(path) ? renderAside(path) : readTextChunks(path);
}

/**
 * A regular file only: sniffing a pipe (`check <(…)`, `/dev/stdin`) would fail to seek, or take the
 * first bytes the reading needs.
 */
async function isEvtxOnDisk(path: string): Promise<boolean> {
  return (await stat(path)).isFile() && await isEvtxFile(path);
}

function modelConsumer(detection: Detection, validateModel: (model: LogModel) => Finding[], withFacts: boolean): Consumer {
  const builder = createModelBuilder(detection.format, detection.by);
  return {
    push: (chunk) => { builder.push(chunk); },
    end: () => {
      const model = builder.end();
      const findings = validateModel(model);
      if (!withFacts) return { findings, model };
      const facts = new Map<Finding, RecordFacts>();
      for (const f of findings) if (f.kind !== 'evidence') facts.set(f, recordFacts(model.records[f.record]));
      return { findings, model, facts };
    },
  };
}

/**
 * Records go through the core's analysis and are dropped as they arrive; what each one found is
 * taken (and its facts read) while it is still alive.
 */
function streamingConsumer(detection: Detection, foldEvidence: boolean, withFacts: boolean, rules: Pick<AnalyseOptions, 'catalogue' | 'settings' | 'share'>): Consumer {
  const problems: ParseProblem[] = [];
  const fold = foldEvidence ? new EvidenceFold() : undefined;
  const facts = withFacts ? new Map<Finding, RecordFacts>() : undefined;
  const share = fold ? rules.share : undefined;
  let read: { record: LogRecord; facts: RecordFacts } | undefined;
  const analysis = Analysis.start({ format: detection.format, detectedBy: detection.by }, {
    ...(rules.catalogue ? { catalogue: rules.catalogue } : {}),
    ...(rules.settings ? { settings: rules.settings } : {}),
    // The worker runs the record rules only: the main thread has every record for the rest.
    ...(share?.side === 'worker' ? { perRecordOnly: true } : {}),
    onFinding: (f, record) => {
      if (fold && f.kind === 'evidence') { fold.add(f); return false; }
      if (facts && f.kind !== 'evidence') {
        if (read?.record !== record) read = { record, facts: recordFacts(record) };
        facts.set(f, read.facts);
      }
      return true;
    },
  });
  let index = 0;
  let head = '';
  const step = (record: LogRecord): void => {
    const i = index++;
    if (!share) { analysis.step(record, i); return; }
    const mine = isMainThreads(record.start, share) === (share.side === 'main');
    if (mine) analysis.step(record, i);
    else if (share.side === 'main') analysis.follow(record, i);
  };
  const scanner = SCANNERS[detection.format]({
    record: step,
    problem: (p) => { problems.push(p); },
  });
  return {
    push: (chunk) => {
      if (head.length < BINARY_SNIFF_CHARS) head += chunk.slice(0, BINARY_SNIFF_CHARS - head.length);
      scanner.push(chunk);
    },
    end: async (length) => {
      scanner.end();
      if (share?.side === 'worker') return { findings: analysis.ownFindings(), ...(fold ? { evidence: fold } : {}), ...(facts ? { facts } : {}), forMain: true };
      if (share?.side === 'main') {
        const worker = await share.worker;
        analysis.adopt(worker.findings);
        fold?.absorb(worker.foldEntries ?? []);
        if (facts && worker.facts) for (const [f, r] of worker.facts) facts.set(f, r);
      }
      const binary = binaryProblem(head);
      const findings = analysis.results({ problems: binary ? [binary, ...problems] : problems, length });
      return { findings, ...(fold ? { evidence: fold } : {}), ...(facts ? { facts } : {}) };
    },
  };
}
