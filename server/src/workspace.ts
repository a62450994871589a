import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import { analyseModel, validate, type Analysis, type KnownOwn } from './core/analysis';
import { noticeById } from './core/catalogue';
import { SNIFF_CHARS } from './core/detect';
import { toDiagnostics } from './core/diagnostics';
import { analyseFlow, type FlowFile, type FlowResult } from './core/flow';
import { appendToModel, parseDocument } from './core/parse';
import type { Finding, LogModel } from './core/types';
import { BUILTIN_RULES, type Rules } from './core/rules';
import type { Catalogue, SignatureLookup, ValidationSettings } from './core/validate';
import { analyseFile } from './node/analyse';
import { CompactLineIndex } from './node/lineIndex';
import { walkLogs, type WalkReport } from './node/walk';
import { EVTX_SCHEME, type ServerSettings } from './protocol';

/** One log the server knows: an open document (editor text) or a file of the workspace folder (disk). */
export interface Entry {
  readonly uri: string;
  readonly path: string;
  readonly model: LogModel;
  readonly findings: readonly Finding[];
  readonly positionAt: (offset: number) => { line: number; character: number };
  /** Document version when the entry comes from the editor. */
  readonly version?: number;
  /**
   * `findings` without the success markers, when they are known apart: what the diagnostics show
   * unless success markers are, without merging one marker per healthy request.
   */
  readonly failures?: readonly Finding[];
}

/** An open document's entry, with where its analysis reads on when the log grows. */
interface OpenedEntry extends Entry {
  readonly version: number;
  readonly checkpoint: Analysis;
  /** The records' own findings found so far, success markers included: the next version keeps those before its append. */
  readonly known: () => KnownOwn | undefined;
}

/** Enough for an evidence bundle; a larger tree is read in part, and the server says so. */
const MAX_FOLDER_FILES = 2000;

const EMPTY_FLOW: Pick<FlowResult, 'gaps' | 'links'> = { gaps: [], links: [] };

interface FolderScan {
  readonly files: number;
  readonly truncated: boolean;
}

/**
 * Every log of the workspace folder and every open log document, their findings, and the SCEP flow
 * across them. Open documents win over their files on disk.
 */
export class Workspace {
  private readonly disk = new Map<string, Entry>();
  private readonly open = new Map<string, OpenedEntry>();
  /** The text and line index of each open document's current version, to recognise appends. */
  private readonly texts = new Map<string, string>();
  private readonly lines = new Map<string, CompactLineIndex>();
  /** The end of each open document from its last record's start: where an append reads on. */
  private readonly tails = new Map<string, Tail>();
  private flowResult: FlowResult | undefined;

  /** `ruleSet` gives the rules to run and name (the built-in catalogue plus the workspace's team signatures). */
  constructor(private settings: () => ServerSettings, private readonly ruleSet: () => Rules = () => BUILTIN_RULES) {}

  private catalogue(): Catalogue { return this.ruleSet().catalogue; }

  /** One entry per file: an open document stands for its file on disk (an .evtx's events for the .evtx too). */
  entries(): Entry[] {
    const all = new Map<string, Entry>();
    for (const e of this.disk.values()) all.set(e.path, e);
    for (const e of this.open.values()) all.set(e.path, e);
    return [...all.values()];
  }

  get(uri: string): Entry | undefined { return this.open.get(uri) ?? this.disk.get(uri); }
  isOpen(uri: string): boolean { return this.open.has(uri); }
  isOnDisk(uri: string): boolean { return this.disk.has(uri); }

