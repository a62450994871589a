import { noticeById, signatureById, type Signature } from './catalogue';
import { rulesWith } from './rules';
import { FORMAT_IDS, type FormatId, type Severity, type Stage } from './types';
import type { Catalogue } from './validate';

/**
 * Team signatures: a workspace file `.ndeslens.json` adds rules of the built-in catalogue's shape
 * (`id`, `formats`, `pattern`, `severity`, `message`, `fix`, `link`, …). Every entry is checked on
 * its own: a bad one is reported with its JSON path and offsets, the good ones still run.
 * Patterns are compiled safely: no invalid regex, no `g` / `y` flag, nothing `isSafePattern` rejects.
 */
export const TEAM_FILE_NAME = '.ndeslens.json';
export const TEAM_PROBLEM_ID = 'NDES-LENS-TEAM-SIGNATURE';
const MAX_TEAM_SIGNATURES = 200;
const MAX_PATTERN_CHARS = 500;

export interface TeamProblem {
  /** JSON path of the offending value, e.g. `$.signatures[2].pattern`. */
  readonly path: string;
  readonly message: string;
  readonly severity: Severity;
  /** Offsets of the value in the file. */
  readonly start: number;
  readonly end: number;
}

interface TeamSignatureSet {
  readonly signatures: readonly Signature[];
  readonly problems: readonly TeamProblem[];
}

/** The built-in catalogue plus team signatures: what `validate` runs. */
export function teamCatalogue(team: readonly Signature[]): Catalogue {
  return rulesWith(team).catalogue;
}

const ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;
const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u']);
const KNOWN = new Set(['id', 'title', 'kind', 'formats', 'pattern', 'flags', 'severity', 'stage', 'message', 'meaning', 'fix', 'link', 'samples']);
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function isReserved(id: string): boolean {
  return signatureById(id) !== undefined || noticeById(id) !== undefined;
}

/**
 * A further check of a compiled pattern (the adapter runs the recheck ReDoS checker here): returns a
 * message when the pattern must be rejected.
 */
type PatternCheck = (source: string, flags: string) => string | undefined;

