import type { Node } from './binxml';
import { escapeText } from './escape';

/**
 * A template compiled once per chunk into what `render.ts` would write for it: static text (tags,
 * names, constant attributes, all already escaped) merged into single strings, and ops where an
 * instance's values go. A chunk's records mostly share a handful of templates, so the tree walk,
 * the tag building and the attribute checks are paid once per template, not once per record.
 *
 * Only what depends on the values stays an op: a value; an attribute that vanishes when all its
 * parts are absent optional values; an element that repeats once per item of an array value; a
 * nested template instance. Each program also counts the nodes the tree renderer would visit for
 * its static part, so the compiled path keeps the same limits.
 */
export type Op =
  | string
  | { readonly kind: 'slot'; readonly index: number }
  | { readonly kind: 'attribute'; readonly name: string; readonly parts: Program; readonly optionalOnly: boolean; readonly slot: number | undefined }
  | { readonly kind: 'element'; readonly node: ElementNode; readonly slots: readonly number[]; readonly body: Program }
  | { readonly kind: 'instance'; readonly node: Extract<Node, { kind: 'instance' }> };

export interface Program {
  readonly ops: readonly Op[];
  /** Nodes the tree renderer visits for the static ops of this list (not those inside other ops). */
  readonly visits: number;
}

export type ElementNode = Extract<Node, { kind: 'element' }>;

export function compile(nodes: readonly Node[]): Program {
  const b = new ProgramBuilder();
  for (const node of nodes) b.node(node);
  return b.done();
}

class ProgramBuilder {
  private readonly ops: Op[] = [];
  private text = '';
  private visits = 0;

  done(): Program {
    if (this.text !== '') this.ops.push(this.text);
    return { ops: this.ops, visits: this.visits };
  }

  private write(s: string): void { this.text += s; }

  private op(op: Op): void {
    if (this.text !== '') { this.ops.push(this.text); this.text = ''; }
    this.ops.push(op);
  }

  node(node: Node): void {
    switch (node.kind) {
      case 'element': {
        // An element holding a value directly repeats when the value is an array: decided per record.
        const slots = node.children.flatMap((c) => (c.kind === 'substitution' ? [c.index] : []));
        if (slots.length > 0) { this.op({ kind: 'element', node, slots, body: compileElement(node) }); return; }
        this.visits++;
        this.element(node);
        return;
      }
      case 'text': this.visits++; this.write(escapeText(node.text)); return;
      case 'cdata': this.visits++; this.write(`<![CDATA[${node.text.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`); return;
      case 'charRef': this.visits++; this.write(`&#${node.code};`); return;
      case 'entityRef': this.visits++; this.write(/^[A-Za-z][\w.-]{0,40}$/.test(node.name) ? `&${node.name};` : ''); return;
      case 'pi': this.visits++; this.write(`<?${node.target} ${node.data}?>`); return;
      case 'instance': this.op({ kind: 'instance', node }); return;
      case 'substitution': this.visits++; this.op({ kind: 'slot', index: node.index }); return;
    }
  }

  /** The element's tags, attributes and children, as `renderElement` writes them. */
  element(node: ElementNode): void {
    this.write(`<${node.name}`);
    for (const a of node.attributes) {
      const parts = compile(a.parts);
      const optionalOnly = a.parts.length > 0 && a.parts.every((p) => p.kind === 'substitution' && p.optional);
      if (parts.ops.every((op) => typeof op === 'string') && !optionalOnly) {
        // A constant attribute: its text is known now.
        this.visits += parts.visits;
        this.write(` ${a.name}='${parts.ops.join('').replace(/'/g, '&apos;')}'`);
      } else {
        // Most attributes are one value (`Name='%1'`): the renderer writes those without a sub-program.
        const only = parts.ops.length === 1 ? parts.ops[0] : undefined;
        const slot = only !== undefined && typeof only !== 'string' && only.kind === 'slot' ? only.index : undefined;
        this.op({ kind: 'attribute', name: a.name, parts, optionalOnly, slot });
      }
    }
    if (node.empty || node.children.length === 0) { this.write('/>'); return; }
    this.write('>');
    for (const c of node.children) this.node(c);
    this.write(`</${node.name}>`);
  }
}

/** An element as one program, its own visit included. */
function compileElement(node: ElementNode): Program {
  const b = new ProgramBuilder();
  b.element(node);
  const p = b.done();
  return { ops: p.ops, visits: p.visits + 1 };
}
