import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText as check } from '../support/checkText';

/**
 * iOS console progress markers prove the stage their line shows: the profile on the device (1), the
 * device talking to NDES (2: Microsoft's device-to-NDES article), the SCEP profile installed (5).
 */

const line = (time: string, level: string, text: string): string => `${level}\t10:14:${time} +0100\tprofiled\t${text}`;
const ARRIVED = line('00.100000', 'default', 'Adding dependent ModelName=AC_1234_LogicalName_abcd to parent www.windowsintune.com.SCEP.ModelName=AC_1234 in domain PayloadDependencyDomainCertificate');
const url = (op: string): string => `Performing synchronous URL request: https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=${op}&message=SCEP%20Authority`;

test('flow: a GetCACert marker before the device rejects the RA answer proves no delivery', () => {
  const text = [
    ARRIVED,
    line('01.100000', 'debug', url('GetCACert')),
    line('01.300000', 'error', 'The Registration Authority\u2019s response is invalid.'),
    line('01.310000', 'default', 'Cannot retrieve SCEP identity'),
  ].join('\n') + '\n';
  const { flow } = check(text, 'console.log');
  assert.equal(flow.firstFailure?.stage, 2, flow.verdict);
  assert.equal(flow.stages[0]?.status, 'ok');
  assert.notEqual(flow.stages[4]?.status, 'ok', 'stage 5 proved by a GetCACert line');
  assert.ok(flow.stages.every((s) => s.stage < 3 || s.evidence.every((e) => e.ruleId !== 'DEV-IOS-SUCCESS-MARKERS')), 'a marker placed beyond stage 2');
});

test('flow: the request markers prove stage 2 and only the installed profile proves delivery', () => {
  const sent = [ARRIVED, line('01.100000', 'debug', url('GetCACert')), line('01.600000', 'debug', url('GetCACaps')),
    line('02.000000', 'default', 'Attempting to retrieve issued certificate...'), line('02.010000', 'debug', 'Sending CSR via GET.')];
  const open = check(sent.join('\n') + '\n', 'console.log').flow;
  assert.equal(open.stages[1]?.status, 'ok');
  assert.notEqual(open.stages[4]?.status, 'ok', open.verdict);
  const done = check([...sent, line('03.400000', 'default', 'Profile \u201cwww.windowsintune.com.SCEP.ModelName=AC_1234\u201d installed.')].join('\n') + '\n', 'console.log').flow;
  assert.equal(done.firstFailure, null, done.verdict);
  assert.equal(done.stages[4]?.status, 'ok', done.verdict);
  assert.deepEqual(done.stages[4].evidence.map((e) => e.line), [6]);
});
