import { u16, u32, u8, utf16 } from './bytes';
import { compile, type Program } from './compile';
import { fixedSize, readValue, TYPE, type Value } from './values';

/**
 * BinXML, the token stream of an EVTX record, read into a small tree. Offsets are relative to the
 * chunk: names and template definitions are stored once per chunk and referred to by offset, so a
 * `ChunkContext` caches both. Templates hold substitution slots; a record is usually one template
 * instance (which template, and the values of its slots).
 */

export type Node =
  | { readonly kind: 'element'; readonly name: string; readonly attributes: Attribute[]; readonly children: Node[]; empty: boolean }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'cdata'; readonly text: string }
  | { readonly kind: 'charRef'; readonly code: number }
  | { readonly kind: 'entityRef'; readonly name: string }
  | { readonly kind: 'pi'; readonly target: string; data: string }
  | { readonly kind: 'substitution'; readonly index: number; readonly optional: boolean }
  | { readonly kind: 'instance'; readonly template: readonly Node[]; readonly values: readonly Value[] };

export interface Attribute { readonly name: string; readonly parts: Node[] }

/** A slot's last value and where its bytes are in the chunk. */
interface Remembered { readonly at: number; readonly size: number; readonly type: number; readonly value: Value }

export class BinXmlError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

/** Fragments nest through templates and BinXML values; deeper than this is a loop in a damaged file. */
const MAX_DEPTH = 16;
/** Tokens read for one record, templates included: bounds the work a crafted chunk can cause. */
const MAX_TOKENS = 100_000;

/** Per-chunk caches: names and parsed templates by their chunk offset. */
export class ChunkContext {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, readonly Node[] | BinXmlError>();
  private readonly programs = new Map<readonly Node[], Program>();
  private readonly reading = new Set<number>();
  /** Per template definition: the value each slot held in the last instance read (`slotValue`). */
  private readonly lastValues = new Map<number, (Remembered | undefined)[]>();
  tokens = 0;

  constructor(readonly chunk: Uint8Array) {}

  /** A name stored at `at`: next-offset (4), hash (2), character count (2), characters, NUL. */
  name(at: number): string {
    const cached = this.names.get(at);
    if (cached !== undefined) return cached;
    const count = u16(this.chunk, at + 6);
    if (count === undefined || at + 8 + count * 2 > this.chunk.length) throw new BinXmlError('name outside the chunk', at);
    const name = utf16(this.chunk, at + 8, count);
    this.names.set(at, name);
    return name;
  }

  /**
   * The value of `size` bytes of `type` at `at`, for slot `slot` of an instance of the template
   * defined at `definition`. Neighbouring events of one template repeat most of their values (the
   * computer, channel, provider, level, process): when the slot's bytes are those of the last
   * instance's, its value is taken again instead of read and formatted anew. Values are plain data,
   * so one may serve two records; a nested BinXML value is read where it is, never taken again.
   */
  slotValue(definition: number, slot: number, at: number, size: number, type: number): Value {
    let slots = this.lastValues.get(definition);
    if (!slots) { slots = []; this.lastValues.set(definition, slots); }
    const last = slots[slot];
    const b = this.chunk;
    if (last !== undefined && last.size === size && last.type === type) {
      let same = true;
      for (let i = 0; same && i < size; i++) same = b[last.at + i] === b[at + i];
      if (same) return last.value;
    }
    const value = readValue(b, at, size, type);
    slots[slot] = value.kind === 'binxml' ? undefined : { at, size, type, value };
    return value;
  }

  /** A parsed template compiled for rendering, once per chunk (`compile.ts`). */
  program(template: readonly Node[]): Program {
    let p = this.programs.get(template);
    if (!p) { p = compile(template); this.programs.set(template, p); }
    return p;
  }

  /** The template defined at `at`: next-offset (4), GUID (16), data size (4), then its BinXML. */
  template(at: number, depth: number): readonly Node[] {
    const cached = this.templates.get(at);
    if (cached instanceof BinXmlError) throw cached;
    if (cached) return cached;
    const size = u32(this.chunk, at + 20);
    if (size === undefined || at + 24 + size > this.chunk.length) {
      const e = new BinXmlError('template definition outside the chunk', at);
      this.templates.set(at, e);
      throw e;
    }
    // Marked while it is read, so a template that refers to itself stops at once. (A Set, not an
    // error stored in advance: an Error records a stack trace, paid for every template of a chunk.)
    if (this.reading.has(at)) throw new BinXmlError('template refers to itself', at);
    this.reading.add(at);
    try {
      const nodes = parseFragment(this, at + 24, at + 24 + size, true, depth + 1).nodes;
      this.templates.set(at, nodes);
      return nodes;
    } catch (e: unknown) {
      const error = e instanceof BinXmlError ? e : new BinXmlError(String(e), at);
      this.templates.set(at, error);
      throw error;
    } finally {
      this.reading.delete(at);
    }
  }
}

/**
 * Reads tokens from `from` up to `to` or an end-of-fragment token. `dependencyIds`: elements of a
 * template definition carry a 2-byte dependency id that elements outside templates do not.
 */
