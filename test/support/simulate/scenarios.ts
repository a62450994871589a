import { SOURCES } from '../../../server/src/core/catalogue/sources';
import type { Stage } from '../../../server/src/core/types';
import type { EventSpec, PluginMessage, TraceMessage } from './model';

/**
 * How one enrollment unfolds across the logs. The healthy shape is the default; a failure scenario
 * overrides only what the affected logs show differently. Every line comes from Microsoft's articles
 * as quoted in shared/spec/signatures.md and shared/seeds/ (the seed articles), never from a rule's
 * regular expression.
 */
export interface EnrollmentShape {
  /** Status triplet IIS logs for GetCACaps / GetCACert; the device stops at the first that is not 200. */
  readonly caStatus: string;
  /** Status triplet IIS logs for the device's PKIOperation. */
  readonly pkiStatus: string;
  /**
   * http.sys refuses the device's PKIOperation GET before IIS sees it (`sc-status s-siteid s-reason`
   * in the HTTPERR log); null when it reaches IIS.
   */
  readonly httpSysRefusal: string | null;
  /** NDES hands the request to the policy module (false when mscep.dll fails first). */
  readonly policyModule: boolean;
  /** IIS status of the plugin's POST to VerifyRequest; null when the call never reached IIS (TLS failed). */
  readonly crpStatus: string | null;
  /** What the policy module logs after `Sending request to certificate registration point.`. */
  readonly verifyAnswer: readonly PluginMessage[];
  /** The CRP trace of the verification; null when the CRP code never ran. */
  readonly crpTrace: readonly TraceMessage[] | null;
  /** The CRP accepted the challenge, so NDES goes on to the CA. */
  readonly verified: boolean;
  /** The connector's event for the verification (written when the CRP ran). */
  readonly verifyEvent: EventSpec;
  /** Whether the CA issued (then Notify follows). */
  readonly issued: boolean;
  /** NDES and CA events when the CA did not issue. */
  readonly caEvents: readonly EventSpec[];
  /** The connector's event for the Notify call. */
  readonly notifyEvent: EventSpec;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Where the lines come from. */
  readonly source: string;
  /** One of the two seed articles' scenarios. */
  readonly seed: boolean;
  /** The first failing SCEP stage the flow must name. */
  readonly stage: Stage;
  /** Every rule that must fire at the injected enrollment (and nothing else above info). */
  readonly ruleIds: readonly string[];
  readonly shape: Partial<EnrollmentShape>;
}

// Where each scenario's lines come from: the catalogue's own source list.
const PM = SOURCES.policyModule.url;
const KB4487170 = SOURCES.kb4487170.url;
const D2N = SOURCES.deviceToNdes.url;
const EVTS = SOURCES.connectorEvents.url;
const URL_LIMITS = SOURCES.httpApiErrors.url;
const RPC = SOURCES.kbRpc.url;
const CA_TEMPLATE = SOURCES.kb0x80094800.url;

export const NDES_HOST = 'NDES01.contoso.com';
export const CA_HOST = 'CA01.contoso.com';

/** NDES event 31 (EVENT_MSCEP_FAIL_SUBMIT) with the CA's answer in brackets, as wevtutil renders it. */
function ndesSubmitFailed(inner: string, code: string): EventSpec {
  return {
    file: 'NDES01-Application.xml', provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', providerGuid: '{73144342-19d1-47a4-94de-d38e6a054ad5}',
    channel: 'Application', computer: NDES_HOST, id: 31, level: 2, eventDataName: 'EVENT_MSCEP_FAIL_SUBMIT',
    data: [['ErrorMessage', inner], ['ErrorCode', code]],
    message: `The Network Device Enrollment Service cannot submit the certificate request (${inner}). ${code}`,
  };
}

/** The legacy connector's channel (codes.md §7: 20500/20501/20502 verify, 20600/20602 notify). */
export function connectorEvent(id: number, level: 2 | 3 | 4, code: string): EventSpec {
  return { file: 'NDES01-MicrosoftIntuneConnector.xml', provider: 'Microsoft Intune Connector', channel: 'Microsoft Intune Connector', computer: NDES_HOST, id, level, data: [[undefined, code]] };
}

const VERIFY_TRUE: readonly PluginMessage[] = [{ text: 'Verify challenge returns true' }, { text: 'Exiting VerifyRequest with 0x0' }];

