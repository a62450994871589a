import { httpStatusOf } from '../records';
import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

/** Stage 2, device → NDES: the IIS W3C log of the NDES server. */
export const DEVICE_TO_NDES: readonly Signature[] = [
  defineSignature({
    id: 'NDES-IIS-MSCEP-OK',
    title: 'Device reached NDES (SCEP operation answered 200)',
    kind: 'evidence', severity: 'info', stage: 2,
    formats: ['iis-w3c-log'],
    match: {
      patterns: [
        /\b(?:GET|POST)\s+\/certsrv\/mscep\/mscep\.dll\/pkiclient\.exe(?=\s)/i,
        /\b(?:GET|POST)\s+\/certsrv\/mscep\/mscep\.dll\s+operation=(?:GetCACaps|GetCACert|PKIOperation)\b/i,
      ],
      when: (record) => {
        const http = httpStatusOf(record);
        return http !== undefined && http.status === 200 && http.substatus === 0 && http.win32 === 0;
      },
    },
    message: 'Success marker: a SCEP client reached the NDES server and got 200 for a SCEP operation.',
    meaning: 'A device (or a test client) reached the NDES ISAPI extension mscep.dll and received HTTP 200 for a SCEP operation. GetCACaps and GetCACert come first; PKIOperation carries the certificate request with its challenge. This is stage 2 (device to NDES) working.',
    verify: ['If a device you expect is missing from these lines, its request never reached IIS: check DNS, the reverse proxy or Application Proxy in front of NDES, and the SCEP URL in the profile.'],
    link: SOURCES.deviceToNdes,
    related: [SOURCES.policyModule],
    samples: {
      positive: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.9.8.7 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 12',
        'GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=MIIK 443 - 10.9.8.7 profiled/1.0+CFNetwork/1410.0.3+Darwin/22.6.0 - 200 0 0 2713 1296',
      ],
      negative: [
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll - 443 - 10.9.8.7 Mozilla/5.0 - 403 0 0 12',
        '2024-03-05 08:14:02 10.1.2.3 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIK 443 - 10.9.8.7 Dalvik/2.1.0 - 500 0 1346 31',
      ],
    },
  }),
];
