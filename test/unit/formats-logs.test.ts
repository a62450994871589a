import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectFormat } from '../../server/src/core/detect';
import { createModelBuilder, parseDocument } from '../../server/src/core/parse';
import type { FormatId, LogModel } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { parseTime } from '../../server/src/core/time';
import { fixturePath } from '../support/paths';

const ids = (model: LogModel): string[] => [...new Set(validate(model).map((f) => f.ruleId))].sort();
const entries = (model: LogModel) => model.records.filter((r) => r.kind === 'entry');
const fixture = (...p: string[]): string => readFileSync(fixturePath('golden/formats', ...p), 'utf8');

function chunked(format: FormatId, text: string, size: number): LogModel {
  const b = createModelBuilder(format);
  for (let i = 0; i < text.length; i += size) b.push(text.slice(i, i + size));
  return b.end();
}

const FIXTURES: readonly [FormatId, string[]][] = [
  ['httperr-log', ['httperr', 'httperr1.log']], ['httperr-log', ['httperr', 'httperr7.log']],
  ['setupmsi-log', ['setupmsi', 'SetupMsi.log']], ['setupmsi-log', ['setupmsi', 'SetupMsi-retry.log']],
  ['cmtrace-log', ['cmtrace', 'Validate-NDESConfig.log']], ['cmtrace-log', ['cmtrace', 'csv', 'Validate-NDESConfig.log']],
  ['device-log', ['device', 'OMADM.log']], ['device-log', ['device', 'ios-console.txt']], ['device-log', ['device', 'ios-console.rtf']],
  ['device-log', ['device', 'idevicesyslog.log']], ['device-log', ['device', 'ios-syslog-weekday.log']],
  ['wcf-svclog', ['svclog', 'NDESConnector_2024-03-05_000000.svclog']],
];

test('detection: each new format is found by content, renamed or pasted (no file name)', () => {
  for (const [format, path] of FIXTURES) {
    const text = fixture(...path);
    assert.equal(detectFormat({ text, fileName: 'renamed.log' }).format, format, path.join('/'));
    assert.equal(detectFormat({ text }).by, 'content', path.join('/'));
  }
});

test('detection: file names alone, and names that content overrides', () => {
  const cases: [string, FormatId][] = [['httperr1.log', 'httperr-log'], ['SetupMsi.log', 'setupmsi-log'], ['Validate-NDESConfig.log', 'cmtrace-log'], ['OMADM.log', 'device-log'], ['CloudExtension.log', 'device-log']];
  for (const [name, format] of cases) assert.deepEqual(detectFormat({ text: 'hello', fileName: `C:\\logs\\${name}` }), { format, by: 'file name' });
  // Content beats names: an IIS log named httperr1.log is an IIS log.
  assert.equal(detectFormat({ text: '#Software: Microsoft Internet Information Services 10.0\n', fileName: 'httperr1.log' }).format, 'iis-w3c-log');
});

test('detection: http.sys #Fields is not taken for IIS, and IIS is not taken for http.sys', () => {
  assert.equal(detectFormat({ text: '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n' }).format, 'httperr-log');
  assert.equal(detectFormat({ text: '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n' }).format, 'iis-w3c-log');
  assert.equal(detectFormat({ text: '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 403 0 0 12\n' }).format, 'iis-w3c-log');
});

test('detection: NDESPlugin.log with CMTrace framing stays ndesplugin-log (by component, by name)', () => {
  const line = (msg: string, component: string): string => `<![LOG[${msg}]LOG]!><time="09:15:02.117+060" date="3-5-2024" component="${component}" context="" type="1" thread="1" file="">\n`;
  assert.equal(detectFormat({ text: line('Initializing', 'NDESPlugin') }).format, 'ndesplugin-log');
  assert.equal(detectFormat({ text: line('Initializing', 'Foo'), fileName: 'NDESPlugin.log' }).format, 'ndesplugin-log');
  assert.equal(detectFormat({ text: line('Calling VerifyRequest', 'Foo') }).format, 'ndesplugin-log');
  assert.deepEqual(detectFormat({ text: line('Checking prerequisites', 'NDES_Validation') }), { format: 'cmtrace-log', by: 'content' });
});

