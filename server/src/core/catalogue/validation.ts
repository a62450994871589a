import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

const cm = (message: string, type: 1 | 2 | 3 = 3): string =>
  `<![LOG[${message}]LOG]!><time="09:15:02.117+060" date="3-5-2024" component="NDES_Validation" context="CONTOSO\\admin" type="${type}" thread="1" file="">`;

/**
 * Output of Microsoft's Validate-NDESConfiguration script (CMTrace log Validate-NDESConfig.log in
 * %TEMP%\<guid>\, the newer script's CSV, or the console). Each entry is one check that failed.
 */
export const SERVICE_ACCOUNT_PROBLEM = 'The validation script found a problem with the NDES service account (AD account, IIS_IUSRS membership, SPN, or excess admin rights).';
/** The script's line for a service account outside the local IIS_IUSRS group. */
export const NOT_IN_IIS_IUSRS = /\bNDES Service Account is not a member of the local IIS_IUSR group\b/i;
/**
 * What the script logs next when the account holds the logon rights without the group (its older
 * and newer wording); the failure says "has _NOT_ been assigned".
 */
export const EXPLICIT_LOGON_RIGHTS = /\bNDES Service Account has been assigned\b[^\r\n]{0,200}?\brights explicitly\b/i;

export const VALIDATION: readonly Signature[] = [
  defineSignature({
    id: 'VAL-LONG-URL-REGISTRY',
    title: 'Validation: long-URL limits not raised (http.sys / IIS)',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\b(?<setting>MaxFieldLength|MaxRequestBytes) not set to 65534 in the registry\b/i,
        /\b(?<setting>MaxQueryString|maxUrl) not set correctly\b/i,
      ],
    },
    message: 'The validation script found {setting} below what NDES needs: long SCEP requests (PKIOperation in the URL) will be rejected.',
    meaning: 'Devices send the SCEP request in the query string of a GET, which can be tens of kilobytes long. NDES servers therefore need higher limits in http.sys (MaxFieldLength and MaxRequestBytes = 65534 under HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters) and in IIS request filtering (maxUrl and maxQueryString). The script found one of them at a lower value, which shows up as "URL too long" / 414 / 404.15 failures for devices.',
    causes: ['The http.sys registry values or IIS request-filtering limits were never raised, or were reset.'],
    fix: [
      'Set MaxFieldLength and MaxRequestBytes to 65534 (DWORD) under HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters (copy the commands with the quick fix).',
      'In IIS request filtering for the Default Web Site set maxUrl and maxQueryString to 65534.',
      'Restart the server (http.sys reads its registry values at start).',
    ],
    verify: ['Run the validation script again: the check passes.'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.validateNdesConfigMarkstan, SOURCES.deviceToNdes],
    remediation: {
      label: 'raise the http.sys and IIS limits for long SCEP URLs',
      text: 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters" /v MaxFieldLength /t REG_DWORD /d 65534 /f\nreg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters" /v MaxRequestBytes /t REG_DWORD /d 65534 /f\n%windir%\\system32\\inetsrv\\appcmd.exe set config /section:requestFiltering /requestLimits.maxUrl:65534 /requestLimits.maxQueryString:65534',
    },
    samples: {
      positive: [cm('MaxFieldLength not set to 65534 in the registry'), 'MaxQueryString not set correctly'],
      negative: [cm('MaxFieldLength set correctly', 1), 'MaxRequestBytes set to 65534 in the registry'],
    },
  }),
  defineSignature({
    id: 'VAL-INTERMEDIATE-IN-ROOT',
    title: 'Validation: intermediate certificate in the Trusted Root store',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    match: { patterns: [/\bIntermediate certificate found in the Trusted Root store\b/i] },
    message: 'The validation script found an intermediate CA certificate in the Trusted Root store: IIS will refuse the policy module\'s client certificate (403.16).',
    meaning: 'Only self-signed root certificates belong in Local Computer > Trusted Root Certification Authorities. An intermediate there makes IIS reject the client certificate chain of the policy module\'s call to the certificate registration point (403.16, 0x800B0109) and can crash the SCEP application pool.',
    causes: ['An intermediate CA certificate was imported into the Root store by hand or by Group Policy.'],
    fix: [
      'List the certificates in Cert:\\LocalMachine\\Root whose Issuer differs from their Subject (copy the command with the quick fix).',
      'Move them to Intermediate Certification Authorities and stop any Group Policy that re-adds them.',
      'Restart IIS.',
    ],
    verify: ['Run the validation script again; IIS answers the policy module\'s VerifyRequest with 201.'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.validateNdesConfigMarkstan, SOURCES.policyModule],
    remediation: {
      label: 'list intermediate certificates in the Trusted Root store',
      text: 'Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object { $_.Issuer -ne $_.Subject } | Format-List Subject, Issuer, Thumbprint, NotAfter',
    },
    samples: {
      positive: [cm('Intermediate certificate found in the Trusted Root store: CN=Contoso Issuing CA')],
      negative: [cm('Trusted Root store does not contain any Intermediate certificates.', 1), 'No intermediate certificate found'],
    },
  }),
  defineSignature({
    id: 'VAL-APPPOOL',
    title: 'Validation: SCEP application pool missing, stopped or wrong identity',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\bSCEP Application Pool (?:is )?missing\b/i,
        /\bSCEP Application Pool is stopped\b/i,
        /\bApplication Pool is not configured to use the NDES Service Account\b/i,
      ],
    },
    message: 'The validation script found a problem with the SCEP application pool (missing, stopped, or not running as the NDES service account).',
    meaning: 'NDES runs in the IIS application pool SCEP, which must exist, be started and run as the NDES service account so it can use the RA private keys and reach the CA. Otherwise devices get 503 or 500 from mscep.dll.',
    causes: [
      'The SCEP application pool was deleted, or stopped after repeated crashes (rapid-fail protection).',
      'Its identity was changed from the NDES service account.',
    ],
    fix: [
      'In IIS Manager > Application Pools check that SCEP exists and is Started; if it keeps stopping, look for w3wp crashes and WAS event 5009 in the event logs.',
      'Set its Advanced Settings > Identity to the NDES service account.',
      'If the pool is missing, reinstall the NDES role service.',
    ],
    verify: ['The script\'s app pool check passes and mscep.dll answers 200 to GetCACaps.'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.validateNdesConfigMarkstan],
    remediation: {
      label: 'show the SCEP application pool state and identity',
      text: '%windir%\\system32\\inetsrv\\appcmd.exe list apppool SCEP /text:*',
    },
    samples: {
      positive: [cm('SCEP Application Pool is stopped.'), 'Application Pool is not configured to use the NDES Service Account'],
      negative: [cm('SCEP Application Pool is Started', 1), 'Application Pool is configured to use the NDES Service Account'],
    },
  }),
  defineSignature({
    id: 'VAL-RA-CERTS',
    title: 'Validation: NDES RA certificates missing or expired',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: { patterns: [/\b(?<cert>EnrollmentAgentOffline|CEPEncryption) certificate is not present\b/i] },
    message: 'The validation script did not find a valid {cert} RA certificate: NDES cannot sign or decrypt SCEP messages.',
    meaning: 'NDES needs two registration authority (RA) certificates in the computer store: one from the EnrollmentAgentOffline template (signing) and one from CEPEncryption (encryption). If either is missing or expired, NDES fails to start or answers devices with 500. The script notes that this typically happens when NDES was installed without Enterprise Admin rights.',
    causes: [
      'NDES was installed by an account that is not an Enterprise Admin, so the RA certificates were not enrolled.',
      'The RA certificates expired (by default they are valid for two years).',
    ],
    fix: [
      'Renew or re-enroll the two RA certificates from the EnrollmentAgentOffline and CEPEncryption templates for the NDES computer (or reinstall NDES as an Enterprise Admin).',
      'Make sure the NDES service account can read their private keys.',
      'Restart IIS.',
    ],
    verify: ['Both certificates appear valid in certlm.msc > Personal and the script\'s RA check passes.'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.validateNdesConfigMarkstan],
    samples: {
      positive: [cm('EnrollmentAgentOffline certificate is not present or expired'), 'CEPEncryption certificate is not present'],
      negative: [cm('EnrollmentAgentOffline certificate is present', 1), 'CEPEncryption certificate is valid'],
    },
  }),
  defineSignature({
    id: 'VAL-TEMPLATE-REGISTRY',
    title: 'Validation: SCEP template names not set in the MSCEP registry key',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\bRegistry has not been configured with the SCEP Certificate template name\b/i,
        /\bMSCEP Registry key does not exist\b/i,
        /\b(?:Signature|Encryption|GeneralPurpose)Template key does not match the SCEP certificate template name\b/i,
      ],
    },
    message: 'The validation script found the NDES template registry values missing, at their defaults, or not matching the SCEP template.',
    meaning: 'NDES asks the CA for the template named in HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP (SignatureTemplate, EncryptionTemplate, GeneralPurposeTemplate). If the key is missing, still holds the default IPSECIntermediateOffline, or names another template, requests are denied by the CA (0x80094800) or NDES cannot start. A mismatch can be deliberate when several templates are used, so the script rates it as a warning.',
    causes: [
      'The values were never changed from the default after installing NDES.',
      'The display name was entered instead of the template name, or the template was renamed.',
    ],
    fix: [
      'Set the three values under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP to the template name (not the display name) of the SCEP template published on the CA.',
      'Restart IIS (iisreset) or the server.',
    ],
    verify: ['Run the script again; CA events no longer show 0x80094800 for NDES requests.'],
    link: SOURCES.validateNdesConfig,
    remediation: {
      label: 'show the NDES template registry values',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"',
    },
    samples: {
      positive: [
        cm('Registry has not been configured with the SCEP Certificate template name. Default values have _not_ been changed.'),
        cm('EncryptionTemplate key does not match the SCEP certificate template name.', 2),
      ],
      negative: [cm('SignatureTemplate key matches the SCEP certificate template name.', 1), 'MSCEP Registry key exists'],
    },
  }),
  defineSignature({
    id: 'VAL-SERVICE-ACCOUNT',
    title: 'Validation: NDES service account problem',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\bProblem with the AD account\b/i,
        /\bNDES Service Account is a member of the local Administrators group\b/i,
        /\bMissing or Incorrect SPN set for the NDES Service Account\b/i,
      ],
    },
    // "Not a member of the local IIS_IUSR group" is read by validators/serviceAccount.ts: the script checks
    // the account's explicit logon rights next and calls those a success.
    multiRecord: true,
    // The script itself logs this one as a warning (CMTrace type 2): the membership gives NDES every right it needs.
    milder: { severity: 'warning', when: /\bNDES Service Account is a member of the local Administrators group\b/i, why: 'for a service account in the local Administrators group, or one outside IIS_IUSRS that holds the logon rights explicitly (both work, as the script says)' },
    message: SERVICE_ACCOUNT_PROBLEM,
    meaning: 'NDES runs as a domain service account. It must be a usable AD account (enabled, not locked out), belong to the local IIS_IUSRS group, and have an HTTP SPN for the NDES host name when Kerberos is used. Membership of the local Administrators group works but is more than it needs, so the script only warns about it.',
    causes: [
      'The account is disabled, locked out or its password expired.',
      'It was not added to the local IIS_IUSRS group.',
      'The HTTP/<NDES FQDN> SPN is missing or registered on another account.',
      'It was made a local administrator (a warning, not a failure).',
    ],
    fix: [
      'Check the account in Active Directory (enabled, not locked, password valid) and add it to the local IIS_IUSRS group.',
      'Register the SPN: setspn -s HTTP/<NDES FQDN> <domain>\\<service account> (copy with the quick fix and fill in the names).',
      'Remove the account from the local Administrators group if it is there.',
    ],
    verify: ['Run the script again: the service account checks pass.'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.validateNdesConfigMarkstan],
    remediation: {
      label: 'check group membership and SPN of the NDES service account',
      text: 'net localgroup IIS_IUSRS\nsetspn -L <domain>\\<service account>\nsetspn -s HTTP/<NDES FQDN> <domain>\\<service account>',
    },
    samples: {
      positive: [
        cm('NDES Service Account is not a member of the local IIS_IUSR group'),
        'Missing or Incorrect SPN set for the NDES Service Account',
        cm('NDES Service Account is a member of the local Administrators group. This will provide the requisite rights but is _not_ a secure configuration. Use IIS_IUSERS instead.', 2),
      ],
      negative: [cm('NDES Service Account is a member of the local IIS_IUSR group', 1), 'SPN set for the NDES Service Account'],
    },
  }),
  defineSignature({
    id: 'VAL-CSP',
    title: 'Validation: NDES installed with a CNG provider',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: { patterns: [/\bIncorrect CSP selected during install\b/i] },
    message: 'The validation script found NDES configured with an unsupported provider: NDES only works with a CryptoAPI CSP.',
    meaning: 'During NDES role configuration the cryptographic providers for its RA keys were set to a CNG key storage provider. NDES supports only legacy CryptoAPI CSPs, so its RA keys cannot be used.',
    causes: ['A KSP (CNG) provider was chosen for the RA signing or encryption key when NDES was configured.'],
    fix: [
      'Remove the NDES role service configuration and configure it again.',
      'On the cryptography page choose "Microsoft Strong Cryptographic Provider" (a CryptoAPI CSP) for both keys.',
    ],
    verify: ['Run the script again: the CSP check passes.'],
    link: SOURCES.validateNdesConfig,
    samples: {
      positive: [cm('Incorrect CSP selected during install. NDES only supports the CryptoAPI CSP.')],
      negative: [cm('Correct CSP used.', 1), 'CSP selected during install: Microsoft Strong Cryptographic Provider'],
    },
  }),
  defineSignature({
    id: 'VAL-CERTS-BOUND',
    title: 'Validation: SSL or client authentication certificate not valid for use',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\bThe certificate bound in IIS is not valid for use\b/i,
        /\bThe certificate bound to the NDES Connector is not valid for use\b/i,
      ],
    },
    message: 'The validation script rejected the certificate bound in IIS or to the NDES connector (wrong EKU, host name missing, or self-signed).',
    meaning: 'The HTTPS certificate bound to the Default Web Site must have the Server Authentication purpose, carry the NDES host names and come from a trusted CA; the certificate the connector uses for its client calls needs Client Authentication and the host name. The CorrectEKU / CorrectSubject / IsSelfSigned flags after the message show which check failed.',
    causes: [
      'The certificate lacks the Server Authentication (IIS) or Client Authentication (connector) enhanced key usage.',
      'The subject / SAN do not contain the internal and external NDES host names.',
      'A self-signed certificate is bound.',
    ],
    fix: [
      'Issue a certificate from your CA with Server Authentication and Client Authentication, subject = external FQDN, SAN = external and internal FQDN.',
      'Bind it to HTTPS port 443 of the Default Web Site and select it in the connector configuration.',
      'Restart IIS.',
    ],
    verify: ['Run the script again: CorrectEKU and CorrectSubject are True and IsSelfSigned is False.'],
    link: SOURCES.validateNdesConfig,
    remediation: {
      label: 'show the certificate bound to port 443',
      text: 'netsh http show sslcert ipport=0.0.0.0:443',
    },
    samples: {
      positive: [cm('The certificate bound in IIS is not valid for use. CorrectEKU=False|CorrectSubject=True|IsSelfSigned=False'), 'The certificate bound to the NDES Connector is not valid for use'],
      negative: [cm('The certificate bound in IIS is valid for use.', 1), 'The certificate bound to the NDES Connector is valid'],
    },
  }),
  defineSignature({
    id: 'VAL-NDES-ON-CA',
    title: 'Validation: NDES installed on the CA',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [/\bNDES is running on the CA\b/i, /\bNDES server has Certification Authority Role installed\b/i],
    },
    message: 'The validation script found NDES on the same server as the Certification Authority, which is not a supported setup for Intune.',
    meaning: 'For Intune, NDES (and the connector) must run on a separate member server, not on the CA. The script found the Certification Authority role on the NDES server.',
    causes: ['NDES was added as a role service on the CA server.'],
    fix: [
      'Install NDES and the Intune certificate connector on a separate domain-joined server.',
      'Remove the NDES role service from the CA once the new server works.',
    ],
    verify: ['Run the script on the new NDES server: the check passes.'],
    link: SOURCES.validateNdesConfig,
    samples: {
      positive: [cm('NDES is running on the CA. This is not a supported configuration!'), 'NDES server has Certification Authority Role installed'],
      negative: [cm('NDES is not running on the CA', 1), 'Certification Authority Role is not installed'],
    },
  }),
  defineSignature({
    id: 'VAL-CONNECTOR-REGKEYS',
    title: 'Validation: connector certificate value empty in the registry',
    // The script itself rates an empty value a warning (CMTrace type 2). Its "Registry key does not
    // exist" branch is not read: that check could never report a key as present (see meaning).
    kind: 'failure', severity: 'warning', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [/\b(?<key>KeyRecoveryAgentCertificate|PfxSigningCertificate|SigningCertificate) (?:registry key exists but has no value|missing Value)\b/i],
    },
    message: 'The validation script read no {key} value under the legacy NDESConnector registry key. The script itself rates this a warning: it is expected on a server with the unified Certificate Connector, and on a legacy connector it means the connector has not downloaded its certificates from Intune.',
    meaning: 'After it registers, the legacy Microsoft Intune Connector downloads certificates from Intune and records them under HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector (SigningCertificate for checking SCEP challenges, PfxSigningCertificate and KeyRecoveryAgentCertificate for PKCS). The unified Certificate Connector for Microsoft Intune keeps its settings under ...\\MicrosoftIntune\\PFXCertificateConnector instead, so on such a server these values are absent and the older script reports them empty although nothing is wrong. The lines "<value> Registry key does not exist" are not read at all: the older script could never reach that branch, and in the newer script the check tested a path that can never exist (it was removed in April 2024 for that reason), so the line appears on every server. When the legacy connector really lacks SigningCertificate, every challenge check fails and NDESPlugin.log says so (NDES-CRP-SIGNING-CERT-MISSING).',
    causes: [
      'The server runs the unified Certificate Connector (nothing to fix).',
      'Legacy connector: the connector service is not running or cannot reach Intune, so the download never happened.',
      'Legacy connector: the connector was not registered (sign-in not completed).',
    ],
    fix: [
      'Check which connector is installed: the unified connector has the PFXCertificateConnectorSvc service; if so, ignore this line and use the current script (aka.ms/NDESValidatorPS1).',
      'Legacy connector: restart the Intune Connector Service and check the registry values again (copy the query with the quick fix).',
      'If they stay missing, fix the network path to Intune (proxy, firewall) and re-run the connector sign-in.',
    ],
    verify: ['Run the script again; the values exist and NDESPlugin.log shows "Verify challenge returns true".'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.policyModule],
    remediation: {
      label: 'query the NDESConnector registry values',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector"',
    },
    samples: {
      positive: [cm('SigningCertificate registry key exists but has no value', 2), cm('KeyRecoveryAgentCertificate missing Value', 2), 'WARNING: KeyRecoveryAgentCertificate registry key exists but has no value'],
      negative: [cm('SigningCertificate registry key exists', 1), 'PfxSigningCertificate Registry key exists and has a value', cm('KeyRecoveryAgentCertificate Registry key does not exist.'), 'SigningCertificate Registry key does not exist'],
    },
  }),
  defineSignature({
    id: 'VAL-URL-UNEXPECTED',
    title: 'Validation: SCEP URL did not answer 403 as expected',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\bUnexpected Error code\.?\s*Expected:\s*403\s*\|\s*Received:\s*(?<code>\d+)/i,
        /\bExpected value is a 403\.?\s*We received a (?<code>\d+)/i,
      ],
    },
    message: 'The validation script expected 403 from the SCEP URL (the Intune policy module refusing an unauthenticated test) but received {code}.',
    meaning: 'When the Intune policy module is installed and working, a plain browser-style request to mscep.dll is refused with 403: that is the healthy answer. Any other status means the policy module is not in place: typically the connector is not registered, or the server was not restarted after the policy module was installed.',
    causes: [
      'The Intune connector is not installed or not registered with the tenant.',
      'The server has not been restarted since the connector / policy module was installed.',
      'NDES itself is failing (500/503): see the NDES event log.',
    ],
    fix: [
      'Check the connector is installed and registered, then restart the server.',
      'If the status is 500 or 503, check the SCEP application pool and NDES events 2 and 10.',
    ],
    verify: ['Run the script again: the URL test receives 403.'],
    link: SOURCES.validateNdesConfig,
    related: [SOURCES.validateNdesConfigMarkstan, SOURCES.deviceToNdes],
    samples: {
      positive: [cm('Unexpected Error code. Expected:403|Received:200'), 'Expected value is a 403. We received a 500'],
      negative: [cm('Received expected 403 error code', 1), 'Expected:403|Received:403 OK'],
    },
  }),
  defineSignature({
    id: 'VAL-LEGACY-SCRIPT-FALSE-POSITIVE',
    title: 'Old validation script: "Intune Connector not installed" on a unified-connector server',
    kind: 'failure', severity: 'info', stage: 3,
    formats: ['cmtrace-log', 'plain-text'],
    match: {
      patterns: [
        /\bError: Intune Connector not installed\b/i,
        /\bGet-ItemProperty\s*:/i,
      ],
      requires: [/\bError: Intune Connector not installed\b|\bHKLM:\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy\b/i],
    },
    message: 'The old Validate-NDESConfiguration script looks for the legacy connector: on a server with the Certificate Connector for Microsoft Intune this is a false positive.',
    meaning: 'The original script in powershell-intune-samples searches for the legacy product "Microsoft Intune Connector" and its registry layout (MSCEP\\Modules\\NDESPolicy). On a server with the unified Certificate Connector for Microsoft Intune both checks fail even though the connector works, so the script prints "Intune Connector not installed" and a Get-ItemProperty path error (localized on non-English systems). Only on a server with no connector at all is it a real finding.',
    fix: [
      'Use the current script (markstan/Validate-NDESConfiguration, aka.ms/NDESValidatorPS1), which knows the new connector.',
      'Treat these two lines as informational when the Certificate Connector for Microsoft Intune is installed.',
    ],
    link: SOURCES.val1Issue184,
    related: [SOURCES.validateNdesConfigMarkstan],
    samples: {
      positive: [
        'Error: Intune Connector not installed',
        "Get-ItemProperty : Cannot find path 'HKLM:\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy' because it does not exist.",
        "Get-ItemProperty : Impossible de trouver le chemin d'accès « HKLM:\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy », car il n'existe pas.",
      ],
      negative: [
        'Intune Connector installed: Certificate Connector for Microsoft Intune',
        "Get-ItemProperty : Cannot find path 'HKLM:\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP' because it does not exist.",
      ],
    },
  }),
];
