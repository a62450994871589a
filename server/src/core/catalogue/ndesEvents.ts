import { CA_EXPIRED_XML_SAMPLE, EXPIRED_IN_CHAIN, NDES_OR_CA_EVENT_XML } from './ca';
import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';
import { OTHER_PROCESS, WINDOWS_ROOT_UPDATE } from './windowsOwn';

const MSCEP_REGISTRY = {
  label: 'show the NDES (MSCEP) registry values',
  text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"',
};

/**
 * An NDES event exported as Event XML without its message text (`wevtutil qe … /f:xml`, "Save as
 * XML"): the EventData element is named after the event (EVENT_MSCEP_…) and holds the code as an
 * ErrorCode value (hex, or decimal as some exports print it). `code` is a regex alternation of the
 * codes to match; the value is captured as `code`. The scan for ErrorCode stops at the next
 * EventData tag, so text of many events costs each one its own data, not the next 4,000 characters.
 */
function eventDataCode(names: string, code = '[^<\\s]{1,24}'): RegExp {
  return new RegExp(`<EventData\\s+Name=["'](?:${names})["'][^<>]{0,100}>(?:[^<]|<(?!/?EventData\\b)){0,4000}?<Data\\s+Name=["']ErrorCode["']\\s*>\\s*(?<code>(?:${code}))\\s*<`, 'i');
}
/** A sample: one NDES event as `wevtutil qe Application /f:xml` prints it, without its message. */
function eventXml(id: number, name: string, code: string, message: string): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID>${id}</EventID><Level>2</Level></System><EventData Name='${name}'><Data Name='ErrorCode'>${code}</Data><Data Name='ErrorMessage'>${message}</Data></EventData></Event>`;
}
/** A sample: Application Error event 1000 (a process crashed) as an .evtx holds it, with this EventData. */
function appErrorXml(data: string): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Application Error'/><EventID Qualifiers='0'>1000</EventID><Level>2</Level><Task>100</Task><Keywords>0x80000000000000</Keywords><Channel>Application</Channel></System><EventData>${data}</EventData></Event>`;
}
/** 0x800700EA (ERROR_MORE_DATA) as hex, unsigned and signed decimal. */
const MORE_DATA = '0x800700ea|2147942634|-2147024662';
const FAILED_TO_LOAD_XML = eventDataCode('EVENT_MSCEP_FAILED_TO_LOAD');
const HANDLER_ORDER_XML = eventDataCode('EVENT_MSCEP_FAILED_TO_LOAD', MORE_DATA);

/**
 * The NDES server's Windows event log: Application events of Microsoft-Windows-NetworkDeviceEnrollmentService,
 * the w3wp.exe crash event and CAPI2. Event exports have no framing of their own yet, so these run on
 * plain text (any text of unknown format).
 */
