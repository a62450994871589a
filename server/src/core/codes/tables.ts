/**
 * Code knowledge base for NDES Lens.
 *
 * Pure data (plus a few pure numeric helpers): no editor, LSP or Node imports.
 * Facts come from /work/shared/spec/codes.md (each table names its source there); every `meaning`,
 * `ndesContext` and `caveat` is our own wording. Decimal forms of HRESULTs are never typed in: use
 * `toUnsigned32` / `toSigned32` on the hex value.
 */

// ---------------------------------------------------------------------------------------------
// Sources (URLs exactly as cited in codes.md / signatures.md)
// ---------------------------------------------------------------------------------------------

export const SRC = {
  winhttpErrors: 'https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages',
  winhttpCallback: 'https://learn.microsoft.com/en-us/windows/win32/api/winhttp/nc-winhttp-winhttp_status_callback',
  comErrors: 'https://learn.microsoft.com/en-us/windows/win32/com/com-error-codes-4',
  /** winerror.h constants as mirrored by the Go x/sys/windows package (used by codes.md's fact-check pass). */
  goWindows: 'https://pkg.go.dev/golang.org/x/sys/windows',
  win32_1300: 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--1300-1699-',
  iisStatus: 'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/www-administration-management/http-status-code',
  httpSysErrors: 'https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api',
  scepDisposition: 'https://learn.microsoft.com/en-us/windows/win32/api/certpol/ne-certpol-x509scepdisposition',
  scepFailInfo: 'https://learn.microsoft.com/en-us/windows/win32/api/certpol/ne-certpol-x509scepfailinfo',
  enrollStatus: 'https://learn.microsoft.com/en-us/windows/win32/api/certenroll/ne-certenroll-enrollmentenrollstatus',
  connectorEvents: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-certificate-connector-events',
  connectorOverview: 'https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-overview',
  gradNdesOverview: 'https://www.gradenegger.eu/en/overview-of-windows-events-generated-by-the-network-device-registration-service-ndes/',
  gradNdes2: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-2-of-the-source-microsoft-windows-networkdeviceenrollmentservice/',
  gradNdes10: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-10-from-the-source-microsoft-windows-networkdeviceenrollmentservice/',
  gradNdes31: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-31-of-the-source-microsoft-windows-networkdeviceenrollmentservice/',
  gradCa21: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-21-of-the-source-microsoft-windows-certificationauthority/',
  gradCa22: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-22-of-the-source-microsoft-windows-certificationauthority/',
  gradCa44: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-44-of-the-source-microsoft-windows-certificationauthority/',
  gradCertEnroll86: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-86-of-the-source-microsoft-windows-certificate-services-client-certenroll/',
  gradCertEnroll87: 'https://www.gradenegger.eu/en/details-of-the-event-with-id-87-of-the-source-microsoft-windows-certificate-services-client-certenroll/',
  sscep156: 'https://github.com/certnanny/sscep/issues/156',
  jeffbutteEncryptedPassword: 'https://learn.microsoft.com/en-us/archive/blogs/jeffbutte/ndes-encryptedpassword',
  kb283218: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/ca-cant-use-certificate-template',
  pkcs: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-pkcs-certificate-profiles',
  deviceToNdes: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes',
  policyModule: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module',
  profileDeployment: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-profile-deployment',
  delivery: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-delivery',
  win10Fails: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/scep-deployment-to-win10-devices-fails',
  oktaHash: 'https://support.okta.com/help/s/article/device-management-scep-profile-error-scep-certificate-enroll-failed-result-the-hash-value-is-not-correct',
  crpVerifyError: 'https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/certificateregistrationsvc-verify-request-error',
  rpc800706ba: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/error-0x800706ba-certificate-enrollment',
  /** Documents HRESULT_FROM_WIN32 (0x8007xxxx = Win32 code in the low 16 bits). Not cited in codes.md; used for the generic rule only. */
  hresultFromWin32: 'https://learn.microsoft.com/en-us/windows/win32/api/winerror/nf-winerror-hresult_from_win32',
} as const;

// ---------------------------------------------------------------------------------------------
// Entry shapes
// ---------------------------------------------------------------------------------------------

/** Fields every table entry carries. */
export interface CodeInfo {
  /** What the code means, in our words. */
  readonly meaning: string;
  /** What it usually means for SCEP / NDES / Intune connectors, in our words. */
  readonly ndesContext?: string;
  /** URL of the source the facts were taken from. */
  readonly source: string;
  /** Set when codes.md marks the fact (or part of it) UNCONFIRMED. */
  readonly unconfirmed?: true;
  /** What exactly is unconfirmed or needs care. */
  readonly caveat?: string;
}

/** §1 WinHTTP error numbers (12xxx). */
export interface WinHttpErrorEntry extends CodeInfo {
  readonly code: number;
  readonly name: string;
}

/** §2 WINHTTP_CALLBACK_STATUS_FLAG_* bits. */
interface WinHttpFlagEntry extends CodeInfo {
  readonly name: string;
  readonly value: number;
}

type HresultGroup = 'trust' | 'revocation' | 'certsrv' | 'cryptoapi' | 'win32-com' | 'http-facility';

/** §3a–3f HRESULTs. `value` is the unsigned 32-bit value written as a hex literal. */
export interface HresultEntry extends CodeInfo {
  readonly value: number;
  readonly symbol?: string;
  readonly group: HresultGroup;
  /** For 0x8007xxxx rows: the wrapped Win32 code. */
  readonly win32?: number;
  /** For 0x8019xxxx rows: the HTTP status in the low 16 bits. */
  readonly httpStatus?: number;
}

/** §3g device-management status values. */
export interface DmStatusEntry extends CodeInfo {
  readonly value: number;
  readonly symbol: string;
}

/** §4 Win32 error codes that appear bare. */
export interface Win32Entry extends CodeInfo {
  readonly code: number;
  readonly symbol: string;
}

/** §5 IIS status (`substatus` absent = meaning of the status as a whole). */
export interface IisStatusEntry extends CodeInfo {
  readonly status: number;
  readonly substatus?: number;
  readonly title: string;
}

type HttpSysReasonCategory = 'unavailable' | 'abandoned' | 'length' | 'parse' | 'timeout';

/** §5 http.sys HTTPERR reason phrases. */
export interface HttpSysReasonEntry extends CodeInfo {
  readonly reason: string;
  readonly category: HttpSysReasonCategory;
}

export type ScepStatusField = 'PkiStatus' | 'FailInfo' | 'EnrollStatus';

/** §6 SCEP protocol status values. */
export interface ScepStatusEntry extends CodeInfo {
  readonly field: ScepStatusField;
  readonly enumName: 'X509SCEPDisposition' | 'X509SCEPFailInfo' | 'EnrollmentEnrollStatus';
  readonly value: number;
  readonly name: string;
}

/** §7 legacy Intune connector diagnostic codes. */
export interface ConnectorDiagEntry extends CodeInfo {
  readonly value: number;
  readonly name: string;
}

export type EventLogId =
  | 'ndes'
  | 'ca'
  | 'unified-connector'
  | 'legacy-connector'
  | 'device-dm'
  | 'certenroll'
  | 'capi2'
  | 'application-error'
  | 'aspnet'
  | 'was'
  | 'dcom';

/** §7–§11 Windows event ids. */
export interface EventEntry extends CodeInfo {
  readonly id: number;
  readonly log: EventLogId;
  /** Symbolic / metric name where known (e.g. EVENT_MSCEP_FAIL_SUBMIT, ScepVerifyFailure). */
  readonly name?: string;
  /** Channel where the source distinguishes several (Admin / Operational). */
  readonly channel?: string;
}

