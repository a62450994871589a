import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';
import { eventId } from './eventIds';
import { mayBeItsEvent, mayMatch, onItsEvent } from './literals';
import type { LogRecord } from '../types';

/** The event's name from Microsoft's table, as an alternative to its number (`id` group too). */
function eventName(names: string): RegExp {
  return new RegExp(String.raw`\b(?<id>${names})\b`, 'i');
}

/**
 * The number alone is not enough (4005 or 1001 mean other things elsewhere): the same record must
 * name the connector's provider/channel, or carry the event's name.
 */
function sourceOrName(names: string): RegExp {
  return new RegExp(String.raw`\bMicrosoft-Intune-CertificateConnectors\b|\b(?:${names})\b`, 'i');
}

/** Microsoft's names for the ids of CC-EVT-PKCS-FAILURES (1001, 1201, 1003, 1051, 1052, 1101, 1203, 1252, 1253, 1301). */
const PKCS_FAILURE_NAMES = 'PkcsRequestFailure|PkcsRecryptRequestFailure|PkcsDownloadFailure|PkcsIssuedFailedAttempt|PkcsIssuedFailure|PkcsUploadFailure|PkcsRecryptDownloadFailure|PkcsRecryptDecryptFailure|PkcsRecryptReencryptFailure|PkcsRecryptUploadFailure';
/** …and of CC-EVT-IMPORT-REVOKE-FAILURES (2001, 3001, 2203, 2051, 2052, 2101, 3003, 3051, 3052, 3101). */
const IMPORT_REVOKE_FAILURE_NAMES = 'PkcsImportRequestFailure|RevokeRequestFailure|PkcsImportDownloadFailure|PkcsImportReencryptFailedAttempt|PkcsImportReencryptFailure|PkcsImportUploadFailure|RevokeDownloadFailure|RevokeFailure|RevokeFailedAttempt|RevokeUploadFailure';
/**
 * The connector's PKCS, imported-PFX and revocation work (codes.md §8, from the connector overview):
 * a CA error such an event quotes (0x800706ba for an unreachable CA, for instance) belongs to that
 * work, which CC-EVT-PKCS-FAILURES and CC-EVT-IMPORT-REVOKE-FAILURES list beside the SCEP flow, not
 * to a SCEP stage. `isConnectorPfxEvent` reads the parsed event (ids 1000-3999 of the connector's
 * provider); CONNECTOR_PFX_FAILURE_NAMES finds those failures named in text without parsed fields.
 */
export function isConnectorPfxEvent(record: LogRecord): boolean {
  const fields = record.fields;
  if (fields?.['provider']?.trim().toLowerCase() !== 'microsoft-intune-certificateconnectors') return false;
  const id = Number(fields['eventId']);
  return id >= 1000 && id < 4000;
}
export const CONNECTOR_PFX_FAILURE_NAMES = new RegExp(String.raw`\b(?:${PKCS_FAILURE_NAMES}|${IMPORT_REVOKE_FAILURE_NAMES})\b`, 'i');
/** SCEP steps that worked (Microsoft's names; 4000 is spelled ScrepRequestSuccess in its table). */
const SCEP_SUCCESS_NAMES = 'ScepVerifySuccess|ScepIssuedSuccess|ScepNotifySuccess|ScrepRequestSuccess|ScepRequestSuccess';
/** The matched id or name says the certificate was issued (4006, 4008, 4000) / Intune was told (4008, 4000). */
const SCEP_ISSUED = /(?<!\d)(?:4006|4008|4000)(?!\d)|\b(?:ScepIssuedSuccess|ScepNotifySuccess|ScrepRequestSuccess|ScepRequestSuccess)\b/i;
const SCEP_NOTIFIED = /(?<!\d)(?:4008|4000)(?!\d)|\b(?:ScepNotifySuccess|ScrepRequestSuccess|ScepRequestSuccess)\b/i;

/** Microsoft's names for the health events 5000, 5001 and 5002 (CC-EVT-HEALTH-UPLOAD). */
const HEALTH_SUCCESS = 'HealthMessageUploadSuccess';
const HEALTH_ATTEMPT = 'HealthMessageUploadFailedAttempt';
const HEALTH_FAILURE = 'HealthMessageUploadFailure';
/**
 * What CC-EVT-HEALTH-UPLOAD says: its entry's message, and, with `{id}` filled in as 5001, each
 * finding of its multi-record rule.
 */
