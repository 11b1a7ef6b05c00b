import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  analyzeDocument,
  analyzeGuarded,
  computeFindings,
  indexWorkspace,
  loadDocument,
  OpenDocumentAnalyzer,
  WorkspaceIndex,
  type DocumentContent,
  type Finding,
  type Workspace,
} from './core/api';
import { PublishedDiagnostics } from './lsp/publishedDiagnostics';
import { WaiverStore } from './waiverStore';
import { join } from 'node:path';
import { AnalysisCache } from './node/analysisCache';
import { createAnalysisPool } from './node/analysisPool';
import { DiskWorkspace } from './node/diskWorkspace';
import { defaultSettings, type ServerSettings } from './settings';

/** Identifies the analyser build; set by the bundler (scripts/build.mjs). */
const ANALYZER_VERSION = process.env.POLICY_LENS_ANALYZER_VERSION ?? 'source';

/** How long after the first diagnostics of an index the analysis cache is written. */
const CACHE_SAVE_DELAY_MS = 1000;

/** Delay that coalesces a burst of keystrokes into one diagnostics pass. */
const DIAGNOSTICS_DELAY_MS = 40;

/**
 * The server's state: the open editors, the workspace on disk, and the index built from both.
 * Open editors win over the disk. Every change re-analyses only the document that changed; the
 * cross-document rules then rerun and only the documents whose diagnostics changed are re-published.
 */