export function parseTeamSignatures(text: string, checkPattern?: PatternCheck): TeamSignatureSet {
  const problems: TeamProblem[] = [];
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (e: unknown) {
    const at = e instanceof JsonError ? e.offset : 0;
    return { signatures: [], problems: [{ path: '$', message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`, severity: 'error', start: at, end: Math.min(text.length, at + 1) }] };
  }
  const fail = (path: string, node: JsonNode, message: string, severity: Severity = 'error'): void => {
    problems.push({ path, message, severity, start: node.start, end: node.end });
  };
  if (root.kind !== 'object') { fail('$', root, 'The file must hold an object: { "signatures": [ … ] }.'); return { signatures: [], problems }; }
  const list = prop(root, 'signatures');
  if (!list) { fail('$', root, 'Missing "signatures": an array of signature objects.'); return { signatures: [], problems }; }
  if (list.kind !== 'array') { fail('$.signatures', list, '"signatures" must be an array.'); return { signatures: [], problems }; }
  for (const p of root.props) if (p.key !== 'signatures' && p.key !== '$schema') fail(`$.${p.key}`, p.value, `Unknown property "${p.key}" (ignored).`, 'warning');

  const signatures: Signature[] = [];
  const seen = new Set<string>();
  list.items.forEach((item, i) => {
    const path = `$.signatures[${i}]`;
    if (i >= MAX_TEAM_SIGNATURES) { if (i === MAX_TEAM_SIGNATURES) fail(path, item, `Only the first ${MAX_TEAM_SIGNATURES} signatures are read.`, 'warning'); return; }
    const before = problems.length;
    const sig = readEntry(item, path, fail, seen, checkPattern);
    if (sig && !problems.slice(before).some((p) => p.severity === 'error')) { signatures.push(sig); seen.add(sig.id); }
  });
  return { signatures, problems };
}

type Fail = (path: string, node: JsonNode, message: string, severity?: Severity) => void;

function readEntry(node: JsonNode, path: string, fail: Fail, seen: ReadonlySet<string>, checkPattern?: PatternCheck): Signature | undefined {
  if (node.kind !== 'object') { fail(path, node, 'A signature must be an object.'); return undefined; }
  for (const p of node.props) if (!KNOWN.has(p.key)) fail(`${path}.${p.key}`, p.value, `Unknown property "${p.key}" (ignored).`, 'warning');
  const str = (key: string, required: boolean): string | undefined => {
    const v = prop(node, key);
    if (!v) { if (required) fail(path, node, `Missing "${key}".`); return undefined; }
    if (v.kind !== 'string' || v.value.trim() === '') { fail(`${path}.${key}`, v, `"${key}" must be a non-empty string.`); return undefined; }
    return v.value;
  };
  const id = str('id', true);
  if (id !== undefined) {
    const v = prop(node, 'id') ?? node;
    if (!ID.test(id)) fail(`${path}.id`, v, `"${id}" is not a rule id: upper-case words joined by "-", e.g. "TEAM-PROXY-TIMEOUT".`);
    else if (isReserved(id)) fail(`${path}.id`, v, `"${id}" is a built-in rule id; choose another (built-in rules are tuned with ndesLens.rules).`);
    else if (seen.has(id)) fail(`${path}.id`, v, `"${id}" is already defined above in this file.`);
  }
  const message = str('message', true);
  const severity = str('severity', true);
  if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) fail(`${path}.severity`, prop(node, 'severity') ?? node, '"severity" must be "error", "warning" or "info".');
  const formats = readFormats(node, path, fail);
  const re = readPattern(node, path, fail, checkPattern);
  const kindNode = prop(node, 'kind');
  if (kindNode && (kindNode.kind !== 'string' || (kindNode.value !== 'failure' && kindNode.value !== 'evidence'))) fail(`${path}.kind`, kindNode, '"kind" must be "failure" or "evidence".');
  const stageNode = prop(node, 'stage');
  if (stageNode && (stageNode.kind !== 'number' || !Number.isInteger(stageNode.value) || stageNode.value < 1 || stageNode.value > 6)) fail(`${path}.stage`, stageNode, '"stage" must be a SCEP stage from 1 to 6.');
  const fix = readStrings(node, 'fix', path, fail, true);
  const link = readLink(node, path, fail);
  const samples = readSamples(node, path, fail, re);
  const title = str('title', false);
  const meaning = str('meaning', false);
  if (id === undefined || message === undefined || severity === undefined || !formats || !re || !link || !samples) return undefined;
  return {
    id, title: title ?? id, kind: kindNode?.kind === 'string' && kindNode.value === 'evidence' ? 'evidence' : 'failure',
    severity: severity as Severity, stage: (stageNode?.kind === 'number' ? stageNode.value : 3) as Stage, formats,
    match: { patterns: [re] }, message, meaning: meaning ?? message, ...(fix ? { fix } : {}), link, samples, team: true,
  };
}

function readFormats(node: JsonObject, path: string, fail: Fail): FormatId[] | undefined {
  const v = prop(node, 'formats');
  if (!v) { fail(path, node, `Missing "formats": some of ${FORMAT_IDS.map((f) => `"${f}"`).join(', ')}.`); return undefined; }
  if (v.kind !== 'array' || v.items.length === 0) { fail(`${path}.formats`, v, '"formats" must be a non-empty array.'); return undefined; }
  const out: FormatId[] = [];
  v.items.forEach((f, i) => {
    if (f.kind === 'string' && (FORMAT_IDS as readonly string[]).includes(f.value)) out.push(f.value as FormatId);
    else fail(`${path}.formats[${i}]`, f, `Unknown format; use one of ${FORMAT_IDS.map((x) => `"${x}"`).join(', ')}.`);
  });
  return out.length === v.items.length ? out : undefined;
}

function readPattern(node: JsonObject, path: string, fail: Fail, checkPattern?: PatternCheck): RegExp | undefined {
  const v = prop(node, 'pattern');
  if (!v) { fail(path, node, 'Missing "pattern": a regular expression run on each record.'); return undefined; }
  if (v.kind !== 'string' || v.value === '') { fail(`${path}.pattern`, v, '"pattern" must be a non-empty string.'); return undefined; }
  const f = prop(node, 'flags');
  let flags = 'i';
  if (f) {
    if (f.kind !== 'string') { fail(`${path}.flags`, f, '"flags" must be a string such as "i".'); return undefined; }
    flags = f.value;
    for (const c of flags) {
      if (c === 'g' || c === 'y') { fail(`${path}.flags`, f, `Flag "${c}" is not allowed: a global or sticky regex keeps state between records. Remove it.`); return undefined; }
      if (!ALLOWED_FLAGS.has(c)) { fail(`${path}.flags`, f, `Flag "${c}" is not supported; use some of "i", "m", "s", "u".`); return undefined; }
    }
  }
  const compiled = compilePattern(v.value, flags);
  if (typeof compiled === 'string') { fail(`${path}.pattern`, v, compiled); return undefined; }
  const rejected = checkPattern?.(compiled.source, compiled.flags);
  if (rejected !== undefined) { fail(`${path}.pattern`, v, rejected); return undefined; }
  return compiled;
}

/** Compiles a team pattern, or says why it cannot be used. */
export function compilePattern(source: string, flags = 'i'): RegExp | string {
  if (source.length > MAX_PATTERN_CHARS) return `The pattern is longer than ${MAX_PATTERN_CHARS} characters.`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e: unknown) {
    return `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (re.global || re.sticky) return 'Global and sticky regular expressions are not allowed.';
  if (!isSafePattern(source)) return 'The pattern may take exponential time: a repeated group contains a repetition itself, as in (a+)+ or (\\w+\\s?)*. Rewrite it without the nested quantifier.';
  if (re.test('')) return 'The pattern matches empty text, so it would flag every record.';
  return re;
}

/**
 * Hook for the ReDoS check. Today a simple heuristic: rejects a quantified group (`*`, `+`, `{n,}`,
 * `{n,m}` with m > 1) that itself contains an unbounded quantifier, and backreferences.
 * A full check (the `recheck` package) can replace the body; callers only use this function.
 */
export function isSafePattern(source: string): boolean {
  const stack: boolean[] = [false]; // per open group: contains an unbounded quantifier
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return false; // backreference
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') { stack.push(false); continue; }
    if (c === ')') {
      const inner = stack.pop() ?? false;
      const q = quantifierAt(source, i + 1);
      if (q.repeats && inner) return false;
      const top = stack.length - 1;
      if (top < 0) return false; // unbalanced: RegExp would have thrown
      stack[top] = (stack[top] ?? false) || inner || q.unbounded;
      continue;
    }
    const q = quantifierAt(source, i);
    if (q.unbounded) stack[stack.length - 1] = true;
  }
  return true;
}

function quantifierAt(source: string, i: number): { repeats: boolean; unbounded: boolean } {
  const c = source[i];
  if (c === '*' || c === '+') return { repeats: true, unbounded: true };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (!m) return { repeats: false, unbounded: false };
    if (m[2] === undefined) return { repeats: Number(m[1]) > 1, unbounded: false };
    if (m[3] === '') return { repeats: true, unbounded: true };
    return { repeats: Number(m[3]) > 1, unbounded: Number(m[3]) > 16 };
  }
  return { repeats: false, unbounded: false };
}

function readStrings(node: JsonObject, key: string, path: string, fail: Fail, single: boolean): string[] | undefined {
  const v = prop(node, key);
  if (!v) return undefined;
  if (single && v.kind === 'string') return [v.value];
  if (v.kind !== 'array' || v.items.some((x) => x.kind !== 'string')) { fail(`${path}.${key}`, v, `"${key}" must be ${single ? 'a string or ' : ''}an array of strings.`); return undefined; }
  return v.items.map((x) => (x.kind === 'string' ? x.value : ''));
}

function readLink(node: JsonObject, path: string, fail: Fail): Signature['link'] | undefined {
  const v = prop(node, 'link');
  if (!v) return { title: '', url: '' };
  let url: string | undefined;
  let title = 'Team documentation';
  if (v.kind === 'string') url = v.value;
  else if (v.kind === 'object') {
    const u = prop(v, 'url');
    const t = prop(v, 'title');
    if (u?.kind === 'string') url = u.value;
    if (t?.kind === 'string') title = t.value;
  }
  if (url === undefined || !/^https:\/\/[^\s]+$/.test(url)) { fail(`${path}.link`, v, '"link" must be an https:// URL or { "title": …, "url": "https://…" }.'); return undefined; }
  return { title, url };
}

function readSamples(node: JsonObject, path: string, fail: Fail, re: RegExp | undefined): Signature['samples'] | undefined {
  const v = prop(node, 'samples');
  if (!v) return { positive: [], negative: [] };
  if (v.kind !== 'object') { fail(`${path}.samples`, v, '"samples" must be { "positive": [ … ], "negative": [ … ] }.'); return undefined; }
  const positive = readStrings(v, 'positive', `${path}.samples`, fail, false) ?? [];
  const negative = readStrings(v, 'negative', `${path}.samples`, fail, false) ?? [];
  const misses: string[] = [];
  if (re) {
    const check = (key: 'positive' | 'negative', lines: readonly string[], want: boolean): void => {
      const arr = prop(v, key);
      lines.forEach((line, i) => {
        if (re.test(line) === want) return;
        misses.push(line);
        const at = arr?.kind === 'array' ? arr.items[i] ?? v : v;
        fail(`${path}.samples.${key}[${i}]`, at, want ? 'The pattern does not match this positive sample.' : 'The pattern matches this negative sample.');
      });
    };
    check('positive', positive, true);
    check('negative', negative, false);
  }
  return misses.length === 0 ? { positive, negative } : undefined;
}

// ---------------------------------------------------------------------------------------------
// A small JSON reader that keeps offsets, for problems on the file itself
// ---------------------------------------------------------------------------------------------

interface JsonBase { readonly start: number; readonly end: number }
interface JsonObject extends JsonBase { readonly kind: 'object'; readonly props: readonly { readonly key: string; readonly value: JsonNode }[] }
type JsonNode =
  | JsonObject
  | (JsonBase & { readonly kind: 'array'; readonly items: readonly JsonNode[] })
  | (JsonBase & { readonly kind: 'string'; readonly value: string })
  | (JsonBase & { readonly kind: 'number'; readonly value: number })
  | (JsonBase & { readonly kind: 'boolean' | 'null' });

class JsonError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

function prop(node: JsonObject, key: string): JsonNode | undefined {
  for (let i = node.props.length - 1; i >= 0; i--) if (node.props[i]?.key === key) return node.props[i]?.value;
  return undefined;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 64;

function parseJson(text: string): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const ws = (): void => { while (i < text.length && /\s/.test(text[i] ?? '')) i++; };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonError('nested too deeply', i);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const props: { key: string; value: JsonNode }[] = [];
      ws();
      if (text[i] === '}') { i++; return { kind: 'object', start, end: i, props }; }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new JsonError('expected a property name in double quotes', i);
        const key = string();
        ws();
        if (text[i] !== ':') throw new JsonError('expected ":"', i);
        i++;
        props.push({ key: key.value, value: value(depth + 1) });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { kind: 'object', start, end: i, props }; }
        throw new JsonError('expected "," or "}"', i);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') { i++; return { kind: 'array', start, end: i, items }; }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { kind: 'array', start, end: i, items }; }
        throw new JsonError('expected "," or "]"', i);
      }
    }
    if (c === '"') return string();
    for (const [word, kind] of [['true', 'boolean'], ['false', 'boolean'], ['null', 'null']] as const) {
      if (text.startsWith(word, i)) { i += word.length; return { kind, start, end: i }; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) { i += m[0].length; return { kind: 'number', value: Number(m[0]), start, end: i }; }
    throw new JsonError(i >= text.length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`, i);
  };
  const string = (): JsonBase & { kind: 'string'; value: string } => {
    const start = i;
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) throw new JsonError('control character in a string', i);
    }
    if (i >= text.length) throw new JsonError('unterminated string', start);
    i++;
    try {
      return { kind: 'string', value: JSON.parse(text.slice(start, i)) as string, start, end: i };
    } catch {
      throw new JsonError('invalid escape in a string', start);
    }
  };
  const root = value(0);
  ws();
  if (i < text.length) throw new JsonError('unexpected text after the end of the JSON value', i);
  return root;
}
