import { blankTolerant } from './blanks';
import { defineSignature, type Signature } from './define';
import { httpStatusOf } from '../records';
import { iisStatusIs } from './deviceToNdes';
import { SOURCES } from './sources';

const NDES_POLICY_CERT_CHECK = {
  label: 'show NDESCertThumbprint and the client authentication certificates',
  text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy" /v NDESCertThumbprint\nGet-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, Thumbprint, NotAfter, EnhancedKeyUsageList',
};

/** The policy module's calls to the certificate registration point, or the user agent it logs with. */
const CRP_CALL = /\/CertificateRegistrationSvc\/Certificate\/(?:VerifyRequest|Notify)\b|NDES_Plugin(?=\s+-\s)/i;
const CRP_VERIFY_POST = /\bPOST\s+\/CertificateRegistrationSvc\/Certificate\/VerifyRequest\b/i;
/** The policy module's own words (NDESPlugin.log) for a verified challenge or a reported issuance. */
const PLUGIN_SUCCESS_PHRASES = [
  /\bVerify challenge returns true\b/i,
  /\bExiting (?:VerifyRequest|Notify) with 0x0+\b/i,
];
/** The registration point's words (CertificateRegistrationPoint svclog) for a verified challenge. */
const CRP_SUCCESS_PHRASES = [
  /\bValidation Phase \d finished with status True\b/i,
  /\bVerifyRequest Finished with status True\b/i,
];
/**
 * The module's calls to the registration point as IIS logs them, answered with success (one scan for both).
 * IIS writes its fields in a fixed order, and cs(Cookie), cs(Referer) and cs-host sit between the
 * user agent and sc-status when they are enabled: a server logging cs-host writes
 * `NDES_Plugin - ndes.contoso.com 201 0 0`, so up to three such fields may come between them.
 */
const CRP_CALLS_ANSWERED = [
  /\bPOST\s+\/CertificateRegistrationSvc\/Certificate\/(?:VerifyRequest\b[^\r\n]{0,2000}?\sNDES_Plugin(?:\s+\S{1,512}){0,3}?\s+20[01]|Notify\b[^\r\n]{0,2000}?\sNDES_Plugin(?:\s+\S{1,512}){0,3}?\s+20[04])\s+0\s+0\b/i,
];
const SCEP_POOL_TERMINATED = blankTolerant(/\bA process serving application pool ['\u2019]SCEP['\u2019] terminated unexpectedly\b/i);
const COMPILATION_ERROR = blankTolerant(/\bA compilation error has occurred\b/i);
const CRP_BUILD_FAILED = new RegExp(`${SCEP_POOL_TERMINATED.source}|${COMPILATION_ERROR.source}`, 'i');

/**
 * Stage 3, NDES → Intune policy module → certificate registration point (CRP): NDESPlugin.log,
 * the CRP svclog and the IIS lines of the plugin's calls to CertificateRegistrationSvc.
 */
