import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, IIS_LOG, PLUGIN_LOG, SVCLOG, codeOf, waitForDiagnostics, workspaceFile } from './util';

/** Issue 5 in the editor: the whole folder is analysed, failures link across files, the flow names the stage. */
interface FlowShape {
  readonly verdict: string;
  readonly firstFailure: { readonly stage: number; readonly ruleId: string; readonly path: string; readonly line: number } | null;
  readonly stages: readonly { readonly stage: number; readonly status: string; readonly evidence: readonly { readonly path: string }[] }[];
}

suite('SCEP flow across the evidence folder', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  test('a log nobody opened is analysed and its failure points at the same request in the other logs', async () => {
    const iis = workspaceFile(IIS_LOG);
    const plugin = workspaceFile(PLUGIN_LOG);
    // Neither file is opened here: the server read them from the workspace folder.
    const diagnostics = await waitForDiagnostics(iis, (ds) => ds.some((d) => codeOf(d) === 'NDES-IIS-CRP-403-16' && (d.relatedInformation?.length ?? 0) > 0), 'NDES-IIS-CRP-403-16 with related information');
    const d = diagnostics.find((x) => codeOf(x) === 'NDES-IIS-CRP-403-16');
    assert.ok(d?.relatedInformation);
    assert.deepEqual(d.relatedInformation.map((r) => r.location.uri.toString()), [plugin.toString()]);
  });

  test('"NDES Lens: Diagnose Folder…" names the first failing stage and rule, with evidence from every log', async () => {
    const flow = await vscode.commands.executeCommand<FlowShape | undefined>('ndesLens.diagnoseFolder');
    assert.ok(flow, 'the command returns the flow');
    assert.deepEqual(flow.firstFailure && [flow.firstFailure.stage, flow.firstFailure.ruleId], [3, 'NDES-CRP-SIGNING-CERT-MISSING']);
    assert.match(flow.verdict, /^SCEP: stage 3 failed — /);
    assert.equal(flow.stages[2]?.status, 'failed');
    assert.equal(flow.stages[1]?.status, 'ok');
    const files = new Set(flow.stages.flatMap((s) => s.evidence.map((e) => e.path.slice(e.path.lastIndexOf('/') + 1))));
    for (const name of [IIS_LOG, PLUGIN_LOG, SVCLOG]) assert.ok(files.has(name), `evidence from ${name}`);
  });
});
