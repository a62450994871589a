import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CATALOGUE } from '../../../server/src/core/catalogue';
import { CONNECTOR, eventOf, sampleEvent } from '../../support/evtx/events';
import { writeEvtx } from '../../support/evtx/writer';
import { EXTENSION_ID, codeActionsAt, findByCode, hoverText, waitForCodes, waitForEvent, workspaceFile } from './util';

/**
 * Issue 18 in the editor: opening a binary .evtx shows its events as a read-only event log document,
 * with diagnostics, hover, quick fixes and outline like any log.
 */
const NAME = 'Microsoft-Intune-CertificateConnectors%4Operational.evtx';
const EVENTS_SCHEME = 'ndes-lens-evtx';

suite('Binary event logs (.evtx)', () => {
  const file = workspaceFile(NAME);

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const bytes = writeEvtx([
      eventOf({ provider: CONNECTOR, eventId: 4003, level: 4, channel: `${CONNECTOR}/Operational`, data: [['Result', 'ScepVerifySuccess']] }),
      eventOf({ provider: CONNECTOR, eventId: 4005, level: 2, channel: `${CONNECTOR}/Operational`, data: [['Result', 'ScepVerifyFailure']] }),
    ]);
    await vscode.workspace.fs.writeFile(file, bytes);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file);
  });

  test('opening an .evtx shows its events (a read-only content-provider document) as an event log with diagnostics, hover, quick fixes and outline', async () => {
    const opened = waitForEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.scheme === EVENTS_SCHEME, 'the events document');
    await vscode.commands.executeCommand('vscode.open', file);
    const doc = await opened;
    assert.equal(doc.uri.path, file.path);
    assert.match(doc.getText(), /^<\?xml version="1\.0" encoding="utf-8" standalone="yes"\?>\n<Events>\n<Event xmlns=/);

    const diagnostics = await waitForCodes(doc.uri, ['CC-EVT-SCEP-VERIFY-FAILURE']);
    const d = findByCode(diagnostics, 'CC-EVT-SCEP-VERIFY-FAILURE');
    // The server recognised the events; the client gave the document the event log language.
    const language = (): string | undefined => vscode.workspace.textDocuments.find((x) => x.uri.toString() === doc.uri.toString())?.languageId;
    if (language() !== 'windows-event-log') {
      await waitForEvent(vscode.workspace.onDidOpenTextDocument, (x) => x.uri.toString() === doc.uri.toString() && x.languageId === 'windows-event-log', 'the event log language', () => `language now: ${language() ?? 'none'}`);
    }

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start);
    assert.match(hoverText(hovers), /CC-EVT-SCEP-VERIFY-FAILURE/);
    const actions = await codeActionsAt(doc.uri, d.range);
    assert.ok(actions.length > 0, 'quick fixes for the finding');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols.some((s) => s.name === CONNECTOR), 'outline by provider');

  });

  test('an .evtx holding every event rule\'s positive samples shows every failure rule in the Problems panel', async () => {
    const rules = CATALOGUE.filter((r) => r.formats.includes('windows-event-log'));
    const all = workspaceFile('every-event-rule.evtx');
    await vscode.workspace.fs.writeFile(all, writeEvtx(rules.flatMap((r) => r.samples.positive.map((p) => sampleEvent(r.id, p)))));
    try {
      const opened = waitForEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.scheme === EVENTS_SCHEME && d.uri.path === all.path, 'the events document');
      await vscode.commands.executeCommand('vscode.open', all);
      const doc = await opened;
      // Success markers are not listed unless asked for; every failure rule is.
      const failures = rules.filter((r) => r.kind === 'failure').map((r) => r.id);
      assert.ok(failures.length > 30, `only ${failures.length} event failure rules`);
      await waitForCodes(doc.uri, failures);
    } finally {
      await vscode.workspace.fs.delete(all);
    }
  });
});
