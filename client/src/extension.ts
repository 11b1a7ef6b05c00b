import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CompareRequest, type QuantityView } from '../../server/src/lsp/protocol';
import { showComparison } from './compareView';
import { StatisticsView } from './statisticsView';

let client: LanguageClient | undefined;

/** Starts the Policy Lens language server; returns the client so tests can observe it. */
export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const output = vscode.window.createOutputChannel('Policy Lens', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // Over stdio, not IPC: on stdio the server writes the diagnostics it persisted as they are (server/src/lsp/rawJson.ts),
  // where IPC's process.send would parse and serialise them again (~40 MB for 2,000 documents on a warm start).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,txt}');
  // The glossary and the waivers are read by the server; it must hear when they change on disk.
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.policylens/*.json');
  const clientOptions: LanguageClientOptions = {
    // Only documents in a folder on disk: the server indexes the folder itself.
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
    ],
    synchronize: { configurationSection: 'policyLens', fileEvents: [watcher, configWatcher] },
    // The server persists its analyses in the workspace storage, so a restart re-reads only changed documents.
    initializationOptions: { settings: vscode.workspace.getConfiguration('policyLens'), storagePath: context.storageUri?.fsPath },
    outputChannel: output,
  };
  client = new LanguageClient('policyLens', 'Policy Lens', serverOptions, clientOptions);
  const statistics = new StatisticsView(() => client);
  let comparePanel: vscode.WebviewPanel | undefined;
  let refreshTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('policyLens.statistics', statistics),
    vscode.commands.registerCommand('policyLens.refreshStatistics', () => statistics.refresh()),
    // From the statistics view ({ quantity }), a CodeLens ({ key }), or the editor's cursor (no argument).
    vscode.commands.registerCommand('policyLens.compareStatements', async (arg?: { key?: string; quantity?: QuantityView }) => {
      const editor = vscode.window.activeTextEditor;
      const params: CompareRequest.Params | undefined = arg?.quantity
        ? { key: arg.quantity.key }
        : arg?.key
          ? { key: arg.key }
          : editor
            ? { uri: editor.document.uri.toString(), position: editor.selection.active }
            : undefined;
      const quantity = params && client ? await client.sendRequest<CompareRequest.Result>(CompareRequest.method, params) : null;
      if (!quantity) {
        void vscode.window.showInformationMessage('Policy Lens: no figure stated elsewhere under the cursor.');
        return;
      }
      comparePanel = showComparison(quantity, comparePanel);
      comparePanel.onDidDispose(() => (comparePanel = undefined));
    }),
    // The statistics follow the diagnostics: refresh the tree shortly after they change.
    vscode.languages.onDidChangeDiagnostics(() => {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => statistics.refresh(), 500);
    }),
  );
  context.subscriptions.push(
    output,
    watcher,
    configWatcher,
    vscode.commands.registerCommand('policyLens.restartServer', async () => {
      output.info('Restarting the Policy Lens server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('policyLens.showOutput', () => output.show()),
  );
  await client.start();
  // Shows the Statistics view only once there is a server to fill it.
  await vscode.commands.executeCommand('setContext', 'policyLens.active', true);
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
