import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, ResponseError,
  TextDocumentSyncKind, TextDocuments, type CancellationToken, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { codeActions, guidanceArguments } from './core/codeActions';
import { detectFormat, SNIFF_CHARS } from './core/detect';
import type { FlowResult } from './core/flow';
import { editorCapabilities, registerEditorFeatures } from './editor';
import { renderExport } from './exports';
import {
  CONFIGURATION_SECTION, DEFAULT_SETTINGS, DIAGNOSE_FOLDER_REQUEST, EVTX_REQUEST, EXPORT_REQUEST, FLOW_CHANGED_NOTIFICATION, FLOW_REQUEST,
  FORMAT_DETECTED_NOTIFICATION, GENERIC_LANGUAGE_IDS, TEAM_FILE_NAME, type DiagnoseFolderResult, type ExportParams, type ExportResult,
  type EvtxParams, type EvtxResult, type FlowChangedParams, type FlowView, type FormatDetectedParams, type ServerSettings,
} from './protocol';
import { readText } from './node/decode';
import { describeIoError } from './node/ioErrors';
import { normaliseSettings } from './settings';
import { TeamFiles } from './team';
import { documentUri, pathOf, Workspace, type Appended, type Entry } from './workspace';

const CHANGE_DEBOUNCE_MS = 50;
const FLOW_DEBOUNCE_MS = 300;

/**
 * The LSP adapter: capabilities and handler shims. Each handler asks the workspace for the cached
 * analysis and the core for the answer; nothing here knows a rule.
 */
