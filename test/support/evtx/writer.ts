import { crc32 } from '../../../server/src/core/evtx/bytes';
import { ascii, concat, fileTime, guidBytes, le, sidBytes, T, utf16le } from './encode';
import type { XElement } from './xml';

/**
 * An EVTX writer for tests: events as element trees become records of 64 KiB chunks, each event a
 * template instance whose template (names, attributes, structure) is written once per chunk and
 * referred to by offset afterwards, its values typed substitutions; names likewise. Chunk and file
 * headers carry real CRC-32s, so files are what Windows writes as far as any reader can tell.
 */

/** A value written as a substitution of the given type (array types: `T.array | type`). */
export interface Typed { readonly type: number; readonly bytes: Uint8Array }
/** Text written into the template itself (a BinXML value token), not as a substitution. */
export interface Literal { readonly literal: string }
/** An element written as nested BinXML: a substitution of type BinXml holding its own template instance. */
export interface Nested { readonly nested: WElement }
export type Content = string | Typed | Literal | Nested | WElement;
export interface WElement {
  readonly name: string;
  readonly attributes: readonly (readonly [string, Content])[];
  readonly children: readonly Content[];
}

export const typed = (type: number, bytes: Uint8Array): Typed => ({ type, bytes });
export const el = (name: string, attributes: readonly (readonly [string, Content])[] = [], children: readonly Content[] = []): WElement => ({ name, attributes, children });

const isElement = (c: Content): c is WElement => typeof c === 'object' && 'name' in c;

/** How wevtutil's System values are typed in real files; other text is a UTF-16 string. */
function typeOf(path: string, text: string): Content {
  const n = (type: number, size: number): Content => (/^\d+$/.test(text) ? typed(type, le(BigInt(text), size)) : text);
  switch (path) {
    case 'Provider@Guid': case 'Correlation@ActivityID': case 'Correlation@RelatedActivityID': {
      // Typed only as Windows renders a GUID (upper case); other spellings stay the text they are.
      const g = text === text.toUpperCase() ? guidBytes(text) : undefined;
      return g ? typed(T.guid, g) : text;
    }
    case 'EventID': case 'Task': case 'EventID@Qualifiers': return n(T.uint16, 2);
    case 'Version': case 'Level': case 'Opcode': return n(T.uint8, 1);
    case 'EventRecordID': return n(T.uint64, 8);
    case 'Execution@ProcessID': case 'Execution@ThreadID': return n(T.uint32, 4);
    case 'Keywords': return /^0x[0-9a-f]{1,16}$/i.test(text) ? typed(T.hexInt64, le(BigInt(text), 8)) : text;
    case 'TimeCreated@SystemTime': {
      const ft = fileTime(text);
      return ft === undefined ? text : typed(T.fileTime, le(ft, 8));
    }
    case 'Security@UserID': {
      const s = sidBytes(text);
      return s ? typed(T.sid, s) : text;
    }
    default: return text;
  }
}

/** A parsed Event XML element, typed as Windows types its System values; `UserData` nested as BinXML. */
export function fromXml(x: XElement): WElement {
  const walk = (e: XElement): WElement => {
    const attributes = e.attributes.map(([k, v]) => [k, k === 'xmlns' ? { literal: v } : typeOf(`${e.name}@${k}`, v)] as const);
    const children: Content[] = [];
    const texts = e.children.filter((c): c is string => typeof c === 'string').join('');
    const elements = e.children.filter((c): c is XElement => typeof c !== 'string');
    if (elements.length === 0 && texts.trim() !== '') children.push(typeOf(e.name, texts.trim()));
    for (const c of elements) children.push(walk(c));
    // Windows stores what UserData holds as BinXML of its own (a substitution of type BinXml).
    if (e.name === 'UserData') return el(e.name, attributes, children.map((c) => (isElement(c) ? { nested: c } : c)));
    return el(e.name, attributes, children);
  };
  return walk(x);
}

// ---- encoding -----------------------------------------------------------------------------------

