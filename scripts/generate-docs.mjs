// Writes docs/rules.md and docs/guidance/<rule-id>.md from the catalogue (run `npm run docs`).
// Needs the compiled core (tsc -b). A unit test fails when the committed files are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = createRequire(import.meta.url);
const { CATALOGUE, NOTICES } = load(join(root, 'out/server/src/core/catalogue/index.js'));
const { guidanceDocument, noticeDocument, rulesTable } = load(join(root, 'out/server/src/core/guidance.js'));
const dir = join(root, 'docs/guidance');
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) if (name.endsWith('.md')) rmSync(join(dir, name));
for (const s of CATALOGUE) writeFileSync(join(dir, `${s.id}.md`), guidanceDocument(s));
for (const n of NOTICES) writeFileSync(join(dir, `${n.id}.md`), noticeDocument(n));
writeFileSync(join(root, 'docs/rules.md'), rulesTable(CATALOGUE, NOTICES));
console.log(`docs: ${CATALOGUE.length + NOTICES.length} guidance documents and docs/rules.md written`);
