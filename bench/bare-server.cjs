// The memory floor of the language-server transport: vscode-languageserver keeping the open
// documents (TextDocuments, incremental sync) and publishing no findings. The bench runs the same
// session against it as against dist/server.js, so the server's RSS is read against what receiving
// and holding the document costs before any analysis.
const { createConnection, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true } }));
connection.onHover(() => null);
documents.onDidChangeContent(({ document }) => {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
});
documents.listen(connection);
connection.listen();
