import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import type { Finding } from '../../server/src/core/types';
import { validate } from '../../server/src/core/analysis';
import { REPO_ROOT } from '../support/paths';
import { checkText as check } from '../support/checkText';

/**
 * Success as Microsoft's articles show it raises nothing above info, in its own log and pasted into
 * a ticket; and a sentence that several components write is not blamed on one of them.
 */

const SEEDS = join(REPO_ROOT, 'test', 'golden', 'seeds');
const SUCCESS_FOLDERS = ['pm-iis-verify-success', 'pm-plugin-success', 'pm-crp-success', 'pm-ca-success'];

/** Microsoft's reporting article: a Notify call that reports an issued certificate. */
const NOTIFY_SUCCESS = 'Calling Notifyrequest ...\nSending request to certificate registration point.\nExiting Notify with 0x0\n';
/** The policy-module article's first success excerpt: the challenge handed on, its answer still to come. */
const VERIFY_SENT = 'Calling VerifyRequest ...\nSending request to certificate registration point.\n';

function loud(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`);
}

test('trust: the seed articles\' success excerpts raise nothing above info, in their log and pasted', () => {
  const excerpts: [string, string][] = [['NDESPlugin.log', NOTIFY_SUCCESS], ['NDESPlugin.log', VERIFY_SENT]];
  for (const folder of SUCCESS_FOLDERS) {
    for (const name of readdirSync(join(SEEDS, folder)).filter((n) => !n.endsWith('.findings'))) {
      excerpts.push([name, readFileSync(join(SEEDS, folder, name), 'utf8')]);
    }
  }
  for (const [name, text] of excerpts) {
    for (const fileName of [name, 'ticket.txt']) {
      const { findings, flow } = check(text, fileName);
      assert.deepEqual(loud(findings), [], `${fileName} holding ${JSON.stringify(text.slice(0, 60))}`);
      assert.equal(flow.firstFailure, null, `${fileName}: ${flow.verdict}`);
      assert.deepEqual(flow.gaps.filter((g) => g.kind === 'missing-success'), [], fileName);
    }
  }
});

test('trust: a Notify call is success evidence for stages 4 and 6, not a stuck request', () => {
  const { findings, flow } = check(NOTIFY_SUCCESS, 'NDESPlugin.log');
  assert.ok(!findings.some((f) => f.ruleId === 'NDES-PLUGIN-STUCK-AFTER-SEND' || f.ruleId === 'NDES-PLUGIN-CALL-IN-PROGRESS'));
  assert.deepEqual(flow.stages.filter((s) => s.status === 'ok').map((s) => s.stage), [3, 4, 6]);
});

test('trust: the CAPI2 validity sentence in a CA event names no policy-module certificate', () => {
  const caEvent = 'Active Directory Certificate Services could not process request 4242 due to an error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file. 0x800b0101 (-2146762495 CERT_E_EXPIRED). The request was for CN=ndes.contoso.com. Additional information: Error Verifying Request Signature or Signing Certificate\n';
  const ids = validate(parseDocument(caEvent, { fileName: 'ticket.txt' })).map((f) => f.ruleId);
  assert.ok(ids.includes('CA-CERT-EXPIRED-IN-CHAIN'), ids.join());
  assert.ok(!ids.includes('NDES-PLUGIN-STUCK-AFTER-SEND'), ids.join());
  assert.ok(!ids.includes('NDES-CAPI2-CERT-NOT-TIME-VALID'), 'the CA rule names the component');
  // Alone, the sentence keeps its generic meaning, as a warning that points at the stuck-call rule.
  const alone = validate(parseDocument('A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n', { fileName: 'ticket.txt' }));
  assert.deepEqual(alone.filter((f) => f.kind === 'failure').map((f) => [f.ruleId, f.severity]), [['NDES-CAPI2-CERT-NOT-TIME-VALID', 'warning']]);
});

test('trust: the policy module\'s answered calls are success evidence when IIS also logs cs-host', () => {
  // IIS writes enabled fields in a fixed order: cs(Referer) and cs-host come between the user agent
  // and sc-status, so the host name sits between "NDES_Plugin -" and the status triplet.
  const fields = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken\n';
  const call = (stem: string, triplet: string): string =>
    `2026-12-03 09:14:03 10.20.0.15 POST /CertificateRegistrationSvc/Certificate/${stem} - 443 - fe80::f53d:89b8:c3e8:5fec%13 NDES_Plugin - ndes.contoso.com ${triplet} 1432 2210 341\n`;
  const { findings, flow } = check(fields + call('VerifyRequest', '201 0 0') + call('Notify', '204 0 0'), 'u_ex261203.log');
  assert.deepEqual(loud(findings), []);
  assert.equal(findings.filter((f) => f.ruleId === 'NDES-PLUGIN-SUCCESS').length, 2);
  for (const stage of [3, 4, 6]) assert.equal(flow.stages.find((s) => s.stage === stage)?.status, 'ok', `stage ${stage}`);
  // A refused call in the same layout is no success, whatever numbers follow its triplet.
  const refused = check(fields + call('Notify', '403 13 0').replace(' 1432 2210 341', ' 204 0 0'), 'u_ex261203.log');
  assert.equal(refused.findings.filter((f) => f.ruleId === 'NDES-PLUGIN-SUCCESS').length, 0);
});
