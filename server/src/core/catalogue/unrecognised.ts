import type { LogRecord } from '../types';
import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';
import { CONNECTOR_CERT_EXPIRED_LINE } from './lifecycle';
import { healthEventOf } from './unifiedConnector';
import { NOT_IN_IIS_IUSRS } from './validation';
import { head } from './validators/place';
import { NDES_PROCESS, OTHER_PROCESS, WINDOWS_ENROLLMENT, WINDOWS_ROOT_UPDATE } from './windowsOwn';

/**
 * The safety net for the long tail: a record of an NDES-related log that has the shape of a
 * failure (an HRESULT or Win32 error, an exception, a failure word) and that no other signature
 * claims. It is a fallback entry, so the validator consults it only for records nothing else
 * matched, and only in logs of the formats it names (never in loose text such as a ticket). Its findings are
 * notes: they place nothing in the SCEP flow.
 */

/** Event sources that belong to NDES, the CA, the connectors or the device's SCEP client. */
const NDES_PROVIDERS = /NetworkDeviceEnrollmentService|CertificationAuthority|CertificateServicesClient|CertificateConnectors|NDESConnector|PFXCertificateConnector|Intune|DeviceManagement-Enterprise-Diagnostics|CAPI2|Certificate Services|MSCEP|w3wp/i;
/**
 * Application Error (event 1000, a process crashed) is NDES's only when the process is the IIS worker
 * w3wp.exe that hosts the SCEP application; a crash of any other program on the server is not. (Its
 * provider name alone would otherwise match the failure word "Error".)
 */
const APPLICATION_ERROR = /^Application Error$/i;
const W3WP = /\bw3wp(?:\.exe)?\b/i;
/**
 * CAPI2 checks certificates for every program on the server (browsers, sync clients, backup's VSS
 * writer, Windows Update's trust lists). Only a check that names one of NDES's processes is NDES's; an
 * event that names none (its Application events, an Operational event exported as CSV or text, whose
 * message is "see the Details section") says nothing about NDES.
 */
const CAPI2 = /\bCAPI2\b/i;
/**
 * A Windows device's MDM log (DeviceManagement-Enterprise-Diagnostics-Provider) reports every
 * configuration service provider Intune drives, and a healthy device logs errors for policies that do
 * not apply to it. Its SCEP work is the ClientCertificateInstall CSP (events that say "SCEP:") and the
 * trusted root the profile needs (RootCATrustedCertificates); the rest is not SCEP's.
 */
const DEVICE_MANAGEMENT = /DeviceManagement-Enterprise-Diagnostics/i;
const DEVICE_SCEP = /\bSCEP\b|ClientCertificateInstall|RootCATrustedCertificates|\bNDES\b/i;
/** Its SCEP events by id, for an .evtx without the messages that say "SCEP:" (32-39, 301-309). */
const SCEP_EVENT_IDS = /^(?:3[2-9]|30[1-9])$/;
/**
 * CMTrace is a framing many products write (Configuration Manager, the Intune Management Extension on
 * devices). Its NDES writers are the policy module and the Validate-NDESConfig scripts (components
 * `NDES_Validation`, `NDES_Eventvwr`; formats.md §8): another product's line counts only when it
 * speaks of SCEP or NDES.
 */
const NDES_COMPONENTS = /NDES|SCEP|CertificateRegistration|CertRegPoint|Connector/i;
const NDES_WORDS = /\b(?:SCEP|NDES|MSCEP|mscep\.dll|CertificateRegistrationSvc)\b/i;
/**
 * Windows' own enrollment (autoenrollment, certreq) is not NDES's, but its SCEP client is: CertEnroll
 * events 86 and 87 are a device's SCEP enrollment against NDES. DEV-WIN-CERTENROLL-86-87 reads their
 * English message; one with no message (read from an .evtx, `wevtutil qe /f:xml`) or a message in
 * another language is left to the safety net, known by its id or by naming SCEP or NDES.
 */
