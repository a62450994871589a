import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from '../support/paths';

/**
 * A real protocol client for the bundled server (dist/server.js --stdio), as any editor would
 * start it. Waits for diagnostics on `textDocument/publishDiagnostics`, never on timers.
 */
export class StdioLspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; version: number | undefined; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = '';
  flowChanges = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private settings: Record<string, unknown> = {}) {
    this.child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', (b: Buffer) => { this.stderr += b.toString(); });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (const l of [...this.listeners]) l();
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.onNotification('ndesLens/flowChanged', () => { this.flowChanges++; });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('ndesLens/formatDetected', () => undefined);
    this.connection.listen();
  }

  async initialize(folderUri?: string): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid, rootUri: folderUri ?? null, workspaceFolders: folderUri ? [{ uri: folderUri, name: 'logs' }] : null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } } },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ndesLens: settings } });
  }

  /** Opens a document and resolves with the first diagnostics published for this version. */
  async open(uri: string, languageId: string, text: string, version = 1): Promise<Diagnostic[]> {
    const done = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return done;
  }

  /** The latest diagnostics published for a URI (opened or not). */
  published(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri)?.diagnostics;
  }

  /** Resolves once a condition on everything published so far holds, re-checked on each publish. */
  until(check: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (check()) { resolve(); return; }
      // jsonrpc keeps one handler per method, so listeners hang off the one publishDiagnostics handler.
      const listener = (): void => {
        if (!check()) return;
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  nextDiagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve) => { this.waiters.push({ uri, version, resolve }); });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