export const HEALTH_UPLOAD_FAILED = 'Certificate Connector event {id}: the connector could not send its health report to Intune (5001: an attempt failed and no upload succeeded within 15 minutes after it; 5002: it gave up). It probably cannot reach Intune.';

/** A health event of the connector: which one, and where its id or name is in the record's text. */
export interface HealthEvent {
  readonly outcome: 'success' | 'attempt';
  readonly at: number;
  readonly length: number;
}

const HEALTH_ANY = new RegExp(String.raw`500[01]|\b(?:${HEALTH_SUCCESS}|${HEALTH_ATTEMPT})\b`, 'i');
const HEALTH_ATTEMPT_MATCH = { patterns: [eventId('5001'), eventName(HEALTH_ATTEMPT)], source: sourceOrName(HEALTH_ATTEMPT) };
const HEALTH_SUCCESS_MATCH = { patterns: [eventId('5000'), eventName(HEALTH_SUCCESS)], source: sourceOrName(HEALTH_SUCCESS) };

/**
 * A 5001 (failed attempt) or 5000 (success) of the connector in `text`, the head of `record`, found
 * as the signatures find an event: its id as the export prints it (and the record's own id where
 * the export was parsed) with the connector's provider named, or the event's name.
 */
export function healthEventOf(record: LogRecord, text: string): HealthEvent | undefined {
  // Every record of an event log is asked; most hold neither id nor name: one scan says so.
  if (!HEALTH_ANY.test(text)) return undefined;
  for (const [outcome, m] of [['attempt', HEALTH_ATTEMPT_MATCH], ['success', HEALTH_SUCCESS_MATCH]] as const) {
    for (const re of m.patterns) {
      if (!mayMatch(re, text) || !mayBeItsEvent(re, record)) continue;
      const exec = re.exec(text);
      const found = exec ? onItsEvent(re, exec, text, record) : null;
      if (!found) continue;
      if (!m.source.test(text)) break;
      // Blanks trimmed, as the signatures place their ranges.
      const lead = found[0].length - found[0].trimStart().length;
      return { outcome, at: found.index + lead, length: Math.max(found[0].trim().length, 1) };
    }
  }
  return undefined;
}

