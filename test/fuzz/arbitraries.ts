import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { REPO_ROOT } from '../support/paths';

/**
 * Arbitraries that build log-like text: real lines from the golden seeds, the samples and the CLI
 * fixtures, catalogue sample lines, format framing (`<E2ETraceEvent`, `<![LOG[`, `#Fields:`),
 * entities, NULs, lone surrogates, BOMs, random UTF-16 and very long tokens, glued together with
 * every kind of line break.
 */
const FIXTURE_DIRS = ['samples', 'test/golden/seeds', 'test/cli/fixtures'];

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(filesUnder(path));
    else if (!/\.(?:md|json|findings)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every line of every fixture log, and every catalogue sample line (deduplicated, in a fixed order). */
export const REAL_LINES: readonly string[] = (() => {
  const lines = new Set<string>();
  for (const dir of FIXTURE_DIRS) {
    for (const path of filesUnder(join(REPO_ROOT, dir)).sort()) {
      for (const line of readFileSync(path, 'utf8').split(/\r\n|\n|\r/)) if (line.trim().length > 0) lines.add(line);
    }
  }
  for (const s of CATALOGUE) for (const line of [...s.samples.positive, ...s.samples.negative]) lines.add(line);
  return [...lines];
})();

/** Framing and tricky pieces every scanner has an opinion about. */
export const FRAGMENTS: readonly string[] = [
  '<E2ETraceEvent', '<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent">', '</E2ETraceEvent>',
  '<System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system">', '</System>',
  '<SubType Name="Error">0</SubType>', '<Source Name="CertificateRegistrationPoint" />', '<TimeCreated SystemTime="2024-03-05T08:14:02.1234567Z" />',
  '<Correlation ActivityID="{8c1f4a2e-5b7d-4e3a-9f10-2d6c8b4a7e91}" />', '<Computer>NDESSRV07</Computer>', '<Execution ProcessName="w3wp" ProcessID="1" ThreadID="2" />',
  '<EventID>0</EventID>', '<Level>2</Level>', '<ApplicationData>', '</ApplicationData>', '<TraceData><DataItem>', '</DataItem></TraceData>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>', '&lol2;', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;',
  '&#x41;', '&#65;', '&#x1F600;', '&#xD800;', '&#x110000;', '&#0;', '&#x0A;', '&#13;', '&#xFFFFFFFF;', '&#;', '&#x;', '&', '&amp', '<![CDATA[', ']]>',
  '<![LOG[', ']LOG]!>', '<time="08:14:02.123+000" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="4" file="">',
  '<time="8:1:2" date="3-5-2024"', ' $$<NDESPlugin><03-05-2024 08:14:02.123+000><thread=4 (0x4)>',
  '#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', '#Date: 2024-03-05 08:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  '#Fields: date time cs-method cs-uri-stem sc-status', '#Fields:', '#Fields: ', '#',
  '2024-03-05 08:14:02 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 -', ' NDES_Plugin - 403 16 2148204809 453',
  'GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=', ' 200 0 0 1', ' 500 0 0', ' 403 16 2148204809',
  'Verify challenge returns ', 'Verify challenge returns <!DOCTYPE html>', '<html>', '</html>', '</html >', 'Calling VerifyRequest', 'Exiting VerifyRequest with 0x0',
  'Sending request to certificate registration point.', 'VerifyRequest Started.', 'VerifyRequest Finished with status False', '   at System.Foo.Bar()', '--- End of stack trace ---',
  '\u0000', '\u0000\u0000\u0000', '\uFEFF', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\uFFFD', '\u2028', '\u0085', '\t', ' ', '\u000B', '\u000C',
  '\r', '\n', '\r\n', '\n\r', '\r\r\n',
];

/** One UTF-16 code unit of any value, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

const longToken = fc.tuple(fc.constantFrom('A', 'M', ' ', '0', '<', '&', 'a ', '/CertificateRegistrationSvc/', 'Verify challenge returns '), fc.integer({ min: 200, max: 9000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\n\n');

/** A piece of a log: mostly real lines and framing, some noise. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...REAL_LINES) },
  { weight: 25, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 20, arbitrary: lineBreak },
  { weight: 8, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 6, arbitrary: fc.string({ unit: codeUnit, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...REAL_LINES).chain((line) => fc.integer({ min: 0, max: line.length }).map((cut) => line.slice(0, cut))) },
  { weight: 1, arbitrary: longToken },
);

/** A line: a real one, framing, a stack frame, noise, or a few pieces glued together. */
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REAL_LINES) },
  { weight: 2, arbitrary: fc.constantFrom('   at System.Net.HttpWebRequest.GetResponse()', '   at Microsoft.Intune.Foo.Bar(String s)', '--- End of inner exception stack trace ---', '') },
  { weight: 2, arbitrary: fc.array(piece, { maxLength: 4 }).map((p) => p.join('')) },
);

/** A whole log-like document: pieces glued at any point, or lines joined by any line break. */
export const logText: fc.Arbitrary<string> = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.array(fc.tuple(line, lineBreak), { maxLength: 30 }).map((lines) => lines.map(([l, br]) => l + br).join('')),
);

/** Cut points for splitting a text into chunks (any index, CRLF and surrogate pairs included). */
export const cuts: fc.Arbitrary<readonly number[]> = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

/** A file name or editor language a document may come with. */
export const origin: fc.Arbitrary<{ fileName?: string; languageId?: string }> = fc.record({
  fileName: fc.constantFrom('NDESPlugin.log', 'u_ex240305.log', 'CertificateRegistrationPoint_03_05.svclog', 'ticket.txt', 'untitled-1', 'file:///x/%E0%A4%A.log', ''),
  languageId: fc.constantFrom('log', 'plaintext', 'iis-w3c-log', 'ndesplugin-log', 'wcf-svclog', 'plain-text', 'unknown'),
}, { requiredKeys: [] });
