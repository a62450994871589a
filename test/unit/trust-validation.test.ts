import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText as check } from '../support/checkText';

/**
 * The validation script's connector registry check, read as the script's sources behave: the
 * "Registry key does not exist" branch could never report a key as present, and an empty value is
 * the script's own warning (expected on a unified-connector server).
 */

const cm = (message: string, type: 1 | 2 | 3): string =>
  `<![LOG[${message}]LOG]!><time="09:15:02.117+060" date="3-5-2024" component="NDES_Validation" context="CONTOSO\\admin" type="${type}" thread="1" file="">`;

test('trust: the registry check that cannot succeed raises nothing and fails no stage', () => {
  const console = 'Checking Intune Connector registry keys are intact\nError: KeyRecoveryAgentCertificate Registry key does not exist.\nPfxSigningCertificate Registry key does not exist.\nSigningCertificate Registry key does not exist\n';
  const log = [
    cm('Checking Intune Connector registry keys are intact', 1),
    cm('KeyRecoveryAgentCertificate Registry key does not exist.', 3),
    cm('PfxSigningCertificate Registry key does not exist.', 3),
    cm('SigningCertificate Registry key does not exist', 3),
  ].join('\n') + '\n';
  for (const [text, name] of [[console, 'Validate-NDESConfig-console.txt'], [log, 'Validate-NDESConfig.log']] as const) {
    const { findings, flow } = check(text, name);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'VAL-CONNECTOR-REGKEYS'), [], name);
    assert.equal(flow.firstFailure, null, `${name}: ${flow.verdict}`);
  }
});

test('trust: an empty connector value is the script\'s warning, still reported, and fails no stage on its own', () => {
  const text = 'Checking Intune Connector is installed...\nMicrosoft Intune Connector was installed on 20190412 and is version 6.1904.1.0\nChecking Intune Connector registry keys are intact\nWARNING: SigningCertificate registry key exists but has no value\n';
  const { findings, flow } = check(text, 'Validate-NDESConfig-console.txt');
  const hits = findings.filter((f) => f.ruleId === 'VAL-CONNECTOR-REGKEYS');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]?.severity, 'warning');
  assert.equal(flow.firstFailure, null, flow.verdict);
});