export interface EventLogInfo {
  readonly id: EventLogId;
  readonly label: string;
  /** Provider, channel or source names that identify this log when they appear in the text (case-sensitive). */
  readonly names: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Numeric helpers (pure)
// ---------------------------------------------------------------------------------------------

/** Unsigned 32-bit value (what IIS prints in sc-win32-status). */
export function toUnsigned32(value: number): number {
  return value >>> 0;
}

/** Signed 32-bit value (what CA events / certutil print in brackets). */
export function toSigned32(value: number): number {
  return value | 0;
}

/** Canonical HRESULT text: `0x` + 8 upper-case hex digits. */
export function hex8(value: number): string {
  return '0x' + toUnsigned32(value).toString(16).toUpperCase().padStart(8, '0');
}

/** HRESULT_FROM_WIN32 for a positive Win32 code (0 stays 0). */
export function hresultFromWin32(code: number): number {
  return code <= 0 ? toUnsigned32(code) : toUnsigned32(0x80070000 | (code & 0xffff));
}

// ---------------------------------------------------------------------------------------------
// §1 WinHTTP errors
// ---------------------------------------------------------------------------------------------

const WH = SRC.winhttpErrors;

export const WINHTTP_ERRORS: readonly WinHttpErrorEntry[] = [
  { code: 12001, name: 'ERROR_WINHTTP_OUT_OF_HANDLES', meaning: 'Legacy code that current WinHTTP versions no longer return.', source: WH },
  { code: 12002, name: 'ERROR_WINHTTP_TIMEOUT', meaning: 'The request ran out of time; the timeout can also come from the TCP layer.', ndesContext: 'The caller (device, policy module or connector) got no answer in time: look at firewalls, proxies and a hung SCEP app pool.', source: WH },
  { code: 12004, name: 'ERROR_WINHTTP_INTERNAL_ERROR', meaning: 'WinHTTP hit an internal failure.', source: WH },
  { code: 12005, name: 'ERROR_WINHTTP_INVALID_URL', meaning: 'The URL handed to WinHTTP is malformed.', source: WH },
  { code: 12006, name: 'ERROR_WINHTTP_UNRECOGNIZED_SCHEME', meaning: 'The URL uses a scheme WinHTTP does not handle (only http and https are supported).', source: WH },
  { code: 12007, name: 'ERROR_WINHTTP_NAME_NOT_RESOLVED', meaning: 'DNS lookup of the server name failed.', ndesContext: 'Check the SCEP/NDES URL host name and DNS from the machine that logged it.', source: WH },
  { code: 12009, name: 'ERROR_WINHTTP_INVALID_OPTION', meaning: 'An option was given a value WinHTTP rejects.', source: WH },
  { code: 12011, name: 'ERROR_WINHTTP_OPTION_NOT_SETTABLE', meaning: 'The option is read-only; it can be queried but not set.', source: WH },
  { code: 12012, name: 'ERROR_WINHTTP_SHUTDOWN', meaning: 'WinHTTP is being shut down in this process.', source: WH },
  { code: 12015, name: 'ERROR_WINHTTP_LOGIN_FAILURE', meaning: 'Authentication to the server (or proxy) did not succeed.', source: WH },
  { code: 12017, name: 'ERROR_WINHTTP_OPERATION_CANCELLED', meaning: 'The operation was aborted, typically because its handle was closed first.', source: WH },
  { code: 12018, name: 'ERROR_WINHTTP_INCORRECT_HANDLE_TYPE', meaning: 'A handle of the wrong kind was passed to WinHTTP.', source: WH },
  { code: 12019, name: 'ERROR_WINHTTP_INCORRECT_HANDLE_STATE', meaning: 'The handle is not in a state that allows this call.', source: WH },
  { code: 12029, name: 'ERROR_WINHTTP_CANNOT_CONNECT', meaning: 'No connection could be opened to the server.', ndesContext: 'Port closed, service stopped or a firewall in the way between the caller and NDES / the CRP web service.', source: WH },
  { code: 12030, name: 'ERROR_WINHTTP_CONNECTION_ERROR', meaning: 'The connection was reset or dropped, or client and server could not agree on a TLS protocol version.', source: WH },
  { code: 12032, name: 'ERROR_WINHTTP_RESEND_REQUEST', meaning: 'WinHTTP asks the caller to send the request again on the same handle.', source: WH },
  { code: 12037, name: 'ERROR_WINHTTP_SECURE_CERT_DATE_INVALID', meaning: 'The server certificate is expired or not yet valid (the TLS counterpart of CERT_E_EXPIRED).', source: WH },
  { code: 12038, name: 'ERROR_WINHTTP_SECURE_CERT_CN_INVALID', meaning: 'The host name requested does not match the name in the server certificate (counterpart of CERT_E_CN_NO_MATCH).', source: WH },
  { code: 12044, name: 'ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED', meaning: 'The server requires a TLS client certificate that was not supplied.', source: WH },
  { code: 12045, name: 'ERROR_WINHTTP_SECURE_INVALID_CA', meaning: 'The server certificate chains to a root that is not trusted (counterpart of CERT_E_UNTRUSTEDROOT).', source: WH },
  { code: 12057, name: 'ERROR_WINHTTP_SECURE_CERT_REV_FAILED', meaning: 'Revocation of the server certificate could not be checked because the revocation server was unreachable (counterpart of CRYPT_E_REVOCATION_OFFLINE).', source: WH },
  { code: 12150, name: 'ERROR_WINHTTP_HEADER_NOT_FOUND', meaning: 'The requested header is not present.', source: WH },
  { code: 12152, name: 'ERROR_WINHTTP_INVALID_SERVER_RESPONSE', meaning: 'What came back from the server could not be parsed as an HTTP response.', ndesContext: 'Reported at the SCEP GetCACaps step: something between the device and NDES answered with a garbled or non-HTTP reply.', source: WH },
  { code: 12156, name: 'ERROR_WINHTTP_REDIRECT_FAILED', meaning: 'Following an HTTP redirect did not work.', source: WH },
  { code: 12157, name: 'ERROR_WINHTTP_SECURE_CHANNEL_ERROR', meaning: 'Schannel (the Windows TLS stack) reported an error of the SEC_E_* / SEC_I_* family.', source: WH },
  { code: 12169, name: 'ERROR_WINHTTP_SECURE_INVALID_CERT', meaning: 'The certificate is unusable: wrong role or purpose, broken chain, malformed, and similar problems.', source: WH },
  { code: 12170, name: 'ERROR_WINHTTP_SECURE_CERT_REVOKED', meaning: 'The server certificate has been revoked.', source: WH },
  { code: 12175, name: 'ERROR_WINHTTP_SECURE_FAILURE', meaning: 'TLS certificate validation failed for one or more reasons; the specific reasons are reported as WINHTTP_CALLBACK_STATUS_FLAG_* bits.', ndesContext: 'In NDESPlugin.log the policy module could not validate the CRP web service certificate; the flag printed next to it (e.g. CERT_CN_INVALID) gives the cause. On a device it means the NDES URL certificate is not trusted.', source: WH },
  { code: 12178, name: 'ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR', meaning: 'Automatic proxy lookup found no proxy for this URL.', source: WH },
  { code: 12179, name: 'ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE', meaning: 'The certificate is not valid for the usage that was requested.', source: WH },
  { code: 12180, name: 'ERROR_WINHTTP_AUTODETECTION_FAILED', meaning: 'Proxy auto-detection (WPAD) did not find a configuration.', source: WH },
  { code: 12181, name: 'ERROR_WINHTTP_HEADER_COUNT_EXCEEDED', meaning: 'The response carried more headers than WinHTTP accepts.', source: WH },
  { code: 12182, name: 'ERROR_WINHTTP_HEADER_SIZE_OVERFLOW', meaning: 'The response headers are larger than WinHTTP accepts.', source: WH },
  { code: 12183, name: 'ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW', meaning: 'A chunk header in a chunked response was too large.', source: WH },
  { code: 12184, name: 'ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW', meaning: 'The response went past an internal size limit while being drained.', source: WH },
];

// ---------------------------------------------------------------------------------------------
// §2 WINHTTP_CALLBACK_STATUS_FLAG_*
// ---------------------------------------------------------------------------------------------

const WCB = SRC.winhttpCallback;

export const WINHTTP_CALLBACK_FLAGS: readonly WinHttpFlagEntry[] = [
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED', value: 0x00000001, meaning: 'The revocation check could not finish (CRL or OCSP endpoint not reachable).', ndesContext: 'Make the CRL/AIA locations of the certificate chain reachable from the caller.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT', value: 0x00000002, meaning: 'The certificate is invalid.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED', value: 0x00000004, meaning: 'The certificate has been revoked.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA', value: 0x00000008, meaning: 'The issuing CA (or root) of the certificate is not trusted.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID', value: 0x00000010, meaning: 'The host name used does not match the name in the certificate.', ndesContext: 'Classic NDESPlugin.log case with error 12175: the IIS SSL certificate does not carry the name the policy module uses. Reissue it with the external name as CN and both internal and external FQDNs as SANs.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID', value: 0x00000020, meaning: 'The certificate has expired or is not valid yet.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE', value: 0x00000040, meaning: 'The certificate key usage / EKU does not allow this use.', source: WCB },
  { name: 'WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR', value: 0x80000000, meaning: 'Schannel reported an internal error.', source: WCB },
];

// ---------------------------------------------------------------------------------------------
// §3 HRESULTs
// ---------------------------------------------------------------------------------------------

const COM = SRC.comErrors;
const GO = SRC.goWindows;

export const HRESULTS: readonly HresultEntry[] = [
  // §3a chain / trust
  { value: 0x800b0101, symbol: 'CERT_E_EXPIRED', group: 'trust', meaning: 'A certificate is outside its validity period (expired or not yet valid).', ndesContext: 'CAPI2 reports it when the policy module still uses an expired client-authentication certificate; renew it and update NDESCertThumbprint.', source: COM },
  { value: 0x800b0109, symbol: 'CERT_E_UNTRUSTEDROOT', group: 'trust', meaning: 'The certificate chain ends in a root certificate that is not trusted.', ndesContext: 'IIS `403 16 2148204809` on the CRP VerifyRequest: intermediate CA certificates sit in the NDES Trusted Root store. In CAPI2 event 30 on a Windows device it follows a CA renewal: the NDES RA certificates still chain to the old CA.', source: COM },
  { value: 0x800b010a, symbol: 'CERT_E_CHAINING', group: 'trust', meaning: 'No chain could be built up to a trusted root certificate.', source: COM },
  { value: 0x800b010c, symbol: 'CERT_E_REVOKED', group: 'trust', meaning: 'The issuer has revoked the certificate.', source: COM },
  { value: 0x800b010e, symbol: 'CERT_E_REVOCATION_FAILURE', group: 'trust', meaning: 'The revocation status of the certificate could not be determined.', source: COM },
  { value: 0x800b010f, symbol: 'CERT_E_CN_NO_MATCH', group: 'trust', meaning: 'The certificate common name does not match the expected name.', source: COM },
  { value: 0x800b0110, symbol: 'CERT_E_WRONG_USAGE', group: 'trust', meaning: 'The certificate may not be used for the requested purpose.', source: COM },
  { value: 0x800b0112, symbol: 'CERT_E_UNTRUSTEDCA', group: 'trust', meaning: 'Policy does not trust one of the CA certificates in the chain.', source: COM },
  { value: 0x800b0114, symbol: 'CERT_E_INVALID_NAME', group: 'trust', meaning: 'A name in the certificate is not on the permitted list or is explicitly excluded.', ndesContext: 'Appears in NDES event 31 text: the subject/SAN built from the SCEP profile violates a name constraint.', source: COM },
  { value: 0x80090325, symbol: 'SEC_E_UNTRUSTED_ROOT', group: 'trust', meaning: 'During the TLS handshake the server certificate chain was issued by an authority that is not trusted.', source: COM },
  // §3b revocation / message / ASN.1
  { value: 0x80091006, symbol: 'CRYPT_E_AUTH_ATTR_MISSING', group: 'revocation', meaning: 'A signed (authenticated) attribute the receiver expects is missing from the cryptographic message.', ndesContext: 'Windows device event 32: the CertRep returned by the SCEP server lacks a signed attribute the Windows client needs. Reported with a non-Microsoft SCEP server; treat as a malformed SCEP server response.', caveat: 'Cause as an NDES problem is unconfirmed.', source: COM },
  { value: 0x80091007, symbol: 'CRYPT_E_HASH_VALUE', group: 'revocation', meaning: 'A hash comparison failed: the computed value is not the expected one.', ndesContext: 'Windows device event 32: the CA thumbprint in the SCEP profile does not match the CA NDES returns (trusted-certificate profile points at the wrong root or an intermediate).', source: COM },
  { value: 0x80092004, symbol: 'CRYPT_E_NOT_FOUND', group: 'revocation', meaning: 'The requested object or property does not exist.', ndesContext: 'CA event 44: the policy module found no usable certificate templates.', source: COM },
  { value: 0x80092010, symbol: 'CRYPT_E_REVOKED', group: 'revocation', meaning: 'The certificate has been revoked.', source: COM },
  { value: 0x80092012, symbol: 'CRYPT_E_NO_REVOCATION_CHECK', group: 'revocation', meaning: 'The revocation function was not able to check the certificate.', source: COM },
  { value: 0x80092013, symbol: 'CRYPT_E_REVOCATION_OFFLINE', group: 'revocation', meaning: 'Revocation could not be checked because the revocation server (CRL/OCSP) was not reachable.', ndesContext: 'NDES event 31: NDES or the CA cannot reach a CRL of the chain; fix CDP/AIA reachability.', source: COM },
  { value: 0x8009310b, symbol: 'CRYPT_E_ASN1_BADTAG', group: 'revocation', meaning: 'ASN.1 decoding hit an unexpected tag value.', ndesContext: 'NDES event 17 right after running Validate-NDESUrl.ps1 is caused by the script\'s fake request and is harmless.', source: COM },
  // §3c Certificate Services
  { value: 0x80094001, symbol: 'CERTSRV_E_BAD_REQUESTSUBJECT', group: 'certsrv', meaning: 'The subject name in the request is invalid or longer than allowed.', ndesContext: 'Seen in NDES event 31: the subject built from the SCEP profile is rejected.', source: COM },
  { value: 0x80094003, symbol: 'CERTSRV_E_BAD_REQUESTSTATUS', group: 'certsrv', meaning: 'The current status of the request does not permit this operation.', ndesContext: 'Seen in CA event 21.', source: COM },
  { value: 0x80094004, symbol: 'CERTSRV_E_PROPERTY_EMPTY', group: 'certsrv', meaning: 'A requested property has no value.', ndesContext: 'Seen in CA event 21; which Intune/NDES misconfiguration triggers it is not established.', source: COM },
  { value: 0x80094009, symbol: 'CERTSRV_E_RESTRICTEDOFFICER', group: 'certsrv', meaning: 'The operation is limited to a restricted certificate manager (enrollment-agent restrictions).', ndesContext: 'Seen in CA event 21.', source: COM },
  { value: 0x80094011, symbol: 'CERTSRV_E_ENROLL_DENIED', group: 'certsrv', meaning: 'The CA security settings do not allow this requester to enroll.', source: COM },
  { value: 0x80094012, symbol: 'CERTSRV_E_TEMPLATE_DENIED', group: 'certsrv', meaning: 'The template permissions do not allow this requester to enroll.', ndesContext: 'CA event 53 (denied by policy module): the NDES service account or connector computer lacks Enroll on the template.', source: COM },
  { value: 0x80094015, symbol: 'CERTSRV_E_NO_POLICY_SERVER', group: 'certsrv', meaning: 'No certificate enrollment policy server could be found.', ndesContext: 'PKCS connector svclog: configure an enrollment policy server on the connector host.', source: COM },
  { value: 0x80094800, symbol: 'CERTSRV_E_UNSUPPORTED_CERT_TYPE', group: 'certsrv', meaning: 'This CA does not support the requested certificate template.', ndesContext: 'CA event 53 / NDES event 31 / PKCS svclog: the template is not published on the CA or the CA cannot read it, or the MSCEP registry template names do not match a template the CA issues (use the template name, not the display name).', source: COM },
  { value: 0x80094801, symbol: 'CERTSRV_E_NO_CERT_TYPE', group: 'certsrv', meaning: 'The request carries no certificate template information.', source: COM },
  { value: 0x80094802, symbol: 'CERTSRV_E_TEMPLATE_CONFLICT', group: 'certsrv', meaning: 'The request contains template information that contradicts itself.', source: COM },
  { value: 0x80094803, symbol: 'CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED', group: 'certsrv', meaning: 'The template requires a subject alternative name that the request lacks.', source: COM },
  { value: 0x8009480d, symbol: 'CERTSRV_E_SUBJECT_UPN_REQUIRED', group: 'certsrv', meaning: 'The template wants a UPN in the SAN but none is available.', source: COM },
  { value: 0x8009480f, symbol: 'CERTSRV_E_SUBJECT_DNS_REQUIRED', group: 'certsrv', meaning: 'The template wants a DNS name in the SAN but none is available.', source: COM },
  { value: 0x80094811, symbol: 'CERTSRV_E_KEY_LENGTH', group: 'certsrv', meaning: 'The public key is shorter than the minimum the template demands.', ndesContext: 'CertEnroll event 87 / NDES event 31: the key size in the SCEP profile is below the template minimum.', source: COM },
  { value: 0x80094812, symbol: 'CERTSRV_E_SUBJECT_EMAIL_REQUIRED', group: 'certsrv', meaning: 'The template wants an e-mail address in the subject or SAN but none is available.', ndesContext: 'CA denial for PKCS: the template builds the subject from AD and the user has no mail attribute; use "Supply in the request" for Intune templates.', source: COM },
  { value: 0x80094813, symbol: 'CERTSRV_E_UNKNOWN_CERT_TYPE', group: 'certsrv', meaning: 'The template that was to be enabled cannot be found.', source: COM },
  // §3d CryptoAPI / key
  { value: 0x80090005, symbol: 'NTE_BAD_DATA', group: 'cryptoapi', meaning: 'The data handed to the crypto provider is bad.', ndesContext: 'NDES event 18: a third-party client encrypted the request to the CA certificate instead of the NDES RA encryption certificate.', source: COM },
  { value: 0x8009000b, symbol: 'NTE_BAD_KEY_STATE', group: 'cryptoapi', meaning: 'The key cannot be used in its current state.', ndesContext: 'NDES event 2 together with event 49: delete the MSCEP EncryptedPassword value.', source: COM },
  { value: 0x8009000d, symbol: 'NTE_NO_KEY', group: 'cryptoapi', meaning: 'The key is missing.', source: COM },
  { value: 0x80090010, symbol: 'NTE_PERM', group: 'cryptoapi', meaning: 'Access to the key was denied.', source: COM },
  { value: 0x80090014, symbol: 'NTE_BAD_PROV_TYPE', group: 'cryptoapi', meaning: 'The crypto provider type is not valid for this call.', ndesContext: 'SetupMsi AddNDESToCertPrivKey: the NDES certificate key lives in a KSP (CNG / v3 template); the connector needs a CSP key from a v2 template.', source: COM },
  { value: 0x80090016, symbol: 'NTE_BAD_KEYSET', group: 'cryptoapi', meaning: 'The key container does not exist.', source: COM },
  { value: 0x80090020, symbol: 'NTE_FAIL', group: 'cryptoapi', meaning: 'The crypto provider failed internally.', ndesContext: 'CA event 53 with "Error Constructing or Publishing Certificate": the failure happened after policy approval, on the CA / exit side.', source: COM },
  // §3e generic Win32-as-HRESULT / COM
  { value: 0x80004003, symbol: 'E_POINTER', group: 'win32-com', meaning: 'A pointer argument was invalid.', ndesContext: 'Legacy NDESConnector svclog IssueDetails value: the account used to sign in has no Intune licence.', source: GO },
  { value: 0x80004005, symbol: 'E_FAIL', group: 'win32-com', meaning: 'Generic failure without further detail.', ndesContext: 'NDES event 31 ErrorMessage and event 2: read the text in brackets for the real reason.', source: GO },
  { value: 0x80070002, symbol: 'ERROR_FILE_NOT_FOUND', win32: 2, group: 'win32-com', meaning: 'A file or registry value could not be found.', ndesContext: 'NDES events 2/10: MSCEP registry is inconsistent (e.g. EnforcePassword missing) or a policy module cannot load. SetupMsi "Site not found": the IIS site with ID 1 was renamed.', source: GO },
  { value: 0x80070005, symbol: 'E_ACCESSDENIED', win32: 5, group: 'win32-com', meaning: 'Access was denied.', ndesContext: 'SetupMsi GetNDESAccountName "ADsGetObject failed": the installing account could not read the NDES service account in AD; run elevated with enough AD rights.', source: GO },
  { value: 0x80070057, symbol: 'E_INVALIDARG', win32: 87, group: 'win32-com', meaning: 'A parameter is not correct.', ndesContext: 'NDES events 2/10: no usable RA certificates or the app-pool identity cannot read their keys. PKCS CCertRequest::Submit: wrong CA name in the profile or an empty e-mail SAN.', source: GO },
  { value: 0x800700ea, symbol: 'ERROR_MORE_DATA', win32: 234, group: 'win32-com', meaning: 'There is more data than the buffer could take.', ndesContext: 'NDES event 2 on Windows Server 2012: fix the IIS handler order (ExtensionlessUrlHandler below StaticFile) for mscep and mscep_admin.', source: GO },
  { value: 0x80070490, symbol: 'ERROR_NOT_FOUND', win32: 1168, group: 'win32-com', meaning: 'The element was not found.', ndesContext: 'CA event 77: a certificate template could not be loaded, usually because the CA lost Read on it.', source: GO },
  { value: 0x800706ba, symbol: 'RPC_S_SERVER_UNAVAILABLE', win32: 1722, group: 'win32-com', meaning: 'The RPC server could not be reached.', ndesContext: 'NDES event 31 / PKCS svclog: NDES or the connector cannot make the DCOM/RPC call to the CA (wrong CA name, firewall, CertSvc down, DCOM permissions).', source: GO },
  { value: 0x8007054b, symbol: 'ERROR_NO_SUCH_DOMAIN', win32: 1355, group: 'win32-com', meaning: 'The domain does not exist or cannot be contacted.', ndesContext: 'CA event 44: the policy module cannot reach AD during initialisation.', source: GO },
  { value: 0x80070576, symbol: 'ERROR_TIME_SKEW', win32: 1398, group: 'win32-com', meaning: 'Client and server clocks differ too much.', ndesContext: 'CA event 44: fix time synchronisation.', source: GO },
  // §3f HTTP facility (Windows MDM SCEP client)
  { value: 0x80190193, group: 'http-facility', httpStatus: 403, meaning: 'HTTP 403 (forbidden) returned by the server, expressed as an HRESULT.', ndesContext: 'Windows SCEP client got 403 from the SCEP URL.', unconfirmed: true, caveat: 'Derived from the facility rule (low 16 bits = HTTP status); not yet seen verbatim as an NDES value.', source: GO },
  { value: 0x80190194, symbol: 'HTTP_E_STATUS_NOT_FOUND', group: 'http-facility', httpStatus: 404, meaning: 'HTTP 404 (not found) returned by the server, expressed as an HRESULT.', ndesContext: 'Windows device events 32/307 (LogError): the SCEP URL path is wrong or not published.', source: GO },
  { value: 0x801901f4, group: 'http-facility', httpStatus: 500, meaning: 'HTTP 500 (internal server error) returned by the server, expressed as an HRESULT.', ndesContext: 'NDES answered 500: see the IIS log and NDES events 2/10.', unconfirmed: true, caveat: 'Derived from the facility rule (low 16 bits = HTTP status); not yet seen verbatim as an NDES value.', source: GO },
  { value: 0x801901f7, group: 'http-facility', httpStatus: 503, meaning: 'HTTP 503 (service unavailable) returned by the server, expressed as an HRESULT.', ndesContext: 'The SCEP application pool is stopped or crashing.', unconfirmed: true, caveat: 'Derived from the facility rule (low 16 bits = HTTP status); not yet seen verbatim as an NDES value.', source: GO },
];

// ---------------------------------------------------------------------------------------------
// §3g Device-management status
// ---------------------------------------------------------------------------------------------

export const DM_STATUSES: readonly DmStatusEntry[] = [
  { value: 0x02ab0003, symbol: 'DM_S_ACCEPTED_FOR_PROCESSING', meaning: 'Success status: the device-management command was accepted and will be processed.', ndesContext: 'Windows event 306 "SCEP: CspExecute ... (Unknown Win32 Error code: 0x2ab0003)" means the SCEP profile reached the device; it is not an error.', source: SRC.profileDeployment },
];

// ---------------------------------------------------------------------------------------------
// §4 Bare Win32 codes
// ---------------------------------------------------------------------------------------------

export const WIN32_ERRORS: readonly Win32Entry[] = [
  { code: 0, symbol: 'ERROR_SUCCESS', meaning: 'No error.', ndesContext: 'Normal value in the IIS sc-win32-status field of a successful request.', source: GO },
  { code: 2, symbol: 'ERROR_FILE_NOT_FOUND', meaning: 'The file (or registry value) was not found.', source: GO },
  { code: 5, symbol: 'ERROR_ACCESS_DENIED', meaning: 'Access was denied.', ndesContext: 'IIS `401 2 5` is the first, unauthenticated request to mscep_admin; normal if an authenticated request follows.', source: GO },
  { code: 87, symbol: 'ERROR_INVALID_PARAMETER', meaning: 'A parameter is not correct.', ndesContext: 'PKCS connector svclog `(WIN32: 87 ERROR_INVALID_PARAMETER)` on CCertRequest::Submit: check the CA name in the profile and the SAN source.', source: GO },
  { code: 1168, symbol: 'ERROR_NOT_FOUND', meaning: 'The element was not found.', ndesContext: 'SetupMsi "ConfigureIISLimits returned actual error code 1168".', source: GO },
  { code: 1346, symbol: 'ERROR_BAD_IMPERSONATION_LEVEL', meaning: 'The required impersonation level was not granted or is invalid.', ndesContext: 'IIS `500 0 1346` on mscep.dll: IIS_IUSRS lacks the "Impersonate a client after authentication" user right on the NDES server.', source: SRC.win32_1300 },
  { code: 1603, symbol: 'ERROR_INSTALL_FAILURE', meaning: 'Windows Installer stopped with a fatal error during installation.', ndesContext: 'SetupMsi "CustomAction ... returned actual error code 1603": the custom action named on that line failed; the lines above it say why.', caveat: 'Reading it as the generic MSI fatal error is general Windows Installer knowledge.', source: GO },
  { code: 1722, symbol: 'RPC_S_SERVER_UNAVAILABLE', meaning: 'The RPC server could not be reached.', ndesContext: 'NDES or the connector cannot reach the CA over RPC/DCOM.', source: GO },
];

// ---------------------------------------------------------------------------------------------
// §5 IIS status / substatus
// ---------------------------------------------------------------------------------------------

const IIS = SRC.iisStatus;

export const IIS_STATUSES: readonly IisStatusEntry[] = [
  { status: 200, title: 'OK', meaning: 'The request succeeded.', ndesContext: 'Healthy for GetCACaps / GetCACert / PKIOperation. A bare GET of mscep.dll answering 200 instead of 403 means the Intune policy module is not loaded.', source: IIS },
  { status: 201, title: 'Created', meaning: 'The request succeeded and created a resource.', ndesContext: 'Microsoft\'s example shows it for a successful POST to CertificateRegistrationSvc/Certificate/VerifyRequest.', source: IIS },
  { status: 204, title: 'No content', meaning: 'The request succeeded and there is no body to return.', ndesContext: 'Successful POST to CertificateRegistrationSvc/Certificate/Notify (issuance reported back).', source: IIS },
  { status: 301, title: 'Moved permanently', meaning: 'The resource lives at another URL.', ndesContext: '/certsrv/mscep_admin being redirected to /certsrv/mscep_admin/.', source: IIS },
  { status: 401, title: 'Unauthorized', meaning: 'Authentication is required or failed.', source: IIS },
  { status: 401, substatus: 1, title: 'Logon failed', meaning: 'The logon attempt was rejected.', source: IIS },
  { status: 401, substatus: 2, title: 'Logon failed due to server configuration', meaning: 'The server configuration did not let the logon succeed (often just the anonymous first leg of a Windows-authentication handshake).', ndesContext: '`401 2 5` is the expected first, unauthenticated hit on mscep_admin; a problem only if no authenticated request follows.', source: IIS },
  { status: 401, substatus: 3, title: 'Unauthorized due to ACL on resource', meaning: 'An access control list on the resource denied the user.', source: IIS },
  { status: 403, title: 'Forbidden', meaning: 'The server refused the request.', source: IIS },
  { status: 403, substatus: 0, title: 'Forbidden', meaning: 'The server refused the request (no more specific reason).', ndesContext: 'Expected when a browser opens mscep.dll without an operation while the Intune policy module is installed.', source: IIS },
  { status: 403, substatus: 4, title: 'SSL required', meaning: 'The resource only accepts HTTPS but the request came over HTTP.', source: IIS },
  { status: 403, substatus: 7, title: 'Client certificate required', meaning: 'The resource requires a TLS client certificate and none was sent.', source: IIS },
  { status: 403, substatus: 13, title: 'Client certificate revoked', meaning: 'The TLS client certificate presented has been revoked.', ndesContext: 'On the CRP (CertificateRegistrationSvc) it would concern the policy module\'s client-authentication certificate.', source: IIS },
  { status: 403, substatus: 16, title: 'Client certificate untrusted or invalid', meaning: 'The TLS client certificate is not trusted or not valid.', ndesContext: '`NDES_Plugin - 403 16 2148204809` on VerifyRequest: CERT_E_UNTRUSTEDROOT, typically intermediate CA certificates in the NDES Trusted Root store. Remove every non-self-signed certificate from LocalMachine\\Root.', source: IIS },
  { status: 403, substatus: 17, title: 'Client certificate expired or not yet valid', meaning: 'The TLS client certificate is outside its validity period.', ndesContext: 'Would concern the policy module\'s client-authentication certificate on the CRP.', source: IIS },
  { status: 404, title: 'Not found', meaning: 'Nothing exists at the requested URL.', source: IIS },
  { status: 404, substatus: 0, title: 'Not found', meaning: 'Nothing exists at the requested URL.', ndesContext: 'Wrong SCEP path; a Windows device reports it as 0x80190194.', source: IIS },
  { status: 404, substatus: 2, title: 'ISAPI or CGI restriction', meaning: 'The ISAPI/CGI restriction list blocks the extension.', ndesContext: 'mscep.dll not allowed to run.', source: IIS },
  { status: 404, substatus: 14, title: 'Request URL too long', meaning: 'Request filtering rejected the URL because it is longer than maxUrl.', ndesContext: 'PKIOperation GETs carry the whole PKCS#7 in the URL; raise Request Filtering limits to 65534.', source: IIS },
  { status: 404, substatus: 15, title: 'Query string too long', meaning: 'Request filtering rejected the query string because it is longer than maxQueryString.', ndesContext: 'Same long-URL problem as 404.14; raise maxQueryString to 65534.', source: IIS },
  { status: 414, title: 'Request-URI too long', meaning: 'The request URI exceeds what the server accepts.', ndesContext: 'Usually http.sys limits: set MaxFieldLength and MaxRequestBytes to 65534 and reboot.', source: SRC.deviceToNdes },
  { status: 500, title: 'Internal server error', meaning: 'The server failed while handling the request.', source: IIS },
  { status: 500, substatus: 0, title: 'Module or ISAPI error', meaning: 'A module or ISAPI extension failed.', ndesContext: 'mscep.dll 500: missing impersonation right for IIS_IUSRS (win32 1346), expired/unreadable RA certificates, or a locked NDES service account.', source: IIS },
  { status: 500, substatus: 19, title: 'Configuration data is invalid', meaning: 'IIS could not read or parse its configuration for this URL.', source: IIS },
  { status: 502, title: 'Bad gateway', meaning: 'A gateway or proxy got an invalid answer from the server behind it.', ndesContext: 'A reverse proxy in front of NDES could not talk to NDES.', source: IIS },
  { status: 502, substatus: 3, title: 'Bad gateway: forwarder connection error', meaning: 'The forwarding proxy (Application Request Routing) could not complete the connection to the back end.', ndesContext: 'Reverse proxy in front of NDES.', source: IIS },
  { status: 503, title: 'Service unavailable', meaning: 'The service cannot handle the request right now.', ndesContext: 'On NDES almost always the SCEP application pool being stopped or crashing.', source: IIS },
  { status: 503, substatus: 0, title: 'Application pool unavailable', meaning: 'The application pool serving the URL is not available.', ndesContext: 'SCEP app pool stopped or crashing (intermediates in the Root store, unreachable CRLs, Windows auth on CertificateRegistrationSvc, expired NDESPolicy certificate, missing service-account permission).', source: IIS },
  { status: 503, substatus: 2, title: 'Concurrent request limit exceeded', meaning: 'Too many requests are running at once for the configured limit.', source: IIS },
  { status: 504, title: 'Gateway timeout', meaning: 'A gateway or proxy did not get an answer from the server behind it in time.', ndesContext: 'Browser shows "GatewayTimeout" through Entra application proxy: the application proxy connector in front of NDES is not running.', source: SRC.deviceToNdes },
];

// ---------------------------------------------------------------------------------------------
// §5 http.sys HTTPERR reason phrases
// ---------------------------------------------------------------------------------------------

const HSYS = SRC.httpSysErrors;
const UNAVAILABLE_CTX = 'http.sys answered 503 itself; on NDES check that the SCEP application pool is started and not crashing.';

export const HTTPSYS_REASONS: readonly HttpSysReasonEntry[] = [
  { reason: 'AppOffline', category: 'unavailable', meaning: '503: the application was taken offline because of application errors (its pool is down).', ndesContext: UNAVAILABLE_CTX, source: HSYS },
  { reason: 'Disabled', category: 'unavailable', meaning: '503: an administrator took the application offline.', ndesContext: UNAVAILABLE_CTX, source: HSYS },
  { reason: 'AppShutdown', category: 'unavailable', meaning: '503: the application was shut down automatically because of an administrator policy.', ndesContext: UNAVAILABLE_CTX, source: HSYS },
  { reason: 'AppPoolTimer', category: 'unavailable', meaning: '503: the application pool process was too busy to take the request.', ndesContext: UNAVAILABLE_CTX, source: HSYS },
  { reason: 'QueueFull', category: 'unavailable', meaning: '503: the request queue of the application is full.', ndesContext: UNAVAILABLE_CTX, source: HSYS },
  { reason: 'ConnLimit', category: 'unavailable', meaning: '503: the site connection limit was reached.', source: HSYS },
  { reason: 'N/A', category: 'unavailable', meaning: '503: an internal http.sys problem (for example memory allocation or a URL reservation conflict).', source: HSYS },
  { reason: 'Connection_Abandoned_By_AppPool', category: 'abandoned', meaning: 'A worker process of the application pool exited unexpectedly or dropped a request it had taken.', ndesContext: 'Pairs with a w3wp.exe crash (Application Error event 1000) in the SCEP app pool.', source: HSYS },
  { reason: 'URL_Length', category: 'length', meaning: 'The URL is longer than the maximum http.sys allows.', ndesContext: 'PKIOperation GET too long: set MaxFieldLength / MaxRequestBytes to 65534 and reboot.', unconfirmed: true, caveat: 'Whether http.sys logs this with status 400 or 414 is not confirmed.', source: HSYS },
  { reason: 'FieldLength', category: 'length', meaning: 'A field (header or URL) went past its length limit (MaxFieldLength).', ndesContext: 'Set MaxFieldLength to 65534 under HTTP\\Parameters and reboot.', source: HSYS },
  { reason: 'RequestLength', category: 'length', meaning: 'The request as a whole went past its length limit (MaxRequestBytes).', ndesContext: 'Set MaxRequestBytes to 65534 under HTTP\\Parameters and reboot.', source: HSYS },
  { reason: 'BadRequest', category: 'parse', meaning: '400: http.sys could not parse the request.', source: HSYS },
  { reason: 'Header', category: 'parse', meaning: '400: a request header could not be parsed.', source: HSYS },
  { reason: 'Hostname', category: 'parse', meaning: '400: the host name could not be parsed.', source: HSYS },
  { reason: 'URL', category: 'parse', meaning: '400: the URL could not be parsed.', source: HSYS },
  { reason: 'Verb', category: 'parse', meaning: '400: the HTTP method could not be parsed.', source: HSYS },
  { reason: 'Invalid_CR/LF', category: 'parse', meaning: '400: the request contained a carriage return or line feed where none is allowed.', source: HSYS },
  { reason: 'Timer_ConnectionIdle', category: 'timeout', meaning: 'The connection sat idle until its timer expired.', source: HSYS },
  { reason: 'Timer_EntityBody', category: 'timeout', meaning: 'The request body did not arrive before the connection timer expired.', source: HSYS },
  { reason: 'Timer_HeaderWait', category: 'timeout', meaning: 'Parsing the request headers took longer than the allowed time.', source: HSYS },
  { reason: 'Timer_MinBytesPerSecond', category: 'timeout', meaning: 'The client received the response too slowly, so the connection was dropped.', source: HSYS },
  { reason: 'Timer_AppPool', category: 'timeout', meaning: 'The request waited too long in the application pool queue without being picked up.', ndesContext: 'The SCEP app pool is hung or overloaded.', source: HSYS },
];

// ---------------------------------------------------------------------------------------------
// §6 SCEP protocol status values
// ---------------------------------------------------------------------------------------------

export const SCEP_STATUSES: readonly ScepStatusEntry[] = [
  { field: 'PkiStatus', enumName: 'X509SCEPDisposition', value: 0, name: 'SCEPDispositionSuccess', meaning: 'The SCEP server granted the request.', source: SRC.scepDisposition },
  { field: 'PkiStatus', enumName: 'X509SCEPDisposition', value: 2, name: 'SCEPDispositionFailure', meaning: 'The SCEP server rejected the request; FailInfo gives the reason.', ndesContext: 'Check NDES events 29/31 and CA event 53 at the same time.', source: SRC.scepDisposition },
  { field: 'PkiStatus', enumName: 'X509SCEPDisposition', value: 3, name: 'SCEPDispositionPending', meaning: 'The request is waiting (e.g. for manual approval on the CA).', source: SRC.scepDisposition },
  { field: 'PkiStatus', enumName: 'X509SCEPDisposition', value: 11, name: 'SCEPDispositionPendingChallenge', meaning: 'Pending-challenge disposition; Microsoft does not describe what it means.', unconfirmed: true, caveat: 'Meaning undocumented.', source: SRC.scepDisposition },
  { field: 'FailInfo', enumName: 'X509SCEPFailInfo', value: 0, name: 'SCEPFailBadAlgorithm', meaning: 'The algorithm used is not recognised or not supported.', source: SRC.scepFailInfo },
  { field: 'FailInfo', enumName: 'X509SCEPFailInfo', value: 1, name: 'SCEPFailBadMessageCheck', meaning: 'The integrity check of the message failed (sscep prints "Integrity check failed").', ndesContext: 'From NDES this often points to a request signed/encrypted for the wrong RA certificate or a wrong / reused challenge.', caveat: 'The NDES interpretation is inferred from user reports.', source: SRC.scepFailInfo },
  { field: 'FailInfo', enumName: 'X509SCEPFailInfo', value: 2, name: 'SCEPFailBadRequest', meaning: 'The transaction is not allowed or not supported (sscep: "Transaction not permitted or supported").', ndesContext: 'Accompanies CA denials (e.g. CERTSRV_E_KEY_LENGTH in CertEnroll event 87).', source: SRC.scepFailInfo },
  { field: 'FailInfo', enumName: 'X509SCEPFailInfo', value: 3, name: 'SCEPFailBadTime', meaning: 'The signing time in the message is too far from the server clock.', source: SRC.scepFailInfo },
  { field: 'FailInfo', enumName: 'X509SCEPFailInfo', value: 4, name: 'SCEPFailBadCertId', meaning: 'No certificate matching the request could be identified.', source: SRC.scepFailInfo },
  { field: 'EnrollStatus', enumName: 'EnrollmentEnrollStatus', value: 0x1, name: 'Enrolled', meaning: 'The certificate was enrolled.', source: SRC.enrollStatus },
  { field: 'EnrollStatus', enumName: 'EnrollmentEnrollStatus', value: 0x2, name: 'EnrollPended', meaning: 'Enrollment is pending.', source: SRC.enrollStatus },
  { field: 'EnrollStatus', enumName: 'EnrollmentEnrollStatus', value: 0x10, name: 'EnrollError', meaning: 'Enrollment failed with an error.', source: SRC.enrollStatus },
  { field: 'EnrollStatus', enumName: 'EnrollmentEnrollStatus', value: 0x20, name: 'EnrollUnknown', meaning: 'Enrollment state is unknown.', source: SRC.enrollStatus },
  { field: 'EnrollStatus', enumName: 'EnrollmentEnrollStatus', value: 0x40, name: 'EnrollSkipped', meaning: 'Enrollment was skipped.', source: SRC.enrollStatus },
  { field: 'EnrollStatus', enumName: 'EnrollmentEnrollStatus', value: 0x100, name: 'EnrollDenied', meaning: 'The CA denied the enrollment.', ndesContext: 'Look at CA event 53 for the denial reason.', source: SRC.enrollStatus },
];

// ---------------------------------------------------------------------------------------------
// §7 Legacy Intune connector diagnostic codes and event ids
// ---------------------------------------------------------------------------------------------

const EVTS = SRC.connectorEvents;

export const CONNECTOR_DIAG_CODES: readonly ConnectorDiagEntry[] = [
  { value: 0x00000000, name: 'Success', meaning: 'The operation succeeded.', source: EVTS },
  { value: 0x00000400, name: 'PKCS_Issue_CA_Unavailable', meaning: 'The certification authority is invalid or cannot be reached.', source: EVTS },
  { value: 0x00000401, name: 'Symantec_ClientAuthCertNotFound', meaning: 'The DigiCert/Symantec client-authentication (RA) certificate is missing.', source: EVTS },
  { value: 0x00000402, name: 'RevokeCert_AccessDenied', meaning: 'The connector account is not allowed to revoke certificates on the CA.', source: EVTS },
  { value: 0x00000403, name: 'CertThumbprint_NotFound', meaning: 'No certificate with the expected thumbprint was found; enroll the connector.', source: EVTS },
  { value: 0x00000404, name: 'Certificate_NotFound', meaning: 'The connector certificate was not found; re-enroll the connector.', source: EVTS },
  { value: 0x00000405, name: 'Certificate_Expired', meaning: 'The connector certificate has expired; re-enroll the connector.', source: EVTS },
  { value: 0x00000408, name: 'CRPSCEPCert_NotFound', meaning: 'The CRP encryption certificate is missing.', source: EVTS },
  { value: 0x00000409, name: 'CRPSCEPSigningCert_NotFound', meaning: 'The signing certificate could not be retrieved.', ndesContext: 'Matches the CRP svclog "Signing certificate could not be retrieved": check the NDESConnector SigningCertificate registry value and connectivity to Intune.', source: EVTS },
  { value: 0x00000410, name: 'CRPSCEPDeserialize_Failed', meaning: 'The SCEP challenge could not be deserialised.', source: EVTS },
  { value: 0x00000411, name: 'CRPSCEPChallenge_Expired', meaning: 'The SCEP challenge has expired; the device has to obtain a fresh one.', source: EVTS },
  { value: 0x0fffffff, name: 'Unknown_Error', meaning: 'An unspecified error on the service side.', source: EVTS },
];

// ---------------------------------------------------------------------------------------------
// Event logs
// ---------------------------------------------------------------------------------------------

export const EVENT_LOGS: readonly EventLogInfo[] = [
  { id: 'ndes', label: 'NDES (Microsoft-Windows-NetworkDeviceEnrollmentService)', names: ['NetworkDeviceEnrollmentService', 'Network Device Enrollment Service'] },
  { id: 'ca', label: 'Certification Authority (Microsoft-Windows-CertificationAuthority)', names: ['CertificationAuthority', 'CertSvc', 'Active Directory Certificate Services'] },
  { id: 'unified-connector', label: 'Certificate Connector for Microsoft Intune (Microsoft-Intune-CertificateConnectors)', names: ['Intune-CertificateConnectors', 'CertificateConnectors'] },
  { id: 'legacy-connector', label: 'Legacy Microsoft Intune Connector', names: ['Microsoft Intune Connector', 'NDESConnector'] },
  { id: 'device-dm', label: 'Windows device (DeviceManagement-Enterprise-Diagnostics-Provider/Admin)', names: ['DeviceManagement-Enterprise-Diagnostics-Provider'] },
  { id: 'certenroll', label: 'Windows CertEnroll (Microsoft-Windows-CertificateServicesClient-CertEnroll)', names: ['CertificateServicesClient-CertEnroll', 'CertEnroll'] },
  { id: 'capi2', label: 'CAPI2 (Microsoft-Windows-CAPI2/Operational)', names: ['CAPI2'] },
  { id: 'application-error', label: 'Application Error', names: ['Application Error'] },
  { id: 'aspnet', label: 'ASP.NET', names: ['ASP.NET'] },
  { id: 'was', label: 'Windows Process Activation Service (WAS)', names: ['Microsoft-Windows-WAS', 'WAS'] },
  { id: 'dcom', label: 'Microsoft-Windows-DistributedCOM', names: ['DistributedCOM'] },
];

// §7 legacy connector event ids
export const LEGACY_CONNECTOR_EVENTS: readonly EventEntry[] = [
  { id: 10010, log: 'legacy-connector', meaning: 'The connector service started.', source: EVTS },
  { id: 10020, log: 'legacy-connector', meaning: 'The connector service stopped.', source: EVTS },
  { id: 10100, log: 'legacy-connector', meaning: 'Connector certificate renewal succeeded.', source: EVTS },
  { id: 10102, log: 'legacy-connector', name: 'CertificateRenewal_Failure', meaning: 'Connector certificate renewal failed.', ndesContext: 'With diagnostic code 0x00000405 the connector certificate expired: re-enroll / reinstall the connector.', source: EVTS },
  { id: 10301, log: 'legacy-connector', meaning: 'Warning while retrieving the connector certificate.', ndesContext: 'With 0x00000403 no certificate with the expected thumbprint exists.', source: EVTS },
  { id: 10302, log: 'legacy-connector', name: 'RetrieveCertificate_Error', meaning: 'The connector certificate could not be retrieved.', ndesContext: 'With 0x00000404 re-enroll the connector.', source: EVTS },
  { id: 20100, log: 'legacy-connector', meaning: 'A PKCS certificate was issued.', source: EVTS },
  { id: 20102, log: 'legacy-connector', name: 'PkcsCertIssue_Failure', meaning: 'Issuing a PKCS certificate failed.', ndesContext: 'Diagnostic 0x00000400 = CA unreachable, 0x00000401 = DigiCert/Symantec RA certificate missing.', source: EVTS },
  { id: 20200, log: 'legacy-connector', meaning: 'A certificate was revoked.', source: EVTS },
  { id: 20202, log: 'legacy-connector', name: 'RevokeCert_Failure', meaning: 'Revoking a certificate failed.', ndesContext: 'Diagnostic 0x00000402 = the account may not revoke on the CA.', source: EVTS },
  { id: 20300, log: 'legacy-connector', meaning: 'Upload to Intune succeeded.', source: EVTS },
  { id: 20302, log: 'legacy-connector', name: 'Upload_Failure', meaning: 'Upload to Intune failed.', source: EVTS },
  { id: 20400, log: 'legacy-connector', meaning: 'Download from Intune succeeded.', source: EVTS },
  { id: 20402, log: 'legacy-connector', name: 'Download_Failure', meaning: 'Download from Intune failed.', source: EVTS },
  { id: 20500, log: 'legacy-connector', meaning: 'The CRP verified a SCEP challenge successfully.', source: EVTS },
  { id: 20501, log: 'legacy-connector', name: 'CRPVerifyMetric_Warning', meaning: 'The CRP rejected a SCEP challenge.', ndesContext: 'With 0x00000411 the challenge expired; the device can retry with a fresh one.', source: EVTS },
  { id: 20502, log: 'legacy-connector', name: 'CRPVerifyMetric_Failure', meaning: 'SCEP challenge verification by the CRP failed.', ndesContext: 'Diagnostic 0x00000408 (encryption cert missing), 0x00000409 (signing cert not retrieved) or 0x00000410 (challenge not deserialisable).', source: EVTS },
  { id: 20600, log: 'legacy-connector', meaning: 'The CRP notified Intune successfully.', source: EVTS },
  { id: 20602, log: 'legacy-connector', name: 'CRPNotifyMetric_Failure', meaning: 'The CRP could not notify Intune.', ndesContext: 'Check NDES-to-CA connectivity and the CertificateRequestStatus folders.', source: EVTS },
];

// §8 unified certificate connector event ids
const CCO = SRC.connectorOverview;
const ADMIN = 'Admin';
const OPER = 'Operational';
const PKCS_STEP = 'A step of PKCS certificate handling (download, issue, upload or re-encrypt).';
const PKCS_STEP_FAIL = 'A failed step of PKCS certificate handling (download, issue, upload or re-encrypt).';
const IMPORT_STEP = 'A step of PKCS imported-certificate handling.';
const IMPORT_STEP_FAIL = 'A failed step of PKCS imported-certificate handling.';
const REVOKE_STEP = 'A step of certificate revocation.';
const REVOKE_STEP_FAIL = 'A failed step of certificate revocation.';

export const UNIFIED_CONNECTOR_EVENTS: readonly EventEntry[] = [
  { id: 1000, log: 'unified-connector', channel: ADMIN, name: 'PkcsRequestSuccess', meaning: 'A PKCS request was handled successfully.', ndesContext: 'During install/upgrade the same id can show Event Viewer\'s "description cannot be found" text; that is harmless.', source: CCO },
  { id: 1001, log: 'unified-connector', channel: ADMIN, name: 'PkcsRequestFailure', meaning: 'A PKCS request could not be handled.', source: CCO },
  { id: 1200, log: 'unified-connector', channel: ADMIN, name: 'PkcsRecryptRequestSuccess', meaning: 'A PKCS re-encrypt request succeeded.', source: CCO },
  { id: 1201, log: 'unified-connector', channel: ADMIN, name: 'PkcsRecryptRequestFailure', meaning: 'A PKCS re-encrypt request failed.', source: CCO },
  { id: 1002, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1003, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP_FAIL, source: CCO },
  { id: 1020, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1032, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1050, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1051, log: 'unified-connector', channel: OPER, meaning: 'PKCS issuance failed and will be retried.', source: CCO },
  { id: 1052, log: 'unified-connector', channel: OPER, name: 'PkcsIssuedFailure', meaning: 'PKCS issuance failed.', source: CCO },
  { id: 1100, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1101, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP_FAIL, source: CCO },
  { id: 1102, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1202, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1203, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP_FAIL, source: CCO },
  { id: 1220, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1250, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1251, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1252, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP_FAIL, source: CCO },
  { id: 1253, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP_FAIL, source: CCO },
  { id: 1300, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 1301, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP_FAIL, source: CCO },
  { id: 1302, log: 'unified-connector', channel: OPER, meaning: PKCS_STEP, source: CCO },
  { id: 2000, log: 'unified-connector', channel: ADMIN, name: 'PkcsImportRequestSuccess', meaning: 'A PKCS import request succeeded.', source: CCO },
  { id: 2001, log: 'unified-connector', channel: ADMIN, name: 'PkcsImportRequestFailure', meaning: 'A PKCS import request failed.', source: CCO },
  { id: 2020, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP, source: CCO },
  { id: 2050, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP, source: CCO },
  { id: 2051, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP_FAIL, source: CCO },
  { id: 2052, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP_FAIL, source: CCO },
  { id: 2100, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP, source: CCO },
  { id: 2101, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP_FAIL, source: CCO },
  { id: 2102, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP, source: CCO },
  { id: 2202, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP, source: CCO },
  { id: 2203, log: 'unified-connector', channel: OPER, meaning: IMPORT_STEP_FAIL, source: CCO },
  { id: 3000, log: 'unified-connector', channel: ADMIN, name: 'RevokeRequestSuccess', meaning: 'A revocation request succeeded.', source: CCO },
  { id: 3001, log: 'unified-connector', channel: ADMIN, name: 'RevokeRequestFailure', meaning: 'A revocation request failed.', source: CCO },
  { id: 3002, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP, source: CCO },
  { id: 3003, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP_FAIL, source: CCO },
  { id: 3020, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP, source: CCO },
  { id: 3032, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP, source: CCO },
  { id: 3050, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP, source: CCO },
  { id: 3051, log: 'unified-connector', channel: OPER, name: 'RevokeFailure', meaning: 'Revoking a certificate failed.', source: CCO },
  { id: 3052, log: 'unified-connector', channel: OPER, meaning: 'Revocation failed and will be retried.', source: CCO },
  { id: 3100, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP, source: CCO },
  { id: 3101, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP_FAIL, source: CCO },
  { id: 3102, log: 'unified-connector', channel: OPER, meaning: REVOKE_STEP, source: CCO },
  { id: 4000, log: 'unified-connector', channel: ADMIN, name: 'ScepRequestSuccess', meaning: 'A SCEP request was handled end to end.', caveat: 'Microsoft\'s page spells the name "ScrepRequestSuccess".', source: CCO },
  { id: 4001, log: 'unified-connector', channel: ADMIN, name: 'ScepRequestIssuedFailure', meaning: 'A SCEP request could not be processed; Intune was told about the failure.', ndesContext: 'Follow the same request in the Operational channel (4003 → 4004/4005 → 4006/4007 → 4008-4010).', source: CCO },
  { id: 4002, log: 'unified-connector', channel: ADMIN, name: 'ScepRequestUploadFailure', meaning: 'The certificate was issued but Intune could not be notified.', source: CCO },
  { id: 4003, log: 'unified-connector', channel: OPER, name: 'ScepRequestReceived', meaning: 'The connector received a SCEP request.', source: CCO },
  { id: 4004, log: 'unified-connector', channel: OPER, name: 'ScepVerifySuccess', meaning: 'The SCEP challenge was verified with Intune.', source: CCO },
  { id: 4005, log: 'unified-connector', channel: OPER, name: 'ScepVerifyFailure', meaning: 'The SCEP challenge could not be verified with Intune.', ndesContext: 'New-connector equivalent of "Verify challenge returns false"; check connector connectivity/proxy to Intune.', source: CCO },
  { id: 4006, log: 'unified-connector', channel: OPER, name: 'ScepIssuedSuccess', meaning: 'The CA issued the SCEP certificate.', source: CCO },
  { id: 4007, log: 'unified-connector', channel: OPER, name: 'ScepIssuedFailure', meaning: 'Verification passed but no certificate was issued.', ndesContext: 'Look at NDES event 31 and CA events 53/21 at the same time.', source: CCO },
  { id: 4008, log: 'unified-connector', channel: OPER, name: 'ScepNotifySuccess', meaning: 'Intune was notified about the issued certificate.', source: CCO },
  { id: 4009, log: 'unified-connector', channel: OPER, name: 'ScepNotifyAttemptFailed', meaning: 'A notification attempt to Intune failed; it will be retried.', source: CCO },
  { id: 4010, log: 'unified-connector', channel: OPER, name: 'ScepNotifySaveToDiskFailed', meaning: 'The notification could not be saved to disk for a later retry.', source: CCO },
  { id: 5000, log: 'unified-connector', channel: OPER, name: 'HealthMessageUploadSuccess', meaning: 'Connector health was reported to Intune.', source: CCO },
  { id: 5001, log: 'unified-connector', channel: OPER, name: 'HealthMessageUploadFailedAttempt', meaning: 'A health report upload attempt failed.', ndesContext: 'The connector cannot reach Intune (proxy, firewall, TLS 1.2).', source: CCO },
  { id: 5002, log: 'unified-connector', channel: OPER, name: 'HealthMessageUploadFailure', meaning: 'Health reporting to Intune failed.', ndesContext: 'The connector cannot reach Intune (proxy, firewall, TLS 1.2); the portal status may go stale.', source: CCO },
];

// §9 NDES event ids
const GRAD = SRC.gradNdesOverview;

export const NDES_EVENTS: readonly EventEntry[] = [
  { id: 1, log: 'ndes', meaning: 'NDES started.', source: GRAD },
  { id: 2, log: 'ndes', name: 'EVENT_MSCEP_FAILED_TO_LOAD', meaning: 'NDES could not start; the code in brackets says why.', ndesContext: '0x80070057: RA certificates unusable or their keys unreadable (pairs with event 10); 0x80070002: registry inconsistent or a policy module cannot start; 0x800700ea: IIS handler order; 0x8009000b: with event 49 (EncryptedPassword).', source: SRC.gradNdes2 },
  { id: 3, log: 'ndes', meaning: 'NDES stopped.', source: GRAD },
  { id: 4, log: 'ndes', meaning: 'NDES could not be stopped.', source: GRAD },
  { id: 6, log: 'ndes', meaning: 'NDES could not hand out a password: the user lacks Enroll on the configured template, or the CA does not issue that template.', ndesContext: 'Give the NDES service account Read + Enroll on the SCEP template and publish it on the CA.', source: GRAD },
  { id: 7, log: 'ndes', meaning: 'NDES could not return the CA certificate(s) to the requester.', source: GRAD },
  { id: 10, log: 'ndes', name: 'EVENT_MSCEP_FAILED_RA_CERT', meaning: 'NDES cannot load one of the certificates it needs (its RA certificates).', ndesContext: 'Grant the service account Read on the RA private keys, re-enroll RA certificates from the right CA, fix CRL/AIA reachability.', source: SRC.gradNdes10 },
  { id: 16, log: 'ndes', name: 'EVENT_MSCEP_FAIL_TO_DECODE', meaning: 'NDES could not decode the HTTP message sent by the client.', source: GRAD },
  { id: 17, log: 'ndes', name: 'EVENT_MSCEP_FAIL_TO_RETRIEVE_INFO', meaning: 'NDES could not read transaction ID, message type or signing certificate from the client\'s PKCS#7.', ndesContext: 'With 0x8009310b right after Validate-NDESUrl.ps1 it is the script\'s fake request (harmless).', source: GRAD },
  { id: 18, log: 'ndes', name: 'EVENT_MSCEP_FAIL_TO_DECRYPT_INNER', meaning: 'NDES could not decrypt the client\'s PKCS#7 message.', ndesContext: 'With 0x80090005 the client encrypted to the CA certificate instead of the NDES RA encryption certificate.', source: GRAD },
  { id: 29, log: 'ndes', meaning: 'The challenge password in the request could not be verified (wrong or already used).', ndesContext: 'Obtain a fresh challenge; on connector installs run setup elevated; on the unified connector check the proxy is entered with http://.', caveat: 'Event id taken from a maintainer comment; the text from another report.', source: SRC.sscep156 },
  { id: 31, log: 'ndes', name: 'EVENT_MSCEP_FAIL_SUBMIT', meaning: 'NDES could not submit the certificate request to the CA; the text in brackets is the CA\'s reason.', ndesContext: 'Template not supported (MSCEP registry template names), key too short, RPC unavailable (CA unreachable), revocation server offline, or subject name rejected.', source: SRC.gradNdes31 },
  { id: 49, log: 'ndes', meaning: 'NDES could not decrypt its stored encrypted password, or its length does not match the registry setting.', ndesContext: 'Delete MSCEP\\EncryptedPassword and restart; usually pairs with event 2 0x8009000b.', source: SRC.jeffbutteEncryptedPassword },
  { id: 53, log: 'ndes', meaning: 'Referenced as "the policy module cannot be started".', unconfirmed: true, caveat: 'Exact event text not confirmed.', source: SRC.gradNdes2 },
];

// §10 CA event ids
export const CA_EVENTS: readonly EventEntry[] = [
  { id: 21, log: 'ca', name: 'MSG_E_PROCESS_REQUEST_FAILED', meaning: 'The CA could not process a request because of an error (code in the text).', source: SRC.gradCa21 },
  { id: 22, log: 'ca', name: 'MSG_E_PROCESS_REQUEST_FAILED_WITH_INFO', meaning: 'The CA could not process a request; extra information follows (e.g. "Error Parsing Request").', source: SRC.gradCa22 },
  { id: 44, log: 'ca', name: 'MSG_E_POLICY_ERROR', meaning: 'A method of the CA policy module returned an error.', ndesContext: 'All NDES submissions fail while this persists (AD unreachable 0x8007054b, no templates 0x80092004, time skew 0x80070576).', unconfirmed: true, caveat: 'Symbolic name not confirmed.', source: SRC.gradCa44 },
  { id: 53, log: 'ca', meaning: 'The CA denied a request; the reason and "Additional information" follow.', ndesContext: '"Denied by Policy Module" = template/permission problem (e.g. 0x80094800, 0x80094012, 0x80094811); "Error Constructing or Publishing Certificate" = failure after approval. Logged at level Warning.', source: SRC.kb283218 },
  { id: 77, log: 'ca', name: 'MSG_POLICY_LOG_WARNING', meaning: 'The policy module logged a warning, e.g. a certificate template could not be loaded.', ndesContext: 'With "Element not found. 0x80070490": the CA lost Read on the template ACL.', unconfirmed: true, caveat: 'Symbolic name not confirmed.', source: SRC.kb283218 },
  { id: 128, log: 'ca', meaning: 'A request carried an Authority Key Identifier but that feature is not enabled on the CA.', ndesContext: 'After a CA certificate renewal: `certutil -setreg ca\\UseDefinedCACertInRequest 1` and restart CertSvc.', source: SRC.pkcs },
];

// §11 Windows device event ids
export const DEVICE_EVENTS: readonly EventEntry[] = [
  { id: 306, log: 'device-dm', channel: ADMIN, meaning: 'SCEP CspExecute: the SCEP profile arrived on the device (0x2ab0003 = accepted).', source: SRC.profileDeployment },
  { id: 36, log: 'device-dm', channel: ADMIN, meaning: 'SCEP: the certificate request was generated.', source: SRC.deviceToNdes },
  { id: 39, log: 'device-dm', channel: ADMIN, meaning: 'SCEP: the certificate was installed.', source: SRC.delivery },
  { id: 32, log: 'device-dm', channel: ADMIN, meaning: 'SCEP: certificate enrollment failed (the result code follows).', source: SRC.win10Fails },
  { id: 307, log: 'device-dm', channel: ADMIN, meaning: 'SCEP: failure with a LogError message (SCEPInstallCertificateWithScepHelper ...).', source: SRC.oktaHash },
  { id: 30, log: 'capi2', channel: 'Operational', meaning: 'A certificate chain was built but ended in an untrusted root (800B0109).', ndesContext: 'After a CA renewal the NDES RA certificates still chain to the old CA certificate; Windows devices refuse SCEP.', source: SRC.win10Fails },
  { id: 86, log: 'certenroll', meaning: 'SCEP enrollment could not be initialised (method and stage are printed).', ndesContext: 'At stage GetCACaps with 0x80072f8f the device does not trust the NDES URL certificate.', source: SRC.gradCertEnroll86 },
  { id: 87, log: 'certenroll', meaning: 'SCEP enrollment failed (PkiStatus / FailInfo / EnrollStatus follow).', source: SRC.gradCertEnroll87 },
];

// Other Windows events the spec refers to (formats.md §5, signatures.md)
export const OTHER_EVENTS: readonly EventEntry[] = [
  { id: 1000, log: 'application-error', meaning: 'A process crashed (Application Error).', ndesContext: 'Faulting application w3wp.exe: the SCEP app pool crashed, so devices get 503 (intermediates in Root store, unreachable CRLs, Windows auth on CertificateRegistrationSvc, expired NDESPolicy certificate).', source: SRC.deviceToNdes },
  { id: 1310, log: 'aspnet', meaning: 'ASP.NET reported an error (event code 3007 = compilation error).', ndesContext: 'CertificateRegistrationSvc cannot compile because its identity cannot write to C:\\Windows\\Temp.', source: SRC.crpVerifyError },
  { id: 5009, log: 'was', meaning: 'A worker process of an application pool terminated unexpectedly.', ndesContext: 'Pool "SCEP": see the CRP 500 / Temp folder ACL case and w3wp crashes.', source: SRC.crpVerifyError },
  { id: 10027, log: 'dcom', meaning: 'DCOM refused remote activation for the caller.', ndesContext: 'On the CA for ANONYMOUS LOGON: RPC/DCOM permissions block NDES or the connector (0x800706ba).', source: SRC.rpc800706ba },
];

export const ALL_EVENTS: readonly EventEntry[] = [
  ...NDES_EVENTS,
  ...CA_EVENTS,
  ...UNIFIED_CONNECTOR_EVENTS,
  ...LEGACY_CONNECTOR_EVENTS,
  ...DEVICE_EVENTS,
  ...OTHER_EVENTS,
];

/** Row counts per table (for documentation and tests). */
export const TABLE_ROW_COUNTS = {
  winhttpErrors: WINHTTP_ERRORS.length,
  winhttpCallbackFlags: WINHTTP_CALLBACK_FLAGS.length,
  hresults: HRESULTS.length,
  dmStatuses: DM_STATUSES.length,
  win32Errors: WIN32_ERRORS.length,
  iisStatuses: IIS_STATUSES.length,
  httpSysReasons: HTTPSYS_REASONS.length,
  scepStatuses: SCEP_STATUSES.length,
  connectorDiagCodes: CONNECTOR_DIAG_CODES.length,
  legacyConnectorEvents: LEGACY_CONNECTOR_EVENTS.length,
  unifiedConnectorEvents: UNIFIED_CONNECTOR_EVENTS.length,
  ndesEvents: NDES_EVENTS.length,
  caEvents: CA_EVENTS.length,
  deviceEvents: DEVICE_EVENTS.length,
  otherEvents: OTHER_EVENTS.length,
} as const;
