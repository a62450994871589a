import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { FlowResult } from '../../server/src/core/flow';
import { fixturePath } from '../support/paths';
import { StdioLspClient } from './client';

/** The server reads a whole evidence folder from disk, as when an admin opens it in the editor. */
const folder = fixturePath('flow/scenarios/intermediate-in-root');
const uri = (name: string): string => pathToFileURL(`${folder}/${name}`).toString();
let client: StdioLspClient;

before(async () => {
  client = new StdioLspClient({ showSuccessMarkers: false });
  await client.initialize(pathToFileURL(folder).toString());
});
after(async () => { await client.stop(); });

test('folder: every log is analysed without being opened, with links to the same request in the other logs', async () => {
  const iis = uri('u_ex240305.log');
  const plugin = uri('NDESPlugin.log');
  await client.until(() => (client.published(iis)?.some((d) => d.relatedInformation?.length) ?? false)
    && (client.published(plugin)?.some((d) => d.relatedInformation?.length) ?? false));
  const iisDiag = client.published(iis)?.find((d) => d.code === 'NDES-IIS-CRP-403-16');
  assert.ok(iisDiag);
  assert.deepEqual(iisDiag.relatedInformation?.map((r) => r.location.uri), [plugin]);
  const pluginDiag = client.published(plugin)?.find((d) => d.code === 'NDES-PLUGIN-403-HTML');
  assert.ok(pluginDiag);
  assert.deepEqual(pluginDiag.relatedInformation?.map((r) => r.location.uri), [iis]);
  assert.equal(pluginDiag.relatedInformation[0]?.location.range.start.line, iisDiag.range.start.line);
});

test('folder: the flow request names the first failing stage and rule', async () => {
  const flow = await client.connection.sendRequest<FlowResult>('ndesLens/flow');
  assert.deepEqual(flow.firstFailure && [flow.firstFailure.stage, flow.firstFailure.ruleId], [3, 'NDES-IIS-CRP-403-16']);
  assert.match(flow.verdict, /^SCEP: stage 3 failed — /);
  assert.deepEqual(flow.stages.map((s) => s.status), ['no-evidence', 'ok', 'failed', 'not-reached', 'not-reached', 'not-reached']);
});

test('folder: diagnose re-reads the folder and answers with the same verdict', async () => {
  const result = await client.connection.sendRequest<{ files: number; flow: FlowResult }>('ndesLens/diagnoseFolder', {});
  assert.equal(result.files, 2);
  assert.equal(result.flow.firstFailure?.ruleId, 'NDES-IIS-CRP-403-16');
});
