// Static checks on syntaxes/*.tmLanguage.json that the token tests cannot see:
//   - every regex compiles with vscode-oniguruma (also rules no test line reaches). vscode-oniguruma 1.7
//     does not throw for an invalid pattern; the scanner then matches the empty string wherever a search
//     starts. So a regex that matches empty at two arbitrary positions of a neutral probe is reported: it is
//     either invalid or able to match nothing anywhere, which is a grammar bug too.
//   - every scope in name/contentName ends with the language suffix, e.g. ".iis-w3c-log"
//   - every "#include" names an existing repository entry
//   - every scope the grammar can emit is asserted somewhere in test/grammar/<language-id>/ (coverage)
//   - no capture has "patterns": vscode-textmate re-scans a copy of the line up to each such capture,
//     which made long lines (a whole svclog on one line) quadratic; use a begin/end rule instead
// Usage: node test/grammar/lint.mjs   (from the repository root)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const oniguruma = require('vscode-oniguruma');
await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);

const grammars = ['iis-w3c-log', 'ndesplugin-log', 'wcf-svclog', 'httperr-log', 'windows-event-log', 'setupmsi-log', 'cmtrace-log', 'device-log', 'ndes-lens-failures'];
const PROBE = '\u0001\u0001\u0001';
let problems = 0;
const report = (lang, where, msg) => { problems++; console.log(`lint: ${lang}: ${where}: ${msg}`); };

for (const lang of grammars) {
  const file = `syntaxes/${lang}.tmLanguage.json`;
  const g = JSON.parse(readFileSync(file, 'utf8'));
  if (g.scopeName !== `source.${lang}`) report(lang, 'scopeName', `is ${g.scopeName}`);
  const repo = g.repository ?? {};
  let regexes = 0;
  const emitted = new Set();
  const walk = (node, where) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof node[key] !== 'string') continue;
      regexes++;
      try {
        const scanner = new oniguruma.OnigScanner([node[key]]);
        const emptyAt = (pos) => {
          const m = scanner.findNextMatchSync(PROBE, pos);
          return m !== null && m.captureIndices[0].start === pos && m.captureIndices[0].length === 0;
        };
        if (emptyAt(0) && emptyAt(1)) report(lang, `${where}.${key}`, `invalid, or matches the empty string anywhere: ${node[key]}`);
        scanner.dispose();
      } catch (e) {
        report(lang, `${where}.${key}`, `does not compile: ${e.message}`);
      }
    }
    for (const key of ['name', 'contentName']) {
      if (typeof node[key] !== 'string' || node === g) continue; // the root "name" is the display name
      for (const scope of node[key].split(/\s+/)) {
        emitted.add(scope);
        if (!scope.endsWith(`.${lang}`)) report(lang, `${where}.${key}`, `scope "${scope}" lacks the .${lang} suffix`);
      }
    }
    if (typeof node.include === 'string' && node.include.startsWith('#') && !(node.include.slice(1) in repo)) {
      report(lang, where, `include ${node.include} does not exist`);
    }
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      for (const [n, cap] of Object.entries(node[key] ?? {})) {
        if (cap.patterns) report(lang, `${where}.${key}.${n}`, 'capture with "patterns" (quadratic on long lines); use a begin/end rule');
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'object') walk(value, `${where}.${key}`);
    }
  };
  walk(g, lang);
  // coverage: scopes named on assertion lines ("// ^^^ scope" or "// <--- scope") of this format's test files
  const dir = `test/grammar/${lang}`;
  const asserted = new Set();
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(`${dir}/${f}`, 'utf8').split(/\r?\n/)) {
      if (/^\/\/\s*(\^|<~*-)/.test(line)) for (const w of line.split(/\s+/)) if (w.endsWith(`.${lang}`)) asserted.add(w);
    }
  }
  for (const scope of emitted) if (!asserted.has(scope)) report(lang, 'coverage', `${scope} is never asserted in ${dir}/`);
  console.log(`lint: ${file}: ${regexes} regexes, ${emitted.size} scopes (all asserted unless reported), ${Object.keys(repo).length} repository rules`);
}
console.log(problems ? `lint: ${problems} problem(s)` : 'lint: all grammars clean');
process.exit(problems ? 1 : 0);