export const POLICY_MODULE: readonly Signature[] = [
  defineSignature({
    id: 'NDES-PLUGIN-VERIFY-SENT',
    title: 'Challenge handed to the policy module',
    kind: 'evidence', severity: 'info', stage: 3,
    formats: ['ndesplugin-log'],
    match: { patterns: [/\bCalling VerifyRequest\b/i, /\bSending request to certificate registration point\b/i] },
    message: 'Policy module is calling the certificate registration point (to verify a device challenge, or in a Notify call to report an issued certificate).',
    meaning: 'NDES passed a device\'s SCEP challenge to the Intune policy module, and the module is calling the certificate registration point web service (/CertificateRegistrationSvc/Certificate/VerifyRequest) to check it. A Notify call, which reports an issued certificate, writes the same "Sending request" line. The lines that follow tell how the call ended.',
    verify: ['The next lines for this request should read "Verify challenge returns true" and "Exiting VerifyRequest with 0x0".'],
    link: SOURCES.policyModule,
    samples: {
      positive: ['Calling VerifyRequest ...', 'Sending request to certificate registration point.'],
      negative: ['Exiting VerifyRequest with 0x0', 'Calling Notifyrequest ...'],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-SUCCESS',
    title: 'Challenge verified / issuance reported',
    kind: 'evidence', severity: 'info', stage: 3,
    formats: ['ndesplugin-log', 'wcf-svclog', 'iis-w3c-log'],
    match: {
      patterns: [...PLUGIN_SUCCESS_PHRASES, ...CRP_SUCCESS_PHRASES, ...CRP_CALLS_ANSWERED],
      // An IIS request line never holds the phrases, and the module's logs hold no request lines.
      // Each log tries its own phrases first: most of its records are these success lines.
      patternsOn: {
        'iis-w3c-log': CRP_CALLS_ANSWERED,
        'ndesplugin-log': [...PLUGIN_SUCCESS_PHRASES, ...CRP_SUCCESS_PHRASES],
        'wcf-svclog': [...CRP_SUCCESS_PHRASES, ...PLUGIN_SUCCESS_PHRASES],
      },
      // Where the IIS scanner read the request's status triplet (from #Fields or the line's tail) it
      // decides: the fields allowed before sc-status must not let another request's numbers pass as
      // success. Only `record.http`: looking for a triplet in every plugin and svclog record costs a
      // regex each, and their success sentences hold none.
      when: (record) => {
        const http = record.http;
        return http === undefined || ([200, 201, 204].includes(http.status) && http.substatus === 0 && http.win32 === 0);
      },
    },
    message: 'Success marker: the certificate registration point accepted this step.',
    meaning: 'The policy module\'s call to the certificate registration point succeeded: the device\'s challenge was validated, so NDES can go on and request the certificate from the CA (or, for Notify, the issued certificate was reported back to Intune).',
    verify: ['After a verified challenge, IIS should show the device\'s PKIOperation answered with 200 and, later, a Notify call from NDES_Plugin answered with 204.'],
    link: SOURCES.policyModule,
    alsoProves: [{ stage: 4, when: /\bNotify\b/i }, { stage: 6, when: /\bNotify\b/i }],
    related: [SOURCES.reporting],
    samples: {
      positive: [
        'Verify challenge returns true',
        'Exiting VerifyRequest with 0x0',
        'Exiting Notify with 0x0',
        'Validation Phase 1 finished with status True.',
        'VerifyRequest Finished with status True',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 201 0 0 31',
      ],
      negative: [
        'Verify challenge returns false',
        'Exiting VerifyRequest with 0x80004005',
        'VerifyRequest Finished with status False',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-12175-CN-INVALID',
    title: 'TLS name mismatch on the CRP call (WinHTTP 12175)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['ndesplugin-log'],
    match: {
      patterns: [
        /\bWINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID\b/i,
        /\bFailed to send http request \/CertificateRegistrationSvc\/Certificate\/VerifyRequest\.?\s+Error 12175\b/i,
      ],
    },
    message: 'The policy module could not reach the certificate registration point: TLS failed because the server certificate\'s name does not match (WinHTTP 12175).',
    meaning: 'The policy module calls the certificate registration point over HTTPS on the NDES server itself. WinHTTP refused the connection with 12175 (ERROR_WINHTTP_SECURE_FAILURE), and the CERT_CN_INVALID flag says why: the host name the module connects to is not a name on the SSL certificate bound to port 443. No challenge can be verified until this works.',
    causes: [
      'The SSL certificate bound to port 443 in IIS carries only the external name (or only the internal one), so the internal call fails the name check.',
      'Client software ignores the Common Name when Subject Alternative Names are present, so a name that appears only in the CN does not count.',
    ],
    fix: [
      'Issue a new web server certificate whose Subject is CN = the external host name and whose Subject Alternative Name lists DNS entries for both the external and the internal host name.',
      'In IIS Manager, bind it to HTTPS port 443 of the Default Web Site.',
      'Restart IIS (iisreset) and retry the enrollment from a device.',
    ],
    verify: ['NDESPlugin.log should then show "Verify challenge returns true" for the next request.'],
    link: SOURCES.policyModule,
    related: [SOURCES.winhttpErrors, SOURCES.winhttpCallback],
    remediation: {
      label: 'show the names on the certificate bound to port 443',
      text: "netsh http show sslcert ipport=0.0.0.0:443\nGet-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, Thumbprint, NotAfter",
    },
    samples: {
      positive: [
        'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID',
        'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175',
      ],
      negative: [
        'WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA',
        'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12029',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-403-HTML',
    title: 'CRP answered 403 Forbidden (client certificate refused)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['ndesplugin-log'],
    match: {
      patterns: [/\bVerify challenge returns\s*(?:<!DOCTYPE html|<html)/i],
      requires: [/403 - Forbidden/i],
    },
    message: 'The certificate registration point refused the policy module with "403 - Forbidden: Access is denied" instead of verifying the challenge.',
    meaning: 'Instead of true or false, the verification call came back with IIS\'s HTML error page for 403 Forbidden. IIS rejected the TLS client certificate the policy module presents to CertificateRegistrationSvc, so the challenge was never checked. The IIS log line of the same call gives the substatus that says why (403.16: untrusted or invalid client certificate).',
    causes: [
      'Intermediate CA certificates sit in the NDES server\'s Trusted Root Certification Authorities store (IIS logs 403 16 2148204809).',
      'The policy module\'s client authentication certificate is expired, revoked, or lacks the Client Authentication purpose.',
    ],
    fix: [
      'Find the IIS line for POST /CertificateRegistrationSvc/Certificate/VerifyRequest at the same time and read its substatus and Win32 status.',
      'For 403.16 with 2148204809, remove every certificate from Local Computer > Trusted Root Certification Authorities whose "Issued to" differs from "Issued by" (those are intermediates) and stop any Group Policy that re-adds them.',
      'Restart IIS and retry the enrollment.',
    ],
    link: SOURCES.policyModule,
    pointsTo: ['NDES-IIS-CRP-403-16', 'NDES-IIS-CRP-403-CLIENTAUTH'],
    related: [SOURCES.iisStatus],
    remediation: {
      label: 'list intermediate certificates in the Trusted Root store',
      text: 'Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object { $_.Issuer -ne $_.Subject } | Format-List Subject, Issuer, Thumbprint, NotAfter',
    },
    samples: {
      positive: [
        'Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"> <html xmlns="http://www.w3.org/1999/xhtml"> <head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/> <title>403 - Forbidden: Access is denied.</title>',
      ],
      negative: [
        'Verify challenge returns true',
        'Verify challenge returns <!DOCTYPE html> <html><head><title>500 - Internal server error.</title>',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-CRP-403-16',
    title: 'Client certificate untrusted: intermediate CA in Trusted Root (403.16)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['iis-w3c-log'],
    match: {
      patterns: [
        /\bNDES_Plugin\s+-\s+403\s+16\s+2148204809\b/i,
        /\/CertificateRegistrationSvc\/Certificate\/(?:VerifyRequest|Notify)\b[^\r\n]{0,2000}?\s403\s+16\s+2148204809\b/i,
      ],
      // A request's status triplet decides, as for every IIS status rule; the patterns then read
      // only requests answered 403.16 (and text without a triplet), not every healthy request.
      when: (record) => {
        const http = httpStatusOf(record);
        return http === undefined || (http.status === 403 && http.substatus === 16);
      },
    },
    message: 'IIS refused the policy module\'s client certificate: 403.16 with 0x800B0109 CERT_E_UNTRUSTEDROOT. An intermediate CA certificate is probably in the Trusted Root store.',
    meaning: 'IIS answered the policy module\'s call to CertificateRegistrationSvc with 403.16 (client certificate untrusted or invalid). The Win32 status 2148204809 is 0x800B0109, CERT_E_UNTRUSTEDROOT: the chain of the client certificate ended in a certificate that is not a trusted root. On NDES servers this is what happens when intermediate CA certificates are placed in the Trusted Root Certification Authorities store.',
    causes: [
      'One or more intermediate (non-self-signed) CA certificates are in Local Computer > Trusted Root Certification Authorities.',
      'A Group Policy object pushes those certificates into the Root store again after they are removed.',
    ],
    fix: [
      'List the certificates in Cert:\\LocalMachine\\Root whose Issuer differs from their Subject (copy the command with the quick fix).',
      'Move each of them to Intermediate Certification Authorities (or delete them): a root certificate is issued to and by the same name.',
      'Find the Group Policy that publishes them to the Root store and exclude the NDES server or correct the policy.',
      'Restart IIS and retry the enrollment.',
    ],
    verify: ['The next POST /CertificateRegistrationSvc/Certificate/VerifyRequest from NDES_Plugin should be answered with 201, and NDESPlugin.log should show "Verify challenge returns true".'],
    link: SOURCES.policyModule,
    related: [SOURCES.iisStatus, SOURCES.comErrors],
    remediation: {
      label: 'list intermediate certificates in the Trusted Root store',
      text: 'Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object { $_.Issuer -ne $_.Subject } | Format-List Subject, Issuer, Thumbprint, NotAfter',
    },
    samples: {
      positive: [
        'NDES_Plugin - 403 16 2148204809 453',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31',
      ],
      negative: [
        'NDES_Plugin - 403 13 2148204812 453',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 201 0 0 31',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-VERIFY-FALSE',
    title: 'Challenge rejected by the certificate registration point',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['ndesplugin-log'],
    match: { patterns: [/\bVerify challenge returns false\b/i] },
    message: 'The certificate registration point rejected the device\'s challenge. The reason is in the CertificateRegistrationPoint svclog for the same request.',
    meaning: 'The policy module reached the certificate registration point, but the verification failed, so NDES will not ask the CA for a certificate. The policy module log does not say why; the CRP trace (CertificateRegistrationPoint_*.svclog) records the reason between "VerifyRequest Started." and "VerifyRequest Finished with status False".',
    causes: [
      'The CRP could not load the challenge signing certificate that the connector downloads from Intune ("Signing certificate could not be retrieved").',
      'The verification keys under the NDESConnector registry key are missing.',
      'The challenge has expired or could not be decoded.',
    ],
    fix: [
      'Open the CertificateRegistrationPoint svclog of the same time and read the records between "VerifyRequest Started." and "VerifyRequest Finished with status False".',
      'Follow the guidance of the error found there (NDES Lens flags the known ones).',
    ],
    link: SOURCES.policyModule,
    pointsTo: ['NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VALIDATECHALLENGE-CRYPTO', 'NDES-CRP-VERIFY-FINISHED-FALSE'],
    samples: {
      positive: ['Verify challenge returns false'],
      negative: ['Verify challenge returns true', 'Verify challenge returns <!DOCTYPE html'],
    },
  }),
  defineSignature({
    id: 'NDES-CRP-VERIFY-FINISHED-FALSE',
    title: 'CRP verification finished with status False',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['wcf-svclog'],
    match: { patterns: [/\bVerifyRequest Finished with status False\b/i] },
    message: 'The certificate registration point failed to verify this request. The records before it with the same ActivityID say why.',
    meaning: 'This is the certificate registration point\'s own verdict on one challenge: verification failed. It is the svclog side of "Verify challenge returns false" in NDESPlugin.log. The cause is logged by the records of the same activity between "VerifyRequest Started." and this line.',
    fix: [
      'Read the records with the same Correlation ActivityID before this one (errors, exceptions).',
      'Follow the guidance of the error found there.',
    ],
    link: SOURCES.policyModule,
    pointsTo: ['NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VALIDATECHALLENGE-CRYPTO'],
    samples: {
      positive: ['VerifyRequest Finished with status False'],
      negative: ['VerifyRequest Finished with status True', 'VerifyRequest Started.'],
    },
  }),
  defineSignature({
    id: 'NDES-CRP-SIGNING-CERT-MISSING',
    title: 'Challenge signing certificate could not be retrieved',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['wcf-svclog'],
    match: { patterns: [/\bSigning certificate could not be retrieved\b/i] },
    message: 'The certificate registration point could not load the challenge signing certificate (SigningCertificate value under the NDESConnector registry key).',
    meaning: 'To check a challenge, the certificate registration point needs the signing certificate that the Intune connector downloads from Intune and records in the registry (HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector, value SigningCertificate). Loading it failed, typically with "m_safeCertContext is an invalid handle" from CRPCertificate.RetrieveSigningCert, so every challenge is rejected.',
    causes: [
      'The SigningCertificate registry value is missing because the connector never downloaded it.',
      'The server cannot reach the Intune service, so the connector cannot fetch the certificate.',
    ],
    fix: [
      'On the connector server, check whether the SigningCertificate value exists under HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector (copy the reg query with the quick fix).',
      'If it is missing, restart the Intune Connector Service (services.msc) and check again.',
      'If it is still missing, fix the network path from the server to the Intune service (proxy, firewall, TLS inspection).',
    ],
    verify: ['The svclog should then show "VerifyRequest Finished with status True" for the next request.'],
    link: SOURCES.policyModule,
    related: [SOURCES.connectorEvents],
    remediation: {
      label: 'query the SigningCertificate registry value',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector" /v SigningCertificate',
    },
    samples: {
      positive: [
        'Signing certificate could not be retrieved. System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle. at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid()',
      ],
      negative: ['Signing certificate retrieved successfully.', 'VerifyRequest Started.'],
    },
  }),
  defineSignature({
    id: 'NDES-CRP-VALIDATECHALLENGE-CRYPTO',
    title: 'Challenge validation failed: verification keys missing',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['wcf-svclog'],
    match: {
      patterns: [/\bCryptography Exception:\s*System\.Security\.Cryptography\.CryptographicException:\s*m_safeCertContext is an invalid handle/i],
      requires: [/\b(?:Helper\.ValidateChallenge|ChallengeValidation\.ValidationPhase1|CertificateController\.VerifyRequest)\b/i],
      excludes: [/\bSigning certificate could not be retrieved\b/i],
    },
    message: 'Challenge validation threw "m_safeCertContext is an invalid handle": the verification keys under the NDESConnector registry key are missing.',
    meaning: 'While validating a challenge (Helper.ValidateChallenge, called from ValidationPhase1 of CertificateController.VerifyRequest), the certificate registration point tried to use a certificate it could not open. The registry values the connector writes for verification are missing, so the CRP has no certificate to check the challenge with and every request fails verification.',
    causes: ['The registry keys used to verify certificate requests are missing from the NDES connector settings (HKLM\\Software\\Microsoft\\MicrosoftIntune\\NDESConnector).'],
    fix: [
      'Restart the Intune Connector Service, then check that the signing certificate values appear under HKLM\\Software\\Microsoft\\MicrosoftIntune\\NDESConnector.',
      'If they still do not appear: under HKLM\\Software\\Microsoft\\Cryptography\\MSCEP set the three template values (SignatureTemplate, EncryptionTemplate, GeneralPurposeTemplate) back to the default IPSECIntermediateOffline and restart the server.',
      'After the restart, confirm the signing certificates now appear under the NDESConnector key.',
      'Put your SCEP template name back into the three MSCEP values.',
    ],
    link: SOURCES.kb4487170,
    remediation: {
      label: 'query the NDESConnector and MSCEP registry keys',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector"\nreg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"',
    },
    samples: {
      positive: [
        'Cryptography Exception: System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle. at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid() at Microsoft.ConfigurationManager.CertRegPoint.Helper.ValidateChallenge(String base64Encodedtoken, X509Certificate2Collection encryptedCerts, X509Certificate2 SigningCert, String& decodedChallengePassword)',
      ],
      negative: [
        'Cryptography Exception: System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.',
        'Signing certificate could not be retrieved. Cryptography Exception: System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle. at Microsoft.ConfigurationManager.CertRegPoint.Helper.ValidateChallenge(String base64Encodedtoken)',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-WINHTTP-OTHER',
    title: 'Policy module HTTPS call failed (other WinHTTP error)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['ndesplugin-log'],
    match: {
      patterns: [
        /\bFailed to send http request\s+(?<request>\S+?)\.?\s+Error\s+(?<code>12\d{3})\b/i,
        /\bWINHTTP_CALLBACK_STATUS_FLAG_(?!CERT_CN_INVALID\b)(?<code>[A-Z_]{3,60})/i,
      ],
      excludes: [
        /\bWINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID\b/i,
        /\bFailed to send http request\s+\/CertificateRegistrationSvc\/Certificate\/VerifyRequest\.?\s+Error\s+12175\b/i,
      ],
    },
    message: 'The policy module\'s HTTPS call to the certificate registration point failed (WinHTTP {code}). Decode the code or flag to see whether it is a connection, timeout or certificate problem.',
    meaning: 'The policy module calls the certificate registration point (CertificateRegistrationSvc) on the NDES server over HTTPS with WinHTTP. This line reports a WinHTTP error number or a WINHTTP_CALLBACK_STATUS_FLAG_* certificate flag other than the documented name-mismatch case. Until the call succeeds no challenge can be verified. Typical values: 12029 the connection could not be made, 12002 the call timed out, 12175 a TLS certificate problem whose flag names it (INVALID_CA untrusted issuer, CERT_DATE_INVALID expired, CERT_REV_FAILED revocation not checkable, CERT_REVOKED revoked, CERT_WRONG_USAGE wrong key usage).',
    causes: [
      'IIS or the CertificateRegistrationSvc application is down, or port 443 is blocked locally (12029).',
      'The call hangs, for example on a slow revocation check (12002).',
      'The SSL certificate bound to port 443 is untrusted, expired, revoked or its revocation cannot be checked (12175 with the matching flag).',
    ],
    fix: [
      'Hover the code or flag for its meaning and read the neighbouring NDESPlugin.log lines of the same request.',
      'For connection errors, check that the Default Web Site and CertificateRegistrationSvc run and that https://<NDES FQDN>/CertificateRegistrationSvc answers from the server itself.',
      'For certificate flags, inspect the certificate bound to port 443 (copy the commands with the quick fix): trusted chain, validity dates, reachable CRL, Server Authentication usage.',
      'Restart IIS after changing the binding and retry the enrollment.',
    ],
    verify: ['NDESPlugin.log should show "Verify challenge returns true" for the next request.'],
    unconfirmed: 'Microsoft documents this line only with 12175 and the CERT_CN_INVALID flag; that other codes and flags appear in exactly this line is an extrapolation.',
    link: SOURCES.policyModule,
    related: [SOURCES.winhttpErrors, SOURCES.winhttpCallback],
    remediation: {
      label: 'show the certificate bound to port 443',
      text: "netsh http show sslcert ipport=0.0.0.0:443\nGet-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, Thumbprint, NotBefore, NotAfter, EnhancedKeyUsageList",
    },
    samples: {
      positive: [
        'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12029',
        'Failed to send http request /CertificateRegistrationSvc/Certificate/Notify. Error 12175',
        'WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA',
      ],
      negative: [
        'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175',
        'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID',
        'WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID',
        'Sending request to certificate registration point.',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-CRP-403-CLIENTAUTH',
    title: 'CRP refused the policy module\'s client certificate (403)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['iis-w3c-log'],
    match: {
      patterns: [CRP_CALL],
      excludes: [/\s403\s+16\s+2148204809\b/i],
      when: (record) => iisStatusIs(record, (h) => h.status === 403 && !(h.substatus === 16 && h.win32 === 2148204809), CRP_CALL, /\s403\s+\d{1,5}\s+\d{1,10}\b/i),
    },
    message: 'IIS refused the policy module\'s call to CertificateRegistrationSvc with 403: its client authentication certificate was not accepted. The substatus says why (13 revoked, 16 untrusted or invalid, 17 expired or not yet valid).',
    meaning: 'The policy module authenticates to the certificate registration point with a TLS client certificate (the one named by NDESCertThumbprint under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy). IIS answered its VerifyRequest or Notify call with 403, so the challenge was not checked or the issuance was not reported. Microsoft states that a certificate without the Client Authentication extended key usage gets exactly this 403. (403.16 with 2148204809, an untrusted root, is reported separately as NDES-IIS-CRP-403-16.)',
    causes: [
      'The NDES client certificate lacks the Client Authentication extended key usage.',
      'It has been revoked (403.13) or is outside its validity period (403.17).',
      'NDESCertThumbprint still points at an old certificate after a renewal.',
    ],
    fix: [
      'Read the substatus and Win32 status of this line (hover them for their meaning).',
      'Check the certificate whose thumbprint is in NDESCertThumbprint (copy the commands with the quick fix): Client Authentication usage, validity dates, subject or SAN equal to the NDES server FQDN.',
      'If it is wrong or expired, enroll a new certificate with Client Authentication EKU and the NDES FQDN as subject and DNS SAN.',
      'Reinstall the Intune Certificate Connector so it records the new thumbprint, then restart the Intune Connector Service and the World Wide Web Publishing Service.',
    ],
    verify: ['The next POST /CertificateRegistrationSvc/Certificate/VerifyRequest from NDES_Plugin should be answered 201, and Notify 204.'],
    unconfirmed: 'Which 403 substatus a certificate without the Client Authentication EKU produces is not documented.',
    link: SOURCES.cannotAssignScep,
    related: [SOURCES.deviceToNdes, SOURCES.iisStatus],
    remediation: NDES_POLICY_CERT_CHECK,
    samples: {
      positive: [
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 13 2148204812 31',
        'NDES_Plugin - 403 17 2148204801 453',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/Notify - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148081683 31',
      ],
      negative: [
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31',
        'NDES_Plugin - 403 16 2148204809 453',
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 201 0 0 403',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-IIS-CRP-500-TEMP-ACL',
    title: 'CRP fails with 500: app pool identity cannot write to C:\\Windows\\Temp',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['iis-w3c-log', 'plain-text'],
    match: {
      patterns: [SCEP_POOL_TERMINATED, COMPILATION_ERROR, CRP_VERIFY_POST],
      when: (record) => iisStatusIs(record, (h) => h.status === 500 && h.substatus === 0 && h.win32 === 0, CRP_VERIFY_POST,
        /NDES_Plugin\s+-\s+500\s+0\s+0\b/i, CRP_BUILD_FAILED),
    },
    message: 'The certificate registration point cannot start its ASP.NET/WCF code (500 on VerifyRequest, compilation error, SCEP pool crash): the application pool identity probably cannot write to C:\\Windows\\Temp.',
    meaning: 'CertificateRegistrationSvc is compiled by ASP.NET when it first runs, and the compiler writes to C:\\Windows\\Temp. If the account that runs the application pool (for example Network Service) has no Write permission there, the compilation fails: IIS logs the policy module\'s VerifyRequest as 500 0 0, the Application log shows event 1310 (event code 3007, "A compilation error has occurred.") and the System log shows event 5009 for the SCEP application pool terminating. No device gets a certificate.',
    causes: ['Write permission for the application pool identity was removed from C:\\Windows\\Temp, often by a hardening policy.'],
    fix: [
      'Grant the application pool identity (for example NT AUTHORITY\\NETWORK SERVICE) Write permission on C:\\Windows\\Temp.',
      'Find and correct any Group Policy or hardening script that removes that permission, or it will break again.',
      'Restart IIS and retry the enrollment.',
    ],
    verify: ['POST /CertificateRegistrationSvc/Certificate/VerifyRequest from NDES_Plugin should be answered 201, and no new event 1310 or 5009 should appear.'],
    link: SOURCES.crpVerify500,
    remediation: { label: 'show the permissions on C:\\Windows\\Temp', text: 'icacls C:\\Windows\\Temp' },
    samples: {
      positive: [
        '*DateTime* *IPAddress* POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 -IPAddressNDES_Plugin - 500 0 0 359',
        "A process serving application pool 'SCEP' terminated unexpectedly. The process id was '4242'. The process exit code was '0x0000374'.",
        'Event message: A compilation error has occurred.',
      ],
      negative: [
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 201 0 0 500',
        "A process serving application pool 'DefaultAppPool' terminated unexpectedly. The process id was '4242'.",
        '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-STUCK-AFTER-SEND',
    title: 'Policy module call never answered after "Sending request" (expired client certificate)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['ndesplugin-log'],
    match: { patterns: [] },
    multiRecord: true,
    message: 'The policy module sent a request to the certificate registration point and never got an answer.',
    meaning: 'Each policy-module call writes "Sending request to certificate registration point." and then the answer ("Verify challenge returns …") or its exit. Here the call stopped after sending, and the log proves it is over: the same thread began its next call, or the log carries on long after. Lines without a thread interleave when requests are served at once, so there a later call proves it only while no later call is answered (an expired certificate fails every call), or once more calls began after it than are ever served at once. The module signs in to the registration point with the client authentication certificate whose thumbprint was recorded (NDESCertThumbprint) when the connector was installed; when that certificate has expired the call never completes, and the CAPI2 log says a required certificate is not within its validity period. A call still waiting when the log ends is only in progress (NDES-PLUGIN-CALL-IN-PROGRESS).',
    causes: ['The policy module still references an expired client authentication certificate (NDESCertThumbprint under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy).'],
    fix: [
      'In certlm.msc > Personal find the certificate with Intended Purposes Client Authentication issued to the NDES server name, and confirm its thumbprint equals NDESCertThumbprint and that it has not expired (copy the commands with the quick fix).',
      'If it has expired, request or renew it with a new key, with the NDES server FQDN as Common Name and as DNS alternative name.',
      'Reinstall the Intune Certificate Connector so it records the new certificate.',
      'Restart the Intune Connector Service and the World Wide Web Publishing Service.',
    ],
    verify: ['NDESPlugin.log should continue after "Sending request to certificate registration point." with "Verify challenge returns true".'],
    link: SOURCES.cannotAssignScep,
    related: [SOURCES.policyModule, SOURCES.deviceToNdes],
    remediation: NDES_POLICY_CERT_CHECK,
    samples: {
      positive: [
        '<![LOG[Calling VerifyRequest ...]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Sending request to certificate registration point.]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Calling VerifyRequest ...]LOG]!><time="08:44:02.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Sending request to certificate registration point.]LOG]!><time="08:44:02.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">',
        'Calling VerifyRequest ...\nSending request to certificate registration point.\nCalling VerifyRequest ...',
        '<![LOG[Calling VerifyRequest ...]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Sending request to certificate registration point.]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Calling VerifyRequest ...]LOG]!><time="09:20:00.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">\n<![LOG[Sending request to certificate registration point.]LOG]!><time="09:20:00.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">\n<![LOG[Verify challenge returns true]LOG]!><time="09:20:01.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">',
      ],
      negative: [
        'Calling Notifyrequest ...\nSending request to certificate registration point.\nExiting Notify with 0x0',
        'Calling VerifyRequest ...\nSending request to certificate registration point.',
        '<![LOG[Calling VerifyRequest ...]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Calling VerifyRequest ...]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">\n<![LOG[Sending request to certificate registration point.]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Sending request to certificate registration point.]LOG]!><time="08:41:26.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">\n<![LOG[Verify challenge returns true]LOG]!><time="08:41:27.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">\n<![LOG[Verify challenge returns true]LOG]!><time="08:41:27.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">\n<![LOG[Exiting VerifyRequest with 0x0]LOG]!><time="08:41:27.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="6124" file="">\n<![LOG[Exiting VerifyRequest with 0x0]LOG]!><time="08:41:27.000-60" date="03-05-2024" component="NDESPlugin" context="" type="1" thread="5412" file="">',
        'Sending request to certificate registration point.\nVerify challenge returns false\nCalling VerifyRequest ...',
        'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
      ],
    },
  }),
  defineSignature({
    id: 'NDES-PLUGIN-CALL-IN-PROGRESS',
    title: 'Policy module call still open where the log ends',
    kind: 'failure', severity: 'info', stage: 3,
    formats: ['ndesplugin-log'],
    match: { patterns: [] },
    multiRecord: true,
    message: 'The log ends while a policy-module call is still open.',
    meaning: 'NDESPlugin.log was copied while a VerifyRequest or Notify call was under way: its "Calling" (or "Sending") line is there, its answer or "Exiting" line is not yet. On a working server that is what a live log looks like, so on its own it is no failure. It becomes one when a later copy shows the call never finished (NDES-PLUGIN-STUCK-AFTER-SEND, or a call without exit in the SCEP flow).',
    causes: ['The log was copied while NDES was handling a request.', 'The call hangs; a later copy of the log will show it.'],
    fix: [
      'Copy NDESPlugin.log again a few minutes later and open the new copy.',
      'If the same call still has no answer while later calls do, follow NDES-PLUGIN-STUCK-AFTER-SEND.',
    ],
    link: SOURCES.policyModule,
    related: [SOURCES.reporting],
    samples: {
      positive: [
        'Calling VerifyRequest ...\nSending request to certificate registration point.',
        'Calling Notifyrequest ...\nSending request to certificate registration point.',
        // Plain lines of two requests at once, copied there: the first may still wait while the second is done.
        'Calling VerifyRequest ...\nSending request to certificate registration point.\nCalling VerifyRequest ...\nSending request to certificate registration point.\nVerify challenge returns true\nExiting VerifyRequest with 0x0',
      ],
      negative: [
        'Calling Notifyrequest ...\nSending request to certificate registration point.\nExiting Notify with 0x0',
      ],
    },
  }),
];