export function startServer(connection: Connection): void {
  /**
   * Per open document, the text added at its end by each change since the last change that did
   * anything else (a log being written). The workspace then reads on from its last analysis without
   * reading the document text, and such a change is validated at once, not after the typing pause.
   */
  const appends = new Map<string, AppendLog>();
  const documents = new TextDocuments({
    create: (uri, languageId, version, content) => {
      appends.set(uri, new AppendLog(version));
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (doc, changes, version) => {
      const [change] = changes;
      const log = appends.get(doc.uri);
      if (log && changes.length === 1 && change && isAppend(doc, change)) log.add(version, change.text);
      else appends.set(doc.uri, new AppendLog(version));
      return TextDocument.update(doc, changes, version);
    },
  });
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const team = new TeamFiles();
  const workspace = new Workspace(() => settings, () => team.rules());
  let foldingLimit: number | undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  const announced = new Set<string>();
  const published = new Set<string>();
  let pullConfiguration = false;
  let roots: string[] = [];
  /** Settings the client holds are read before the first diagnostics are published. */
  let settingsReady: Promise<void> = Promise.resolve();
  /** The first scan of the workspace folders; requests for the flow wait for it. */
  let scanned: Promise<void> = Promise.resolve();
  let flowTimer: NodeJS.Timeout | undefined;

  const runSafe = <T>(name: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e: unknown) {
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };

  const entryOf = (doc: TextDocument): Entry => {
    const log = appends.get(doc.uri);
    const entry = workspace.setDocument(doc.uri, doc.languageId, doc.version, doc.getText(), log);
    log?.forget(doc.version);
    return entry;
  };
  /** True when the changes since the last analysis of a document only added text at its end. */
  const onlyAppended = (uri: string): boolean => {
    const analysed = workspace.isOpen(uri) ? workspace.get(uri)?.version : undefined;
    return analysed !== undefined && appends.get(uri)?.text(analysed) !== undefined;
  };

  const publishEntry = (entry: Entry): void => {
    runSafe('diagnostics', undefined, () => {
      const diagnostics = workspace.diagnostics(entry);
      if (diagnostics.length === 0 && !published.has(entry.uri)) return;
      published.add(entry.uri);
      void connection.sendDiagnostics(entry.version === undefined ? { uri: entry.uri, diagnostics } : { uri: entry.uri, version: entry.version, diagnostics });
    });
  };

  const publishAll = (): void => { for (const e of workspace.entries()) publishEntry(e); };

  /** Cross-file results (links, gaps, the verdict) change whenever any log does: recompute once things settle. */
  const scheduleFlow = (): void => {
    if (flowTimer) clearTimeout(flowTimer);
    flowTimer = setTimeout(() => {
      flowTimer = undefined;
      runSafe('flow', undefined, () => {
        const flow = workspace.flow();
        publishAll();
        const params: FlowChangedParams = { verdict: flow.verdict, firstFailure: flow.firstFailure };
        void connection.sendNotification(FLOW_CHANGED_NOTIFICATION, params);
      });
    }, FLOW_DEBOUNCE_MS);
  };

  const validateDocument = (doc: TextDocument): void => {
    runSafe('validation', undefined, () => { publishEntry(entryOf(doc)); });
    scheduleFlow();
  };

  const announceFormat = (doc: TextDocument): void => {
    if (announced.has(doc.uri) || !GENERIC_LANGUAGE_IDS.includes(doc.languageId)) return;
    // A slice, not a range: a range would index every line of a large log first.
    const detection = detectFormat({ text: doc.getText().slice(0, SNIFF_CHARS), fileName: doc.uri });
    if (detection.format === 'plain-text') return;
    announced.add(doc.uri);
    const params: FormatDetectedParams = { uri: doc.uri, format: detection.format, by: detection.by };
    void connection.sendNotification(FORMAT_DETECTED_NOTIFICATION, params);
  };

  const schedule = (doc: TextDocument, delay: number): void => {
    const pending = timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current) validateDocument(current);
    }, delay));
  };

  const scanRoots = async (report?: (message: string, percentage: number) => void, signal?: AbortSignal): Promise<number> => {
    let total = 0;
    for (const root of roots) {
      const scan = await workspace.scanFolder(root, (done, count, path) => {
        report?.(`${done + 1}/${count} ${path.slice(root.length + 1)}`, count ? Math.round((done / count) * 100) : 100);
      }, signal);
      total += scan.files;
      if (scan.truncated) connection.console.warn(`NDES Lens read the first ${scan.files} logs of ${root} only.`);
    }
    for (const doc of documents.all()) entryOf(doc);
    return total;
  };

  /** Reads the team signature file of every root and publishes its problems on the file itself. */
  const loadTeamFiles = async (only?: string): Promise<void> => {
    for (const root of roots) {
      if (only !== undefined && only !== root) continue;
      try {
        const { uri, diagnostics } = await team.load(root);
        if (diagnostics.length > 0 || published.has(uri)) {
          published.add(uri);
          void connection.sendDiagnostics({ uri, diagnostics });
        }
      } catch (e: unknown) {
        connection.console.error(`team signatures of ${root} could not be read: ${String(e)}`);
      }
    }
  };

  /** Validates everything again (settings or team signatures changed) and publishes the result. */
  const reapply = (): void => {
    workspace.revalidate();
    for (const doc of documents.all()) entryOf(doc);
    publishAll();
    scheduleFlow();
  };

  const refreshSettings = async (): Promise<void> => {
    if (pullConfiguration) {
      try {
        settings = normaliseSettings(await connection.workspace.getConfiguration(CONFIGURATION_SECTION));
      } catch (e: unknown) {
        connection.console.warn(`could not read settings, using defaults: ${String(e)}`);
        settings = DEFAULT_SETTINGS;
      }
    }
    reapply();
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const initial: unknown = params.initializationOptions;
    if (typeof initial === 'object' && initial !== null && 'settings' in initial) settings = normaliseSettings(initial.settings);
    // Older clients (Neovim 0.7) send only rootUri.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const legacyRoot = params.rootUri;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (legacyRoot ? [legacyRoot] : []);
    roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    foldingLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...editorCapabilities(),
      },
      serverInfo: { name: 'NDES Lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION });
      settingsReady = refreshSettings();
    }
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{log,svclog,txt,xml,csv}' }, { globPattern: `**/${TEAM_FILE_NAME}` }],
    }).catch(() => undefined);
    scanned = settingsReady.then(async () => {
      await loadTeamFiles();
      await scanRoots();
      publishAll();
      scheduleFlow();
    }).catch((e: unknown) => { connection.console.error(`folder scan failed: ${String(e)}`); });
  });

  connection.onDidChangeConfiguration((change) => {
    if (!pullConfiguration) {
      const raw: unknown = change.settings;
      settings = normaliseSettings(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[CONFIGURATION_SECTION] : undefined);
    }
    void refreshSettings();
  });

  const onWatchedFiles = async (changes: readonly { uri: string; type: FileChangeType }[]): Promise<void> => {
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (!roots.some((r) => path.startsWith(r))) continue;
      if (TeamFiles.isTeamFile(path)) {
        const root = roots.find((r) => path === join(r, TEAM_FILE_NAME));
        if (root !== undefined) { await loadTeamFiles(root); reapply(); }
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        workspace.removeFile(change.uri);
        const shown = documentUri(path);
        if (!workspace.isOpen(shown)) void connection.sendDiagnostics({ uri: shown, diagnostics: [] });
      } else {
        await workspace.readFile(path);
      }
    }
    scheduleFlow();
  };
  connection.onDidChangeWatchedFiles((params) => { void onWatchedFiles(params.changes); });

  documents.onDidOpen((e) => {
    runSafe('format detection', undefined, () => { announceFormat(e.document); });
    void settingsReady.then(() => {
      const doc = documents.get(e.document.uri);
      if (doc) validateDocument(doc);
    });
  });
  // A log being written is re-read at once (only its end is); an edit waits for typing to pause.
  documents.onDidChangeContent((e) => { schedule(e.document, onlyAppended(e.document.uri) ? 0 : CHANGE_DEBOUNCE_MS); });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    workspace.closeDocument(uri);
    appends.delete(uri);
    announced.delete(uri);
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    // A log of the folder keeps its findings from disk; anything else is cleared.
    const onDisk = workspace.get(uri);
    if (onDisk) publishEntry(onDisk);
    else { published.delete(uri); void connection.sendDiagnostics({ uri, diagnostics: [] }); }
    scheduleFlow();
  });

  registerEditorFeatures(connection, { documents, workspace, entryOf, runSafe, foldingLimit: () => foldingLimit });

  connection.onCodeAction((params) => runSafe('code actions', [], () => codeActions(params.context.diagnostics, workspace.rules())));

  /** The flow with the guidance of each fix it names, from the same rules as the quick fixes. */
  const flowView = (flow: FlowResult): FlowView => {
    const lookup = workspace.rules();
    const guidance: Record<string, readonly string[]> = {};
    for (const ruleId of flow.stages.flatMap((s) => s.fixRuleIds)) {
      const args = guidanceArguments(ruleId, lookup);
      if (args) guidance[ruleId] = args;
    }
    return { ...flow, guidance };
  };

  connection.onRequest(FLOW_REQUEST, async (): Promise<FlowView> => {
    await scanned;
    return flowView(workspace.flow());
  });

  // The events of an .evtx for its read-only document: decoded here, where every log is read, so the client stays thin.
  connection.onRequest(EVTX_REQUEST, async (params: EvtxParams): Promise<EvtxResult> => {
    const path = pathOf(params.uri);
    if (path === params.uri) throw new ResponseError(ErrorCodes.InvalidParams, `not a file: ${params.uri}`);
    try {
      return { text: await readText(path) };
    } catch (e: unknown) {
      throw new ResponseError(ErrorCodes.InternalError, `cannot read ${path}: ${describeIoError(e)}`);
    }
  });

  connection.onRequest(EXPORT_REQUEST, async (params: ExportParams): Promise<ExportResult> => {
    await scanned;
    return renderExport(params, workspace.entries(), roots, { ...workspace.ruleOptions(), lookup: workspace.rules() });
  });

  connection.onRequest(DIAGNOSE_FOLDER_REQUEST, async (_params: unknown, token: CancellationToken): Promise<DiagnoseFolderResult> => {
    await scanned;
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => { abort.abort(); });
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('NDES Lens: reading logs', 0, 'scanning the folder', true);
    const stop = progress.token.onCancellationRequested(() => { abort.abort(); });
    try {
      const files = await scanRoots((message, percentage) => { progress.report(percentage, message); }, abort.signal);
      const flow = workspace.flow();
      publishAll();
      void connection.sendNotification(FLOW_CHANGED_NOTIFICATION, { verdict: flow.verdict, firstFailure: flow.firstFailure } satisfies FlowChangedParams);
      return { files, flow: flowView(flow) };
    } finally {
      progress.done();
      cancel.dispose();
      stop.dispose();
    }
  });

  documents.listen(connection);
  connection.listen();
}

/** The text appended to one document, change by change, since the last change that did anything else. */
class AppendLog implements Appended {
  private chunks: { version: number; text: string }[] = [];

  /** `since`: the version from which every change only appended. */
  constructor(private readonly since: number) {}

  add(version: number, text: string): void { this.chunks.push({ version, text }); }

  text(version: number): string | undefined {
    if (version < this.since) return undefined;
    return this.chunks.filter((c) => c.version > version).map((c) => c.text).join('');
  }

  /** Drops what a version already holds (it was analysed). */
  forget(version: number): void { this.chunks = this.chunks.filter((c) => c.version > version); }
}

/** A change that inserts text at the very end of the document (what a log writer does). */
function isAppend(doc: TextDocument, change: TextDocumentContentChangeEvent): boolean {
  if (!('range' in change)) return false;
  const { start, end } = change.range;
  if (start.line !== end.line || start.character !== end.character) return false;
  return doc.offsetAt(start) === doc.getText().length;
}