  /**
   * Analyses an open document's text (cached by version). When the new text only adds to the end of
   * the previous one (a log being written), only the end is read and validated again.
   * `appended`: the editor's word that the text is the analysed version plus `text(version)` at its
   * end. The new text is then not read at all (not even compared), which matters because the
   * editor's text of a grown document is a rope that any read first copies whole.
   */
  setDocument(uri: string, languageId: string, version: number, text: string, appended?: Appended): Entry {
    const cached = this.open.get(uri);
    if (cached?.version === version) return cached;
    const previous = this.texts.get(uri);
    const tail = this.tails.get(uri);
    const lines = this.lines.get(uri);
    let entry: OpenedEntry | undefined;
    // Detection reads the first SNIFF_CHARS: past that, an append cannot change the format.
    if (cached?.version !== undefined && previous !== undefined && tail && lines && previous.length >= SNIFF_CHARS && text.length > previous.length) {
      const added = appended?.text(cached.version) ?? (text.startsWith(previous) ? text.slice(previous.length) : undefined);
      if (added !== undefined && previous.length + added.length === text.length) {
        const grown = appendToModel(cached.model, tail.text + added, tail.start);
        if (grown) {
          lines.append(added, previous.length);
          const { model, firstNewRecord } = grown;
          // The analysis reads on from where it stopped: an append costs what it adds, however long the log.
          entry = this.opened(uri, model, (o) => lines.positionAt(o), version, { from: cached.checkpoint, at: firstNewRecord, known: cached.known() });
          this.tails.set(uri, tailOf(model, tail.text + added, tail.start));
        }
      }
    }
    if (!entry) {
      const model = parseDocument(text, { languageId, fileName: uri });
      const index = new CompactLineIndex();
      index.append(text, 0);
      entry = this.opened(uri, model, (o) => index.positionAt(o), version);
      this.lines.set(uri, index);
      this.tails.set(uri, tailOf(model, text, 0));
    }
    this.texts.set(uri, text);
    this.open.set(uri, entry);
    this.flowResult = undefined;
    return entry;
  }

  /** An open document's analysis, read on from an earlier version's checkpoint when it grew. */
  private opened(uri: string, model: LogModel, positionAt: Entry['positionAt'], version: number, resume?: { from: Analysis; at: number; known: KnownOwn | undefined }): OpenedEntry {
    const analysis = analyseModel(model, { ...this.ruleOptions(), ...(resume ? { resume } : {}) });
    return {
      uri, path: pathOf(uri), model, positionAt, version, checkpoint: analysis.checkpoint, failures: analysis.failures, known: () => analysis.known(),
      get findings() { return analysis.findings; },
    };
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.texts.delete(uri);
    this.lines.delete(uri);
    this.tails.delete(uri);
    this.flowResult = undefined;
  }

  /** Re-validates every entry with new settings, without reading anything again. */
  revalidate(): void {
    for (const [uri, e] of this.disk) this.disk.set(uri, { ...e, findings: this.validate(e.model) });
    for (const [uri, e] of this.open) this.open.set(uri, this.opened(uri, e.model, e.positionAt, e.version));
    this.flowResult = undefined;
  }

  /** Reads every log under a folder from disk, at any size (the same walk and reader as the CLI). */
  async scanFolder(root: string, progress: (done: number, total: number, path: string) => void, signal?: AbortSignal): Promise<FolderScan> {
    const report: WalkReport = { problems: [], capped: false };
    const files: string[] = [];
    for await (const path of walkLogs([root], MAX_FOLDER_FILES, report)) files.push(path);
    for (const uri of [...this.disk.keys()]) if (pathOf(uri).startsWith(root)) this.disk.delete(uri);
    let done = 0;
    for (const path of files) {
      if (signal?.aborted) throw new Error('cancelled');
      progress(done++, files.length, path);
      await this.readFile(path, signal);
    }
    this.flowResult = undefined;
    return { files: files.length, truncated: report.capped };
  }

  /** (Re-)reads one file from disk; a file that cannot be read is dropped. */
  async readFile(path: string, signal?: AbortSignal): Promise<Entry | undefined> {
    const uri = documentUri(path);
    try {
      const file = await analyseFile(path, { keepModel: true, ...this.ruleOptions(), ...(signal ? { signal } : {}) });
      if (!file.model) throw new Error('no model');
      const lines = file.lines;
      const entry: Entry = { uri, path, model: file.model, findings: file.findings, positionAt: (o) => lines.positionAt(o) };
      this.disk.set(uri, entry);
      this.flowResult = undefined;
      return entry;
    } catch {
      this.disk.delete(uri);
      this.flowResult = undefined;
      return undefined;
    }
  }

  removeFile(uri: string): void {
    this.disk.delete(documentUri(pathOf(uri)));
    this.flowResult = undefined;
  }

  flow(): FlowResult {
    this.flowResult ??= analyseFlow(this.entries().map((e): FlowFile => ({ path: e.path, model: e.model, findings: e.findings, positionAt: e.positionAt })), this.rules());
    return this.flowResult;
  }