test('httperr: fields by #Fields (with streamid) or by the documented order, reason as s-reason, UTC time, status', () => {
  const model = parseDocument(fixture('httperr', 'httperr1.log'), { fileName: 'httperr1.log' });
  const scep = entries(model).find((r) => r.fields?.['s-queuename'] === 'SCEP');
  assert.equal(scep?.fields?.['s-reason'], 'AppOffline');
  assert.equal(scep.http?.status, 503);
  assert.equal(scep.time, '2024-03-05T08:21:40Z');
  assert.deepEqual(ids(model), ['NDES-HTTPERR-URL-TOO-LONG', 'NDES-IIS-MSCEP-503-APPPOOL']);
  const bare = parseDocument(fixture('httperr', 'httperr7.log'), { fileName: 'httperr7.log' });
  assert.equal(entries(bare)[2]?.fields?.['s-reason'], 'BadRequest');
  assert.equal(entries(bare)[2]?.fields?.['c-ip'], 'fe80::1%13');
  assert.deepEqual(validate(bare).map((f) => f.ruleId), ['NDES-HTTPERR-URL-TOO-LONG', 'NDES-IIS-MSCEP-503-APPPOOL'], 'BadRequest is not a long URL');
});

test('setupmsi: engine lines carry context/process/thread and a local time from the banner date', () => {
  const model = parseDocument(fixture('setupmsi', 'SetupMsi.log'), { fileName: 'SetupMsi.log' });
  const engine = entries(model).find((r) => r.text.includes('Invoking remote custom action'));
  assert.deepEqual(engine?.fields, { context: 's', process: '3C', thread: '1A' });
  assert.equal(engine.time, '2024-03-05T10:02:17.441');
  assert.equal(entries(model).find((r) => r.fields?.['returnCode'])?.fields?.['action'], 'AddNDESToCertPrivKey');
  assert.deepEqual(ids(model), ['SETUP-MSI-0x80090014-CERT-KEY']);
  assert.deepEqual(ids(parseDocument(fixture('setupmsi', 'SetupMsi-retry.log'), { fileName: 'SetupMsi.log' })),
    ['SETUP-MSI-ADSGETOBJECT-ACCESS-DENIED', 'SETUP-MSI-IIS-SITE-NOT-FOUND', 'SETUP-MSI-SUCCESS']);
});

test('cmtrace: multi-line messages are one record; attributes become fields; the CSV variant too', () => {
  const model = parseDocument(fixture('cmtrace', 'Validate-NDESConfig.log'), { fileName: 'Validate-NDESConfig.log' });
  assert.equal(entries(model).length, 5);
  const multi = entries(model)[2];
  assert.ok(multi?.text.includes('Trusted Root store: Subject: CN=Contoso Issuing CA Thumbprint:'));
  assert.equal(multi?.fields?.['component'], 'NDES_Validation');
  assert.equal(multi.fields['level'], 'Error');
  assert.equal(multi.time, '2024-03-05T09:15:03.200');
  assert.deepEqual(ids(model), ['VAL-INTERMEDIATE-IN-ROOT', 'VAL-LONG-URL-REGISTRY', 'VAL-TEMPLATE-REGISTRY']);
  const csv = parseDocument(fixture('cmtrace', 'csv', 'Validate-NDESConfig.log'), { fileName: 'Validate-NDESConfig.log' });
  assert.equal(entries(csv).length, 4);
  assert.equal(entries(csv)[2]?.time, '2024-03-05T09:15:03Z');
  assert.equal(entries(csv)[2]?.fields?.['level'], 'Error');
  assert.deepEqual(ids(csv), ['VAL-CERTS-BOUND', 'VAL-LONG-URL-REGISTRY', 'VAL-SERVICE-ACCOUNT']);
});

test('svclog: the NDESConnector trace (Source NDESConnectorService) runs the connector PKCS and sign-in rules', () => {
  const model = parseDocument(fixture('svclog', 'NDESConnector_2024-03-05_000000.svclog'), { fileName: 'NDESConnector_2024-03-05_000000.svclog' });
  assert.equal(model.format, 'wcf-svclog');
  assert.ok(entries(model).every((r) => r.fields?.['Source'] === 'NDESConnectorService'));
  assert.deepEqual(ids(model), ['CONN-PKCS-NO-POLICY-SERVER', 'CONN-PKCS-PENDING', 'CONN-PKCS-RPC-UNAVAILABLE', 'CONN-SVCLOG-NO-LICENSE-80004003']);
});