/** signatures.md NDES-PLUGIN-SUCCESS, from [PM]: the CRP trace of a verified challenge. */
const CRP_TRUE: readonly TraceMessage[] = [
  { text: 'VerifyRequest Started.', subType: 'Start' },
  { text: 'Validation Phase 1 finished with status True.' },
  { text: 'Validation Phase 3 finished with status True.' },
  { text: 'VerifyRequest Finished with status True', subType: 'Stop' },
];

export const HEALTHY: EnrollmentShape = {
  caStatus: '200 0 0',
  pkiStatus: '200 0 0',
  httpSysRefusal: null,
  policyModule: true,
  crpStatus: '201 0 0',
  verifyAnswer: VERIFY_TRUE,
  crpTrace: CRP_TRUE,
  verified: true,
  verifyEvent: connectorEvent(20500, 4, '0x00000000'),
  issued: true,
  caEvents: [],
  notifyEvent: connectorEvent(20600, 4, '0x00000000'),
};

/** The IIS error page the CRP returns, as [PM] quotes its first lines in NDESPlugin.log. */
const FORBIDDEN_PAGE = [
  'Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"> <html xmlns="http://www.w3.org/1999/xhtml"> <head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>',
  '<title>403 - Forbidden: Access is denied.</title>',
  '</head>',
  '<body>',
  '<div id="header"><h1>Server Error</h1></div>',
  '<div id="content">',
  ' <div class="content-container"><fieldset>',
  '  <h2>403 - Forbidden: Access is denied.</h2>',
  '  <h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>',
  ' </fieldset></div>',
  '</div>',
  '</body>',
  '</html>',
].join('\r\n');

/** [KB4487170]'s stack, one frame more per entry as the article's three entries show. */
const KB_FRAMES = [
  'at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid()',
  'at System.Security.Cryptography.X509Certificates.X509Certificate.SetThumbprint()',
  'at System.Security.Cryptography.X509Certificates.X509Certificate.GetCertHashString()',
  'at Microsoft.ConfigurationManager.CertRegPoint.Helper.ValidateChallenge(String base64Encodedtoken, X509Certificate2Collection encryptedCerts, X509Certificate2 SigningCert, String& decodedChallengePassword)',
  'at Microsoft.ConfigurationManager.CertRegPoint.ChallengeValidation.ValidationPhase1(VerifyChallengeParams value, String& decodedChallenge, PKCSDecodedObject& pkcsObj)',
  'at Microsoft.ConfigurationManager.CertRegPoint.Controllers.CertificateController.VerifyRequest(VerifyChallengeParams value)',
];
const kbEntry = (frames: number): TraceMessage => ({
  text: ['Cryptography Exception: System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.', ...KB_FRAMES.slice(0, frames).map((f) => `   ${f}`)].join('\r\n'),
  subType: 'Error',
});

const VERIFY_FALSE: readonly PluginMessage[] = [{ text: 'Verify challenge returns false', type: 3 }, { text: 'Exiting VerifyRequest with 0x80004005', type: 3 }];

