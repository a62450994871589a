import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import type { FormatId, LogModel } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { scanTail } from '../../server/src/core/tail';

const ids = (model: LogModel): string[] => validate(model).map((f) => f.ruleId);

function chunked(format: FormatId, text: string, size: number): LogModel {
  const b = createModelBuilder(format);
  for (let i = 0; i < text.length; i += size) b.push(text.slice(i, i + size));
  return b.end();
}

const IIS = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2024-03-05 00:00:01',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 12',
  '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31',
].join('\n');

test('iis: fields are typed from #Fields and times are UTC', () => {
  const model = parseDocument(IIS, { fileName: 'u_ex240305.log' });
  assert.equal(model.format, 'iis-w3c-log');
  const entries = model.records.filter((r) => r.kind === 'entry');
  assert.equal(entries.length, 2);
  assert.equal(entries[1]?.fields?.['cs-uri-stem'], '/CertificateRegistrationSvc/Certificate/VerifyRequest');
  const http = entries[1].http;
  assert.deepEqual(http && [http.status, http.substatus, http.win32], [403, 16, 2148204809]);
  assert.equal(entries[0]?.time, '2024-03-05T08:14:02Z');
  assert.deepEqual(ids(model).filter((i) => !i.startsWith('NDES-LENS')), ['NDES-IIS-MSCEP-OK', 'NDES-IIS-CRP-403-16']);
});

test('iis: a new #Fields mid-file changes the columns from there on, with a note', () => {
  const text = IIS + '\n#Fields: date time cs-method cs-uri-stem sc-status sc-substatus sc-win32-status\n2024-03-05 09:00:00 POST /CertificateRegistrationSvc/Certificate/VerifyRequest 500 0 0\n';
  const model = parseDocument(text, { fileName: 'u_ex240305.log' });
  const last = model.records[model.records.length - 1];
  assert.equal(last?.fields?.['sc-status'], '500');
  assert.equal(last.fields['cs-uri-stem'], '/CertificateRegistrationSvc/Certificate/VerifyRequest');
  assert.ok(ids(model).includes('NDES-LENS-FIELDS-CHANGED'));
  assert.ok(ids(model).includes('NDES-IIS-CRP-403-16'), 'lines before the change are still analysed');
});

test('iis: a log in IIS\'s native or NCSA format says once that no status was read; W3C never does', () => {
  const native = '10.0.0.7, -, 3/5/2024, 8:14:02, W3SVC1, NDES01, 10.0.0.10, 15, 312, 1702, 500, 0, GET, /certsrv/mscep/mscep.dll/pkiclient.exe, operation=GetCACert&message=default,';
  // An NCSA request whose query holds a comma is still NCSA.
  const ncsa = '10.0.0.7 - - [05/Mar/2024:08:14:02 +0000] "GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACert&message=a,b HTTP/1.1" 500 1702';
  for (const [name, line, kind] of [['u_in240305.log', native, 'native'], ['u_nc240305.log', ncsa, 'NCSA']] as const) {
    const model = parseDocument(`\r\n${line}\r\n${line}\r\n`, { fileName: name });
    assert.equal(model.format, 'iis-w3c-log');
    const notes = validate(model).filter((f) => f.ruleId === 'NDES-LENS-IIS-OTHER-FORMAT');
    assert.equal(notes.length, 1, name);
    assert.equal(notes[0]?.severity, 'warning');
    assert.equal(notes[0].start, 2, `${name}: on the first line that holds a request`);
    assert.match(notes[0].message, new RegExp(`IIS's ${kind}`));
    // The watcher reads a log in segments: its first one says it too, later ones do not again.
    const tail = (text: string, at: number): number => scanTail({ format: 'iis-w3c-log', detectedBy: 'file name', text, line: at, holdLast: false })
      .findings.filter((f) => f.finding.ruleId === 'NDES-LENS-IIS-OTHER-FORMAT').length;
    assert.equal(tail(`${line}\n${line}\n`, 0), 1, `${name}: watcher`);
    assert.equal(tail(`${line}\n`, 2), 0, `${name}: watcher, later segment`);
  }
  // Another site's log in those formats tells nothing about SCEP: it is not flagged.
  const site = '192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SERVER, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,';
  assert.ok(!ids(parseDocument(`${site}\n${site}\n`, { fileName: 'u_in010320.log' })).includes('NDES-LENS-IIS-OTHER-FORMAT'));
  // In a mixed one, the note sits on the first request to NDES.
  const mixed = validate(parseDocument(`${site}\n${native}\n`, { fileName: 'u_in010320.log' })).filter((f) => f.ruleId === 'NDES-LENS-IIS-OTHER-FORMAT');
  assert.deepEqual(mixed.map((f) => f.start), [site.length + 1]);
  // W3C, with or without its directives, and a W3C log that quotes such a line after its #Fields.
  for (const text of [IIS, IIS.split('\n').slice(4).join('\n'), `${IIS}\n${native}`]) {
    assert.ok(!ids(parseDocument(text, { fileName: 'u_ex240305.log' })).includes('NDES-LENS-IIS-OTHER-FORMAT'));
  }
});