export class Session implements Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly index = new WorkspaceIndex();
  /** Reviewers' waivers from `.policylens/waivers.json`, applied to every diagnostics pass. */
  readonly waivers = new WaiverStore();
  readonly #connection: Connection;
  #settings: ServerSettings = defaultSettings;
  #folders: string[] = [];
  #disk = new DiskWorkspace([], defaultSettings);
  readonly #published = new PublishedDiagnostics();
  #findings: { generation: number; settings: ServerSettings; waivers: unknown; findings: Map<string, Finding[]> } | undefined;
  #diagnosticsTimer: NodeJS.Timeout | undefined;
  #indexing: Promise<void> = Promise.resolve();
  #indexRun = 0;
  #ready = false;
  #readyWaiters: (() => void)[] = [];
  readonly #pool = createAnalysisPool();
  /** Open editors are re-analysed on every keystroke: only the blocks an edit changed are re-parsed. */
  readonly #openDocuments = new OpenDocumentAnalyzer();
  #cache = new AnalysisCache(undefined, ANALYZER_VERSION);

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  get settings(): ServerSettings {
    return this.#settings;
  }

  /** The workspace folders (file system paths). */
  get folders(): readonly string[] {
    return this.#folders;
  }

  /** Resolves once the first full indexing pass has finished. */
  whenIndexed(): Promise<void> {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Persists analyses under `storagePath` (the client's workspace storage) so a restart re-analyses only changed documents. */
  useStorage(storagePath: string | undefined): void {
    this.#cache = new AnalysisCache(storagePath ? join(storagePath, 'analysis-cache.bin') : undefined, ANALYZER_VERSION);
    const loaded = this.#cache.load();
    if (loaded > 0) this.#connection.console.info(`Loaded ${loaded} cached document analyses from ${storagePath}`);
  }

  /** Writes the analysis cache, if there is a storage folder; never throws. */
  saveCache(): void {
    try {
      this.#cache.save();
    } catch (error) {
      this.#connection.console.warn(`Could not save the analysis cache: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  configure(folders: string[], settings: ServerSettings): void {
    this.#folders = folders;
    this.#settings = settings;
    this.#disk = new DiskWorkspace(folders, settings);
    this.waivers.setFolders(folders);
    this.waivers.reload();
  }

  // Workspace: the disk, with open editors layered on top.
  async listDocuments(): Promise<string[]> {
    const listed = await this.#disk.listDocuments();
    const open = this.documents.all().map((d) => d.uri).filter((uri) => this.#isIndexable(uri));
    return [...listed, ...open];
  }

  async readDocument(uri: string, maxBytes: number): Promise<DocumentContent> {
    const open = this.documents.get(uri);
    if (open) return { kind: 'text', text: open.getText(), version: open.version };
    return this.#disk.readDocument(uri, maxBytes);
  }

  /** (Re)indexes the whole workspace, reporting work-done progress; a newer run supersedes an older one. */
  reindexAll(): Promise<void> {
    const run = ++this.#indexRun;
    this.#indexing = this.#indexing.then(async () => {
      if (run !== this.#indexRun) return;
      const started = Date.now();
      let indexed = false;
      const progress = await this.#connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin('Policy Lens: indexing', 0, 'listing documents', false);
      let lastReported = 0;
      try {
        const count = await indexWorkspace(this, this.index, this.#loadOptions(), {
          priority: this.documents.keys(),
          analyze: this.#cache.wrap(analyzeDocument),
          analyzeInParallel: this.#pool ? this.#cache.wrap(this.#pool.analyze) : undefined,
          concurrency: this.#pool ? this.#pool.size * 2 : 1,
          isCancelled: () => run !== this.#indexRun,
          onProgress: (done, total) => {
            // Report at most every 2% so a 2,000-document folder does not flood the client.
            const percent = Math.floor((done / total) * 100);
            if (percent - lastReported >= 2 || done === total) {
              lastReported = percent;
              progress?.report(percent, `${done}/${total} documents`);
            }
          },
        });
        this.#connection.console.info(`Indexed ${count} documents in ${Date.now() - started} ms (${this.#cache.hits} from cache) (${this.#folders.join(', ') || 'no folder'})`);
        indexed = true;
      } catch (error) {
        this.#connection.console.error(`Indexing failed: ${error instanceof Error ? error.stack : String(error)}`);
      } finally {
        progress?.done();
      }
      if (run === this.#indexRun) {
        this.#ready = true;
        for (const resolve of this.#readyWaiters.splice(0)) resolve();
        this.publishDiagnostics();
        // Diagnostics first: writing a large workspace's cache takes seconds of this thread. Shutdown saves too.
        if (indexed) setTimeout(() => this.saveCache(), CACHE_SAVE_DELAY_MS).unref();
      }
    });
    return this.#indexing;
  }

  /** Re-analyses one document from the open editor or the disk, or drops it when it is gone or excluded. */
  async refreshDocument(uri: string): Promise<void> {
    const open = this.documents.get(uri);
    if (open) {
      this.index.set(analyzeGuarded(uri, open.version, open.getText(), this.#openDocuments.analyze));
      return this.scheduleDiagnostics();
    }
    this.#openDocuments.forget(uri);
    if (this.#isIndexable(uri)) {
      const analysis = await loadDocument(this.#disk, uri, this.#loadOptions());
      if (analysis.skipped?.startsWith('could not be read')) this.index.delete(uri);
      else this.index.set(analysis);
    } else {
      this.index.delete(uri);
    }
    this.scheduleDiagnostics();
  }

  forget(uri: string): void {
    if (this.documents.get(uri)) return; // deleted on disk but still open: keep analysing the editor's text
    if (this.index.delete(uri)) this.scheduleDiagnostics();
  }

  scheduleDiagnostics(): void {
    if (this.#diagnosticsTimer) clearTimeout(this.#diagnosticsTimer);
    this.#diagnosticsTimer = setTimeout(() => {
      this.#diagnosticsTimer = undefined;
      this.publishDiagnostics();
    }, DIAGNOSTICS_DELAY_MS);
  }

  /**
   * The findings of every indexed document, computed once per state of the index, settings and waivers:
   * diagnostics and quick fixes ask for the same pass.
   */
  findings(): Map<string, Finding[]> {
    const waivers = this.waivers.current;
    const cached = this.#findings;
    if (cached && cached.generation === this.index.generation && cached.settings === this.#settings && cached.waivers === waivers) return cached.findings;
    const findings = computeFindings(this.index, this.#settings.rules, undefined, waivers);
    this.#findings = { generation: this.index.generation, settings: this.#settings, waivers, findings };
    return findings;
  }

  /** Publishes the diagnostics of every document whose diagnostics changed since last published. */
  publishDiagnostics(): void {
    if (!this.#ready) return;
    let findings;
    try {
      findings = this.findings();
    } catch (error) {
      this.#connection.console.error(`Rules failed: ${error instanceof Error ? error.stack : String(error)}`);
      return;
    }
    const { publish, clear } = this.#published.changes(this.index, findings);
    for (const uri of clear) void this.#connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const { uri, version, diagnostics } of publish) void this.#connection.sendDiagnostics({ uri, version: version || undefined, diagnostics });
  }

  #isIndexable(uri: string): boolean {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' && this.#disk.contains(parsed.fsPath);
  }

  #loadOptions() {
    return { maxFileSize: this.#settings.maxFileSizeKB * 1024 };
  }
}
