import { parseFragment, type ChunkContext, type Node } from './binxml';
import type { Program } from './compile';
import { escapeQuotes, escapeText } from './escape';
import { MAX_EVENT_CHARS, MAX_EVENT_NODES, renderNode, renderNodes, type Write } from './render';
import { attributeText, contentText, type Value } from './values';

/**
 * A record rendered by running its template's compiled program (`compile.ts`) over the record's
 * values. The tree renderer (`render.ts`) stays the reference: it renders what the programs leave
 * to it (an element repeated for an array value, BinXML outside any template), and when anything
 * goes wrong here (a limit crossed, a damaged nested fragment) the record is rendered again by it
 * from the start, so a damaged record reads exactly as before.
 */
export function renderRecord(ctx: ChunkContext, nodes: readonly Node[]): string {
  const tokens = ctx.tokens;
  try {
    return renderCompiled(ctx, nodes);
  } catch {
    ctx.tokens = tokens;
    return renderNodes(ctx, nodes, 0);
  }
}

/** The compiled path alone: throws where `renderRecord` hands over to the tree renderer. */
export function renderCompiled(ctx: ChunkContext, nodes: readonly Node[]): string {
  const out = new Out();
  runNodes(ctx, nodes, out, 0);
  return out.text();
}

/** Pieces of one event with the same bounds as the tree renderer; crossing one hands over to it. */
class Out {
  // One string grown by `+=`: V8 links the pieces and copies them once, when the text is first read.
  private out = '';
  private length = 0;
  visits = 0;
  private write_: Write | undefined;

  /** The same output as the tree renderer's `Write`, for the nodes left to it (made when first needed). */
  get asWrite(): Write {
    return this.write_ ??= Object.assign((s: string): void => { this.write(s); }, { visit: (): void => { this.visit(1); } });
  }

  write(s: string): void {
    this.length += s.length;
    if (this.length > MAX_EVENT_CHARS) throw new Error('event too large');
    this.out += s;
  }

  visit(n: number): void {
    this.visits += n;
    if (this.visits > MAX_EVENT_NODES) throw new Error('event too complex');
  }

  text(): string { return this.out; }
}

function runNodes(ctx: ChunkContext, nodes: readonly Node[], out: Out, depth: number): void {
  for (const node of nodes) {
    if (node.kind === 'instance') { out.visit(1); run(ctx, ctx.program(node.template), node.values, out, depth + 1); }
    else renderNode(ctx, node, { values: [] }, out.asWrite, depth);
  }
}

function run(ctx: ChunkContext, program: Program, values: readonly Value[], out: Out, depth: number): void {
  out.visit(program.visits);
  for (const op of program.ops) {
    if (typeof op === 'string') { out.write(op); continue; }
    switch (op.kind) {
      case 'slot': slot(ctx, values[op.index], out, depth); break;
      case 'attribute': {
        if (op.optionalOnly && op.parts.ops.every((p) => typeof p !== 'string' && p.kind === 'slot' && isAbsent(values[p.index]))) break;
        const v = op.slot === undefined ? undefined : values[op.slot];
        if (op.slot !== undefined && v?.kind !== 'binxml') {
          out.visit(op.parts.visits);
          const text = v === undefined || v.kind === 'null' ? '' : v.kind === 'text' ? attributeText(v) : escapeQuotes(escapeText(v.items.join(',')));
          out.write(` ${op.name}='${text}'`);
          break;
        }
        const value = new Out();
        value.visits = out.visits;
        run(ctx, op.parts, values, value, depth);
        out.visits = value.visits;
        out.write(` ${op.name}='${escapeQuotes(value.text())}'`);
        break;
      }
      case 'element':
        if (op.slots.some((i) => values[i]?.kind === 'array')) renderNode(ctx, op.node, { values }, out.asWrite, depth);
        else run(ctx, op.body, values, out, depth);
        break;
      case 'instance': out.visit(1); run(ctx, ctx.program(op.node.template), op.node.values, out, depth + 1); break;
    }
  }
}

function slot(ctx: ChunkContext, v: Value | undefined, out: Out, depth: number): void {
  if (!v) return;
  if (v.kind === 'text') out.write(contentText(v));
  else if (v.kind === 'array') out.write(escapeText(v.items.join(',')));
  else if (v.kind === 'binxml') {
    if (depth > 16) throw new Error('BinXML nested too deeply');
    runNodes(ctx, parseFragment(ctx, v.from, v.to, false, depth + 1).nodes, out, depth + 1);
  }
}

/** An optional value that is not there: its attribute is left out. */
function isAbsent(v: Value | undefined): boolean {
  return !v || v.kind === 'null' || (v.kind === 'text' && v.text === '');
}
