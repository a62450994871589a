import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, COPY_REMEDIATION_COMMAND, SHOW_GUIDANCE_COMMAND } from '../../server/src/core/codeActions';
import { detectFormat } from '../../server/src/core/detect';
import { toDiagnostics } from '../../server/src/core/diagnostics';
import { hover } from '../../server/src/core/hover';
import { parseDocument } from '../../server/src/core/parse';
import { validate } from '../../server/src/core/analysis';

/** Inline text with `|` marking the cursor. */
function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function hoverText(marked: string, fileName: string): string {
  const { text, offset } = withCursor(marked);
  const doc = TextDocument.create('file:///' + fileName, 'plaintext', 1, text);
  const model = parseDocument(text, { fileName });
  const h = hover(model, validate(model), offset, (o) => doc.positionAt(o));
  assert.ok(h, 'expected a hover');
  const contents = h.contents;
  return typeof contents === 'object' && 'value' in contents ? contents.value : JSON.stringify(contents);
}

test('hover on the IIS 403.16 line explains the rule and decodes every number', () => {
  const md = hoverText('POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 -<IP_address>\nNDES_Plugin - 4|03 16 2148204809 453', 'u_ex200130.log');
  assert.match(md, /NDES-IIS-CRP-403-16/);
  assert.match(md, /0x800B0109/);
  assert.match(md, /CERT_E_UNTRUSTEDROOT/);
  assert.match(md, /403\.16/);
  assert.match(md, /Trusted Root/);
  assert.match(md, /\*\*Fix\*\*/);
  assert.match(md, /\(https:\/\/learn\.microsoft\.com\/en-us\/troubleshoot\/mem\/intune\/certificates\/troubleshoot-scep-certificate-ndes-policy-module\)/);
});

test('hover on the 12175 line decodes the WinHTTP error', () => {
  const md = hoverText('Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 121|75', 'NDESPlugin.log');
  assert.match(md, /NDES-PLUGIN-12175-CN-INVALID/);
  assert.match(md, /ERROR_WINHTTP_SECURE_FAILURE/);
});

test('hover on a success line says which step succeeded', () => {
  const md = hoverText('Verify challenge returns tr|ue', 'NDESPlugin.log');
  assert.match(md, /NDES-PLUGIN-SUCCESS/);
  assert.match(md, /success marker/);
});

test('hover keeps log text inert: HTML and Markdown from a log are escaped', () => {
  const md = hoverText('Verify challenge returns f|alse <img src=x onerror=alert(1)> [click](https://evil.example) `x`', 'NDESPlugin.log');
  assert.doesNotMatch(md, /<img/);
  assert.doesNotMatch(md, /\]\(https:\/\/evil/);
});

test('diagnostics: code, source, href and data; success markers only on request; severity overrides', () => {
  const text = 'Calling VerifyRequest ...\nVerify challenge returns false\n';
  const doc = TextDocument.create('file:///NDESPlugin.log', 'ndesplugin-log', 1, text);
  const model = parseDocument(text, { fileName: 'NDESPlugin.log' });
  const at = (o: number) => doc.positionAt(o);
  const plain = toDiagnostics(validate(model), at);
  assert.equal(plain.length, 1);
  const d = plain[0];
  assert.ok(d);
  assert.equal(d.code, 'NDES-PLUGIN-VERIFY-FALSE');
  assert.equal(d.source, 'ndes-lens');
  assert.equal(d.severity, 1);
  assert.equal(d.codeDescription?.href, 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module');
  assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } });
  const withMarkers = toDiagnostics(validate(model), at, { showSuccessMarkers: true, maxNumberOfProblems: 100 });
  assert.deepEqual(withMarkers.map((x) => [x.code, x.severity]), [['NDES-PLUGIN-VERIFY-SENT', 3], ['NDES-PLUGIN-VERIFY-FALSE', 1]]);
  const overridden = toDiagnostics(validate(model, { rules: { 'NDES-PLUGIN-VERIFY-FALSE': 'warning' } }), at);
  assert.equal(overridden[0]?.severity, 2);
  assert.equal(toDiagnostics(validate(model, { rules: { 'NDES-PLUGIN-VERIFY-FALSE': 'off' } }), at).length, 0);
});

test('code actions: guidance for every finding, copy remediation where the catalogue has one', () => {
  const text = 'NDES_Plugin - 403 16 2148204809 453\n';
  const doc = TextDocument.create('file:///u_ex1.log', 'iis-w3c-log', 1, text);
  const model = parseDocument(text, { fileName: 'u_ex1.log' });
  const diags = toDiagnostics(validate(model), (o) => doc.positionAt(o));
  const actions = codeActions(diags);
  assert.deepEqual(actions.map((a) => a.command?.command), [SHOW_GUIDANCE_COMMAND, COPY_REMEDIATION_COMMAND]);
  assert.deepEqual(actions[0]?.command?.arguments, ['NDES-IIS-CRP-403-16']);
  assert.match(String(actions[1]?.command?.arguments?.[1]), /Cert:\\LocalMachine\\Root \| Where-Object \{ \$_\.Issuer -ne \$_\.Subject \}/);
  const first = diags[0];
  assert.ok(first);
  assert.deepEqual(codeActions([{ ...first, source: 'other' }]), []);
});

