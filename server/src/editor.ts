import { basename } from 'node:path';
import type { Connection, Hover, ServerCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hover } from './core/hover';
import { foldingRanges, MAX_FOLDING_RANGES } from './core/folding';
import { failuresView } from './core/navigation';
import { fieldHover, semanticTokens, SEMANTIC_TOKEN_LEGEND } from './core/semanticTokens';
import { documentSymbols } from './core/symbols';
import { FAILURES_REQUEST, type FailuresParams, type FailuresResult } from './protocol';
import { pathOf, type Entry, type Workspace } from './workspace';

/** The editor features' part of the server capabilities. */
export function editorCapabilities(): ServerCapabilities {
  return {
    documentSymbolProvider: { label: 'NDES Lens' },
    foldingRangeProvider: true,
    semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true },
  };
}

interface EditorDeps {
  readonly documents: { get(uri: string): TextDocument | undefined };
  readonly workspace: Workspace;
  readonly entryOf: (doc: TextDocument) => Entry;
  readonly runSafe: <T>(name: string, fallback: T, fn: () => T) => T;
  /** `rangeLimit` the client announced for folding ranges. */
  readonly foldingLimit: () => number | undefined;
}

/**
 * Outline, folding, W3C semantic tokens, the merged hover (findings with the workspace's rules, team
 * signatures included; codes; the W3C field) and the "Show only failures" request. Each handler reads the cached analysis.
 */
export function registerEditorFeatures(connection: Connection, deps: EditorDeps): void {
  const { documents, runSafe, entryOf } = deps;
  const open = (uri: string): { doc: TextDocument; entry: Entry } | undefined => {
    const doc = documents.get(uri);
    return doc ? { doc, entry: entryOf(doc) } : undefined;
  };

  connection.onDocumentSymbol((params) => runSafe('document symbols', [], () => {
    const o = open(params.textDocument.uri);
    return o ? documentSymbols(o.entry.model, o.entry.findings, (x) => o.doc.positionAt(x)) : [];
  }));

  connection.onFoldingRanges((params) => runSafe('folding ranges', [], () => {
    const o = open(params.textDocument.uri);
    return o ? foldingRanges(o.entry.model, (x) => o.doc.positionAt(x).line, Math.min(deps.foldingLimit() ?? MAX_FOLDING_RANGES, MAX_FOLDING_RANGES)) : [];
  }));

  connection.languages.semanticTokens.on((params) => runSafe('semantic tokens', { data: [] }, () => {
    const o = open(params.textDocument.uri);
    return { data: o ? semanticTokens(o.entry.model, (x) => o.doc.positionAt(x)) : [] };
  }));

  connection.languages.semanticTokens.onRange((params) => runSafe('semantic tokens (range)', { data: [] }, () => {
    const o = open(params.textDocument.uri);
    if (!o) return { data: [] };
    const range = { start: o.doc.offsetAt(params.range.start), end: o.doc.offsetAt(params.range.end) };
    return { data: semanticTokens(o.entry.model, (x) => o.doc.positionAt(x), range) };
  }));

  connection.onHover((params, token) => runSafe('hover', null, (): Hover | null => {
    const o = open(params.textDocument.uri);
    if (!o || token.isCancellationRequested) return null;
    const { model, findings } = o.entry;
    const offset = o.doc.offsetAt(params.position);
    const positionAt = (x: number): { line: number; character: number } => o.doc.positionAt(x);
    const base = hover(model, findings, offset, positionAt, deps.workspace.rules());
    const sections: string[] = [];
    if (base && typeof base.contents === 'object' && 'value' in base.contents) sections.push(base.contents.value);
    const field = fieldHover(model, offset);
    if (field) sections.push(field.markdown);
    if (sections.length === 0) return null;
    const result: Hover = { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
    if (base?.range) result.range = base.range;
    else if (field) result.range = { start: positionAt(field.start), end: positionAt(field.end) };
    return result;
  }));

  connection.onRequest(FAILURES_REQUEST, (params: FailuresParams): FailuresResult => runSafe('failures', { text: '', failures: 0, links: [] }, () => {
    const doc = documents.get(params.uri);
    const entry = doc ? entryOf(doc) : deps.workspace.get(params.uri);
    const name = basename(pathOf(params.uri));
    if (!entry) return { text: `NDES Lens has not read ${name}: open it first.\n`, failures: 0, links: [] };
    return failuresView(name, entry.model, entry.findings, entry.positionAt);
  }));
}
