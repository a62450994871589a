import { defineSignature, type Signature } from './define';
import { ANY_DATA, dataValue, eventXml, eventXmlSample } from './eventXml';
import { SOURCES } from './sources';

/**
 * The device's events as an .evtx holds them, without their message (`eventXml.ts`). The ids are the
 * message table's (dmenterprisediagnostics.dll: 0xb0000020 "SCEP: Certificate enroll failed" is event
 * 32, 0x24 and 0x27 are 36 and 39, 0x132 and 0x133 are 306 and 307; libyal's winevt-kb lists them).
 */
const MDM = 'Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider';
const CERTENROLL = 'Microsoft-Windows-CertificateServicesClient-CertEnroll';
const MDM_CHANNEL = `${MDM}/Admin`;
const mdmXml = (id: number, level: number, data: readonly (readonly [string | undefined, string])[]): string => eventXmlSample(MDM, id, level, data, MDM_CHANNEL);

/**
 * Device side: Windows MDM and CertEnroll events, the iOS/iPadOS console, Android Company Portal
 * logs and third-party SCEP clients (stages 1, 2 and 5).
 */
/**
 * The failInfo rules (clients.ts) for NDES's own refusals: an unsupported algorithm (0), a request it
 * cannot decrypt or verify or a refused challenge (1), a signing time too far from its clock (3), no
 * matching certificate (4). Only badRequest (2) is how a CA denial reaches the client (signatures.md,
 * DEV-SCEP-CLIENT-PKISTATUS-FAILURE; codes.md, X509SCEPFailInfo).
 */
const NDES_OWN_FAILINFO = ['DEV-SCEP-FAILINFO-BADALG', 'DEV-SCEP-FAILINFO-BADMESSAGECHECK', 'DEV-SCEP-FAILINFO-BADTIME', 'DEV-SCEP-FAILINFO-BADCERTID'] as const;

