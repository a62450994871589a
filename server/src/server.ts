import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind,
  TextDocuments, type CancellationToken, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, detectFormat, hover, SNIFF_CHARS, type FlowResult } from './core';
import {
  CONFIGURATION_SECTION, DEFAULT_SETTINGS, DIAGNOSE_FOLDER_REQUEST, FLOW_CHANGED_NOTIFICATION, FLOW_REQUEST,
  FORMAT_DETECTED_NOTIFICATION, GENERIC_LANGUAGE_IDS, type DiagnoseFolderResult, type FlowChangedParams, type FormatDetectedParams, type ServerSettings,
} from './protocol';
import { normaliseSettings } from './settings';
import { pathOf, Workspace, type Entry } from './workspace';

const CHANGE_DEBOUNCE_MS = 150;
const FLOW_DEBOUNCE_MS = 300;

/**
 * The LSP adapter: capabilities and handler shims. Each handler asks the workspace for the cached
 * analysis and the core for the answer; nothing here knows a rule.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const workspace = new Workspace(() => settings);
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

  const entryOf = (doc: TextDocument): Entry => workspace.setDocument(doc.uri, doc.languageId, doc.version, doc.getText());

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
        publishAll();
        const flow = workspace.flow();
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
    const detection = detectFormat({ text: doc.getText({ start: { line: 0, character: 0 }, end: doc.positionAt(SNIFF_CHARS) }), fileName: doc.uri });
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

  const refreshSettings = async (): Promise<void> => {
    if (pullConfiguration) {
      try {
        settings = normaliseSettings(await connection.workspace.getConfiguration(CONFIGURATION_SECTION));
      } catch (e: unknown) {
        connection.console.warn(`could not read settings, using defaults: ${String(e)}`);
        settings = DEFAULT_SETTINGS;
      }
    }
    workspace.revalidate();
    for (const doc of documents.all()) entryOf(doc);
    publishAll();
    scheduleFlow();
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
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
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
      watchers: [{ globPattern: '**/*.{log,svclog,txt,xml,csv}' }],
    }).catch(() => undefined);
    scanned = settingsReady.then(async () => {
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
      if (change.type === FileChangeType.Deleted) {
        workspace.removeFile(change.uri);
        if (!workspace.isOpen(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
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
  documents.onDidChangeContent((e) => { schedule(e.document, CHANGE_DEBOUNCE_MS); });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    workspace.closeDocument(uri);
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

  connection.onHover((params, token: CancellationToken) => runSafe('hover', null, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return null;
    const { model, findings } = entryOf(doc);
    return hover(model, findings, doc.offsetAt(params.position), (o) => doc.positionAt(o));
  }));

  connection.onCodeAction((params) => runSafe('code actions', [], () => codeActions(params.context.diagnostics)));

  connection.onRequest(FLOW_REQUEST, async (): Promise<FlowResult> => {
    await scanned;
    return workspace.flow();
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
      publishAll();
      const flow = workspace.flow();
      void connection.sendNotification(FLOW_CHANGED_NOTIFICATION, { verdict: flow.verdict, firstFailure: flow.firstFailure } satisfies FlowChangedParams);
      return { files, flow };
    } finally {
      progress.done();
      cancel.dispose();
      stop.dispose();
    }
  });

  documents.listen(connection);
  connection.listen();
}
