import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { cli, tempDir } from './run';

interface FlowJson {
  version: number;
  stages: { stage: number; name: string; status: string; evidence: { path: string; line: number; ruleId: string }[]; fixRuleIds: string[] }[];
  firstFailure: { stage: number; ruleId: string; path: string; line: number } | null;
  verdict: string;
  gaps: { kind: string; message: string }[];
  clockOffsets: unknown[];
}

test('diagnose --format json: the FlowResult, version 1, first failure with path and line', () => {
  const r = cli(['diagnose', 'samples', '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const flow = JSON.parse(r.stdout) as FlowJson;
  assert.equal(flow.version, 1);
  assert.deepEqual(flow.stages.map((s) => s.stage), [1, 2, 3, 4, 5, 6]);
  assert.ok(flow.firstFailure);
  assert.ok(flow.firstFailure.path.startsWith('samples/'));
  assert.ok(flow.firstFailure.line >= 1);
  assert.ok(flow.verdict.length > 0);
});

test('diagnose text: stage table with marks, verdict, first failure at path:line, gaps', () => {
  const r = cli(['diagnose', 'test/golden/seeds/pm-verify-false']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /✖ 3 /);
  assert.match(r.stdout, /^Verdict: /m);
  assert.match(r.stdout, /First failure: stage 3 .* NDES-PLUGIN-VERIFY-FALSE at test\/golden\/seeds\/pm-verify-false\/NDESPlugin\.log:3/);
  assert.match(r.stdout, /^Gaps:/m);
  const ok = cli(['diagnose', 'test/golden/seeds/pm-ca-success']);
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /✔ 2 /);
});

const XSS = '<img src=x onerror=alert(1)>';

function xssFolder(dir: string): string {
  const folder = join(dir, 'logs');
  mkdirSync(folder);
  copyFileSync(join(REPO_ROOT, 'test/cli/fixtures/sensitive/u_ex240306.log'), join(folder, 'u_ex240306.log'));
  const plugin = readFileSync(join(REPO_ROOT, 'test/cli/fixtures/sensitive/NDESPlugin.log'), 'utf8')
    .replace('Verify challenge returns false', `Verify challenge returns false ${XSS} </pre><script>alert(2)</script>`);
  writeFileSync(join(folder, 'NDESPlugin.log'), plugin);
  return folder;
}

test('report --out report.html: escapes all log content, redacted, with verdict, evidence, codes and fixes', () => {
  const t = tempDir();
  try {
    const folder = xssFolder(t.dir);
    const out = join(t.dir, 'report.html');
    const r = cli(['report', folder, '--out', out]);
    assert.equal(r.status, 1, r.stderr);
    const html = readFileSync(out, 'utf8');
    assert.ok(!html.includes('<img'), 'raw <img> in HTML');
    assert.ok(!html.includes('<script'), 'raw <script> in HTML');
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'), 'escaped log line present');
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /<h2>Verdict<\/h2>/);
    assert.match(html, /NDES-IIS-CRP-403-16/);
    assert.match(html, /CERT_E_UNTRUSTEDROOT/);
    assert.match(html, /<a href="https:\/\/learn\.microsoft\.com\//);
    for (const value of ['NDESSRV07', 'fabrikam', 'bob.jones', '172.16.9.201']) assert.ok(!html.toLowerCase().includes(value.toLowerCase()), value);
    for (const href of html.match(/href="[^"]*"/g) ?? []) assert.match(href, /^href="https:\/\//);
  } finally { t.done(); }
});

test('report --out report.md: Markdown hand-off, redacted unless --no-redact', () => {
  const t = tempDir();
  try {
    const folder = xssFolder(t.dir);
    const md = join(t.dir, 'report.md');
    assert.equal(cli(['report', folder, '--out', md]).status, 1);
    const text = readFileSync(md, 'utf8');
    assert.match(text, /^## Verdict$/m);
    assert.match(text, /\*\*First failure:\*\* stage \d/);
    assert.match(text, /^```text$/m);
    assert.match(text, /\[.+\]\(https:\/\/learn\.microsoft\.com\//);
    assert.ok(!text.includes('fabrikam'));
    let inFence = false;
    for (const line of text.split('\n')) {
      if (/^`{3,}/.test(line)) inFence = !inFence;
      else if (line.includes('<img')) assert.ok(inFence, `log HTML outside a code block: ${line}`);
    }
    assert.ok(text.includes(XSS), 'the failing line is quoted, inside its code block');
    const raw = join(t.dir, 'raw.md');
    assert.equal(cli(['report', folder, '--out', raw, '--no-redact']).status, 1);
    const rawText = readFileSync(raw, 'utf8');
    assert.ok(rawText.includes('fabrikam') || rawText.includes('NDESSRV07'));
  } finally { t.done(); }
});