const CERTENROLL = /\bCertEnroll\b/i;
const SCEP_ENROLL_EVENTS = /^8[67]$/;
function windowsOwnEnrollment(record: LogRecord): boolean {
  if (!WINDOWS_ENROLLMENT.test(record.text)) return false;
  const id = record.fields?.['eventId'];
  if (id !== undefined && SCEP_ENROLL_EVENTS.test(id) && CERTENROLL.test(record.fields?.['provider'] ?? '')) return false;
  return !NDES_WORDS.test(record.text);
}
/** svclog trace sources of NDES and its connectors (formats.md §4). */
const NDES_TRACE_SOURCES = /CertificateRegistrationPoint|NDESConnector|Intune|CertificateConnector|NDES/i;
/** svclog SubTypes (TraceEventType names) that never report a failure. */
const QUIET_TRACE_TYPES = /^(?:Information|Verbose|Start|Stop|Suspend|Resume|Transfer)$/i;
/** Event levels that never report a failure. */
const QUIET_LEVELS = /^(?:Information|Informational|Verbose|Success|Audit Success|[045])$/i;

/**
 * An event record (one with a provider or an event id) only counts when it comes from an
 * NDES-related source and is not informational. A CMTrace record counts when an NDES writer wrote it
 * and it carries its writer's own severity (`type` 1 = information, 2 = warning, 3 = error;
 * formats.md §8): the Validate-NDESConfig scripts write their failures as 2 or 3, so an informational
 * line is no failure, as an informational event is not. Records of the other formats always count.
 */
function failureScope(record: LogRecord): boolean {
  const fields = record.fields;
  const component = fields?.['component'];
  if (fields?.['type'] !== undefined && component !== undefined) {
    if (!NDES_COMPONENTS.test(component) && !NDES_WORDS.test(record.text)) return false;
    return !QUIET_LEVELS.test((fields['level'] ?? fields['type']).trim());
  }
  // A trace of .NET's own sources (System.ServiceModel, System.Net …) in an svclog, written as
  // information or activity bookkeeping: WCF's "Handling an exception" is one it caught. Traces of the
  // NDES sources keep counting at every level, as do warnings and errors of any source.
  const source = fields?.['Source'];
  if (source !== undefined && !NDES_TRACE_SOURCES.test(source) && QUIET_TRACE_TYPES.test((fields?.['SubType'] ?? '').trim())) return false;
  if (fields?.['provider'] === undefined && fields?.['eventId'] === undefined) return true;
  const level = fields['level'];
  if (level !== undefined && QUIET_LEVELS.test(level.trim())) return false;
  const provider = fields['provider'];
  if (provider === undefined) return true;
  if (APPLICATION_ERROR.test(provider.trim())) return W3WP.test(record.text);
  if (CAPI2.test(provider)) return NDES_PROCESS.test(record.text);
  if (DEVICE_MANAGEMENT.test(provider)) return SCEP_EVENT_IDS.test(fields['eventId'] ?? '') || DEVICE_SCEP.test(record.text);
  return NDES_PROVIDERS.test(provider);
}

/**
 * What the safety net looks at: a failure-shaped record of an NDES source, not Windows' own
 * enrollment. Lines a multi-record rule decides on from the lines around them are that rule's even
 * where it stays silent: the connector's health upload events (CC-EVT-HEALTH-UPLOAD: a success soon
 * after a failed attempt is no failure), the validation script's expired connector certificate
 * (CC-CONNECTOR-CERT-EXPIRED: not when the same check lists a valid one) and its IIS_IUSRS check
 * (VAL-SERVICE-ACCOUNT: milder when the account holds the logon rights explicitly).
 */
function inScope(record: LogRecord): boolean {
  if (!failureScope(record) || windowsOwnEnrollment(record)) return false;
  const text = head(record);
  return healthEventOf(record, text) === undefined && !CONNECTOR_CERT_EXPIRED_LINE.test(text) && !NOT_IN_IIS_IUSRS.test(text);
}

const UNRECOGNISED_FAILURE_ID = 'NDES-LENS-UNRECOGNISED-FAILURE';

