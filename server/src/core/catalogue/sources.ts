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
} as const satisfies Record<string, SourceLink>;
