import { columnOf, httpStatusOf } from '../records';
import type { HttpStatus, LogRecord } from '../types';
import { blankTolerant } from './blanks';
import { defineSignature, type Signature } from './define';
import { APP_PROXY_SCEP_URL } from './proxy';
import { SOURCES } from './sources';

/** True when `then` occurs after the first match of `first`: two linear scans instead of one `first…then` regex. */
function followedBy(text: string, first: RegExp, then: RegExp): boolean {
  const m = first.exec(text);
  return m !== null && then.test(text.slice(m.index + m[0].length));
}

/**
 * The status condition of a rule on IIS requests. A status triplet (parsed from `#Fields`, or the
 * triplet that ends the record) decides. A record without one (a fragment cut before the status, a
 * pasted line with text after it, an http.sys or browser text) passes when `status` occurs after
 * `anchor`, or when `otherwise` occurs anywhere in it.
 */
export function iisStatusIs(record: LogRecord, test: (h: HttpStatus) => boolean, anchor: RegExp, status: RegExp, otherwise?: RegExp): boolean {
  const h = httpStatusOf(record);
  if (h) return test(h);
  return followedBy(record.text, anchor, status) || (otherwise?.test(record.text) ?? false);
}

/** What NDES-IIS-MSCEPADMIN-401-2 says: its entry's message, and each finding of its multi-record rule. */
export const ADMIN_LOGON_UNANSWERED = 'Anonymous first request to the NDES admin page (401.2) with no answered request from the same client after it: the Windows logon did not complete.';

/** The anonymous first request of a Windows logon to the admin page: 401.2, Win32 5 (access denied). */
export function isAdminLogonChallenge(record: LogRecord): boolean {
  return iisStatusIs(record, (h) => h.status === 401 && h.substatus === 2 && h.win32 === 5, ADMIN_PAGE_GET, /\s401\s+2\s+5\b/i);
}

/** A request to the NDES application or its admin page, from the method when there is one. */
const MSCEP_REQUEST = /(?:\b(?:GET|POST|HEAD)\s+)?\/certsrv\/mscep(?:_admin)?(?=[/\s?])[^\s?]*/i;
/** A request for mscep.dll without a SCEP operation (cs-uri-query `-`): a browser or URL test. */
const BARE_MSCEP_GET = /\bGET\s+\/certsrv\/mscep\/mscep\.dll\/?\s+-(?=\s)/i;
const ANY_REQUEST = /\b(?:GET|POST|HEAD)\s+\/\S*/i;
const HTTPERR_503_REASON = '(?:AppOffline|Disabled|AppPoolTimer|AppShutdown|QueueFull|ConnLimit|N\\/A)';
const BROWSER_500 = blankTolerant(/\b500 - Internal server error\b/i);
const BROWSER_503 = blankTolerant(/\bHTTP Error 503\.\s*The service is unavailable\b/i);
const HTTPERR_503_SCEP = new RegExp(`\\s503\\s+(?:-|\\d{1,5})\\s+${HTTPERR_503_REASON}\\s+SCEP\\b`, 'i');
/** After the path: IIS `503 <substatus> <win32>`, or http.sys `503 <site id> <app-pool reason>`. */
const STATUS_503 = new RegExp(`\\s503\\s+(?:\\d{1,5}\\s+\\d{1,10}\\b|(?:-|\\d{1,5})\\s+${HTTPERR_503_REASON}(?=\\s|$))`, 'i');
const BROWSER_OR_QUEUE_503 = new RegExp(`${BROWSER_503.source}|${HTTPERR_503_SCEP.source}`, 'i');
const HTTPERR_TOO_LONG = /\s(?:400|414)\s+(?:-|\d{1,5})\s+(?:URL_Length|FieldLength|RequestLength)\b/i;
const BROWSER_414 = /\bHTTP(?:\s+Error)?\s+414\b|\b414\s+Request-URI\s+Too\s+Long\b/i;
const HTTPERR_OR_BROWSER_414 = new RegExp(`${HTTPERR_TOO_LONG.source}|${BROWSER_414.source}`, 'i');
const BROWSER_403_0 = blankTolerant(/\bHTTP Error 403\.0\s*[-\u2013\u2014]\s*Forbidden\b/i);
/**
 * A URL test of the bare SCEP URL by a command-line HTTP client (PowerShell's Invoke-WebRequest or
 * Invoke-RestMethod, curl, wget), as its error view echoes the command: mscep.dll with no path or
 * query after it, so no SCEP operation.
 */