test('device: Android columns, stack frames joined; iOS console and syslog lines; RTF control words left out', () => {
  const android = parseDocument(fixture('device', 'OMADM.log'), { fileName: 'OMADM.log' });
  const failed = entries(android).find((r) => r.fields?.['level'] === 'ERROR');
  assert.ok(failed?.text.includes('Enrollment failed at org.jscep.client.Client.enrol(Client.java:512) at com.microsoft'));
  assert.equal(failed?.time, '2024-03-05T08:14:05.200');
  assert.equal(failed.fields?.['component'], 'com.microsoft.omadm.platforms.android.certmgr.ScepCertificateEnroller');
  assert.deepEqual(ids(android), ['DEV-ANDROID-OMADM-MARKERS', 'DEV-SCEP-CLIENT-PKISTATUS-FAILURE']);
  const ios = parseDocument(fixture('device', 'ios-console.txt'), { fileName: 'console.txt' });
  assert.deepEqual(entries(ios)[3]?.fields, { device: 'iPhone', process: 'profiled', pid: '123', level: 'Notice' });
  const rtf = parseDocument(fixture('device', 'ios-console.rtf'), { fileName: 'console.rtf' });
  assert.equal(entries(rtf).length, 3);
  assert.ok(entries(rtf).every((r) => !r.text.startsWith('\\') && !r.text.endsWith('\\') && !r.text.endsWith('}')));
  assert.deepEqual(ids(rtf), ['DEV-IOS-RA-RESPONSE-INVALID', 'DEV-IOS-SUCCESS-MARKERS', 'NDES-IIS-GETCACERT-WITHOUT-GETCACAPS']);
});

test('detection: an iOS console export with capitalised levels (Debug / Default) is a device log', () => {
  // Shape of the iOS lines in Microsoft Learn's troubleshoot-scep-certificate-delivery article.
  const text = [
    'Debug 18:30:53.691033 -0500 profiled Performing synchronous URL request: https://scep.contoso.example/certsrv/mscep/mscep.dll?operation=GetCACert&message=SCEP%20Authority\\  ',
    "Default 18:30:57.320616 -0500 profiled Profile \\'93www.windowsintune.com.SCEP.ModelName=AC_1234;Hash=-912418295\\'94 installed.\\ ",
  ].join('\n');
  assert.deepEqual(detectFormat({ text }), { format: 'device-log', by: 'content' });
  const model = parseDocument(text, { fileName: 'console.txt' });
  assert.deepEqual(entries(model)[0]?.fields, { level: 'Debug', process: 'profiled' });
  assert.deepEqual(ids(model), ['DEV-IOS-SUCCESS-MARKERS']);
});

test('detection: Apple syslog lines with a weekday, and as idevicesyslog prints them, are device logs', () => {
  const forms = [
    'Mon Mar  4 18:30:53 iPhone profiled[123] <Notice>: Sending CSR via GET.',
    // idevicesyslog (libimobiledevice 1.3, syslog relay): no device name.
    'Mar  4 18:30:53 profiled[123] <Notice>: Sending CSR via GET.',
    // idevicesyslog (1.4, unified log): microseconds, and the image that logged when it is not the process.
    'Mar  4 18:30:53.123456 profiled[123] <Notice>: Sending CSR via GET.',
    'Mar 14 18:30:53.123456 profiled(Security)[123] <Error>: SecTrustEvaluate  [leaf AnchorTrusted]',
    // Messy: the day's padding lost, tabs, a no-break space from a mail, a weekday and microseconds together.
    'Mon Mar 4 18:30:53 iPhone profiled[123] <Notice>: Sending CSR via GET.',
    'Mar\t4 18:30:53\tprofiled[123]\t<Notice>: Sending CSR via GET.',
    'Mon Mar\u00a0 4 18:30:53 iPhone profiled[123] <Notice>: Sending CSR via GET.',
    'Mon Mar  4 18:30:53.123456 iPhone profiled[123] <Notice>: Sending CSR via GET.',
  ];
  for (const line of forms) {
    assert.deepEqual(detectFormat({ text: `[connected:00008110-001A2D8E3C12802E]\r\n${line}\r\n` }), { format: 'device-log', by: 'content' }, line);
    assert.equal(detectFormat({ text: line, fileName: 'renamed.log' }).format, 'device-log', line);
  }
  // Not Apple's: no `<Level>:` after the pid (a Linux syslog line), or a date in prose.
  for (const text of [
    'Mar  4 18:30:53 host sshd[123]: Accepted publickey for admin',
    'Mon Mar  4 18:30:53 2024: the device profiled[123] failed',
    'Mon Mar  4 18:30:53 UTC 2024 <Notice>: reboot',
  ]) assert.equal(detectFormat({ text }).format, 'plain-text', text);
});

