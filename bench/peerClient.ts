/**
 * The peer side of the benchmark, run as its own process by bench/peer.ts:
 *   node --import tsx bench/peerClient.ts <workspace folder>
 * Spawns the `vscode-markdown-languageserver` package (VS Code's own Markdown language server, pinned in
 * package.json) over stdio and plays VS Code's Markdown extension for it: that server reads no file and
 * parses nothing itself, it asks its client (`markdown/findMarkdownFilesInWorkspace`, `markdown/fs/*`,
 * `markdown/parse` for markdown-it tokens). The handlers below answer those requests the way
 * extensions/markdown-language-features/src/client/client.ts and markdownEngine.ts do in VS Code, with the
 * markdown-it VS Code's Markdown extension depends on ("markdown-it": "^12.3.2" in its package.json; pinned
 * at 12.3.2 in ours; its front-matter rule is left out: it only acts on a document that starts with `---`).
 *
 * What it is fed: every .md and .txt file under the folder (bench/corpus.ts `listFiles`), with
 * `markdownFileExtensions: ['md', 'txt']` so that it accepts the .txt documents as Markdown.
 *
 * What it measures: spawn → the first `workspace/symbol` answer that covers the whole workspace. That
 * server indexes lazily, on the first workspace-symbol request, and answers only once every document is
 * read, parsed and outlined; to check that rather than assume it, the query is the heading of the last
 * document (in listing order) that has one, and it is asked again every 250 ms until the answer holds a
 * symbol in that document. Then peak RSS of the server (and of any process it spawned) and of this client
 * process (where, as in VS Code's extension host, the files are read and markdown-it runs).
 * Prints one JSON line (`PeerResult`) on stdout.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import markdownIt from 'markdown-it';
import {
  ConfigurationRequest,
  createMessageConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  WorkspaceSymbolRequest,
  type SymbolInformation,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { listFiles } from './corpus';
import { BENCH_TIMEOUT_MS, PeakRssSampler, whenExited } from './stats';

export interface PeerResult {
  /** spawn → first workspace/symbol answer holding the last document's heading (ms). */
  completeMs: number;
  /** How many workspace/symbol requests that took (1 = the first answer was already complete). */
  symbolRequests: number;
  serverPeakRssMb: number;
  /** Server plus any process it spawned. */
  serverTreePeakRssMb: number;
  serverProcesses: number;
  /** This process: file reads and markdown-it parsing done for the server, as VS Code's extension host would. */
  clientPeakRssMb: number;
  files: number;
  /** The documents the symbol query was checked against. */
  sentinel: { file: string; heading: string };
  /** Requests the server made, by method. */
  requests: Record<string, number>;
  /** Documents with at least one symbol in an empty-query answer (asked after timing, as a sanity check). */
  documentsWithSymbols: number;
  documentsWithHeadings: number;
}

const PEER_PACKAGE = 'vscode-markdown-languageserver';

/** VS Code's markdown-it set-up for its language server (markdownEngine.ts), minus highlighting and extension plugins, which tokenizing does not use. */
function createMarkdownEngine() {
  // Defaults of markdown.preview.breaks / linkify / typographer: false / true / false.
  const md = markdownIt({ html: true }).set({ breaks: false, linkify: true, typographer: false });
  md.linkify.set({ fuzzyLink: false });
  // VS Code's pluginSourceMap: every mapped token carries data-line/class/dir attributes, which the server receives too.
  md.core.ruler.push('source_map_data_attribute', (state) => {
    for (const token of state.tokens) {
      if (token.map && token.type !== 'inline') {
        token.attrSet('data-line', String(token.map[0]));
        token.attrJoin('class', 'code-line');
        token.attrJoin('dir', 'auto');
      }
    }
  });
  return md;
}

/** The last file (in listing order) whose markdown-it tokens hold a heading, and that heading's text. */
function findSentinel(files: string[], md: ReturnType<typeof markdownIt>): { file: string; heading: string; documentsWithHeadings: number } {
  let sentinel: { file: string; heading: string } | undefined;
  let documentsWithHeadings = 0;
  for (const file of files) {
    const tokens = md.parse(readFileSync(file, 'utf8'), {});
    const heading = tokens.findIndex((token) => token.type === 'heading_open');
    if (heading < 0) continue;
    documentsWithHeadings++;
    const text = tokens[heading + 1]!.content.trim();
    if (text) sentinel = { file, heading: text };
  }
  if (!sentinel) throw new Error('no document of the workspace has a heading: workspace/symbol would always be empty');
  return { ...sentinel, documentsWithHeadings };
}