test('detection: content beats names; generic ids fall through to names', () => {
  assert.equal(detectFormat({ text: '#Software: Microsoft Internet Information Services 10.0\n', fileName: 'NDESPlugin.log' }).format, 'iis-w3c-log');
  assert.equal(detectFormat({ text: 'x', languageId: 'log', fileName: '/a/u_ex200130.log' }).format, 'iis-w3c-log');
  assert.equal(detectFormat({ text: 'Verify challenge returns true', languageId: 'plaintext', fileName: 'renamed.txt' }).format, 'ndesplugin-log');
  assert.equal(detectFormat({ text: '<E2ETraceEvent xmlns="x">', fileName: 'trace.xml' }).format, 'wcf-svclog');
  assert.equal(detectFormat({ text: '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 x - 403 0 0 1', fileName: 'web-export.log' }).format, 'iis-w3c-log');
  assert.deepEqual(detectFormat({ text: 'hello', fileName: 'notes.txt' }), { format: 'plain-text', by: 'fallback' });
  // Dated request lines make an IIS log only when they are most of the text: a ticket quoting one is pasted text.
  const request = '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 x - 403 0 0 1';
  const ticket = ['Hi team,', 'the server logs this:', request, 'and the CA says it denied the request.', 'Thanks'].join('\n');
  assert.deepEqual(detectFormat({ text: ticket, fileName: 'ticket.txt' }), { format: 'plain-text', by: 'fallback' });
  assert.equal(detectFormat({ text: ['Requests from this morning:', request, request, request].join('\r\n'), fileName: 'excerpt.txt' }).format, 'iis-w3c-log');
  assert.equal(detectFormat({ text: 'hello', languageId: 'wcf-svclog' }).by, 'language');
});

test('detection: a message quoting another format\'s tag does not switch a named, framed log', () => {
  const line = (message: string): string => `<![LOG[${message}]LOG]!><time="00:00:09.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5937" file="">`;
  const plugin = [line('Calling VerifyRequest ...'), line('Body: <E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent">'), line('Verify challenge returns false')].join('\r\n');
  assert.deepEqual(detectFormat({ text: plugin, fileName: 'NDESPlugin.log' }), { format: 'ndesplugin-log', by: 'content' });
  assert.deepEqual(detectFormat({ text: plugin, languageId: 'ndesplugin-log' }), { format: 'ndesplugin-log', by: 'content' });
  const event = '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>4007</EventID></System></Event>';
  const iis = ['#Software: Microsoft Internet Information Services 10.0', '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken', `2024-03-05 08:14:02 10.1.2.3 GET /x q=${event} 443 - 10.9.8.7 x - 200 0 0 1`].join('\n');
  assert.equal(detectFormat({ text: iis, fileName: 'u_ex240305.log' }).format, 'iis-w3c-log');
  // Without its own framing the name does not hold: the quoted format is what the file shows.
  assert.equal(detectFormat({ text: '<E2ETraceEvent xmlns="x">', fileName: 'NDESPlugin.log' }).format, 'wcf-svclog');
  // Nor against an export that frames the whole file.
  assert.equal(detectFormat({ text: `<Events>${event}${line('Calling VerifyRequest ...')}</Events>`, fileName: 'NDESPlugin.log' }).format, 'windows-event-log');
  // Nor when the named format's framing comes only after the other's: a renamed HTTPERR log holds an
  // IIS-like #Fields line; NDESPlugin lines are CMTrace framing too, from the first line on.
  const httperr = ['#Software: Microsoft HTTP API 2.0', '#Version: 1.0', '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename', '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll 414 - URL_Length -'].join('\r\n');
  assert.equal(detectFormat({ text: httperr, fileName: 'u_ex240305.log' }).format, 'httperr-log');
  assert.equal(detectFormat({ text: plugin, fileName: 'Validate-NDESConfig.log' }).format, 'ndesplugin-log');
  assert.equal(detectFormat({ text: plugin, languageId: 'cmtrace-log' }).format, 'ndesplugin-log');
});

test('pasted text with no framing still matches its signatures', () => {
  const model = parseDocument('ticket says:\nNDES_Plugin - 403 16 2148204809 453\nand the svclog: VerifyRequest Finished with status False\n', { fileName: 'notes.txt' });
  assert.equal(model.detectedBy, 'phrases');
  assert.deepEqual(validate(model).map((f) => f.ruleId), ['NDES-IIS-CRP-403-16', 'NDES-CRP-VERIFY-FINISHED-FALSE']);
});

test('diagnostics: over maxNumberOfProblems, errors are kept before success markers', () => {
  const text = 'Verify challenge returns true\n'.repeat(50) + 'Verify challenge returns false\n';
  const doc = TextDocument.create('file:///NDESPlugin.log', 'ndesplugin-log', 1, text);
  const model = parseDocument(text, { fileName: 'NDESPlugin.log' });
  const capped = toDiagnostics(validate(model), (o) => doc.positionAt(o), { showSuccessMarkers: true, maxNumberOfProblems: 10 });
  assert.equal(capped.length, 10);
  assert.equal(capped[capped.length - 1]?.code, 'NDES-PLUGIN-VERIFY-FALSE', 'the error at the end survives the cap, in document order');
});
