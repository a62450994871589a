import { defineSignature, type Signature } from './define';
import { ANY_DATA, dataValue, eventXml, eventXmlSample } from './eventXml';
import { SOURCES } from './sources';
import { CONNECTOR_PFX_FAILURE_NAMES, isConnectorPfxEvent } from './unifiedConnector';
import { WINDOWS_ENROLLMENT } from './windowsOwn';

/**
 * A CA event as Event XML without its message (`eventXml.ts`). The provider is
 * Microsoft-Windows-CertificationAuthority (older exports: CertificationAuthority); the CA's manifest
 * names each event's values (event 53: RequestId, Reason, SubjectName, AdditionalInformation;
 * gradenegger.eu's event pages list them).
 */
const CA_PROVIDER = '(?:Microsoft-Windows-)?CertificationAuthority';
const caEventXml = (ids: string, data = ''): RegExp => eventXml(CA_PROVIDER, ids, data);
/**
 * Events 53, 21 and 22 begin alike: the request id, then the reason, which ends in the HRESULT and
 * its name ("… 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)"). Only a failure code
 * (severity bit set, 0x8…) counts.
 */
const REQUEST_AND_REASON = dataValue(String.raw`(?<req>\d{1,10})`) + String.raw`<Data\b[^<>]{0,80}>[^<]{0,400}?\b(?<code>0x8[0-9a-f]{7})\b`;
/** Events 43 and 44 begin alike: the policy module's name, then its method's. */
const MODULE_AND_METHOD = ANY_DATA + dataValue(String.raw`(?<method>\w{1,80})`);

/** Samples: a CA event as its .evtx holds it, without the message. */
function caXml(id: number, level: number, data: readonly (readonly [string | undefined, string])[], provider = 'Microsoft-Windows-CertificationAuthority'): string {
  return eventXmlSample(provider, id, level, data);
}
const DENIED_53: readonly (readonly [string, string])[] = [
  ['RequestId', '1234'],
  ['Reason', 'The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)'],
  ['SubjectName', 'CN=ndes-user'],
  ['AdditionalInformation', 'Denied by Policy Module'],
];
const FAILED_22: readonly (readonly [string, string])[] = [
  ['RequestId', '88'],
  ['ErrorCode', 'ASN1 bad tag value met. 0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG)'],
  ['SubjectName', 'unknown subject'],
  ['AdditionalInformation', 'Error Parsing Request'],
];
const EXPIRED_21: readonly (readonly [string, string])[] = [
  ['RequestId', '4711'],
  ['ErrorCode', 'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file. 0x800b0101 (-2146762495 CERT_E_EXPIRED)'],
  ['SubjectName', 'CN=ndes-user'],
];
const POLICY_ERROR_44: readonly (readonly [string, string])[] = [
  ['PolicyModuleDescription', 'Windows default'],
  ['MethodName', 'Initialize'],
  ['ErrorCode', '0x8007054b (1355)'],
  ['param4', 'The Active Directory containing the Certification Authority could not be contacted.'],
  ['ErrorString', 'The specified domain either does not exist or could not be contacted.'],
];
/**
 * Event 43, a policy module's method that crashed: the module, the method, the exception code, the
 * address. Microsoft's page on the policy module's events gives the message and its %1 to %4 (the
 * address is %4, the code %3), and Microsoft's AD CS management pack collects CertificationAuthority
 * event 43 as a policy module error. No public source names the values, so the samples leave them
 * unnamed and the pattern relies on their order.
 */
const POLICY_EXCEPTION_43: readonly (readonly [undefined, string])[] = [
  [undefined, 'TameMyCerts'],
  [undefined, 'VerifyRequest'],
  [undefined, '0xc0000005'],
  [undefined, '0x00007FF8A1B2C3D4'],
];
/**
 * Event 78, the error form of event 77 (the management pack collects it as a policy module error):
 * the module, then its sentence (%1, %2; unnamed, as for 43).
 */
const POLICY_LOGGED_ERROR_78: readonly (readonly [undefined, string])[] = [
  [undefined, 'Windows default'],
  [undefined, 'The Intune-SCEP Certificate Template could not be loaded.  Element not found. 0x80070490 (WIN32: 1168 ERROR_NOT_FOUND).'],
];
const unnamed = (data: readonly (readonly [string, string])[]): readonly (readonly [undefined, string])[] => data.map(([, value]) => [undefined, value]);

/**
 * DistributedCOM event 10027 on the CA, as its .evtx holds it. The provider's manifest (combase.dll;
 * nasbench/EVTX-ETW-Resources lists it) gives the values param1 to param8: the permission's scope
 * and kind ("Remote", "Activation"), the user's domain and name, the user's SID, the caller's
 * address, and the application container's name and SID.
 */
const DCOM = 'Microsoft-Windows-DistributedCOM';
/** ANONYMOUS LOGON's SID as a value: Windows translates the account's name, not its SID. */
const ANONYMOUS_SID = dataValue(String.raw`S-1-5-7`);
const DCOM_SYSTEM = { guid: '{1B562E86-B7AA-4131-BADC-B6F3A001407E}', sourceName: 'DCOM', qualifiers: 0 };
const dcomXml = (id: number, data: readonly (readonly [string | undefined, string])[]): string => eventXmlSample(DCOM, id, 2, data, 'System', DCOM_SYSTEM);
const ANONYMOUS_10027: readonly (readonly [string, string])[] = [
  ['param1', 'Remote'], ['param2', 'Activation'], ['param3', 'NT AUTHORITY'], ['param4', 'ANONYMOUS LOGON'],
  ['param5', 'S-1-5-7'], ['param6', '10.0.0.5'], ['param7', 'Unavailable'], ['param8', 'Unavailable'],
];

/** CERT_E_EXPIRED (0x800B0101) as Windows words it in NDES and CA events. */
export const EXPIRED_IN_CHAIN = /\bA required certificate is not within its validity period\b|\b0x800b0101\b/i;
/**
 * The events CA-CERT-EXPIRED-IN-CHAIN reads, as Event XML without their message: NDES event 31 names
 * its data EVENT_MSCEP_FAIL_SUBMIT, a CA event names its provider. CAPI2's own rule leaves them alone.
 */