/** The scenario registry: every seed article's failure, and one failure per stage the catalogue can see. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'cn-invalid',
    title: 'SSL certificate name does not match: WinHTTP 12175 on the CRP call',
    source: PM, seed: true, stage: 3,
    ruleIds: ['NDES-PLUGIN-12175-CN-INVALID'],
    shape: {
      crpStatus: null, crpTrace: null, verified: false,
      verifyAnswer: [
        { text: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID', type: 3 },
        { text: 'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175', type: 3 },
        { text: 'Exiting VerifyRequest with 0x80072f8f', type: 3 },
      ],
    },
  },
  {
    id: 'intermediate-in-root',
    title: 'Intermediate CA in Trusted Root: the CRP answers 403.16',
    source: PM, seed: true, stage: 3,
    ruleIds: ['NDES-IIS-CRP-403-16', 'NDES-PLUGIN-403-HTML'],
    shape: {
      crpStatus: '403 16 2148204809', crpTrace: null, verified: false,
      verifyAnswer: [{ text: FORBIDDEN_PAGE, type: 3 }, { text: 'Exiting VerifyRequest with 0x80070005', type: 3 }],
    },
  },
  {
    id: 'signing-cert-missing',
    title: 'Challenge returns false: the CRP cannot retrieve its signing certificate',
    source: PM, seed: true, stage: 3,
    ruleIds: ['NDES-PLUGIN-VERIFY-FALSE', 'NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VERIFY-FINISHED-FALSE', 'CONN-EVT-CRP-VERIFY-FAILURE'],
    shape: {
      verifyAnswer: VERIFY_FALSE, verified: false,
      crpTrace: [
        { text: 'VerifyRequest Started.', subType: 'Start' },
        {
          text: 'Signing certificate could not be retrieved. System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle.\r\n   at System.Security.Cryptography.X509Certificates.X509Certificate.ThrowIfContextInvalid()\r\n   at System.Security.Cryptography.X509Certificates.X509Certificate.GetCertHashString()\r\n   at Microsoft.ConfigurationManager.CertRegPoint.CRPCertificate.RetrieveSigningCert(String certThumbprint)',
          subType: 'Error',
        },
        { text: 'VerifyRequest Finished with status False', subType: 'Stop' },
      ],
      // [EVTS]: 20502 CRPVerifyMetric_Failure with 0x00000409 CRPSCEPSigningCert_NotFound.
      verifyEvent: connectorEvent(20502, 2, '0x00000409'),
    },
  },
  {
    id: 'verification-keys-missing',
    title: 'Cryptography exception in ValidateChallenge: verification keys missing (KB4487170)',
    source: KB4487170, seed: true, stage: 3,
    ruleIds: ['NDES-CRP-VALIDATECHALLENGE-CRYPTO', 'NDES-CRP-VERIFY-FINISHED-FALSE', 'NDES-PLUGIN-VERIFY-FALSE'],
    shape: {
      verifyAnswer: VERIFY_FALSE, verified: false,
      crpTrace: [
        { text: 'VerifyRequest Started.', subType: 'Start' },
        kbEntry(4), kbEntry(5), kbEntry(6),
        { text: 'VerifyRequest Finished with status False', subType: 'Stop' },
      ],
    },
  },
  {
    id: 'impersonation-right-missing',
    title: 'mscep.dll answers 500 with Win32 1346: IIS_IUSRS lacks the impersonation right',
    source: D2N, seed: false, stage: 2,
    ruleIds: ['NDES-IIS-MSCEP-500-IMPERSONATE'],
    shape: { pkiStatus: '500 0 1346', policyModule: false },
  },
  {
    id: 'ca-template-not-supported',
    title: 'The CA does not issue the template NDES asks for (event 31, CA event 53)',
    source: CA_TEMPLATE, seed: false, stage: 4,
    ruleIds: ['NDES-EVT-31-SUBMIT-FAILED', 'CA-EVT-53-DENIED'],
    shape: {
      issued: false,
      caEvents: [
        ndesSubmitFailed('The requested certificate template is not supported by this CA.', '0x80004005'),
        {
          file: 'CA01-Application.xml', provider: 'Microsoft-Windows-CertificationAuthority', providerGuid: '{6A71D062-9AFE-4F35-AD08-52134F85DFB9}',
          channel: 'Application', computer: CA_HOST, id: 53, level: 3,
          message: 'Active Directory Certificate Services denied request {requestId} because The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE).  The request was for {subject}.  Additional information: Denied by Policy Module',
        },
      ],
    },
  },
  {
    id: 'ca-unreachable',
    title: 'NDES cannot reach the CA over RPC (event 31 with 0x800706ba)',
    source: RPC, seed: false, stage: 4,
    // The catalogue reports event 31 with 0x800706ba as CA-RPC-UNAVAILABLE only (the more specific cause).
    ruleIds: ['CA-RPC-UNAVAILABLE'],
    shape: { issued: false, caEvents: [ndesSubmitFailed('The RPC server is unavailable.', '0x800706ba')] },
  },
  {
    id: 'app-pool-stopped',
    title: 'The SCEP application pool is stopped: IIS answers 503',
    source: D2N, seed: false, stage: 2,
    ruleIds: ['NDES-IIS-MSCEP-503-APPPOOL'],
    shape: { caStatus: '503 0 0', policyModule: false },
  },
  {
    id: 'url-too-long',
    title: 'http.sys refuses the PKIOperation GET: URL longer than its limit (HTTPERR 414 URL_Length)',
    source: URL_LIMITS, seed: false, stage: 2,
    ruleIds: ['NDES-HTTPERR-URL-TOO-LONG'],
    shape: { httpSysRefusal: '414 - URL_Length', policyModule: false },
  },
  {
    id: 'notify-failed',
    title: 'The connector cannot finish the Notify call (event 20602): Intune is not told',
    source: EVTS, seed: false, stage: 6,
    ruleIds: ['CONN-EVT-NOTIFY-UPLOAD-FAILURES'],
    shape: { notifyEvent: connectorEvent(20602, 2, '0x0FFFFFFF') },
  },
];

export function scenarioById(id: string): Scenario {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario '${id}' (known: ${SCENARIOS.map((x) => x.id).join(', ')})`);
  return s;
}
