import { escapeRegExp } from '../text';
import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

/**
 * SCEP failures as each client reports them: Apple profile installation, sscep, micromdm
 * `scepclient` and jscep (the library Android's Company Portal uses). They are the device-side view
 * of the flow: stage 2 when the client could not get a usable answer from NDES, stage 5 when the
 * answer arrived and the client could not unpack it. Failures that happen on the client before NDES
 * is contacted say so, so they are never blamed on NDES.
 */

/**
 * The five SCEP failInfo values (RFC 8894) as each client spells them: the RFC name (micromdm
 * scepclient: `failInfo: badRequest (2)`), the Windows X509SCEPFailInfo name (CertEnroll event 87:
 * `FailInfo(2): SCEPFailBadRequest`) and sscep's text (`sscep: reason: …`, from sscep.h).
 */
const FAIL_NAMES = ['badAlg', 'badMessageCheck', 'badRequest', 'badTime', 'badCertId'] as const;
const FAIL_WINDOWS = ['SCEPFailBadAlgorithm', 'SCEPFailBadMessageCheck', 'SCEPFailBadRequest', 'SCEPFailBadTime', 'SCEPFailBadCertId'] as const;
const FAIL_SSCEP = [
  'Unrecognized or unsupported algorithm ident', 'Integrity check failed', 'Transaction not permitted or supported',
  'Message time field was not sufficiently close to the system time', 'No certificate could be identified matching',
] as const;

/** What one failInfo means; the spellings come from the tables above. */
interface FailInfo {
  readonly n: 0 | 1 | 2 | 3 | 4;
  readonly title: string;
  readonly message: string;
  readonly meaning: string;
  readonly causes: readonly string[];
  readonly fix: readonly string[];
  readonly pointsTo?: readonly string[];
  readonly unconfirmed?: string;
  /** Lines a source printed verbatim (a published run), besides the spellings from the tables. */
  readonly seen: readonly string[];
}

/** One failInfo in its three spellings. */
function failInfoRule(f: FailInfo): Signature {
  const name = FAIL_NAMES[f.n];
  const windows = FAIL_WINDOWS[f.n];
  const sscep = FAIL_SSCEP[f.n];
  const other = ((f.n + 1) % 5) as FailInfo['n'];
  return defineSignature({
    id: `DEV-SCEP-FAILINFO-${name.toUpperCase()}`,
    title: f.title,
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'windows-event-log', 'plain-text'],
    match: {
      patterns: [
        new RegExp(`\\breason: ${escapeRegExp(sscep)}`, 'i'),
        new RegExp(`\\bFailInfo\\(${String(f.n)}\\):\\s*${windows}\\b`, 'i'),
        new RegExp(`\\bfailInfo: ${name} \\(${String(f.n)}\\)`, 'i'),
      ],
    },
    message: f.message,
    meaning: f.meaning,
    causes: f.causes,
    fix: f.fix,
    ...(f.unconfirmed ? { unconfirmed: f.unconfirmed } : {}),
    ...(f.pointsTo ? { pointsTo: f.pointsTo } : {}),
    link: f.n === 1 ? SOURCES.scep248 : SOURCES.sscepHeader,
    related: [SOURCES.scepFailinfo, SOURCES.gradEvt87, SOURCES.scepclientSource, SOURCES.sscepHeader],
    samples: {
      positive: [...f.seen, `sscep: reason: ${sscep}`, `FailInfo(${String(f.n)}): ${windows}`, `PKCSReq (19) request failed, failInfo: ${name} (${String(f.n)})`],
      negative: [
        'sscep: pkistatus: SUCCESS',
        `sscep: reason: ${FAIL_SSCEP[other]}`,
        `FailInfo(${String(other)}): ${FAIL_WINDOWS[other]}`,
        `PKCSReq (19) request failed, failInfo: ${FAIL_NAMES[other]} (${String(other)})`,
      ],
    },
  });
}

