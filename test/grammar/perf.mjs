// Linear-time guard for the TextMate grammars in syntaxes/.
//
// Tokenises very long and deliberately awkward lines with each grammar (vscode-textmate + vscode-oniguruma,
// the engine VS Code uses). Each case is generated at 10, 40 and 80 KB; after a warm-up on a 2 KB variant
// (so regex compilation is not timed) the best of a few runs is taken for each size. A case fails when
//   - the 80 KB line takes longer than BUDGET_MS (catastrophic backtracking), or
//   - the 80 KB line is slow (over SLOW_MS) and took more than GROWTH_LIMIT times the 10 KB line
//     (linear is ~8, quadratic ~64), or
//   - a scope check at the far end of the line fails ("fast because it gave up" cannot pass).
// Why these thresholds: on a busy 2-core machine even a trivial grammar shows growth ratios of x3 to x7
// per doubling on token-dense lines (GC, scheduling), so a ratio alone is noise. A real quadratic bug,
// such as captures with "patterns" on a long line, costs seconds at these sizes, while the linear
// grammars stay well under a second even under load. The 40 KB time is printed for reference.
//
// Usage: node test/grammar/perf.mjs            (from the repository root)
// Env:   GRAMMAR_PERF_BUDGET_MS=3000  GRAMMAR_PERF_SLOW_MS=500  GRAMMAR_PERF_GROWTH_LIMIT=32
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const BUDGET_MS = Number(process.env.GRAMMAR_PERF_BUDGET_MS || 3000);
const SLOW_MS = Number(process.env.GRAMMAR_PERF_SLOW_MS || 500);
const GROWTH_LIMIT = Number(process.env.GRAMMAR_PERF_GROWTH_LIMIT || 32);
const fillTo = (bytes) => (unit) => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

const grammarFiles = {
  'source.iis-w3c-log': 'syntaxes/iis-w3c-log.tmLanguage.json',
  'source.ndesplugin-log': 'syntaxes/ndesplugin-log.tmLanguage.json',
  'source.wcf-svclog': 'syntaxes/wcf-svclog.tmLanguage.json',
  'source.httperr-log': 'syntaxes/httperr-log.tmLanguage.json',
  'source.windows-event-log': 'syntaxes/windows-event-log.tmLanguage.json',
  'source.setupmsi-log': 'syntaxes/setupmsi-log.tmLanguage.json',
  'source.cmtrace-log': 'syntaxes/cmtrace-log.tmLanguage.json',
  'source.device-log': 'syntaxes/device-log.tmLanguage.json',
  'source.ndes-lens-failures': 'syntaxes/ndes-lens-failures.tmLanguage.json',
};

// base64 as IIS logs it inside cs-uri-query: '+' '/' '=' are percent-encoded
const pkiUnit = 'MIIK2gYJKoZIhvcNAQcCoIIKyzCCCscCAQExDzANBglghkgBZQMEAgEFADCC%2BJ8GCSqGSIb3%2FQEHAaCC%3D';
const wcfRecord = (msg) =>
  '<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system">' +
  '<EventID>0</EventID><Type>3</Type><SubType Name="Information">0</SubType><Level>8</Level><TimeCreated SystemTime="2024-03-05T08:14:03.2500000Z" />' +
  '<Source Name="CertificateRegistrationPoint" /><Correlation ActivityID="{6f1c0d7e-0000-4a9b-9d1e-2b3c4d5e6f70}" />' +
  '<Execution ProcessName="w3wp" ProcessID="4120" ThreadID="17" /><Channel/><Computer>NDES01</Computer></System>' +
  `<ApplicationData>${msg}</ApplicationData></E2ETraceEvent>`;