const CHUNK = 0x10000;
const HEADER = 512;

/** Bytes being written at a known chunk offset, with the chunk's names and templates. */
class Out {
  readonly parts: number[] = [];
  constructor(readonly base: number, readonly names: Map<string, number>, readonly templates: Map<string, number>) {}
  get pos(): number { return this.base + this.parts.length; }
  bytes(b: Uint8Array | readonly number[]): void { for (const x of b) this.parts.push(x); }
  u8(n: number): void { this.parts.push(n & 0xff); }
  u16(n: number): void { this.bytes(le(n, 2)); }
  u32(n: number): void { this.bytes(le(n, 4)); }
  /** Reserves a 4-byte field; the returned function fills it with the bytes written since. */
  size32(): () => void {
    const at = this.parts.length;
    this.u32(0);
    return () => { const v = le(this.parts.length - at - 4, 4); for (let i = 0; i < 4; i++) this.parts[at + i] = v[i] ?? 0; };
  }
  name(s: string): void {
    const known = this.names.get(s);
    if (known !== undefined) { this.u32(known); return; }
    const at = this.pos + 4;
    this.u32(at);
    this.names.set(s, at);
    let hash = 0;
    for (let i = 0; i < s.length; i++) hash = (hash * 65599 + s.charCodeAt(i)) >>> 0;
    this.u32(0); this.u16(hash & 0xffff); this.u16(s.length); this.bytes(utf16le(s)); this.u16(0);
  }
}

/** The shape of a template: names and substitution types, so equal shapes share one definition. */
function shapeOf(e: WElement): string {
  const c = (x: Content): string => typeof x === 'string' ? 's' : 'literal' in x ? `l${x.literal}` : 'nested' in x ? 'n' : isElement(x) ? shapeOf(x) : `t${x.type}`;
  return `<${e.name}${e.attributes.map(([k, v]) => ` ${k}=${c(v)}`).join('')}>${e.children.map(c).join(',')}</>`;
}

/** Writes a template instance of `root` (its definition too when the chunk has none of its shape). */
function instance(out: Out, root: WElement): void {
  const values: Content[] = [];
  const shape = shapeOf(root);
  out.u8(0x0c); out.u8(0x01);
  let id = 0;
  for (let i = 0; i < shape.length; i++) id = (id * 31 + shape.charCodeAt(i)) >>> 0;
  out.u32(id);
  const known = out.templates.get(shape);
  const definition = known ?? out.pos + 4;
  out.u32(definition);
  if (known === undefined) {
    out.templates.set(shape, definition);
    out.u32(0); // next template in the table bucket
    out.bytes(le(BigInt(id) * 0x9e3779b97f4a7c15n, 16));
    const size = out.size32();
    out.bytes([0x0f, 0x01, 0x01, 0x00]);
    element(out, root, values, true);
    out.u8(0x00);
    size();
  } else collect(root, values);
  out.u32(values.length);
  const descriptors = out.parts.length;
  for (let i = 0; i < values.length; i++) out.u32(0);
  values.forEach((v, i) => {
    const from = out.parts.length;
    let type: number;
    if (typeof v === 'string') { type = T.string; out.bytes(utf16le(v)); }
    else if ('nested' in v) { type = T.binXml; out.bytes([0x0f, 0x01, 0x01, 0x00]); instance(out, v.nested); out.u8(0x00); }
    else if ('type' in v) { type = v.type; out.bytes(v.bytes); }
    else throw new Error('not a value');
    const d = [...le(out.parts.length - from, 2), type, 0];
    for (let k = 0; k < 4; k++) out.parts[descriptors + 4 * i + k] = d[k] ?? 0;
  });
}

/** The values of a template in the order `element` numbers its substitutions. */
function collect(e: WElement, values: Content[]): void {
  const one = (c: Content): void => { if (isElement(c)) collect(c, values); else if (typeof c === 'string' || !('literal' in c)) values.push(c); };
  for (const [, v] of e.attributes) one(v);
  for (const c of e.children) one(c);
}

