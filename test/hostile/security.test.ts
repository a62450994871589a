import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { hover } from '../../server/src/core/hover';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { validate } from '../../server/src/core/analysis';
import { createRedactor } from '../../server/src/core/redact';
import { cli, tempDir } from '../cli/run';
import { assertInertMarkdown, outsideCodeSpans } from '../fuzz/markdown';
import { StdioLspClient } from '../lsp/client';

/**
 * Log text is data: it is never executed, and whatever renders it (hover Markdown, reports) keeps
 * it inert. Redaction leaves no original identifying value behind, also for adversarial spellings.
 */
const PAYLOAD = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![](http://evil.example/p.png) <http://evil.example/a> '
  + 'www.evil.example `code` ``` <script>alert(2)</script> <!-- c --> &lt;b&gt; **bold** _i_ | a | [ref]: http://evil.example';

const LOGS: readonly { fileName: string; languageId: string; text: string }[] = [
  { fileName: 'NDESPlugin.log', languageId: 'ndesplugin-log', text: `Verify challenge returns false ${PAYLOAD}\r\nFailed to send http request /CertificateRegistrationSvc/${PAYLOAD}. Error 12175 0x800B0109 ${PAYLOAD}\r\n` },
  { fileName: 'u_ex240305.log', languageId: 'iis-w3c-log', text: `#Software: Microsoft Internet Information Services 10.0\r\n2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest ${PAYLOAD.replace(/ /g, '+')} 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31\r\n` },
  { fileName: 'a.svclog', languageId: 'wcf-svclog', text: `<E2ETraceEvent><System><Source Name="CertificateRegistrationPoint" /></System><ApplicationData>VerifyRequest Finished with status False ${PAYLOAD.replace(/&/g, '&amp;').replace(/</g, '&lt;')} &lt;img src=x onerror=alert(3)&gt; 0x80070005</ApplicationData></E2ETraceEvent>\r\n` },
  { fileName: 'ticket.txt', languageId: 'plaintext', text: `${PAYLOAD}\nVerify challenge returns false ${PAYLOAD} 0x800B0109 403.16\n` },
];

function hoversOf(text: string, fileName: string): string[] {
  const model = parseDocument(text, { fileName });
  const findings = validate(model);
  const lines = LineIndex.of(text);
  const out: string[] = [];
  for (let offset = 0; offset <= text.length; offset += 7) {
    const h = hover(model, findings, offset, (o) => lines.positionAt(o));
    if (h && typeof h.contents === 'object' && 'value' in h.contents) out.push(h.contents.value);
  }
  return out;
}

for (const log of LOGS) {
  test(`security (core hover): ${log.fileName} with HTML and Markdown tricks renders inert`, () => {
    const hovers = hoversOf(log.text, log.fileName);
    assert.ok(hovers.length > 0, 'the lines have findings or codes to hover');
    for (const md of hovers) {
      assertInertMarkdown(md, log.fileName);
      assert.ok(!outsideCodeSpans(md).includes('evil.example'), `log text escaped a code span: ${md}`);
      assert.ok(!/onerror|<script/i.test(outsideCodeSpans(md)), 'no HTML from the log outside code spans');
    }
  });
}

test('security (core): nothing in a log is ever run', () => {
  const g = globalThis as { __pwned?: number };
  const text = '${globalThis.__pwned = 1} `${globalThis.__pwned = 2}` {{constructor.constructor("globalThis.__pwned=3")()}} Verify challenge returns false {request} {0}\n';
  for (const fileName of ['NDESPlugin.log', 'u_ex1.log', 'a.svclog', 'x.txt']) {
    validate(parseDocument(text, { fileName }));
    hoversOf(text, fileName);
  }
  assert.equal(g.__pwned, undefined);
});

/** Drops fenced code blocks (a fence of n ≥ 3 backticks closes only on the same fence). */
function outsideFences(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const open = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && open !== undefined) { fence = open; continue; }
    if (fence !== undefined) { if (line.trim() === fence) fence = undefined; continue; }
    out.push(line);
  }
  return out.join('\n');
}

let client: StdioLspClient;
before(async () => { client = new StdioLspClient({ showSuccessMarkers: true }); await client.initialize(); });
after(async () => { await client.stop(); });