export const DEVICE: readonly Signature[] = [
  defineSignature({
    id: 'DEV-WIN-306-ACCEPTED',
    title: 'Windows received the SCEP profile (event 306, 0x2ab0003)',
    kind: 'evidence', severity: 'info', stage: 1,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bSCEP: CspExecute for UniqueId\b/i,
        // Without its message: UniqueId, InstallUserSid, InstallLocation, NodePath, KeyProtection, Result.
        eventXml(MDM, '306', `(?:${ANY_DATA}){3,8}?${dataValue(String.raw`0x0{0,4}2ab0003`)}`),
      ],
      requires: [/\bResult\s*:\s*\(Unknown Win32 Error code: 0x2ab0003\)|>\s*0x0{0,4}2ab0003\s*</i],
    },
    message: 'Success marker: the Windows device received the SCEP profile and accepted it for processing (0x2ab0003 is not an error).',
    meaning: 'Event 306 in DeviceManagement-Enterprise-Diagnostics-Provider/Admin shows the SCEP configuration service provider being run for the profile. The result 0x2ab0003 reads as an unknown Win32 error but is DM_S_ACCEPTED_FOR_PROCESSING: the profile arrived from Intune and enrollment will start. Stage 1 (profile deployment) worked.',
    verify: ['Event 36 ("SCEP: Certificate request generated successfully") should follow, then 39 once the certificate is installed.'],
    link: SOURCES.dep,
    samples: {
      positive: [
        'SCEP: CspExecute for UniqueId : (ModelName_AC_1234abcd_LogicalName_5678ef) InstallUserSid : (S-1-5-21-1-2-3-1001) InstallLocation : (user) NodePath : (ClientInstall) KeyLocation : (1) Result : (Unknown Win32 Error code: 0x2ab0003).',
        mdmXml(306, 4, [['Message1', 'ModelName_AC_1234abcd_LogicalName_5678ef'], ['Message2', 'S-1-5-21-1-2-3-1001'], ['Message3', 'user'], ['Message4', 'ClientInstall'], ['Message5', '0x2'], ['HexInt1', '0x2ab0003']]),
      ],
      negative: [
        'SCEP: CspExecute for UniqueId : (ModelName_AC_1234abcd) InstallLocation : (user) NodePath : (ClientInstall) Result : (Unknown Win32 Error code: 0x80190194).',
        'SCEP: Certificate request generated successfully.',
        mdmXml(306, 2, [['Message1', 'ModelName_AC_1234abcd'], ['Message2', 'S-1-5-18'], ['Message3', 'device'], ['Message4', 'ClientInstall'], ['Message5', '0x2'], ['HexInt1', '0x80190194']]),
      ],
    },
  }),
  defineSignature({
    id: 'DEV-WIN-36-39-SUCCESS',
    title: 'Windows generated the request / installed the certificate (events 36, 39)',
    // Event 36 is the device-to-NDES article's marker (stage 2); only event 39 says the certificate was delivered.
    kind: 'evidence', severity: 'info', stage: 2,
    alsoProves: [{ stage: 5, when: /\bCertificate installed successfully\b|<EventID\b[^>]*>\s*39\s*<\/EventID>/i }],
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bSCEP: Certificate request generated successfully\b/i,
        /\bSCEP: Certificate installed successfully\b/i,
        // Without their message: the events themselves say it.
        eventXml(MDM, '36|39'),
      ],
    },
    message: 'Success marker: Windows SCEP progress (request generated for the NDES URL, or certificate installed).',
    meaning: 'Event 36 says the device built its certificate request and names the NDES URL it sends it to (stage 2 starts). Event 39 says the certificate came back and is installed in the device\'s store: delivery (stage 5) succeeded. Only reporting the result to Intune remains.',
    verify: ['The certificate is in the user or computer store (certmgr.msc / certlm.msc) and the profile shows Succeeded in Intune after the next check-in.'],
    link: SOURCES.del,
    related: [SOURCES.deviceToNdes],
    samples: {
      positive: [
        'SCEP: Certificate request generated successfully. Enhanced Key Usage: (1.3.6.1.5.5.7.3.2), NDES URL: (https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll), Container Name: (), KSP Name: (Microsoft Platform Crypto Provider), Store Location: (1)',
        'SCEP: Certificate installed successfully.',
        mdmXml(36, 4, [['Message1', '1.3.6.1.5.5.7.3.2'], ['Message2', 'https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll'], ['Message3', ''], ['Message4', 'Microsoft Platform Crypto Provider'], ['Message5', '1']]),
        mdmXml(39, 4, []),
      ],
      negative: [
        'SCEP: Certificate enroll failed. Result: (The hash value is not correct.).',
        'SCEP: Certificate request generated.',
        eventXmlSample('Microsoft-Windows-Kernel-Power', 39, 4, [['Message1', '1']], 'System'),
      ],
    },
  }),
  defineSignature({
    id: 'DEV-WIN-32-307-ENROLL-FAILED',
    title: 'Windows SCEP enrollment with NDES failed (events 32, 307)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bSCEPInstallCertificateWithScepHelper:\s*Failed to Initialize SCEP enrollment with NDES Server\b/i,
        // Event 32's text is "enroll failed"; SCEPman's troubleshooting page quotes it as "enrollment failed".
        /\bSCEP: Certificate enroll(?:ment)? failed\b/i,
        // Without their message: the events are the failure (32 "Certificate enroll failed", 307 "Failed LogError Message").
        eventXml(MDM, '32|307'),
      ],
    },
    message: 'The Windows device could not enroll with the NDES server. The LogError / Result code in this event says why (404 URL, TLS, invalid response, wrong CA thumbprint…).',
    meaning: 'The device got the SCEP profile but the enrollment with NDES failed. Event 307 names the NDES server and CA thumbprint used and a LogError code; event 32 gives the result as a code or text. Decoding it tells where it broke: 0x80190194 is HTTP 404 from the SCEP URL; 0x80072f78 is WinHTTP 12152 (something in the path returned an invalid HTTP answer); 0x80072f8f is WinHTTP 12175 (TLS/certificate failure); "The hash value is not correct." (0x80091007) means the CA thumbprint in the profile does not match; "does not contain an expected authenticated attribute" (0x80091006) means the SCEP server\'s reply lacked a signed attribute Windows requires.',
    causes: [
      '0x80190194: the SCEP server URL in the profile is wrong (path, host, or proxy publishing).',
      '0x80072f78: a reverse proxy or gateway in front of NDES answers with something that is not a valid HTTP/SCEP response.',
      '0x80072f8f: the device does not trust the TLS certificate of the NDES URL, or the name does not match.',
      'Hash value not correct: the trusted certificate profile referenced by the SCEP profile holds an intermediate or the wrong root, so the CA thumbprint differs.',
      'Missing authenticated attribute: the SCEP server (seen with non-Microsoft CAs behind a proxy) returns a malformed CertRep.',
    ],
    fix: [
      'Decode the LogError / Result code (hover it) and follow the matching cause.',
      'For 404 or invalid responses, open the SCEP URL with /pkiclient.exe?operation=GetCACaps from the device network and compare with the profile.',
      'For TLS failures, make sure the device trusts the chain of the NDES / proxy certificate and the URL host name is on it.',
      'For a hash mismatch, point the SCEP profile at a trusted certificate profile containing the root CA that really issued the NDES RA certificates.',
    ],
    verify: ['Events 36 and 39 follow on the device for the next attempt.'],
    unconfirmed: 'The "expected authenticated attribute" failure was reported with a non-Microsoft SCEP server behind a proxy; whether NDES can produce it is not established.',
    link: SOURCES.oktaHash,
    related: [SOURCES.micromdm238, SOURCES.goWindows, SOURCES.winhttpErrors, SOURCES.comErrors],
    samples: {
      positive: [
        "SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://ndes.contoso.com/certsrv/mscep/mscep.dll', CA cert thumbprint '1A2B3C4D5E6F' LogError 0x80190194",
        'SCEP: Certificate enroll failed. Result: (The hash value is not correct.).',
        'SCEP: Certificate enroll failed. (The cryptographic message does not contain an expected authenticated attribute.).',
        // As SCEPman's troubleshooting page words event 32 (docs/other/troubleshooting/general.md).
        'SCEP: Certificate enrollment failed. Result (The hash value is not correct.).',
        mdmXml(32, 2, [['Message1', 'The hash value is not correct.']]),
        mdmXml(307, 2, [['Message1', "SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://ndes.contoso.com/certsrv/mscep/mscep.dll', CA cert thumbprint '1A2B3C4D5E6F' LogError 0x80190194"]]),
      ],
      negative: [
        'SCEP: Certificate installed successfully.',
        'SCEP: Certificate request generated successfully.',
        // The same ids from another provider, and the MDM log's other events.
        eventXmlSample('Microsoft-Windows-Kernel-General', 32, 2, [['Message1', '0x1']], 'System'),
        mdmXml(404, 2, [['Message1', '(7A1F)'], ['Message2', 'MDMDeviceWithAAD'], ['Message3', 'Policy'], ['Message4', 'Add'], ['Message5', './Device/Vendor/MSFT/Policy/Config/Update/ActiveHoursStart'], ['HexInt1', '0x86000002']]),
      ],
    },
  }),
  defineSignature({
    id: 'DEV-WIN-CERTENROLL-86-87',
    title: 'Windows CertEnroll SCEP enrollment failed (events 86, 87)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bSCEP Certificate enrollment (?:initialization )?for [^\r\n]{0,300}? via \S{1,500} failed\b/i,
        /\bEnrollStatus\(\d+\):\s*Enroll(?:Error|Denied)\b/i,
        // Without their message (86 "SCEP Certificate enrollment initialization … failed", 87 "… failed").
        eventXml(CERTENROLL, '86|87'),
      ],
    },
    message: 'Windows CertEnroll reports a failed SCEP enrollment: read the stage and code (event 86) or the PkiStatus / FailInfo lines (event 87).',
    meaning: 'CertificateServicesClient-CertEnroll writes event 86 when SCEP enrollment could not even start (the Stage line says where, for example GetCACaps, and the code why; 0x80072f8f WinHTTP 12175 means the TLS certificate of the NDES URL is not trusted) and event 87 when NDES answered the request with a failure: PkiStatus(2) SCEPDispositionFailure, a FailInfo such as SCEPFailBadRequest, and EnrollStatus EnrollDenied, often with the CA\'s reason (for example 0x80094811 CERTSRV_E_KEY_LENGTH, Denied by Policy Module).',
    causes: [
      'Event 86 at GetCACaps/GetCACert with 0x80072f8f: the device does not trust the TLS certificate of the NDES URL.',
      'Event 87 with a CA error text: the CA denied the request (key too short, template, permissions): see CA event 53.',
      'Event 87 with SCEPFailBadMessageCheck: the request was encrypted/signed for the wrong RA certificate or the challenge was refused.',
    ],
    fix: [
      'For event 86, test the NDES URL from the device and fix the trust chain of its TLS certificate.',
      'For event 87, read the CA\'s Failed Requests and event 53 for the same time and fix the reason given there (for example raise the key size in the profile to the template\'s minimum).',
    ],
    verify: ['The next enrollment logs no 86/87 and the certificate appears in the store.'],
    // Event 87 quotes the CA's denial when the CA refused the request: the failure is the CA's (stage 4),
    // unless its FailInfo is one of NDES's own checks (see DEV-SCEP-CLIENT-PKISTATUS-FAILURE).
    // Event 86 ("enrollment initialization … failed") never sent a request: a CA denial is another's.
    pointsTo: [...NDES_OWN_FAILINFO, 'CA-EVT-53-DENIED', 'NDES-EVT-31-SUBMIT-FAILED'],
    pointsToWhen: /\bSCEP Certificate enrollment for\b|\bEnrollStatus\(\d+\)|<EventID\b[^<>]{0,80}>\s*87\s*<\/EventID>/i,
    link: SOURCES.gradEvt87,
    related: [SOURCES.gradEvt86],
    samples: {
      positive: [
        'SCEP Certificate enrollment initialization for Local system via https://ndes.contoso.com/certsrv/mscep/mscep.dll failed: GetCACaps Method: GET(16ms) Stage: GetCACaps 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)',
        'SCEP Certificate enrollment for Local system via https://ndes.contoso.com/certsrv/mscep/mscep.dll failed:',
        'EnrollStatus(256): EnrollDenied',
        eventXmlSample(CERTENROLL, 86, 2, [[undefined, 'Local system'], [undefined, 'https://ndes.contoso.com/certsrv/mscep/mscep.dll'], [undefined, 'GetCACaps'], [undefined, '0x80072f8f']]),
      ],
      negative: [
        'SCEP Certificate enrollment for Local system via https://ndes.contoso.com/certsrv/mscep/mscep.dll succeeded.',
        'EnrollStatus(1): Enrolled',
        // The server's own autoenrollment (CertEnroll 13) is not a SCEP enrollment.
        eventXmlSample(CERTENROLL, 13, 2, [[undefined, 'Local system'], [undefined, 'ContosoWebServer'], [undefined, 'CA02.contoso.com\\Legacy CA'], [undefined, 'The RPC server is unavailable. 0x800706ba']]),
      ],
    },
  }),
  defineSignature({
    id: 'DEV-IOS-RA-RESPONSE-INVALID',
    title: 'iOS rejected the NDES RA certificate response',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [
        // profiled's wrapper for any SCEP failure: its NSError's Desc says which. Microsoft's article prints
        // the Desc on the line below (the RA's response is invalid). A Desc on the same line that another
        // signature reads (DEV-IOS-SCEP-INVALID-RESPONSE, DEV-IOS-SCEP-CONFIG-NOT-SUPPORTED: the answer to
        // the request) is that signature's alone; any other Desc keeps the wrapper a failure here, since no
        // other rule reads it and the device's failed enrollment must not go silent.
        /\bCannot retrieve SCEP identity\b(?!:?\s{0,4}NSError:?\s{0,40}Desc\s{0,4}:\s{0,4}The SCEP server (?:returned an invalid response|configuration is not supported)\b)/i,
        /\bThe Registration Authority.{1,4}s response is invalid\b/i,
        // Any process whose TLS trust check fails writes this (trustd, nsurlsessiond, a browser):
        // only profiled's, the SCEP client's own, is this failure. The match (what is marked) is the check.
        // idevicesyslog names the image that logged after the process: `profiled(Security)[412]`.
        /(?<=\bprofiled(?:\([^\s()]{1,100}\))?(?:\[\d{1,10}\])?(?:\s{1,2}<\w{1,20}>)?:?\s{1,40})SecTrustEvaluate\s{1,10}\[leaf AnchorTrusted\]/i,
      ],
    },
    message: 'The iOS/iPadOS device did not accept the NDES server\'s answer (RA certificates or their trust), so no SCEP identity was created.',
    meaning: 'The device fetched the CA/RA certificates from NDES (GetCACert) but judged the response invalid or the chain untrusted, and gave up before asking for the server\'s capabilities (GetCACaps) or sending the request. In the NDES IIS log this shows up as GetCACert without a following GetCACaps from the device.',
    causes: [
      'The trusted certificate profile deployed to the device does not contain the root that issued the NDES RA certificates.',
      'The NDES RA certificates or their chain are not acceptable to iOS (see NDES-IIS-GETCACERT-WITHOUT-GETCACAPS).',
    ],
    fix: [
      'Check that the SCEP profile references a trusted certificate profile with the correct root CA certificate, and that it is assigned to the same users/devices.',
      'Check the RA certificates NDES returns (GetCACert) chain to that root and are valid.',
      'Retry on the device and look for GetCACaps and PKIOperation from it in the IIS log.',
    ],
    verify: ['The device console then shows "Sending CSR via GET" and the profile installs.'],
    link: SOURCES.iosNoGetcacaps,
    samples: {
      positive: [
        'default 10:14:01.123456 +0100 profiled Cannot retrieve SCEP identity',
        "error 10:14:01.123456 +0100 profiled The Registration Authority\\'92s response is invalid.",
        'Mar  5 10:14:01 iPhone profiled[123] <Notice>: SecTrustEvaluate  [leaf AnchorTrusted]',
        'error\t10:14:01.123456 +0100\tprofiled\tSecTrustEvaluate  [leaf AnchorTrusted]',
        'Mar  4 18:30:53.691033 profiled(Security)[412] <Error>: SecTrustEvaluate  [leaf AnchorTrusted]',
        // Microsoft's article: the wrapper, its Desc on the next line.
        'May 23 14:15:42 -iPhone profiled[150] <Notice>: (Error) MC: Cannot retrieve SCEP identity: NSError:\nDesc   : The Registration Authority...s response is invalid',
        'profiled Cannot retrieve SCEP identity: NSError: Desc : The Registration Authority\u2019s response is invalid.',
        // The wrapper around an error no other signature reads: still the device's failed enrollment.
        'May 23 14:15:42 iPhone profiled[150] <Notice>: (Error) MC: Cannot retrieve SCEP identity: NSError: Desc : The request timed out. US Desc: The request timed out. Domain : NSURLErrorDomain Code : -1001 Type : MCFatalError',
      ],
      negative: [
        // The wrapper around another error: the device rejected the answer to its request, not the RA
        // certificates (a console paste published with a Stack Overflow question, copied by de.membukakan.com).
        'error 14:00:17.422199-0700 profiled Cannot retrieve SCEP identity: NSError: Desc : The SCEP server returned an invalid response. US Desc: The SCEP server returned an invalid response. Domain : MCSCEPErrorDomain Code : 22013 Type : MCFatalError',
        'profiled Cannot retrieve SCEP identity: NSError: Desc : The SCEP server configuration is not supported.',
        'default 10:14:01.123456 +0100 profiled Attempting to retrieve issued certificate...',
        'SecTrustEvaluate  [root AnchorTrusted]',
        'error\t10:14:02.310000 +0100\ttrustd\tSecTrustEvaluate  [leaf AnchorTrusted]',
        'Mar  5 10:14:02 iPhone nsurlsessiond[88] <Notice>: SecTrustEvaluate  [leaf AnchorTrusted]',
        'Mar  4 18:30:53.702118 trustd(Security)[118] <Notice>: SecTrustEvaluate  [leaf AnchorTrusted]',
      ],
    },
  }),
  defineSignature({
    id: 'DEV-IOS-SUCCESS-MARKERS',
    title: 'iOS SCEP progress markers',
    // Each marker proves the stage its line shows. Every one of them shows the SCEP profile on the device
    // (stage 1, the profile-deployment article's marker); the calls to NDES, the CSR sent and the wait for
    // the certificate are the device-to-NDES article's markers (stage 2); only the installed profile is
    // the delivery (stage 5). None of them says NDES, the policy module or the CA answered well.
    kind: 'evidence', severity: 'info', stage: 1,
    alsoProves: [
      { stage: 2, when: /\bmscep\.dll\?operation=|\bAttempting to retrieve issued certificate\b|\bSending CSR via GET\b/i },
      { stage: 5, when: /\bSCEP\.ModelName=\S{0,300}\s{1,8}installed\b/i },
    ],
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [
        /\bAdding dependent ModelName=\S+ to parent \S+ in domain PayloadDependencyDomainCertificate\b/i,
        /\bPerforming synchronous URL request: \S*?mscep\.dll\?operation=(?:GetCACert|GetCACaps|PKIOperation)\b/i,
        /\bAttempting to retrieve issued certificate\b/i,
        /\bSending CSR via GET\b/i,
        /\bProfile \S*www\.windowsintune\.com\.SCEP\.ModelName=\S*\s+installed\b/i,
      ],
    },
    message: 'Success marker: iOS/iPadOS SCEP progress (profile received, NDES contacted, request sent, or SCEP profile installed).',
    meaning: 'These console lines trace a SCEP enrollment on iOS/iPadOS: the SCEP payload arrives tied to its trusted certificate, the device calls GetCACert, GetCACaps and PKIOperation on NDES, sends the CSR and waits for the certificate, and finally the www.windowsintune.com.SCEP profile is installed. The last marker present is the last step that worked: a PKIOperation without the final "installed" points to NDES or the CA; GetCACert without GetCACaps points to DEV-IOS-RA-RESPONSE-INVALID.',
    verify: ['The final "Profile … www.windowsintune.com.SCEP.ModelName=… installed" line means the certificate is on the device.'],
    link: SOURCES.dep,
    related: [SOURCES.deviceToNdes, SOURCES.del],
    samples: {
      positive: [
        'default 10:14:00.100000 +0100 profiled Adding dependent ModelName=AC_1234_LogicalName_abcd to parent www.windowsintune.com.SCEP.ModelName=AC_1234 in domain PayloadDependencyDomainCertificate',
        'default 10:14:01.200000 +0100 profiled Performing synchronous URL request: https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps',
        'default 10:14:02.300000 +0100 profiled Sending CSR via GET.',
        'default 10:14:03.400000 +0100 profiled Profile \\\'93www.windowsintune.com.SCEP.ModelName=AC_1234\\\'94 installed.',
      ],
      negative: [
        'default 10:14:01.123456 +0100 profiled Cannot retrieve SCEP identity',
        'default 10:14:01.200000 +0100 profiled Performing synchronous URL request: https://www.apple.com/',
      ],
    },
  }),
  defineSignature({
    id: 'DEV-SCEP-CLIENT-PKISTATUS-FAILURE',
    title: 'NDES answered the SCEP request with status FAILURE',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bpkistatus: FAILURE\b/i,
        /\bpkiStatus=FAILURE\b/i,
        /\bPkiStatus\(2\):\s*SCEPDispositionFailure\b/i,
        // The failInfo line that follows (sscep "reason:", Windows "FailInfo(n)") is DEV-SCEP-FAILINFO-*'s.
      ],
    },
    message: 'The SCEP server answered the request with a CertRep of status FAILURE; the failInfo reason tells which check failed.',
    // NDES relays a CA denial as FAILURE (failInfo badRequest): with the CA's reason found, it is the CA's.
    // The other failInfo values are NDES's own checks, made before the CA sees the request (badAlg,
    // badMessageCheck, badTime, badCertId): with one of them found, the failure stays before the CA.
    pointsTo: [...NDES_OWN_FAILINFO, 'CA-EVT-53-DENIED', 'NDES-EVT-31-SUBMIT-FAILED'],
    meaning: 'NDES (or another SCEP server) decoded the client\'s request and returned a SCEP failure instead of a certificate. The failInfo gives the reason: 0 badAlg (unsupported algorithm), 1 badMessageCheck (integrity check failed), 2 badRequest (transaction not permitted, typically after the CA denied it), 3 badTime (signing time too far from the server time), 4 badCertId (no matching certificate). Windows shows the same as PkiStatus(2) SCEPDispositionFailure with a FailInfo line in CertEnroll event 87.',
    causes: [
      'failInfo 1 from NDES: the request was encrypted or signed for the wrong certificate (the CA certificate instead of the NDES RA encryption certificate), or the challenge was wrong or already used (NDES then logs event 29).',
      'failInfo 2: the CA denied the request (see CA event 53, for example a key shorter than the template allows).',
      'failInfo 3: the client\'s clock is off.',
    ],
    fix: [
      'Make the client encrypt to the RA encryption certificate returned by GetCACert, not to the CA certificate.',
      'Get a fresh challenge password and retry.',
      'Check NDES events 29 and 31 and CA event 53 at the same time for the exact reason.',
    ],
    unconfirmed: 'Reading failInfo 1 from NDES as "wrong RA certificate or bad challenge" is inferred from client reports, not a documented rule.',
    link: SOURCES.sscep156,
    related: [SOURCES.sscep80, SOURCES.scepFailinfo, SOURCES.gradEvt87],
    samples: {
      positive: [
        'sscep: pkistatus: FAILURE',
        'PkiStatus(2): SCEPDispositionFailure',
        '2024-03-05T08:14:05.1000000  INFO  Event  org.jscep.client.Client  4211  12  pkiStatus=FAILURE',
      ],
      negative: [
        'sscep: pkistatus: SUCCESS',
        'PkiStatus(0): SCEPDispositionSuccess',
        'pkiStatus=PENDING',
        'sscep: reason: Integrity check failed',
      ],
    },
  }),
  defineSignature({
    id: 'DEV-ANDROID-OMADM-MARKERS',
    title: 'Android Company Portal SCEP progress markers',
    kind: 'evidence', severity: 'info', stage: 5,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [
        /\bReceived '200 OK' when sending GetCACaps\(/i,
        /\bpkiStatus=SUCCESS\b/i,
        /\bstate changed from \w+ to (?:CERT_INSTALL_SUCCESS|CERT_ACCESS_GRANTED)\b/i,
      ],
    },
    message: 'Success marker: Android SCEP progress (NDES answered GetCACaps, NDES issued the certificate, or the certificate was installed / granted).',
    meaning: 'In OMADM.log (personally owned work profile) or CloudExtension.log (corporate-owned), these lines trace a successful enrollment: NDES answered GetCACaps with 200 OK (the device reached it), the SCEP reply carried pkiStatus=SUCCESS (a certificate was issued), the root certificate moved to CERT_INSTALL_SUCCESS and the SCEP certificate to CERT_ACCESS_GRANTED (delivered and usable).',
    verify: ['Both the root (CERT_INSTALL_SUCCESS) and the SCEP certificate (CERT_ACCESS_GRANTED) should reach their final state.'],
    unconfirmed: 'Only the success lines are documented; failure lines (a "Received" status other than 200 OK) are not.',
    link: SOURCES.del,
    related: [SOURCES.deviceToNdes, SOURCES.scepOverview],
    samples: {
      positive: [
        "2024-03-05T08:14:01.1000000  VERB  Event  org.jscep.transport.UrlConnectionGetTransport  4211  12  Received '200 OK' when sending GetCACaps(ca) to https://scep-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
        '2024-03-05T08:14:05.1000000  INFO  Event  org.jscep.client.Client  4211  12  pkiStatus=SUCCESS',
        '2024-03-05T08:14:06.1000000  INFO  Event  com.microsoft.omadm.platforms.android.certmgr.CertificateStateMachine  4211  12  state changed from CERT_ACCESS_REQUESTED to CERT_ACCESS_GRANTED',
      ],
      negative: [
        "2024-03-05T08:14:01.1000000  VERB  Event  org.jscep.transport.UrlConnectionGetTransport  4211  12  Received '403 Forbidden' when sending GetCACaps(ca)",
        '2024-03-05T08:14:06.1000000  INFO  Event  CertificateStateMachine  4211  12  state changed from CERT_INSTALLING to CERT_INSTALL_FAILED',
      ],
    },
  }),
];