test('iis: a record wrapped over two lines is joined, with irregular spacing and placeholders', () => {
  const model = parseDocument('POST  /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 -<IP_address>\r\nNDES_Plugin   -   201 0 0 341 875\r\n', { fileName: 'u_ex1.log' });
  assert.equal(model.records.length, 1);
  assert.equal(model.records[0]?.http?.status, 201);
  assert.deepEqual(ids(model), ['NDES-PLUGIN-SUCCESS']);
});

test('iis: a request copied from a sentence keeps its status despite the full stop after it', () => {
  const model = parseDocument('fe80::1%13 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 80 - fe80::1%13 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 186 0.\n', { fileName: 'u_ex1.log' });
  assert.deepEqual([model.records[0]?.http?.status, model.records[0]?.http?.substatus, model.records[0]?.http?.win32], [200, 0, 0]);
  assert.deepEqual(ids(model), ['NDES-IIS-MSCEP-OK']);
  // A number run that is no status triplet stays without one.
  const version = parseDocument('GET /certsrv/mscep/mscep.dll - 443 - 10.0.0.1 Agent/1.0 - v2.\n', { fileName: 'u_ex1.log' });
  assert.equal(version.records[0]?.http, undefined);
});

test('iis and pasted text: a record wrapped inside its status triplet is joined', () => {
  const head = '2020-01-30 08:14:03 <IP_address> POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - <IP_address> NDES_Plugin - 403';
  for (const [head1, tail] of [[`${head} 16`, ' 2148204809 31'], [head, '16 2148204809 31']] as const) {
    for (const format of ['iis-w3c-log', 'plain-text'] as const) {
      const model = chunked(format, `${head1}\r\n${tail}\r\n`, 1 << 20);
      assert.equal(model.records.length, 1, `${format}: ${tail}`);
      if (format === 'iis-w3c-log') assert.deepEqual([model.records[0]?.http?.status, model.records[0]?.http?.substatus, model.records[0]?.http?.win32], [403, 16, 2148204809]);
      assert.deepEqual(ids(model), ['NDES-IIS-CRP-403-16'], `${format}: ${tail}`);
    }
  }
  // A request cut before its status, followed by an unrelated line, stays two records.
  const cut = parseDocument(`${head}\nSome note 12\n`, { fileName: 'u_ex200130.log' });
  assert.equal(cut.records.length, 2);
});

test('ndesplugin: IIS requests pasted wrapped among the module\'s lines are joined back', () => {
  const text = [
    'Calling VerifyRequest ...',
    'Sending request to certificate registration point.',
    'fe80::f53d:89b8:c3e8:5fec%13 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation 443 - ',
    'fe80::f53d:89b8:c3e8:5fec%13 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 500 0 1346 2713 1296',
    'GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACert',
    'Verify challenge returns true',
  ].join('\r\n');
  const model = parseDocument(text, { fileName: 'ticket.txt' });
  assert.equal(model.format, 'ndesplugin-log');
  assert.deepEqual(model.records.map((r) => r.line), [0, 1, 2, 4, 5], 'the wrapped request is one record; a request line followed by a statement stays alone');
  assert.ok(ids(model).includes('NDES-IIS-MSCEP-500-IMPERSONATE'));
});

