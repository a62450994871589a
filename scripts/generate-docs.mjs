// Writes docs/rules.md and docs/guidance/<rule-id>.md from the catalogue (run `npm run docs`).
// Needs the compiled core (tsc -b). A unit test fails when the committed files are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = createRequire(import.meta.url)(join(root, 'out/server/src/core/index.js'));
const dir = join(root, 'docs/guidance');
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) if (name.endsWith('.md')) rmSync(join(dir, name));
for (const s of core.CATALOGUE) writeFileSync(join(dir, `${s.id}.md`), core.guidanceDocument(s));
for (const n of core.NOTICES) writeFileSync(join(dir, `${n.id}.md`), core.noticeDocument(n));
writeFileSync(join(root, 'docs/rules.md'), core.rulesTable(core.CATALOGUE, core.NOTICES));
console.log(`docs: ${core.CATALOGUE.length + core.NOTICES.length} guidance documents and docs/rules.md written`);
