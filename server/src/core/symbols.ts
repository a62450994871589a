import { SymbolKind, type DocumentSymbol, type Position } from 'vscode-languageserver-types';
import type { Finding, LogModel, LogRecord } from './types';
import { columnOf } from './records';
import { pluginCalls, type PluginCall } from './pluginCalls';

/**
 * The outline of a log: svclog records by ActivityID, event log events by provider, NDESPlugin VerifyRequest / Notify blocks
 * (`Calling …` to `Exiting …`, per thread), IIS `#Fields` sections with their requests by client
 * (`c-ip`) and URI (`cs-uri-stem`). One pass over the records; children and the whole tree are
 * capped so a 300 K-line log stays a usable outline (failing records are kept first when cut).
 */
interface SymbolOptions {
  /** Most records listed under one group. */
  readonly maxChildren?: number;
  /** Most symbols in the whole tree. */
  readonly maxSymbols?: number;
}

export const MAX_SYMBOL_CHILDREN = 100;
const MAX_SYMBOLS = 10_000;
const LABEL_CHARS = 80;

type PositionAt = (offset: number) => Position;

export function documentSymbols(model: LogModel, findings: readonly Finding[], positionAt: PositionAt, options: SymbolOptions = {}): DocumentSymbol[] {
  const ctx: Ctx = {
    model, positionAt, failures: failuresByRecord(findings),
    maxChildren: options.maxChildren ?? MAX_SYMBOL_CHILDREN, budget: options.maxSymbols ?? MAX_SYMBOLS,
  };
  switch (model.format) {
    case 'iis-w3c-log': return iisSymbols(ctx);
    case 'ndesplugin-log': return outlinedCalls(model).map((b) => blockSymbol(ctx, b)).filter((s): s is DocumentSymbol => s !== undefined);
    case 'wcf-svclog': return activitySymbols(ctx);
    case 'windows-event-log': return eventSymbols(ctx);
    default: return [];
  }
}

interface Ctx {
  readonly model: LogModel;
  readonly positionAt: PositionAt;
  /** Record index → first failing rule id on it. */
  readonly failures: ReadonlyMap<number, string>;
  readonly maxChildren: number;
  budget: number;
}

function failuresByRecord(findings: readonly Finding[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of findings) if (f.kind === 'failure' && f.record >= 0 && !out.has(f.record)) out.set(f.record, f.ruleId);
  return out;
}

// ---------------------------------------------------------------------------------------------
// NDESPlugin.log: Calling … Exiting blocks
// ---------------------------------------------------------------------------------------------

/** The calls the outline shows: those whose `Calling …` line is in this log. */
function outlinedCalls(model: LogModel): PluginCall[] {
  return pluginCalls(model).calls.filter((c) => c.calling !== undefined);
}

function blockSymbol(ctx: Ctx, block: PluginCall): DocumentSymbol | undefined {
  const first = ctx.model.records[block.records[0] ?? -1];
  const last = ctx.model.records[block.records[block.records.length - 1] ?? -1];
  if (!first || !last || ctx.budget <= 0) return undefined;
  ctx.budget--;
  const failed = block.records.map((i) => ctx.failures.get(i)).find((id) => id !== undefined);
  const detail = [block.thread ? `thread ${block.thread}` : undefined, failed ?? (block.exited ? 'ok' : block.end === 'open' ? 'in progress' : 'no Exiting line')].filter(Boolean).join(' · ');
  const time = first.time ? ` ${first.time.slice(11, 19)}` : '';
  return {
    name: `${block.name ?? 'call'}${time}`, detail, kind: SymbolKind.Function,
    range: span(ctx, first, last), selectionRange: span(ctx, first, first),
    children: recordChildren(ctx, block.records, pluginLabel),
  };
}

function pluginLabel(record: LogRecord): string {
  const text = record.text;
  const open = text.indexOf('<![LOG[');
  if (open !== -1) {
    const close = text.indexOf(']LOG]!>', open);
    return label(text.slice(open + 7, close === -1 ? undefined : close));
  }
  const sms = text.indexOf('$$<');
  return label(sms === -1 ? text : text.slice(0, sms));
}

// ---------------------------------------------------------------------------------------------
// svclog: records by ActivityID
// ---------------------------------------------------------------------------------------------

function activitySymbols(ctx: Ctx): DocumentSymbol[] {
  return groupSymbols(ctx, (r) => r.activityId ?? '', (key) => (key ? `Activity ${key}` : 'No ActivityID'), (r) => label(r.text));
}

