import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRedactor, redactText } from '../../server/src/core/redact';
import { checkJson, cli, FIXTURE_FOLDERS, tempDir } from './run';
import { REPO_ROOT } from '../support/paths';

/** Every sensitive value planted in test/cli/fixtures/sensitive. */
const SENSITIVE = [
  'NDESSRV07', '10.44.12.7', 'ContosoIssuingCA', 'alice.smith', '172.16.9.201', 'ndes.fabrikam-corp.com', 'fabrikam',
  'MIIKpQYJKoZIhvcNAQcC', 'fe80::f53d:89b8:c3e8:5fec', 'svc-ndes', '8c1f4a2e-5b7d-4e3a-9f10-2d6c8b4a7e91',
  '3f2a9b7c-1d4e-4f5a-8b6c-0e9d7a5b3c21', 'bob.jones', 'Zm9vYmFyQ2hhbGxlbmdlU2VjcmV0', 'a7c3e5f1-2b4d-4c6e-8f0a-1b3d5f7a9c2e',
  'carol.white', '10.44.12.99', 'FILESRV02', 'ndes01', 'contoso', '192.168.50.10', '2a01:111:f400:7::25',
  'b2d4f6a8-1c3e-4a5b-9d7f-0e2c4a6b8d1f', 'dave.admin',
];

/** Findings reduced to what redaction must keep: file name, line, rule. */
function shape(folder: string): string[] {
  const { json } = checkJson([folder]);
  const rel = (p: string): string => p.slice(folder.length + 1);
  return [
    ...json.files.map((f) => `${rel(f.path)} ${f.format} ${f.lines}`),
    ...json.findings.map((f) => `${rel(f.path)}:${f.line} ${f.ruleId} ${f.severity}`),
    ...json.evidence.map((e) => `${rel(e.path)} ${e.ruleId} ×${e.count} ${e.firstLine}-${e.lastLine}`),
  ].sort();
}

test('redact: every fixture folder keeps its formats, lines and rule ids', () => {
  const t = tempDir();
  try {
    for (const folder of FIXTURE_FOLDERS) {
      const out = join(t.dir, folder.replace(/\W+/g, '-'));
      const run = cli(['redact', folder, out]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /redacted \d+ file\(s\)/);
      assert.deepEqual(shape(out), shape(folder), folder);
    }
  } finally { t.done(); }
});

test('redact: none of the planted values survive, and each value gets one token across files', () => {
  const t = tempDir();
  try {
    const out = join(t.dir, 'out');
    assert.equal(cli(['redact', 'test/cli/fixtures/sensitive', out]).status, 0);
    const files = readdirSync(out);
    assert.equal(files.length, readdirSync(join(REPO_ROOT, 'test/cli/fixtures/sensitive')).length);
    const all = files.map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    for (const value of SENSITIVE) assert.ok(!all.toLowerCase().includes(value.toLowerCase()), `${value} survived redaction`);
    // NDESSRV07 is an IIS column and a svclog <Computer>; the device GUID is in two files.
    const iis = readFileSync(join(out, 'u_ex240306.log'), 'utf8');
    const svclog = readFileSync(join(out, 'CertificateRegistrationPoint_03_06.svclog'), 'utf8');
    const plugin = readFileSync(join(out, 'NDESPlugin.log'), 'utf8');
    const computer = /<Computer>([^<]+)<\/Computer>/.exec(svclog)?.[1] ?? '';
    assert.match(computer, /^host-\d+$/);
    assert.ok(iis.includes(` W3SVC1 ${computer} `));
    const device = /device ([0-9a-f-]+)</.exec(svclog)?.[1] ?? '';
    assert.ok(plugin.includes(`Device ${device} `), device);
    // Shapes kept: IPv4 stays dotted quad, link-local IPv6 keeps its zone, payloads one token.
    assert.match(iis, / 192\.0\.2\.\d+ GET /);
    assert.match(iis, / fe80::[0-9a-f]+%13 POST /);
    assert.match(iis, /message=redacted-payload-\d+ 443/);
  } finally { t.done(); }
});

test('redact: a single file to a file, UTF-16 in, UTF-8 out', () => {
  const t = tempDir();
  try {
    const input = join(t.dir, 'NDESPlugin.log');
    const text = readFileSync(join(REPO_ROOT, 'test/cli/fixtures/sensitive/NDESPlugin.log'), 'utf8');
    writeFileSync(input, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const output = join(t.dir, 'redacted.log');
    assert.equal(cli(['redact', input, output]).status, 0);
    const out = readFileSync(output, 'utf8');
    assert.ok(!out.includes('bob.jones'));
    assert.equal(out.split('\n').length, text.split('\n').length);
    assert.equal(cli(['redact', input, input]).status, 2);
  } finally { t.done(); }
});

test('redactor: leaves .NET names, times, versions, file names and public schema hosts alone', () => {
  const keep = [
    'at System.Net.WebException in Microsoft.ConfigurationManager.CertRegPoint.Helper.cs:line 42',
    '2024-03-05T07:41:26.9012274Z 08:41:26.884-60 profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0',
    'xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent" mscep.dll/pkiclient.exe NDESPlugin.log',
    'Verify challenge returns false; operation=GetCACert&message=default; 127.0.0.1 ::1 00000000-0000-0000-0000-000000000000',
  ];
  for (const line of keep) assert.equal(redactText(line), line);
  const r = createRedactor();
  const a = r.file().redact('from 10.1.2.3 and NDES01.contoso.com and 10.1.2.3\n');
  const b = r.file().redact('to ndes01.CONTOSO.com, 10.1.2.4\n');
  assert.equal(a, 'from 192.0.2.1 and host-1 and 192.0.2.1\n');
  assert.equal(b, 'to host-1, 192.0.2.2\n');
  assert.equal(r.counts().ipv4, 2);
  assert.equal(redactText('c-ip fe80::f53d:89b8:c3e8:5fec%13 and 2a01:111:f400:7::25'), 'c-ip fe80::1%13 and 2001:db8::2');
});
