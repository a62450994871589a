import { BinXmlError, parseFragment, type ChunkContext, type Node } from './binxml';
import { escapeQuotes, escapeText } from './escape';
import type { Value } from './values';

/**
 * BinXML trees to Event XML as `wevtutil qe /f:xml` writes it: one line per event, attributes in
 * single quotes, empty elements self-closed, an array value repeating the element that holds it,
 * nested BinXML (`UserData`) rendered in place, attributes whose only content is an absent
 * optional substitution left out. Records are rendered by their templates' compiled programs
 * (`program.ts`); this tree walk is the reference they follow and fall back to.
 */

/** Characters rendered for one event at most: a crafted record cannot build a string without bound. */
export const MAX_EVENT_CHARS = 1024 * 1024;
/** Nodes visited for one event at most: templates instanced again and again cannot loop for long. */
export const MAX_EVENT_NODES = 200_000;

export interface Scope {
  readonly values: readonly Value[];
  /** While an element holding an array is repeated: which item each array substitution renders. */
  readonly item?: number;
}

export function renderNodes(ctx: ChunkContext, nodes: readonly Node[], depth: number): string {
  const out: string[] = [];
  let length = 0;
  let visits = 0;
  const write = (s: string): void => {
    length += s.length;
    if (length > MAX_EVENT_CHARS) throw new BinXmlError('event too large to render', 0);
    out.push(s);
  };
  write.visit = (): void => { if (++visits > MAX_EVENT_NODES) throw new BinXmlError('event too complex to render', 0); };
  renderList(ctx, nodes, { values: [] }, write, depth);
  return out.join('');
}

export interface Write { (s: string): void; readonly visit: () => void }

function renderList(ctx: ChunkContext, nodes: readonly Node[], scope: Scope, write: Write, depth: number): void {
  for (const node of nodes) renderNode(ctx, node, scope, write, depth);
}

export function renderNode(ctx: ChunkContext, node: Node, scope: Scope, write: Write, depth: number): void {
  write.visit();
  switch (node.kind) {
    case 'element': {
      const n = arrayLength(node, scope);
      if (n === undefined) renderElement(ctx, node, scope, write, depth);
      else for (let i = 0; i < n; i++) renderElement(ctx, node, { values: scope.values, item: i }, write, depth);
      return;
    }
    case 'text': write(escapeText(node.text)); return;
    case 'cdata': write(`<![CDATA[${node.text.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`); return;
    case 'charRef': write(`&#${node.code};`); return;
    case 'entityRef': write(/^[A-Za-z][\w.-]{0,40}$/.test(node.name) ? `&${node.name};` : ''); return;
    case 'pi': write(`<?${node.target} ${node.data}?>`); return;
    case 'instance': renderList(ctx, node.template, { values: node.values }, write, depth + 1); return;
    case 'substitution': {
      const v = scope.values[node.index];
      if (!v) return;
      if (v.kind === 'text') write(escapeText(v.text));
      else if (v.kind === 'array') write(escapeText(scope.item !== undefined ? v.items[scope.item] ?? '' : v.items.join(',')));
      else if (v.kind === 'binxml') {
        if (depth > 16) throw new BinXmlError('BinXML nested too deeply', v.from);
        const nested = parseFragment(ctx, v.from, v.to, false, depth + 1).nodes;
        renderList(ctx, nested, { values: [] }, write, depth + 1);
      }
      return;
    }
  }
}

/** How often an element repeats: the item count of an array among its direct children, if any. */
function arrayLength(node: Extract<Node, { kind: 'element' }>, scope: Scope): number | undefined {
  if (scope.item !== undefined) return undefined;
  for (const c of node.children) {
    if (c.kind !== 'substitution') continue;
    const v = scope.values[c.index];
    if (v?.kind === 'array') return v.items.length;
  }
  return undefined;
}

function renderElement(ctx: ChunkContext, node: Extract<Node, { kind: 'element' }>, scope: Scope, write: Write, depth: number): void {
  write(`<${node.name}`);
  for (const a of node.attributes) {
    if (isAbsent(a.parts, scope)) continue;
    const parts: string[] = [];
    let size = 0;
    const collect = Object.assign((s: string): void => {
      size += s.length;
      if (size > MAX_EVENT_CHARS) throw new BinXmlError('event too large to render', 0);
      parts.push(s);
    }, { visit: write.visit });
    renderList(ctx, a.parts, scope, collect, depth);
    write(` ${a.name}='${escapeQuotes(parts.join(''))}'`);
  }
  if (node.empty || node.children.length === 0) { write('/>'); return; }
  write('>');
  renderList(ctx, node.children, scope, write, depth);
  write(`</${node.name}>`);
}

/** An attribute made only of optional substitutions without a value is not written at all. */
function isAbsent(parts: readonly Node[], scope: Scope): boolean {
  if (parts.length === 0) return false;
  return parts.every((p) => {
    if (p.kind !== 'substitution' || !p.optional) return false;
    const v = scope.values[p.index];
    return !v || v.kind === 'null' || (v.kind === 'text' && v.text === '');
  });
}
