import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { BUILTIN } from '../../server/src/core/validate';
import { validate } from '../../server/src/core/analysis';
import { analyseFile } from '../../server/src/node/analyse';
import { checkJson, cli, FIXTURE_FOLDERS, tempDir } from './run';
import { REPO_ROOT } from '../support/paths';

test('check: every fixture folder, JSON contract v1 with 1-based positions and paths as given', () => {
  for (const folder of FIXTURE_FOLDERS) {
    const { run, json } = checkJson([folder]);
    assert.ok(run.status === 0 || run.status === 1, `${folder}: exit ${String(run.status)} ${run.stderr}`);
    assert.equal(json.version, 1);
    assert.ok(json.files.length > 0);
    for (const f of json.files) {
      assert.ok(f.path.startsWith(folder + '/'), f.path);
      assert.ok(['iis-w3c-log', 'ndesplugin-log', 'wcf-svclog', 'plain-text'].includes(f.format));
      assert.ok(f.bytes > 0 && f.lines > 0);
    }
    for (const f of json.findings) {
      assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'line', 'message', 'path', 'ruleId', 'severity']);
      assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line);
    }
    for (const e of json.evidence) assert.ok(e.count >= 1 && e.firstLine >= 1 && e.lastLine >= e.firstLine);
    const errors = json.findings.some((f) => f.severity === 'error');
    assert.equal(run.status, errors ? 1 : 0, folder);
  }
});

test('check: finds the same rule ids as the core on every seed (formats detected by content)', () => {
  const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'test/golden/seeds/expected-rules.json'), 'utf8')) as Record<string, string[]>;
  for (const [rel, ids] of Object.entries(expected)) {
    const { json } = checkJson([`test/golden/seeds/${rel}`]);
    const found = [...new Set([...json.findings.map((f) => f.ruleId), ...json.evidence.map((e) => e.ruleId)])].sort();
    assert.deepEqual(found, [...ids].sort(), rel);
  }
});

test('check: a streamed file gives the findings and positions of the whole-text core, across chunk boundaries', () => {
  const t = tempDir();
  try {
    const sample = readFileSync(join(REPO_ROOT, 'samples/u_ex240305.log'), 'utf8');
    const body = sample.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    const head = sample.split('\n').filter((l) => l.startsWith('#')).join('\n');
    // About 3 MB: several 1 MB reads, records cut across them, a multi-byte character on the way.
    let text = head + '\n';
    while (text.length < 3 * 1024 * 1024) text += body.replace('NDES+client', 'NDES+client+é€') + '\n';
    const path = join(t.dir, 'renamed.txt');
    writeFileSync(path, text);
    const { json } = checkJson([path]);
    const model = parseDocument(text, { fileName: path });
    const core = validate(model).filter((f) => f.kind !== 'evidence');
    assert.equal(json.files[0]?.format, 'iis-w3c-log');
    assert.equal(json.findings.length, core.length);
    const lineOf = (o: number): number => text.slice(0, o).split('\n').length;
    assert.deepEqual(json.findings.map((f) => `${f.line} ${f.ruleId}`), core.map((f) => `${lineOf(f.start)} ${f.ruleId}`));
  } finally { t.done(); }
});

