import { CodeActionKind, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import * as codeActions from './features/codeActions';
import * as definition from './features/definition';
import * as documentLinks from './features/documentLinks';
import * as documentSymbols from './features/documentSymbols';
import * as documentSync from './features/documentSync';
import * as foldingRanges from './features/foldingRanges';
import * as glossary from './features/glossary';
import * as hover from './features/hover';
import * as references from './features/references';
import * as rename from './features/rename';
import * as semanticTokens from './features/semanticTokens';
import * as statistics from './features/statistics';
import * as workspaceSymbols from './features/workspaceSymbols';
import { compressCompactTexts } from './core/api';
import { zlibTextCodec } from './node/textCodec';
import { Session } from './session';
import { readSettings } from './settings';

/** Wires a connection (stdio or node IPC) to a new session and every feature. */
export function startServer(connection: Connection): void {
  // Closed documents' texts kept compressed: the largest part of a large workspace's analyses (see CompactText).
  compressCompactTexts(zlibTextCodec);
  const session = new Session(connection);
  let folders: string[] = [];
  let canPullConfiguration = false;
  let hasFolderEvents = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    hasFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    folders = (params.workspaceFolders ?? []).map((folder) => URI.parse(folder.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    session.configure(folders, readSettings(params.initializationOptions?.settings));
    const storagePath: unknown = params.initializationOptions?.storagePath;
    session.useStorage(typeof storagePath === 'string' ? storagePath : undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [codeActions.RELOAD_WAIVERS_COMMAND] },
        renameProvider: { prepareProvider: true },
        semanticTokensProvider: { legend: semanticTokens.semanticTokensLegend, full: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policy-lens', version: '0.1.0' },
    };
  });

  const reload = async () => {
    if (canPullConfiguration) {
      const settings = await connection.workspace.getConfiguration('policyLens').catch(() => undefined);
      if (settings) session.configure(folders, readSettings(settings));
    }
    await glossary.reloadGlossary(connection, session).catch((error) => connection.console.error(`Reading the glossary failed: ${error instanceof Error ? error.stack : String(error)}`));
    await session.reindexAll();
  };

  connection.onInitialized(() => {
    // Asking for folder events from a client that cannot send them throws.
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
        folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => URI.parse(f.uri).fsPath)];
        void reload();
      });
    }
    void reload();
  });
  connection.onDidChangeConfiguration(() => void reload());
  connection.onShutdown(() => session.saveCache());

  documentSync.register(connection, session);
  hover.register(connection, session);
  definition.register(connection, session);
  references.register(connection, session);
  documentSymbols.register(connection, session);
  workspaceSymbols.register(connection, session);
  documentLinks.register(connection, session);
  foldingRanges.register(connection, session);
  codeActions.register(connection, session);
  rename.register(connection, session);
  semanticTokens.register(connection, session);
  statistics.register(connection, session);

  connection.listen();
}
