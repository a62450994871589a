/**
 * A small XML reader for tests: Event XML as wevtutil, evtxexport or a catalogue sample writes it,
 * into a tree the EVTX writer encodes and the cross-checks compare. Entities are the five XML ones
 * and numeric references; no DTD, no namespaces beyond keeping `xmlns` as an attribute.
 */

export interface XElement {
  readonly name: string;
  readonly attributes: (readonly [string, string])[];
  readonly children: (XElement | string)[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10)) : ENTITIES[e] ?? '');
}

/** Every top-level `<Event>` element of a text (an `<Events>` document, or events one after another). */
export function parseEvents(text: string): XElement[] {
  const out: XElement[] = [];
  const re = /<Event[\s>]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const { element, end } = parseElement(text, m.index);
    out.push(element);
    re.lastIndex = end;
  }
  return out;
}

export function parseXml(text: string): XElement {
  const at = text.search(/<[A-Za-z]/);
  if (at < 0) throw new Error('no element');
  return parseElement(text, at).element;
}

function parseElement(text: string, from: number): { element: XElement; end: number } {
  const open = /^<([\w:.-]+)/.exec(text.slice(from, from + 200));
  if (!open?.[1]) throw new Error(`no element at ${from}`);
  const name = open[1];
  let p = from + open[0].length;
  const attributes: [string, string][] = [];
  // evtxexport leaves quotes inside attribute values unescaped: a quote ends the value only where
  // another attribute or the end of the tag follows.
  const attr = /\s*([\w:.-]+)\s*=\s*(?:"((?:[^"]|"(?!\s+[\w:.-]+=|\s*\/?>))*)"|'([^']*)')/y;
  for (;;) {
    attr.lastIndex = p;
    const m = attr.exec(text);
    if (!m) break;
    attributes.push([m[1] ?? '', decodeEntities(m[2] ?? m[3] ?? '')]);
    p = attr.lastIndex;
  }
  while (/\s/.test(text.charAt(p))) p++;
  if (text.startsWith('/>', p)) return { element: { name, attributes, children: [] }, end: p + 2 };
  if (text.charAt(p) !== '>') throw new Error(`bad start tag ${name} at ${p}`);
  p++;
  const children: (XElement | string)[] = [];
  for (;;) {
    const lt = text.indexOf('<', p);
    if (lt < 0) throw new Error(`unclosed ${name}`);
    if (lt > p) children.push(decodeEntities(text.slice(p, lt)));
    if (text.startsWith('</', lt)) {
      const close = text.indexOf('>', lt);
      return { element: { name, attributes, children }, end: close + 1 };
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt);
      children.push(text.slice(lt + 9, close));
      p = close + 3;
      continue;
    }
    if (text.startsWith('<!--', lt)) { p = text.indexOf('-->', lt) + 3; continue; }
    const child = parseElement(text, lt);
    children.push(child.element);
    p = child.end;
  }
}

/**
 * One line per element and value, for comparing readers: blanks between tags and around text
 * dropped, times cut to 7 decimals (wevtutil writes 7, evtxexport 9), hex numbers without leading
 * zeros (evtxexport pads them to their width, wevtutil does not), attribute order kept.
 */
export function canonical(e: XElement, path = ''): string[] {
  const here = `${path}/${e.name}`;
  const lines: string[] = [];
  for (const [k, v] of e.attributes) lines.push(`${here}@${k}=${normalise(v)}`);
  const text = e.children.filter((c): c is string => typeof c === 'string').join('').trim();
  if (text !== '') lines.push(`${here}=${normalise(text)}`);
  for (const c of e.children) if (typeof c !== 'string') lines.push(...canonical(c, here));
  return lines;
}

function normalise(v: string): string {
  return v.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7})\d*Z$/, '$1Z').replace(/^0x0+(?=[0-9a-f])/i, '0x').replace(/\r\n/g, '\n');
}