test('device: syslog lines of every form are one record each, with their fields and a time whose year is left open', () => {
  const idevice = parseDocument(fixture('device', 'idevicesyslog.log'), { fileName: 'idevicesyslog.log' });
  assert.equal(idevice.format, 'device-log');
  const lines = entries(idevice);
  assert.equal(lines.length, 7, 'the [connected] and [disconnected] lines are records of their own');
  assert.deepEqual(lines[1]?.fields, { process: 'profiled', pid: '412', level: 'Notice' });
  assert.equal(lines[1].time, 'XXXX-03-04T18:30:52.901');
  assert.deepEqual(lines[3]?.fields, { process: 'profiled', image: 'Security', pid: '412', level: 'Error' });
  assert.equal(lines[3].time, 'XXXX-03-04T18:30:53.691');
  assert.equal(lines[0]?.fields, undefined);
  // profiled's own trust check failed; trustd's did not count.
  const failures = validate(idevice).filter((f) => f.ruleId === 'DEV-IOS-RA-RESPONSE-INVALID').map((f) => idevice.records.findIndex((r) => r.start <= f.start && f.start < r.end));
  assert.deepEqual(failures, [3, 5]);
  assert.deepEqual(ids(idevice), ['DEV-IOS-RA-RESPONSE-INVALID', 'DEV-IOS-SUCCESS-MARKERS']);

  const weekday = parseDocument(fixture('device', 'ios-syslog-weekday.log'), { fileName: 'console.log' });
  assert.deepEqual(entries(weekday).map((r) => [r.line, r.time, r.fields?.['device'], r.fields?.['process']]), [
    [0, 'XXXX-03-04T18:30:52', 'iPhone', 'profiled'],
    [1, 'XXXX-03-04T18:30:53', 'iPhone', 'profiled'],
    [2, 'XXXX-03-04T18:30:57', 'iPhone', 'profiled'],
  ]);
  assert.ok(entries(weekday).every((r) => r.text.startsWith('Mon Mar') && !/\s$/.test(r.text)));
  assert.deepEqual(ids(weekday), ['DEV-IOS-SUCCESS-MARKERS']);
  // Without the year a time is no instant: the flow never compares it with another log's.
  assert.equal(parseTime(lines[1].time), undefined);
  // A month name the scanner does not know (a localised `%b`) still splits the line, without a time.
  const localised = entries(parseDocument('Mär  4 18:30:53 profiled[1] <Notice>: a\nMar  4 18:30:54 profiled[1] <Notice>: b', { languageId: 'device-log' }));
  assert.deepEqual(localised.map((r) => r.time), [undefined, 'XXXX-03-04T18:30:54']);
});

test('new formats: chunked streaming gives the same records as one push (BOM, CRLF split across chunks)', () => {
  for (const [format, path] of FIXTURES) {
    const text = '\uFEFF' + fixture(...path).replace(/\r?\n/g, '\r\n');
    const whole = chunked(format, text, text.length);
    for (const size of [1, 3, 7, 64]) {
      const parts = chunked(format, text, size);
      assert.deepEqual(parts.records.map((r) => [r.start, r.end, r.line, r.text, r.time, r.fields]), whole.records.map((r) => [r.start, r.end, r.line, r.text, r.time, r.fields]), `${path.join('/')} chunk ${size}`);
    }
  }
});

test('new formats: CRLF and LF give the same findings at the same places', () => {
  for (const [format, path] of FIXTURES) {
    const lf = fixture(...path).replace(/\r\n/g, '\n');
    const run = (t: string): string[] => {
      const b = createModelBuilder(format);
      b.push(t);
      const lines = t.split(/\r?\n/);
      return validate(b.end()).map((f) => {
        let line = 0;
        let at = f.start;
        for (const l of lines) { const len = l.length + (t.includes('\r\n') ? 2 : 1); if (at < len) break; at -= len; line++; }
        return `${f.ruleId}@${line}:${at}`;
      });
    };
    assert.deepEqual(run(lf.replace(/\n/g, '\r\n')), run(lf), path.join('/'));
  }
});

