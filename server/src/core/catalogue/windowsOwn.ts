/**
 * Certificate work Windows does for itself on the NDES, CA or connector server, which no SCEP request
 * takes part in. Several rules (and the safety net for unknown failures) must tell it apart from
 * NDES's own, so the shapes live here once.
 */

/**
 * Windows' own certificate enrollment client (autoenrollment, certreq, the certificates console): its
 * sentence says what it enrolled for, its events name its provider (in any export, pasted too).
 */
export const WINDOWS_ENROLLMENT = /\b(?:Automatic )?certificate enrollment for [^\r\n()]{1,120}? failed\b|\bCertificateServicesClient-(?:AutoEnrollment|CertEnroll)\b/i;

/** Windows Update's certificate trust lists (CAPI2 events 11 and 4107 name the cab they could not check). */
export const WINDOWS_ROOT_UPDATE = /\b(?:third-party root list|auto update cab|(?:authroot|disallowedcert|pinrules)stl\.cab)\b/i;

/**
 * The processes whose chain checks are NDES's: IIS's worker (the SCEP application and the policy
 * module), LSASS (Schannel, the SSL certificate), the CA, and the connectors (unified or legacy).
 */
const NDES_PROCESSES = String.raw`(?:w3wp|lsass|certsrv|Microsoft\.Intune\.[\w.]{1,80}|PFXCertificateConnector\w{0,40}|NDESConnector\w{0,40})\.exe`;

/** A CAPI2 Operational event naming a process of its own: another program checked its own certificate. */
export const OTHER_PROCESS = new RegExp(String.raw`<EventAuxInfo ProcessName=["'](?!${NDES_PROCESSES}["'])[^"'<>]{1,260}["']`, 'i');

/** A CAPI2 Operational event naming one of NDES's processes. */
export const NDES_PROCESS = new RegExp(String.raw`<EventAuxInfo ProcessName=["']${NDES_PROCESSES}["']`, 'i');