/** Event log exports (a rendered .evtx among them): events by provider, each labelled by id, level and time. */
function eventSymbols(ctx: Ctx): DocumentSymbol[] {
  return groupSymbols(ctx, (r) => r.fields?.['provider'] ?? '', (key) => key || 'No provider', (r) => {
    const f = r.fields ?? {};
    return label([`Event ${f['eventId'] ?? '?'}`, f['level'], r.time].filter(Boolean).join(' · '));
  });
}

/** Entries grouped by a key, in order of first appearance; each group lists its records. */
function groupSymbols(ctx: Ctx, keyOf: (r: LogRecord) => string, nameOf: (key: string) => string, labelOf: (r: LogRecord) => string): DocumentSymbol[] {
  const groups = new Map<string, number[]>();
  ctx.model.records.forEach((r, i) => {
    if (r.kind !== 'entry') return;
    const key = keyOf(r);
    let g = groups.get(key);
    if (!g) { g = []; groups.set(key, g); }
    g.push(i);
  });
  const out: DocumentSymbol[] = [];
  for (const [key, indices] of groups) {
    if (ctx.budget <= 0) break;
    const first = ctx.model.records[indices[0] ?? -1];
    const last = ctx.model.records[indices[indices.length - 1] ?? -1];
    if (!first || !last) continue;
    ctx.budget--;
    const failed = indices.map((i) => ctx.failures.get(i)).find((id) => id !== undefined);
    out.push({
      name: nameOf(key),
      detail: [count(indices.length, 'record'), first.time ? first.time.slice(11, 19) : undefined, failed].filter(Boolean).join(' · '),
      kind: SymbolKind.Namespace,
      range: span(ctx, first, last), selectionRange: span(ctx, first, first),
      children: recordChildren(ctx, indices, labelOf),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IIS W3C: #Fields sections → clients → URIs → requests
// ---------------------------------------------------------------------------------------------

interface Section {
  readonly directives: number[];
  readonly clients: Map<string, Map<string, number[]>>;
  requests: number;
}

function iisSymbols(ctx: Ctx): DocumentSymbol[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let previousWasDirective = false;
  ctx.model.records.forEach((r, i) => {
    if (r.kind === 'directive') {
      if (!current || !previousWasDirective) { current = { directives: [], clients: new Map(), requests: 0 }; sections.push(current); }
      current.directives.push(i);
      previousWasDirective = true;
      return;
    }
    previousWasDirective = false;
    if (!current) { current = { directives: [], clients: new Map(), requests: 0 }; sections.push(current); }
    const client = columnOf(r, 'c-ip') ?? '(no c-ip)';
    const uri = columnOf(r, 'cs-uri-stem') ?? uriOf(r.text);
    let byUri = current.clients.get(client);
    if (!byUri) { byUri = new Map(); current.clients.set(client, byUri); }
    let list = byUri.get(uri);
    if (!list) { list = []; byUri.set(uri, list); }
    list.push(i);
    current.requests++;
  });
  const out: DocumentSymbol[] = [];
  for (const section of sections) {
    if (ctx.budget <= 0) break;
    const s = sectionSymbol(ctx, section);
    if (s) out.push(s);
  }
  return out;
}

function sectionSymbol(ctx: Ctx, section: Section): DocumentSymbol | undefined {
  const records = ctx.model.records;
  const firstIndex = section.directives[0] ?? firstRequest(section);
  const lastIndex = Math.max(section.directives[section.directives.length - 1] ?? -1, lastRequest(section));
  const first = records[firstIndex];
  const last = records[lastIndex];
  if (!first || !last) return undefined;
  ctx.budget--;
  const fieldsLine = section.directives.map((i) => records[i]?.text ?? '').find((t) => /^\s*#Fields:/i.test(t));
  const dateLine = section.directives.map((i) => records[i]?.text ?? '').find((t) => /^\s*#Date:/i.test(t));
  const columns = fieldsLine ? fieldsLine.replace(/^\s*#Fields:\s*/i, '').trim().split(/\s+/).length : 0;
  const children: DocumentSymbol[] = [];
  for (const [client, byUri] of section.clients) {
    if (ctx.budget <= 0) break;
    const c = clientSymbol(ctx, client, byUri);
    if (c) children.push(c);
  }
  return {
    name: fieldsLine ? `#Fields (${columns} columns)` : section.directives.length > 0 ? 'Header' : 'Requests (no #Fields header)',
    detail: [dateLine ? dateLine.replace(/^\s*#Date:\s*/i, '').trim() : undefined, count(section.requests, 'request'), count(section.clients.size, 'client')].filter(Boolean).join(' · '),
    kind: SymbolKind.Namespace,
    range: span(ctx, first, last), selectionRange: span(ctx, first, first), children,
  };
}

function clientSymbol(ctx: Ctx, client: string, byUri: ReadonlyMap<string, readonly number[]>): DocumentSymbol | undefined {
  let firstIndex = Infinity;
  let lastIndex = -1;
  let total = 0;
  let failed = 0;
  for (const l of byUri.values()) {
    firstIndex = Math.min(firstIndex, l[0] ?? Infinity);
    lastIndex = Math.max(lastIndex, l[l.length - 1] ?? -1);
    total += l.length;
    for (const i of l) if (ctx.failures.has(i)) failed++;
  }
  const first = ctx.model.records[firstIndex];
  const last = ctx.model.records[lastIndex];
  if (!first || !last) return undefined;
  ctx.budget--;
  const children: DocumentSymbol[] = [];
  for (const [uri, indices] of byUri) {
    if (ctx.budget <= 0) break;
    const a = ctx.model.records[indices[0] ?? -1];
    const b = ctx.model.records[indices[indices.length - 1] ?? -1];
    if (!a || !b) continue;
    ctx.budget--;
    const bad = indices.filter((i) => ctx.failures.has(i)).length;
    children.push({
      name: uri, detail: [count(indices.length, 'request'), bad ? `${bad} failed` : undefined].filter(Boolean).join(' · '),
      kind: SymbolKind.Method, range: span(ctx, a, b), selectionRange: span(ctx, a, a),
      children: recordChildren(ctx, indices, requestLabel, false),
    });
  }
  return {
    name: client, detail: [count(total, 'request'), failed ? `${failed} failed` : undefined].filter(Boolean).join(' · '),
    kind: SymbolKind.Module, range: span(ctx, first, last), selectionRange: span(ctx, first, first), children,
  };
}

function requestLabel(record: LogRecord): string {
  const f = record.fields;
  if (!f) return label(record.text);
  const status = record.http ? `${record.http.status}.${record.http.substatus}` : f['sc-status'] ?? '';
  return label([f['time'], f['cs-method'], status, f['sc-win32-status'] && f['sc-win32-status'] !== '0' ? f['sc-win32-status'] : undefined].filter(Boolean).join(' '));
}

const URI_STEM = /\s(\/\S*)/;
function uriOf(text: string): string {
  return URI_STEM.exec(text)?.[1] ?? '(no URI)';
}

function firstRequest(section: Section): number {
  let min = Infinity;
  for (const byUri of section.clients.values()) for (const l of byUri.values()) min = Math.min(min, l[0] ?? Infinity);
  return min;
}

function lastRequest(section: Section): number {
  let max = -1;
  for (const byUri of section.clients.values()) for (const l of byUri.values()) max = Math.max(max, l[l.length - 1] ?? -1);
  return max;
}

// ---------------------------------------------------------------------------------------------
// shared
// ---------------------------------------------------------------------------------------------

/** One symbol per record, at most `maxChildren`: failing records first when the list is cut. */
function recordChildren(ctx: Ctx, indices: readonly number[], name: (r: LogRecord) => string, showTime = true): DocumentSymbol[] {
  let chosen = indices;
  const room = Math.min(ctx.maxChildren, Math.max(0, ctx.budget));
  if (indices.length > room) {
    const failing = indices.filter((i) => ctx.failures.has(i));
    const picked = new Set(failing.slice(0, room));
    for (const i of indices) { if (picked.size >= room) break; picked.add(i); }
    chosen = [...picked].sort((a, b) => a - b);
  }
  const out: DocumentSymbol[] = [];
  for (const i of chosen) {
    const r = ctx.model.records[i];
    if (!r) continue;
    ctx.budget--;
    const failed = ctx.failures.get(i);
    const s: DocumentSymbol = { name: name(r) || '(empty)', kind: SymbolKind.Event, range: span(ctx, r, r), selectionRange: span(ctx, r, r) };
    if (failed) s.detail = failed;
    else if (showTime && r.time) s.detail = r.time.slice(11, 23);
    out.push(s);
  }
  return out;
}

function span(ctx: Ctx, first: LogRecord, last: LogRecord): { start: Position; end: Position } {
  return { start: ctx.positionAt(first.start), end: ctx.positionAt(Math.max(first.start, last.end)) };
}

function label(text: string): string {
  const clean = text.slice(0, LABEL_CHARS * 4).replace(/\s+/g, ' ').trim();
  return clean.length > LABEL_CHARS ? clean.slice(0, LABEL_CHARS - 1) + '…' : clean;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
