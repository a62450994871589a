// Synthetic NDES evidence for the benchmark: healthy SCEP traffic in the shapes of samples/ with rare
// failures. Deterministic (seeded), streamed to disk in 1 MB writes. Never committed: bench/run.mjs
// writes into a temporary folder.
import { openSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The simulator's seeded PRNG (test/support/simulate/random.ts, built by tsc -b), so every run
 * measures the same bytes.
 */
const { Random } = createRequire(import.meta.url)('../out/test/support/simulate/random.js');
function rng(seed) {
  const r = new Random(seed);
  return () => r.next();
}

class Writer {
  constructor(path) { this.fd = openSync(path, 'w'); this.parts = []; this.pending = 0; this.bytes = 0; }
  write(s) {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending >= 1 << 20) this.flush();
  }
  flush() {
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }
  get size() { return this.bytes + this.pending; }
  close() { this.flush(); closeSync(this.fd); }
}

const two = (n) => String(n).padStart(2, '0');
const clock = (sec) => `${two(Math.floor(sec / 3600) % 24)}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}`;
const hex = (r, n) => { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)]; return s; };
const guid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${hex(r, 4)}-${hex(r, 12)}`;

const AGENTS = [
  'profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0',
  'Mozilla/4.0+(compatible;+Win32;+NDES+client)',
  'Dalvik/2.1.0+(Linux;+U;+Android+14;+Pixel+7+Build/UQ1A.240205.004)',
];

/** How many failure lines each generator wrote, and what grep pattern counts them. */
export const GREP = {
  // IIS writes CRLF: `$` is before the line feed, so the CR is allowed for.
  iis: { flags: ['-c', '-E'], pattern: ' (4[0-9][0-9]|5[0-9][0-9]) [0-9]+ [0-9]+ [0-9]+\r?$' },
  plugin: { flags: ['-c', '-E'], pattern: 'Verify challenge returns (false|<)|Failed to ' },
  svclog: { flags: ['-c', '-E'], pattern: 'could not be retrieved|Finished with status False' },
};

/**
 * IIS W3C log of an NDES server: GetCACaps / GetCACert / VerifyRequest / Notify / PKIOperation per
 * enrollment, about one failed request in 2,000 (CRP 403.16, mscep 500 1346, 503).
 */
export function generateIis(path, targetBytes, seed = 1) {
  const r = rng(seed);
  const w = new Writer(path);
  w.write('#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 00:00:00\r\n');
  w.write('#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n');
  let sec = 0;
  let failures = 0;
  let n = 0;
  while (w.size < targetBytes) {
    sec += 1;
    const day = 5 + Math.floor(sec / 86400) % 20;
    const stamp = `2024-03-${two(day)} ${clock(sec)}`;
    const dev = `10.20.${40 + Math.floor(r() * 8)}.${1 + Math.floor(r() * 250)}`;
    const ua = AGENTS[Math.floor(r() * AGENTS.length)];
    const ms = () => 10 + Math.floor(r() * 300);
    const lines = [
      `${stamp} 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - ${dev} ${ua} - 200 0 0 ${ms()}`,
      `${stamp} 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACert&message=default 443 - ${dev} ${ua} - 200 0 0 ${ms()}`,
      `${stamp} 10.20.30.11 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.20.30.11 NDES_Plugin - 201 0 0 ${ms()}`,
      `${stamp} 10.20.30.11 POST /CertificateRegistrationSvc/Certificate/Notify - 443 - 10.20.30.11 NDES_Plugin - 204 0 0 ${ms()}`,
      `${stamp} 10.20.30.11 POST /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation 443 - ${dev} ${ua} - 200 0 0 ${ms() * 4}`,
    ];
    for (const l of lines) { w.write(l + '\r\n'); n++; }
    if (n % 2000 < 5) {
      const kind = failures % 3;
      w.write(kind === 0 ? `${stamp} 10.20.30.11 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.20.30.11 NDES_Plugin - 403 16 2148204809 31\r\n`
        : kind === 1 ? `${stamp} 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - ${dev} ${ua} - 500 0 1346 31\r\n`
          : `${stamp} 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - ${dev} ${ua} - 503 0 0 15\r\n`);
      failures++;
      n++;
    }
  }
  w.close();
  return { bytes: w.bytes, failures, lines: n + 4 };
}

const PLUGIN_403_PAGE = [
  'Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"> <html xmlns="http://www.w3.org/1999/xhtml"> <head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>',
  '<title>403 - Forbidden: Access is denied.</title>',
  '<style type="text/css">',
  'body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}',
  '</style>',
  '</head>',
  '<body>',
  '<div id="header"><h1>Server Error</h1></div>',
  ' <div class="content-container"><fieldset>',
  '  <h2>403 - Forbidden: Access is denied.</h2>',
  '  <h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>',
  ' </fieldset></div>',
  '</body>',
  '</html>',
].join('\r\n');

/** NDESPlugin.log in CMTrace framing: one enrollment per block, about one failure in 500 blocks. */
export function generatePlugin(path, targetBytes, seed = 2) {
  const r = rng(seed);
  const w = new Writer(path);
  let sec = 0;
  let failures = 0;
  let blocks = 0;
  const line = (msg, t, thread) => `<![LOG[${msg}]LOG]!><time="${clock(t)}.${String(Math.floor(r() * 1000)).padStart(3, '0')}-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="${thread}" file="">\r\n`;
  while (w.size < targetBytes) {
    sec += 2;
    const thread = 3000 + Math.floor(r() * 4000);
    blocks++;
    w.write(line('Calling VerifyRequest ...', sec, thread));
    w.write(line('Sending request to certificate registration point.', sec, thread));
    if (blocks % 500 === 0) {
      failures++;
      w.write(line(failures % 2 ? 'Verify challenge returns false' : PLUGIN_403_PAGE, sec, thread));
      continue;
    }
    w.write(line('Verify challenge returns true', sec, thread));
    w.write(line('Exiting VerifyRequest with 0x0', sec, thread));
    w.write(line('Calling Notifyrequest ...', sec + 1, thread));
    w.write(line('Exiting Notify with 0x0', sec + 1, thread));
  }
  w.close();
  return { bytes: w.bytes, failures };
}