const OPERATIONAL_XML = (id: number): string =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>${id}</EventID><Level>2</Level><Channel>Microsoft-Intune-CertificateConnectors/Operational</Channel><Computer>NDES01.contoso.com</Computer></System></Event>`;
const TXT_ROW = (level: string, id: number, text = ''): string =>
  `${level}\t3/5/2024 9:14:05 AM\tMicrosoft-Intune-CertificateConnectors\t${id}\tNone\t${text}`;

/**
 * The unified Certificate Connector for Microsoft Intune (6.2107 and later) logs to the event
 * channels Microsoft-Intune-CertificateConnectors/Admin and /Operational. Event ranges: 1000s PKCS,
 * 2000s PKCS import, 3000s revoke, 4000s SCEP, 5000s health.
 */
export const UNIFIED_CONNECTOR: readonly Signature[] = [
  defineSignature({
    id: 'CC-EVT-SCEP-ADMIN-FAILURE',
    title: 'Certificate Connector Admin event 4001 / 4002: SCEP request failed',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('4001|4002'), eventName('ScepRequestIssuedFailure|ScepRequestUploadFailure')],
      requires: [sourceOrName('ScepRequestIssuedFailure|ScepRequestUploadFailure')],
    },
    message: 'Certificate Connector event {id}: a SCEP request failed (4001: not processed, Intune was told; 4002: issued but Intune could not be told). The Operational channel has the step that broke.',
    meaning: 'The Admin channel keeps one summary event per SCEP request. 4001 (ScepRequestIssuedFailure) means the connector could not process the request and reported the failure to Intune; 4002 (ScepRequestUploadFailure) means the certificate was issued but the connector could not report it to Intune. The Operational channel has one event per step for the same request: 4003 received, 4004/4005 challenge verification, 4006/4007 issuance by the CA, 4008/4009/4010 notification of Intune.',
    causes: [
      'The challenge could not be verified with Intune (look for 4005 in Operational).',
      'The CA did not issue the certificate (look for 4007, then NDES event 31 and CA events 53/21).',
      'The connector could not reach Intune to report the result (4002, 4009/4010).',
    ],
    fix: [
      'Open Applications and Services Logs > Microsoft > Intune > CertificateConnectors > Operational and find the events for the same time.',
      'Follow the failing step: 4005 (verification), 4007 (issuance) or 4009/4010 (notification); NDES Lens flags each of them.',
    ],
    verify: ['New requests log 4000 (ScepRequestSuccess) in the Admin channel.'],
    // The summary says a request failed, not at which step: the Operational step event does.
    pointsTo: ['CC-EVT-SCEP-VERIFY-FAILURE', 'CC-EVT-SCEP-ISSUE-FAILURE', 'CC-EVT-SCEP-NOTIFY-FAILURE'],
    link: SOURCES.cco,
    related: [SOURCES.validateNdesConfigMarkstan],
    remediation: {
      label: 'list the connector\'s recent SCEP errors (Admin and Operational)',
      text: "Get-WinEvent -LogName 'Microsoft-Intune-CertificateConnectors/Admin','Microsoft-Intune-CertificateConnectors/Operational' -MaxEvents 200 | Where-Object { $_.Id -ge 4000 -and $_.Id -lt 5000 } | Format-List TimeCreated, ProviderName, Id, Message",
    },
    samples: {
      positive: [
        TXT_ROW('Error', 4001, 'Failed to process SCEP request.'),
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>4002</EventID><Channel>Microsoft-Intune-CertificateConnectors/Admin</Channel></System></Event>',
        'Log Name: Microsoft-Intune-CertificateConnectors/Admin Source: Microsoft-Intune-CertificateConnectors Event ID: 4001 Level: Error',
      ],
      negative: [
        TXT_ROW('Information', 4000, 'SCEP request processed.'),
        'Log Name: Application Source: Microsoft-Windows-Winlogon Event ID: 4001 Level: Information',
        '2024-03-05 08:14:03 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 Mozilla - 200 0 0 4001',
      ],
    },
  }),
  defineSignature({
    id: 'CC-EVT-SCEP-SUCCESS',
    title: 'Certificate Connector SCEP success events (4004, 4006, 4008, 4000)',
    kind: 'evidence', severity: 'info', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('4004|4006|4008|4000'), eventName(SCEP_SUCCESS_NAMES)],
      requires: [sourceOrName(SCEP_SUCCESS_NAMES)],
    },
    message: 'Success marker: the Certificate Connector logged a SCEP step that worked (event {id}).',
    meaning: 'The unified connector logs each step of a SCEP request in its Operational channel and a summary in Admin. 4004 (ScepVerifySuccess): Intune confirmed the challenge, the step the legacy NDESPlugin.log shows as "Verify challenge returns true". 4006 (ScepIssuedSuccess): the CA issued the certificate. 4008 (ScepNotifySuccess): Intune was told about it. Admin 4000 (listed as ScrepRequestSuccess): the whole request worked and Intune was notified.',
    verify: ['For one request the Operational channel shows 4003, 4004, 4006 and 4008 in order, and Admin shows 4000.'],
    link: SOURCES.cco,
    alsoProves: [{ stage: 4, when: SCEP_ISSUED }, { stage: 6, when: SCEP_NOTIFIED }],
    samples: {
      positive: [
        OPERATIONAL_XML(4004),
        TXT_ROW('Information', 4006, 'Successfully issued certificate for a SCEP request.'),
        'Log Name: Microsoft-Intune-CertificateConnectors/Admin Source: Microsoft-Intune-CertificateConnectors Event ID: 4000 Level: Information',
        'ScepNotifySuccess',
      ],
      negative: [
        OPERATIONAL_XML(4005),
        OPERATIONAL_XML(4003),
        'Information\t3/5/2024 9:14:05 AM\tMicrosoft-Windows-Security-SPP\t4004\tNone\tThe Software Protection service has completed licensing status check.',
        'ScepVerifyFailure',
      ],
    },
  }),
  defineSignature({
    id: 'CC-EVT-SCEP-VERIFY-FAILURE',
    title: 'Certificate Connector event 4005: challenge verification failed',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('4005'), eventName('ScepVerifyFailure')],
      requires: [sourceOrName('ScepVerifyFailure')],
    },
    message: 'Certificate Connector event {id} (ScepVerifyFailure): the device\'s SCEP challenge could not be verified with Intune, so NDES will not request a certificate.',
    meaning: 'With the unified connector, NDES hands each request\'s challenge to the connector, which checks it with Intune. 4005 says that check failed; it is the new connector\'s counterpart of "Verify challenge returns false" in the legacy NDESPlugin.log. Its success counterpart is 4004 (ScepVerifySuccess).',
    causes: [
      'The connector cannot reach Intune (proxy without the http:// scheme in the connector settings, firewall, TLS inspection).',
      'The challenge is expired, was already used or belongs to another profile.',
      'The connector is not (or no longer) registered with the tenant.',
    ],
    fix: [
      'Check the connector\'s health events (5000-5002) and its network path to Intune; if a proxy is configured, re-run the connector configuration and enter it as http://host:port.',
      'Let the device sync again so it receives a fresh challenge.',
      'If every request fails, re-run the connector configuration wizard and sign in again.',
    ],
    verify: ['The next request logs 4004 (ScepVerifySuccess) followed by 4006 (ScepIssuedSuccess).'],
    link: SOURCES.cco,
    related: [SOURCES.ccPrerequisites],
    samples: {
      positive: [
        TXT_ROW('Error', 4005),
        OPERATIONAL_XML(4005),
        '"Error","3/5/2024 9:14:05 AM","Microsoft-Intune-CertificateConnectors","4005","None","ScepVerifyFailure"',
        'ScepVerifyFailure',
      ],
      negative: [
        TXT_ROW('Information', 4004, 'ScepVerifySuccess'),
        OPERATIONAL_XML(4006),
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft-Windows-Kernel-Power\t4005\tNone\tThe system has rebooted.',
        'IssuePfx request 4005 queued',
      ],
    },
  }),
  defineSignature({
    id: 'CC-EVT-SCEP-ISSUE-FAILURE',
    title: 'Certificate Connector event 4007: CA did not issue the certificate',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('4007'), eventName('ScepIssuedFailure')],
      requires: [sourceOrName('ScepIssuedFailure')],
    },
    message: 'Certificate Connector event {id} (ScepIssuedFailure): the challenge was verified but no certificate was issued; look at the NDES and CA events of the same time.',
    meaning: 'The request passed challenge verification (4004) but the certificate was not issued. The failure is between NDES and the CA: NDES could not submit the request, or the CA denied it or failed while processing it.',
    causes: [
      'The CA denied the request (CA event 53: template not supported, missing Enroll permission, key length, subject).',
      'NDES could not submit to the CA (NDES event 31, for example RPC server unavailable or template not supported).',
      'The CA failed while processing the request (CA event 21/22).',
    ],
    fix: [
      'On the NDES server read the Application log for NDES event 31 at the same time.',
      'On the CA read the Application log (events 53, 21, 22) and the Failed Requests folder for the request.',
      'Fix the cause they name (NDES Lens flags each of these events).',
    ],
    verify: ['The next request logs 4006 (ScepIssuedSuccess).'],
    link: SOURCES.cco,
    samples: {
      positive: [TXT_ROW('Error', 4007), OPERATIONAL_XML(4007), 'Microsoft-Intune-CertificateConnectors/Operational ScepIssuedFailure'],
      negative: [TXT_ROW('Information', 4006, 'ScepIssuedSuccess'), OPERATIONAL_XML(4008), 'Event ID: 4007'],
    },
  }),
  defineSignature({
    id: 'CC-EVT-SCEP-NOTIFY-FAILURE',
    title: 'Certificate Connector event 4009 / 4010: Intune not notified',
    kind: 'failure', severity: 'error', stage: 6,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('4009|4010'), eventName('ScepNotifyAttemptFailed|ScepNotifySaveToDiskFailed')],
      requires: [sourceOrName('ScepNotifyAttemptFailed|ScepNotifySaveToDiskFailed')],
    },
    milder: { severity: 'warning', when: new RegExp(`${eventId('4009').source}|\\bScepNotifyAttemptFailed\\b`, 'i'), why: 'for 4009, one attempt the connector retries' },
    message: 'Certificate Connector event {id}: reporting an issued SCEP certificate to Intune failed (4009: attempt failed, will retry; 4010: the notification could not even be saved for a retry).',
    meaning: 'After issuing a SCEP certificate the connector notifies Intune so the device\'s certificate shows as deployed. 4009 (ScepNotifyAttemptFailed) is one failed attempt that the connector will retry: on its own a warning. 4010 (ScepNotifySaveToDiskFailed) means the connector could not store the notification to retry it later, so Intune may never learn about the certificate and reports stay wrong.',
    causes: [
      'The connector cannot reach Intune (proxy, firewall, TLS 1.2, TLS inspection).',
      'For 4010: the connector cannot write to its working folders (disk full, permissions, antivirus).',
    ],
    fix: [
      'Check the health events 5001/5002 and the connector server\'s access to Intune.',
      'For 4010 check free disk space and the permissions of the connector\'s folders under C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector, and exclude them from antivirus scanning.',
    ],
    verify: ['4008 (ScepNotifySuccess) follows for new requests and the device shows the certificate as succeeded in Intune.'],
    link: SOURCES.cco,
    samples: {
      positive: [TXT_ROW('Warning', 4009), OPERATIONAL_XML(4010), 'Id           : 4010 ProviderName : Microsoft-Intune-CertificateConnectors'],
      negative: [TXT_ROW('Information', 4008, 'ScepNotifySuccess'), OPERATIONAL_XML(4003), 'Error\t3/5/2024 9:14:05 AM\tVSS\t4010\tNone\tVolume shadow copy error.'],
    },
  }),
  defineSignature({
    id: 'CC-EVT-PKCS-FAILURES',
    title: 'Certificate Connector PKCS failure events (1000s)',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'PKCS certificate requests',
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        eventId('1001|1201|1003|1051|1052|1101|1203|1252|1253|1301'),
        eventName(PKCS_FAILURE_NAMES),
      ],
      requires: [sourceOrName(PKCS_FAILURE_NAMES)],
    },
    milder: { severity: 'warning', when: new RegExp(`${eventId('1051').source}|\\bPkcsIssuedFailedAttempt\\b`, 'i'), why: 'for 1051, one failed attempt the connector retries' },
    message: 'Certificate Connector event {id}: a PKCS certificate request failed (1051 means the connector will retry).',
    meaning: 'Events 1000-1999 cover PKCS: the connector downloads the request from Intune, asks the CA for the certificate, and uploads the encrypted PFX back. Admin 1001 (PkcsRequestFailure) and 1201 (PkcsRecryptRequestFailure) summarise a failed request or re-encryption; Operational 1003, 1052 (PkcsIssuedFailure), 1101, 1203, 1252, 1253 and 1301 mark the failing download, issue, upload or re-encrypt step. 1051 is a failed issue attempt that will be retried, so on its own it is only a warning.',
    causes: [
      'The CA refused or could not be reached (see CA events 53/21 and CA-RPC-UNAVAILABLE).',
      'The PKCS profile names a wrong CA or template, or the connector server\'s computer account lacks Enroll on the template.',
      'The connector cannot reach Intune to download the request or upload the result.',
    ],
    fix: [
      'Open the Operational channel around the same time to find which step failed (download, issue, upload, re-encrypt).',
      'For issue failures, check the PKCS profile\'s Certification authority and template names and the CA\'s Failed Requests.',
      'For download/upload failures, check the connector\'s network access to Intune.',
    ],
    verify: ['New requests log 1000 (PkcsRequestSuccess) in the Admin channel.'],
    link: SOURCES.cco,
    samples: {
      positive: [
        TXT_ROW('Error', 1001),
        OPERATIONAL_XML(1052),
        TXT_ROW('Warning', 1051, 'Failed to issue a PKCS certificate, will try again.'),
        'PkcsRecryptDecryptFailure',
        'Log Name: Microsoft-Intune-CertificateConnectors/Admin Source: Microsoft-Intune-CertificateConnectors Event ID: 1201 Level: Error',
      ],
      negative: [
        TXT_ROW('Information', 1000, 'PkcsRequestSuccess'),
        'PkcsRecryptDecryptSuccess',
        'Error\t3/5/2024 9:14:05 AM\tWindows Error Reporting\t1001\tNone\tFault bucket 1234, type 5',
        'Log Name: Application Source: Application Error Event ID: 1000 Faulting application name: w3wp.exe',
      ],
    },
  }),
  defineSignature({
    id: 'CC-EVT-IMPORT-REVOKE-FAILURES',
    title: 'Certificate Connector PKCS import or revoke failure (2000s / 3000s)',
    kind: 'failure', severity: 'error', stage: 4, besideFlow: 'imported PFX certificates and revocations',
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        eventId('2001|3001|2203|2051|2052|2101|3003|3051|3052|3101'),
        eventName(IMPORT_REVOKE_FAILURE_NAMES),
      ],
      requires: [sourceOrName(IMPORT_REVOKE_FAILURE_NAMES)],
    },
    milder: { severity: 'warning', when: new RegExp(`${eventId('2051|3052').source}|\\b(?:PkcsImportReencryptFailedAttempt|RevokeFailedAttempt)\\b`, 'i'), why: 'for 2051 and 3052, one failed attempt the connector retries' },
    message: 'Certificate Connector event {id}: an imported-PFX (2000s) or revocation (3000s) request failed (2051 and 3052 are retries).',
    meaning: 'Events 2000-2999 track imported PKCS (S/MIME) certificates and 3000-3999 revocations. Admin 2001 (PkcsImportRequestFailure) and 3001 (RevokeRequestFailure) are the per-request summaries; the Operational IDs 2203, 2052, 2101, 3003, 3051 (RevokeFailure) and 3101 name the failing step, and 2051 / 3052 are attempts the connector will retry.',
    causes: [
      'For revocation: the connector\'s account may not revoke certificates on the CA (it needs Issue and Manage Certificates), or the CA cannot be reached.',
      'For import: the imported PFX cannot be re-encrypted or uploaded (connector certificates, network access to Intune).',
    ],
    fix: [
      'Read the Operational events of the same time to find the failing step.',
      'For revocation failures grant the connector\'s account Issue and Manage Certificates on the CA and check the CA is reachable.',
      'For import failures check the connector\'s network access to Intune and that the import feature was selected during connector setup.',
    ],
    verify: ['2000 (PkcsImportRequestSuccess) or 3000 (RevokeRequestSuccess) follows for new requests.'],
    link: SOURCES.cco,
    samples: {
      positive: [TXT_ROW('Error', 3001), OPERATIONAL_XML(3051), 'PkcsImportRequestFailure', OPERATIONAL_XML(3052), 'RevokeUploadFailure'],
      negative: [TXT_ROW('Information', 3000, 'RevokeRequestSuccess'), OPERATIONAL_XML(3002), 'Error\t3/5/2024 9:14:05 AM\tMicrosoft-Windows-DNS-Client\t3001\tNone\tName resolution failed.'],
    },
  }),
  defineSignature({
    id: 'CC-EVT-HEALTH-UPLOAD',
    title: 'Certificate Connector health message upload failed (5001 / 5002)',
    kind: 'failure', severity: 'error', stage: 6,
    formats: ['windows-event-log', 'plain-text'],
    // 5002 on its own line; 5001 from how events follow each other (validators/healthUpload.ts): the
    // connector retries a failed upload, so only a 5001 that no 5000 of the same connector follows
    // within 15 minutes is worth a warning.
    match: {
      patterns: [eventId('5002'), eventName(HEALTH_FAILURE)],
      requires: [sourceOrName(HEALTH_FAILURE)],
    },
    multiRecord: true,
    milder: { severity: 'warning', when: new RegExp(`${eventId('5001').source}|\\b${HEALTH_ATTEMPT}\\b`, 'i'), why: 'for 5001, a failed attempt that no successful upload (5000) followed within 15 minutes' },
    message: HEALTH_UPLOAD_FAILED,
    meaning: 'The connector regularly uploads a health message so the Intune admin center can show its status. 5000 (HealthMessageUploadSuccess) is an upload that worked, 5001 (HealthMessageUploadFailedAttempt) one that failed and will be retried, 5002 (HealthMessageUploadFailure) one the connector gave up on. A 5001 that a 5000 of the same connector follows within 15 minutes was a passing failure the retry got past: NDES Lens passes over it, in whichever order the export lists the events. A 5001 with no such 5000 after it (within 15 minutes, or before the log ends), and any 5002, point to the connector losing its connection to Intune, after which the portal status goes stale and SCEP/PKCS requests that need Intune fail too.',
    causes: [
      'A proxy or firewall blocks the connector\'s outbound HTTPS to Intune (including autoupdate.msappproxy.net:443).',
      'TLS 1.2 is not enabled for .NET / the server, or TLS inspection breaks the connection.',
      'IE Enhanced Security Configuration blocks the sign-in during configuration.',
    ],
    fix: [
      'Check the connector server can reach the Intune endpoints from the connector prerequisites over port 443, through the configured proxy.',
      'Enable TLS 1.2 on the server and exclude the connector traffic from TLS inspection.',
      'Restart the connector services and watch for 5000 (HealthMessageUploadSuccess).',
    ],
    verify: ['5000 (HealthMessageUploadSuccess) is logged and the connector shows as active in the Intune admin center.'],
    link: SOURCES.cco,
    related: [SOURCES.ccPrerequisites],
    samples: {
      // One event each: a 5001 alone is a warning, whatever shape it comes in. The cases of several
      // events (retried and answered, answered too late, by another connector) are in the unit tests.
      positive: [TXT_ROW('Warning', 5001), OPERATIONAL_XML(5002), OPERATIONAL_XML(5001), 'HealthMessageUploadFailure', 'HealthMessageUploadFailedAttempt'],
      negative: [TXT_ROW('Information', 5000, 'HealthMessageUploadSuccess'), OPERATIONAL_XML(5003), 'Error\t3/5/2024 9:14:05 AM\tMSSQLSERVER\t5002\tNone\tDatabase error.'],
    },
  }),
  defineSignature({
    id: 'CC-EVT-1000-MANIFEST-BENIGN',
    title: 'Connector event text not found in Event Viewer (harmless)',
    kind: 'evidence', severity: 'info', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        /\bMicrosoft-Intune-CertificateConnectors cannot be found\b/i,
        /\bEither the component that raises this event is not installed on your local computer or the installation is corrupted\b/i,
      ],
      requires: [/\bMicrosoft-Intune-CertificateConnectors\b/i],
    },
    message: 'Event Viewer could not show the text of a Certificate Connector event (often event 1000 during install or auto-upgrade). This is harmless: reopen Event Viewer.',
    meaning: 'Event Viewer was open while the Certificate Connector was installed or upgraded, so it had not loaded the connector\'s event message file and shows its generic "description cannot be found" text instead. The event itself (for source Microsoft-Intune-CertificateConnectors, ID 1000 is PkcsRequestSuccess) is not an error, and this is unrelated to the Application Error event 1000 of a crashing w3wp.exe.',
    verify: ['Close and reopen Event Viewer: the same event then shows its real text.'],
    link: SOURCES.ccInstall,
    related: [SOURCES.cco],
    samples: {
      positive: [
        'The description for Event ID 1000 from source Microsoft-Intune-CertificateConnectors cannot be found. Either the component that raises this event is not installed on your local computer or the installation is corrupted. You can install or repair the component on the local computer.',
      ],
      negative: [
        'The description for Event ID 1000 from source MSSQLSERVER cannot be found. Either the component that raises this event is not installed on your local computer or the installation is corrupted.',
        'Faulting application name: w3wp.exe, version: 10.0.17763.1, Faulting module name: ntdll.dll, Exception code: 0xc0000005',
      ],
    },
  }),
];