export const NDES_OR_CA_EVENT_XML = /<EventData\s+Name=["']EVENT_MSCEP_FAIL_SUBMIT["']|<Provider\s+Name=["'](?:Microsoft-Windows-)?CertificationAuthority["']/i;
/** A sample for CAPI2's rule: CA event 21 about an expired certificate, without its message. */
export const CA_EXPIRED_XML_SAMPLE = caXml(21, 2, EXPIRED_21);

/**
 * Stage 4, NDES (or the connector) → issuing CA: the CA's Application event log (events 9, 21/22,
 * 43, 44, 53, 77, 78, 128), DCOM errors on the CA, and the legacy connector's PKCS submission lines.
 */
export const CA: readonly Signature[] = [
  defineSignature({
    id: 'CA-EVT-53-DENIED',
    title: 'CA denied the request (event 53)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bCertificate Services denied request (?<req>\w+) because\b[^\r\n]{0,400}?\b(?<code>0x[0-9a-f]{8})\b/i,
        // Without its message: RequestId, then Reason ending in the code.
        caEventXml('53', REQUEST_AND_REASON),
        // The CA's disposition as a client prints it (CertEnroll event 87, certreq, Failed Requests):
        // the code, its CERTSRV_E_* name, then "Denied by Policy Module".
        /\b(?<code>0x8009[0-9a-f]{4})\s{0,4}\(-?\d{1,10}\s{1,4}CERTSRV_E_\w{1,60}\)\.?\s{0,4}Denied by Policy Module\b/i,
        // certreq -submit prints the disposition first: "Certificate not issued (Denied) Denied by Policy Module",
        // the CA's reason, then its code (published lab notes, wrapped at the console's width). Without the code
        // in the record (wrapped onto a line of its own) the disposition is quoted.
        /\bCertificate not issued \(Denied\)[^\r\n]{0,400}?\b(?<code>0x8009[0-9a-f]{4})\b/i,
        /\bCertificate not issued \((?<code>Denied)\)/i,
        // The request's own row on the CA (console *Failed Requests*, `certutil -view`): its status code
        // with the failure bit set. certutil prints `Request Status Code: 0x… (… NAME) -- text`; the
        // console's details, as Microsoft's 0x80094800 article quotes them, put the quoted text ending in
        // the code on the line below the label (the scanners join the two). An issued row's code is 0x0;
        // the column list of `certutil -view` names the column without a colon. Only a CERTSRV_E_* code
        // (0x80094…) is a denial: a row the CA *failed* (disposition 30: the RPC server unavailable,
        // a request signature whose chain does not build) carries a Win32 or CERT_E_* code and is no
        // refusal by the policy module.
        /\bRequest Status Code:[\s>]{0,40}(?:"[^"\r\n]{0,400}?\s)?(?<code>0x80094[0-9a-f]{3})\b/i,
        // The row's disposition, 31 (Denied), says it whatever the code: certutil -view with `-out`
        // columns that leave the status code out still prints it. The disposition message that
        // follows it in a row ("Denied by Policy Module") names who denied it; without it, the
        // disposition is quoted. A row the CA failed (30), issued (20) or revoked (21) is none.
        /\bRequest Disposition:[\s>]{0,40}0x1f\s{0,4}\(31\)\s{0,4}--\s{0,4}Denied\s{1,40}Request Disposition Message:[\s>]{0,40}"(?<code>[^"\r\n]{1,200})"/i,
        /\bRequest Disposition:[\s>]{0,40}(?<code>0x1f\s{0,4}\(31\)\s{0,4}--\s{0,4}Denied)\b/i,
      ],
    },
    message: 'The CA refused the request ({code}); no certificate was issued. A CERTSRV_E_* name in the record says which rule blocked it.',
    meaning: 'The certification authority received the request from NDES (or from the connector, for PKCS) and turned it down. "Denied by Policy Module" means the CA\'s policy module (template checks, permissions, subject rules) rejected it; "Error Constructing or Publishing Certificate" means it passed the policy module but failed later, while the CA built or published the certificate. Windows writes event 53 at level Warning, but for the device it means the enrollment failed.',
    causes: [
      '0x80094800 CERTSRV_E_UNSUPPORTED_CERT_TYPE: the template is not published on this CA, the CA computer account cannot read the template (Authenticated Users or the CA account removed from its ACL), or the template name in the NDES MSCEP registry values does not match a template the CA issues.',
      '0x80094812 CERTSRV_E_SUBJECT_EMAIL_REQUIRED: the template builds the subject from Active Directory and the user has no mail attribute.',
      '0x80094811 CERTSRV_E_KEY_LENGTH: the key size in the SCEP/PKCS profile is below the template\'s minimum.',
      '0x80094012 CERTSRV_E_TEMPLATE_DENIED: the requester (NDES service account, or the connector server\'s computer account for PKCS) has no Enroll permission on the template.',
      '0x80070057 ERROR_INVALID_PARAMETER: reported with a third-party policy module that failed on unusual template names.',
      '0x80090020 NTE_FAIL together with "Error Constructing or Publishing Certificate": the failure happened after approval, on the CA/exit side.',
    ],
    fix: [
      'Read the code and its CERTSRV_E_* name in the event and follow the matching cause.',
      'For 0x80094800: in the Certification Authority console check Certificate Templates lists the template; in the template\'s Security tab give every CA computer account Read; in HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP set SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate to the template name (not its display name), then restart the Intune Connector Service / IIS.',
      'For 0x80094012: give the NDES service account (SCEP) or the connector server\'s computer account (PKCS) Read and Enroll on the template.',
      'For 0x80094812: set the template\'s Subject Name tab to "Supply in the request" so Intune provides the subject.',
      'For 0x80094811: raise the key size in the Intune profile to at least the template\'s minimum, or lower the minimum on the template.',
    ],
    verify: ['Retry the enrollment: the request should appear under Issued Certificates in the CA console instead of Failed Requests.'],
    link: SOURCES.kb283218,
    related: [SOURCES.pkcs, SOURCES.kb0x80094800, SOURCES.scepConfigure, SOURCES.tamemycerts29, SOURCES.gradEvt87],
    remediation: {
      label: 'list the templates this CA issues and the NDES template registry values',
      text: 'certutil -CATemplates\nreg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"',
    },
    samples: {
      positive: [
        'Active Directory Certificate Services denied request 1234 because The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE). The request was for CN=Test. Additional information: Denied by Policy Module',
        'Certificate Services denied request 57 because The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH).  The request was for CN=ndes-user.  Additional information: Denied by Policy Module',
        caXml(53, 3, DENIED_53),
        caXml(53, 3, unnamed(DENIED_53)),
        // CertEnroll event 87 on the device quoting the CA's disposition (gradenegger.eu's event 87 page).
        'The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module ProcessResponseMessage',
        // The CA console's Failed Requests details as Microsoft's 0x80094800 article quotes them: label
        // and value on separate lines, in a Markdown quote.
        '    > Request Status Code:  \n    > "The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)"  ',
        'Request Status Code:\n"The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)"',
        // A row of `certutil -view`.
        '  Request Status Code: 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- The permissions on the certificate template do not allow the current user to enroll for this type of certificate.',
        // certreq -submit, as published lab notes print it (one line here; the console wraps it).
        'Certificate not issued (Denied) Denied by Policy Module The EMail name is unavailable and cannot be added to the Subject or Subject Alternate name. 0x80094812 (-2146875374 CERTSRV_E_SUBJECT_EMAIL_REQUIRED)',
        'Certificate not issued (Denied) Denied by Policy Module',
        // A row listed without its status code, as published lab notes print it
        // (`certutil -view -restrict "RequestID>=8" -out "RequestID,Disposition,DispositionMessage,…"`).
        '  Request Disposition: 0x1f (31) -- Denied\n  Request Disposition Message: "Denied by Policy Module"',
        '  Request Disposition: 0x1f (31) -- Denied',
        // Denied with a code that is no CERTSRV_E_* one (a third-party policy module failing).
        '  Request Status Code: 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER) -- The parameter is incorrect.\n  Request Disposition: 0x1f (31) -- Denied\n  Request Disposition Message: "Denied by Policy Module"',
      ],
      negative: [
        'Active Directory Certificate Services could not process request 1234 due to an error: The parameter is incorrect. 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER).',
        // The code without the CA's disposition: where it came from is not said.
        'The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH)',
        'Certificate Services issued request 1234 for CONTOSO\\svc-ndes.',
        // The same values under another provider's event 53, a CA success event, and CA event 22.
        caXml(53, 3, DENIED_53, 'Microsoft-Windows-NetworkDeviceEnrollmentService'),
        caXml(6, 4, [['RequestId', '1234'], ['Requester', 'CONTOSO\\svc-ndes']]),
        caXml(22, 2, FAILED_22),
        // An issued request's row in `certutil -view`, and the column list it starts with.
        '  Request Status Code: 0x0 (WIN32: 0) -- The operation completed successfully.\n  Request Disposition: 0x14 (20) -- Issued\n  Request Disposition Message: "Issued"',
        'Request Status Code:\n"The operation completed successfully. 0x0 (WIN32: 0 ERROR_SUCCESS)"',
        '  Request.StatusCode            Request Status Code           Long    4',
        // Rows the CA failed (disposition 30), not denied: no policy module refused them.
        '  Request Disposition: 0x1e (30) -- Failed\n  Request Status Code: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE) -- The RPC server is unavailable.',
        '  Request Status Code: 0x800b010a (-2146762486 CERT_E_CHAINING) -- A certificate chain could not be built to a trusted root authority.',
        // certreq's other outcomes: issued, and held for a certificate manager.
        'Certificate retrieved(Issued) Issued',
        'Certificate request is pending: Taken Under Submission (0)',
        // Issued and revoked rows listed without their status code; the column list.
        '  Request Disposition: 0x14 (20) -- Issued\n  Request Disposition Message: "Issued"',
        '  Request Disposition: 0x15 (21) -- Revoked\n  Request Disposition Message: "Revoked by CORP\\pki.admin"',
        '  Request.Disposition           Request Disposition           Long    4 -- Indexed',
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-77-TEMPLATE-NOT-LOADED',
    title: 'CA policy module could not load a template (event 77)',
    kind: 'failure', severity: 'warning', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bPolicy Module logged the following warning: The (?<template>[^\r\n]{1,200}?) Certificate Template could not be loaded\b/i,
        // Without its message: the module's name, then its warning.
        caEventXml('77', ANY_DATA + String.raw`<Data\b[^<>]{0,80}>\s*The (?<template>[^<\r\n]{1,200}?) Certificate Template could not be loaded\b`),
      ],
    },
    message: 'The CA could not load the "{template}" certificate template, so requests for it will be denied.',
    meaning: 'When the CA service starts (or refreshes templates) its Windows default policy module reads every template it is configured to issue from Active Directory. This warning, typically with "Element not found. 0x80070490", says one of them could not be read. Requests for that template then fail with 0x80094800 (event 53). The usual reason is the template\'s access list: the CA computer account can no longer read it.',
    causes: [
      'Authenticated Users was removed from the template\'s Security tab and the CA computer account was not given Read in its place.',
      'The template was deleted or renamed in Active Directory but is still listed on the CA.',
    ],
    fix: [
      'Open the Certificate Templates console (certtmpl.msc), open the named template, Security tab: add the computer account of each issuing CA with Read.',
      'Restart Active Directory Certificate Services so the policy module reloads the templates.',
    ],
    verify: ['After the restart no new event 77 is logged for the template, and certutil -CATemplates lists it.'],
    link: SOURCES.kb283218,
    remediation: {
      label: 'restart the CA service and list its templates',
      text: 'Restart-Service certsvc\ncertutil -CATemplates',
    },
    samples: {
      positive: [
        'The "Windows default" Policy Module logged the following warning: The Intune-SCEP Certificate Template could not be loaded.  Element not found. 0x80070490 (WIN32: 1168 ERROR_NOT_FOUND).',
        caXml(77, 3, [['PolicyModuleDescription', 'Windows default'], ['WarningMessage', 'The Intune-SCEP Certificate Template could not be loaded.  Element not found. 0x80070490 (WIN32: 1168 ERROR_NOT_FOUND).']]),
      ],
      negative: [
        'The "Windows default" Policy Module "Initialize" method returned an error. The returned status code is 0x8007054b (-2147023541).',
        'The Intune-SCEP Certificate Template was loaded.',
        // The policy module's routine warning that it reconnected to a domain controller.
        caXml(77, 3, [['PolicyModuleDescription', 'Windows default'], ['WarningMessage', 'The Active Directory connection to DC01.contoso.com has been reestablished to DC01.contoso.com.']]),
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-21-PROCESS-FAILED',
    title: 'CA could not process the request (event 21 / 22)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bCertificate Services could not process request (?<req>\d+) due to an error:[^\r\n]{0,400}?\b(?<code>0x[0-9a-f]{8})\b/i,
        // Without its message: RequestId, then ErrorCode (the error's text ending in the code).
        caEventXml('21|22', REQUEST_AND_REASON),
      ],
      // An expired certificate in the chain (CERT_E_EXPIRED) is CA-CERT-EXPIRED-IN-CHAIN's.
      excludes: [EXPIRED_IN_CHAIN],
    },
    message: 'The CA hit an error while processing request {req} ({code}); the request was neither issued nor denied by policy.',
    meaning: 'The certification authority accepted the request but failed while handling it, before a policy decision. Event 21 gives the error; event 22 adds "Additional information", for example "Error Parsing Request" when the CA could not decode what it was sent. The code and its symbol in brackets name the problem (for example 0x80094004 CERTSRV_E_PROPERTY_EMPTY: a required value in the request is empty; 0x80094009 CERTSRV_E_RESTRICTEDOFFICER: enroll-on-behalf restrictions).',
    causes: [
      'A required property of the request is empty (0x80094004 CERTSRV_E_PROPERTY_EMPTY).',
      'Enrollment agent (certificate manager) restrictions on the CA block the requester (0x80094009 CERTSRV_E_RESTRICTEDOFFICER).',
      'The request could not be parsed, for example an ASN.1 error such as 0x8009310b CRYPT_E_ASN1_BADTAG with "Error Parsing Request" (event 22).',
    ],
    fix: [
      'Decode the code in the event (NDES Lens shows it on hover) and check the request in the CA console by its request id.',
      'For restricted-officer errors, check the CA Properties > Enrollment Agents tab and allow the NDES service account for the template.',
      'For parse errors, compare the time with NDES events 16-18 and 31 to find which client sent the malformed request.',
    ],
    unconfirmed: 'Which NDES or Intune misconfiguration leads to 0x80094004 (CERTSRV_E_PROPERTY_EMPTY) is not established.',
    link: SOURCES.gradEvt21,
    related: [SOURCES.gradEvt22],
    samples: {
      positive: [
        'Active Directory Certificate Services could not process request 4711 due to an error: The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY).  The request was for CONTOSO\\svc-ndes.',
        'Active Directory Certificate Services could not process request 88 due to an error: ASN1 bad tag value met. 0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG).  The request was for unknown subject.  Additional information: Error Parsing Request',
        caXml(22, 2, FAILED_22),
        caXml(21, 2, [[undefined, '4711'], [undefined, 'The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)'], [undefined, 'CONTOSO\\svc-ndes']]),
      ],
      negative: [
        'Active Directory Certificate Services denied request 4711 because The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE).',
        'Active Directory Certificate Services could not process request 4711 due to an error:',
        caXml(53, 3, DENIED_53),
        // CERT_E_EXPIRED is CA-CERT-EXPIRED-IN-CHAIN's, without the message as with it.
        caXml(21, 2, EXPIRED_21),
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-44-POLICY-MODULE',
    title: 'CA policy module method failed (event 44)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bPolicy Module "(?<method>[^"\r\n]{1,80})" method returned an error\b/i,
        // Without its message: the module's name, then the method's.
        caEventXml('44', MODULE_AND_METHOD),
      ],
    },
    message: 'The CA\'s policy module failed in its "{method}" method: while this lasts every request to the CA, NDES ones included, fails.',
    meaning: 'The certification authority calls its policy module for every request (and Initialize when it starts). This event says one of those calls returned an error, with the status code at the end of the text. Until the cause is fixed the CA cannot decide on requests, so every SCEP and PKCS submission fails.',
    causes: [
      'Initialize cannot reach Active Directory (0x8007054b ERROR_NO_SUCH_DOMAIN).',
      'No valid certificate templates could be loaded (0x80092004 CRYPT_E_NOT_FOUND).',
      'The CA\'s clock differs too much from the domain controllers (0x80070576 time skew).',
      'A third-party policy module is misconfigured or failing.',
    ],
    fix: [
      'Read the returned status code at the end of the event and decode it.',
      'Check that the CA can reach a domain controller (nltest /dsgetdc:<domain>) and that its time is in sync (w32tm /query /status).',
      'Check the templates the CA issues (certutil -CATemplates) and their ACLs, then restart Active Directory Certificate Services.',
    ],
    verify: ['After restarting the CA service, no new event 44 is logged and a test request is issued.'],
    link: SOURCES.gradEvt44,
    related: [SOURCES.technetEvt44],
    remediation: {
      label: 'check domain controller reachability, time and templates from the CA',
      text: 'nltest /dsgetdc:%USERDNSDOMAIN%\nw32tm /query /status\ncertutil -CATemplates',
    },
    samples: {
      positive: [
        'The "Windows default" Policy Module "Initialize" method returned an error. The specified domain either does not exist or could not be contacted. The returned status code is 0x8007054b (-2147023541).',
        caXml(44, 2, POLICY_ERROR_44),
      ],
      negative: [
        'The "Windows default" Policy Module logged the following warning: The Intune-SCEP Certificate Template could not be loaded.',
        'The "Windows default" Policy Module "Initialize" method completed.',
        caXml(44, 2, POLICY_ERROR_44, 'TameMyCerts'),
        // The module's crash (event 43) is CA-EVT-POLICY-MODULE-EXCEPTION's.
        caXml(43, 2, POLICY_EXCEPTION_43),
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-128-AKI-NOT-ENABLED',
    title: 'Request names a previous CA key: feature not enabled (event 128)',
    kind: 'failure', severity: 'warning', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bAn Authority Key Identifier was passed as part of the certificate request (?<req>\d+)/i,
        // Without its message: the request id is the event's only value.
        caEventXml('128', dataValue(String.raw`(?<req>\d{1,10})`)),
      ],
    },
    message: 'Request {req} asked the CA to sign with a specific (typically the previous) CA key, which this CA does not allow yet.',
    meaning: 'The request carried an Authority Key Identifier that selects which CA certificate/key should sign it. After a CA certificate renewal, requests can name the older key; by default the CA does not honour that choice and the request is not processed, so the connector (PKCS) or NDES gets no certificate. Setting UseDefinedCACertInRequest lets the CA use the key named in the request.',
    causes: ['The CA certificate was renewed and requests still refer to the previous CA key, while the UseDefinedCACertInRequest setting is off (the default).'],
    fix: [
      'On the CA, in an elevated command prompt, set the UseDefinedCACertInRequest flag (copy the command with the quick fix).',
      'Restart Active Directory Certificate Services.',
    ],
    verify: ['New requests are issued and no further event 128 appears on the CA.'],
    link: SOURCES.pkcs,
    remediation: {
      label: 'let the CA use the CA key named in the request',
      text: 'certutil -setreg ca\\UseDefinedCACertInRequest 1\nnet stop certsvc && net start certsvc',
    },
    samples: {
      positive: [
        'An Authority Key Identifier was passed as part of the certificate request 2268. This feature has not been enabled. To enable specifying a CA key for certificate signing, run: "certutil -setreg ca\\UseDefinedCACertInRequest 1" and then restart the service.',
        caXml(128, 3, [['RequestId', '2268']]),
      ],
      negative: [
        'certutil -setreg ca\\UseDefinedCACertInRequest 1',
        caXml(128, 3, [['RequestId', '2268']], 'Microsoft-Windows-OnlineResponder'),
        caXml(6, 4, [[undefined, '2268'], [undefined, 'CONTOSO\\NDES01$']]),
        'Certificate Services denied request 2268 because The revocation function was unable to check revocation. 0x80092013',
      ],
    },
  }),
  defineSignature({
    id: 'CA-RPC-UNAVAILABLE',
    title: 'CA not reachable over RPC/DCOM (0x800706ba)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\b0x800706ba\b/i,
        /\bdo not grant Remote Activation permission for COM Server applications?\b/i,
        // DCOM event 10027 without its message: Remote, Activation, the user's domain and name, then
        // the SID S-1-5-7 (ANONYMOUS LOGON: the SID, not the names, which Windows writes in its own
        // language). `requires` takes that SID value, in DCOM's own event, in place of the message's user name.
        eventXml(DCOM, '10027', dataValue('Remote') + dataValue('Activation') + ANY_DATA + ANY_DATA + ANONYMOUS_SID),
      ],
      requires: [new RegExp(String.raw`\bRPC server is unavailable\b|\bNT AUTHORITY\\ANONYMOUS LOGON\b|\b${DCOM}\b[\s\S]{0,3000}?${ANONYMOUS_SID}`, 'i')],
      // The legacy connector's own PKCS line is CONN-PKCS-RPC-UNAVAILABLE. The unified connector's
      // PKCS / import / revoke events quote the CA's error too: they are that work's failures (listed
      // beside the SCEP flow), not a SCEP request that missed the CA. The names are looked for only
      // in a record that matched; the parsed event is a cheap test on every record.
      // Windows' own certificate enrollment (autoenrollment events 6, CertEnroll 13 and 82 of the
      // server's computer and user templates) reaches its CA over the same RPC, but is no SCEP request.
      excludes: [/\bIssuePfx\b/i, CONNECTOR_PFX_FAILURE_NAMES, WINDOWS_ENROLLMENT],
      when: (record) => !isConnectorPfxEvent(record),
    },
    message: 'An RPC/DCOM call to the CA failed ("The RPC server is unavailable", 0x800706ba, or on the CA Remote Activation refused to an anonymous caller): a request sent that way never gets to the CA.',
    // The CA refuses every unauthenticated caller this way, a network scanner's probe as much as a
    // requester whose logon failed: on its own it does not show a SCEP request missed the CA.
    milder: {
      severity: 'warning',
      when: new RegExp(String.raw`\bdo not grant Remote Activation permission\b|\b${DCOM}\b`, 'i'),
      why: 'for DCOM event 10027 on the CA, which any anonymous caller causes; NDES\'s own 0x800706ba is the failure',
    },
    meaning: 'NDES and the Intune connector submit requests to the CA with DCOM (RPC). 0x800706ba (RPC_S_SERVER_UNAVAILABLE, Win32 1722) means that call could not be made: the CA name is wrong, the CA cannot be reached, or the CA refuses the DCOM activation. On the CA, the DistributedCOM event 10027 about "Remote Activation" for ANONYMOUS LOGON shows the call arrived but was not authenticated.',
    causes: [
      'The CA host name or CA name is wrong (for PKCS: the Certification authority FQDN or Certification authority name in the profile).',
      'A firewall blocks RPC (TCP 135 and the dynamic port range) between NDES/connector and the CA, or the CertSvc service is stopped.',
      'User rights on the CA: "Access this computer from the network" missing or a deny right applies to the requester.',
      'Authenticated Users is missing from the CA\'s local Users group or the Certificate Service DCOM Access group; EnableDCOM is N; the "Restrictions for Unauthenticated RPC Clients" policy or COM security limits block the call.',
    ],
    fix: [
      'From the NDES/connector server run certutil -ping against the CA config string ("CAhost\\CA name") and check the name matches the CA exactly.',
      'Open TCP 135 and the RPC dynamic ports to the CA and make sure the Active Directory Certificate Services service is running.',
      'On the CA check the local groups Users and Certificate Service DCOM Access contain Authenticated Users, and that DCOM is enabled (HKLM\\SOFTWARE\\Microsoft\\Ole, EnableDCOM = Y).',
      'Review the user-rights and RPC restriction Group Policy settings applied to the CA, then retry.',
    ],
    verify: ['certutil -ping succeeds from the requesting server, and the next request reaches the CA (issued or at least logged on the CA).'],
    link: SOURCES.kbRpc,
    related: [SOURCES.pkcs],
    remediation: {
      label: 'test the DCOM interface of the CA from this server',
      text: 'certutil -config "<CA host FQDN>\\<CA name>" -ping\nTest-NetConnection <CA host FQDN> -Port 135',
    },
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot submit the certificate request (The RPC server is unavailable.). 0x800706ba',
        'CertUtil: -ping command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE) The RPC server is unavailable.',
        'The machine-default permission settings do not grant Remote Activation permission for COM Server application with CLSID {D99E6E74-FC88-11D0-B498-00A0C90312F3} and APPID {D99E6E74-FC88-11D0-B498-00A0C90312F3} to the user NT AUTHORITY\\ANONYMOUS LOGON SID (S-1-5-7) from address 10.0.0.5.',
        dcomXml(10027, ANONYMOUS_10027),
        dcomXml(10027, unnamed(ANONYMOUS_10027)),
      ],
      negative: [
        'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x800706BA): CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)',
        'The RPC server is too busy to complete this operation. 0x800706bb',
        // A unified connector PKCS event quoting the CA's error: CC-EVT-PKCS-FAILURES, beside the flow.
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft-Intune-CertificateConnectors\t1052\tNone\tPkcsIssuedFailure: CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)',
        // The server's own autoenrollment: its templates, not SCEP.
        'Automatic certificate enrollment for local system failed (0x800706ba) The RPC server is unavailable.',
        'Certificate enrollment for Local system failed to enroll for a ContosoComputer certificate with request ID N/A from CA01.contoso.com\\Contoso Issuing CA (The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)).',
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CertificateServicesClient-AutoEnrollment'/><EventID Qualifiers='49152'>6</EventID><Level>2</Level><Channel>Application</Channel></System><EventData><Data>0x800706ba</Data><Data>The RPC server is unavailable.</Data></EventData></Event>",
        // Without its message: 10027 for a user who is not anonymous, and a local launch.
        dcomXml(10027, [['param1', 'Remote'], ['param2', 'Activation'], ['param3', 'NT AUTHORITY'], ['param4', 'NETWORK SERVICE'], ['param5', 'S-1-5-20'], ['param6', '10.0.0.5'], ['param7', 'Unavailable'], ['param8', 'Unavailable']]),
        dcomXml(10027, [['param1', 'Local'], ['param2', 'Launch'], ['param3', 'NT AUTHORITY'], ['param4', 'ANONYMOUS LOGON'], ['param5', 'S-1-5-7'], ['param6', 'LocalHost (Using LRPC)'], ['param7', 'Unavailable'], ['param8', 'Unavailable']]),
        // The same values under another DCOM event (10016 names a CLSID first) and another provider.
        dcomXml(10016, [['param1', 'machine-default'], ['param2', 'Remote'], ['param3', 'Activation'], ['param4', '{D99E6E74-FC88-11D0-B498-00A0C90312F3}'], ['param5', '{D99E6E74-FC88-11D0-B498-00A0C90312F3}'], ['param6', 'NT AUTHORITY'], ['param7', 'ANONYMOUS LOGON'], ['param8', 'S-1-5-7'], ['param9', '10.0.0.5'], ['param10', 'Unavailable'], ['param11', 'Unavailable']]),
        eventXmlSample('Microsoft-Windows-CertificationAuthority', 10027, 2, ANONYMOUS_10027),
      ],
    },
  }),
  defineSignature({
    id: 'CONN-PKCS-RPC-UNAVAILABLE',
    title: 'Connector PKCS submission: RPC server unavailable',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [/\bCCertRequest::Submit: The RPC server is unavailable\b/i],
    },
    message: 'The connector could not submit the PKCS request to the CA: "The RPC server is unavailable" (0x800706ba).',
    meaning: 'For a PKCS profile the Intune connector asks the CA for the certificate itself (IssuePfx, CCertRequest::Submit). The DCOM call to the CA failed with RPC_S_SERVER_UNAVAILABLE, so the device gets the trusted root but never the PFX certificate.',
    causes: [
      'The PKCS profile names the wrong CA: "Certification authority" must be the CA server\'s internal FQDN and "Certification authority name" the CA\'s name as shown in the Certification Authority console.',
      'The CA cannot be reached over RPC/DCOM (see CA-RPC-UNAVAILABLE).',
      'The CA certificate was renewed and the CA rejects requests naming the previous key (event 128 on the CA).',
    ],
    fix: [
      'In the Intune PKCS profile correct Certification authority (internal FQDN) and Certification authority name; certutil on the CA shows both.',
      'If they are right, look on the CA for event 128 and enable UseDefinedCACertInRequest (CA-EVT-128-AKI-NOT-ENABLED).',
      'Otherwise work through the RPC/DCOM causes of CA-RPC-UNAVAILABLE.',
    ],
    verify: ['The next IssuePfx in the connector log completes and the device receives the PFX certificate.'],
    link: SOURCES.pkcs,
    related: [SOURCES.kbRpc],
    remediation: {
      label: 'show the CA configuration string and test it',
      text: 'certutil -dump\ncertutil -config "<CA host FQDN>\\<CA name>" -ping',
    },
    samples: {
      positive: [
        'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x800706BA): CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)',
      ],
      negative: [
        'IssuePfx -Generic Exception: System.ArgumentException: CCertRequest::Submit: The parameter is incorrect. 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)',
        'CCertRequest::Submit: The RPC server is too busy to complete this operation.',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-PKCS-INVALID-PARAMETER',
    title: 'Connector PKCS submission: parameter is incorrect',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [
        /\bCCertRequest::Submit: The parameter is incorrect\b/i,
        /\bCCertRequest::Submit:[^\r\n]{0,200}?\b0x80070057\b/i,
      ],
    },
    message: 'The CA call rejected the connector\'s PKCS request as malformed (0x80070057, ERROR_INVALID_PARAMETER): check the CA name and the SAN in the PKCS profile.',
    meaning: 'The connector submitted a PKCS certificate request and the submission failed with "The parameter is incorrect". With Intune this points at the PKCS profile: a value the connector puts in the request, or the CA it addresses, is invalid.',
    causes: [
      'The PKCS profile holds a wrong Certification authority name.',
      'The Subject Alternative Name is built from the user\'s email address but the user has no email address yet, so the SAN is empty.',
    ],
    fix: [
      'Check Certification authority name in the PKCS profile against the CA console (or certutil on the CA).',
      'Check the profile is assigned to the right group and that its users have an email address when the SAN uses it.',
      'Wait for the next policy refresh on the device and check the connector log again.',
    ],
    link: SOURCES.pkcs,
    samples: {
      positive: [
        'CCertRequest::Submit: The parameter is incorrect. 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)',
        'IssuePfx -Generic Exception: System.ArgumentException: CCertRequest::Submit: The parameter is incorrect. 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)',
      ],
      negative: [
        'CCertRequest::Submit: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)',
        'The parameter is incorrect. 0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-PKCS-UNSUPPORTED-TEMPLATE',
    title: 'Connector PKCS submission: template not supported by the CA',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [
        /\(0x80094800\):\s*The requested certificate template is not supported by this CA\b/i,
        /\bThe requested certificate template is not supported by this CA\.?\s*\(Exception from HRESULT: 0x80094800\)/i,
      ],
    },
    message: 'The CA does not accept the template named in the PKCS profile (0x80094800, CERTSRV_E_UNSUPPORTED_CERT_TYPE).',
    meaning: 'The connector asked the CA for a certificate from the template configured in the PKCS profile, and the CA answered that it does not issue that template. The CA logs the matching denial as event 53 with 0x80094800.',
    causes: [
      'The template is not published on the CA (not listed under Certificate Templates in the CA console).',
      'The profile names the template by its display name or with a typo instead of the template name.',
      'The CA computer account cannot read the template (its ACL no longer grants Read to Authenticated Users or to the CA).',
    ],
    fix: [
      'In the CA console, right-click Certificate Templates > New > Certificate Template to Issue and publish the template if it is missing.',
      'Put the template name (not the display name) into the PKCS profile.',
      'In the template\'s Security tab make sure the CA computer account can Read it, and the connector server\'s computer account can Read and Enroll.',
    ],
    link: SOURCES.pkcs,
    related: [SOURCES.kb283218],
    remediation: { label: 'list the templates this CA issues', text: 'certutil -CATemplates' },
    samples: {
      positive: [
        'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x80094800): The requested certificate template is not supported by this CA. (Exception from HRESULT: 0x80094800)',
      ],
      negative: [
        'The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.). 0x80004005',
        'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x80094015): An enrollment policy server cannot be located. (Exception from HRESULT: 0x80094015)',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-PKCS-NO-POLICY-SERVER',
    title: 'Connector PKCS submission: no enrollment policy server',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [
        /\(0x80094015\):\s*An enrollment policy server cannot be located\b/i,
        /\bAn enrollment policy server cannot be located\b[^\r\n]{0,80}?\b0x80094015\b/i,
      ],
    },
    message: 'The connector server cannot find a certificate enrollment policy server (0x80094015), so it cannot build the PKCS request.',
    meaning: 'Before submitting a PKCS request the connector needs certificate enrollment policy (the template list) on its own server. This error means no enrollment policy server is configured or found for the computer context there.',
    causes: ['No certificate enrollment policy server is configured for the machine context on the server that runs the Intune connector.'],
    fix: [
      'On the connector server, list the configured enrollment policy servers for the machine context.',
      'Add one with the Add-CertificateEnrollmentPolicyServer cmdlet (for Active Directory-based policy the URL is "LDAP:"; for a CEP web service use its URL).',
      'Restart the connector service and let the device retry.',
    ],
    link: SOURCES.pkcs,
    remediation: {
      label: 'show / add the machine enrollment policy server (check the URL first)',
      text: 'Get-CertificateEnrollmentPolicyServer -Scope All -Context Machine\nAdd-CertificateEnrollmentPolicyServer -Url "LDAP:" -Context Machine',
    },
    samples: {
      positive: [
        'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x80094015): An enrollment policy server cannot be located. (Exception from HRESULT: 0x80094015)',
      ],
      negative: [
        'IssuePfx - COMException: System.Runtime.InteropServices.COMException (0x80094800): The requested certificate template is not supported by this CA. (Exception from HRESULT: 0x80094800)',
        'Enrollment policy server located: LDAP:',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-PKCS-PENDING',
    title: 'Connector PKCS request left pending on the CA',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [/\bIssuePfx - The submission is pending\b/i],
    },
    message: 'The CA put the PKCS request in Pending Requests ("Taken Under Submission") instead of issuing it; the connector does not wait for manual approval.',
    meaning: 'The CA accepted the connector\'s request but did not issue it automatically: it is waiting for a CA manager to approve it. The connector treats that as a failure, so the device never receives the PFX certificate. The request is visible in the CA console under Pending Requests.',
    causes: [
      'The CA\'s policy module is set to "Set the request status to pending. The administrator must explicitly issue the certificate."',
      'The template requires CA certificate manager approval.',
    ],
    fix: [
      'On the CA open Properties > Policy Module > Properties and choose "Follow the settings in the certificate template, if applicable. Otherwise, automatically issue the certificate."',
      'Check the template\'s Issuance Requirements tab and clear "CA certificate manager approval".',
      'Restart Active Directory Certificate Services and deny or issue the requests still pending.',
    ],
    verify: ['New PKCS requests go straight to Issued Certificates and the connector log shows no more pending submissions.'],
    link: SOURCES.pkcs,
    samples: {
      positive: [
        'IssuePfx - The submission is pending: Taken Under Submission',
        'IssuePfx -Generic Exception: System.InvalidOperationException: IssuePfx - The submission is pending',
      ],
      negative: [
        'IssuePfx - The submission failed: Denied by Policy Module',
        'Certificate request 42 is pending approval.',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-PKCS-DENIED-BY-POLICY',
    title: 'Connector PKCS request denied by the CA policy module',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [/\bIssuePfx - The submission failed: Denied by Policy Module\b/i],
    },
    message: 'The CA\'s policy module denied the connector\'s PKCS request: usually the connector server\'s computer account lacks Read + Enroll on the template.',
    meaning: 'The connector submitted a PKCS request and the CA\'s policy module rejected it. For Intune PKCS this typically means the computer account of the server running the connector has no permission to enroll for the template. The log then reports that issuing the PFX certificate for the device failed.',
    causes: ['The connector server\'s computer account is not granted Read and Enroll on the certificate template.'],
    fix: [
      'In the Certification Authority console right-click Certificate Templates > Manage and open the template\'s Security tab.',
      'Add the computer account of the connector server and grant Read and Enroll; apply.',
      'Back in the CA console, publish the template again (Certificate Templates > New > Certificate Template to Issue) if needed.',
    ],
    verify: ['The CA event 53 for the connector disappears and the next request is issued.'],
    link: SOURCES.pkcs,
    related: [SOURCES.kb283218],
    samples: {
      positive: ['IssuePfx - The submission failed: Denied by Policy Module'],
      negative: [
        'IssuePfx - The submission is pending: Taken Under Submission',
        'Issuing Pfx certificate for Device ID 1c2d3e4f failed',
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-9-POLICY-MODULE-NOT-LOADED',
    title: 'CA service did not start: policy module not loaded (event 9)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bCertificate Services did not start: Unable to load (?:a|an external) policy module\b/i,
        // Without its message: the event carries no values, its provider and id (MSG_NO_POLICY) say it all.
        caEventXml('9'),
      ],
    },
    message: 'The certification authority service did not start because it could not load its policy module: no request (NDES, PKCS or any other) can be issued until it does.',
    meaning: 'Every request to the CA goes through its policy module (the Windows default one, or an add-on such as TameMyCerts). If the module cannot be loaded or initialised when Certificate Services starts, the service stops with event 9, usually after event 44 from the module\'s Initialize method. NDES then fails its submissions (event 31, 0x800706ba) and devices get no certificate.',
    causes: [
      'The policy module cannot reach Active Directory at start-up (events 91/94 on the CA, then 44 with 0x8007054b).',
      'A third-party policy module is not registered, is missing files, or fails its own initialisation.',
      'The server is short of memory or disk when the module loads.',
    ],
    fix: [
      'Read event 44 just before it for the module, the method and the status code.',
      'Fix domain connectivity from the CA (nltest /dsgetdc:<domain>) or re-register / reconfigure the third-party module, then start Certificate Services (net start certsvc).',
      'If a third-party module cannot be fixed quickly, switch the CA back to the Windows default policy module in the CA properties.',
    ],
    verify: ['Certificate Services stays running and a test request is issued.'],
    pointsTo: ['CA-EVT-44-POLICY-MODULE'],
    link: SOURCES.caEvt9,
    related: [SOURCES.caPolicyModuleEvents, SOURCES.gradEvt44],
    samples: {
      positive: [
        'Active Directory Certificate Services did not start: Unable to load a policy module.',
        'The Active Directory Certificate Services did not start: Unable to load an external policy module.',
        caXml(9, 2, []),
      ],
      negative: [
        'Active Directory Certificate Services for Contoso Issuing CA was started.',
        'Unable to load the exit module.',
        caXml(9, 2, [], 'Microsoft-Windows-NetworkDeviceEnrollmentService'),
        caXml(6, 4, [[undefined, '9'], [undefined, 'CONTOSO\\NDES01$']]),
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-POLICY-MODULE-EXCEPTION',
    title: 'CA policy module method caused an exception',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bpolicy module "(?<method>[^"\r\n]{1,80})" method caused an exception at address\b/i,
        // Without its message (event 43): the module's name, then the method's.
        caEventXml('43', MODULE_AND_METHOD),
      ],
    },
    message: 'The CA\'s policy module crashed in its "{method}" method: requests handled while this happens are not decided.',
    meaning: 'The policy module runs inside the CA service for every request. An exception (rather than an error it returns) means the module itself broke, typically a third-party or custom module; the exception code in the event says what kind. NDES submissions at that moment fail (event 31).',
    causes: ['A bug or an unexpected input in a third-party or custom policy module.', 'A damaged module installation.'],
    fix: [
      'Note the module name, the method and the exception code, and give them to the module\'s vendor.',
      'Update or reinstall the module; as a stop-gap switch the CA back to the Windows default policy module.',
    ],
    link: SOURCES.caPolicyModuleEvents,
    related: [SOURCES.caEvt9],
    samples: {
      positive: [
        'The "TameMyCerts" policy module "VerifyRequest" method caused an exception at address 0x00007FF8A1B2C3D4. The exception code is 0xc0000005.',
        caXml(43, 2, POLICY_EXCEPTION_43),
        caXml(43, 2, POLICY_EXCEPTION_43, 'CertificationAuthority'),
      ],
      negative: [
        'The "Windows default" Policy Module "Initialize" method returned an error.',
        // An exit module's crash (event 45), the same values under another provider, and event 44.
        caXml(45, 2, [[undefined, 'Windows default'], [undefined, 'Notify'], [undefined, '0xc0000005'], [undefined, '0x00007FF8A1B2C3D4']]),
        caXml(43, 2, POLICY_EXCEPTION_43, 'Microsoft-Windows-NetworkDeviceEnrollmentService'),
        caXml(44, 2, POLICY_ERROR_44),
      ],
    },
  }),
  defineSignature({
    id: 'CA-EVT-POLICY-MODULE-LOGGED-ERROR',
    title: 'CA policy module logged an error',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bpolicy module logged the following error: (?<detail>[^\r\n]{1,300})/i,
        // Without its message (event 78): the module's name, then its sentence.
        caEventXml('78', ANY_DATA + String.raw`<Data\b[^<>]{0,80}>\s*(?<detail>[^<\s][^<\r\n]{0,299})`),
      ],
    },
    message: 'The CA\'s policy module reported an error: {detail}',
    meaning: 'Policy modules write their own errors through the CA under this event text (the warning form is event 77). The sentence after the colon is the module\'s reason; while it persists, requests the module has to decide on, such as NDES submissions for the SCEP template, may be denied or fail.',
    causes: ['Whatever the module names: unreadable configuration, a template it cannot load, a directory lookup that failed.'],
    fix: [
      'Read the module\'s sentence and fix the configuration it names (for TameMyCerts, its policy XML for the template).',
      'Restart Certificate Services after changing the module\'s configuration.',
    ],
    link: SOURCES.caPolicyModuleEvents,
    related: [SOURCES.tamemycerts29],
    samples: {
      positive: [
        'The "Windows default" policy module logged the following error: The Intune-SCEP Certificate Template could not be loaded.',
        caXml(78, 2, POLICY_LOGGED_ERROR_78),
      ],
      negative: [
        'The "Windows default" Policy Module logged the following warning: The Intune-SCEP Certificate Template could not be loaded.',
        // The same values as the module's warning (event 77) or information (event 76), and under another provider.
        caXml(77, 3, POLICY_LOGGED_ERROR_78),
        caXml(76, 4, POLICY_LOGGED_ERROR_78),
        caXml(78, 2, POLICY_LOGGED_ERROR_78, 'TameMyCerts'),
      ],
    },
  }),
  defineSignature({
    id: 'CA-CERT-EXPIRED-IN-CHAIN',
    title: 'Expired certificate in the chain (CERT_E_EXPIRED, 0x800B0101)',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bcannot submit the certificate request\s*\(A required certificate is not within its validity period\b/i,
        /\bCertificate Services could not process request \d+ due to an error: A required certificate is not within its validity period\b/i,
        /\b0x800b0101 \(-2146762495 CERT_E_EXPIRED\)/i,
        // NDES event 31 without its message: the reason is its ErrorMessage value. (CA events 21/22 keep the
        // code and its name in their error value, which the pattern above finds.)
        /<EventData\s+Name=["']EVENT_MSCEP_FAIL_SUBMIT["'][^<>]{0,100}>(?:[^<]|<(?!\/?EventData\b)){0,4000}?\bA required certificate is not within its validity period\b/i,
      ],
    },
    message: 'The request failed because a certificate in the chain is not within its validity period (CERT_E_EXPIRED): an expired CA or RA certificate, or a CA clock ahead of the others.',
    meaning: 'Windows checks every certificate in a chain against its clock when NDES submits a request or the CA verifies the request\'s signature and builds the new certificate. CERT_E_EXPIRED means one of them is outside its validity: an expired issuing or root CA certificate, expired NDES RA certificates that signed the request, or a CA whose clock runs ahead so that a just-issued certificate is not yet valid.',
    causes: [
      'The issuing CA (or root) certificate, or the NDES RA certificates, expired.',
      'The CA\'s clock is ahead of the domain, so new certificates start in the future.',
    ],
    fix: [
      'Check the validity of the CA chain and of the NDES RA certificates (certutil -ca.cert, certlm.msc on NDES) and renew what expired.',
      'Check time synchronisation on the CA and NDES (w32tm /query /status).',
      'After renewing CA certificates, make sure the Intune trusted certificate profiles hold the right root.',
    ],
    verify: ['The next request is issued; NDES event 31 and CA event 22 stop.'],
    link: SOURCES.gradEvt31,
    related: [SOURCES.certExpiredBlog, SOURCES.gradEvt22],
    remediation: { label: 'check the CA chain validity and the clock', text: 'certutil -ca.cert ca.cer\ncertutil -verify ca.cer\nw32tm /query /status' },
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot submit the certificate request (A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.). 0x80004005',
        'Active Directory Certificate Services could not process request 4711 due to an error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file. 0x800b0101 (-2146762495 CERT_E_EXPIRED).',
        caXml(21, 2, EXPIRED_21),
        caXml(21, 2, unnamed(EXPIRED_21)),
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID>31</EventID><Level>2</Level></System><EventData Name='EVENT_MSCEP_FAIL_SUBMIT'><Data Name='ErrorCode'>0x80004005</Data><Data Name='ErrorMessage'>A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.</Data></EventData></Event>",
      ],
      negative: [
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID>31</EventID><Level>2</Level></System><EventData Name='EVENT_MSCEP_FAIL_SUBMIT'><Data Name='ErrorCode'>0x80004005</Data><Data Name='ErrorMessage'>The public key does not meet the minimum size required by the specified certificate template.</Data></EventData></Event>",
        caXml(21, 2, [['RequestId', '4711'], ['ErrorCode', 'The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)'], ['SubjectName', 'CN=ndes-user']]),
        'The Network Device Enrollment Service cannot submit the certificate request (The public key does not meet the minimum size required by the specified certificate template.).  0x80004005',
        'Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
      ],
    },
  }),
];
