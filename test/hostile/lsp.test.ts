import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { StdioLspClient } from '../lsp/client';
import { HOSTILE } from './corpus';

/**
 * The hostile corpus through the bundled server over stdio (`node esbuild.mjs` first), then
 * malformed, unknown and cancelled requests: the server must keep answering.
 */
let client: StdioLspClient;
before(async () => {
  client = new StdioLspClient({ showSuccessMarkers: true });
  await client.initialize();
});
after(async () => { await client.stop(); });

/** The server still answers a real request, with a real hover. */
async function stillAlive(): Promise<void> {
  const uri = 'file:///alive/NDESPlugin.log';
  await client.open(uri, 'ndesplugin-log', 'Verify challenge returns false\n');
  const h = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents && h.contents.value.includes('NDES-PLUGIN-VERIFY-FALSE'), 'the server stopped answering');
  await client.close(uri);
}

HOSTILE.forEach((h, i) => {
  test(`hostile (lsp): ${h.name}`, async () => {
    const uri = `file:///hostile/${i}/${h.fileName}`;
    if (h.ids.length === 0) {
      // Nothing to say: the server publishes nothing for a document it never flagged; it still answers.
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: h.languageId, version: 1, text: h.text() } });
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
      assert.deepEqual(client.published(uri) ?? [], []);
      await client.close(uri);
      return;
    }
    const diagnostics = await client.open(uri, h.languageId, h.text());
    assert.deepEqual([...new Set(diagnostics.map((d) => String(d.code)))].sort(), h.ids);
    if (h.message) assert.match(diagnostics.find((d) => d.code === h.message?.ruleId)?.message ?? '', h.message.says);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.ok(hover === null || typeof hover === 'object');
    await client.close(uri);
  });
});

test('hostile (lsp): garbage params, unknown methods, cancellation and huge positions never take the server down', async () => {
  const uri = 'file:///hostile/open/NDESPlugin.log';
  await client.open(uri, 'ndesplugin-log', 'Verify challenge returns false\n');
  const attempts: Promise<unknown>[] = [
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1e12, character: -5 } }),
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: Number.MAX_SAFE_INTEGER, character: Number.MAX_SAFE_INTEGER } }),
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: null } }),
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never-opened.log' }, position: { line: 0, character: 0 } }),
    client.connection.sendRequest('textDocument/hover', {}),
    client.connection.sendRequest('textDocument/hover', null),
    client.connection.sendRequest('textDocument/hover', [1, 2, 3]),
    client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ code: 42, data: 'x' }, null, {}] } }),
    client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri } }),
    client.connection.sendRequest('textDocument/codeAction', 'garbage'),
    client.connection.sendRequest('ndesLens/definitelyNotAMethod', { a: 1 }),
    client.connection.sendRequest('$/unknownDollarRequest', {}),
  ];
  const settled = await Promise.allSettled(attempts);
  assert.equal(settled.length, attempts.length);
  // Notifications with garbage: no answer expected, the server must simply survive them.
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.log', version: 2 }, contentChanges: [{ text: 'x' }] });
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: -1, character: 0 } }, text: 'zz' }] });
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bad-open.log' } });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: {} });
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ndesLens: { rules: 'not an object', maxNumberOfProblems: -3 } } });
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 99 }] });
  await client.connection.sendNotification('$/cancelRequest', { id: 123456 });
  await client.connection.sendNotification('$/cancelRequest', { id: 'nope' });
  await client.connection.sendNotification('some/unknownNotification', { x: 1 });
  // A request cancelled while in flight answers (or is cancelled) without harm.
  const source = new (await import('vscode-jsonrpc/node')).CancellationTokenSource();
  const pending = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }, source.token);
  source.cancel();
  await pending.catch(() => undefined);
  await client.close(uri);
  await stillAlive();
  assert.doesNotMatch(client.stderr, /uncaught|unhandled rejection/i);
});
