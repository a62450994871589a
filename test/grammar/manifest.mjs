// Checks that package.json contributes our three grammars consistently with syntaxes/:
// each scope is listed once, its path exists and declares that scopeName, and its language id is contributed.
// Prints "skipped" (exit 0) while package.json does not contribute any of them yet.
// Usage: node test/grammar/manifest.mjs   (from the repository root)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const expected = {
  'source.iis-w3c-log': { language: 'iis-w3c-log', file: 'syntaxes/iis-w3c-log.tmLanguage.json' },
  'source.ndesplugin-log': { language: 'ndesplugin-log', file: 'syntaxes/ndesplugin-log.tmLanguage.json' },
  'source.wcf-svclog': { language: 'wcf-svclog', file: 'syntaxes/wcf-svclog.tmLanguage.json' },
  'source.httperr-log': { language: 'httperr-log', file: 'syntaxes/httperr-log.tmLanguage.json' },
  'source.windows-event-log': { language: 'windows-event-log', file: 'syntaxes/windows-event-log.tmLanguage.json' },
  'source.setupmsi-log': { language: 'setupmsi-log', file: 'syntaxes/setupmsi-log.tmLanguage.json' },
  'source.cmtrace-log': { language: 'cmtrace-log', file: 'syntaxes/cmtrace-log.tmLanguage.json' },
  'source.device-log': { language: 'device-log', file: 'syntaxes/device-log.tmLanguage.json' },
  'source.ndes-lens-failures': { language: 'ndes-lens-failures', file: 'syntaxes/ndes-lens-failures.tmLanguage.json' },
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const grammars = pkg.contributes?.grammars ?? [];
const languages = new Set((pkg.contributes?.languages ?? []).map((l) => l.id));
const ours = grammars.filter((g) => g.scopeName in expected);
if (ours.length === 0) {
  console.log('manifest: skipped (package.json does not contribute the grammars yet)');
  process.exit(2);
}
const problems = [];
for (const [scope, want] of Object.entries(expected)) {
  const entries = grammars.filter((g) => g.scopeName === scope);
  if (entries.length !== 1) { problems.push(`${scope}: listed ${entries.length} times in contributes.grammars`); continue; }
  const [entry] = entries;
  if (entry.language !== want.language) problems.push(`${scope}: language is "${entry.language}", expected "${want.language}"`);
  if (!languages.has(entry.language)) problems.push(`${scope}: language "${entry.language}" is not in contributes.languages`);
  const file = resolve(entry.path ?? '');
  if (file !== resolve(want.file)) problems.push(`${scope}: path "${entry.path}" should point at ./${want.file}`);
  else if (!existsSync(file)) problems.push(`${scope}: ${entry.path} does not exist`);
  else if (JSON.parse(readFileSync(file, 'utf8')).scopeName !== scope) problems.push(`${scope}: ${entry.path} declares another scopeName`);
}
for (const p of problems) console.log(`manifest: ${p}`);
console.log(problems.length ? 'manifest: FAILED' : 'manifest: package.json contributes all grammars consistently');
process.exit(problems.length ? 1 : 0);
