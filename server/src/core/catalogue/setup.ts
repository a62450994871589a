import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

/** The legacy connector installer's verbose MSI log, SetupMsi.log (C:\NDESConnectorSetup\). */
export const SETUP: readonly Signature[] = [
  defineSignature({
    id: 'SETUP-MSI-SUCCESS',
    title: 'Connector installation completed',
    kind: 'evidence', severity: 'info', stage: 3,
    formats: ['setupmsi-log', 'plain-text'],
    match: {
      patterns: [
        /\bProduct: Microsoft Intune Connector -- Installation completed successfully\b/i,
        /\bInstallation success or error status: 0(?![\d,])/i,
      ],
      // Every product Windows Installer sets up ends with this sentence: only the connector's own
      // (its product name holds "Intune", as in Microsoft's SetupMsi.log line) is evidence for stage 3.
      requires: [/\bProduct(?: Name)?:[^.\r\n]{0,120}\bIntune\b/i],
    },
    message: 'Success marker: the installer finished without error (status 0).',
    meaning: 'Windows Installer ended the Microsoft Intune Connector setup successfully: the final status 0 means every custom action (certificate key permissions, IIS configuration, service account lookup) completed. Setup problems are ruled out; look at the connector\'s own logs next.',
    verify: ['The Intune Connector Service is installed and running (services.msc), and the connector UI can sign in.'],
    link: SOURCES.deviceToNdes,
    samples: {
      positive: [
        'MSI (s) (3C:1A) [10:05:01:123]: Product: Microsoft Intune Connector -- Installation completed successfully.',
        'MSI (s) (3C:1A) [10:05:01:124]: Windows Installer installed the product. Product Name: Microsoft Intune Connector. Product Version: 6.2101.13.0. Product Language: 1033. Manufacturer: Microsoft Corporation. Installation success or error status: 0.',
      ],
      negative: [
        'MSI (s) (3C:1A) [10:05:01:124]: Windows Installer installed the product. Product Name: Microsoft Intune Connector. Installation success or error status: 1603.',
        'MSI (s) (3C:1A) [10:05:01:123]: Product: Microsoft Intune Connector -- Installation failed.',
        'MSI (s) (08:18) [22:48:50:218]: Windows Installer installed the product. Product Name: Contoso Backup Agent. Product Version: 4.2.1.0. Product Language: 1033. Manufacturer: Contoso Ltd. Installation success or error status: 0.',
      ],
    },
  }),
  defineSignature({
    id: 'SETUP-MSI-0x80090014-CERT-KEY',
    title: 'Installer cannot use the certificate key: CNG/KSP key (0x80090014)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['setupmsi-log', 'plain-text'],
    match: {
      patterns: [/\bAddNDESToCertPrivKey:\s+Error 0x80090014: CryptAcquireContext failed\b/i],
    },
    message: 'Setup could not open the private key of the NDES certificate (0x80090014, NTE_BAD_PROV_TYPE): the certificate has a CNG (KSP) key, but the connector needs a legacy CSP key.',
    meaning: 'During installation the custom action AddNDESToCertPrivKey grants the NDES service account access to the private key of the certificate chosen for the connector. It opens the key with the legacy CryptoAPI, which fails with 0x80090014 when the key lives in a Key Storage Provider (certificates from a version 3 / CNG template). The installer then rolls back with error 1603.',
    causes: ['The client authentication / SSL certificate selected for the connector was issued from a version 3 (CNG) template, so its key is in a KSP instead of a CSP.'],
    fix: [
      'Duplicate the Web Server template keeping compatibility at Windows Server 2003 (a version 2 template, which uses a legacy CSP), add Client Authentication to its Application Policies, and allow Read/Enroll for the NDES server.',
      'Enroll the NDES server for a new certificate from that template and bind it in IIS.',
      'Run the connector setup again and select the new certificate.',
    ],
    verify: ['SetupMsi.log ends with "Installation success or error status: 0."'],
    link: SOURCES.kb0x80090014,
    remediation: {
      label: 'show which provider holds the key of each machine certificate',
      text: 'certutil -store my',
    },
    samples: {
      positive: [
        'AddNDESToCertPrivKey: Error 0x80090014: CryptAcquireContext failed. Error hr = 80090014lx',
      ],
      negative: [
        'CustomAction AddNDESToCertPrivKey returned actual error code 1603',
        'AddNDESToCertPrivKey: Error 0x80090016: CryptAcquireContext failed.',
      ],
    },
  }),
  defineSignature({
    id: 'SETUP-MSI-IIS-SITE-NOT-FOUND',
    title: 'Installer cannot find the Default Web Site (0x80070002)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['setupmsi-log', 'plain-text'],
    match: {
      patterns: [/\bWriteIIS7ConfigChanges:\s+Error 0x80070002: Site not found for create application\b/i],
    },
    message: 'Setup could not create its IIS application: the IIS site it looks for ("Default Web Site") was not found, probably because it was renamed.',
    meaning: 'The connector installer adds its web application (the certificate registration point) under the IIS site named "Default Web Site". When that site (ID 1) has another name, the custom action WriteIIS7ConfigChanges fails with 0x80070002 (not found) and the wizard reports that it "ended prematurely because of an error".',
    causes: ['The IIS site with ID 1 was renamed from "Default Web Site".'],
    fix: [
      'In IIS Manager rename the site with ID 1 back to "Default Web Site".',
      'Run the connector setup again.',
    ],
    verify: ['Setup completes and CertificateRegistrationSvc appears as an application under Default Web Site.'],
    link: SOURCES.kbSiteNotFound,
    remediation: {
      label: 'list the IIS sites with their IDs',
      text: '%windir%\\system32\\inetsrv\\appcmd.exe list site',
    },
    samples: {
      positive: ['WriteIIS7ConfigChanges:  Error 0x80070002: Site not found for create application'],
      negative: [
        'WriteIIS7ConfigChanges:  Error 0x80070005: Access is denied.',
        'Site not found for create application',
      ],
    },
  }),
  defineSignature({
    id: 'SETUP-MSI-ADSGETOBJECT-ACCESS-DENIED',
    title: 'Installer cannot read the NDES service account in AD (0x80070005)',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['setupmsi-log', 'plain-text'],
    match: {
      patterns: [/\bGetNDESAccountName:\s+Error 0x80070005: ADsGetObject failed\b/i],
    },
    message: 'Setup was denied access (0x80070005) when it looked up the NDES service account in Active Directory.',
    meaning: 'The connector installer reads the NDES service account from Active Directory (custom action GetNDESAccountName, using ADsGetObject). Access was denied, so setup stops. The installing account lacked the rights, or setup was not started elevated.',
    causes: [
      'Setup was not run from an elevated prompt ("Run as administrator").',
      'The installing account cannot read the service account\'s object in Active Directory; a user solved it by installing as a domain administrator.',
    ],
    fix: [
      'Start the connector installer with "Run as administrator".',
      'If it still fails, install with an account that can read the NDES service account in AD (for example a domain administrator).',
    ],
    unconfirmed: 'That a domain administrator account is needed comes from a single user report, not from Microsoft.',
    link: SOURCES.intunedocs1277,
    related: [SOURCES.memdocs654],
    samples: {
      positive: ['GetNDESAccountName:  Error 0x80070005: ADsGetObject failed'],
      negative: [
        'GetNDESAccountName:  Error 0x8007054b: ADsGetObject failed',
        'GetNDESAccountName: NDES account is CONTOSO\\svc-ndes',
      ],
    },
  }),
];