test('pasted text: a sentence a mail client wrapped is read as one record; log lines and finished sentences are not joined', () => {
  const ticket = [
    'Hi team, since this morning the NDES server logs the following error every few minutes:',
    '',
    'The Network Device Enrollment Service cannot submit the certificate request',
    '(The requested certificate template is not supported by this CA.). 0x80004005',
    '',
    'Thanks',
  ].join('\r\n');
  const model = chunked('plain-text', ticket, 1 << 20);
  assert.deepEqual(ids(model), ['NDES-EVT-31-SUBMIT-FAILED']);
  assert.equal(model.records.length, 3);
  // Lines that start records of their own, short lines, and lines ending a sentence stay apart.
  const apart = [
    '2024-03-05 08:14:03 the first line of a pasted log without any punctuation at its end',
    '2024-03-05 08:14:04 the second line of the same log, also long enough to be wrapped',
    'A sentence that ends where the line ends, with a full stop at the end of it here.',
    'and a line in lower case after it',
    'short line',
    'another',
  ].join('\n');
  assert.equal(chunked('plain-text', apart, 1 << 20).records.length, 6);
});

test('pasted text and loose svclog text: stack frames join their exception when quoted or indented with &nbsp;', () => {
  const frames = [
    'Cryptography Exception: System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.',
    '&nbsp;at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid()',
    '&nbsp;at Microsoft.ConfigurationManager.CertRegPoint.Helper.ValidateChallenge(String base64Encodedtoken)',
  ];
  const quoted = ['> \\<Source Name="CertificateRegistrationPoint" />  ', ...frames.map((l, i) => (i === 0 ? `> ${l}  ` : `>${l}  `))];
  for (const lines of [frames, quoted, frames.map((l) => l.replace('&nbsp;', '\u00a0')), frames.map((l) => l.replace('&nbsp;', '    '))]) {
    for (const format of ['plain-text', 'wcf-svclog'] as const) {
      const model = chunked(format, lines.join('\n') + '\n', 1 << 20);
      assert.deepEqual(ids(model).filter((i) => !i.startsWith('NDES-LENS')), ['NDES-CRP-VALIDATECHALLENGE-CRYPTO'], `${format}: ${lines[1] ?? ''}`);
    }
  }
  // A sentence that merely starts with "at" is no frame.
  const prose = chunked('plain-text', 'Cryptography Exception: x\nat that point the server was restarted\n', 1 << 20);
  assert.equal(prose.records.length, 2);
});

test('all formats: CRLF and LF give the same findings at the same line/character', () => {
  for (const [format, text] of [['iis-w3c-log', IIS], ['ndesplugin-log', 'Calling VerifyRequest ...\nVerify challenge returns false\n'], ['wcf-svclog', 'VerifyRequest Started.\nVerifyRequest Finished with status False\n']] as const) {
    const pos = (t: string): string[] => {
      const index = LineIndex.of(t);
      const b = createModelBuilder(format);
      b.push(t);
      return validate(b.end()).map((f) => `${f.ruleId}@${JSON.stringify(index.positionAt(f.start))}`);
    };
    assert.deepEqual(pos(text.replace(/\n/g, '\r\n')), pos(text), format);
  }
});

test('all formats: chunked streaming gives the same records as one push (BOM, CRLF split across chunks)', () => {
  const svclog = '\uFEFF<E2ETraceEvent xmlns="x"><System><TimeCreated SystemTime="2024-03-05T08:14:03.25Z" /><Correlation ActivityID="{AB}" /></System><ApplicationData>VerifyRequest Finished with status False</ApplicationData></E2ETraceEvent>\r\n'.repeat(3);
  for (const [format, text] of [['iis-w3c-log', '\uFEFF' + IIS.replace(/\n/g, '\r\n')], ['ndesplugin-log', 'a\r\nVerify challenge returns false\r\n'], ['wcf-svclog', svclog]] as const) {
    const whole = chunked(format, text, text.length);
    for (const size of [1, 3, 7, 64]) {
      const parts = chunked(format, text, size);
      assert.deepEqual(parts.records.map((r) => [r.start, r.end, r.line, r.text]), whole.records.map((r) => [r.start, r.end, r.line, r.text]), `${format} chunk ${size}`);
    }
  }
});

