import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../../server/src/core/analysis';
import { analyseFlow } from '../../server/src/core/flow';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';

/**
 * Whole event logs of a healthy server hold errors that Windows writes about other things. These are
 * such events as wevtutil and Event Viewer export them, with what the rule they resemble is for.
 */

function check(text: string, fileName: string): { findings: Finding[]; flow: ReturnType<typeof analyseFlow> } {
  const model = parseDocument(text, { fileName });
  const findings = validate(model);
  const lines = LineIndex.of(text);
  const flow = analyseFlow([{ path: fileName, model, findings, positionAt: (o) => lines.positionAt(o) }]);
  return { findings, flow };
}

const loud = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.ruleId);

/** An event as `wevtutil qe Application /f:xml` prints it: the System part and the event's own data, no message. */
function wevtutil(provider: string, id: number, level: number, data: readonly string[], extra = ''): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${provider}'${extra}/><EventID Qualifiers='49152'>${id}</EventID><Version>0</Version>`
    + `<Level>${level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2024-03-05T07:14:05.1234567Z'/><EventRecordID>4711</EventRecordID>`
    + `<Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>NDES01.contoso.com</Computer><Security/></System>`
    + `<EventData>${data.map((d) => `<Data>${d}</Data>`).join('')}</EventData></Event>\r\n`;
}

test('trust: CAPI2 event 4107 about Windows Update\'s root list cab, as wevtutil writes it, is no expired NDES certificate', () => {
  const xml = wevtutil('Microsoft-Windows-CAPI2', 4107, 2, [
    'http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab',
    'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n',
  ], " Guid='{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}' EventSourceName='Microsoft-Windows-CAPI2'");
  const { findings, flow } = check(xml, 'Application.xml');
  assert.deepEqual(loud(findings), []);
  assert.equal(flow.firstFailure, null, flow.verdict);
  // The sentence alone (a CAPI2 chain check, a ticket) is still the warning it documents.
  const alone = check('A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.', 'ticket.txt');
  assert.deepEqual(loud(alone.findings), ['NDES-CAPI2-CERT-NOT-TIME-VALID']);
});
