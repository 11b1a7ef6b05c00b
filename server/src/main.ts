import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { rawJsonEncoder } from './lsp/rawJson';
import { startServer } from './server';

const connection = stdioConnection() ?? createConnection(ProposedFeatures.all);
// Route stray console output to the client's log: on stdio, stdout belongs to the protocol.
console.log = connection.console.log.bind(connection.console);
console.info = connection.console.info.bind(connection.console);
console.debug = connection.console.log.bind(connection.console);
console.warn = connection.console.warn.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
startServer(connection);

/**
 * With `--stdio`, the connection vscode-languageserver would make from argv, but writing with `rawJsonEncoder`, so the
 * diagnostics snapshot's JSON goes out as it is (see lsp/rawJson.ts). Other transports (`--node-ipc`, `--socket`)
 * are left to createConnection: their messages are serialised by Node or the library.
 */
function stdioConnection(): Connection | undefined {
  if (!process.argv.slice(2).includes('--stdio')) return undefined;
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: rawJsonEncoder });
  // process.stdin as a stream, as createConnection passes it: the library then exits when the client closes it.
  return createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
}