export function parseFragment(ctx: ChunkContext, from: number, to: number, dependencyIds: boolean, depth: number): { nodes: Node[]; end: number } {
  if (depth > MAX_DEPTH) throw new BinXmlError('BinXML nested too deeply', from);
  const b = ctx.chunk;
  const end = Math.min(to, b.length);
  const root: Node[] = [];
  const stack: Extract<Node, { kind: 'element' }>[] = [];
  let attribute: Attribute | undefined;
  let p = from;
  const need = (n: number): void => { if (p + n > end) throw new BinXmlError('BinXML token runs past its data', p); };
  const add = (node: Node): void => {
    if (attribute) attribute.parts.push(node);
    else (stack[stack.length - 1]?.children ?? root).push(node);
  };
  /** A name reference; when it points just past itself the name is stored inline and skipped. */
  const readName = (): string => {
    need(4);
    const at = u32(b, p) ?? 0;
    p += 4;
    const name = ctx.name(at);
    if (at === p) p += 8 + name.length * 2 + 2;
    return name;
  };
  while (p < end) {
    if (++ctx.tokens > MAX_TOKENS) throw new BinXmlError('too many BinXML tokens in one record', p);
    const token = b[p] ?? 0;
    const at = p;
    p++;
    switch (token) {
      case 0x00: return { nodes: root, end: p };
      case 0x0f: need(3); p += 3; break; // fragment header: version and flags
      case 0x01: case 0x41: {
        need((dependencyIds ? 2 : 0) + 4);
        p += (dependencyIds ? 2 : 0) + 4; // dependency id, data size
        const name = readName();
        if (token === 0x41) { need(4); p += 4; } // attribute list size
        attribute = undefined;
        const element: Node = { kind: 'element', name, attributes: [], children: [], empty: false };
        add(element);
        stack.push(element);
        break;
      }
      case 0x02: attribute = undefined; break; // close start tag: children follow
      case 0x03: { // close empty element
        attribute = undefined;
        const e = stack.pop();
        if (e) e.empty = true;
        break;
      }
      case 0x04: attribute = undefined; stack.pop(); break;
      case 0x05: case 0x45: {
        need(1);
        const type = b[p] ?? 0;
        p++;
        if (type === TYPE.string) {
          need(2);
          const count = u16(b, p) ?? 0;
          p += 2;
          need(count * 2);
          add({ kind: 'text', text: utf16(b, p, count) });
          p += count * 2;
        } else {
          const size = fixedSize(type);
          if (size === undefined) throw new BinXmlError(`value of type 0x${type.toString(16)} without a size`, at);
          need(size);
          const v = readValue(b, p, size, type);
          add({ kind: 'text', text: v.kind === 'text' ? v.text : '' });
          p += size;
        }
        break;
      }
      case 0x06: case 0x46: {
        const name = readName();
        const owner = stack[stack.length - 1];
        if (!owner) throw new BinXmlError('attribute outside an element', at);
        attribute = { name, parts: [] };
        owner.attributes.push(attribute);
        break;
      }
      case 0x07: case 0x47: case 0x0b: {
        need(2);
        const count = u16(b, p) ?? 0;
        p += 2;
        need(count * 2);
        const text = utf16(b, p, count);
        p += count * 2;
        if (token === 0x0b) {
          const last = (stack[stack.length - 1]?.children ?? root).at(-1);
          if (last?.kind === 'pi') last.data = text;
        } else add({ kind: 'cdata', text });
        break;
      }
      case 0x08: case 0x48: need(2); add({ kind: 'charRef', code: u16(b, p) ?? 0 }); p += 2; break;
      case 0x09: case 0x49: add({ kind: 'entityRef', name: readName() }); break;
      case 0x0a: add({ kind: 'pi', target: readName(), data: '' }); break;
      case 0x0c: add(readInstance(ctx, at, end, (q) => { p = q; }, depth)); break;
      case 0x0d: case 0x0e: {
        need(3);
        add({ kind: 'substitution', index: u16(b, p) ?? 0, optional: token === 0x0e });
        p += 3; // index, value type (the instance's own type is used)
        break;
      }
      default: throw new BinXmlError(`unknown BinXML token 0x${token.toString(16)}`, at);
    }
  }
  return { nodes: root, end: p };
}

/**
 * A template instance at `at`: 1 byte, template id (4), definition offset (4), the definition itself
 * when it is stored here for the first time, then the substitution count, a (size, type) descriptor
 * per value and the values.
 */
function readInstance(ctx: ChunkContext, at: number, end: number, moveTo: (p: number) => void, depth: number): Node {
  const b = ctx.chunk;
  let p = at + 10;
  if (p > end) throw new BinXmlError('template instance cut off', at);
  const definition = u32(b, at + 6) ?? 0;
  if (definition === p) {
    const size = u32(b, p + 20);
    if (size === undefined) throw new BinXmlError('template definition cut off', p);
    p += 24 + size;
  }
  const template = ctx.template(definition, depth);
  const count = u32(b, p);
  if (count === undefined || p + 4 + count * 4 > end) throw new BinXmlError('substitution descriptors run past the record', p);
  p += 4;
  // Descriptors (size, type, padding) first, then the values in the same order.
  const values: Value[] = new Array<Value>(count);
  let v = p + count * 4;
  for (let i = 0; i < count; i++) {
    const size = u16(b, p + 4 * i) ?? 0;
    if (v + size > end) throw new BinXmlError('substitution value runs past the record', v);
    values[i] = ctx.slotValue(definition, i, v, size, u8(b, p + 4 * i + 2) ?? 0);
    v += size;
  }
  p = v;
  moveTo(p);
  return { kind: 'instance', template, values };
}
