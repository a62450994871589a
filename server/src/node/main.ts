import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

/**
 * Process entry of the language server. The transport comes from the command line
 * (`--stdio` for any editor, `--node-ipc` when VS Code starts it). Nothing but the protocol may
 * reach stdout, so console output goes to the client's log.
 */
const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => { connection.console.log(args.map(String).join(' ')); };
console.info = console.log;
console.warn = (...args: unknown[]) => { connection.console.warn(args.map(String).join(' ')); };
console.error = (...args: unknown[]) => { connection.console.error(args.map(String).join(' ')); };
process.on('uncaughtException', (e) => { connection.console.error(`uncaught: ${e.stack ?? e.message}`); });
process.on('unhandledRejection', (e) => { connection.console.error(`unhandled rejection: ${String(e)}`); });
startServer(connection);