// [scope, description, make(fill) -> line, optional check(tokens, line) -> error string | undefined]
// fill(unit) repeats unit up to the size being measured.
const pki = 'MIIK2gYJKoZIhvcNAQcCoIIKyzCCCscCAQExDzANBglghkgBZQMEAgEFADCC';
const ev = (msg) => `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-NetworkDeviceEnrollmentService"/><EventID>31</EventID><Level>2</Level><TimeCreated SystemTime="2024-03-05T08:14:05.1234567Z"/></System><RenderingInfo Culture="en-US"><Message>${msg}</Message></RenderingInfo></Event>`;
const cases = [
  ['source.iis-w3c-log', 'PKIOperation query line (SCEP message in cs-uri-query)',
    (fill) => `2024-03-05 00:00:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=${fill(pkiUnit)} 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 1402`,
    (t, l) => expectScope(t, l, l.lastIndexOf(' 200 0 0 ') + 1, 'constant.numeric.status.success.iis-w3c-log') ??
      expectScope(t, l, l.indexOf('message=') + 8, 'string.unquoted.query-value.iis-w3c-log')],
  ['source.iis-w3c-log', 'PKIOperation glued to the stem with ?',
    (fill) => `2024-03-05 00:00:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=${fill(pkiUnit)} 400 - RequestLength -`],
  ['source.iis-w3c-log', 'token without = or spaces', (fill) => `GET /x ${fill('A')} 443 - - - 500 0 0 1`,
    (t, l) => expectScope(t, l, l.length - 8, 'constant.numeric.status.server-error.iis-w3c-log')],
  ['source.iis-w3c-log', 'small numbers', (fill) => fill('1 ')],
  ['source.iis-w3c-log', '3-digit numbers', (fill) => fill('200 0 ')],
  ['source.iis-w3c-log', 'colon run (IPv6/time rules)', (fill) => fill('a:')],
  ['source.iis-w3c-log', 'digit-dot run (IPv4 rule)', (fill) => fill('1.')],
  ['source.iis-w3c-log', 'user agent without NDES+client', (fill) => `Mozilla/${fill('x+')}`],
  ['source.iis-w3c-log', '= & ?', (fill) => fill('a=&?')],
  ['source.iis-w3c-log', '< and -', (fill) => fill('<-')],
  ['source.ndesplugin-log', 'HTML page on one line',
    (fill) => `Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>${fill('<h2 class="a">403 - Forbidden: Access is denied.</h2>')}</html>`],
  ['source.ndesplugin-log', 'unterminated CMTrace record', (fill) => `<![LOG[${fill('Calling VerifyRequest 0x0 12175 ')}`],
  ['source.ndesplugin-log', 'hex run after Exiting', (fill) => `Exiting VerifyRequest with 0x${fill('f')}`],
  ['source.ndesplugin-log', '$$< trailers', (fill) => fill('$$<a><')],
  ['source.ndesplugin-log', 'CMTrace attributes', (fill) => `]LOG]!><${fill('time="1" ')}`],
  ['source.ndesplugin-log', 'plain text', (fill) => fill('Sending request to certificate registration point ')],
  ['source.wcf-svclog', 'whole svclog written as one line',
    (fill) => fill(wcfRecord('VerifyRequest Started.')) + wcfRecord('VerifyRequest Finished with status True'),
    (t, l) => expectScope(t, l, l.lastIndexOf('VerifyRequest Finished'), 'markup.inserted.result.success.wcf-svclog')],
  ['source.wcf-svclog', 'dotted name after "at" without parentheses', (fill) => `at ${fill('a.')}`],
  ['source.wcf-svclog', 'dotted name without Exception', (fill) => `${fill('Ab.')}x`],
  ['source.wcf-svclog', 'stack frames', (fill) => fill('   at A.B.C(String&amp; x, Int32 y) in C:\\a.cs:line 1&#xD;&#xA;')],
  ['source.wcf-svclog', 'parameter list without )', (fill) => `at A.B(${fill('x ')}`],
  ['source.wcf-svclog', 'unterminated attribute value', (fill) => `<a b="${fill('c')}`],
  ['source.wcf-svclog', 'entities in ApplicationData', (fill) => `<ApplicationData>${fill('&amp;&#xD;')}</ApplicationData>`],
  ['source.wcf-svclog', '< characters', (fill) => fill('<')],
  ['source.httperr-log', 'PKIOperation URL', (fill) => `2024-03-05 08:20:11 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=${fill(pki)} 400 - RequestLength -`,
    (t, l) => expectScope(t, l, l.lastIndexOf('RequestLength'), 'keyword.other.reason.error.httperr-log')],
  ['source.httperr-log', 'digits and blanks', (fill) => fill('400 1 ')],
  ['source.httperr-log', 'colons', (fill) => fill('a:')],
  ['source.httperr-log', '# directive value', (fill) => `#Fields: ${fill('date ')}`],
  ['source.windows-event-log', 'wevtutil events on one line', (fill) => fill(ev('The Network Device Enrollment Service cannot submit the certificate request. 0x80004005')),
    (t, l) => expectScope(t, l, l.lastIndexOf('cannot'), 'invalid.illegal.failure.windows-event-log')],
  ['source.windows-event-log', 'unterminated tag', (fill) => `<Event ${fill('a="b" ')}`],
  ['source.windows-event-log', 'unterminated attribute string', (fill) => `<Event a="${fill('b ')}`],
  ['source.windows-event-log', 'tab separated', (fill) => fill('Error\t3/5/2024 9:14:05 AM\t')],
  ['source.windows-event-log', 'dashes', (fill) => fill('-- ')],
  ['source.windows-event-log', 'digits and colons', (fill) => fill('1:2')],
  ['source.setupmsi-log', 'long property value', (fill) => `Property(S): X = ${fill('abc ')}`],
  ['source.setupmsi-log', 'engine prefix repeated', (fill) => fill('MSI (s) (3C:1A) [10:02:17:441]: ')],
  ['source.setupmsi-log', 'custom action name run', (fill) => `${fill('a')}: Error 0x80070005:`],
  ['source.cmtrace-log', 'unterminated record', (fill) => `<![LOG[${fill('not set to 0x1 ')}`],
  ['source.cmtrace-log', 'attributes', (fill) => `]LOG]!><${fill('time="1" ')}>`],
  ['source.cmtrace-log', 'CSV quotes', (fill) => fill('"Error",')],
  ['source.device-log', 'Android line with a long URL', (fill) => `2024-03-05T08:14:01.1000000  VERB  Event  org.jscep.transport.UrlConnectionGetTransport  4211  12  Received '200 OK' when sending GetCACaps(ca) to https://x/${fill('a')} pkiStatus=FAILURE`,
    (t, l) => expectScope(t, l, l.lastIndexOf('pkiStatus'), 'invalid.illegal.failure.device-log')],
  ['source.device-log', 'RTF control words', (fill) => fill('\\tx560')],
  ['source.device-log', 'dotted class name', (fill) => `com.${fill('a.')}`],
  ['source.device-log', 'digits and colons', (fill) => fill('10:14:01.')],
  ['source.device-log', 'capitalised level words and blanks', (fill) => `Default${fill('Error \t ')}18:30:53.6 Fault`],
  ['source.device-log', 'process(image) without its pid', (fill) => ` profiled(${fill('Security')}`],
  ['source.ndes-lens-failures', 'a row with a long record', (fill) => `u_ex.log:26  NDES-IIS-CRP-403-16  ${fill('10.20.30.11 0x80094800 ')}403 16 2148204809 31`,
    (t, l) => expectScope(t, l, l.lastIndexOf('403 16'), 'constant.numeric.status.error.ndes-lens-failures')],
  ['source.ndes-lens-failures', 'a name full of colons and digits, never followed by two blanks', (fill) => fill('a:1 ')],
  ['source.ndes-lens-failures', 'rule ids', (fill) => `x.log:1  ${fill('NDES-A, ')}NDES-B  y`],
  ['source.ndes-lens-failures', 'digit-dot run', (fill) => `x.log:1  NDES-A  ${fill('1.')}`],
  ['source.ndes-lens-failures', 'unterminated quote', (fill) => `x.log:1  NDES-A  "${fill('a ')}`],
];