test('detection: IIS Advanced Logging files and request lines with s-sitename s-computername are IIS', () => {
  // The Advanced Logging module's banner, with its local-time columns and quoted values.
  const advanced = '#Software: IIS Advanced Logging Module\n#Version: 1.0\n#Start-Date: 2025-06-10 06:00:00.000\n'
    + '#Fields: date-local time-local s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status TimeTakenMS\n'
    + '2025-06-10 06:00:01.123 10.1.2.3 GET /index.htm - 80 "10.9.8.7" "Mozilla/5.0 (Windows NT 10.0)" 200 0 0 15\n';
  assert.deepEqual(detectFormat({ text: advanced }), { format: 'iis-w3c-log', by: 'content' });
  assert.deepEqual(detectFormat({ text: advanced.split('\n').filter((l) => !l.startsWith('#Software')).join('\n') }), { format: 'iis-w3c-log', by: 'content' });
  // Lines copied without directives, with the site name and computer name before s-ip.
  const sited = '2025-06-10 06:00:01 W3SVC1 WEB01 10.1.2.3 GET /index.htm - 80 - 10.9.8.7 HTTP/1.1 curl/8.4.0 - - www.example.invalid 200 0 0 512 120 15\n'
    + '2025-06-10 06:00:02 W3SVC1 WEB01 ::1%0 GET / - 80 - ::1%0 HTTP/1.1 curl/8.4.0 - - localhost 404 0 2 512 120 3\n';
  assert.deepEqual(detectFormat({ text: sited }), { format: 'iis-w3c-log', by: 'content' });
  // An http.sys line has five columns before the verb: still http.sys.
  assert.equal(detectFormat({ text: '2024-03-05 08:20:11 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /index.htm 400 - BadRequest -\n' }).format, 'httperr-log');
});

test('setupmsi: another product installed with status 0 is no evidence that the connector installed', () => {
  const msi = (product: string): string => '=== Verbose logging started: 6/10/2025  10:00:00  Build type: SHIP UNICODE 5.00.10011.00  Calling process: C:\\Windows\\system32\\msiexec.exe ===\n'
    + `MSI (s) (08:18) [10:00:05:218]: Product: ${product} -- Installation completed successfully.\n`
    + `MSI (s) (08:18) [10:00:05:218]: Windows Installer installed the product. Product Name: ${product}. Product Version: 1.2.3.4. Product Language: 1033. Manufacturer: Example Corp. Installation success or error status: 0.\n`;
  assert.deepEqual(ids(parseDocument(msi('Contoso Backup Agent'), { fileName: 'install.log' })), []);
  assert.deepEqual(ids(parseDocument(msi('Microsoft Intune Connector'), { fileName: 'SetupMsi.log' })), ['SETUP-MSI-SUCCESS']);
});

test('detection: a script\'s CMTrace log that says "Notify" is a CMTrace log, the policy module\'s Notify calls are NDESPlugin', () => {
  const line = (msg: string): string => `<![LOG[${msg}]LOG]!><time="08:00:36.546+000" date="03-10-2025" component="Toast-Script" context="" type="1" thread="" file="">\n`;
  assert.deepEqual(detectFormat({ text: line('Notify user about pending restart') + line('Toast displayed') }), { format: 'cmtrace-log', by: 'content' });
  assert.equal(detectFormat({ text: line('Calling Notifyrequest ...') }).format, 'ndesplugin-log');
  assert.equal(detectFormat({ text: line('Exiting Notify with 0x0') }).format, 'ndesplugin-log');
});

test('httperr: a long URL refused on another site\'s path is not a SCEP request refused; on the SCEP path it is', () => {
  const log = (uri: string): string => '#Software: Microsoft HTTP API 2.0\n#Version: 1.0\n#Date: 2025-06-10 06:00:00\n'
    + '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\n'
    + `2025-06-10 06:00:02 10.9.8.7 50124 10.0.0.5 443 HTTP/1.1 GET ${uri} - 414 - URL_Length -\n`;
  assert.deepEqual(ids(parseDocument(log('/search?q=aaaaaaaaaaaaaaaaaaaaaaaa'), { fileName: 'httperr1.log' })), []);
  assert.deepEqual(ids(parseDocument(log('/certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=MIIK'), { fileName: 'httperr1.log' })), ['NDES-HTTPERR-URL-TOO-LONG']);
});