export const NDES_EVENTS: readonly Signature[] = [
  defineSignature({
    id: 'NDES-EVT-2-CANNOT-START',
    title: 'NDES cannot be started (event 2)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [/\bThe (?:Network Device|Device) Enrollment Service cannot be started\s*\((?<code>0x[0-9a-f]{8})\)/i, FAILED_TO_LOAD_XML],
      excludes: [/\bcannot be started\s*\(0x800700ea\)/i, HANDLER_ORDER_XML],
    },
    message: 'The Network Device Enrollment Service failed to start ({code}); every SCEP request gets 500 until it does. The code points at the cause.',
    meaning: 'Event 2 (EVENT_MSCEP_FAILED_TO_LOAD) is logged when NDES fails to initialise inside the SCEP application pool; mscep.dll and mscep_admin then answer 500. The code narrows it down: 0x80070057 (parameter incorrect) means no usable registration authority certificate or no access to its key, and usually comes with event 10; 0x80070002 (file not found) means inconsistent NDES registry values or a configured policy module that cannot be loaded; 0x8009000b (key not valid in this state) usually comes with event 49 about EncryptedPassword; 0x80004005 is unspecified. 0x800700ea is the IIS handler-order problem (NDES-EVT-2-HANDLER-ORDER).',
    causes: [
      '0x80070057: the SCEP pool identity cannot read the RA private keys, the RA certificates were not issued by the CA NDES uses, or they fail revocation checking.',
      '0x80070002: a registry value NDES expects is missing (for example EnforcePassword under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP), or a configured policy module cannot start.',
      '0x8009000b: the stored EncryptedPassword cannot be decrypted (see event 49).',
    ],
    fix: [
      'Read the event 10 or 49 logged in the same minute, if any, and follow it.',
      'For 0x80070057, give the NDES service account Read on the private keys of the CEP Encryption and Exchange Enrollment Agent (Offline request) certificates, and make sure both were issued by the CA NDES forwards to and pass revocation checking.',
      'For 0x80070002, compare the MSCEP registry key with a working NDES server (copy the query with the quick fix) and restore missing values, or reinstall the NDES role.',
      'Run iisreset and browse to the SCEP URL; a new event 2 means the cause is not fixed yet.',
    ],
    verify: ['After iisreset no new event 2 should appear, and browsing the SCEP URL should give HTTP Error 403.0 - Forbidden.'],
    link: SOURCES.gradEvt2,
    related: [SOURCES.dreaded210, SOURCES.deviceToNdes],
    remediation: MSCEP_REGISTRY,
    pointsTo: ['NDES-EVT-10-RA-CERT', 'NDES-EVT-49-ENCRYPTED-PASSWORD'],
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.',
        'Description:  The Device Enrollment Service cannot be started (0x80070002). The system cannot find the file specified.',
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '0x80070057', 'The parameter is incorrect.'),
      ],
      negative: [
        'The Network Device Enrollment Service cannot be started (0x800700ea). More data is available.',
        'The Network Device Enrollment Service started successfully.',
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '0x800700ea', 'More data is available.'),
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '-2147024662', 'More data is available.'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-2-HANDLER-ORDER',
    title: 'NDES cannot start: IIS handler order (event 2, 0x800700ea)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: { patterns: [/\bcannot be started\s*\(0x800700ea\)/i, HANDLER_ORDER_XML] },
    message: 'NDES cannot start with 0x800700ea (More data is available): in IIS, ExtensionlessUrlHandler-ISAPI-4.0_64bit must come after StaticFile for the mscep and mscep_admin applications.',
    meaning: 'On Windows Server 2012 the ASP.NET 4 extensionless URL handler can sit above the StaticFile handler in the ordered handler list of the NDES applications. NDES then fails to start with 0x800700ea and opening mscep_admin for a challenge password shows "Http error 500.0 - internal server error".',
    causes: ['ExtensionlessUrlHandler-ISAPI-4.0_64bit is ordered before StaticFile in the handler mappings of the mscep and mscep_admin applications.'],
    fix: [
      'Open IIS Manager > Default Web Site > View Applications and double-click the mscep application.',
      'Open Handler Mappings, click View Ordered List, and move ExtensionlessUrlHandler-ISAPI-4.0_64bit below StaticFile.',
      'Repeat for the mscep_admin application.',
      'Restart IIS.',
    ],
    verify: ['The NDES admin page should load and no new event 2 should appear.'],
    link: SOURCES.kb2800975,
    related: [SOURCES.gradEvt2],
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot be started (0x800700ea). More data is available.',
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '0x800700EA', 'More data is available.'),
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '2147942634', 'More data is available.'),
      ],
      negative: [
        'The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.',
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '0x80070057', 'The parameter is incorrect.'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-49-ENCRYPTED-PASSWORD',
    title: 'NDES cannot decrypt its EncryptedPassword (event 49)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [/\bhas failed to decrypt the encrypted password or the decrypted password['\u2019]s length doesn['\u2019]t match the one configured in the registry\b/i],
    },
    message: 'NDES cannot decrypt the EncryptedPassword value stored in its registry key; it usually fails to start as well (event 2 with 0x8009000b).',
    meaning: 'NDES keeps an encrypted password under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP (REG_BINARY value EncryptedPassword). Event 49 says that value can no longer be decrypted, or decrypts to a password of the wrong length, for example after the key that protected it changed. NDES then typically logs event 2 with 0x8009000b (key not valid for use in specified state).',
    causes: ['The EncryptedPassword value no longer matches the key or configuration it was created with.'],
    fix: [
      'Back up the MSCEP registry key, then delete the EncryptedPassword value under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP (copy the commands with the quick fix).',
      'Restart AD CS and IIS (iisreset).',
      'Open the NDES admin page once: NDES writes a new EncryptedPassword value.',
    ],
    verify: ['No new event 49 or event 2 should appear after the restart.'],
    link: SOURCES.encryptedPasswordBlog,
    related: [SOURCES.gradEvt2],
    remediation: {
      label: 'back up the MSCEP key and delete EncryptedPassword',
      text: 'reg export "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP" mscep-backup.reg\nreg delete "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP" /v EncryptedPassword /f\niisreset',
    },
    samples: {
      positive: ["The Network Device Enrollment Service has failed to decrypt the encrypted password or the decrypted password's length doesn't match the one configured in the registry."],
      negative: ['The Network Device Enrollment Service cannot be started (0x8009000b). Key not valid for use in specified state.'],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-10-RA-CERT',
    title: 'NDES cannot use its RA certificates (event 10)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: { patterns: [/\bcannot retrieve one of its required certificates\s*\((?<code>0x[0-9a-f]{8})\)/i, eventDataCode('EVENT_MSCEP_FAILED_RA_CERT')] },
    message: 'NDES cannot load one of its registration authority certificates ({code}); mscep.dll and mscep_admin will answer 500.',
    meaning: 'Event 10 (EVENT_MSCEP_FAILED_RA_CERT) means NDES could not use one of the two registration authority certificates it signs and decrypts SCEP messages with (CEP Encryption and Exchange Enrollment Agent (Offline request)). It normally comes together with event 2. With 0x80070057 the certificates exist but cannot be used; with 0x80070002 the NDES registry is inconsistent even though the text names certificates.',
    causes: [
      '0x80070057: the SCEP application pool identity cannot read the RA private keys.',
      '0x80070057: the RA certificates were issued by a different CA than the one NDES forwards requests to.',
      '0x80070057: the RA certificates or a CA certificate in their chain fail revocation checking (CRL or AIA unreachable).',
      '0x80070002: a registry value such as EnforcePassword is missing under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP.',
    ],
    fix: [
      'In certlm.msc > Personal, right-click each RA certificate > All Tasks > Manage Private Keys and give the NDES service account Read.',
      'Check that both RA certificates were issued by the CA NDES is configured for; re-enroll them from that CA if not.',
      'Run certutil -verify -urlfetch on an exported RA certificate and fix any CRL or AIA location it cannot reach.',
      'For 0x80070002, restore the missing MSCEP registry values (copy the query with the quick fix).',
      'Run iisreset.',
    ],
    verify: ['After iisreset no new event 10 or 2 should appear.'],
    link: SOURCES.gradEvt10,
    related: [SOURCES.dreaded210, SOURCES.deviceToNdes],
    remediation: MSCEP_REGISTRY,
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect.',
        'Description:  The Device Enrollment Service cannot retrieve one of its required certificates (0x80070002).  The system cannot find the file specified.',
        eventXml(10, 'EVENT_MSCEP_FAILED_RA_CERT', '0x80070057', 'The parameter is incorrect.'),
      ],
      negative: [
        'The Network Device Enrollment Service cannot retrieve required information, such as the transaction ID, message type, or signing certificate, from the client\'s PKCS7 message (0x8009310b).',
        'The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.',
        eventXml(2, 'EVENT_MSCEP_FAILED_TO_LOAD', '0x80070057', 'The parameter is incorrect.'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-6-NO-ENROLL-PERMISSION',
    title: 'NDES account may not enroll for the configured template (event 6)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: { patterns: [/\bcannot provide its password because the user does not have enroll permissions on the configured certificate template\b/i] },
    message: 'NDES reports that its account cannot enroll for the configured certificate template, or the CA does not issue that template.',
    meaning: 'Event 6 is logged when NDES checks the template it is configured to request (the SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate registry values): either the NDES service account lacks Enroll permission on that template, or the CA is not set to issue it. Certificate requests from devices would be denied for the same reason.',
    causes: [
      'The NDES service account has no Read and Enroll permission on the SCEP certificate template.',
      'The template is not published on (issued by) the CA that NDES uses.',
    ],
    fix: [
      'In the Certificate Templates console open the SCEP template > Security and give the NDES service account Read and Enroll.',
      'In the Certification Authority console add the template under Certificate Templates > New > Certificate Template to Issue.',
      'Restart IIS (iisreset) so NDES re-reads the template.',
    ],
    verify: ['No new event 6 should appear, and device requests should show issued certificates on the CA.'],
    link: SOURCES.gradOverview,
    related: [SOURCES.ccPrerequisites],
    samples: {
      positive: ['The Network Device Enrollment Service cannot provide its password because the user does not have Enroll permissions on the configured certificate template, or the certification authority is not enabled to issue certificates based on the configured certificate template.'],
      negative: ['The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.). 0x80004005'],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-16-17-18-PKCS7',
    title: 'NDES cannot read the client\'s SCEP message (events 16, 17, 18)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bcannot decode the http message from the client\s*\((?<code>0x[0-9a-f]{1,8})\)/i,
        /\bcannot retrieve required information, such as the transaction ID, message type, or signing certificate, from the client['\u2019]s PKCS7 message\s*\((?<code>0x[0-9a-f]{1,8})\)/i,
        /\bcannot decrypt the client['\u2019]s PKCS7 message\s*\((?<code>0x[0-9a-f]{1,8})\)/i,
        eventDataCode('EVENT_MSCEP_FAIL_TO_(?:DECODE|RETRIEVE_INFO|DECRYPT_INNER)'),
      ],
    },
    // Event 17 with 0x8009310b is what the fake request of Microsoft's Validate-NDESUrl.ps1 leaves
    // (its README), so on its own it proves no failed enrollment: a warning, as the spec rates it.
    milder: {
      severity: 'warning',
      when: new RegExp(`\\bfrom the client['\u2019]s PKCS7 message\\s*\\(0x8009310b\\)|${eventDataCode('EVENT_MSCEP_FAIL_TO_RETRIEVE_INFO', '0x8009310b|2148086027|-2146881269').source}`, 'i'),
      why: 'for event 17 with 0x8009310b, the trace of the Validate-NDESUrl.ps1 test request',
    },
    message: 'NDES could not process a client\'s SCEP message ({code}). If you just ran Validate-NDESUrl.ps1, event 17 with 0x8009310b is caused by its fake request and is harmless.',
    meaning: 'The body of a PKIOperation request was unusable: event 16 means the HTTP message could not be decoded, event 17 that the PKCS#7 envelope lacks the transaction ID, message type or signer certificate, event 18 that NDES could not decrypt it. A known harmless case is event 17 with 0x8009310b (ASN.1 bad tag) produced by the fake request of Microsoft\'s Validate-NDESUrl.ps1 test. Event 18 with 0x80090005 (bad data) was seen when a third-party client encrypted its request to the CA certificate instead of the NDES encryption (RA) certificate.',
    causes: [
      'A URL test script sent a deliberately invalid request (event 17, 0x8009310b).',
      'The client encrypted the request to the wrong certificate: it must use the RA encryption certificate returned by GetCACert (event 18, 0x80090005).',
      'The request was damaged or truncated on the way, for example by a proxy.',
    ],
    fix: [
      'If the time matches a run of Validate-NDESUrl.ps1 or a similar test, ignore the event.',
      'Otherwise check that the SCEP client uses the certificates returned by GetCACert: encryption to the CEP Encryption (RA) certificate, not to the CA certificate.',
      'Check reverse proxies in front of NDES for URL rewriting or truncation of the message parameter.',
    ],
    unconfirmed: 'What causes event 16 on an NDES server is not confirmed.',
    link: SOURCES.gradEvt1618,
    related: [SOURCES.validateReadme, SOURCES.sscep60],
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot retrieve required information, such as the transaction ID, message type, or signing certificate, from the client\'s PKCS7 message (0x8009310b). ASN1 bad tag value met.',
        'The Network Device Enrollment Service cannot decrypt the client\'s PKCS7 message (0x80090005). Bad Data.',
        'The Network Device Enrollment Service cannot decode the http message from the client (0x80070057).',
        eventXml(17, 'EVENT_MSCEP_FAIL_TO_RETRIEVE_INFO', '0x8009310b', 'ASN1 bad tag value met.'),
        eventXml(18, 'EVENT_MSCEP_FAIL_TO_DECRYPT_INNER', '0x80090005', 'Bad Data.'),
      ],
      negative: [
        'The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect.',
        'The Network Device Enrollment Service cannot decrypt the client\'s PKCS7 message',
        eventXml(31, 'EVENT_MSCEP_FAIL_SUBMIT', '0x80004005', 'The requested certificate template is not supported by this CA.'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-29-PASSWORD-NOT-VERIFIED',
    title: 'Challenge password could not be verified (event 29)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: { patterns: [/\bThe password in the certificate request cannot be verified\.\s*It may have been used already\b/i] },
    message: 'The challenge password in the certificate request could not be verified: it is wrong, already used, or the verifier could not be reached.',
    meaning: 'NDES rejected the challenge password of a request. In plain NDES (one-time passwords from mscep_admin) this means the password is wrong or was already consumed. The same text was also reported when the Intune connector setup was run without elevation, and, on the unified Certificate Connector, when its proxy was entered without the http:// scheme so that it could not reach Intune to validate challenges.',
    causes: [
      'The one-time challenge password is wrong or was already used.',
      'The Intune connector setup was not run as Administrator.',
      'The unified Certificate Connector\'s proxy setting lacks the http:// scheme (proxyserver.domain instead of http://proxyserver.domain).',
    ],
    fix: [
      'For a manually entered challenge, get a fresh password from the NDES admin page and submit the request again.',
      'If this appeared while installing the connector, run the setup again from an elevated (Run as administrator) session.',
      'On a unified Certificate Connector, run the connector configuration again and enter the proxy as http://host:port, then check the connector\'s connectivity events.',
    ],
    unconfirmed: 'The event ID (29) comes from a maintainer comment rather than Microsoft documentation, and the proxy-scheme cause is a single user report.',
    link: SOURCES.sscep156,
    related: [SOURCES.sscep46, SOURCES.memdocs2608],
    samples: {
      positive: ['The password in the certificate request cannot be verified. It may have been used already. Obtain a new password to submit with this request.'],
      negative: ['Verify challenge returns false', 'The password in the certificate request was verified.'],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-31-SUBMIT-FAILED',
    title: 'NDES could not submit the request to the CA (event 31)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bcannot submit the certificate request(?<detail>\s*\([^()\r\n]{1,400}\))/i,
        /\bcannot submit the certificate request\b(?<detail>)/i,
        // Event XML: the reason is the ErrorMessage value beside the code, shown by the hover.
        /<EventData\s+Name=["']EVENT_MSCEP_FAIL_SUBMIT["'](?<detail>)/i,
      ],
      // With 0x800706ba and "The RPC server is unavailable" the line is CA-RPC-UNAVAILABLE's.
      excludes: [
        /\b0x800706ba\b[^\r\n]{0,300}?\bRPC server is unavailable\b|\bRPC server is unavailable\b[^\r\n]{0,300}?\b0x800706ba\b/i,
        // An expired certificate in the chain (CERT_E_EXPIRED) is CA-CERT-EXPIRED-IN-CHAIN's.
        EXPIRED_IN_CHAIN,
      ],
    },
    message: 'NDES could not submit the certificate request to the CA{detail}.',
    meaning: 'Event 31 (EVENT_MSCEP_FAIL_SUBMIT) is logged when NDES passed a verified request on to the certification authority and the submission failed. The text in brackets is the CA\'s reason: "The requested certificate template is not supported by this CA." (often with 0x80004005) means the template names in the MSCEP registry key do not match a template the CA issues; "The public key does not meet the minimum size required" means the SCEP profile key size is below the template minimum; 0x800706ba "The RPC server is unavailable" means NDES cannot reach the CA (that case is reported as CA-RPC-UNAVAILABLE); "the revocation server was offline" means a CRL is unreachable; "subject name is invalid or too long" or "invalid name" means the CA or template rejected the subject or SAN.',
    causes: [
      'SignatureTemplate, EncryptionTemplate or GeneralPurposeTemplate under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP hold a display name or a template the CA does not issue (the CA logs 0x80094800).',
      'The key size in the SCEP profile is smaller than the template\'s minimum.',
      'NDES cannot reach the CA over RPC/DCOM (firewall, CertSvc stopped, DCOM permissions).',
      'The CA cannot check revocation because a CRL location is offline.',
      'The subject or SAN built by the profile breaks a template rule or a name constraint.',
    ],
    fix: [
      'Read the reason in brackets (and the CA\'s Failed Requests or event 53 at the same time).',
      'For an unsupported template, put the template name (not its display name) into the three MSCEP registry values (copy the query with the quick fix), publish the template on the CA, and restart the Intune Connector Service.',
      'For a key-size error, raise the key size in the SCEP profile or lower the template minimum.',
      'For 0x800706ba, check that CertSvc runs on the CA and that RPC/DCOM from the NDES server to the CA is allowed.',
      'For revocation or name errors, fix the CRL publication or the subject/SAN settings of the profile.',
    ],
    verify: ['The next device request should appear as issued on the CA, with no new event 31.'],
    link: SOURCES.gradEvt31,
    pointsTo: ['CA-EVT-53-DENIED', 'CA-EVT-21-PROCESS-FAILED', 'CA-RPC-UNAVAILABLE'],
    related: [SOURCES.kb0x80094800, SOURCES.kbRpc, SOURCES.scepConfigure],
    remediation: MSCEP_REGISTRY,
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.). 0x80004005',
        'The Network Device Enrollment Service cannot submit the certificate request (The public key does not meet the minimum size required by the specified certificate template.).  0x80004005',
        eventXml(31, 'EVENT_MSCEP_FAIL_SUBMIT', '0x80004005', 'The requested certificate template is not supported by this CA.'),
      ],
      negative: [
        'The Network Device Enrollment Service cannot submit the certificate request (0x800706ba). The RPC server is unavailable.',
        'The Network Device Enrollment Service cannot provide its password because the user does not have Enroll permissions on the configured certificate template.',
        'The certificate request was submitted successfully.',
        eventXml(31, 'EVENT_MSCEP_FAIL_SUBMIT', '0x800706ba', 'The RPC server is unavailable.'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-EVT-APP-1000-W3WP-CRASH',
    title: 'IIS worker process w3wp.exe crashed (event 1000)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bFaulting application name:\s*w3wp\.exe\b/i,
        // The event as an .evtx or `wevtutil qe /f:xml` holds it, without its message: the faulting
        // application is the first Data (unnamed on older Windows, AppName on newer).
        // Neither gap crosses into another event (`<Event ` / `</Event>`): the provider, id and data
        // are one event's, and a run of events costs each start one event, not 4,000 characters.
        /<Provider\s+Name=["']Application Error["'][^<>]{0,200}>(?:[^<]|<(?!\/System>|\/?Event\b)){0,2000}?<EventID[^<>]{0,40}>1000<(?:[^<]|<(?!EventData\b|\/?Event\b)){0,2000}?<EventData>\s*<Data(?:\s+Name=["']AppName["'])?\s*>\s*w3wp\.exe\s*<\/Data>/i,
      ],
    },
    message: 'An IIS worker process (w3wp.exe) crashed. On an NDES server this is usually the SCEP application pool crashing on each device request, which devices see as 503.',
    meaning: 'Application Error event 1000 for w3wp.exe (on NDES typically with faulting module ntdll.dll and exception code 0xc0000005) means the worker process of an application pool died. When it is the SCEP pool, IIS disables the pool after repeated crashes and every SCEP request then gets 503 (see NDES-IIS-MSCEP-503-APPPOOL).',
    causes: [
      'Intermediate CA certificates are in the NDES server\'s Trusted Root Certification Authorities store.',
      'CRL locations for the certificates used by the Intune connector are blocked or unreachable.',
      'Windows Authentication is enabled on the CertificateRegistrationSvc application.',
      'The NDESPolicy client certificate (NDESCertThumbprint) has expired.',
    ],
    fix: [
      'List the non-self-signed certificates in LocalMachine\\Root (copy the command with the quick fix), move them to Intermediate Certification Authorities, and stop any Group Policy that puts them back.',
      'Enable the CAPI2/Operational log, reproduce the crash and look for revocation or validity errors.',
      'Set CertificateRegistrationSvc to Anonymous Authentication only.',
      'Renew an expired NDESPolicy client certificate and reinstall the connector.',
      'Restart the server and start the SCEP application pool.',
    ],
    verify: ['No new event 1000 for w3wp.exe should appear when devices enroll, and the SCEP pool should stay Started.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.memdocsPr21],
    remediation: {
      label: 'list intermediate certificates in the Trusted Root store',
      text: 'Get-ChildItem cert:\\LocalMachine\\root -Recurse | Where-Object { $_.Issuer -ne $_.Subject } | Format-List Subject, Issuer, Thumbprint, NotAfter',
    },
    samples: {
      positive: [
        'Description: Faulting application name: w3wp.exe, version: 8.5.9600.16384, time stamp: 0x5215df96',
        appErrorXml('<Data>w3wp.exe</Data><Data>8.5.9600.16384</Data><Data>5215df96</Data><Data>ntdll.dll</Data><Data>6.3.9600.18821</Data><Data>59ba86db</Data><Data>c0000005</Data>'),
        appErrorXml("<Data Name='AppName'>w3wp.exe</Data><Data Name='AppVersion'>10.0.17763.1</Data><Data Name='ModuleName'>ntdll.dll</Data><Data Name='ExceptionCode'>c0000005</Data>"),
      ],
      negative: [
        'Faulting application name: svchost.exe, version: 10.0.17763.1',
        'Faulting module name: ntdll.dll, version: 6.3.9600.18821, time stamp: 0x59ba86db',
        appErrorXml('<Data>rundll32.exe</Data><Data>6.1.7600.16385</Data><Data>4a5bc637</Data><Data>KERNELBASE.dll</Data><Data>6.1.7601.23392</Data><Data>56eb2fb9</Data><Data>c0000005</Data>'),
      ],
    },
  }),
  defineSignature({
    id: 'NDES-CAPI2-UNTRUSTED-ROOT-AFTER-CA-RENEWAL',
    title: 'Untrusted root after CA renewal: NDES RA certificates chain to the old CA (CAPI2 event 30)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: { patterns: [/\bA certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider\.?\s*(?:0x)?800B0109\b/i] },
    message: 'A certificate chain ended in an untrusted root (0x800B0109). After a CA renewal this is Windows devices refusing NDES RA certificates that still chain to the old CA certificate.',
    meaning: 'CAPI2 event 30 with CERT_E_UNTRUSTEDROOT on a Windows device that fails SCEP (with device events 32 and 307) is the documented symptom of a renewed root or issuing CA: the registration authority certificates that the CA issued to NDES still refer to the previous CA certificate, which is no longer trusted. Windows devices refuse the enrollment; Android and iOS devices are not affected.',
    causes: ['The NDES RA certificates were issued before the CA certificate was renewed and were never reissued.'],
    fix: [
      'Reinstall the NDES role service on the server so that new RA certificates are issued by the renewed CA.',
      'Reinstall the Microsoft Intune Certificate Connector afterwards.',
      'Retry the enrollment from a Windows device.',
    ],
    verify: ['The Windows device should log SCEP events 36 and 39 (request generated, certificate installed) instead of 32 and 307.'],
    link: SOURCES.win10AfterCaRenewal,
    samples: {
      positive: ['A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B0109'],
      negative: [
        'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B010A',
        'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-CAPI2-CERT-NOT-TIME-VALID',
    title: 'A certificate is outside its validity period (CAPI2, which certificate unknown)',
    kind: 'failure', severity: 'warning', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [/\bA required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file\b/i],
      // NDES event 31 and CA events 21/22 quote the same sentence; their own rules name the component.
      // CAPI2 event 4107 (Windows Update's root list cab) quotes it about a file, not an NDES certificate;
      // exported without its message (wevtutil, .evtx) the event names only the cab it could not check.
      // A CAPI2 Operational event names the process whose chain check it was: a program other than
      // IIS's worker (the policy module, NDES), Schannel (the SSL certificate), the CA or a connector (unified or legacy)
      // checked a certificate of its own, such as a monitoring agent's website.
      // Without their message (an .evtx) those NDES and CA events are known by their EventData name and provider.
      excludes: [
        /\bcannot submit the certificate request\b/i, /\bcould not process request\b/i, NDES_OR_CA_EVENT_XML, WINDOWS_ROOT_UPDATE, OTHER_PROCESS,
      ],
    },
    message: 'Windows found a certificate outside its validity period (0x800B0101 CERT_E_EXPIRED). The line alone does not say which certificate; check the NDES server\'s certificates.',
    meaning: 'This is the text of CERT_E_EXPIRED, written by CAPI2 (and quoted by other components) whenever a chain check meets an expired or not-yet-valid certificate. On an NDES server the documented case is the policy module\'s client authentication certificate: its calls then stop after "Sending request to certificate registration point." (NDES-PLUGIN-STUCK-AFTER-SEND). Other candidates are the SSL certificate bound to port 443, the NDES RA certificates and the CA certificates. The sentence on its own does not tell them apart, so it is a warning until other evidence points at one.',
    causes: [
      'The policy module\'s client authentication certificate (NDESCertThumbprint) has expired.',
      'The SSL certificate bound to port 443, an NDES RA certificate or a CA certificate in the chain has expired.',
    ],
    fix: [
      'Look in NDESPlugin.log for calls that stop after "Sending request to certificate registration point.": if there are, follow NDES-PLUGIN-STUCK-AFTER-SEND.',
      'Otherwise list the certificates of the NDES server with their expiry dates (copy the command with the quick fix) and renew the expired one.',
    ],
    link: SOURCES.cannotAssignScep,
    related: [SOURCES.comErrors],
    pointsTo: ['NDES-PLUGIN-STUCK-AFTER-SEND'],
    remediation: {
      label: 'list the NDES server\'s certificates with their expiry dates',
      text: 'Get-ChildItem Cert:\\LocalMachine\\My, Cert:\\LocalMachine\\CA, Cert:\\LocalMachine\\Root | Where-Object { $_.NotAfter -lt (Get-Date) } | Format-List PSParentPath, Subject, Thumbprint, NotAfter, EnhancedKeyUsageList',
    },
    samples: {
      positive: [
        'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID>11</EventID><Level>2</Level><Channel>Microsoft-Windows-CAPI2/Operational</Channel></System><UserData><CertGetCertificateChain><Certificate fileRef='9B2E.cer' subjectName='NDES01.contoso.com'/><EventAuxInfo ProcessName='w3wp.exe'/><Result value='800B0101'>A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.</Result></CertGetCertificateChain></UserData></Event>",
      ],
      negative: [
        'The Network Device Enrollment Service cannot submit the certificate request (A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.). 0x80004005',
        'Active Directory Certificate Services could not process request 4242 due to an error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file. 0x800b0101 (-2146762495 CERT_E_EXPIRED).',
        eventXml(31, 'EVENT_MSCEP_FAIL_SUBMIT', '0x80004005', 'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.'),
        CA_EXPIRED_XML_SAMPLE,
        'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B0109',
        'Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID>30</EventID><Level>2</Level><Channel>Microsoft-Windows-CAPI2/Operational</Channel></System><UserData><CertVerifyCertificateChainPolicy><Policy type='CERT_CHAIN_POLICY_SSL' constant='4'/><Certificate fileRef='3C1A.cer' subjectName='portal.fabrikam.com'/><EventAuxInfo ProcessName='MonitoringHost.exe'/><Result value='800B0101'>A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.</Result></CertVerifyCertificateChainPolicy></UserData></Event>",
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID Qualifiers='0'>4107</EventID><Level>2</Level><Channel>Application</Channel></System><EventData><Data>http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab</Data><Data>A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.</Data></EventData></Event>",
      ],
      },
    }),
  defineSignature({
    id: 'NDES-EVT-7-GETCACERT-FAILED',
    title: 'NDES could not return its CA certificates (event 7)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['windows-event-log', 'plain-text'],
    match: { patterns: [/\bfailed to return the certification authority certificate\(s\) to the caller\s*\((?<code>0x[0-9a-f]{8})\)/i] },
    message: 'NDES could not answer GetCACert ({code}): devices cannot get the CA and RA certificates, so no SCEP enrollment can start.',
    meaning: 'GetCACert is the first call of every SCEP enrollment: NDES returns the CA certificate with its two RA certificates. Event 7 says building that answer failed; the code tells why. Devices see an error or an invalid answer at GetCACert (iOS: the RA response is invalid) and never send a request.',
    causes: [
      'The RA certificates or the CA certificate cannot be read (missing, expired, or no access to them for the NDES service account).',
      'The CA certificate NDES is configured for is not in the local stores.',
    ],
    fix: [
      'Decode the code (hover it) and check the RA certificates in certlm.msc > Personal on NDES, and the CA certificate in Intermediate/Trusted Root.',
      'Renew or re-enroll missing or expired RA certificates and restart IIS; then open GetCACert on the SCEP URL again.',
    ],
    verify: ['https://<ndes>/certsrv/mscep/mscep.dll?operation=GetCACert&message=ca returns a certificate file.'],
    unconfirmed: 'The event text is documented; its causes are inferred from what GetCACert needs, no published case names them.',
    pointsTo: ['NDES-EVT-10-RA-CERT'],
    link: SOURCES.gradOverview,
    samples: {
      positive: ['The Network Device Enrollment Service failed to return the certification authority certificate(s) to the caller (0x80070057). The parameter is incorrect.'],
      negative: ['The Network Device Enrollment Service started successfully.', 'The Network Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect.'],
    },
  }),
];