  /** True when the cross-file flow is computed for the current state of every log. */
  get flowIsCurrent(): boolean { return this.flowResult !== undefined; }

  /**
   * The diagnostics of one entry: its findings and, once the flow has been computed for the current
   * logs, the flow's gaps on it and links to the same request elsewhere. Never computes the flow itself:
   * a log's own findings are published at once, the cross-file part follows when things settle.
   */
  diagnostics(entry: Entry): Diagnostic[] {
    const flow = this.flowResult ?? EMPTY_FLOW;
    const gaps: Finding[] = [];
    for (const g of flow.gaps) {
      if (g.path !== entry.path || g.ruleId === undefined || g.start === undefined || g.end === undefined) continue;
      const notice = noticeById(g.ruleId);
      if (this.settings().rules[g.ruleId] === 'off') continue;
      gaps.push({ ruleId: g.ruleId, kind: 'notice', severity: notice?.severity ?? 'info', start: g.start, end: g.end, message: g.message, record: -1 });
    }
    const settings = this.settings();
    // Success markers (one per healthy request) are left out before sorting unless they are shown.
    const own = settings.showSuccessMarkers ? entry.findings : entry.failures ?? entry.findings.filter((f) => f.kind !== 'evidence');
    const findings = gaps.length === 0 ? own : [...own, ...gaps].sort((a, b) => a.start - b.start);
    const diagnostics = toDiagnostics(findings, entry.positionAt, { showSuccessMarkers: settings.showSuccessMarkers, maxNumberOfProblems: settings.maxNumberOfProblems, uri: entry.uri, lookup: this.rules() });
    const links = flow.links.filter((l) => l.from.path === entry.path);
    if (links.length === 0) return diagnostics;
    const entries = this.entries();
    return diagnostics.map((d) => {
      const link = links.find((l) => l.from.ruleId === d.code && samePosition(entry.positionAt(l.from.start), d.range.start));
      if (!link) return d;
      const relatedInformation = link.to.map((t): DiagnosticRelatedInformation => {
        const target = entries.find((e) => e.path === t.path);
        const start = target ? target.positionAt(t.start) : { line: t.line - 1, character: 0 };
        const end = target ? target.positionAt(t.end) : start;
        return { location: { uri: target?.uri ?? documentUri(t.path), range: { start, end } }, message: t.message };
      });
      return { ...d, relatedInformation: [...(d.relatedInformation ?? []), ...relatedInformation] };
    });
  }

  /** The catalogue entries of the rules that run here (built-in and team signatures), by id. */
  rules(): SignatureLookup {
    return this.ruleSet().lookup;
  }

  /** The workspace's rules and their settings, as every analysis here takes them. */
  ruleOptions(): { readonly settings: ValidationSettings; readonly catalogue: Catalogue } {
    return { settings: { rules: this.settings().rules }, catalogue: this.catalogue() };
  }

  /** A model's findings under the workspace's settings and rules. */
  validate(model: LogModel): Finding[] {
    const { settings, catalogue } = this.ruleOptions();
    return validate(model, settings, catalogue);
  }
}

/** What the editor says was added to a document: the text appended after a given version. */
export interface Appended {
  /** The text added since `version`, or undefined when something else changed since. */
  text(version: number): string | undefined;
}

interface Tail {
  readonly start: number;
  readonly text: string;
}

/** The part of `text` (which starts at offset `from`) from the model's last record on. */
function tailOf(model: LogModel, text: string, from: number): Tail {
  const start = Math.max(from, model.records[model.records.length - 1]?.start ?? from);
  return { start, text: text.slice(start - from) };
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

export function pathOf(uri: string): string {
  const file = uri.startsWith(`${EVTX_SCHEME}:`) ? `file:${uri.slice(EVTX_SCHEME.length + 1)}` : uri;
  if (!file.startsWith('file:')) return uri;
  try { return fileURLToPath(file); } catch { return uri; }
}

/**
 * The URI the editor shows a file under: its `file:` URI, or for a binary event log the read-only
 * document of its events (`EVTX_SCHEME`), whose lines the findings' positions refer to.
 */
export function documentUri(path: string): string {
  const file = pathToFileURL(path).toString();
  return /\.evtx$/i.test(path) ? `${EVTX_SCHEME}:${file.slice('file:'.length)}` : file;
}
