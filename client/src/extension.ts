import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the Policy Lens language server; returns the client so tests can observe it. */
export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const output = vscode.window.createOutputChannel('Policy Lens', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,txt}');
  const clientOptions: LanguageClientOptions = {
    // Only documents in a folder on disk: the server indexes the folder itself.
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
    ],
    synchronize: { configurationSection: 'policyLens', fileEvents: watcher },
    initializationOptions: { settings: vscode.workspace.getConfiguration('policyLens') },
    outputChannel: output,
  };
  client = new LanguageClient('policyLens', 'Policy Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    watcher,
    vscode.commands.registerCommand('policyLens.restartServer', async () => {
      output.info('Restarting the Policy Lens server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('policyLens.showOutput', () => output.show()),
  );
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
