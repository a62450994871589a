import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

/**
 * NDES's own web pages as a browser or a SCEP proxy sees them: the mscep_admin page that hands out
 * challenge passwords answers with a sentence instead of a password. Each pairs with an NDES event
 * of the same minute on the server.
 */
export const NDES_PAGES: readonly Signature[] = [
  defineSignature({
    id: 'NDES-ADMIN-PASSWORD-CACHE-FULL',
    title: 'mscep_admin: "The password cache is full."',
    kind: 'failure', severity: 'error', stage: 3,
    formats: ['plain-text'],
    match: { patterns: [/\bThe password cache is full\b/i] },
    message: 'NDES would not hand out another challenge password: its cache of unused passwords is full.',
    meaning: 'With per-request challenges NDES keeps every password it issued on the mscep_admin page until a device uses it or it expires (60 minutes by default). When the cache holds its maximum (5 by default), the page shows this sentence instead of a new password, so every further enrollment that needs a challenge fails until one is used or expires. Tools that fetch challenges automatically (SCEP proxies) exhaust it quickly. Intune\'s own SCEP flow does not use this page.',
    causes: [
      'More challenges were requested than devices used within the password lifetime (retries, a proxy asking per attempt).',
      'The cache size (PasswordMax) is too small for the number of parallel enrollments.',
    ],
    fix: [
      'Wait for unused passwords to expire (PasswordValidity, 60 minutes by default), or restart IIS to empty the cache.',
      'Raise PasswordMax under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP (and PasswordValidity if needed), then restart IIS.',
    ],
    verify: ['The mscep_admin page shows "The enrollment challenge password is:" with a new password.'],
    remediation: {
      label: 'show the NDES password cache settings',
      text: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP" /v PasswordMax\nreg query "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP" /v PasswordValidity',
    },
    unconfirmed: 'The registry value names PasswordMax and PasswordValidity come from NDES administration guides, not from the source that shows the page text.',
    link: SOURCES.fleetScepProxy,
    samples: {
      positive: ['The password cache is full.', 'NDES challenge request failed: parsing challenge from response: the password cache is full'],
      negative: ['The enrollment challenge password is: <B> 8A1D2C3B4E5F6A7B </B>', 'The password cache was cleared.'],
    },
  }),
  defineSignature({
    id: 'NDES-ADMIN-NO-ENROLL-PERMISSION',
    title: 'mscep_admin: "You do not have sufficient permission to enroll with SCEP."',
    kind: 'failure', severity: 'error', stage: 4,
    formats: ['plain-text'],
    match: { patterns: [/\bYou do not have sufficient permission to enroll with SCEP\b/i] },
    message: 'The account that opened mscep_admin may not enroll for the NDES template, so NDES gives it no challenge password.',
    meaning: 'Before showing a challenge, NDES checks that the signed-in account has Enroll permission on the template it is configured for and that the CA issues that template. This sentence is the browser-side view of NDES event 6, which NDES logs at the same time.',
    causes: [
      'The account lacks Read and Enroll on the certificate template named in the MSCEP registry values.',
      'The CA does not issue that template (not published, or the registry names another template).',
    ],
    fix: [
      'Give the account used for mscep_admin Read and Enroll on the SCEP template, or use an account that has them.',
      'Check the template is published on the CA (certutil -CATemplates) and named in HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP.',
    ],
    pointsTo: ['NDES-EVT-6-NO-ENROLL-PERMISSION'],
    link: SOURCES.fleetScepProxy,
    related: [SOURCES.gradOverview],
    samples: {
      positive: ['You do not have sufficient permission to enroll with SCEP.'],
      negative: ['You do not have permission to view this directory or page.', 'The enrollment challenge password is:'],
    },
  }),
];