async function main(folder: string): Promise<void> {
  const files = listFiles(folder);
  const md = createMarkdownEngine();
  const sentinel = findSentinel(files, md);
  const sentinelUri = pathToFileURL(sentinel.file).href;
  const requests: Record<string, number> = {};
  const count = (method: string) => void (requests[method] = (requests[method] ?? 0) + 1);

  const entry = createRequire(import.meta.url).resolve(PEER_PACKAGE);
  const started = performance.now();
  const server = spawn(process.execPath, [entry, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const sampler = new PeakRssSampler(server.pid!);
  const stderr: string[] = [];
  server.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
  // A plain JSON-RPC connection (not createProtocolConnection) because only it takes catch-all handlers.
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));

  connection.onRequest('markdown/findMarkdownFilesInWorkspace', () => (count('markdown/findMarkdownFilesInWorkspace'), files.map((file) => pathToFileURL(file).href)));
  connection.onRequest('markdown/fs/readFile', ({ uri }: { uri: string }) => {
    count('markdown/fs/readFile');
    // VS Code answers with the bytes as a JSON array of numbers, and so do we: that is the protocol.
    return Array.from(readFileSync(fileURLToPath(uri)));
  });
  connection.onRequest('markdown/fs/stat', ({ uri }: { uri: string }) => {
    count('markdown/fs/stat');
    try {
      return { isDirectory: statSync(fileURLToPath(uri)).isDirectory() };
    } catch {
      return null; // VS Code's `undefined`, as it goes over the wire
    }
  });
  connection.onRequest('markdown/fs/readDirectory', ({ uri }: { uri: string }) => {
    count('markdown/fs/readDirectory');
    return readdirSync(fileURLToPath(uri), { withFileTypes: true }).map((dirent) => [dirent.name, { isDirectory: dirent.isDirectory() }]);
  });
  connection.onRequest('markdown/parse', ({ uri, text }: { uri: string; text?: string }) => {
    count('markdown/parse');
    return md.parse(text ?? readFileSync(fileURLToPath(uri), 'utf8'), {});
  });
  // Nothing changes on disk during the benchmark, so a watcher never fires: acknowledging it is answering it.
  connection.onRequest('markdown/fs/watcher/create', () => void count('markdown/fs/watcher/create'));
  connection.onRequest('markdown/fs/watcher/delete', () => void count('markdown/fs/watcher/delete'));
  connection.onRequest(ConfigurationRequest.type, (params) => (count(ConfigurationRequest.method), params.items.map(() => null)));
  connection.onRequest(RegistrationRequest.type, () => void count(RegistrationRequest.method));
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => void count(WorkDoneProgressCreateRequest.method));
  connection.onRequest((method: string) => {
    count(method);
    return null;
  });
  connection.onNotification(() => undefined);
  connection.listen();
  const exited = whenExited(server, 'the peer server');
  exited.catch(() => undefined);

  await Promise.race([exited, connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: folder }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, symbol: {}, didChangeWatchedFiles: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
      textDocument: { diagnostic: { dynamicRegistration: true } },
    },
    initializationOptions: { markdownFileExtensions: ['md', 'txt'] },
  })]);
  await connection.sendNotification(InitializedNotification.type, {});

  const deadline = started + BENCH_TIMEOUT_MS;
  let symbolRequests = 0;
  let completeMs = NaN;
  while (performance.now() < deadline) {
    symbolRequests++;
    const answer = await Promise.race([exited, connection.sendRequest(WorkspaceSymbolRequest.type, { query: sentinel.heading })]);
    if ((answer ?? []).some((symbol: SymbolInformation | WorkspaceSymbol) => symbol.location.uri === sentinelUri)) {
      completeMs = performance.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (Number.isNaN(completeMs)) throw new Error(`timed out after ${BENCH_TIMEOUT_MS / 60_000} min waiting for the peer's workspace/symbol answer to include ${sentinel.file}`);
  const server_ = sampler.stop();

  const everything = (await connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) ?? [];
  const documentsWithSymbols = new Set(everything.map((symbol: SymbolInformation | WorkspaceSymbol) => symbol.location.uri)).size;

  await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();
  if (server.exitCode === null) server.kill();

  const result: PeerResult = {
    completeMs,
    symbolRequests,
    serverPeakRssMb: server_.processMb,
    serverTreePeakRssMb: server_.treeMb,
    serverProcesses: server_.processes,
    clientPeakRssMb: process.resourceUsage().maxRSS / 1024,
    files: files.length,
    sentinel: { file: sentinel.file, heading: sentinel.heading },
    requests,
    documentsWithSymbols,
    documentsWithHeadings: sentinel.documentsWithHeadings,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (stderr.length > 0) process.stderr.write(stderr.join(''));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv[2] ?? '.').catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