function element(out: Out, e: WElement, values: Content[], inTemplate: boolean): void {
  const content = (c: Content): void => {
    if (isElement(c)) { element(out, c, values, inTemplate); return; }
    if (typeof c !== 'string' && 'literal' in c) { out.u8(0x05); out.u8(T.string); out.u16(c.literal.length); out.bytes(utf16le(c.literal)); return; }
    if (!inTemplate) {
      // Plain BinXML: a value token in place (a string with its length, other types by their fixed size).
      if (typeof c === 'string') { out.u8(0x05); out.u8(T.string); out.u16(c.length); out.bytes(utf16le(c)); return; }
      if ('type' in c) {
        // Fixed-size types carry no length in the token; a SID is written as its text, as those tools do.
        const text = c.type === T.sid ? sidText(c.bytes) : undefined;
        if (text === undefined) { out.u8(0x05); out.u8(c.type); out.bytes(c.bytes); return; }
        out.u8(0x05); out.u8(T.string); out.u16(text.length); out.bytes(utf16le(text)); return;
      }
      throw new Error('a plain record holds no nested BinXML');
    }
    const type = typeof c === 'string' ? T.string : 'nested' in c ? T.binXml : c.type;
    // Optional substitutions (0x0e) as Windows writes most; EventID as a normal one (0x0d), so both are read.
    out.u8(e.name === 'EventID' ? 0x0d : 0x0e); out.u16(values.length); out.u8(type);
    values.push(c);
  };
  out.u8(e.attributes.length > 0 ? 0x41 : 0x01);
  if (inTemplate) out.u16(0xffff); // dependency id
  const size = out.size32();
  out.name(e.name);
  if (e.attributes.length > 0) {
    const list = out.size32();
    e.attributes.forEach(([k, v], i) => {
      out.u8(i < e.attributes.length - 1 ? 0x46 : 0x06);
      out.name(k);
      content(v);
    });
    list();
  }
  if (e.children.length === 0) { out.u8(0x03); size(); return; }
  out.u8(0x02);
  for (const c of e.children) content(c);
  out.u8(0x04);
  size();
}

export interface WriteOptions {
  /** First record id (default 1). */
  readonly firstRecordId?: bigint;
  /** Leave the file header's chunk count at this (a dirty file copied from a live system). */
  readonly headerChunkCount?: number;
  /**
   * Write each record as plain BinXML, its values in place and no template, as some tools that
   * write .evtx files from Event XML do (libevtx and python-evtx cannot read those).
   */
  readonly plain?: boolean;
}

/** An .evtx file holding the events in order, as many 64 KiB chunks as they need. */
export function writeEvtx(events: readonly WElement[], options: WriteOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  let id = options.firstRecordId ?? 1n;
  let i = 0;
  while (i < events.length || chunks.length === 0) {
    const chunk = new Uint8Array(CHUNK);
    const names = new Map<string, number>();
    const templates = new Map<string, number>();
    let pos = HEADER;
    const first = id;
    let last = -1;
    for (; i < events.length; i++) {
      const event = events[i];
      if (!event) break;
      const record = recordBytes(event, id, pos, new Map(names), new Map(templates), options.plain ?? false);
      if (pos + record.bytes.length > CHUNK) {
        if (last < 0) throw new Error('event larger than a chunk');
        break;
      }
      chunk.set(record.bytes, pos);
      for (const [k, v] of record.names) names.set(k, v);
      for (const [k, v] of record.templates) templates.set(k, v);
      last = pos;
      pos += record.bytes.length;
      id++;
    }
    chunk.set(ascii('ElfChnk\0'), 0);
    chunk.set(le(first, 8), 8); chunk.set(le(id - 1n, 8), 16); chunk.set(le(first, 8), 24); chunk.set(le(id - 1n, 8), 32);
    chunk.set(le(128, 4), 40); chunk.set(le(Math.max(last, 0), 4), 44); chunk.set(le(pos, 4), 48);
    for (const [name, at] of names) chunk.set(le(at, 4), 128 + 4 * (nameHash(name) % 64));
    let t = 0;
    for (const at of templates.values()) chunk.set(le(at, 4), 384 + 4 * (t++ % 32));
    chunk.set(le(crc32(chunk, [[HEADER, pos]]), 4), 52);
    chunk.set(le(crc32(chunk, [[0, 120], [128, HEADER]]), 4), 124);
    chunks.push(chunk);
  }
  return concat([fileHeader(chunks.length, id, options.headerChunkCount), ...chunks]);
}

