// Diagnostics published by the language server for each sample format, as VS Code shows them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  IIS_LOG, PLUGIN_LOG, SOURCE, SUCCESS_CODES, SVCLOG, codeOf, codesOf, describeDiagnostics, findByCode, lineOf,
  openInEditor, waitForCodes, waitForDiagnostics,
} from './util';

const isSuccessMarker = (d: vscode.Diagnostic): boolean => SUCCESS_CODES.includes(codeOf(d) ?? '');

suite('NDES Lens: diagnostics', () => {
  test('IIS: the 403 16 2148204809 VerifyRequest line is NDES-IIS-CRP-403-16, and nothing else is flagged', async () => {
    const doc = await openInEditor(IIS_LOG);
    const diagnostics = await waitForCodes(doc.uri, ['NDES-IIS-CRP-403-16']);
    const d = findByCode(diagnostics, 'NDES-IIS-CRP-403-16');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, describeDiagnostics([d]));
    assert.equal(d.range.start.line, lineOf(doc, 'NDES_Plugin - 403 16 2148204809'));
    assert.deepEqual(codesOf(diagnostics), ['NDES-IIS-CRP-403-16'], `healthy IIS traffic must not be flagged: ${describeDiagnostics(diagnostics)}`);
  });

  test('NDESPlugin.log: the HTML 403 page is NDES-PLUGIN-403-HTML, "returns false" is NDES-PLUGIN-VERIFY-FALSE', async () => {
    const doc = await openInEditor(PLUGIN_LOG);
    const diagnostics = await waitForCodes(doc.uri, ['NDES-PLUGIN-403-HTML', 'NDES-PLUGIN-VERIFY-FALSE']);
    const html = findByCode(diagnostics, 'NDES-PLUGIN-403-HTML');
    assert.equal(html.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(html.range.start.line, lineOf(doc, 'Verify challenge returns <!DOCTYPE html'), describeDiagnostics([html]));
    const verifyFalse = findByCode(diagnostics, 'NDES-PLUGIN-VERIFY-FALSE');
    assert.equal(verifyFalse.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(verifyFalse.range.start.line, lineOf(doc, 'Verify challenge returns false'));
    assert.deepEqual(diagnostics.filter(isSuccessMarker), [], 'success lines must not be diagnostics by default');
  });

  test('svclog: NDES-CRP-SIGNING-CERT-MISSING and NDES-CRP-VERIFY-FINISHED-FALSE on the failing request', async () => {
    const doc = await openInEditor(SVCLOG);
    const diagnostics = await waitForCodes(doc.uri, ['NDES-CRP-SIGNING-CERT-MISSING', 'NDES-CRP-VERIFY-FINISHED-FALSE']);
    const missing = findByCode(diagnostics, 'NDES-CRP-SIGNING-CERT-MISSING');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(missing.range.start.line, lineOf(doc, 'Signing certificate could not be retrieved.'));
    const finished = findByCode(diagnostics, 'NDES-CRP-VERIFY-FINISHED-FALSE');
    assert.equal(finished.range.start.line, lineOf(doc, 'VerifyRequest Finished with status False'));
    assert.deepEqual(diagnostics.filter(isSuccessMarker), [], 'success records must not be diagnostics by default');
  });

  test('every diagnostic names source ndes-lens, its rule id and a Microsoft Learn link', async () => {
    for (const name of [IIS_LOG, PLUGIN_LOG, SVCLOG]) {
      const doc = await openInEditor(name);
      const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'any diagnostic');
      for (const d of diagnostics) {
        const where = `${name} line ${d.range.start.line + 1}`;
        assert.equal(d.source, SOURCE, `${where}: source`);
        assert.ok(typeof d.code === 'object', `${where}: code must be { value, target }, got ${JSON.stringify(d.code)}`);
        assert.match(String(d.code.value), /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/, `${where}: rule id`);
        assert.equal(d.code.target.scheme, 'https', `${where}: ${d.code.target.toString()}`);
        assert.equal(d.code.target.authority, 'learn.microsoft.com', `${where}: ${d.code.target.toString()}`);
      }
    }
  });

  test('ndesLens.showSuccessMarkers = true adds Information success markers; false removes them', async () => {
    const iis = await openInEditor(IIS_LOG);
    const plugin = await openInEditor(PLUGIN_LOG);
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ndesLens');
    assert.equal(config().get<boolean>('showSuccessMarkers'), false, 'showSuccessMarkers must default to false');
    await waitForCodes(iis.uri, ['NDES-IIS-CRP-403-16']);
    assert.deepEqual(vscode.languages.getDiagnostics(iis.uri).filter(isSuccessMarker), []);

    const shown = (codes: readonly string[]) => (ds: readonly vscode.Diagnostic[]): boolean =>
      codes.every((c) => ds.some((d) => codeOf(d) === c && d.severity === vscode.DiagnosticSeverity.Information));
    try {
      await config().update('showSuccessMarkers', true, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(iis.uri, shown(['NDES-IIS-MSCEP-OK']), 'Information NDES-IIS-MSCEP-OK');
      await waitForDiagnostics(plugin.uri, shown(['NDES-PLUGIN-SUCCESS', 'NDES-PLUGIN-VERIFY-SENT']),
        'Information NDES-PLUGIN-SUCCESS and NDES-PLUGIN-VERIFY-SENT');
      const ok = vscode.languages.getDiagnostics(iis.uri).filter((d) => codeOf(d) === 'NDES-IIS-MSCEP-OK');
      assert.ok(ok.length >= 3, `each healthy GetCACaps/GetCACert/PKIOperation line is a marker; got ${ok.length}`);
      assert.ok(ok.every((d) => d.source === SOURCE), describeDiagnostics(ok));
      findByCode(vscode.languages.getDiagnostics(iis.uri), 'NDES-IIS-CRP-403-16'); // errors stay
    } finally {
      await config().update('showSuccessMarkers', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(iis.uri, (ds) => !ds.some(isSuccessMarker) && ds.length > 0, 'success markers to disappear');
    await waitForDiagnostics(plugin.uri, (ds) => !ds.some(isSuccessMarker) && ds.length > 0, 'success markers to disappear');
  });
});