test('detection: an Apple syslog capture whose messages run over several lines is still a device log; a ticket quoting its lines is not', () => {
  // The unified log prints a message's line breaks as they are: a dictionary or a list takes lines of its own.
  const capture = [
    'Mar  4 18:30:52.901233 profiled[412] <Notice>: Adding dependent ModelName=AC_1234_LogicalName_abcd to parent www.windowsintune.com.SCEP.ModelName=AC_1234 in domain PayloadDependencyDomainCertificate',
    'Mar  4 18:30:53.100000 profiled[412] <Notice>: SCEP payload contents:',
    '{', '    Keysize = 2048;', '    Subject = "CN=user@contoso.com";', '    URL = "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll";', '}',
    'Mar  4 18:30:53.123456 profiled[412] <Notice>: Performing synchronous URL request: https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACert&message=SCEP%20Authority',
    'Mar  4 18:30:53.691033 profiled(Security)[412] <Error>: SecTrustEvaluate  [leaf AnchorTrusted]',
    'Mar  4 18:30:53.800000 profiled[412] <Notice>: Received certificates:',
    '(', '    "<cert(0x1030a8e00) s: Contoso NDES RA i: Contoso Issuing CA>",', '    "<cert(0x1030a9200) s: Contoso NDES RA Enc i: Contoso Issuing CA>"', ')',
    'Mar  4 18:30:54.000412 profiled[412] <Error>: Cannot retrieve SCEP identity: Error Domain=MCSCEPErrorDomain Code=22013 "The Registration Authority\'s response is invalid." UserInfo={NSLocalizedDescription=The Registration Authority\'s response is invalid.,',
    'MCErrorType=MCFatalError}',
    '',
  ].join('\n');
  assert.deepEqual(detectFormat({ text: capture, fileName: 'syslog.txt' }), { format: 'device-log', by: 'content' });
  const model = parseDocument(capture, { fileName: 'syslog.txt' });
  const profiled = entries(model).filter((r) => r.fields?.['process'] === 'profiled');
  assert.equal(profiled.length, 6);
  assert.equal(profiled[3]?.time, 'XXXX-03-04T18:30:53.691');
  assert.ok(ids(model).includes('DEV-IOS-RA-RESPONSE-INVALID'), ids(model).join());
  // A ticket quoting two such lines, its own words and NDES's around and between them, stays pasted text.
  const ticket = [
    'Hi team, the iPhone cannot enroll. From the device:',
    'Mar  4 18:30:53.691033 profiled(Security)[412] <Error>: SecTrustEvaluate  [leaf AnchorTrusted]',
    'and on the NDES server at the same time:',
    'The Network Device Enrollment Service cannot submit the certificate request (The RPC server is unavailable.). 0x800706ba',
    'then the device says',
    'Mar  4 18:30:54.000412 profiled[412] <Error>: Cannot retrieve SCEP identity',
    'Thanks',
    '',
  ].join('\n');
  assert.equal(detectFormat({ text: ticket, fileName: 'ticket.txt' }).format, 'plain-text');
});

test('detection: a ticket quoting three device lines with its own words and NDES\'s between them stays pasted text', () => {
  // The words between quoted lines are no message's rest: the line above them ends no list or value.
  const ticket = [
    'Hello team, the iPhone of the user fails to get its certificate. Console shows:',
    'May 23 14:15:40 iPhone profiled[150] <Notice>: Installing profile',
    'Meanwhile on the NDES server, the Application log shows event 31:',
    'The Network Device Enrollment Service cannot submit the certificate request (0x800706ba). The RPC server is unavailable.',
    'and then on the phone again:',
    'May 23 14:15:41 iPhone profiled[150] <Notice>: Attempting to retrieve issued certificate...',
    'May 23 14:15:43 iPhone profiled[150] <Notice>: Done',
    'Please advise.',
    '',
  ].join('\n');
  assert.equal(detectFormat({ text: ticket, fileName: 'ticket.txt' }).format, 'plain-text');
  assert.ok(ids(parseDocument(ticket, { fileName: 'ticket.txt' })).includes('CA-RPC-UNAVAILABLE'));
});