export const UNRECOGNISED: readonly Signature[] = [
  defineSignature({
    id: UNRECOGNISED_FAILURE_ID,
    title: 'A failure no signature knows yet',
    kind: 'failure', severity: 'info', stage: 2,
    fallback: true,
    formats: ['ndesplugin-log', 'wcf-svclog', 'windows-event-log', 'cmtrace-log'],
    match: {
      patterns: [
        // An HRESULT with the failure bit set, hex or signed decimal.
        /(?<what>\b0x[89a-f][0-9a-f]{7}\b)/i,
        /(?<what>(?<![\w.])-2[01]\d{8}\b)/i,
        // A Win32 / HRESULT symbol, or an error number in an error field.
        /(?<what>\b(?:ERROR|E|CERT_E|CRYPT_E|CERTSRV_E|NTE|SEC_E|TRUST_E)_[A-Z][A-Z0-9_]{2,60}\b)/i,
        /(?<what>\b(?:error ?code|win32 error|last ?error|status code|hresult)\s*(?:[:=]\s*)?\(?(?:0x[89a-f][0-9a-f]{7}|[1-9]\d{0,9})\b)/i,
        // An exception.
        /(?<what>\b[\w.]{0,120}Exception\b)/i,
        // A failure word, not inside a host name, path or identifier (redacted logs hold example.invalid),
        // nor the name of the CA console's Failed Requests folder.
        /(?<what>(?<![.@/\\-])\b(?:failed(?!\s{1,8}Requests\b)|fails|failure|error|cannot|can't|could not|couldn't|unable to|denied|refused|rejected|invalid|timed out|time-out|timeout|expired|not found|unavailable|forbidden|unauthori[sz]ed|fatal|crash(?:ed)?|aborted)\b)/i,
      ],
      excludes: [
        // Success shapes: a zero result, a success word, a null error.
        /\b(?:with|returns?|returned|result|hr|status|code)\s*(?:[:=]\s*)?\(?0x0+\b/i,
        /\breturns? (?:0|true|success)\b/i,
        /\bsuccess(?:fully|ful)?\b|\bsucceeded\b|\bcompleted\b/i,
        /\berr(?:or)?\s*[=:]\s*(?:null|nil|none|0)\b|\bno errors?\b|\b0 errors?\b|\bwithout errors?\b/i,
        /\bstatus\s*(?:[:=]\s*)?200\b/i,
        // A CAPI2 event's own outcome: `<Result value='0'/>` closes every operation that succeeded; its
        // `<Timeout>` parameter and the errors of steps it recovered from (no proxy auto-configuration
        // URL) are not failures. A failed operation carries its code, `<Result value='800B0109'>`.
        /<Result\s+value=["']0+["']/i,
        // Certificate work Windows does for itself, named in any export: Windows Update's trust lists,
        // another program's chain check; the server's own enrollment is `windowsOwnEnrollment`.
        WINDOWS_ROOT_UPDATE, OTHER_PROCESS,
      ],
      when: inScope,
    },
    message: 'No NDES Lens signature knows this failure yet ("{what}"). Hover it for the decoded codes; the guidance says how to report it so it becomes a signature.',
    meaning: 'This line has the shape of a failure (an HRESULT or Win32 error code, an exception, or a failure word) in a log NDES Lens reads, but none of its signatures recognises it, so there is no diagnosis for it yet. It is shown as a note so that nothing on the line goes unseen; it places nothing in the SCEP flow. The hover decodes every code on the line, which is often enough to see what failed.',
    fix: [
      'Hover the line: the decoded codes (HRESULT, Win32, WinHTTP, CERTSRV) usually name the failing component.',
      'Search Microsoft Learn and the NDES event references for the exact sentence.',
      'To have it recognised: add it as a team signature in .ndeslens.json at the workspace root (copy the skeleton with the quick fix), and send the line with its source (a Microsoft page, a GitHub issue) to the NDES Lens maintainers to become a built-in signature.',
    ],
    remediation: {
      label: 'a team signature skeleton for .ndeslens.json',
      text: '{ "signatures": [ { "id": "TEAM-NEW-FAILURE", "formats": ["ndesplugin-log"], "pattern": "exact words of the line", "severity": "warning", "message": "What it means and what to do" } ] }',
    },
    link: SOURCES.scepOverview,
    samples: {
      positive: [
        'The Network Device Enrollment Service cannot be stopped (0x80070005). Access is denied.',
        'org.bouncycastle.cms.CMSException: The content-type attribute type MUST be present whenever signed attributes are present in signed-data',
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID>53</EventID><Level>2</Level><Channel>Microsoft-Windows-CAPI2/Operational</Channel></System><UserData><CryptRetrieveObjectByUrlWire><URL scheme='http'>http://pki.example.invalid/issuing.crl</URL><Object type='CONTEXT_OID_CRL'/><Timeout>15000</Timeout><EventAuxInfo ProcessName='w3wp.exe'/><Result value='2EE2'>The operation timed out</Result></CryptRetrieveObjectByUrlWire></UserData></Event>",
      ],
      negative: [
        '<![LOG[Exiting VerifyRequest with 0x0]LOG]!><time="08:52:11.140-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">',
        '<![LOG[Verify challenge returns true]LOG]!><time="08:52:11.139-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">',
        'The Network Device Enrollment Service started successfully.',
        // The CA console's folder named in prose: a place, not a failure.
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CertificationAuthority'/><EventID>1</EventID><Level>2</Level></System><EventData><Data>See Failed Requests in the Certification Authority console.</Data></EventData></Event>",
        'level=info op=PKIOperation error=null took=88.830876ms',
        // Lines of the validation script that multi-record rules decide on.
        '<![LOG[Certificate is expired! Expiration date: 11/20/2026 08:12:44]LOG]!><time="09:15:02.117+060" date="12-7-2026" component="NDES_Validation" context="CONTOSO\\admin" type="3" thread="1" file="">',
        '<![LOG[Error: NDES Service Account is not a member of the local IIS_IUSR group]LOG]!><time="09:15:02.117+060" date="12-7-2026" component="NDES_Validation" context="CONTOSO\\admin" type="3" thread="1" file="">',
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID>53</EventID><Level>2</Level></System><UserData><CryptRetrieveObjectByUrlWire><URL scheme='http'>http://pki.example.invalid/ca.crl</URL><Timeout>PT10S</Timeout><AdditionalInfo><Action name='Call_WinHttpGetProxyForUrl'><Error value='2F94'>The Proxy Auto-configuration URL was not found.</Error></Action></AdditionalInfo><Result value='0'/></CryptRetrieveObjectByUrlWire></UserData></Event>",
        // Another program's chain check, Windows Update's trust lists, the server's own enrollment.
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID>41</EventID><Level>2</Level><Channel>Microsoft-Windows-CAPI2/Operational</Channel></System><UserData><CertVerifyRevocation><Certificate fileRef='93C3.cer' subjectName='intranet.fabrikam.example'/><EventAuxInfo ProcessName='OneDrive.exe'/><RevocationStatus index='0' error='80092013' reason='0'/><Result value='80092013'>The revocation function was unable to check revocation because the revocation server was offline.</Result></CertVerifyRevocation></UserData></Event>",
        'Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CertificateServicesClient-AutoEnrollment'/><EventID Qualifiers='49152'>6</EventID><Level>2</Level><Channel>Application</Channel></System><EventData><Data>0x800706ba</Data><Data>The RPC server is unavailable.</Data></EventData></Event>",
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-CertificateServicesClient-CertEnroll'/><EventID Qualifiers='49152'>13</EventID><Level>2</Level><Channel>Application</Channel></System><EventData><Data>Local system</Data><Data>ContosoWebServer</Data><Data>CA02.contoso.com\\Contoso Legacy Issuing CA</Data><Data>The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)</Data></EventData></Event>",
      ],
    },
  }),
];
