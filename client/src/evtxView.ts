import * as vscode from 'vscode';
import { EVTX_REQUEST, EVTX_SCHEME, EVTX_VIEW_TYPE, LANGUAGE_IDS, type EvtxParams, type EvtxResult } from '../../server/src/protocol';
import type { ClientReady } from './languageClient';

/**
 * Binary Windows event logs (.evtx) open as a read-only document of their events: the Event XML
 * `wevtutil qe /f:xml` writes, rendered by the server, under `ndes-lens-evtx:` with the file's path.
 * Being a text document of the event log language, it gets what every log gets: highlighting,
 * diagnostics, hover, quick fixes, outline. The custom editor is only the way in: VS Code will not
 * open a binary file as text, so opening an .evtx opens its events document in its place.
 */
class EvtxEvents implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: ClientReady) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const params: EvtxParams = { uri: uri.toString() };
    return (await (await this.client).sendRequest<EvtxResult>(EVTX_REQUEST, params)).text;
  }
}

class EvtxEditor implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.html = `<p>Opening the events of ${escapeHtml(document.uri.fsPath)}…</p>`;
    try {
      await openEvents(document.uri, panel.viewColumn);
      panel.dispose();
    } catch (e: unknown) {
      panel.webview.html = `<p>NDES Lens could not read ${escapeHtml(document.uri.fsPath)}: ${escapeHtml(e instanceof Error ? e.message : String(e))}</p>`;
    }
  }
}

/** The events document of an .evtx file (its `file:` URI). */
function eventsUri(file: vscode.Uri): vscode.Uri {
  return file.with({ scheme: EVTX_SCHEME });
}

async function openEvents(file: vscode.Uri, column: vscode.ViewColumn | undefined): Promise<vscode.TextEditor> {
  const opened = await vscode.workspace.openTextDocument(eventsUri(file));
  const doc = opened.languageId === LANGUAGE_IDS.events ? opened : await vscode.languages.setTextDocumentLanguage(opened, LANGUAGE_IDS.events);
  return vscode.window.showTextDocument(doc, { preview: false, ...(column !== undefined ? { viewColumn: column } : {}) });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * VS Code guesses `xml` for the events (they start with `<?xml`); they are an event log, and get its
 * language whichever way they were opened (the custom editor, a problem, a link).
 */
function asEventLog(doc: vscode.TextDocument): void {
  if (doc.uri.scheme === EVTX_SCHEME && doc.languageId !== LANGUAGE_IDS.events) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_IDS.events);
}

export function registerEvtxView(context: vscode.ExtensionContext, client: ClientReady): void {
  for (const doc of vscode.workspace.textDocuments) asEventLog(doc);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(asEventLog),
    vscode.workspace.registerTextDocumentContentProvider(EVTX_SCHEME, new EvtxEvents(client)),
    vscode.window.registerCustomEditorProvider(EVTX_VIEW_TYPE, new EvtxEditor(), { supportsMultipleEditorsPerDocument: true }),
  );
}
