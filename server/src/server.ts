import {
  CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind, TextDocuments,
  type CancellationToken, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  codeActions, detectFormat, hover, parseDocument, toDiagnostics, validate, SNIFF_CHARS,
  type Finding, type LogModel,
} from './core';
import {
  CONFIGURATION_SECTION, DEFAULT_SETTINGS, FORMAT_DETECTED_NOTIFICATION, GENERIC_LANGUAGE_IDS,
  type FormatDetectedParams, type ServerSettings,
} from './protocol';
import { normaliseSettings } from './settings';

/** Parsed model and findings of one document version: parse once, every handler reads it. */
interface Analysis {
  readonly version: number;
  readonly model: LogModel;
  readonly findings: readonly Finding[];
}

const CHANGE_DEBOUNCE_MS = 150;

/**
 * The LSP adapter: capabilities and handler shims. Each handler gets the document, takes the
 * cached analysis and asks the core; nothing here knows a rule.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Analysis>();
  const timers = new Map<string, NodeJS.Timeout>();
  const announced = new Set<string>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let pullConfiguration = false;
  /** Settings the client holds are read before the first diagnostics are published. */
  let settingsReady: Promise<void> = Promise.resolve();

  const runSafe = <T>(name: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e: unknown) {
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };

  const analyse = (doc: TextDocument): Analysis => {
    const cached = cache.get(doc.uri);
    if (cached?.version === doc.version) return cached;
    const model = parseDocument(doc.getText(), { languageId: doc.languageId, fileName: doc.uri });
    const findings = validate(model, { rules: settings.rules });
    const analysis: Analysis = { version: doc.version, model, findings };
    cache.set(doc.uri, analysis);
    return analysis;
  };

  const publish = (doc: TextDocument): void => {
    runSafe('validation', undefined, () => {
      const { findings } = analyse(doc);
      const diagnostics = toDiagnostics(findings, (o) => doc.positionAt(o), {
        showSuccessMarkers: settings.showSuccessMarkers,
        maxNumberOfProblems: settings.maxNumberOfProblems,
      });
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    });
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
      if (current) publish(current);
    }, delay));
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
    cache.clear();
    for (const doc of documents.all()) publish(doc);
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const initial: unknown = params.initializationOptions;
    if (typeof initial === 'object' && initial !== null && 'settings' in initial) {
      settings = normaliseSettings(initial.settings);
    }
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
  });

  connection.onDidChangeConfiguration((change) => {
    if (!pullConfiguration) {
      const raw: unknown = change.settings;
      settings = normaliseSettings(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[CONFIGURATION_SECTION] : undefined);
    }
    void refreshSettings();
  });

  documents.onDidOpen((e) => {
    runSafe('format detection', undefined, () => { announceFormat(e.document); });
    void settingsReady.then(() => { const doc = documents.get(e.document.uri); if (doc) publish(doc); });
  });
  documents.onDidChangeContent((e) => { schedule(e.document, CHANGE_DEBOUNCE_MS); });
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    announced.delete(e.document.uri);
    const pending = timers.get(e.document.uri);
    if (pending) clearTimeout(pending);
    timers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params, token: CancellationToken) => runSafe('hover', null, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return null;
    const { model, findings } = analyse(doc);
    return hover(model, findings, doc.offsetAt(params.position), (o) => doc.positionAt(o));
  }));

  connection.onCodeAction((params) => runSafe('code actions', [], () => codeActions(params.context.diagnostics)));

  documents.listen(connection);
  connection.listen();
}

