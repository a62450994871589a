// Helpers for the extension-host e2e suite. Everything waits on VS Code events with a deadline;
// nothing sleeps or polls.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ndes-lens.ndes-lens';
export const SOURCE = 'ndes-lens';

export const IIS_LOG = 'u_ex240305.log';
export const PLUGIN_LOG = 'NDESPlugin.log';
export const SVCLOG = 'CertificateRegistrationPoint_03_05.svclog';

/** Rule ids published as Information only while `ndesLens.showSuccessMarkers` is true. */
export const SUCCESS_CODES: readonly string[] = ['NDES-PLUGIN-SUCCESS', 'NDES-PLUGIN-VERIFY-SENT', 'NDES-IIS-MSCEP-OK'];

/** Default deadline for anything the language server has to compute. */
export const DEADLINE_MS = 30_000;

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open a workspace folder (a copy of samples/ plus test/e2e/fixtures/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openInEditor(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  return doc;
}

export interface Listening<T> {
  /** Settles with the first accepted event, or rejects at the deadline. */
  readonly result: Promise<T>;
  /** Stops listening; `result` then never settles (use when the event is no longer needed). */
  dispose(): void;
}

/**
 * Listens for the first event for which `accept` returns true; rejects after `timeoutMs` with
 * `describe()` in the message so a failure says what was there instead.
 */
export function listenFor<T>(
  event: vscode.Event<T>,
  accept: (e: T) => boolean,
  what: string,
  describe: () => string = () => '',
  timeoutMs = DEADLINE_MS,
): Listening<T> {
  let stop = (): void => undefined;
  const result = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const now = describe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${now ? `; ${now}` : ''}`));
    }, timeoutMs);
    const subscription = event((e) => {
      if (!accept(e)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(e);
    });
    stop = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  });
  return { result, dispose: () => { stop(); } };
}

export function waitForEvent<T>(
  event: vscode.Event<T>,
  accept: (e: T) => boolean,
  what: string,
  describe: () => string = () => '',
  timeoutMs = DEADLINE_MS,
): Promise<T> {
  return listenFor(event, accept, what, describe, timeoutMs).result;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function codesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => codeOf(d) ?? '(no code)');
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no diagnostics';
  return diagnostics
    .map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d) ?? '(no code)'} line ${d.range.start.line + 1} [${d.source ?? 'no source'}]`)
    .join(', ');
}

/**
 * Waits until the diagnostics of `uri` satisfy `accept`: checks the current set first, then every
 * `onDidChangeDiagnostics` that names the document.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri);
  // No await between this check and the subscription below, so no event can slip in between.
  if (accept(current())) return Promise.resolve(current());
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    (e) => e.uris.some((u) => u.toString() === key) && accept(current()),
    `${what} in ${basename(uri)}`,
    () => `diagnostics now: ${describeDiagnostics(current())}`,
    timeoutMs,
  ).then(() => current());
}

/** Waits until every code in `codes` is present among the diagnostics of `uri`. */
export function waitForCodes(uri: vscode.Uri, codes: readonly string[], timeoutMs = DEADLINE_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    (ds) => codes.every((c) => ds.some((d) => codeOf(d) === c)),
    `diagnostics ${codes.join(', ')}`,
    timeoutMs,
  );
}

export function findByCode(diagnostics: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.find((d) => codeOf(d) === code);
  assert.ok(found, `expected a diagnostic with code ${code}; got ${describeDiagnostics(diagnostics)}`);
  return found;
}

/** 0-based number of the first line of `doc` containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  assert.fail(`${basename(doc.uri)} has no line containing ${JSON.stringify(needle)}`);
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    // MarkdownString, or the deprecated { language, value } MarkedString: both carry `value`.
    .map((c) => (typeof c === 'string' ? c : (c as { readonly value: string }).value))
    .join('\n');
}

export interface ActionEntry {
  readonly title: string;
  readonly command: vscode.Command | undefined;
}

/** Flattens what `vscode.executeCodeActionProvider` returns (Commands or CodeActions). */
export function actionEntries(items: readonly (vscode.Command | vscode.CodeAction)[]): ActionEntry[] {
  return items.map((item) => {
    if (isCommand(item)) return { title: item.title, command: item };
    return { title: item.title, command: item.command };
  });
}

function isCommand(item: vscode.Command | vscode.CodeAction): item is vscode.Command {
  return typeof (item as { command?: unknown }).command === 'string';
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<ActionEntry[]> {
  const items = await vscode.commands.executeCommand<(vscode.Command | vscode.CodeAction)[] | undefined>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
  );
  return actionEntries(items ?? []);
}

export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

export function describeTabs(): string {
  return `open tabs: ${allTabs().map((t) => JSON.stringify(t.label)).join(', ') || 'none'}`;
}
