import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import {
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  ConfigurationRequest,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type FileEvent,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

const SERVER = resolve(import.meta.dirname, '../../dist/server.js');

/**
 * A language server spawned over stdio (`node dist/server.js --stdio`) and a typed client for it.
 * Waits are on notifications with a deadline, never sleeps.
 */
export class LspHarness {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  readonly progress: unknown[] = [];
  readonly #diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly #publications = new Map<string, number>();
  readonly #waiters: { test: () => boolean; resolve: () => void }[] = [];
  initializeResult: InitializeResult | undefined;
  settings: Record<string, unknown> = {};

  constructor() {
    // As the extension starts it (SERVER_NODE_FLAGS); LSP_SERVER_NODE_ARGS passes more flags to the server's node, e.g. "--cpu-prof" to profile it under the benchmark.
    const nodeArgs = process.env.LSP_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.process = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => this.stderr.push(String(chunk)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.#diagnostics.set(params.uri, params);
      this.#publications.set(params.uri, (this.#publications.get(params.uri) ?? 0) + 1);
      this.#check();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.#check();
    });
    this.connection.onNotification('$/progress', (params: unknown) => void this.progress.push(params));
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.listen();
  }

  /** Spawns a server and initializes it on `folders` (absolute paths). */
  static async start(folders: string[], settings: Record<string, unknown> = {}, initializationOptions: Record<string, unknown> = {}): Promise<LspHarness> {
    const harness = new LspHarness();
    harness.settings = settings;
    harness.initializeResult = await harness.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: folder })),
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { relatedInformation: true } },
      },
      initializationOptions: { ...initializationOptions, settings },
    });
    await harness.connection.sendNotification(InitializedNotification.type, {});
    return harness;
  }

  /** Resolves when the server logs that it finished indexing. */
  whenIndexed(timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.logs.some((line) => line.startsWith('Indexed ')), timeoutMs, 'indexing to finish');
  }

  /** The last diagnostics published for `uri`, if any. */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.#diagnostics.get(uri)?.diagnostics;
  }

  /** How many distinct documents have had diagnostics published (empty lists included). */
  publishedCount(): number {
    return this.#diagnostics.size;
  }

  /** How many times diagnostics were published for `uri`. */
  publications(uri: string): number {
    return this.#publications.get(uri) ?? 0;
  }

  /** The document version the last diagnostics for `uri` were published for, if the server gave one. */
  publishedVersion(uri: string): number | undefined {
    return this.#diagnostics.get(uri)?.version;
  }

  /** Waits until the diagnostics published for `uri` satisfy `test`. */
  async waitForDiagnostics(uri: string, test: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<Diagnostic[]> {
    await this.waitFor(() => {
      const current = this.diagnostics(uri);
      return current !== undefined && test(current);
    }, timeoutMs, `diagnostics of ${uri}`);
    return this.diagnostics(uri)!;
  }

  waitFor(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${this.stderr.join('')}; log: ${this.logs.slice(-5).join(' | ')}`)), timeoutMs);
      this.#waiters.push({ test, resolve: () => (clearTimeout(timer), resolvePromise()) });
    });
  }

  open(uri: string, text: string, languageId = uri.endsWith('.md') ? 'markdown' : 'plaintext', version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  hover(uri: string, position: Position) {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  definition(uri: string, position: Position) {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
  }

  references(uri: string, position: Position) {
    return this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } });
  }

  documentSymbols(uri: string) {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    // Let the server exit on its own (a profiler writes its profile at exit: a minute of a busy server's takes seconds), then make sure it is gone.
    const profiling = process.env.LSP_SERVER_NODE_ARGS?.includes('-prof') ?? false;
    if (this.process.exitCode === null) await new Promise((resolve) => { this.process.once('exit', resolve); setTimeout(resolve, profiling ? 60_000 : 2000); });
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }

  #check(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.test()) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

/** The file URI of an absolute path, as the server reports it. */
export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