const BARE_MSCEP_FETCH = /\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm|curl(?:\.exe)?|wget)\s+(?:-Uri\s+)?["']?https?:\/\/[^\s"'/]{1,255}\/certsrv\/mscep\/mscep\.dll\/?(?=["']?(?:\s|$))/i;
/** A browser's request for the NDES admin page (with or without its slash). */
export const ADMIN_PAGE_GET = /\bGET\s+\/certsrv\/mscep_admin\/?(?=\s)/i;
const VAL_GENERIC_200 = blankTolerant(/\breturns 200 OK\.\s*This usually signifies an error with the Intune Connector registering itself or not being installed\b/i);

const ROOT_STORE_INTERMEDIATES = {
  label: 'list intermediate certificates in the Trusted Root store',
  text: 'Get-ChildItem cert:\\LocalMachine\\root -Recurse | Where-Object { $_.Issuer -ne $_.Subject } | Format-List Subject, Issuer, Thumbprint, NotAfter',
};

/** Stage 2, device → NDES: the IIS W3C log of the NDES server. */
export const DEVICE_TO_NDES: readonly Signature[] = [
  defineSignature({
    id: 'NDES-IIS-MSCEP-OK',
    title: 'Device reached NDES (SCEP operation answered 200)',
    kind: 'evidence', severity: 'info', stage: 2,
    formats: ['iis-w3c-log'],
    match: {
      patterns: [
        /\b(?:GET|POST)\s+\/certsrv\/mscep\/mscep\.dll\/pkiclient\.exe(?=\s)/i,
        /\b(?:GET|POST)\s+\/certsrv\/mscep\/mscep\.dll\s+operation=(?:GetCACaps|GetCACert|PKIOperation)\b/i,
      ],
      when: (record) => {
        const http = httpStatusOf(record);
        return http !== undefined && http.status === 200 && http.substatus === 0 && http.win32 === 0;
      },
    },
    message: 'Success marker: a SCEP client reached the NDES server and got 200 for a SCEP operation.',
    meaning: 'A device (or a test client) reached the NDES ISAPI extension mscep.dll and received HTTP 200 for a SCEP operation. GetCACaps and GetCACert come first; PKIOperation carries the certificate request with its challenge. This is stage 2 (device to NDES) working.',
    verify: ['If a device you expect is missing from these lines, its request never reached IIS: check DNS, the reverse proxy or Application Proxy in front of NDES, and the SCEP URL in the profile.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.policyModule],
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 12',
        'GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=MIIK 443 - 10.9.8.7 profiled/1.0+CFNetwork/1410.0.3+Darwin/22.6.0 - 200 0 0 2713 1296',
      ],
      negative: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 403 0 0 12',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Dalvik/2.1.0 - 500 0 1346 31',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-MSCEP-500-IMPERSONATE',
    title: 'mscep.dll answered 500 with Win32 1346 (impersonation right missing)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['iis-w3c-log'],
    match: {
      patterns: [MSCEP_REQUEST],
      when: (record) => iisStatusIs(record, (h) => h.status === 500 && h.win32 === 1346, MSCEP_REQUEST, /\s500\s+\d{1,5}\s+1346\b/i),
    },
    message: 'NDES failed this SCEP request with 500 and Win32 1346 (ERROR_BAD_IMPERSONATION_LEVEL): IIS_IUSRS probably lacks the "Impersonate a client after authentication" right.',
    meaning: 'The NDES ISAPI extension mscep.dll could not act on behalf of the caller, so it returned an internal server error instead of a SCEP answer. The Win32 status 1346 (ERROR_BAD_IMPERSONATION_LEVEL) is the tell-tale: Microsoft documents this exact IIS line for an NDES server where the IIS_IUSRS group is missing the user right "Impersonate a client after authentication". Every device request fails the same way.',
    causes: ['The IIS_IUSRS group was removed from (or never granted) the "Impersonate a client after authentication" user right, often by a security baseline or Group Policy.'],
    fix: [
      'On the NDES server run secpol.msc and open Local Policies > User Rights Assignment.',
      'Open "Impersonate a client after authentication" and add the local group IIS_IUSRS.',
      'If a Group Policy sets this right, add IIS_IUSRS in that policy instead, or the change is reverted.',
      'Restart the server, then retry the enrollment from a device.',
    ],
    verify: ['The next GetCACert, GetCACaps and PKIOperation lines from devices should end in 200 0 0.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.win3213001699, SOURCES.iisStatus],
    samples: {
      positive: [
        '2017-08-08 20:22:16 IP_address GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - 10.5.14.22 profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0 - 500 0 1346 31',
        'GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - <IP_address>  Dalvik/2.1.0 -  500  0  1346  31  875',
      ],
      negative: [
        '2017-08-08 20:22:16 IP_address GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - 10.5.14.22 profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0 - 500 0 0 31',
        '2017-08-08 20:22:16 IP_address GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - 10.5.14.22 profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0 - 200 0 0 1346',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-MSCEP-500-SERVICE',
    title: 'NDES answers 500: the service cannot initialise',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['iis-w3c-log', 'plain-text'],
    match: {
      patterns: [BROWSER_500, MSCEP_REQUEST],
      excludes: [/\s500\s+\d{1,5}\s+1346\b/i, /\bVerify challenge returns\b/i, /\/CertificateRegistrationSvc\//i],
      when: (record) => iisStatusIs(record, (h) => h.status === 500 && h.win32 !== 1346, MSCEP_REQUEST, /\s500\s+\d{1,5}\s+\d{1,10}\b/i, BROWSER_500),
    },
    message: 'NDES (mscep.dll or mscep_admin) answered 500: the service itself cannot start. Look for NDES events 2 and 10 in the Application log at the same time.',
    meaning: 'A request to the NDES application (/certsrv/mscep) or its admin page (/certsrv/mscep_admin) ended in an internal server error, or a browser showed "500 - Internal server error" for the SCEP URL. Unlike a single bad request, this means NDES could not initialise at all, so every device fails. The Application log usually holds NDES event 2 ("cannot be started") and event 10 ("cannot retrieve one of its required certificates") from the same minute. (A 500 with Win32 1346 is the impersonation problem, reported as NDES-IIS-MSCEP-500-IMPERSONATE.)',
    causes: [
      'The NDES service account is locked out or its password has expired.',
      'The registration authority (MSCEP-RA) certificates, CEP Encryption and Exchange Enrollment Agent (Offline request), have expired.',
      'The identity of the SCEP application pool cannot read the private keys of the RA certificates.',
      'The RA certificates were not issued by the CA that NDES forwards requests to, or they fail revocation checking.',
    ],
    fix: [
      'Check the NDES service account in Active Directory: unlock it or reset its password (and update the SCEP application pool identity if you reset it).',
      'In certlm.msc > Personal, check the expiry of the CEP Encryption and Exchange Enrollment Agent (Offline request) certificates; renew them or reinstall the NDES role if they expired.',
      'Exchange Enrollment Agent (Offline request) is a user template: enroll it from the user store with an exportable key, export it with the private key and import it into the computer Personal store.',
      'For each RA certificate choose All Tasks > Manage Private Keys and give the NDES service account Read.',
      'Run iisreset and browse to the SCEP URL again.',
    ],
    verify: ['Browsing the SCEP URL should now give HTTP Error 403.0 - Forbidden (expected with the Intune module) instead of 500, and no new NDES event 2 or 10 should appear.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.dreaded210, SOURCES.iisStatus],
    remediation: { label: 'restart IIS after fixing the account or the RA certificates', text: 'iisreset' },
    pointsTo: ['NDES-EVT-2-CANNOT-START', 'NDES-EVT-10-RA-CERT', 'NDES-EVT-2-HANDLER-ORDER', 'NDES-EVT-49-ENCRYPTED-PASSWORD'],
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 500 0 0 15',
        'GET /certsrv/mscep_admin/ - 443 CONTOSO\\admin <IP_address> Mozilla/5.0 - 500 19 13 2',
        '500 - Internal server error.',
      ],
      negative: [
        '2017-08-08 20:22:16 IP_address GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - 10.5.14.22 profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0 - 500 0 1346 31',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 500 0 0 359',
        'Verify challenge returns <!DOCTYPE html> <html><head><title>500 - Internal server error.</title>',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 403 0 0 500',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-MSCEP-503-APPPOOL',
    title: 'SCEP application pool unavailable (503)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['iis-w3c-log', 'httperr-log', 'plain-text'],
    match: {
      patterns: [BROWSER_503, HTTPERR_503_SCEP, MSCEP_REQUEST],
      // IIS: 503 and two numbers; http.sys (HTTPERR): 503, site id and an app-pool reason phrase.
      when: (record) => iisStatusIs(record, (h) => h.status === 503, MSCEP_REQUEST, STATUS_503, BROWSER_OR_QUEUE_503),
    },
    message: 'The SCEP application pool is not serving requests (503): it is stopped, disabled or crashing on each request.',
    meaning: 'NDES runs in the IIS application pool named SCEP. A 503 (in the IIS log, in the http.sys HTTPERR log with a reason such as AppOffline, or as "HTTP Error 503. The service is unavailable" in a browser) means the request never reached mscep.dll because that pool was not available. When the pool keeps stopping, the Application log usually shows a w3wp.exe crash (event 1000) for each device request.',
    causes: [
      'Intermediate CA certificates (not self-signed) sit in the NDES server\'s Trusted Root Certification Authorities store and make the pool crash.',
      'The CRL locations of the certificates the Intune connector uses are blocked or unreachable.',
      'Windows Authentication is enabled on the CertificateRegistrationSvc application (it must use Anonymous only).',
      'The NDESPolicy client certificate named by NDESCertThumbprint under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy has expired.',
      'The NDES service account lacks a permission the pool needs, so the pool stopped.',
    ],
    fix: [
      'In IIS Manager > Application Pools, start the SCEP pool; if it stops again, read the Application log for event 1000 (w3wp.exe).',
      'List the non-self-signed certificates in LocalMachine\\Root (copy the command with the quick fix), move them to Intermediate Certification Authorities, and exclude the server from any Group Policy that puts them back.',
      'Enable the Microsoft-Windows-CAPI2/Operational log, reproduce, and look for revocation (CRL) failures.',
      'On CertificateRegistrationSvc enable Anonymous Authentication and disable Windows Authentication.',
      'If the NDESPolicy client certificate expired, enroll a new one and reinstall the connector so it uses the new thumbprint.',
      'Restart the server (or at least IIS) and browse to the SCEP URL again.',
    ],
    verify: ['The SCEP pool should stay Started, and browsing the SCEP URL should give HTTP Error 403.0 - Forbidden.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.iisStatus, SOURCES.httpApiErrors, SOURCES.scepConfigure],
    remediation: ROOT_STORE_INTERMEDIATES,
    pointsTo: ['NDES-EVT-APP-1000-W3WP-CRASH'],
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0 - 503 0 0 1',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps&message=default 503 1 AppOffline SCEP',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll 503 - Disabled SCEP',
        'HTTP Error 503. The service is unavailable.',
      ],
      negative: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 profiled/1.0 - 200 0 0 503',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /owa/ 503 1 AppOffline MSExchangeOWAAppPool',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - - Timer_ConnectionIdle -',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-HTTPERR-URL-TOO-LONG',
    title: 'SCEP request refused: URL or query too long',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['iis-w3c-log', 'httperr-log', 'plain-text'],
    match: {
      patterns: [HTTPERR_TOO_LONG, BROWSER_414, ANY_REQUEST],
      // http.sys records carry their reason phrase as a field: it decides, not the IIS substatus. A
      // record that names its request must name NDES's: another site's long URL (a scanner's probe)
      // is refused by the same limits without telling anything about SCEP.
      when: (record) => (!ANY_REQUEST.test(record.text) || MSCEP_REQUEST.test(record.text)) && (columnOf(record, 's-reason') !== undefined
        ? HTTPERR_TOO_LONG.test(record.text)
        : iisStatusIs(record, (h) => h.status === 404 && (h.substatus === 14 || h.substatus === 15), ANY_REQUEST, /\s404\s+1[45]\s+\d{1,10}\b/i, HTTPERR_OR_BROWSER_414)),
    },
    message: 'A request was refused because its URL or query string is too long. SCEP PKIOperation requests carry the whole signed request in the query, so NDES must accept URLs up to 65534 bytes.',
    meaning: 'Devices send the PKCS#7 certificate request base64-encoded in the query string of a GET PKIOperation, which easily exceeds the default limits. When http.sys refuses it (reason URL_Length, FieldLength or RequestLength in the HTTPERR log, or 414 Request-URI Too Long in a browser or test tool) the request never appears in the IIS W3SVC log. When IIS request filtering refuses it, the W3SVC log shows 404.14 (URL too long) or 404.15 (query string too long).',
    causes: [
      'IIS request filtering on the Default Web Site still has the default maximum URL length and query string size.',
      'The http.sys registry limits MaxFieldLength and MaxRequestBytes were not raised, or the server was not restarted after raising them.',
      'A reverse proxy or load balancer in front of NDES has its own, shorter URL limit.',
    ],
    fix: [
      'In IIS Manager select Default Web Site > Request Filtering > Edit Feature Settings and set Maximum URL length and Maximum query string to 65534.',
      'Set the DWORD values MaxFieldLength and MaxRequestBytes to 65534 under HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters (copy the commands with the quick fix).',
      'Restart the server: http.sys reads these values only at start-up, iisreset is not enough.',
      'Raise the URL limit on any reverse proxy in front of NDES as well; Validate-NDESUrl.ps1 tests the path with long fake requests.',
    ],
    verify: ['PKIOperation requests from devices should now appear in the W3SVC log with 200 0 0, and no new URL_Length, FieldLength or RequestLength lines in HTTPERR.'],
    unconfirmed: 'Which status http.sys writes next to each reason phrase (400 or 414) is not documented; both are matched.',
    link: SOURCES.deviceToNdes,
    related: [SOURCES.httpApiErrors, SOURCES.iisStatus, SOURCES.validateNdesConfig, SOURCES.validateNdesUrl, SOURCES.sscep83],
    remediation: {
      label: 'raise the http.sys limits (then restart the server)',
      text: 'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters /v MaxFieldLength /t REG_DWORD /d 65534 /f\nreg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters /v MaxRequestBytes /t REG_DWORD /d 65534 /f',
    },
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation 414 - URL_Length -',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll 400 - FieldLength -',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Dalvik/2.1.0 - 404 15 0 1',
        'HTTP 414 Request-URI Too Long',
      ],
      negative: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Dalvik/2.1.0 - 404 0 2 1',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll 400 - BadRequest -',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Dalvik/2.1.0 - 200 0 0 414',
        '2024-03-05 08:14:02 10.9.8.7 50123 10.1.2.3 443 HTTP/1.1 GET /search?q=aaaaaaaaaaaaaaaa 414 - URL_Length -',
        '2024-03-05 08:14:02 10.1.2.3 GET /search q=aaaaaaaaaaaaaaaa 443 - 10.9.8.7 curl/8.4.0 - 404 15 0 1',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-MSCEP-403-EXPECTED',
    title: 'SCEP URL answers 403.0 to a bare request (expected)',
    kind: 'evidence', severity: 'info', stage: 2,
    formats: ['iis-w3c-log', 'plain-text'],
    match: {
      patterns: [BROWSER_403_0, BARE_MSCEP_GET],
      when: (record) => iisStatusIs(record, (h) => h.status === 403 && h.substatus === 0, BARE_MSCEP_GET, /\s403\s+0\s+\d{1,10}\b/i, BROWSER_403_0),
    },
    message: 'Expected: the SCEP URL answered a request without operation= with 403.0. This is how NDES with the Intune policy module replies to a browser or URL test.',
    meaning: 'Browsing to https://<server>/certsrv/mscep/mscep.dll without a SCEP operation returns HTTP Error 403.0 - Forbidden when NDES and the Intune policy module are installed and working: mscep.dll intercepts the request and refuses it. Microsoft\'s URL test and the Validate-NDESConfiguration scripts treat this 403 as the good result. It says nothing about real device requests, which carry operation=GetCACert, GetCACaps or PKIOperation.',
    verify: ['If devices still fail, look at their own requests (with operation=) in the same log: those should be answered 200.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.validateNdesConfig, SOURCES.validateNdesConfigMarkstan, SOURCES.iisStatus],
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 403 0 0 12',
        'GET /certsrv/mscep/mscep.dll - 443 - <IP_address>   Mozilla/5.0 -  403  0  5  0',
        'HTTP Error 403.0 \u2013 Forbidden',
      ],
      negative: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Dalvik/2.1.0 - 403 0 0 12',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 200 0 0 12',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 403 16 2148204809 12',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-CLIENT-403-HTML-PAGE',
    title: 'Client received IIS\'s HTML 403 page instead of a SCEP answer',
    kind: 'failure', severity: 'warning', stage: 2,
    formats: ['plain-text'],
    match: {
      patterns: [
        /<title>\s*403 - Forbidden: Access is denied\.?\s*<\/title>/i,
        /\bYou do not have permission to view this directory or page using the credentials that you supplied\b/i,
      ],
      // Inside NDESPlugin.log it is NDES-PLUGIN-403-HTML; after a URL test of the bare mscep.dll it is the expected answer.
      excludes: [/\bVerify challenge returns\b/i, BARE_MSCEP_FETCH],
    },
    message: 'A client got IIS\'s "403 - Forbidden: Access is denied" HTML page instead of a SCEP response. The IIS log line of the same second gives the substatus that says why.',
    meaning: 'The caller (a SCEP client such as sscep, a test tool, or anything that kept the HTTP response body) received the generic IIS 403 error page. For a bare request to mscep.dll that is the normal answer on an Intune NDES server (see NDES-IIS-MSCEP-403-EXPECTED); for a real SCEP operation it is a failure whose reason is the 403 substatus in the IIS log. Inside NDESPlugin.log the same page means the certificate registration point refused the policy module (NDES-PLUGIN-403-HTML). sscep typically adds "wrong (or missing) MIME content type" after receiving such a page.',
    causes: [
      'The request was a bare URL test: expected, nothing to fix.',
      'IIS refused a TLS client certificate: 403.16 untrusted or invalid, 403.13 revoked, 403.17 expired or not yet valid.',
    ],
    fix: [
      'Find the IIS W3SVC line of the same second for that client and read its status, substatus and Win32 status.',
      'For 403.0 on a request without operation=, nothing is wrong.',
      'For 403.13, 403.16 or 403.17, fix the client certificate problem the substatus names (trust chain, revocation, validity) and retry.',
    ],
    unconfirmed: 'The root cause behind the sscep report of this page is not confirmed.',
    link: SOURCES.sscep82,
    related: [SOURCES.iisStatus, SOURCES.deviceToNdes],
    samples: {
      positive: [
        '<head><title>403 - Forbidden: Access is denied.</title>',
        '<h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>',
      ],
      negative: [
        'Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"> <html xmlns="http://www.w3.org/1999/xhtml"> <head><title>403 - Forbidden: Access is denied.</title>',
        '<head><title>404 - File or directory not found.</title>',
        'HTTP Error 403.0 - Forbidden',
        // Windows PowerShell's error view of a URL test of the bare SCEP URL: the expected 403 (NDES-IIS-MSCEP-403-EXPECTED).
        'Invoke-WebRequest :  403 - Forbidden: Access is denied.  Server Error    403 - Forbidden: Access is denied.   You do not have permission to view this directory or page using the credentials that you supplied.  At line:1 char:1 + Invoke-WebRequest https://ndes.contoso.com/certsrv/mscep/mscep.dll -UseBasicParsing     + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException     + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-MSCEP-200-GENERIC-PAGE',
    title: 'SCEP URL shows the generic NDES page (Intune policy module not active)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['iis-w3c-log', 'plain-text'],
    match: {
      patterns: [VAL_GENERIC_200, BARE_MSCEP_GET],
      // The validation script's sentence is never part of an IIS request line.
      patternsOn: { 'iis-w3c-log': [BARE_MSCEP_GET] },
      when: (record) => iisStatusIs(record, (h) => h.status === 200 && h.substatus === 0, BARE_MSCEP_GET, /\s200\s+0\s+0\b/i, VAL_GENERIC_200),
    },
    message: 'The SCEP URL answered a bare request with 200 (the generic Network Device Enrollment Service page) instead of 403: NDES is running without the Intune policy module.',
    meaning: 'With the Intune connector\'s policy module installed, mscep.dll intercepts a request without operation= and answers 403. Answering 200 means the plain NDES welcome page was served, so the policy module is not loaded: the connector installation failed, or IIS has not picked the module up yet. Devices cannot have their challenges verified in this state.',
    causes: [
      'The Intune Certificate Connector (policy module) installation failed or was removed.',
      'The connector was installed but IIS was not restarted, so mscep.dll still runs without the module.',
    ],
    fix: [
      'Open SetupMsi.log of the connector installation and check that it reports a successful installation with status 0.',
      'If the installation failed, uninstall the connector and install it again.',
      'If it succeeded, run iisreset (reboot the server if that is not enough) and browse to the SCEP URL again.',
    ],
    verify: ['Browsing the SCEP URL should now give HTTP Error 403.0 - Forbidden, and the IIS log should show the bare request answered 403 0.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.validateNdesConfig, SOURCES.memdocs695],
    remediation: { label: 'restart IIS so it loads the policy module', text: 'iisreset' },
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 12',
        'Internal URL https://ndes.contoso.local/certsrv/mscep/mscep.dll returns 200 OK. This usually signifies an error with the Intune Connector registering itself or not being installed.',
      ],
      negative: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 403 0 0 12',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll operation=GetCACaps&message=default 443 - 10.9.8.7 Mozilla/5.0 - 200 0 0 12',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe - 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 12',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-GETCACERT-WITHOUT-GETCACAPS',
    title: 'iOS device rejected the NDES certificate chain after GetCACert',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bThe Registration Authority.{1,4}s response is invalid\b/i] },
    message: 'The iOS/iPadOS device rejected the registration authority\'s answer to GetCACert, so it never continued with GetCACaps: the CA chain it trusts does not match the one NDES presents.',
    meaning: 'An iPhone or iPad starts SCEP enrollment with GetCACert and, if it accepts the returned CA and RA certificates, continues with GetCACaps. When the device does not trust that chain, its console logs "The Registration Authority\'s response is invalid" (often next to "Cannot retrieve SCEP identity" and SecTrustEvaluate [leaf AnchorTrusted]) and the IIS log shows GetCACert answered 200 from the device with no GetCACaps after it. Opening the SCEP URL in the device\'s browser then typically reports ERROR_WINHTTP_SECURE_FAILURE.',
    causes: [
      'The certificate in the Intune trusted certificate profile linked to the SCEP profile is not the real root of the NDES chain (often it is an intermediate), or differs from the root installed on the NDES server.',
      'The root or issuing CA certificate is signed with an algorithm the device rejects (RSASSA-PSS or SHA-1).',
    ],
    fix: [
      'Compare the certificate in the trusted certificate profile with the root CA certificate on the NDES server (thumbprints); deploy the true self-signed root in the profile linked to the SCEP profile.',
      'If the CA certificates use RSASSA-PSS or SHA-1, reissue the root and issuing CA certificates with SHA256RSA.',
      'Deploy the new CA certificates on the NDES server and make sure the NDES-related certificates chain to them, then redeploy the trusted certificate profile.',
    ],
    verify: ['The IIS log should show GetCACaps and then PKIOperation from the device right after its GetCACert.'],
    link: SOURCES.iosNoGetcacaps,
    related: [SOURCES.deviceToNdes],
    samples: {
      positive: [
        'Desc   : The Registration Authority...s response is invalid.',
        'May 23 14:15:42 -iPhone profiled[150] <Notice>: (Error) MC: Cannot retrieve SCEP identity: NSError: Desc   : The Registration Authority\u2019s response is invalid',
        'Desc   : The Registration Authority\\\'92s response is invalid\\',
      ],
      negative: [
        'May 23 14:15:36 -iPhone profiled[150] <Notice>: Performing synchronous URL request: https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps&message=SCEP%20Authority',
        'The Registration Authority response is valid',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-MSCEPADMIN-401-2',
    title: 'Windows logon to mscep_admin not completed (401.2 with no answered request after it)',
    kind: 'failure', severity: 'info', stage: 2,
    formats: ['iis-w3c-log'],
    // From how requests follow each other (validators/adminLogon.ts): the 401.2 opens every visit, so
    // only one that no answered request from the same client follows is worth a note.
    match: { patterns: [] },
    multiRecord: true,
    message: ADMIN_LOGON_UNANSWERED,
    meaning: 'The NDES admin page /certsrv/mscep_admin uses Windows authentication. A browser first asks without credentials, IIS answers 401.2 (logon failed because of server configuration, Win32 5 access denied) and the browser retries with credentials; the retry is logged with a user name and 301 or 200. That handshake is normal and NDES Lens passes over it. This note marks a 401.2 after which the same client got no answered request within five minutes, or before the log ends: the logon did not complete. Each log file is read on its own, so a logon that completes just after midnight UTC, in the next day\'s file, is noted in the earlier one. The Intune flow does not use this page; people open it to test NDES or to fetch a challenge password.',
    causes: [
      'The account used is not allowed on the admin page: the requests after the 401.2 are 401.1 (logon failed).',
      'The person cancelled the credential prompt, or the browser could not do Windows authentication.',
      'The log was copied in the middle of the visit.',
    ],
    fix: [
      'Look at the requests from the same client after this one: a 401.1 with Win32 1326 is a wrong user name or password.',
      'Open the page with an account that is a local administrator on the NDES server.',
    ],
    unconfirmed: 'That only local administrators of the NDES server may open mscep_admin is reported but not confirmed from a public Microsoft page.',
    link: SOURCES.iisStatus,
    related: [SOURCES.sscep144],
    samples: {
      positive: [
        '2024-03-05 08:20:11 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 2 5 3',
        'GET /certsrv/mscep_admin - 80 - <IP_address> Mozilla/5.0 -  401  2  5  0',
        [
          '2024-03-05 08:31:02 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 2 5 3',
          '2024-03-05 08:31:05 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 1 1326 12',
          '2024-03-05 08:31:06 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.44 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 2 5 3',
          '2024-03-05 08:31:06 10.1.2.3 GET /certsrv/mscep_admin/ - 443 CONTOSO\\admin 10.9.8.44 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 40',
        ].join('\n'),
      ],
      negative: [
        '2024-03-05 08:20:11 10.1.2.3 GET /certsrv/mscep_admin/ - 443 CONTOSO\\admin 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 40',
        '2024-03-05 08:20:11 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0 - 401 1 1326 3',
        [
          '2024-03-05 08:20:11 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 2 5 3',
          '2024-03-05 08:20:11 10.1.2.3 GET /certsrv/mscep_admin/ - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 1 2148074254 5',
          '2024-03-05 08:20:11 10.1.2.3 GET /certsrv/mscep_admin/ - 443 CONTOSO\\admin 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 40',
        ].join('\n'),
        [
          'GET /certsrv/mscep_admin - 80 - <IP_address> Mozilla/5.0 -  401  2  5  0',
          'GET /certsrv/mscep_admin - 80 CONTOSO\\admin <IP_address> Mozilla/5.0 -  301  0  0  15',
        ].join('\n'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-APPPROXY-GATEWAY-TIMEOUT',
    title: 'Application Proxy gateway timeout on the SCEP URL',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [/\bGatewayTimeout\b/i, /\b504\s+Gateway\s+Time-?out\b/i],
      // The spelled-out status is generic: count it only next to an Application Proxy SCEP URL.
      when: (record) => /\bGatewayTimeout\b/i.test(record.text) || APP_PROXY_SCEP_URL.test(record.text),
    },
    message: 'Microsoft Entra application proxy could not reach NDES (GatewayTimeout): the application proxy connector in front of NDES is probably not running.',
    meaning: 'When the SCEP URL is published through Microsoft Entra application proxy (https://<app>.msappproxy.net/certsrv/mscep/mscep.dll), the proxy answers GatewayTimeout if no connector forwards the request to the NDES server. The request never reaches IIS on NDES, so nothing about it appears in the W3SVC log.',
    causes: ['The Microsoft Entra application proxy Connector service on the connector server is stopped or not set to start automatically.'],
    fix: [
      'On the server that hosts the application proxy connector, run services.msc.',
      'Start the Microsoft Entra application proxy Connector service and set its Startup Type to Automatic.',
      'Browse to the external SCEP URL again.',
    ],
    verify: ['The external SCEP URL should now give HTTP Error 403.0 - Forbidden, and the request should appear in the NDES IIS log.'],
    link: SOURCES.deviceToNdes,
    samples: {
      positive: [
        'GatewayTimeout',
        "Received '504 Gateway Timeout' when sending GetCACaps(ca) to https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
      ],
      negative: [
        "Received '200 OK' when sending GetCACaps(ca) to https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
        '504 Gateway Timeout from https://intranet.contoso.com/portal',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-APPPROXY-PAGE-CANNOT-BE-DISPLAYED',
    title: 'SCEP URL through Application Proxy: "This page can\'t be displayed"',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bThis page can(?:['\u2019]|no)t be displayed\b/i] },
    message: 'The browser could not open the SCEP URL through Application Proxy: the external URL in the Application Proxy app is probably wrong.',
    meaning: 'With Microsoft Entra application proxy in front of NDES, the browser error "This page can\'t be displayed" for the SCEP URL means the external URL configured for the proxy application does not resolve to the proxy, for example a custom domain such as https://contoso.com/certsrv/mscep/mscep.dll without the matching DNS and certificate setup.',
    causes: ['The SCEP external URL in the Application Proxy configuration uses a domain that does not lead to the proxy.'],
    fix: [
      'In the Application Proxy application for NDES, set the external URL to the default domain (https://<app>-<tenant>.msappproxy.net/).',
      'Put the same external URL in the SCEP certificate profile and browse to it again.',
    ],
    verify: ['The external SCEP URL should give HTTP Error 403.0 - Forbidden.'],
    link: SOURCES.deviceToNdes,
    samples: {
      positive: ["This page can't be displayed", 'This page can\u2019t be displayed'],
      negative: ['This page is displayed correctly', 'HTTP Error 403.0 - Forbidden'],
    },
  }),
];