/** CertificateRegistrationPoint svclog, one E2ETraceEvent per line; about one failed request in 1,000. */
export function generateSvclog(path, targetBytes, seed = 3) {
  const r = rng(seed);
  const w = new Writer(path);
  let failures = 0;
  let requests = 0;
  let sec = 0;
  const event = (subType, level, t, activity, body) =>
    `<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system"><EventID>0</EventID><Type>3</Type><SubType Name="${subType}">0</SubType><Level>${level}</Level><TimeCreated SystemTime="2024-03-05T${clock(t)}.${String(Math.floor(r() * 1e7)).padStart(7, '0')}Z" /><Source Name="CertificateRegistrationPoint" /><Correlation ActivityID="{${activity}}" /><Execution ProcessName="w3wp" ProcessID="3972" ThreadID="${10 + Math.floor(r() * 20)}" /><Channel/><Computer>NDES01</Computer></System><ApplicationData>${body}</ApplicationData></E2ETraceEvent>\r\n`;
  while (w.size < targetBytes) {
    sec += 1;
    requests++;
    const id = guid(r);
    w.write(event('Information', 8, sec, id, 'VerifyRequest Started.'));
    if (requests % 1000 === 0) {
      failures += 2;
      w.write(event('Error', 2, sec, id, 'Signing certificate could not be retrieved. System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.&#xD;&#xA;   at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid()&#xD;&#xA;   at Microsoft.ConfigurationManager.CertRegPoint.CRPCertificate.RetrieveSigningCert(String certThumbprint)'));
      w.write(event('Error', 2, sec, id, 'VerifyRequest Finished with status False'));
      continue;
    }
    w.write(event('Information', 8, sec, id, 'Validation Phase 1 finished with status True.'));
    w.write(event('Information', 8, sec, id, 'Validation Phase 3 finished with status True.'));
    w.write(event('Information', 8, sec, id, 'VerifyRequest Finished with status True'));
  }
  w.close();
  return { bytes: w.bytes, failures };
}
