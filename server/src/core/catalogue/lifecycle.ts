import { validationLineTime } from '../formats/cmtrace';
import { timeMs } from '../time';
import type { LogRecord } from '../types';
import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

/**
 * The connector's and NDES's lifecycle: a connector version below Microsoft's supported minimum and
 * certificates that expire soon, wherever a log prints the version or the date. These rules compare
 * values, so each has a `when`. "Soon" is measured from the evidence's own time (the record's
 * timestamp), never from the clock of the machine reading the log: the same log always gives the
 * same findings, and a log read a year later still says what was true when it was written.
 */

/** Microsoft's minimum supported connector version (the threshold of Maester's MT.1097 check). */
export const MIN_CONNECTOR_VERSION = '6.2406.0.1001';
/** Days before expiry from which a certificate NDES depends on is reported. */
export const EXPIRY_WARNING_DAYS = 60;

/** Negative when dotted version `a` is below `b` (missing parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const CONNECTOR_VERSION = [
  /\bCertificate Connector for Microsoft Intune was installed on \S{1,20} and is version (?<version>\d{1,5}(?:\.\d{1,6}){1,3})\b/i,
  /\bConnectorVersion: @\{DisplayName=Certificate Connector for Microsoft Intune; DisplayVersion=(?<version>\d{1,5}(?:\.\d{1,6}){1,3})\b/i,
];

/** The version a matched record prints, or undefined. */
function connectorVersion(record: LogRecord): string | undefined {
  for (const re of CONNECTOR_VERSION) {
    const v = re.exec(record.text)?.groups?.['version'];
    if (v) return v;
  }
  return undefined;
}

/**
 * A date as PowerShell prints a [datetime] inside a string: invariant culture, month first
 * (`MM/dd/yyyy HH:mm:ss`). Returns epoch milliseconds (read as UTC, like the evidence time).
 */
export function invariantDate(text: string): number | undefined {
  const m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d\d):(\d\d)\b/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 1 || Number(m[2]) > 31) return undefined;
  const t = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(t) ? undefined : t;
}

/** When the record was written: the reader's time, or the time printed on a pasted line. */
function evidenceTime(record: LogRecord): number | undefined {
  return timeMs(record.time ?? validationLineTime(record.text));
}

/** True when the date after `label` lies less than EXPIRY_WARNING_DAYS after the record's own time. */
function expiresSoon(record: LogRecord, label: RegExp): boolean {
  const at = label.exec(record.text);
  if (!at) return false;
  const notAfter = invariantDate(record.text.slice(at.index + at[0].length, at.index + at[0].length + 40));
  const written = evidenceTime(record);
  if (notAfter === undefined || written === undefined) return false;
  return notAfter - written < EXPIRY_WARNING_DAYS * 24 * 3600 * 1000;
}

/**
 * The validation script's line for an expired ImportPFX connector certificate. It prints the
 * certificate's NotAfter in the server's culture: a numeric short date and the time. Its shape ends
 * the match, so it never runs on into a line joined after it (a stack trace).
 */
export const CONNECTOR_CERT_EXPIRED_LINE = /\bCertificate is expired! Expiration date: (?<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}:\d\d(?::\d\d)?(?: ?[AP]M)?)?)/i;
export const CONNECTOR_CERT_EXPIRED = 'A certificate of the Certificate Connector for Microsoft Intune (issued by the Microsoft Intune ImportPFX Connector CA) expired on {date}: the connector can no longer authenticate to Intune, and the same check lists no valid certificate that replaced it.';

const RA_VALID_TILL = /\b(?:EnrollmentAgentOffline|CEPEncryption) certificate is present and valid till: /i;
const TLS_VALID_UNTIL = /\bCertificate bound in IIS is valid\.[^\r\n]{0,2000}?\|ValidUntil:/i;