/** The 4 KiB file header for `chunks` chunks; `nextRecordId` is one past the last record's. */
export function fileHeader(chunks: number, nextRecordId: bigint, countedChunks = chunks): Uint8Array {
  const header = new Uint8Array(0x1000);
  header.set(ascii('ElfFile\0'), 0);
  header.set(le(0, 8), 8); header.set(le(chunks - 1, 8), 16); header.set(le(nextRecordId, 8), 24);
  header.set(le(128, 4), 32); header.set(le(2, 2), 36); header.set(le(3, 2), 38); header.set(le(0x1000, 2), 40);
  header.set(le(countedChunks, 2), 42);
  header.set(le(crc32(header, [[0, 120]]), 4), 124);
  return header;
}

function nameHash(s: string): number {
  let hash = 0;
  for (let i = 0; i < s.length; i++) hash = (hash * 65599 + s.charCodeAt(i)) >>> 0;
  return hash & 0xffff;
}

function recordBytes(event: WElement, id: bigint, pos: number, names: Map<string, number>, templates: Map<string, number>, plain: boolean): { bytes: Uint8Array; names: Map<string, number>; templates: Map<string, number> } {
  const out = new Out(pos, names, templates);
  out.bytes([0x2a, 0x2a, 0, 0]);
  const sizeAt = out.parts.length;
  out.u32(0);
  out.bytes(le(id, 8));
  out.bytes(le(timeOf(event) ?? 0n, 8));
  out.bytes([0x0f, 0x01, 0x01, 0x00]);
  if (plain) element(out, withRecordId(event, id), [], false);
  else instance(out, withRecordId(event, id));
  out.u8(0x00); // end of fragment
  const size = out.parts.length + 4;
  out.u32(size);
  const s = le(size, 4);
  for (let k = 0; k < 4; k++) out.parts[sizeAt + k] = s[k] ?? 0;
  return { bytes: Uint8Array.from(out.parts), names, templates };
}

/** `S-1-5-…` of SID bytes: revision, count, 48-bit big-endian authority, little-endian sub-authorities. */
function sidText(b: Uint8Array): string {
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (b[i] ?? 0);
  const subs = Array.from({ length: b[1] ?? 0 }, (_, i) => Number(fromLe(b.subarray(8 + 4 * i, 12 + 4 * i))));
  return [`S-${b[0] ?? 0}-${authority}`, ...subs].join('-');
}

function timeOf(e: WElement): bigint | undefined {
  const system = e.children.find((c): c is WElement => isElement(c) && c.name === 'System');
  const created = system?.children.find((c): c is WElement => isElement(c) && c.name === 'TimeCreated');
  const v = created?.attributes.find(([k]) => k === 'SystemTime')?.[1];
  return v && typeof v !== 'string' && 'type' in v && v.type === T.fileTime ? fromLe(v.bytes) : undefined;
}

function fromLe(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] ?? 0);
  return v;
}

/** The record's id goes into `EventRecordID` as Windows fills it in. */
function withRecordId(e: WElement, id: bigint): WElement {
  const fill = (x: WElement): WElement => x.name === 'EventRecordID'
    ? el(x.name, x.attributes, [typed(T.uint64, le(id, 8))])
    : el(x.name, x.attributes, x.children.map((c) => (isElement(c) ? fill(c) : c)));
  return fill(e);
}