test('check: every fixture file gives the findings of the whole-model core, multi-record rules included', async () => {
  const t = tempDir();
  try {
    // Multi-record rules only: a request the CRP never answered before the next one, one still open at
    // the end, an iOS GetCACert with no GetCACaps after it, an admin-page logon that never completed, a
    // connector health upload that failed and was not answered by a success (the other was), an expired
    // connector certificate with no valid one beside it.
    writeFileSync(join(t.dir, 'NDESPlugin.log'), 'Calling VerifyRequest ...\r\nSending request to certificate registration point.\r\n'.repeat(2));
    writeFileSync(join(t.dir, 'u_ex240305.log'), [
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
      '2024-03-05 08:00:00 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACert&message=default 443 - 10.9.8.7 profiled/1.0+CFNetwork/1410.0.3+Darwin/22.6.0 - 200 0 0 12',
      '2024-03-05 08:05:00 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACert&message=default 443 - 10.9.8.7 profiled/1.0+CFNetwork/1410.0.3+Darwin/22.6.0 - 200 0 0 12',
      '2024-03-05 08:06:00 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.8 Mozilla/5.0 - 401 2 5 3',
      '2024-03-05 08:06:02 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.8 Mozilla/5.0 - 401 1 1326 4',
      '',
    ].join('\n'));
    const health = (id: number, time: string): string => `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Intune-CertificateConnectors'/><EventID>${id}</EventID><Level>${id === 5000 ? 4 : 3}</Level><TimeCreated SystemTime='2024-03-05T${time}.0000000Z'/><Channel>Microsoft-Intune-CertificateConnectors/Operational</Channel><Computer>NDES01.contoso.com</Computer></System></Event>\r\n`;
    writeFileSync(join(t.dir, 'Operational.xml'), health(5001, '08:00:00') + health(5000, '08:00:30') + health(5001, '09:00:00'));
    // The validation script's connector certificate check: one expired certificate with no valid one
    // (reported), then a renewed connector's list (not).
    writeFileSync(join(t.dir, 'transcript.txt'), ['Certificate is expired! Expiration date: 03/01/2024 10:00:00', 'Checking Windows Features are installed...',
      "2 certificates issued by 'Microsoft Intune ImportPFX Connector CA' found.", 'Certificate is expired! Expiration date: 03/01/2024 10:00:00',
      'Certificate is valid from: 02/01/2024 10:00:00 until: 02/01/2025 10:00:00', ''].join('\r\n'));
    const files = [...FIXTURE_FOLDERS, 'test/golden/formats'].flatMap((folder) => listFiles(join(REPO_ROOT, folder)))
      .filter((f) => !f.endsWith('.findings') && !f.endsWith('.json') && !f.endsWith('.md'));
    files.push(join(t.dir, 'NDESPlugin.log'), join(t.dir, 'u_ex240305.log'), join(t.dir, 'Operational.xml'), join(t.dir, 'transcript.txt'));
    const multiRecord = new Set<string>();
    for (const path of files) {
      const core = await analyseFile(path, { keepModel: true });
      const expected = core.findings.filter((f) => f.kind !== 'evidence').map((f) => {
        const p = core.lines.positionAt(f.start);
        return `${p.line + 1}:${p.character + 1} ${f.ruleId}`;
      });
      for (const f of core.findings) if (BUILTIN.validators.some((v) => v.ids.includes(f.ruleId))) multiRecord.add(f.ruleId);
      const { json } = checkJson([path]);
      assert.deepEqual(json.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`), expected, path);
    }
    assert.deepEqual([...multiRecord].sort(), BUILTIN.validators.flatMap((v) => v.ids).sort(), 'every multi-record rule is exercised');
  } finally { t.done(); }
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

test('check: reads UTF-16 LE and BE with a BOM like UTF-8', () => {
  const t = tempDir();
  try {
    for (const name of ['NDESPlugin.log', 'u_ex240305.log', 'CertificateRegistrationPoint_03_05.svclog']) {
      const utf8 = readFileSync(join(REPO_ROOT, 'samples', name), 'utf8');
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      mkdirSync(join(t.dir, 'le'), { recursive: true });
      mkdirSync(join(t.dir, 'be'), { recursive: true });
      writeFileSync(join(t.dir, 'le', name), le);
      writeFileSync(join(t.dir, 'be', name), be);
      const shape = (args: string[]): string[] => checkJson(args).json.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
      const expected = shape([join('samples', name)]);
      assert.ok(expected.length > 0);
      assert.deepEqual(shape([join(t.dir, 'le', name)]), expected, `${name} UTF-16 LE`);
      assert.deepEqual(shape([join(t.dir, 'be', name)]), expected, `${name} UTF-16 BE`);
    }
  } finally { t.done(); }
});

test('check: a large file streams in bounded memory', () => {
  const t = tempDir();
  try {
    const line = '2024-03-05 07:41:27 10.20.30.11 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.20.30.11 NDES_Plugin - 201 0 0 218 ' + 'x'.repeat(300) + '\n';
    const path = join(t.dir, 'u_ex000000.log');
    const block = line.repeat(10_000);
    writeFileSync(path, '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n');
    for (let i = 0; i < 16; i++) writeFileSync(path, block, { flag: 'a' }); // ~70 MB
    // A 40 MB heap for a 70 MB file: it only passes if the file is never held whole.
    const run = cli(['check', path, '--format', 'json'], undefined, ['--max-old-space-size=40']);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { files: { bytes: number; lines: number }[] };
    assert.ok((json.files[0]?.bytes ?? 0) > 64 * 1024 * 1024);
    assert.equal(json.files[0]?.lines, 160_002);
  } finally { t.done(); }
});

test('check: --min-severity, --format text and sarif, --out', () => {
  const t = tempDir();
  try {
    const all = checkJson(['samples']).json;
    const errorsOnly = checkJson(['samples', '--min-severity', 'error']).json;
    assert.ok(errorsOnly.findings.every((f) => f.severity === 'error'));
    assert.equal(errorsOnly.findings.length, all.findings.filter((f) => f.severity === 'error').length);
    const text = cli(['check', 'samples']);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^samples\/u_ex240305\.log:26:\d+: error NDES-IIS-CRP-403-16: /m);
    assert.match(text.stdout, /3 file\(s\) checked: \d+ error\(s\)/);
    const out = join(t.dir, 'out.json');
    const written = cli(['check', 'samples', '--format=json', '--out', out]);
    assert.equal(written.status, 1);
    assert.equal(written.stdout, '');
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), all);
  } finally { t.done(); }
});

test('exit codes and messages: 0 clean, 1 errors, 2 usage or I/O error, never a stack trace', () => {
  assert.equal(cli(['check', 'test/golden/seeds/pm-ca-success']).status, 0);
  assert.equal(cli(['check', 'samples']).status, 1);
  const cases: [string[], RegExp][] = [
    [[], /Usage: ndes-lens <command>/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['check'], /needs at least one file or folder/],
    [['check', 'samples', '--format', 'xml'], /--format must be text, json, jsonl or sarif/],
    [['check', 'samples', '--min-severity', 'fatal'], /--min-severity must be/],
    [['check', 'samples', '--bogus'], /unknown option '--bogus'/],
    [['check', 'no/such/folder'], /cannot read no\/such\/folder: no such file or folder/],
    [['check', 'samples', '--out', 'no/such/dir/out.txt'], /cannot write no\/such\/dir\/out\.txt: no such file or folder/],
    [['diagnose'], /needs exactly one folder/],
    [['report', 'samples'], /needs --out/],
    [['redact', 'samples'], /exactly two paths/],
    [['redact', 'samples', 'samples/sub'], /must not be <in> or inside it/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('a folder walk stops at --max-files and says so; unreadable files are named', () => {
  const r = cli(['check', 'samples', '--max-files', '1', '--format', 'json']);
  assert.match(r.stderr, /stopped after 1 files/);
  assert.equal((JSON.parse(r.stdout) as { files: unknown[] }).files.length, 1);
  if (process.getuid?.() === 0) return; // root reads everything
  const t = tempDir();
  try {
    const path = join(t.dir, 'NDESPlugin.log');
    writeFileSync(path, 'Verify challenge returns false\n');
    chmodSync(path, 0o000);
    const denied = cli(['check', t.dir]);
    assert.equal(denied.status, 2);
    assert.match(denied.stderr, /permission denied/);
  } finally { t.done(); }
});

test('--help for every command', () => {
  for (const command of ['check', 'diagnose', 'report', 'redact']) {
    const r = cli([command, '--help']);
    assert.equal(r.status, 0, command);
    assert.match(r.stdout, new RegExp(`^Usage: ndes-lens ${command} `), command);
  }
  const main = cli(['--help']);
  assert.equal(main.status, 0);
  assert.match(main.stdout, /Exit codes: 0 /);
});

test('check: a support ticket pasted as people paste it still yields every failure it quotes', () => {
  const { dir, done } = tempDir();
  try {
    const ticket = [
      'Hi team,',
      '',
      '> the NDES server logs the following error every few minutes, and has since this morning:',
      '',
      'The Network Device Enrollment Service cannot submit the certificate request',
      '(The requested certificate template is not supported by this CA.). 0x80004005',
      '',
      'The connector log shows:',
      '',
      '> Cryptography Exception: System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.  ',
      '>&nbsp;at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid()  ',
      '>&nbsp;at Microsoft.ConfigurationManager.CertRegPoint.Helper.ValidateChallenge(String base64Encodedtoken)  ',
      '',
      'and IIS (copied from a console, so the line broke):',
      '2020-01-30 08:14:03 <IP_address> POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - <IP_address> NDES_Plugin - 403 16',
      ' 2148204809 31',
      '',
      'The plugin log says  Verify\u00a0challenge\treturns  false',
    ].join('\r\n');
    writeFileSync(join(dir, 'ticket.txt'), `\uFEFF${ticket}\r\n`);
    const { json } = checkJson([join(dir, 'ticket.txt')]);
    const ids = [...new Set(json.findings.map((f) => f.ruleId))].sort();
    assert.deepEqual(ids, ['NDES-CRP-VALIDATECHALLENGE-CRYPTO', 'NDES-EVT-31-SUBMIT-FAILED', 'NDES-IIS-CRP-403-16', 'NDES-PLUGIN-VERIFY-FALSE']);
    const evt = json.findings.find((f) => f.ruleId === 'NDES-EVT-31-SUBMIT-FAILED');
    assert.deepEqual([evt?.line, evt?.column], [5, 39], "the finding sits on the quoted sentence, not on the joined line after it");
  } finally {
    done();
  }
});

test('check: certutil -view rows of the CA database, the failed one found by its status code only', () => {
  const { dir, done } = tempDir();
  try {
    // The layout certutil -view prints: the column list, then a row per request (values invented).
    const view = [
      'Schema:',
      '  Column Name                   Localized Name                Type    MaxLength',
      '  ----------------------------  ----------------------------  ------  ---------',
      '  RequestID                     Issued Request ID             Long    4 -- Indexed',
      '  Request.StatusCode            Request Status Code           Long    4',
      '  Request.Disposition           Request Disposition           Long    4 -- Indexed',
      '  Request.DispositionMessage    Request Disposition Message   String  8192',
      '',
      'Row 1:',
      '  Issued Request ID: 0x2a (42)',
      '  Request Status Code: 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE) -- The requested certificate template is not supported by this CA.',
      '  Request Disposition: 0x1f (31) -- Denied',
      '  Request Disposition Message: "Denied by Policy Module"',
      '',
      'Row 2:',
      '  Issued Request ID: 0x2b (43)',
      '  Request Status Code: 0x0 (WIN32: 0) -- The operation completed successfully.',
      '  Request Disposition: 0x14 (20) -- Issued',
      '  Request Disposition Message: "Issued"',
      '',
      'Maximum Row Index: 2',
      '',
      '2 Rows',
      'CertUtil: -view command completed successfully.',
    ].join('\r\n');
    writeFileSync(join(dir, 'certutil-view.txt'), `${view}\r\n`);
    const { json } = checkJson([join(dir, 'certutil-view.txt')]);
    assert.deepEqual(json.findings.map((f) => [f.ruleId, f.line]), [['CA-EVT-53-DENIED', 11]]);
    assert.match(json.findings[0]?.message ?? '', /0x80094800/);
  } finally {
    done();
  }
});

test('check: certreq -submit refused by the CA, its message wrapped at the console width, is one denial with its code', () => {
  const { dir, done } = tempDir();
  try {
    // Published lab notes (a direct submit of a request whose template builds the subject from AD mail).
    const out = [
      'RequestId: 4',
      'Certificate not issued (Denied) Denied by Policy Module The EMail name is unavailable and cannot',
      'be added to the Subject or Subject Alternate name. 0x80094812 (-2146875374',
      'CERTSRV_E_SUBJECT_EMAIL_REQUIRED)',
    ].join('\r\n');
    writeFileSync(join(dir, 'certreq.txt'), `${out}\r\n`);
    const { json } = checkJson([join(dir, 'certreq.txt')]);
    assert.deepEqual(json.findings.map((f) => [f.ruleId, f.line]), [['CA-EVT-53-DENIED', 2]]);
    assert.match(json.findings[0]?.message ?? '', /0x80094812/);
  } finally {
    done();
  }
});

test('check: a certutil -view row listed without its status code is found by its disposition, once', () => {
  const { dir, done } = tempDir();
  try {
    // Published lab notes: certutil -view -restrict "RequestID>=8" -out "RequestID,Disposition,DispositionMessage,
    // SubmittedWhen,ResolvedWhen,NotBefore,NotAfter,CommonName", a request denied for want of enroll rights.
    const view = [
      'Row 1:',
      '  Issued Request ID: 0x8',
      '  Request Disposition: 0x1f (31) -- Denied',
      '  Request Disposition Message: "Denied by Policy Module"',
      '  Request Submission Date: 9/9/2026 8:08 PM',
      '  Issued Common Name: "jsmith"',
      '',
      'Row 2:',
      '  Issued Request ID: 0x9',
      '  Request Disposition: 0x14 (20) -- Issued',
      '  Request Disposition Message: "Issued"',
      '',
      // A full row: status code, disposition and its message say the same denial once.
      'Row 3:',
      '  Request Status Code: 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- The permissions on the certificate template do not allow the current user to enroll for this type of certificate.',
      '  Request Disposition: 0x1f (31) -- Denied',
      '  Request Disposition Message: "Denied by Policy Module"',
      '',
      // A revoked row: no denial.
      'Row 4:',
      '  Request Status Code: 0x0 (WIN32: 0) -- The operation completed successfully.',
      '  Request Disposition: 0x15 (21) -- Revoked',
      '  Request Disposition Message: "Revoked by CORP\\pki.admin"',
    ].join('\r\n');
    writeFileSync(join(dir, 'certutil-view.txt'), `${view}\r\n`);
    const { json } = checkJson([join(dir, 'certutil-view.txt')]);
    assert.deepEqual(json.findings.map((f) => [f.ruleId, f.line]), [['CA-EVT-53-DENIED', 3], ['CA-EVT-53-DENIED', 14]]);
    assert.match(json.findings[0]?.message ?? '', /Denied by Policy Module/);
    assert.match(json.findings[1]?.message ?? '', /0x80094012/);
  } finally {
    done();
  }
});

test('check: certutil -view rows listed without their Row lines are one record each, a repeated field opening the next', () => {
  const { dir, done } = tempDir();
  try {
    // `-out "StatusCode,Disposition"` rows one after the other: the second row's status code is its own
    // denial, found on its line with its code, not folded into the first row's record.
    const view = [
      '  Request Status Code: 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE) -- The requested certificate template is not supported by this CA.',
      '  Request Disposition: 0x1e (30) -- Failed',
      '  Request Status Code: 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- The permissions on the certificate template do not allow the current user to enroll for this type of certificate.',
      '  Request Disposition: 0x1f (31) -- Denied',
    ].join('\r\n');
    writeFileSync(join(dir, 'certutil-view.txt'), `${view}\r\n`);
    const { json } = checkJson([join(dir, 'certutil-view.txt')]);
    assert.deepEqual(json.findings.map((f) => [f.ruleId, f.line]), [['CA-EVT-53-DENIED', 1], ['CA-EVT-53-DENIED', 3]]);
    assert.match(json.findings[1]?.message ?? '', /0x80094012/);
  } finally {
    done();
  }
});