test('ndesplugin: the HTML page after "Verify challenge returns" belongs to that record', () => {
  const text = [
    'Sending request to certificate registration point.',
    'Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"> <html xmlns="http://www.w3.org/1999/xhtml"> <head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>',
    '<title>403 - Forbidden: Access is denied.</title>',
    '<style type="text/css">',
    'body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}',
    '</style></head><body><h2>403 - Forbidden: Access is denied.</h2></body></html>',
    'Exiting VerifyRequest with 0x80070005',
  ].join('\n');
  const model = parseDocument(text, { fileName: 'NDESPlugin.log' });
  assert.equal(model.records.length, 3);
  assert.ok(model.records[1]?.text.includes('</html>'));
  // The exit code after the page is a failure no signature names: the safety net notes it.
  assert.deepEqual(ids(model), ['NDES-PLUGIN-VERIFY-SENT', 'NDES-PLUGIN-403-HTML', 'NDES-LENS-UNRECOGNISED-FAILURE']);
});

test('ndesplugin: CMTrace and SMS-trace framings are read, with local times', () => {
  const text = [
    '<![LOG[Calling VerifyRequest ...]LOG]!><time="08:14:03.117+060" date="3-5-2024" component="NDESPlugin" context="" type="1" thread="12" file="">',
    '<![LOG[Verify challenge returns <!DOCTYPE html> <html><head>',
    '<title>403 - Forbidden: Access is denied.</title></head></html>]LOG]!><time="08:14:03.200+060" date="3-5-2024" component="NDESPlugin" context="" type="3" thread="12" file="">',
    'Verify challenge returns false $$<NDESPlugin><03-05-2024 08:15:00.000+060><thread=12 (0xC)>',
  ].join('\n');
  const model = parseDocument(text, { fileName: 'NDESPlugin.log' });
  assert.equal(model.records.length, 3);
  assert.equal(model.records[0]?.time, '2024-03-05T08:14:03.117');
  assert.equal(model.records[2]?.time, '2024-03-05T08:15:00.000');
  assert.deepEqual(ids(model), ['NDES-PLUGIN-VERIFY-SENT', 'NDES-PLUGIN-403-HTML', 'NDES-PLUGIN-VERIFY-FALSE']);
});

test('svclog: one-line records, decoded ApplicationData, offsets mapped back through entities', () => {
  const rec = (msg: string, id: string): string => `<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system"><EventID>0</EventID><Type>3</Type><SubType Name="Error">0</SubType><Level>2</Level><TimeCreated SystemTime="2024-03-05T08:14:03.2500000Z" /><Source Name="CertificateRegistrationPoint" /><Correlation ActivityID="{${id}}" /><Execution ProcessName="w3wp" ProcessID="4120" ThreadID="17" /><Channel/><Computer>NDES01</Computer></System><ApplicationData>${msg}</ApplicationData></E2ETraceEvent>`;
  const text = rec('VerifyRequest Started.', 'A1') + rec('a &amp; b &lt;x&gt;&#xD;&#xA;Signing certificate could not be retrieved. boom', 'A1') + rec('VerifyRequest Finished with status False', 'A1');
  const model = parseDocument(text, { fileName: 'x.svclog' });
  assert.equal(model.records.length, 3);
  assert.equal(model.records[1]?.activityId, 'a1');
  assert.equal(model.records[1].fields?.['Source'], 'CertificateRegistrationPoint');
  assert.equal(model.records[1].time, '2024-03-05T08:14:03.2500000Z');
  assert.ok(model.records[1].text.startsWith('a & b <x>  Signing'));
  const findings = validate(model);
  const signing = findings.find((f) => f.ruleId === 'NDES-CRP-SIGNING-CERT-MISSING');
  assert.ok(signing);
  assert.equal(text.slice(signing.start, signing.end), 'Signing certificate could not be retrieved');
  assert.deepEqual(findings.map((f) => f.ruleId), ['NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VERIFY-FINISHED-FALSE']);
});

test('svclog: a truncated record is reported and still analysed; the next record is not swallowed', () => {
  const text = '<E2ETraceEvent><System></System><ApplicationData>Signing certificate could not be retrieved. m_safeCertContext is an invalid handle\n<E2ETraceEvent><ApplicationData>VerifyRequest Finished with status False</ApplicationData></E2ETraceEvent>\n<E2ETraceEvent><ApplicationData>VerifyRequest Sta';
  const got = ids(parseDocument(text, { fileName: 'x.svclog' }));
  assert.deepEqual(got, ['NDES-LENS-TRUNCATED-RECORD', 'NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VERIFY-FINISHED-FALSE', 'NDES-LENS-TRUNCATED-RECORD']);
});

