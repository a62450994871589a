import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { CATALOGUE } from '../../server/src/core/catalogue';
import type { FlowResult } from '../../server/src/core/flow';
import { EVTX_REQUEST, EVTX_SCHEME, type EvtxResult } from '../../server/src/protocol';
import { sampleEvent } from '../support/evtx/events';
import { writeEvtx } from '../support/evtx/writer';
import { fixturePath } from '../support/paths';
import { StdioLspClient } from './client';

/**
 * The server on binary event logs: an .evtx of the workspace folder is read from disk like any log
 * and its findings published under its events document; that document, opened as the client opens
 * it, gets diagnostics, hover and outline; the SCEP flow places its failures.
 */
const folder = mkdtempSync(join(tmpdir(), 'ndes-lens-evtx-lsp-'));
const evtxPath = join(folder, 'Microsoft-Intune-CertificateConnectors%4Operational.evtx');
const eventsUri = `${EVTX_SCHEME}:${pathToFileURL(evtxPath).toString().slice('file:'.length)}`;
let client: StdioLspClient;

before(async () => {
  for (const f of ['u_ex240305.log', 'NDESPlugin.log']) copyFileSync(fixturePath('flow/scenarios/intermediate-in-root', f), join(folder, f));
  const verify = CATALOGUE.find((s) => s.id === 'CC-EVT-SCEP-VERIFY-FAILURE');
  assert.ok(verify);
  // And a PKCS failure of the same connector (Operational 1052), which the flow lists beside its stages.
  const pkcs = CATALOGUE.find((s) => s.id === 'CC-EVT-PKCS-FAILURES')?.samples.positive.find((p) => /<Event[\s>]/.test(p));
  assert.ok(pkcs);
  writeFileSync(evtxPath, writeEvtx([...verify.samples.positive.map((p) => sampleEvent(verify.id, p)), sampleEvent('CC-EVT-PKCS-FAILURES', pkcs)]));
  client = new StdioLspClient({ showSuccessMarkers: false });
  await client.initialize(pathToFileURL(folder).toString());
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

test('lsp evtx: an .evtx of the folder is read from disk; its findings go to its events document', async () => {
  await client.until(() => client.published(eventsUri)?.some((d) => d.code === 'CC-EVT-SCEP-VERIFY-FAILURE') ?? false);
  assert.equal(client.published(pathToFileURL(evtxPath).toString()), undefined, 'nothing under the binary file itself');
});

test('lsp evtx: the events request renders the file; opened, the document has diagnostics, hover and outline', async () => {
  const { text } = await client.connection.sendRequest<EvtxResult>(EVTX_REQUEST, { uri: eventsUri });
  assert.match(text, /^<\?xml version="1\.0" encoding="utf-8" standalone="yes"\?>\n<Events>\n<Event /);
  const diagnostics = await client.open(eventsUri, 'plaintext', text);
  const d = diagnostics.find((x) => x.code === 'CC-EVT-SCEP-VERIFY-FAILURE');
  assert.ok(d, JSON.stringify(diagnostics.map((x) => x.code)));
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: eventsUri }, position: d.range.start });
  assert.ok(hover && JSON.stringify(hover.contents).includes('CC-EVT-SCEP-VERIFY-FAILURE'));
  const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: eventsUri } });
  assert.ok(symbols.some((s) => s.name === 'Microsoft-Intune-CertificateConnectors' && (s.children?.length ?? 0) > 0), JSON.stringify(symbols.map((s) => s.name)));
  const flow = await client.connection.sendRequest<FlowResult>('ndesLens/flow');
  const stage3 = flow.stages.find((s) => s.stage === 3);
  assert.ok(stage3?.evidence.some((e) => e.path === evtxPath && e.ruleId === 'CC-EVT-SCEP-VERIFY-FAILURE'), JSON.stringify(stage3));
  // The PKCS failure is listed beside the flow, in no stage.
  assert.deepEqual(flow.beside.map((b) => [b.ruleId, b.path, b.count]), [['CC-EVT-PKCS-FAILURES', evtxPath, 1]]);
  assert.ok(!flow.stages.some((s) => s.evidence.some((e) => e.ruleId === 'CC-EVT-PKCS-FAILURES')));
  await client.close(eventsUri);
});

test('lsp evtx: a file that is gone is a clear error, not a crash', async () => {
  await assert.rejects(client.connection.sendRequest(EVTX_REQUEST, { uri: `${EVTX_SCHEME}:///no/such/file.evtx` }), /cannot read/);
  await assert.rejects(client.connection.sendRequest(EVTX_REQUEST, { uri: 'untitled:Untitled-1' }), /not a file/);
});
