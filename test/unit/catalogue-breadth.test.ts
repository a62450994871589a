import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signatureById } from '../../server/src/core/catalogue';
import { createModelBuilder } from '../../server/src/core/parse';
import type { FormatId } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { compareVersions, EXPIRY_WARNING_DAYS, invariantDate, MIN_CONNECTOR_VERSION } from '../../server/src/core/catalogue/lifecycle';

/** The rules researched for issue 19 through the real scanner and validator, beyond their own samples. */
function ids(format: FormatId, text: string): string[] {
  const b = createModelBuilder(format);
  b.push(text + '\n');
  return [...new Set(validate(b.end()).map((f) => f.ruleId))].sort();
}

const csv = (time: string, message: string): string => `"Time","Line","Level","Message"\n"${time}","[783]","","${message}"`;

test('lifecycle: "expires soon" is measured from the line\'s own time, never from today', () => {
  const line = 'Success: EnrollmentAgentOffline certificate is present and valid till: 04/01/2024 10:00:00';
  // Written 27 days before the end date: reported. Written 61 days before: not.
  assert.ok(ids('cmtrace-log', csv('2024-03-05 09:15:02Z', line)).includes('NDES-RA-CERT-EXPIRES-SOON'));
  assert.ok(!ids('cmtrace-log', csv('2024-01-31 09:00:00Z', line)).includes('NDES-RA-CERT-EXPIRES-SOON'));
  // The boundary is EXPIRY_WARNING_DAYS: one day inside it, one day outside.
  const end = Date.UTC(2024, 3, 1, 10);
  const at = (days: number): string => new Date(end - days * 86400000).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  assert.ok(ids('cmtrace-log', csv(at(EXPIRY_WARNING_DAYS - 1), line)).includes('NDES-RA-CERT-EXPIRES-SOON'));
  assert.ok(!ids('cmtrace-log', csv(at(EXPIRY_WARNING_DAYS + 1), line)).includes('NDES-RA-CERT-EXPIRES-SOON'));
  // Pasted without its time, the line is not judged at all.
  assert.deepEqual(ids('plain-text', line), []);
  // The same line as CMTrace, its time in the attributes.
  const cmtrace = `<![LOG[${line}]LOG]!><time="09:15:02.117+060" date="3-5-2024" component="NDES_Validation" context="" type="1" thread="1" file="">`;
  assert.ok(ids('cmtrace-log', cmtrace).includes('NDES-RA-CERT-EXPIRES-SOON'));
  assert.ok(ids('plain-text', cmtrace).includes('NDES-RA-CERT-EXPIRES-SOON'));
});

test('lifecycle: connector versions compare part by part against the supported minimum', () => {
  assert.ok(compareVersions('6.2301.1.0', MIN_CONNECTOR_VERSION) < 0);
  assert.ok(compareVersions('6.2406.0.1000', MIN_CONNECTOR_VERSION) < 0);
  assert.equal(compareVersions('6.2406.0.1001', MIN_CONNECTOR_VERSION), 0);
  assert.ok(compareVersions('6.2406.1', MIN_CONNECTOR_VERSION) > 0);
  assert.ok(compareVersions('6.10000.0.0', MIN_CONNECTOR_VERSION) > 0, 'numeric, not text, comparison');
  const line = (v: string): string => `Success: Certificate Connector for Microsoft Intune was installed on 15-05-2023 and is version ${v}`;
  assert.deepEqual(ids('cmtrace-log', line('6.2406.0.1000')), ['CC-CONNECTOR-VERSION-UNSUPPORTED']);
  assert.deepEqual(ids('cmtrace-log', line('6.2406.0.1001')), []);
  assert.equal(invariantDate('valid till: 13/01/2024 10:00:00'), undefined, 'day first is not the invariant format');
});

test('clients: every failInfo reaches its own rule in all three spellings, and only that one', () => {
  const names = ['BADALG', 'BADMESSAGECHECK', 'BADREQUEST', 'BADTIME', 'BADCERTID'];
  names.forEach((name, n) => {
    const sig = signatureById(`DEV-SCEP-FAILINFO-${name}`);
    assert.ok(sig, name);
    assert.equal(sig.stage, 2, 'a client report is the device-side view');
    for (const sample of sig.samples.positive) {
      assert.deepEqual(ids('device-log', sample).filter((id) => id.startsWith('DEV-SCEP-FAILINFO-')), [`DEV-SCEP-FAILINFO-${name}`], `${String(n)}: ${sample}`);
    }
  });
  // The status line stays the pkiStatus rule's; its reason line is the failInfo rule's.
  assert.deepEqual(ids('device-log', 'sscep: pkistatus: FAILURE'), ['DEV-SCEP-CLIENT-PKISTATUS-FAILURE']);
  assert.deepEqual(ids('device-log', 'sscep: reason: Integrity check failed'), ['DEV-SCEP-FAILINFO-BADMESSAGECHECK']);
});