test('svclog: a DOCTYPE with an entity-expansion bomb is never expanded', () => {
  const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n';
  const text = bomb + '<E2ETraceEvent><ApplicationData>&lol3; VerifyRequest Finished with status False</ApplicationData></E2ETraceEvent>';
  const model = parseDocument(text, { fileName: 'x.svclog' });
  const event = model.records[model.records.length - 1];
  assert.ok(event?.text.startsWith('&lol3;'));
  assert.ok(ids(model).includes('NDES-CRP-VERIFY-FINISHED-FALSE'));
});

test('plain text: a web page a client printed is one record, so IIS\'s 403 page is one finding', () => {
  // sscep's output after IIS answered with its 403 page (the copy starts at <title>), then sscep's own lines.
  const page = [
    '<title>403 - Forbidden: Access is denied.</title>',
    '<style type="text/css">',
    'body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}',
    '</style>',
    '  <h2>403 - Forbidden: Access is denied.</h2>',
    '  <h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>',
    ' </fieldset></div>',
    '</body>',
    '</html>',
  ];
  const sscep = ['/usr/sbin/sscep: wrong (or missing) MIME content type', '/usr/sbin/sscep: error while sending message'];
  for (const lines of [[...page, ...sscep], ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">', '<html xmlns="http://www.w3.org/1999/xhtml">', '<head>', ...page], page.slice(0, -2)]) {
    const model = chunked('plain-text', lines.join('\r\n') + '\r\n', 7);
    assert.deepEqual(ids(model).filter((id) => id === 'NDES-CLIENT-403-HTML-PAGE'), ['NDES-CLIENT-403-HTML-PAGE'], lines[0]);
  }
  const model = chunked('plain-text', [...page, ...sscep].join('\n') + '\n', 1 << 20);
  assert.deepEqual(model.records.map((r) => r.line), [0, 9, 10], 'the page, then each of sscep\'s lines');
  // A line with no tag ends a page that never closes: prose after a quoted <title> stays its own.
  const prose = chunked('plain-text', '<title>403 - Forbidden: Access is denied.</title>\nThe device then retried.\nIt failed again.\n', 1 << 20);
  assert.equal(prose.records.length, 3);
});

test('plain text: prose naming <html> mid-line opens no page, so the lines after it keep their findings', () => {
  // A ticket: the sentence names the page; each client line after it holds a `<host>` placeholder.
  const client = (n: string): string => `SCEP: Failed LogError Message : (SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://<host>/certsrv/mscep/mscep.dll', CA cert thumbprint ${n})`;
  const ticket = ['Hi team, the Windows clients fail; the NDES URL returns an <html> page instead of the CA cert.', client('1234'), client('5678')];
  const model = chunked('plain-text', ticket.join('\n') + '\n', 1 << 20);
  assert.deepEqual(model.records.map((r) => r.line), [0, 1, 2]);
  assert.deepEqual(ids(model).filter((id) => id === 'DEV-WIN-32-307-ENROLL-FAILED').length, 2);
});

test('plain text: a client line with a <host> placeholder or a {GUID} ends a page cut short', () => {
  const page = [
    '<title>403 - Forbidden: Access is denied.</title>',
    '<style type="text/css">',
    '<!--',
    'body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}',
    '#header{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:"trebuchet MS", Verdana, sans-serif;color:#FFF;',
    'background-color:#555555;}',
    '-->',
    '</style>',
    '  <h2>403 - Forbidden: Access is denied.</h2>',
    ' </fieldset></div>',
  ];
  const client = (n: string): string => `SCEP: Failed LogError Message : (SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://<host>/certsrv/mscep/mscep.dll', CA cert thumbprint ${n}; ActivityID {6f1c0d7e-0000-4a9b-9d1e-2b3c4d5e6f70})`;
  const model = chunked('plain-text', [...page, client('1234'), client('5678')].join('\n') + '\n', 1 << 20);
  assert.deepEqual(model.records.map((r) => r.line), [0, page.length, page.length + 1], 'the page, then each client line');
  assert.equal(ids(model).filter((id) => id === 'DEV-WIN-32-307-ENROLL-FAILED').length, 2);
});