test('security (lsp): hover markdown from the stdio server is inert', async () => {
  let checked = 0;
  for (const [i, log] of LOGS.entries()) {
    const uri = `file:///security/${i}/${log.fileName}`;
    const diagnostics = await client.open(uri, log.languageId, log.text);
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) {
      assert.ok(!/onerror|evil\.example/.test(d.message), `a diagnostic message carries log text: ${d.message}`);
      for (const position of [d.range.start, d.range.end]) {
        const h = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        if (!h || typeof h.contents !== 'object' || !('value' in h.contents)) continue;
        assertInertMarkdown(h.contents.value, uri);
        assert.ok(!outsideCodeSpans(h.contents.value).includes('evil.example'));
        checked++;
      }
    }
    await client.close(uri);
  }
  assert.ok(checked > 0);
});

test('security (cli report): Markdown and HTML hand-offs keep log text inert', () => {
  const t = tempDir();
  try {
    const logs = join(t.dir, 'logs');
    mkdirSync(logs, { recursive: true });
    for (const log of LOGS) writeFileSync(join(logs, log.fileName), log.text);
    for (const [name, args] of [['r.html', ['--no-redact']], ['r.md', ['--no-redact']], ['redacted.html', []]] as const) {
      const out = join(t.dir, name);
      const run = cli(['report', logs, '--out', out, ...args]);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const body = readFileSync(out, 'utf8');
      if (name.endsWith('.html')) {
        const raw = /<img|<script|<!-- c|href="(?:javascript:|http:\/\/evil)|src="?http:\/\/evil/i.exec(body);
        assert.ok(!raw, `${name}: raw HTML from the log: ${raw ? body.slice(raw.index - 40, raw.index + 60) : ''}`);
      } else {
        assertInertMarkdown(outsideFences(body), name);
      }
    }
  } finally { t.done(); }
});

/** Adversarial spellings of identifying values, each of which must be gone after redaction. */
const ADVERSARIAL: readonly { line: string; secrets: readonly string[] }[] = [
  { line: 'user alice+tag@contoso.com and Alice.Smith@CONTOSO.COM logged on', secrets: ['alice+tag', 'alice.smith', 'contoso'] },
  { line: 'UPN=bob.o\'neil@fabrikam-corp.co.uk; next', secrets: ['fabrikam-corp'] },
  { line: 'GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=MIIKpQYJKoZIhvcNAQcC%2Bsecret 443', secrets: ['MIIKpQYJKoZIhvcNAQcC'] },
  { line: 'challenge=Zm9vYmFyQ2hhbGxlbmdl&x=1 ChallengePassword: S3cr3t-Pa55 challenge_password = hunter2', secrets: ['Zm9vYmFyQ2hhbGxlbmdl', 'S3cr3t-Pa55', 'hunter2'] },
  { line: 'connect to https://NDES01.corp.contoso.com:443/certsrv and \\\\FILESRV02\\share\\x', secrets: ['ndes01', 'corp.contoso', 'filesrv02'] },
  { line: 'peer 10.44.12.7:443 from 192.168.50.10, via ::ffff:10.1.2.3 and 2a01:111:f400:7::25 and [fe80::1%13]', secrets: ['10.44.12.7', '192.168.50.10', '10.1.2.3', '2a01:111:f400:7::25'] },
  { line: '<Computer>NDESSRV07</Computer><Data>ndes.fabrikam.local</Data>', secrets: ['ndessrv07', 'fabrikam'] },
  { line: 'device 8C1F4A2E-5B7D-4E3A-9F10-2D6C8B4A7E91 and {3f2a9b7c-1d4e-4f5a-8b6c-0e9d7a5b3c21}', secrets: ['8c1f4a2e', '3f2a9b7c'] },
];

for (const a of ADVERSARIAL) {
  test(`security (redact): nothing of "${a.line.slice(0, 40)}…" survives`, () => {
    const out = createRedactor().file().redact(a.line + '\r\n').toLowerCase();
    for (const s of a.secrets) assert.ok(!out.includes(s.toLowerCase()), `${s} survived: ${out}`);
  });
}
