import type { SourceLink } from './define';

/** The pages the catalogue cites (signatures.md, "Full source list"). Links go only here. */
export const SOURCES = {
  deviceToNdes: {
    title: 'Troubleshoot device to NDES server communication (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes',
  },
  policyModule: {
    title: 'Troubleshoot the NDES policy module in Microsoft Intune (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module',
  },
  kb4487170: {
    title: 'SCEP certificate request fails during the verification phase (KB 4487170, Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/scep-certificate-request-fails',
  },
  reporting: {
    title: 'Troubleshoot SCEP certificate reporting to Intune (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-reporting',
  },
  scepOverview: {
    title: 'Troubleshoot SCEP certificate profiles (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-profiles',
  },
  iisStatus: {
    title: 'HTTP status codes in IIS (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/www-administration-management/http-status-code',
  },
  winhttpErrors: {
    title: 'WinHTTP error messages (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages',
  },
  winhttpCallback: {
    title: 'WINHTTP_STATUS_CALLBACK (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/win32/api/winhttp/nc-winhttp-winhttp_status_callback',
  },
  comErrors: {
    title: 'COM error codes: security and setup (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/win32/com/com-error-codes-4',
  },
  connectorEvents: {
    title: 'Certificate connector events and diagnostic codes (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-certificate-connector-events',
  },
  kb283218: {
    title: 'The CA cannot use the certificate template (KB 283218, Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/ca-cant-use-certificate-template',
  },
  pkcs: {
    title: 'Troubleshoot PKCS certificate profiles in Intune (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-pkcs-certificate-profiles',
  },
  kb0x80094800: {
    title: 'Devices do not receive SCEP certificates, error 0x80094800 (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/devices-receive-scep-certificates-error-0x80094800',
  },
  scepConfigure: {
    title: 'Configure infrastructure to support SCEP with Intune (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/intune/intune-service/protect/certificates-scep-configure',
  },
  gradEvt21: {
    title: 'Event 21 of Microsoft-Windows-CertificationAuthority (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-21-of-the-source-microsoft-windows-certificationauthority/',
  },
  gradEvt22: {
    title: 'Event 22 of Microsoft-Windows-CertificationAuthority (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-22-of-the-source-microsoft-windows-certificationauthority/',
  },
  gradEvt44: {
    title: 'Event 44 of Microsoft-Windows-CertificationAuthority (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-44-of-the-source-microsoft-windows-certificationauthority/',
  },
  technetEvt44: {
    title: 'AD CS: the policy module could not be loaded or initialized (Microsoft Learn, previous versions)',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/cc774512(v=ws.10)',
  },
  kbRpc: {
    title: 'Certificate enrollment fails with error 0x800706ba (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/error-0x800706ba-certificate-enrollment',
  },
  tamemycerts29: {
    title: 'TameMyCerts issue 29: event 53 examples (GitHub)',
    url: 'https://github.com/Sleepw4lker/TameMyCerts/issues/29',
  },
  kb80004003: {
    title: 'NDES connector sign-in fails with error 0x80004003 (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/ndes-connector-signin-error-80004003',
  },
  dep: {
    title: 'Troubleshoot SCEP certificate profile deployment (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-profile-deployment',
  },
  del: {
    title: 'Troubleshoot SCEP certificate delivery (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-delivery',
  },
  oktaHash: {
    title: 'SCEP profile error "The hash value is not correct" (Okta knowledge base)',
    url: 'https://support.okta.com/help/s/article/device-management-scep-profile-error-scep-certificate-enroll-failed-result-the-hash-value-is-not-correct',
  },
  micromdm238: {
    title: 'micromdm/scep issue 238: Windows SCEP enrollment failure (GitHub)',
    url: 'https://github.com/micromdm/scep/issues/238',
  },
  goWindows: {
    title: 'golang.org/x/sys/windows: HTTP_E_STATUS_NOT_FOUND and other constants (pkg.go.dev)',
    url: 'https://pkg.go.dev/golang.org/x/sys/windows',
  },
  gradEvt86: {
    title: 'Event 86 of Microsoft-Windows-CertificateServicesClient-CertEnroll (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-86-of-the-source-microsoft-windows-certificate-services-client-certenroll/',
  },
  gradEvt87: {
    title: 'Event 87 of Microsoft-Windows-CertificateServicesClient-CertEnroll (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-87-of-the-source-microsoft-windows-certificate-services-client-certenroll/',
  },
  iosNoGetcacaps: {
    title: 'iOS SCEP enrollment fails: no GetCACaps request (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/ios-scep-failure-no-getcacaps',
  },
  sscep156: {
    title: 'certnanny/sscep issue 156: pkistatus FAILURE against NDES (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/156',
  },
  sscep80: {
    title: 'certnanny/sscep issue 80 (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/80',
  },
  scepFailinfo: {
    title: 'X509SCEPFailInfo enumeration (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/win32/api/certpol/ne-certpol-x509scepfailinfo',
  },
  win3213001699: {
    title: 'System error codes 1300-1699 (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--1300-1699-',
  },
  dreaded210: {
    title: 'NDES and the dreaded 2 & 10 event IDs stating "The parameter is incorrect" (Microsoft Tech Community, mirror)',
    url: 'https://argonsys.com/microsoft-cloud/library/ndes-and-the-dreaded-2-10-event-ids-stating-the-parameter-is-incorrect/',
  },
  httpApiErrors: {
    title: 'Types of errors logged by the HTTP Server API (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api',
  },
  validateNdesUrl: {
    title: 'Validate-NDESUrl.ps1 (microsoftgraph/powershell-intune-samples, GitHub)',
    url: 'https://github.com/microsoftgraph/powershell-intune-samples/blob/master/CertificationAuthority/Validate-NDESUrl.ps1',
  },
  validateNdesConfig: {
    title: 'Validate-NDESConfiguration.ps1 (microsoftgraph/powershell-intune-samples, GitHub)',
    url: 'https://github.com/microsoftgraph/powershell-intune-samples/blob/master/CertificationAuthority/Validate-NDESConfiguration.ps1',
  },
  validateNdesConfigMarkstan: {
    title: 'Validate-NDESConfiguration (markstan, GitHub)',
    url: 'https://github.com/markstan/Validate-NDESConfiguration',
  },
  sscep82: {
    title: 'certnanny/sscep issue 82 (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/82',
  },
  sscep83: {
    title: 'certnanny/sscep issue 83: 2048-byte query limit (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/83',
  },
  sscep144: {
    title: 'certnanny/sscep issue 144: mscep_admin IIS log (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/144',
  },
  memdocs695: {
    title: 'MicrosoftDocs/memdocs issue 695: generic NDES page (GitHub)',
    url: 'https://github.com/MicrosoftDocs/memdocs/issues/695',
  },
  gradEvt2: {
    title: 'Details of the event with ID 2 of the source Microsoft-Windows-NetworkDeviceEnrollmentService (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-2-of-the-source-microsoft-windows-networkdeviceenrollmentservice/',
  },
  gradEvt10: {
    title: 'Details of the event with ID 10 of the source Microsoft-Windows-NetworkDeviceEnrollmentService (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-10-from-the-source-microsoft-windows-networkdeviceenrollmentservice/',
  },
  gradEvt31: {
    title: 'Details of the event with ID 31 of the source Microsoft-Windows-NetworkDeviceEnrollmentService (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-31-of-the-source-microsoft-windows-networkdeviceenrollmentservice/',
  },
  gradOverview: {
    title: 'Overview of Windows events generated by the Network Device Enrollment Service (gradenegger.eu)',
    url: 'https://www.gradenegger.eu/en/overview-of-windows-events-generated-by-the-network-device-registration-service-ndes/',
  },
  gradEvt1618: {
    title: 'NDES event texts 16, 17 and 18 (gradenegger.eu, NDES category)',
    url: 'https://gradenegger.eu/en/category/ndes/page/5',
  },
  kb2800975: {
    title: 'Http error 500.0 when generating the NDES enrollment challenge password on Windows Server 2012 (KB 2800975, Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/http-error-500-internal-server-error',
  },
  encryptedPasswordBlog: {
    title: 'NDES EncryptedPassword (Microsoft Learn archive blog)',
    url: 'https://learn.microsoft.com/en-us/archive/blogs/jeffbutte/ndes-encryptedpassword',
  },
  ccPrerequisites: {
    title: 'Certificate Connector for Microsoft Intune prerequisites (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-prerequisites',
  },
  validateReadme: {
    title: 'CertificationAuthority samples Readme: Validate-NDESUrl.ps1 and event 17 (microsoftgraph, GitHub)',
    url: 'https://github.com/microsoftgraph/powershell-intune-samples/blob/master/CertificationAuthority/Readme.md',
  },
  sscep60: {
    title: 'certnanny/sscep issue 60: event 18 with 0x80090005 (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/60',
  },
  sscep46: {
    title: 'certnanny/sscep issue 46: password cannot be verified (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/46',
  },
  memdocs2608: {
    title: 'MicrosoftDocs/memdocs issue 2608: connector proxy without http:// (GitHub)',
    url: 'https://github.com/MicrosoftDocs/memdocs/issues/2608',
  },
  memdocsPr21: {
    title: 'MicrosoftDocs/memdocs pull request 21: w3wp crash with an expired certificate (GitHub)',
    url: 'https://github.com/MicrosoftDocs/memdocs/pull/21',
  },
  win10AfterCaRenewal: {
    title: 'SCEP deployment to Windows 10 devices fails after you renew the CA certificate (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/scep-deployment-to-win10-devices-fails',
  },
  cannotAssignScep: {
    title: 'You can\'t assign SCEP certificates to devices after a certificate renewal (KB 4045957, Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/cannot-assign-scep-certificates',
  },
  crpVerify500: {
    title: 'HTTP 500 errors on CertificateRegistrationSvc verify request (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/certificateregistrationsvc-verify-request-error',
  },
  kb0x80090014: {
    title: 'Error 0x80090014 when installing the NDES connector certificate (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/error-0x80090014-installing-ndes-certificate',
  },
  kbSiteNotFound: {
    title: 'Connector setup wizard ends prematurely (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/connector-setup-wizard-ends-prematurely',
  },
  intunedocs1277: {
    title: 'IntuneDocs issue 1277: ADsGetObject failed during connector setup (GitHub)',
    url: 'https://github.com/MicrosoftDocs/IntuneDocs/issues/1277',
  },
  memdocs654: {
    title: 'memdocs issue 654: run the connector installer as administrator (GitHub)',
    url: 'https://github.com/MicrosoftDocs/memdocs/issues/654',
  },
  cco: {
    title: 'Certificate Connector for Microsoft Intune overview: event IDs (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-overview',
  },
  ccInstall: {
    title: 'Install the Certificate Connector for Microsoft Intune (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-install',
  },
  val1Issue184: {
    title: 'powershell-intune-samples issue 184: script reports the new connector as missing (GitHub)',
    url: 'https://github.com/microsoftgraph/powershell-intune-samples/issues/184',
  },
  // Researched for issue 19 (knowledge breadth).
  fleetScepProxy: {
    title: 'fleetdm/fleet: how an NDES mscep_admin answer is read (scep_proxy.go, GitHub)',
    url: 'https://github.com/fleetdm/fleet/blob/main/ee/server/service/scep_proxy.go',
  },
  caEvt9: {
    title: 'Event ID 9: AD CS policy module processing (Microsoft Learn, previous versions)',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/cc726372(v=ws.10)',
  },
  certExpiredBlog: {
    title: 'The story of 0x800b0101 CERT_E_EXPIRED on a CA server (Microsoft Learn archive)',
    url: 'https://learn.microsoft.com/en-us/archive/blogs/instan/why-living-in-the-future-is-bad-when-youre-a-ca-server-aka-the-story-of-0x800b0101-cert_e_expired',
  },
  scepy1: {
    title: 'mosen/SCEPy issue 1: iOS does not accept the SCEP response (GitHub)',
    url: 'https://github.com/mosen/SCEPy/issues/1',
  },
  micromdm453: {
    title: 'micromdm/micromdm issue 453: "The SCEP server returned an invalid response" (GitHub)',
    url: 'https://github.com/micromdm/micromdm/issues/453',
  },
  iosCertEnrollment2: {
    title: 'nolanbrown/ios-cert-enrollment issue 2: "The SCEP server configuration is not supported" (GitHub)',
    url: 'https://github.com/nolanbrown/ios-cert-enrollment/issues/2',
  },
  micromdm436: {
    title: 'micromdm/micromdm issue 436: macOS SCEPRequestCertSignature error (GitHub)',
    url: 'https://github.com/micromdm/micromdm/issues/436',
  },
  scep248: {
    title: 'micromdm/scep issue 248: scepclient against NDES, failInfo badMessageCheck (GitHub)',
    url: 'https://github.com/micromdm/scep/issues/248',
  },
  scepclientSource: {
    title: 'micromdm/scep: scepclient error messages (cmd/scepclient/scepclient.go, GitHub)',
    url: 'https://github.com/micromdm/scep/blob/main/cmd/scepclient/scepclient.go',
  },
  sscepHeader: {
    title: 'certnanny/sscep: failInfo texts (src/sscep.h, GitHub)',
    url: 'https://github.com/certnanny/sscep/blob/master/src/sscep.h',
  },
  sscepFileutils: {
    title: 'certnanny/sscep: local file and key errors (src/fileutils.c, GitHub)',
    url: 'https://github.com/certnanny/sscep/blob/master/src/fileutils.c',
  },
  scep158: {
    title: 'micromdm/scep issue 158: "pkcs7: No certificate for signer" against NDES (GitHub)',
    url: 'https://github.com/micromdm/scep/issues/158',
  },
  scep122: {
    title: 'micromdm/scep issue 122: a CertRep without the CA certificates (GitHub)',
    url: 'https://github.com/micromdm/scep/issues/122',
  },
  sscep126: {
    title: 'certnanny/sscep issue 126: sscep stops on an unexpected Content-Type (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/126',
  },
  sscep157: {
    title: 'certnanny/sscep issue 157: "error verifying signature" on Red Hat 9 (GitHub)',
    url: 'https://github.com/certnanny/sscep/issues/157',
  },
  jscep49: {
    title: 'jscep issue 49: "Could not create DES cipher" against NDES (GitHub)',
    url: 'https://github.com/seize-the-dave/jscep/issues/49',
  },
  anoopAppProxy: {
    title: 'Intune SCEP HTTP errors, Application Proxy 502 Bad Gateway (anoopcnair.com)',
    url: 'https://www.anoopcnair.com/intune-scep-http-errors-ts-made-easy-with-joy-5/',
  },
  maesterConnectors: {
    title: 'Maester MT.1097: Intune certificate connectors healthy and supported (GitHub)',
    url: 'https://github.com/maester365/maester/blob/main/powershell/public/maester/intune/Test-MtCertificateConnectors.ps1',
  },
  markstanScript: {
    title: 'Validate-NDESConfiguration (markstan): RA certificate and connector checks (GitHub)',
    url: 'https://github.com/markstan/Validate-NDESConfiguration/blob/main/Validate-NDESConfiguration.ps1',
  },
  ccLifecycle: {
    title: 'Certificate Connector for Microsoft Intune: lifecycle and supported versions (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-overview#lifecycle',
  },
  caPolicyModuleEvents: {
    title: 'AD CS policy module processing: the events it logs (Microsoft Learn, previous versions)',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/cc726364(v=ws.10)',
  },
  sscepPkcs7: {
    title: 'certnanny/sscep: reply signature and signer checks (src/pkcs7.c, GitHub)',
    url: 'https://github.com/certnanny/sscep/blob/master/src/pkcs7.c',
  },
} as const satisfies Record<string, SourceLink>;
