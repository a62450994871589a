import { defineSignature, type Signature } from './define';
import { eventId } from './eventIds';
import { SOURCES } from './sources';

/** The legacy connector's event channel and source names. */
const LEGACY_CHANNEL = String.raw`\bMicrosoft Intune Connector\b|\bNDESConnector\b`;

/**
 * The legacy Microsoft Intune Connector (NDESConnector, up to 2021): its svclog and the events of
 * the "Microsoft Intune Connector" channel (connector 6.1806 and later), with their diagnostic codes.
 */
export const CONNECTOR: readonly Signature[] = [
  defineSignature({
    id: 'CONN-SVCLOG-NO-LICENSE-80004003',
    title: 'Connector sign-in failed: account has no Intune license (0x80004003)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['wcf-svclog', 'plain-text'],
    match: {
      patterns: [
        /\bNDES Connector certificate could not be found\b/i,
        /\bWriting registry SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector\\ConnectionStatus - IssueDetails with the value 0x80004003\b/i,
      ],
    },
    message: 'The connector could not get its certificate from Intune after sign-in (0x80004003): the account used to sign in probably has no Intune license.',
    meaning: 'During connector setup the admin signs in to Intune and the connector enrolls for its own certificate. Here that enrollment failed; the connector UI only says "An unexpected error has occurred" and writes 0x80004003 to the ConnectionStatus\\IssueDetails registry value. Microsoft ties this to a sign-in account without an Intune license.',
    causes: ['The account used to sign in to the connector has no Intune license assigned.'],
    fix: [
      'Assign an Intune license to the account (it must also be an Intune administrator or Global administrator).',
      'Run the NDES connector UI again and sign in with that account.',
    ],
    verify: ['The connector UI shows a successful connection and IssueDetails no longer holds 0x80004003.'],
    link: SOURCES.kb80004003,
    remediation: {
      label: 'read the connector connection status from the registry',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector\\ConnectionStatus"',
    },
    samples: {
      positive: [
        'NDES Connector certificate could not be found.',
        'Writing registry SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector\\ConnectionStatus - IssueDetails with the value 0x80004003',
      ],
      negative: [
        'Writing registry SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector\\ConnectionStatus - IssueDetails with the value 0x00000000',
        'NDES Connector certificate found.',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-EVT-CRP-VERIFY-FAILURE',
    title: 'Connector event 20502: challenge verification failed',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('20502'), /\b(?<id>CRPVerifyMetric_Failure)\b/i],
      requires: [/\b0x0000040[89]\b|\b0x00000410\b|\bCRPSCEP(?:Cert_NotFound|SigningCert_NotFound|Deserialize_Failed)\b/i],
    },
    message: 'Legacy connector event {id} (CRPVerifyMetric_Failure): the certificate registration point could not verify a device challenge; the diagnostic code says why.',
    meaning: 'The legacy connector logs event 20502 when its certificate registration point fails to check a SCEP challenge; the device ID of the challenge is in the event details. The diagnostic code names the missing piece: 0x00000408 CRPSCEPCert_NotFound (the CRP encryption certificate is missing), 0x00000409 CRPSCEPSigningCert_NotFound (the signing certificate could not be retrieved, the same problem as "Signing certificate could not be retrieved" in the CRP svclog), 0x00000410 CRPSCEPDeserialize_Failed (the challenge could not be decoded).',
    causes: [
      '0x00000408: the CRP encryption certificate is not present, NDES or the connector is not set up completely.',
      '0x00000409: the connector never downloaded the signing certificate, or the connector service is not running.',
      '0x00000410: the challenge could not be deserialized, typically an NDES/connector setup problem.',
    ],
    fix: [
      'Check that the Intune Connector Service is running and that its certificate download events (20400) succeed.',
      'For 0x00000409, check the SigningCertificate value under HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector (copy the query with the quick fix) and restart the connector service if it is missing.',
      'For 0x00000408 and 0x00000410, re-run the connector configuration and check NDES with the Validate-NDESConfiguration script.',
    ],
    verify: ['Following challenges are logged as 20500 CRPVerifyMetric_Success.'],
    link: SOURCES.connectorEvents,
    related: [SOURCES.policyModule],
    remediation: {
      label: 'query the NDESConnector registry values',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector"',
    },
    samples: {
      positive: [
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20502\tNone\tCertificate Registration Point failed to verify a client challenge. Diagnostic code: 0x00000409 CRPSCEPSigningCert_NotFound',
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft Intune Connector"/><EventID>20502</EventID><Channel>Microsoft Intune Connector</Channel></System><EventData><Data>0x00000408</Data></EventData></Event>',
        'Log Name: Microsoft Intune Connector Source: Microsoft Intune Connector Event ID: 20502 Level: Error Description: CRPVerifyMetric_Failure, diagnostic code 0x00000410',
      ],
      negative: [
        'Information\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20500\tNone\tCertificate Registration Point successfully verified a client challenge. Diagnostic code: 0x00000000',
        'Warning\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20501\tNone\tDiagnostic code: 0x00000411 CRPSCEPChallenge_Expired',
        '2024-03-05 08:14:03 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 Mozilla - 200 0 0 20502',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-EVT-CHALLENGE-EXPIRED',
    title: 'Connector event 20501: device used an expired challenge',
    kind: 'failure', severity: 'warning', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [eventId('20501'), /\b(?<id>CRPVerifyMetric_Warning)\b/i],
      requires: [/\b0x00000411\b|\bCRPSCEPChallenge_Expired\b/i],
    },
    message: 'Legacy connector event {id}: the certificate registration point rejected a request because its challenge had expired (0x00000411).',
    meaning: 'The challenge password Intune put into the device\'s SCEP profile is valid only for a limited time. The device presented it after it expired, so the certificate registration point refused the request. The device can succeed once it fetches a new challenge from Intune at its next check-in.',
    causes: ['The device took too long between receiving the SCEP profile and sending the request (offline, retrying an old request, clock problems).'],
    fix: [
      'Let the device check in with Intune again (sync from Company Portal or Settings) so it gets a fresh challenge.',
      'If it keeps happening for one device, check its clock and its network path to NDES.',
    ],
    verify: ['The next request from that device is logged as 20500 CRPVerifyMetric_Success.'],
    link: SOURCES.connectorEvents,
    samples: {
      positive: [
        'Warning\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20501\tNone\tCertificate Registration Point completed but rejected the request. Diagnostic code: 0x00000411',
        'CRPVerifyMetric_Warning: Request denied due to expired certificate challenge. CRPSCEPChallenge_Expired',
      ],
      negative: [
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20502\tNone\tDiagnostic code: 0x00000409',
        'Warning\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20501\tNone\tDiagnostic code: 0x0FFFFFFF',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-EVT-CERT-RENEW-RETRIEVE',
    title: 'Connector certificate renewal or retrieval failed (10102 / 10302 / 10301)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        eventId('10102|10302|10301'),
        /\b(?<id>CertificateRenewal_Failure|RetrieveCertificate_Error|RetrieveCertificate_Warning)\b/i,
      ],
      requires: [/\b0x0000040[345]\b|\b(?:Certificate_Expired|Certificate_NotFound|CertThumbprint_NotFound)\b|\b(?:CertificateRenewal_Failure|RetrieveCertificate_Error|RetrieveCertificate_Warning)\b/i],
    },
    milder: { severity: 'warning', when: new RegExp(`${eventId('10301').source}|\\bRetrieveCertificate_Warning\\b`, 'i'), why: 'for 10301, the warning form of the lookup' },
    message: 'Legacy connector event {id}: the connector\'s own enrollment certificate could not be renewed or found; the connector cannot talk to Intune until it is re-enrolled.',
    meaning: 'The legacy connector authenticates to Intune with an enrollment certificate it received at sign-up. Event 10102 (0x00000405 Certificate_Expired) says renewing it failed because it expired; 10302 (0x00000404 Certificate_NotFound) says the certificate named in the registry could not be loaded; 10301 (0x00000403 CertThumbprint_NotFound) is the warning form of the same lookup failing. Without this certificate the connector cannot download requests or report results.',
    causes: [
      'The connector was offline long enough for its enrollment certificate to expire.',
      'The certificate was deleted from the computer store or the thumbprint in the registry points to a missing certificate.',
    ],
    fix: [
      'Open the NDES connector UI and sign in again to re-enroll the connector; if that fails, reinstall the connector.',
      'Afterwards restart the Intune Connector Service and check that 10100 (renewal success) or normal download events follow.',
    ],
    verify: ['No new 10102/10302 events; 20400 Download_Success events appear again.'],
    link: SOURCES.connectorEvents,
    samples: {
      positive: [
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t10102\tNone\tConnector enrollment certificate failed to renew. Reinstall the connector. Diagnostic code: 0x00000405',
        '<Event><System><EventID>10302</EventID><Channel>Microsoft Intune Connector</Channel></System><EventData><Data>0x00000404</Data></EventData></Event>',
        'RetrieveCertificate_Warning: Check diagnostic information in event details.',
      ],
      negative: [
        'Information\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t10100\tNone\tConnector enrollment certificate successfully renewed. Diagnostic code: 0x00000000',
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t10102\tNone\tDiagnostic code: 0x0FFFFFFF',
      ],
    },
  }),
  defineSignature({
    id: 'CONN-EVT-NOTIFY-UPLOAD-FAILURES',
    title: 'Connector notify, upload, download, PKCS or revoke failure',
    kind: 'failure', severity: 'error', stage: 6,
    formats: ['windows-event-log', 'plain-text'],
    match: {
      patterns: [
        eventId('20602|20302|20402|20102|20202'),
        /\b(?<id>CRPNotifyMetric_Failure|Upload_Failure|Download_Failure|PkcsCertIssue_Failure|RevokeCert_Failure)\b/i,
      ],
      requires: [new RegExp(LEGACY_CHANNEL + String.raw`|\b(?:CRPNotifyMetric|Upload|Download|PkcsCertIssue|RevokeCert)_Failure\b`, 'i')],
    },
    message: 'Legacy connector event {id}: one of the connector\'s exchanges with Intune or the CA (notify, upload, download, PKCS issue, revoke) failed.',
    meaning: 'Besides verifying challenges, the legacy connector reports issued certificates back to Intune (20602 CRPNotifyMetric_Failure, 20302 Upload_Failure), fetches work from Intune (20402 Download_Failure), issues PKCS certificates (20102 PkcsCertIssue_Failure, diagnostic 0x00000400 = CA not valid or unreachable, 0x00000401 = DigiCert/Symantec RA certificate missing) and revokes certificates (20202 RevokeCert_Failure, 0x00000402 = the account may not revoke on that CA). A failure here breaks reporting, PKCS delivery or revocation rather than the SCEP request itself.',
    causes: [
      'The connector cannot reach Intune (proxy, firewall, TLS inspection) for notify, upload or download.',
      'NDES or the connector cannot reach the CA (20602, 20102 with 0x00000400).',
      'The connector\'s account lacks the Issue and Manage Certificates permission on the CA (20202 with 0x00000402).',
      'Files stuck in %ProgramFiles%\\Microsoft Intune\\CertificateRequestStatus\\Processing because the upload keeps failing.',
    ],
    fix: [
      'Read the event details: the upload state, CA name, device ID and diagnostic code narrow the failing leg.',
      'For notify/upload/download failures check the connector server\'s access to Intune (proxy settings, firewall, TLS inspection) and restart the connector service.',
      'For 0x00000400 check the CA name and the network path to the CA; for 0x00000402 grant the connector account permission to revoke on the CA.',
      'Look in %ProgramFiles%\\Microsoft Intune\\CertificateRequestStatus\\Processing and Failed for requests that never left the server.',
    ],
    verify: ['The matching success events (20600, 20300, 20400, 20100, 20200) follow for new requests.'],
    link: SOURCES.connectorEvents,
    related: [SOURCES.reporting],
    samples: {
      positive: [
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20602\tNone\tCertificate Registration Point failed to finish notify process. Verify connection between the NDES server and the CA.',
        '"Error","3/5/2024 9:14:05 AM","NDESConnector","20102","None","Failed to issue a PKCS certificate. Diagnostic code: 0x00000400"',
        'Upload_Failure: Failed to upload the certificate\'s request or revocation data.',
      ],
      negative: [
        'Information\t3/5/2024 9:14:05 AM\tMicrosoft Intune Connector\t20600\tNone\tCertificate Registration Point successfully finished notify process.',
        'Error\t3/5/2024 9:14:05 AM\tMicrosoft-Windows-Security-SPP\t20302\tNone\tLicense activation failed.',
      ],
    },
  }),
];