const FAIL_INFO: readonly Signature[] = [
  failInfoRule({
    n: 0,
    title: 'SCEP server refused the request\'s algorithm (failInfo badAlg, 0)',
    message: 'NDES answered the request with failInfo badAlg (0): it does not support an algorithm the client used to sign, hash or encrypt the request.',
    meaning: 'The client reached NDES and NDES decoded enough of the request to reject it, because the signature, digest or content-encryption algorithm is one it does not accept. The request never reached the CA.',
    causes: [
      'The client chose an algorithm NDES does not announce in its GetCACaps answer (for example a digest or cipher the server does not list).',
      'The client ignored GetCACaps and fell back to a default the server refuses.',
    ],
    fix: [
      'Open https://<ndes>/certsrv/mscep/mscep.dll?operation=GetCACaps and configure the client to use only algorithms listed there (for example SHA-256 with DES3 or AES).',
      'Retry the enrollment with the matching client options (sscep -S / -E, scepclient flags).',
    ],
    seen: [],
  }),
  failInfoRule({
    n: 1,
    title: 'SCEP server could not check the request (failInfo badMessageCheck, 1)',
    message: 'NDES answered the request with failInfo badMessageCheck (1): it could not decrypt or verify the request, or refused its challenge password.',
    meaning: 'NDES received the PKCS#7 request but its integrity check failed: the envelope was not encrypted for NDES\'s RA encryption certificate, the signature did not verify, or the challenge password inside was wrong or already used. NDES logs the server-side reason at the same time (events 16 to 18 for the message, 29 for the password).',
    causes: [
      'The client encrypted the request with the CA certificate instead of the NDES RA encryption (CEP Encryption) certificate returned by GetCACert.',
      'The challenge password was wrong, expired or already used (NDES event 29).',
      'The NDES RA certificates were renewed and the client still uses the old ones.',
    ],
    fix: [
      'Fetch the current RA certificates with GetCACert and give the client the CEP Encryption certificate as its encryption certificate (sscep -e).',
      'Get a fresh challenge password and retry at once.',
      'Read NDES events 16 to 18 and 29 at the same time for the exact reason.',
    ],
    pointsTo: ['NDES-EVT-29-PASSWORD-NOT-VERIFIED', 'NDES-EVT-16-17-18-PKCS7'],
    unconfirmed: 'Which of the causes applies is inferred from client reports against NDES; NDES does not name it in the reply.',
    seen: ['./sscep: reason: Integrity check failed', 'PKCSReq (19) request failed, failInfo: badMessageCheck (1)'],
  }),
  failInfoRule({
    n: 2,
    title: 'SCEP request not permitted (failInfo badRequest, 2)',
    message: 'NDES answered the request with failInfo badRequest (2): the transaction was not permitted, usually because the CA denied the request.',
    meaning: 'NDES accepted and decrypted the request, passed it on, and the answer was a refusal. Against NDES this is how a CA denial reaches the device: the CA\'s reason (key length, template, permissions) is in CA event 53 or NDES event 31 at the same time, and Windows CertEnroll event 87 prints it beside FailInfo(2).',
    causes: [
      'The CA denied the request (for example a key shorter than the template allows, 0x80094811 CERTSRV_E_KEY_LENGTH).',
      'NDES could not submit the request to the CA (event 31).',
      'The request type is one NDES does not support (for example a renewal NDES is not configured for).',
    ],
    fix: [
      'Read CA event 53 / Failed Requests and NDES event 31 for the same time and fix the reason given there.',
      'For a key-length denial, raise the key size in the profile to the template\'s minimum.',
    ],
    pointsTo: ['CA-EVT-53-DENIED', 'NDES-EVT-31-SUBMIT-FAILED'],
    seen: ['FailInfo(2): SCEPFailBadRequest'],
  }),
  failInfoRule({
    n: 3,
    title: 'SCEP request time too far from the server time (failInfo badTime, 3)',
    message: 'NDES answered the request with failInfo badTime (3): the signing time in the request is too far from the server\'s clock.',
    meaning: 'The request carries the time it was signed. NDES compared it with its own clock and found them too far apart, so it refused the request before the CA saw it.',
    causes: ['The clock of the client or of the NDES server is wrong (time zone, no time synchronisation).'],
    fix: [
      'Correct the client\'s clock (NTP) and check the NDES server\'s time with w32tm /query /status.',
      'Retry the enrollment.',
    ],
    seen: [],
  }),
  failInfoRule({
    n: 4,
    title: 'SCEP server found no matching certificate (failInfo badCertId, 4)',
    message: 'NDES answered with failInfo badCertId (4): no certificate matches what the client asked for or signed with.',
    meaning: 'The client asked for a certificate (GetCert, GetCertInitial) or renewed with a certificate that the server cannot identify, so there is nothing to return.',
    causes: [
      'The client polls for a request NDES or the CA no longer knows (wrong transaction, request deleted).',
      'A renewal was signed with a certificate NDES does not accept as the existing one.',
    ],
    fix: [
      'Start a new enrollment instead of polling or renewing.',
      'Check that the issuer and serial the client uses exist on the CA (certutil -view).',
    ],
    seen: [],
  }),
];

