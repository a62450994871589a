import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../../server/src/core/analysis';
import { appendToModel, parseDocument } from '../../server/src/core/parse';
import type { LogModel } from '../../server/src/core/types';
import { invokeWebRequest403 } from '../support/bundle/servicing';

/**
 * What support bundles hold besides the NDES logs (test/support/bundle): read as loose text, it
 * must not raise a failure that is not one.
 */

function loud(text: string, fileName: string): string[] {
  return validate(parseDocument(text, { fileName })).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.ruleId);
}

/** A transcript's URL test that IIS answered with its 403 page, then the session ends. */
function iwr403(url: string): string {
  return [...invokeWebRequest403(url), '', 'PS C:\\Temp> Stop-Transcript', ''].join('\r\n');
}

test('bundle trust: a transcript\'s URL test of the bare mscep.dll (403, expected) raises nothing', () => {
  assert.deepEqual(loud(iwr403('https://ndes01.contoso.com/certsrv/mscep/mscep.dll'), 'PowerShell_transcript.NDES01.20240305101422.txt'), []);
  assert.deepEqual(loud(iwr403('"https://ndes01.contoso.com/certsrv/mscep/mscep.dll/"'), 'ticket.txt'), []);
});

test('bundle trust: the same 403 page for a SCEP operation is still reported, once per error', () => {
  const url = '"https://ndes01.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACert&message=ca"';
  assert.deepEqual(loud(iwr403(url), 'PowerShell_transcript.NDES01.20240305101422.txt'), ['NDES-CLIENT-403-HTML-PAGE']);
});

test('bundle trust: a PowerShell error view is one record, also while it is being written', () => {
  const whole = parseDocument(iwr403('https://ndes01.contoso.com/certsrv/mscep/mscep.dll'), { fileName: 'transcript.txt' });
  const error = whole.records.find((r) => r.text.startsWith('Invoke-WebRequest : '));
  assert.ok(error?.text.includes('FullyQualifiedErrorId'), 'the error view ends at its FullyQualifiedErrorId line');
  assert.equal(error?.line, 1, 'and starts at its Verb-Noun line');
  // A copy that stops before the command is echoed: nothing shows the request was the bare URL.
  const lines = iwr403('https://ndes01.contoso.com/certsrv/mscep/mscep.dll').split('\r\n');
  const cut = lines.slice(0, 11).join('\r\n');
  assert.deepEqual(loud(cut, 'ticket.txt'), ['NDES-CLIENT-403-HTML-PAGE']);
  // Still open at the end, the view is one record (a transcript being written is read again from
  // it); every split of the text, appended, reads as the whole text does.
  const cutModel = parseDocument(cut, { fileName: 'ticket.txt' });
  assert.equal(cutModel.records.at(-1)?.line, 1, 'the unfinished view is the last record, from its first line');
  const text = lines.join('\r\n');
  const full = parseDocument(text, { fileName: 'transcript.txt' });
  const shape = (m: LogModel): unknown => m.records.map((r) => [r.start, r.end, r.text]);
  for (let at = 1; at < text.length; at += 5) {
    const before = parseDocument(text.slice(0, at), { fileName: 'transcript.txt' });
    if (before.format !== full.format || before.detectedBy !== full.detectedBy) continue;
    const grown = appendToModel(before, text);
    if (grown) assert.deepEqual(shape(grown.model), shape(full), `appended after ${at} characters`);
  }
  // A prompt before its last line: it was no error view, its lines are records of their own.
  const interrupted = parseDocument([...lines.slice(0, 11), 'PS C:\\Temp> whoami', 'contoso\\admin'].join('\r\n'), { fileName: 'ticket.txt' });
  assert.ok(interrupted.records.some((r) => r.text.trim() === 'Server Error'), 'lines of an interrupted block are records of their own');
});
