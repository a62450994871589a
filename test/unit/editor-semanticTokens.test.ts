import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { classifyValue, fieldHover, semanticTokens, SEMANTIC_TOKEN_LEGEND } from '../../server/src/core/semanticTokens';
import { fixturePath, REPO_ROOT } from '../support/paths';

const FIELDS = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const LINE = '2024-03-05 08:14:03 10.20.30.11 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.20.30.11 NDES_Plugin - 403 16 2148204809 31';

interface Token { line: number; character: number; text: string; type: string; modifiers: string[] }

function decode(text: string, data: readonly number[]): Token[] {
  const lines = text.split('\n');
  const out: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl = 0, dc = 0, len = 0, type = 0, mods = 0] = data.slice(i, i + 5);
    line += dl;
    character = dl === 0 ? character + dc : dc;
    out.push({
      line, character, text: (lines[line] ?? '').slice(character, character + len), type: SEMANTIC_TOKEN_LEGEND.tokenTypes[type] ?? '?',
      modifiers: SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((_, b) => (mods & (1 << b)) !== 0),
    });
  }
  return out;
}

function tokens(text: string, range?: { start: number; end: number }): Token[] {
  const lines = LineIndex.of(text);
  return decode(text, semanticTokens(parseDocument(text, { fileName: 'u_ex240305.log' }), (o) => lines.positionAt(o), range));
}

test('semantic tokens: each W3C value is typed by its #Fields column', () => {
  const t = tokens(`${FIELDS}\n${LINE}\n`);
  const byText = new Map(t.map((x) => [x.text, `${x.type}${x.modifiers.map((m) => '.' + m).join('')}`]));
  assert.equal(byText.get('POST'), 'keyword');
  assert.equal(byText.get('/CertificateRegistrationSvc/Certificate/VerifyRequest'), 'function.defaultLibrary');
  assert.equal(byText.get('NDES_Plugin'), 'string.defaultLibrary');
  assert.equal(byText.get('403'), 'regexp');
  assert.equal(byText.get('16'), 'regexp');
  assert.equal(byText.get('2148204809'), 'regexp');
  assert.equal(byText.get('31'), 'number');
  assert.equal(byText.get('443'), 'number');
  assert.ok(!byText.has('10.20.30.11') && !byText.has('-') && !byText.has('2024-03-05'), 'left to the grammar');
});

test('semantic tokens: the columns follow #Fields, not position (a reordered layout)', () => {
  const text = '#Fields: date time sc-status cs-uri-stem c-ip sc-substatus sc-win32-status cs(User-Agent)\n2024-03-05 08:00:00 200 /certsrv/mscep/mscep.dll 10.0.0.1 0 64 Dalvik/2.1.0\n';
  const t = tokens(text);
  assert.deepEqual(t.map((x) => [x.text, x.type]), [['200', 'enumMember'], ['/certsrv/mscep/mscep.dll', 'function'], ['0', 'number'], ['64', 'regexp'], ['Dalvik/2.1.0', 'string']]);
  assert.deepEqual(classifyValue('sc-status', '302'), { type: 'enumMember', modifiers: ['readonly'] });
});

test('semantic tokens: range requests return only the records in range; other formats none', () => {
  const text = `${FIELDS}\n${LINE}\n${LINE}\n${LINE}\n`;
  const second = text.indexOf(LINE) + LINE.length + 1;
  const t = tokens(text, { start: second, end: second + 10 });
  assert.ok(t.length > 0 && t.every((x) => x.line === 2), JSON.stringify(t));
  const plugin = readFileSync(fixturePath('..', 'samples', 'NDESPlugin.log'), 'utf8');
  const lines = LineIndex.of(plugin);
  assert.deepEqual(semanticTokens(parseDocument(plugin, { fileName: 'NDESPlugin.log' }), (o) => lines.positionAt(o)), []);
});

test('semantic tokens: package.json maps every legend type to a scope of the IIS grammar', () => {
  const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { contributes: { semanticTokenScopes: { language: string; scopes: Record<string, string[]> }[] } };
  const scopes = pkg.contributes.semanticTokenScopes.find((s) => s.language === 'iis-w3c-log')?.scopes ?? {};
  for (const type of SEMANTIC_TOKEN_LEGEND.tokenTypes) assert.ok(scopes[type], `no scope for ${type}`);
  for (const list of Object.values(scopes)) for (const scope of list) assert.match(scope, /\.iis-w3c-log$/);
});

function hoverAt(marked: string): string | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return fieldHover(parseDocument(text, { fileName: 'u_ex240305.log' }), offset)?.markdown;
}

test('field hover: names the column and decodes the value', () => {
  const at = (needle: string): string | undefined => {
    const i = LINE.indexOf(needle);
    return hoverAt(`${FIELDS}\n${LINE.slice(0, i + 1)}|${LINE.slice(i + 1)}\n`);
  };
  assert.match(at(' 2148204809') ?? '', /\*\*sc-win32-status\*\* \(W3C column 14 of 15\)[\s\S]*0x800B0109 CERT_E_UNTRUSTEDROOT/);
  assert.match(at(' 403 ') ?? '', /\*\*sc-status\*\*[\s\S]*`403\.16`/);
  assert.match(at('NDES_Plugin') ?? '', /cs\(User-Agent\)[\s\S]*policy module/);
  assert.match(at('/CertificateRegistrationSvc') ?? '', /Certificate Registration Point: the NDES policy module asks it to verify/);
  assert.match(at(' 31') ?? '', /31 ms/);
  assert.match(at('10.20.30.11 POST') ?? '', /\*\*s-ip\*\*/);
});

test('field hover: log text stays inside code spans; none outside W3C values or formats', () => {
  const md = hoverAt(`${FIELDS}\n2024-03-05 08:00:00 10.0.0.1 GET /a - 443 - 10.0.0.2 <img*src=x>**bold** - 200 0 0 1|5\n`);
  assert.ok(md);
  const ua = hoverAt(`${FIELDS}\n2024-03-05 08:00:00 10.0.0.1 GET /a - 443 - 10.0.0.2 <img*sr|c=x>\`x - 200 0 0 15\n`) ?? '';
  assert.ok(!/<img/.test(ua.replace(/`[^`]*`/g, '')), ua);
  assert.equal(hoverAt(`${FIELDS}\n|\n`), undefined);
  assert.equal(hoverAt('Verify challenge re|turns false'), undefined);
});
