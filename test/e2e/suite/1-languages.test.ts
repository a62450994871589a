// Activation and language assignment inside a real VS Code extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, IIS_LOG, PLUGIN_LOG, SVCLOG, describeDiagnostics, findByCode, lineOf, listenFor, openInEditor,
  waitForCodes, workspaceFile,
} from './util';

suite('NDES Lens: activation and languages', () => {
  test('the extension is installed and activates on an IIS log', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    await openInEditor(IIS_LOG);
    await ext.activate();
    assert.equal(ext.isActive, true, `${EXTENSION_ID} did not activate`);
  });

  test('u_ex*.log opens as iis-w3c-log, not as the built-in log language', async () => {
    const doc = await openInEditor(IIS_LOG);
    assert.equal(doc.languageId, 'iis-w3c-log', `${IIS_LOG} opened as ${doc.languageId}`);
  });

  test('NDESPlugin.log opens as ndesplugin-log', async () => {
    const doc = await openInEditor(PLUGIN_LOG);
    assert.equal(doc.languageId, 'ndesplugin-log', `${PLUGIN_LOG} opened as ${doc.languageId}`);
  });

  test('*.svclog opens as wcf-svclog', async () => {
    const doc = await openInEditor(SVCLOG);
    assert.equal(doc.languageId, 'wcf-svclog', `${SVCLOG} opened as ${doc.languageId}`);
  });

  test('a file without extension is recognised by its #Software first line', async () => {
    const doc = await openInEditor('iis-export');
    assert.equal(doc.languageId, 'iis-w3c-log', `iis-export (first line ${JSON.stringify(doc.lineAt(0).text)}) opened as ${doc.languageId}`);
  });

  test('a neutral *.log with IIS content is switched to iis-w3c-log and diagnosed', async () => {
    const uri = workspaceFile('web-export.log');
    const isSwitched = (d: vscode.TextDocument): boolean => d.uri.toString() === uri.toString() && d.languageId === 'iis-w3c-log';
    // setTextDocumentLanguage closes and re-opens the document, so the switch shows up as an open event.
    const switched = listenFor(
      vscode.workspace.onDidOpenTextDocument,
      isSwitched,
      'web-export.log to be re-opened as iis-w3c-log',
      () => `its language is ${vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId ?? '(not open)'}`,
    );
    let doc: vscode.TextDocument;
    try {
      const opened = await openInEditor('web-export.log');
      doc = isSwitched(opened) ? opened : await switched.result;
    } finally {
      switched.dispose();
    }
    assert.equal(doc.languageId, 'iis-w3c-log');
    const diagnostics = await waitForCodes(uri, ['NDES-IIS-CRP-403-16']);
    const d = findByCode(diagnostics, 'NDES-IIS-CRP-403-16');
    assert.equal(d.range.start.line, lineOf(doc, '403 16 2148204809'), describeDiagnostics(diagnostics));
  });
});