export const LIFECYCLE: readonly Signature[] = [
  defineSignature({
    id: 'CC-CONNECTOR-VERSION-UNSUPPORTED',
    title: `Certificate Connector below the supported minimum (${MIN_CONNECTOR_VERSION})`,
    kind: 'failure', severity: 'warning', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: CONNECTOR_VERSION,
      when: (record) => {
        const v = connectorVersion(record);
        return v !== undefined && compareVersions(v, MIN_CONNECTOR_VERSION) < 0;
      },
    },
    message: `The Certificate Connector for Microsoft Intune on this server is version {version}, below the minimum Microsoft supports (${MIN_CONNECTOR_VERSION}).`,
    meaning: `Microsoft supports connector versions for a limited time after a newer release; older ones may stop working with the Intune service without notice. Maester's check MT.1097 fails a tenant whose connectors run below ${MIN_CONNECTOR_VERSION}. Read here from the validation script's connector check, the version the server had when the script ran.`,
    causes: [
      'Automatic connector updates are blocked (no access to the update endpoints, or the update service is disabled).',
      'The connector was installed from an old package and never updated.',
    ],
    fix: [
      'Install the current Certificate Connector for Microsoft Intune from the Intune admin center (Tenant administration > Connectors and tokens > Certificate connectors).',
      'Allow the server to reach the connector update endpoints so it stays current.',
    ],
    verify: [`The connector list in Intune shows the server with a version of at least ${MIN_CONNECTOR_VERSION} and a recent last connection.`],
    link: SOURCES.ccLifecycle,
    related: [SOURCES.maesterConnectors, SOURCES.markstanScript],
    samples: {
      positive: [
        'Success: Certificate Connector for Microsoft Intune was installed on 15-05-2023 and is version 6.2301.1.0',
        'ConnectorVersion: @{DisplayName=Certificate Connector for Microsoft Intune; DisplayVersion=6.2203.12.0; Publisher=Microsoft Corporation; InstallDate=20220415}',
      ],
      negative: [
        'Success: Certificate Connector for Microsoft Intune was installed on 15-08-2024 and is version 6.2406.0.1001',
        'ConnectorVersion: @{DisplayName=Certificate Connector for Microsoft Intune; DisplayVersion=6.2501.7.0; Publisher=Microsoft Corporation; InstallDate=20250301}',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-RA-CERT-EXPIRES-SOON',
    title: `NDES RA certificate expires within ${String(EXPIRY_WARNING_DAYS)} days`,
    kind: 'failure', severity: 'warning', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [/\b(?<cert>EnrollmentAgentOffline|CEPEncryption) certificate is present and valid till: (?<date>\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d:\d\d)/i],
      when: (record) => expiresSoon(record, RA_VALID_TILL),
    },
    message: `The NDES {cert} RA certificate is valid only until {date}, less than ${String(EXPIRY_WARNING_DAYS)} days after this check ran: renew it before NDES stops.`,
    meaning: 'NDES signs (Enrollment Agent, EnrollmentAgentOffline template) and decrypts (CEP Encryption) every SCEP message with its two RA certificates. When one expires NDES cannot start (events 2 and 10) and devices get HTTP 500. The validation script prints each RA certificate\'s end date; the date is compared with the time the script wrote the line.',
    causes: ['RA certificates are valid for two years by default and NDES does not renew them itself.'],
    fix: [
      'Renew both RA certificates from the EnrollmentAgentOffline and CEPEncryption templates for the NDES computer account before the date (certlm.msc > Personal > All Tasks > Renew, or re-enroll).',
      'Give the NDES service account read access to the new private keys, remove the old certificates, and restart IIS.',
      'If the RA certificates chain to a renewed CA, also check the trusted root in the Intune profiles.',
    ],
    verify: ['The validation script prints the new "valid till" dates, and NDES answers GetCACert with the new RA certificates.'],
    pointsTo: ['NDES-EVT-10-RA-CERT'],
    link: SOURCES.markstanScript,
    related: [SOURCES.gradEvt10, SOURCES.scepConfigure],
    samples: {
      positive: [
        '"2024-03-05 09:15:02Z","[783]","","Success: EnrollmentAgentOffline certificate is present and valid till: 04/01/2024 10:00:00"',
        '<![LOG[Success: CEPEncryption certificate is present and valid till: 03/20/2024 08:00:00]LOG]!><time="09:15:02.117+060" date="3-5-2024" component="NDES_Validation" context="CONTOSO\\admin" type="1" thread="1" file="">',
      ],
      negative: [
        '"2024-03-05 09:15:02Z","[783]","","Success: EnrollmentAgentOffline certificate is present and valid till: 03/05/2026 10:00:00"',
        'Success: CEPEncryption certificate is present and valid till: 04/01/2024 10:00:00',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-TLS-CERT-EXPIRES-SOON',
    title: `NDES IIS (TLS) certificate expires within ${String(EXPIRY_WARNING_DAYS)} days`,
    kind: 'failure', severity: 'warning', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [/\bCertificate bound in IIS is valid\.[^\r\n]{0,2000}?\|ValidUntil:(?<date>\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d:\d\d)/i],
      when: (record) => expiresSoon(record, TLS_VALID_UNTIL),
    },
    message: `The TLS certificate bound to IIS on NDES is valid only until {date}, less than ${String(EXPIRY_WARNING_DAYS)} days after this check ran.`,
    meaning: 'Devices (and the application proxy connector) reach NDES over HTTPS with the certificate bound in IIS. Once it expires, TLS fails before any SCEP call: Windows reports 0x80072f8f (WinHTTP 12175) and other devices a trust error. The validation script prints its end date; the date is compared with the time the script wrote the line.',
    causes: ['The server authentication certificate bound to the Default Web Site is near its end date and not renewed automatically.'],
    fix: [
      'Enroll a new server authentication certificate with the NDES internal and external names, bind it to the Default Web Site for https, and restart IIS.',
      'If the policy module uses the same certificate as its client certificate, update NDESCertThumbprint too and restart IIS.',
    ],
    verify: ['The script\'s IIS certificate check shows the new ValidUntil date and the SCEP URL opens without a certificate warning.'],
    link: SOURCES.markstanScript,
    related: [SOURCES.scepConfigure],
    samples: {
      positive: [
        '"2024-03-05 09:15:02Z","[886]","","Certificate bound in IIS is valid. Subject:CN=ndes.contoso.com|Thumbprint:1A2B3C4D5E6F|ValidUntil:03/30/2024 12:00:00|Internal and ExternalHostnames:ndes.contoso.com"',
      ],
      negative: [
        '"2024-03-05 09:15:02Z","[886]","","Certificate bound in IIS is valid. Subject:CN=ndes.contoso.com|Thumbprint:1A2B3C4D5E6F|ValidUntil:03/30/2026 12:00:00|Internal and ExternalHostnames:ndes.contoso.com"',
      ],
    },
  }),
  defineSignature({
    id: 'CC-CONNECTOR-CERT-EXPIRED',
    title: 'Certificate Connector (ImportPFX connector CA) certificate expired',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    // Found by validators/connectorCert.ts: an expired certificate counts only when no certificate of
    // the same check is valid (a renewed connector leaves its old certificate in the store).
    match: { patterns: [] },
    multiRecord: true,
    message: CONNECTOR_CERT_EXPIRED,
    meaning: 'The connector proves itself to the Intune service with a certificate issued by the Microsoft Intune ImportPFX Connector CA, renewed automatically while the connector runs and reaches Intune. The validation script lists every certificate that CA issued on the server, one line each: valid (from … until …) or expired. A renewal leaves the old certificate in the store, so a healthy connector\'s list often holds an expired certificate beside the valid one; NDES Lens reports an expired certificate only when the same list shows no valid one. While no valid certificate exists, the connector cannot authenticate to Intune, so SCEP challenges cannot be verified and PKCS requests are not downloaded; a failed renewal shows in the connector\'s own events.',
    causes: [
      'The connector could not renew its certificate in time (services stopped, no access to Intune, proxy settings).',
    ],
    fix: [
      'Run the connector\'s configuration again (sign in) so it enrolls a new certificate, and make sure its services run and can reach Intune.',
      'Look in the connector\'s events for the failed renewal and its reason.',
    ],
    verify: ['The script prints "Certificate is valid from: … until: …" for the connector certificate, and the connector shows a recent last connection in Intune.'],
    unconfirmed: 'That this certificate is what the connector authenticates to Intune with is inferred from the validation script\'s check; Microsoft does not document it.',
    pointsTo: ['CONN-EVT-CERT-RENEW-RETRIEVE'],
    link: SOURCES.markstanScript,
    related: [SOURCES.connectorEvents, SOURCES.ccLifecycle],
    samples: {
      positive: ['Certificate is expired! Expiration date: 03/01/2024 10:00:00', 'Certificate is expired! Expiration date: 3/1/2024 10:00:00 AM', 'Certificate is expired! Expiration date: 01.03.2024 10:00:00'],
      negative: [
        'Certificate is valid from: 03/01/2024 10:00:00 until: 03/01/2025 10:00:00',
        "No certificate issued by 'Microsoft Intune ImportPFX Connector CA' found.",
        "2 certificates issued by 'Microsoft Intune ImportPFX Connector CA' found.\nCertificate is expired! Expiration date: 03/01/2024 10:00:00\nCertificate is valid from: 02/01/2024 10:00:00 until: 02/01/2025 10:00:00",
      ],
    },
  }),
];