export const CLIENTS: readonly Signature[] = [
  ...FAIL_INFO,
  defineSignature({
    id: 'DEV-IOS-SCEP-INVALID-RESPONSE',
    title: 'iOS/macOS: "The SCEP server returned an invalid response"',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [/\bThe SCEP server returned an invalid response\b/i, /\bSCEP_ERROR_INVALID_PKI_RESPONSE\b/i],
    },
    message: 'The Apple device could not use the SCEP server\'s answer to its request, so the profile with the SCEP payload was not installed.',
    meaning: 'Apple\'s profile installer (profiled / mdmclient) sent the request (PKIOperation) and the reply was not a SCEP answer it accepts: an error page, an empty body, or a CertRep it cannot verify. It shows as a Profile Installation Failed dialog, and in the console with the error domain of the step that gave up (MCInstallationErrorDomain 4001 / MCProfileErrorDomain 1009 for the profile install). The server side of the same request tells why.',
    causes: [
      'NDES, or a proxy in front of it, answered the PKIOperation with an HTTP error or an HTML page instead of application/x-pki-message.',
      'The challenge was refused and the server returned a failure the device reports only as an invalid response.',
      'The reply was signed with a certificate the device cannot verify.',
    ],
    fix: [
      'Find the device\'s PKIOperation in the NDES IIS log at the same time and read its status, then the NDES and CA events of that minute.',
      'Test the SCEP URL from the device\'s network (GetCACaps and GetCACert must answer 200).',
    ],
    verify: ['The next attempt installs the profile; the console shows the SCEP profile installed.'],
    link: SOURCES.scepy1,
    related: [SOURCES.micromdm453, SOURCES.deviceToNdes],
    samples: {
      positive: [
        'Sugg   : The SCEP server returned an invalid response.',
        'error 14:00:17.422199-0700 profiled Cannot retrieve SCEP identity: NSError: Desc : The SCEP server returned an invalid response. US Desc: The SCEP server returned an invalid response. Domain : MCSCEPErrorDomain Code : 22013 Type : MCFatalError',
        'Bundle: <private>, key: SCEP_ERROR_INVALID_PKI_RESPONSE, value: (null), table: Errors, localizationName: (null), result: The SCEP server returned an invalid response.',
        'Profile Installation Failed The SCEP server returned an invalid response.',
      ],
      negative: ['Domain : MCInstallationErrorDomain', 'The Registration Authority\u2019s response is invalid.'],
    },
  }),
  defineSignature({
    id: 'DEV-IOS-SCEP-CONFIG-NOT-SUPPORTED',
    title: 'iOS/macOS: "The SCEP server configuration is not supported"',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bThe SCEP server configuration is not supported\b/i] },
    message: 'The Apple device rejected what the SCEP server announced about itself (its CA/RA certificates or capabilities) before sending a request.',
    meaning: 'Right after GetCACert (and GetCACaps) the device decided it cannot enroll with this server: the certificates returned do not form the CA/RA set it expects, or the capabilities do not include what it needs. No request was sent, so NDES logs only the GetCACert/GetCACaps calls.',
    causes: [
      'GetCACert returns a set the device cannot use (missing RA certificates, an unexpected chain).',
      'The server does not announce the capabilities the device requires.',
    ],
    fix: [
      'Open GetCACert and GetCACaps on the SCEP URL and check that NDES returns its RA certificates with the CA certificate and a normal capability list.',
      'If a proxy rewrites the answers, test the NDES URL directly.',
    ],
    link: SOURCES.iosCertEnrollment2,
    related: [SOURCES.iosNoGetcacaps],
    samples: {
      positive: ['The SCEP server configuration is not supported'],
      negative: ['The SCEP server returned an invalid response.', 'scep?operation=GetCACert'],
    },
  }),
  defineSignature({
    id: 'DEV-MACOS-SCEP-SIGNATURE-REQUEST-FAILED',
    title: 'macOS: SCEPRequestCertSignature failed (NSOSStatusErrorDomain)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bCalling SCEPRequestCertSignature --> <NSOSStatusErrorDomain:(?<status>-?\d{1,6})>/i] },
    message: 'macOS could not get its SCEP request signed by the server (NSOSStatusErrorDomain {status}).',
    meaning: 'mdmclient sent the SCEP request and the server\'s answer could not be turned into a certificate: the status is the macOS error it got back. In the published case the server answered the PKIOperation with HTTP 500, so the device had nothing to read.',
    causes: ['The SCEP server answered the PKIOperation with an HTTP error (500) or an empty reply.'],
    fix: [
      'Find the same PKIOperation in the NDES IIS log and read its status, then the NDES events of that minute.',
      'Fix the server-side error and retry the profile.',
    ],
    link: SOURCES.micromdm436,
    samples: {
      positive: ['[ERROR] <: [MDM_SCEP_Enroll] Calling SCEPRequestCertSignature --> <NSOSStatusErrorDomain:-603>'],
      negative: ['[MDM_SCEP_Enroll] Calling SCEPRequestCertSignature'],
    },
  }),
  defineSignature({
    id: 'DEV-SCEP-CLIENT-REPLY-NO-SIGNER-CERT',
    title: 'SCEP reply carries no signer certificate (scepclient, sscep)',
    kind: 'failure', severity: 'error', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: {
      // jscep's "Unable to verify message because the signedData contained no certificates." is not
      // one of them: its PkiMessageDecoder logs it as a WARN and goes on decoding the reply (jscep
      // issue 30 shows it before a different, real failure), so the line alone is no failure.
      patterns: [
        /\bpkcs7: No certificate for signer\b/i,
        /\bsscep(?:_dyn|_static)?: (?:cannot get signer info!|Can't read signer cert from pkcs7)/i,
      ],
    },
    message: 'The client got NDES\'s reply but could not verify it: the reply does not include the certificate that signed it.',
    meaning: 'A SCEP reply (CertRep) is signed by NDES\'s RA signing certificate. NDES may leave that certificate out, since the client already has it from GetCACert; a client that only looks inside the reply then finds no signer and stops. The certificate may well have been issued: the failure is in how the client reads the answer.',
    causes: [
      'The client version does not fall back to the CA/RA certificates from GetCACert when the reply omits them (fixed in later micromdm/scep).',
    ],
    fix: [
      'Update the client (micromdm scepclient after the change that adds the GetCACert certificates before verifying).',
      'Check on the CA whether the certificate was issued; if so, only the client needs fixing.',
    ],
    link: SOURCES.scep158,
    related: [SOURCES.scep122, SOURCES.sscepPkcs7],
    samples: {
      positive: [
        'parsing pkiMessage response PKCSReq (19): pkcs7: No certificate for signer',
        "sscep: Can't read signer cert from pkcs7",
      ],
      negative: [
        'level=info op=PKIOperation error=null took=88.830876ms',
        'pkcs7: signature ok',
        '[main] WARN org.jscep.message.PkiMessageDecoder - Unable to verify message because the signedData contained no certificates.',
      ],
    },
  }),
  defineSignature({
    id: 'DEV-SSCEP-WRONG-MIME-TYPE',
    title: 'sscep: "wrong (or missing) MIME content type"',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bwrong \(or missing\) MIME content type\b/i] },
    message: 'sscep stopped because the server\'s answer was not of the SCEP content type it expects.',
    meaning: 'sscep checks the Content-Type of each answer. An error page (HTML) instead of application/x-pki-message means NDES refused the request; against NDES this was seen when the request was encrypted for the CA certificate, and NDES logged that it could not decrypt the message. Older sscep versions also stop on a valid GetCACaps answer with an unexpected type.',
    causes: [
      'NDES could not decrypt the request (encrypted with the CA certificate instead of the RA encryption certificate) and answered with an error page.',
      'An old sscep refuses a GetCACaps answer whose Content-Type is not text/plain.',
    ],
    fix: [
      'Give sscep the NDES RA certificates from GetCACert (-c signing, -e encryption), not the CA certificate.',
      'Update sscep (0.8.1 or later accepts any Content-Type for GetCACaps).',
      'Read the NDES event log at the same time (events 16 to 18).',
    ],
    pointsTo: ['NDES-EVT-16-17-18-PKCS7'],
    link: SOURCES.sscep60,
    related: [SOURCES.sscep126],
    samples: {
      positive: ['./sscep_dyn: wrong (or missing) MIME content type'],
      negative: ['sscep: MIME header: x-pki-message', 'sscep: valid response from server'],
    },
  }),
  defineSignature({
    id: 'DEV-SSCEP-SIGNER-CERT-UNTRUSTED',
    title: 'sscep: "The signer certificate verification failed" (client CA file)',
    kind: 'failure', severity: 'warning', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bThe signer certificate verification failed\b/i] },
    message: 'sscep could not chain the certificate that signed NDES\'s reply to the CA certificates it was given: check the client\'s CA file, not NDES.',
    meaning: 'After checking the reply\'s signature, sscep verifies the signer (NDES\'s RA signing certificate) against the CA chain file passed to it. This message means that file does not hold the CA that issued the RA certificate, or holds only part of the chain. The reply itself was signed correctly.',
    causes: [
      'The CA chain file given to sscep is not the chain of the CA that issued the NDES RA certificates (for example only the issuing CA without its root, or another CA).',
      'The NDES RA certificates were renewed by a different CA than the file describes.',
    ],
    fix: [
      'Fetch the CA and RA certificates again with sscep getca and build the chain file from the CA certificate(s) returned, plus the root.',
      'Check with openssl verify -CAfile <chain> <ra-signing-cert> that the chain is complete.',
    ],
    link: SOURCES.sscepPkcs7,
    samples: {
      positive: ['sscep: The signer certificate verification failed '],
      negative: ['sscep: signature ok', 'sscep: verifying signature'],
    },
  }),
  defineSignature({
    id: 'DEV-SSCEP-ILLEGAL-PAYLOAD-SIZE',
    title: 'sscep: "illegal size of payload" (reply not a certificate)',
    kind: 'failure', severity: 'error', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\billegal size of payload\b/i] },
    message: 'sscep could not unpack the reply: it holds no certificate. Either NDES answered with a failure (see the reason line before it) or the request never reached NDES intact.',
    meaning: 'sscep prints this when the reply\'s enveloped content is empty or unreadable. After "pkistatus: FAILURE" it only repeats that NDES refused the request. Without a failure status, a published case was a GET request whose base64 message exceeded IIS\'s query-string limit (2048 by default): IIS rejected it before NDES saw it.',
    causes: [
      'NDES refused the request (pkistatus FAILURE; the failInfo reason line says why).',
      'The PKIOperation was sent with GET and its message is longer than IIS allows (maxQueryString / MaxFieldLength, MaxRequestBytes).',
    ],
    fix: [
      'If a "reason:" line comes before it, follow that failInfo.',
      'Otherwise raise IIS\'s maxQueryString (and the HTTP.sys MaxFieldLength / MaxRequestBytes) on NDES, or make the client use POST (GetCACaps must list POSTPKIOperation).',
    ],
    // After "pkistatus: FAILURE" it repeats that refusal: placed where the refusal is.
    pointsTo: ['DEV-SCEP-CLIENT-PKISTATUS-FAILURE', 'NDES-HTTPERR-URL-TOO-LONG'],
    link: SOURCES.sscep83,
    related: [SOURCES.sscep80, SOURCES.sscep156],
    samples: {
      positive: ['./sscep: illegal size of payload', 'OILbno/Gsscep: illegal size of payload'],
      negative: ['sscep: PKCS#7 payload size: 713 bytes', 'sscep: base64 encoded payload size: 3462 bytes'],
    },
  }),
  defineSignature({
    id: 'DEV-SSCEP-SIGNATURE-VERIFY-FAILED',
    title: 'sscep could not verify the reply\'s signature (client crypto)',
    kind: 'failure', severity: 'error', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bsscep(?:_dyn|_static)?: error verifying signature\b/i] },
    message: 'sscep got NDES\'s reply but its own crypto library refused to verify the signature: a client-side problem, not an NDES failure.',
    meaning: 'The reply reached the client. Verifying it failed inside OpenSSL on the client, as on Red Hat 9, whose default crypto policy rejects the SHA-1 signatures older NDES set-ups still produce. The same sscep version works on Red Hat 8 against the same server.',
    causes: ['The client\'s crypto policy forbids the reply\'s signature algorithm (SHA-1 on Red Hat 9 / OpenSSL 3).'],
    fix: [
      'On the client, allow the algorithm for this tool (for example update-crypto-policies --set DEFAULT:SHA1 on Red Hat 9) or make the request with -S sha256 so NDES answers with SHA-256.',
      'Do not change NDES for this: its reply is valid.',
    ],
    link: SOURCES.sscep157,
    samples: {
      positive: ['sscep: error verifying signature', './sscep: error verifying signature Error'],
      negative: ['sscep: verifying signature', 'sscep: signature ok'],
    },
  }),
  defineSignature({
    id: 'DEV-JSCEP-DES-CIPHER',
    title: 'jscep: "Could not create DES cipher" (client crypto)',
    kind: 'failure', severity: 'error', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bCould not create DES cipher\b/i] },
    message: 'The jscep client cannot decrypt the reply: it was encrypted with single DES and the client\'s Java crypto refuses DES. NDES answered; the client failed.',
    meaning: 'NDES encrypts the reply with the content algorithm agreed for the transaction. When that is single DES (OID 1.3.14.3.2.7), jscep needs a DES cipher from the Java runtime; current runtimes and providers disable it, so decrypting fails on the client.',
    causes: [
      'The client requested, or fell back to, single DES because GetCACaps did not announce DES3/AES (NDES without the GetCACaps update).',
      'The Java runtime or provider has DES disabled.',
    ],
    fix: [
      'Make sure NDES answers GetCACaps (install the update on old Windows Server) and that the client uses DES3 or AES.',
      'If DES cannot be avoided, enable it for this client only; do not weaken NDES.',
    ],
    link: SOURCES.jscep49,
    samples: {
      positive: [
        'Exception in thread "main" org.jscep.transaction.TransactionException: org.jscep.message.MessageDecodingException: org.bouncycastle.cms.CMSException: Could not create DES cipher',
      ],
      negative: ['[main] DEBUG org.jscep.client.Client - Enrolling certificate with CA'],
    },
  }),
  defineSignature({
    id: 'DEV-JSCEP-GETCACAPS-CONTENT-TYPE',
    title: 'jscep: GetCACaps answered without text/plain',
    kind: 'failure', severity: 'warning', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bContent-Type mismatch: was '[^'\r\n]{0,100}', expected 'text\/plain'/i] },
    message: 'The GetCACaps answer had no text/plain Content-Type, so the client may not learn the server\'s capabilities and falls back to weak defaults.',
    meaning: 'jscep warns when GetCACaps is not answered as text/plain. Against an NDES without GetCACaps support the answer is empty or untyped; the client then assumes minimal capabilities (single DES, SHA-1, GET), which later causes failures such as DEV-JSCEP-DES-CIPHER.',
    causes: ['NDES does not support GetCACaps (old Windows Server without the update), or a proxy strips the header.'],
    fix: [
      'Open https://<ndes>/certsrv/mscep/mscep.dll?operation=GetCACaps and check it lists capabilities as text/plain.',
      'Install the NDES GetCACaps update on old servers, or test without the proxy.',
    ],
    link: SOURCES.jscep49,
    samples: {
      positive: ["WARN org.jscep.transport.response.GetCaCapsResponseHandler - Content-Type mismatch: was 'null', expected 'text/plain'"],
      negative: ["Received '200 OK' when sending GetCACaps(ca)"],
    },
  }),
  defineSignature({
    id: 'DEV-SCEP-CLIENT-HTTP-STATUS',
    title: 'SCEP client got an HTTP error status from the SCEP URL',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [
        /\bReceived '(?<status>[45]\d\d)[^'\r\n]{0,60}' when sending (?<op>\w+)\(/i,
        /\bhttp request failed with status (?<status>[45]\d\d)\b/i,
        /\bserver response status code: (?<status>[45]\d\d), MIME header\b/i,
      ],
      // A gateway answer from Application Proxy has rules of its own.
      excludes: [/\.msappproxy\.net\b[^\r\n]{0,2000}?\b50[24]\b|\b50[24]\b[^\r\n]{0,2000}?\.msappproxy\.net\b/i],
    },
    message: 'The SCEP URL answered the client with HTTP {status}: the request was refused before any SCEP processing. The same request in the NDES IIS log has the substatus that says why.',
    meaning: 'jscep (Android Company Portal), micromdm scepclient and sscep print the HTTP status of each SCEP call. A 4xx or 5xx means IIS, HTTP.sys or a proxy refused the call: 403 is a permission or client-certificate rule, 404 a wrong path or a URL longer than IIS accepts, 500 a failing NDES (RA certificates, service account), 503 a stopped application pool.',
    causes: [
      '404: the SCEP URL in the profile is wrong, or the message exceeds IIS\'s query-string limit (404.14/404.15).',
      '500: NDES cannot initialise (see the NDES events of the same minute).',
      '503: the SCEP application pool is stopped.',
    ],
    fix: [
      'Find the call in the NDES IIS log (u_ex*.log) at the same time and read status, substatus and win32 code.',
      'If it is not there, the refusal came from a proxy or firewall in front of NDES.',
    ],
    pointsTo: ['NDES-IIS-MSCEP-500-SERVICE', 'NDES-IIS-MSCEP-503-APPPOOL', 'NDES-HTTPERR-URL-TOO-LONG'],
    link: SOURCES.jscep49,
    related: [SOURCES.deviceToNdes, SOURCES.scepclientSource, SOURCES.sscep157],
    samples: {
      positive: [
        "2024-03-05T08:14:01.1000000  VERB  Event  org.jscep.transport.UrlConnectionGetTransport  4211  12  Received '403 Forbidden' when sending GetCACaps(ca) to https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
        'PKIOperation for PKCSReq (19): http request failed with status 500 Internal Server Error, msg: ',
        'sscep: server response status code: 404, MIME header: text/html',
      ],
      negative: [
        "Received '200 OK' when sending GetCACaps(ca) to https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
        'sscep: server response status code: 200, MIME header: text/plain',
        "Received '504 Gateway Timeout' when sending GetCACaps(ca) to https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
      ],
    },
  }),
  defineSignature({
    id: 'DEV-SCEP-CLIENT-DECRYPT-REPLY',
    title: 'scepclient could not decrypt the issued certificate',
    kind: 'failure', severity: 'error', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: { patterns: [/\bdecrypt pkiEnvelope, msgType: (?<msg>[^,\r\n]{1,40}), status (?<status>\w+)/i] },
    message: 'NDES answered ({status}) but scepclient could not decrypt the envelope that holds the certificate.',
    meaning: 'The reply is encrypted for the key the client signed its request with. When decryption fails after a SUCCESS status, the certificate was issued on the CA but the client cannot open it: its key or the algorithm does not match what NDES used.',
    causes: [
      'The client signed the request with one key and now tries to decrypt with another (a reused or replaced key file).',
      'NDES encrypted the reply with an algorithm the client does not support.',
    ],
    fix: [
      'Run the enrollment again with one private key from start to end.',
      'Check the algorithms NDES announces (GetCACaps) and that the client supports them.',
    ],
    link: SOURCES.scepclientSource,
    samples: {
      positive: ['decrypt pkiEnvelope, msgType: PKCSReq (19), status SUCCESS: \u2026'],
      negative: ['pkiStatus=SUCCESS msg="server returned a certificate."'],
    },
  }),
  defineSignature({
    id: 'DEV-SCEP-CLIENT-LOCAL-FAILURE',
    title: 'SCEP client failed before contacting NDES (key, CSR or certificate files)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [
        /\b(?:cannot open private key file|error while reading private key|error while reading request file|missing private key \(-k\))/i,
        /\bcannot read (?:enc )?CA cert \(-[ce]\) file\b/i,
        /\bcreating csr pkiMessage:/i,
        /\bmust specify private key path\b/i,
      ],
    },
    message: 'The SCEP client failed on its own input (private key, CSR or CA certificate file) before it sent anything: NDES was not contacted and is not the cause.',
    meaning: 'sscep and micromdm scepclient read the private key, the CSR and the CA/RA certificates, and build and sign the request locally, before any network call. These messages come from that local step, so NDES logs nothing for this attempt.',
    causes: [
      'A wrong path, a file the client cannot read, or a key in a format the client does not accept (for example a PKCS#8 key where a traditional RSA key is expected).',
      'The CA/RA certificate files were not fetched with GetCACert first.',
    ],
    fix: [
      'Check the file paths and permissions, and convert the key to the format the client expects (openssl genrsa -traditional).',
      'Fetch the RA certificates with the client\'s getca operation and pass them as the CA/encryption certificates.',
    ],
    link: SOURCES.sscepFileutils,
    related: [SOURCES.scepclientSource, SOURCES.scep248],
    samples: {
      positive: [
        'sscep: cannot open private key file key.pem',
        './sscep: error while reading private key local.key',
        'sscep: cannot read CA cert (-c) file ca.crt-0',
        'creating csr pkiMessage: \u2026',
        'must specify private key path',
      ],
      negative: ['sscep: reading outer PKCS#7', 'sscep: sending certificate request'],
    },
  }),
];