function expectScope(tokens, line, index, scope) {
  const tok = tokens.find((x) => x.startIndex <= index && index < x.endIndex);
  if (!tok || !tok.scopes.includes(scope)) {
    return `expected ${scope} at column ${index} (${JSON.stringify(line.slice(index, index + 20))}), got ${tok ? tok.scopes.join(' ') : 'no token'}`;
  }
  return undefined;
}

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
const registry = new vsctm.Registry({
  onigLib: oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  })),
  loadGrammar: async (scopeName) => {
    const file = grammarFiles[scopeName];
    return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
  },
});

function best(grammar, line, runs) {
  let bestMs = Infinity;
  let tokens;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    tokens = grammar.tokenizeLine(line, vsctm.INITIAL).tokens;
    bestMs = Math.min(bestMs, performance.now() - start);
  }
  return { ms: bestMs, tokens };
}

let failed = 0;
for (const scope of Object.keys(grammarFiles)) {
  const grammar = await registry.loadGrammar(scope);
  if (!grammar) throw new Error(`cannot load ${scope}`);
  for (const [caseScope, name, make, check] of cases) {
    if (caseScope !== scope) continue;
    grammar.tokenizeLine(make(fillTo(2048)), vsctm.INITIAL); // compile every rule this case reaches
    const small = best(grammar, make(fillTo(10 * 1024)), 3);
    const mid = best(grammar, make(fillTo(40 * 1024)), 2);
    const line = make(fillTo(80 * 1024));
    const large = best(grammar, line, 2);
    const growth = large.ms / Math.max(small.ms, 0.01);
    let problem;
    if (large.ms > BUDGET_MS) problem = `80 KB took ${large.ms.toFixed(1)} ms, budget ${BUDGET_MS} ms`;
    else if (large.ms > SLOW_MS && growth > GROWTH_LIMIT) problem = `slow and grows x${growth.toFixed(1)} from 10 KB to 80 KB (limit x${GROWTH_LIMIT})`;
    else problem = check?.(large.tokens, line);
    if (problem) failed++;
    const ms = (x) => x.ms.toFixed(1).padStart(7);
    console.log(`${problem ? 'FAIL' : 'ok  '} ${scope.padEnd(22)} 40 KB ${ms(mid)} ms  80 KB ${ms(large)} ms  ${name}${problem ? `: ${problem}` : ''}`);
  }
}
console.log(`perf: ${cases.length - failed} of ${cases.length} long lines tokenised in linear time`);
process.exit(failed ? 1 : 0);