test('clients and CA: a specific rule takes its line from the general one', () => {
  const expired = 'The Network Device Enrollment Service cannot submit the certificate request (A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.). 0x80004005';
  assert.deepEqual(ids('windows-event-log', expired), ['CA-CERT-EXPIRED-IN-CHAIN']);
  const gateway = "Received '502 Bad Gateway' when sending GetCACaps(ca) to https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca";
  assert.deepEqual(ids('device-log', gateway), ['NDES-APPPROXY-BAD-GATEWAY']);
  const direct = "Received '404 Not Found' when sending GetCACaps(ca) to https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca";
  assert.deepEqual(ids('device-log', direct), ['DEV-SCEP-CLIENT-HTTP-STATUS']);
});

test('clients: jscep\'s unverified-reply WARN is not a failure on its own; the error after it is', () => {
  // jscep logs this and keeps decoding the reply (PkiMessageDecoder); the real failure, if any, follows.
  const warn = '2019-05-14 10:02:11 WARN  PkiMessageDecoder:131 - Unable to verify message because the signedData contained no certificates.';
  assert.deepEqual(ids('device-log', warn), []);
  assert.deepEqual(ids('plain-text', warn), []);
  const des = 'org.jscep.transaction.TransactionException: org.jscep.message.MessageDecodingException: org.bouncycastle.cms.CMSException: Could not create DES cipher';
  assert.deepEqual(ids('device-log', `${warn}\n${des}`), ['DEV-JSCEP-DES-CIPHER']);
  // Clients that do stop on a reply without its signer still report it.
  assert.deepEqual(ids('device-log', 'parsing pkiMessage response PKCSReq (19): pkcs7: No certificate for signer'), ['DEV-SCEP-CLIENT-REPLY-NO-SIGNER-CERT']);
});

test('NDES events 16-18: event 17 with 0x8009310b (the Validate-NDESUrl test request) is a warning, the others errors', () => {
  const severities = (text: string): string[] => {
    const b = createModelBuilder('windows-event-log');
    b.push(text + '\n');
    return validate(b.end()).filter((f) => f.ruleId === 'NDES-EVT-16-17-18-PKCS7').map((f) => f.severity);
  };
  const info = (code: string): string => `Source        : Microsoft-Windows-NetworkDeviceEnrollmentService\nMessage       : The Network Device Enrollment Service cannot retrieve required information, such as the transaction ID, message type, or signing certificate, from the client's PKCS7 message (${code}).  ASN1 bad tag value met.`;
  assert.deepEqual(severities(info('0x8009310b')), ['warning']);
  assert.deepEqual(severities(info('0x80092004')), ['error']);
  const xml = (id: number, name: string, code: string): string => `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID>${String(id)}</EventID><Level>2</Level></System><EventData Name='${name}'><Data Name='ErrorCode'>${code}</Data><Data Name='ErrorMessage'>x</Data></EventData></Event>`;
  assert.deepEqual(severities(xml(17, 'EVENT_MSCEP_FAIL_TO_RETRIEVE_INFO', '0x8009310b')), ['warning']);
  assert.deepEqual(severities(xml(18, 'EVENT_MSCEP_FAIL_TO_DECRYPT_INNER', '0x8009310b')), ['error']);
  assert.deepEqual(severities("The Network Device Enrollment Service cannot decrypt the client's PKCS7 message (0x80090005).  Bad Data."), ['error']);
});

test('clients: reports join the flow as the device-side view (stage 2 or 5)', () => {
  for (const id of ['DEV-IOS-SCEP-INVALID-RESPONSE', 'DEV-SSCEP-WRONG-MIME-TYPE', 'DEV-SCEP-CLIENT-HTTP-STATUS', 'DEV-SCEP-CLIENT-LOCAL-FAILURE', 'DEV-SSCEP-ILLEGAL-PAYLOAD-SIZE', 'DEV-SSCEP-SIGNATURE-VERIFY-FAILED', 'DEV-JSCEP-DES-CIPHER', 'DEV-SCEP-CLIENT-REPLY-NO-SIGNER-CERT']) {
    const sig = signatureById(id);
    assert.ok(sig && (sig.stage === 2 || sig.stage === 5), id);
  }
});
