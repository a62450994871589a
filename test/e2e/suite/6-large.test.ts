import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, waitForDiagnostics, waitForEvent, workspaceFile } from './util';

/**
 * Issue 7: a log over 50 MB, which VS Code hands no extension, is still analysed. The server reads
 * it from disk; its failure reaches the Problems panel; "Show Only Failures" lists it from the tab.
 * Runs last in the extension-host phase and removes its file, so no other suite sees it.
 */
const NAME = 'u_ex240399.log';
const FIELDS = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const HEALTHY = '2024-03-05 07:41:25 10.20.30.11 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - 10.20.40.219 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 15\r\n';
const FAILURE = '2024-03-05 07:58:45 10.20.30.11 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.20.30.11 NDES_Plugin - 403 16 2148204809 31\r\n';
/** VS Code stops handing documents to extensions at 50 MiB. */
const SYNC_LIMIT = 50 * 1024 * 1024;

suite('a log over 50 MB', () => {
  const uri = workspaceFile(NAME);
  const healthyLines = Math.ceil((SYNC_LIMIT + 4 * 1024 * 1024) / HEALTHY.length);

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const fd = fs.openSync(uri.fsPath, 'w');
    try {
      fs.writeSync(fd, `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n${FIELDS}\r\n`);
      const block = HEALTHY.repeat(10_000);
      for (let n = 0; n < healthyLines; n += 10_000) fs.writeSync(fd, block);
      fs.writeSync(fd, FAILURE);
    } finally {
      fs.closeSync(fd);
    }
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(uri.fsPath, { force: true });
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no diagnostics once the file is deleted').catch(() => undefined);
  });

  test('is read from disk: its failure is in the Problems panel, at its line', async () => {
    assert.ok(fs.statSync(uri.fsPath).size > SYNC_LIMIT);
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'NDES-IIS-CRP-403-16'), 'NDES-IIS-CRP-403-16', 120_000);
    const d = diagnostics.find((x) => codeOf(x) === 'NDES-IIS-CRP-403-16');
    // Three header lines, then the healthy requests (written in blocks of 10,000), then the failure.
    assert.equal(d?.range.start.line, 3 + Math.ceil(healthyLines / 10_000) * 10_000);
  });

  test('opened in the editor it has no document, and "Show Only Failures" lists its failure from the tab', async () => {
    const tabOpened = waitForEvent(vscode.window.tabGroups.onDidChangeTabs, () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputText
      && (vscode.window.tabGroups.activeTabGroup.activeTab.input).uri.toString() === uri.toString(), `a tab for ${NAME}`, undefined, 120_000);
    await vscode.commands.executeCommand('vscode.open', uri);
    await tabOpened;
    assert.equal(vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString()), false, 'VS Code handed the extension no document');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), false);
    const failures = await vscode.commands.executeCommand<vscode.Uri | undefined>('ndesLens.showFailures');
    assert.ok(failures, 'the command found the log from its tab');
    const view = await vscode.workspace.openTextDocument(failures);
    const text = view.getText();
    assert.match(text, /1 failing record of \d+ in u_ex240399\.log/);
    assert.match(text, new RegExp(`^u_ex240399\\.log:${4 + Math.ceil(healthyLines / 10_000) * 10_000}  NDES-IIS-CRP-403-16 `, 'm'));
    assert.ok(text.length < 10_000, 'the view is small enough to be highlighted');
    assert.equal(view.languageId, 'ndes-lens-failures', 'the view is highlighted by its own grammar');
  });
});
