import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// createConnection picks the transport from argv: --stdio, --node-ipc or --socket=N.
const connection = createConnection(ProposedFeatures.all);
// Route stray console output to the client's log: on stdio, stdout belongs to the protocol.
console.log = connection.console.log.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
startServer(connection);
