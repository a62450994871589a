import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

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
    message: 'Policy module is verifying a device challenge with the certificate registration point.',
    meaning: 'NDES passed a device\'s SCEP challenge to the Intune policy module, and the module is calling the certificate registration point web service (/CertificateRegistrationSvc/Certificate/VerifyRequest) to check it. The lines that follow tell how that call ended.',
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
      patterns: [
        /\bVerify challenge returns true\b/i,
        /\bExiting (?:VerifyRequest|Notify) with 0x0+\b/i,
        /\bValidation Phase \d finished with status True\b/i,
        /\bVerifyRequest Finished with status True\b/i,
        /\bPOST\s+\/CertificateRegistrationSvc\/Certificate\/VerifyRequest\b[^\r\n]*?\sNDES_Plugin\s+-\s+20[01]\s+0\s+0\b/i,
        /\bPOST\s+\/CertificateRegistrationSvc\/Certificate\/Notify\b[^\r\n]*?\sNDES_Plugin\s+-\s+20[04]\s+0\s+0\b/i,
      ],
    },
    message: 'Success marker: the certificate registration point accepted this step.',
    meaning: 'The policy module\'s call to the certificate registration point succeeded: the device\'s challenge was validated, so NDES can go on and request the certificate from the CA (or, for Notify, the issued certificate was reported back to Intune).',
    verify: ['After a verified challenge, IIS should show the device\'s PKIOperation answered with 200 and, later, a Notify call from NDES_Plugin answered with 204.'],
    link: SOURCES.policyModule,
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
        /\/CertificateRegistrationSvc\/Certificate\/(?:VerifyRequest|Notify)\b[^\r\n]*?\s403\s+16\s+2148204809\b/i,
      ],
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
];
