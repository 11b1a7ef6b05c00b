import { getHeapSpaceStatistics } from 'node:v8';
import { TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  analyzeDocument,
  analyzeGuarded,
  computeFindings,
  entityTable,
  dropClosedDocumentRecords,
  forgetDecodedTexts,
  indexWorkspace,
  loadDocument,
  OpenDocumentAnalyzer,
  StringPool,
  withCompactText,
  WorkspaceIndex,
  type DocumentAnalysis,
  type DocumentContent,
  type Finding,
  type Waiver,
  type Workspace,
} from './core/api';
import { PublishedDiagnostics } from './lsp/publishedDiagnostics';
import { RawJson } from './lsp/rawJson';
import { readText, WaiverStore } from './waiverStore';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { GLOSSARY_PATH } from './features/glossary';
import { AnalysisCache } from './node/analysisCache';
import { currentDocumentKey, currentStamp, DiagnosticsSnapshot, documentKey, readPlainFileSync, verifiedStamp, type SnapshotTags } from './node/diagnosticsSnapshot';
import { createAnalysisPool } from './node/analysisPool';
import { DiskWorkspace } from './node/diskWorkspace';
import { defaultSettings, type ServerSettings } from './settings';

/** What findings are computed from besides the documents (the analyser build aside). */
interface Inputs {
  folders: readonly string[];
  settings: ServerSettings;
  waivers: readonly Waiver[];
}

/** Identifies the analyser build; set by the bundler (scripts/build.mjs). */
const ANALYZER_VERSION = process.env.POLICY_LENS_ANALYZER_VERSION ?? 'source';

/** How long after the first diagnostics of an index the analysis cache is written. */
const CACHE_SAVE_DELAY_MS = 1000;

/** Delay that coalesces a burst of file events into one diagnostics pass. */
const DIAGNOSTICS_DELAY_MS = 40;

/**
 * Delay after a keystroke before its analysis and diagnostics pass: keystrokes already queued behind it are
 * taken into the same pass (each analysis of a 359 KB report takes ~300 ms), without the wait of file events.
 */
const EDIT_DELAY_MS = 5;

/**
 * The server collects its heap itself once it has gone this long without an edit or file event, after an index and
 * whenever edits have grown the heap by `IDLE_COLLECTION_GROWTH` bytes since its last collection. V8 starts a full
 * collection when the heap reaches a limit, whatever the server is doing: on the benchmark's 1.1 GB heap its marking
 * slowed two or three keystrokes in a row to 250-470 ms, once a minute into editing (after indexing's garbage) and
 * again every ~100 keystrokes. Collected while idle, it takes ~550 ms that no keystroke waits for.
 */
const IDLE_COLLECTION_DELAY_MS = 1000;
/** The old generation's growth since the last collection that makes a pause in editing collect it. */
const IDLE_COLLECTION_GROWTH = 64 * 1024 * 1024;

/** Documents whose strings are shared per turn of the event loop (~2 ms each on the benchmark's): a request waits ~20 ms at most. */
const STRING_SHARING_BATCH = 10;

/** At most this many strings kept for documents read again (`#keptStrings`); the benchmark's 2,000 documents hold 82,000. */
const MOST_KEPT_STRINGS = 500_000;

/**
 * The server's state: the open editors, the workspace on disk, and the index built from both.
 * Open editors win over the disk. Every change re-analyses only the document that changed; the
 * cross-document rules then rerun and only the documents whose diagnostics changed are re-published.
 */
export class Session implements Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly #index = new WorkspaceIndex();
  /** Open documents edited since their last analysis: analysed once per burst of keystrokes, or when the index is read. */
  readonly #edited = new Set<string>();
  /** Reviewers' waivers from `.policylens/waivers.json`, applied to every diagnostics pass. */
  readonly waivers = new WaiverStore();
  readonly #connection: Connection;
  #settings: ServerSettings = defaultSettings;
  #folders: string[] = [];
  #disk = new DiskWorkspace([], defaultSettings);
  readonly #published = new PublishedDiagnostics();
  #findings: { generation: number; settings: ServerSettings; waivers: readonly Waiver[]; findings: Map<string, Finding[]> } | undefined;
  #diagnosticsTimer: NodeJS.Timeout | undefined;
  /** A collection of the heap waiting for the server to be idle (see `IDLE_COLLECTION_DELAY_MS`). */
  #collectionTimer: NodeJS.Timeout | undefined;
  /** The old generation's size after the server's last collection; 0 before the first (after an index). */
  #collectedHeap = 0;
  /** Analyses whose strings were shared with the others' (see `#shareStrings`). */
  readonly #shared = new WeakSet<DocumentAnalysis>();
  /** The strings shared by the analyses of an indexing run (see `reindexAll`, `#shareStrings`). */
  #strings: { run: number; pool: StringPool; shared: number } | undefined;
  /**
   * After a run, its strings, for the documents read again while the server runs (closed editors, files changed on
   * disk): their analyses share them too. Started afresh when it has grown to `MOST_KEPT_STRINGS`.
   */
  #keptStrings: StringPool | undefined;
  #indexing: Promise<void> = Promise.resolve();
  #indexRun = 0;
  #ready = false;
  #readyWaiters: (() => void)[] = [];
  readonly #pool = createAnalysisPool();
  /** Open editors are re-analysed on every keystroke: only the blocks an edit changed are re-parsed. */
  readonly #openDocuments = new OpenDocumentAnalyzer();
  #cache = new AnalysisCache(undefined, ANALYZER_VERSION);
  #cacheLoaded = false;
  /** While an indexing run is under way the cache has been asked for only some documents: saving would drop the rest. */
  #indexingActive = false;
  #storagePath: string | undefined;
  /** What the findings last published were computed with, besides the documents: the snapshot's tags. */
  #publishedWith: Inputs | undefined;
  /** Whether the first indexing run should try to publish the diagnostics snapshot first. */
  #snapshotPending = false;
  /** The tags of the snapshot file as this session read or wrote it, and whether diagnostics were sent since. */
  #snapshotTags: SnapshotTags | undefined;
  #snapshotDirty = true;
  /** Set while the diagnostics published from the snapshot wait for the first pass over the index. */
  #snapshotCheck: { documents: number; started: number } | undefined;
  /** Set from an index's end to its first findings: the heap is collected between those and their publication. */
  #collectAfterFindings = false;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * The index, with every edited open document analysed first: a request after a keystroke (hover, rename)
   * always sees the text it was made against.
   */
  get index(): WorkspaceIndex {
    if (this.#edited.size > 0) this.#analyzeEdited();
    return this.#index;
  }

  #analyzeEdited(): void {
    const uris = [...this.#edited].sort();
    this.#edited.clear();
    for (const uri of uris) {
      const open = this.documents.get(uri);
      if (open) this.#index.set(analyzeGuarded(uri, open.version, open.getText(), this.#openDocuments.analyze));
    }
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

  /**
   * Persists analyses and the published diagnostics under `storagePath` (the client's workspace storage), so a
   * restart re-analyses only changed documents, and on an unchanged workspace publishes its diagnostics at once.
   * Nothing is read yet: the first indexing run tries the diagnostics snapshot, then loads the analysis cache.
   */
  useStorage(storagePath: string | undefined): void {
    this.#storagePath = storagePath;
    this.#cache.close();
    this.#cache = new AnalysisCache(storagePath ? join(storagePath, 'analysis-cache.bin') : undefined, ANALYZER_VERSION);
    this.#cacheLoaded = false;
    this.#snapshotPending = storagePath !== undefined;
  }

  /** Writes the diagnostics snapshot and the analysis cache, if there is a storage folder; never throws. */
  saveCache(): void {
    try {
      this.#saveSnapshot();
    } catch (error) {
      this.#connection.console.warn(`Could not save the diagnostics snapshot: ${error instanceof Error ? error.message : String(error)}`);
    }
    // A cache never loaded (shut down before indexing began) would overwrite the file with nothing.
    if (!this.#cacheLoaded || this.#indexingActive) return;
    try {
      const started = Date.now();
      const saved = this.#cache.save();
      if (saved !== undefined) this.#connection.console.info(`Saved ${saved} document analyses to the analysis cache in ${Date.now() - started} ms`);
    } catch (error) {
      this.#connection.console.warn(`Could not save the analysis cache: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #snapshotFile(): string | undefined {
    return this.#storagePath === undefined ? undefined : join(this.#storagePath, 'diagnostics-snapshot.jsonl');
  }

  #loadCache(): void {
    if (this.#cacheLoaded) return;
    this.#cacheLoaded = true;
    const loaded = this.#cache.load();
    if (loaded > 0) this.#connection.console.info(`Loaded ${loaded} cached document analyses from ${this.#storagePath}`);
  }

  /** The tags of findings computed with these inputs (see SnapshotTags). */
  #tags({ folders, settings, waivers }: Inputs): SnapshotTags {
    const digest = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64');
    const { rules, ...rest } = settings;
    return {
      analyzer: ANALYZER_VERSION,
      settings: digest({ folders, ...rest, rules: Object.entries(rules).sort() }),
      waivers: digest(waivers),
      // The files' text as it is now (the glossary is read into the index before each full index: features/glossary.ts).
      glossary: digest(folders.map((folder) => readText(join(folder, GLOSSARY_PATH)) ?? null)),
    };
  }

  /**
   * Publishes the snapshot's diagnostics when they are exactly what indexing would publish: same analyser, settings,
   * waivers and glossary, the same documents with the same content (open editors included). All or nothing: on any
   * difference the diagnostics come from the index, as without a snapshot. Whatever changes afterwards (an editor
   * opened with other text, a file saved) is published once the index is ready, as during any indexing.
   */
  async #publishSnapshot(): Promise<void> {
    const file = this.#snapshotFile();
    if (!file) return;
    const started = Date.now();
    const snapshot = DiagnosticsSnapshot.read(file);
    if (!snapshot) return;
    try {
      const checked = await this.#snapshotMismatch(snapshot);
      if (typeof checked === 'string') {
        this.#connection.console.info(`Not using the diagnostics snapshot: ${checked}`);
        return;
      }
      const { documents } = snapshot;
      this.#connection.console.info(
        `Publishing the diagnostics of ${documents.length} documents from the diagnostics snapshot (read and checked in ${Date.now() - started} ms; ${checked.read} documents read, the others unchanged by size and time)`,
      );
      for (let i = 0; i < documents.length; i++) {
        const { uri, digest } = documents[i]!;
        // The JSON as stored (see lsp/rawJson.ts); a damaged file throws here, and the documents not sent yet are
        // published from the index, as without a snapshot.
        const diagnostics = new RawJson(snapshot.diagnosticsJson(i)) as unknown as Diagnostic[];
        this.#published.assume(uri, digest);
        // One at a time, each written before the next is read: the analysis cache is loaded right after, blocking
        // this thread for seconds, and whatever is still queued would wait for it. No version: the snapshot was
        // checked against the text, not against an editor's version.
        await this.#connection.sendDiagnostics({ uri, diagnostics });
      }
    } finally {
      snapshot.close();
    }
    this.#snapshotTags = snapshot.tags;
    this.#snapshotDirty = false;
    this.#snapshotCheck = { documents: snapshot.documents.length, started: Date.now() };
  }

  /**
   * Why the snapshot does not describe the workspace as it is now, or, when it does, how many documents had to be
   * read to know: a file whose stamp is the one the snapshot recorded (see `verifiedStamp`) is not read.
   */
  async #snapshotMismatch(snapshot: DiagnosticsSnapshot): Promise<string | { read: number }> {
    const tags = this.#tags({ folders: this.#folders, settings: this.#settings, waivers: this.waivers.current });
    for (const name of ['analyzer', 'settings', 'waivers', 'glossary'] as const) {
      if (snapshot.tags[name] !== tags[name]) return `the ${name === 'analyzer' ? 'analyser build' : name} changed`;
    }
    const expected = new Map(snapshot.documents.map((document) => [document.uri, document]));
    const listed = [...new Set(await this.listDocuments())];
    if (listed.length !== expected.size || listed.some((uri) => !expected.has(uri))) return `the set of documents changed (${listed.length} now, ${expected.size} then)`;
    // Files are read synchronously (see readPlainFileSync); open editors and anything unusual through the workspace.
    const max = this.#loadOptions().maxFileSize;
    let read = 0;
    for (const uri of listed) {
      const { key, stamp } = expected.get(uri)!;
      const open = this.documents.get(uri) !== undefined;
      if (!open && stamp !== undefined && currentStamp(URI.parse(uri).fsPath) === stamp) continue;
      read++;
      const bytes = open ? undefined : readPlainFileSync(URI.parse(uri).fsPath, max);
      if ((await currentDocumentKey(this, uri, this.#loadOptions(), bytes)) !== key) return `${uri} changed`;
    }
    return { read };
  }

  /**
   * Writes the diagnostics the client has (as last published, whatever changed since: each document with the analysis
   * it was converted against) when they differ from the file's. Not while diagnostics published from the file wait
   * for the first pass: the file already holds them.
   */
  #saveSnapshot(): void {
    const file = this.#snapshotFile();
    const publishedWith = this.#publishedWith;
    if (!file || !publishedWith || this.#published.assuming) return;
    const tags = this.#tags(publishedWith);
    const previous = this.#snapshotTags;
    if (!this.#snapshotDirty && previous && (Object.keys(tags) as (keyof SnapshotTags)[]).every((name) => tags[name] === previous[name])) return;
    const started = Date.now();
    const documents = function* (published: PublishedDiagnostics) {
      for (const { uri, document, diagnostics } of published.published()) yield { uri, key: documentKey(document), diagnostics };
    };
    // A file not open in an editor is stamped when it still holds the text its diagnostics were computed from.
    const max = this.#loadOptions().maxFileSize;
    const stampOf = (uri: string, key: string, startedNs: bigint) => (this.documents.get(uri) ? undefined : verifiedStamp(URI.parse(uri).fsPath, uri, key, max, startedNs));
    const count = DiagnosticsSnapshot.write(file, tags, documents(this.#published), stampOf);
    this.#snapshotTags = tags;
    this.#snapshotDirty = false;
    this.#connection.console.info(`Saved the diagnostics of ${count} documents to the diagnostics snapshot in ${Date.now() - started} ms`);
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
      if (this.#snapshotPending) {
        this.#snapshotPending = false;
        try {
          await this.#publishSnapshot();
        } catch (error) {
          this.#connection.console.warn(`Could not use the diagnostics snapshot: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.#loadCache();
      const started = Date.now();
      // Analyses share their strings as they arrive, made by the workers or read from the cache: shared only after
      // the first rules pass, the copies sat in the heap through it, its peak (~220 MB of 2,000 documents made; on a
      // warm restart, 1,902 MB against 1,388 MB when cache hits share theirs as read, for ~2 s more of loading, with
      // its diagnostics already out from the snapshot).
      const strings = (this.#strings = { run, pool: new StringPool(), shared: 0 });
      const keep = (analysis: DocumentAnalysis): DocumentAnalysis => {
        if (run !== this.#indexRun || this.documents.get(analysis.uri) || analysis.skipped) return analysis;
        strings.shared++;
        return this.#compact(analysis, strings.pool, true);
      };
      const pool = this.#pool;
      let indexed = false;
      const progress = await this.#connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin('Policy Lens: indexing', 0, 'listing documents', false);
      let lastReported = 0;
      this.#indexingActive = true;
      try {
        const count = await indexWorkspace(this, this.index, this.#loadOptions(), {
          priority: this.documents.keys(),
          analyze: this.#cache.wrap(analyzeDocument),
          // A document closed when sent is analysed as kept (see `#compact`): less to copy back from the worker.
          analyzeInParallel: pool ? this.#cache.wrap((document) => pool.analyze(document, !this.documents.get(document.uri))) : undefined,
          keep,
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
        this.#indexingActive = false;
        progress?.done();
      }
      // Before the rules pass: idle workers' heaps would add to its peak (they start again for the next run).
      await this.#pool?.release();
      if (run === this.#indexRun) {
        this.#ready = true;
        for (const resolve of this.#readyWaiters.splice(0)) resolve();
        this.#buildEntityTableAndCollect();
        this.#collectAfterFindings = true;
        this.publishDiagnostics();
        // Diagnostics first: writing a large workspace's cache takes seconds of this thread. Shutdown saves too.
        if (indexed) setTimeout(() => this.saveCache(), CACHE_SAVE_DELAY_MS).unref();
        if (indexed) void this.#shareStrings(run);
      }
    });
    return this.#indexing;
  }

  /**
   * Once an index's diagnostics are out: every analysis not shared as it arrived (a document open while indexing and
   * closed since) has its own copy of each key, name and unit; these become one copy per value (StringPool), in the run's pool, a few
   * documents per turn of the event loop so requests are answered in between. Open documents are skipped: their
   * analysis is replaced on every keystroke.
   */
  async #shareStrings(run: number): Promise<void> {
    const started = Date.now();
    const made = this.#strings?.run === run ? this.#strings : undefined;
    const pool = made?.pool ?? new StringPool();
    const uris = this.#index.uris();
    let shared = 0;
    for (let i = 0; i < uris.length; i++) {
      if (run !== this.#indexRun) return; // a newer indexing run shares its own
      const uri = uris[i]!;
      const analysis = this.#index.get(uri);
      if (analysis && !this.documents.get(uri) && !this.#shared.has(analysis)) {
        this.#compact(analysis, pool, false);
        shared++;
      }
      if (i % STRING_SHARING_BATCH === STRING_SHARING_BATCH - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (made && this.#strings === made) this.#strings = undefined;
    this.#keptStrings = pool;
    const asMade = made?.shared ?? 0;
    this.#connection.console.log(
      `Shared the strings of ${asMade + shared} analyses (${pool.size} distinct): ${asMade} as they were made or read, ${shared} after the first diagnostics in ${Date.now() - started} ms`,
    );
    this.#collectWhenIdle();
  }

  /**
   * A closed document's analysis as the index keeps it: without what only its derived values or an editor read (name
   * candidates, acronym mentions as extracted, figures' context words), its strings shared in `pool`.
   * `asLoaded`: nothing refers into it yet, so it is also remade smaller (a new object): its text kept compact and its
   * records at their exact size. One already indexed keeps its identity.
   */
  #compact(analysis: DocumentAnalysis, pool: StringPool, asLoaded: boolean): DocumentAnalysis {
    // The index reads a closed document's text rarely: kept compact, 226 → ~115 MB on the benchmark.
    const kept = asLoaded ? withCompactText(analysis) : analysis;
    dropClosedDocumentRecords(kept);
    pool.internAnalysis(kept, asLoaded);
    this.#shared.add(kept);
    return kept;
  }

  /**
   * Before an index's first rules pass: builds the entity table (the largest thing that pass makes) and collects the
   * heap, so the findings are made after its garbage is gone. The end of that pass is the server's peak: on the
   * 2,000-document benchmark, 992 and 994 MB against 1,031 and 1,047 MB (alternating runs), for one full collection
   * (~0.4 s) before the first diagnostics. A collection before the table does not lower the peak (session 12).
   */
  #buildEntityTableAndCollect(): void {
    const gc = heapCollector();
    if (!gc) return;
    try {
      entityTable(this.index);
    } catch {
      return; // the rules pass reports it
    }
    gc();
  }

  /**
   * Collects the heap once no edit or file event came for `IDLE_COLLECTION_DELAY_MS`: after an index, and after edits
   * that grew it by `IDLE_COLLECTION_GROWTH`. Needs node's `--expose-gc` (SERVER_NODE_FLAGS); without it, V8 alone decides.
   */
  #collectWhenIdle(): void {
    const gc = heapCollector();
    if (!gc) return;
    if (this.#collectionTimer) clearTimeout(this.#collectionTimer);
    this.#collectionTimer = setTimeout(() => {
      this.#collectionTimer = undefined;
      if (this.#diagnosticsTimer || this.#edited.size > 0) return this.#collectWhenIdle();
      const before = oldGenerationBytes();
      if (this.#collectedHeap > 0 && before - this.#collectedHeap < IDLE_COLLECTION_GROWTH) return;
      const started = Date.now();
      forgetDecodedTexts();
      gc();
      this.#collectedHeap = oldGenerationBytes();
      const mb = (bytes: number) => Math.round(bytes / 1e6);
      this.#connection.console.log(`Collected the heap while idle in ${Date.now() - started} ms (${mb(before)} → ${mb(this.#collectedHeap)} MB)`);
    }, IDLE_COLLECTION_DELAY_MS).unref();
  }

  /** Re-analyses one document from the open editor or the disk, or drops it when it is gone or excluded. */
  async refreshDocument(uri: string): Promise<void> {
    const open = this.documents.get(uri);
    if (open) {
      this.#edited.add(uri);
      return this.scheduleDiagnostics(EDIT_DELAY_MS);
    }
    this.#edited.delete(uri);
    this.#openDocuments.forget(uri);
    if (this.#isIndexable(uri)) {
      const analysis = await loadDocument(this.#disk, uri, this.#loadOptions());
      if (analysis.skipped?.startsWith('could not be read')) this.index.delete(uri);
      else if (analysis.skipped || this.documents.get(uri)) this.index.set(analysis);
      else {
        // Kept as indexing keeps a closed document's: a text of one byte per character, strings shared with the others'.
        if (!this.#keptStrings || this.#keptStrings.size >= MOST_KEPT_STRINGS) this.#keptStrings = new StringPool();
        this.index.set(this.#compact(analysis, this.#keptStrings, true));
      }
    } else {
      this.index.delete(uri);
    }
    this.scheduleDiagnostics();
  }

  forget(uri: string): void {
    if (this.documents.get(uri)) return; // deleted on disk but still open: keep analysing the editor's text
    if (this.index.delete(uri)) this.scheduleDiagnostics();
  }

  scheduleDiagnostics(delayMs = DIAGNOSTICS_DELAY_MS): void {
    if (this.#diagnosticsTimer) clearTimeout(this.#diagnosticsTimer);
    this.#diagnosticsTimer = setTimeout(() => {
      this.#diagnosticsTimer = undefined;
      const edited = this.#edited.size > 0;
      if (edited) this.#analyzeEdited(); // also before the first index: open documents are indexed first
      this.publishDiagnostics();
      // Put off while edits come in; only an index's first (after `#shareStrings`) or a grown heap collects.
      if (edited && (this.#collectionTimer || this.#collectedHeap > 0)) this.#collectWhenIdle();
    }, delayMs);
  }

  /**
   * The findings of every indexed document, computed once per state of the index, settings and waivers:
   * diagnostics and quick fixes ask for the same pass.
   */
  findings(): Map<string, Finding[]> {
    const waivers = this.waivers.current;
    const cached = this.#findings;
    if (cached && cached.generation === this.index.generation && cached.settings === this.#settings && cached.waivers === waivers) return cached.findings;
    const findings = computeFindings(this.index, this.#settings.rules, undefined, waivers, this.#ruleFailed);
    this.#findings = { generation: this.index.generation, settings: this.#settings, waivers, findings };
    return findings;
  }

  /** The rule failures logged so far (rule id and message): each is logged once, not on every keystroke. */
  readonly #loggedFailures = new Set<string>();

  /** A rule threw: its diagnostics are left out of the pass, the others are published. */
  #ruleFailed = (ruleId: string, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    if (this.#loggedFailures.has(`${ruleId}\n${message}`)) return;
    this.#loggedFailures.add(`${ruleId}\n${message}`);
    this.#connection.console.error(`Rule ${ruleId} failed; its diagnostics are left out while it does: ${error instanceof Error ? error.stack : message}`);
  };

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
    if (this.#collectAfterFindings) {
      // The first findings of an index leave ~100 MB of garbage on the benchmark; their conversion to diagnostics
      // would grow the heap past it. Collected first, RSS at the end of that pass went 793 and 797 -> 730-743 MB in
      // five runs, for ~0.2 s before the first diagnostics (the end of indexing, 740-830 MB, is now the peak).
      this.#collectAfterFindings = false;
      heapCollector()?.();
    }
    const { publish, clear } = this.#published.changes(this.index, findings);
    for (const uri of clear) void this.#connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const { uri, version, diagnostics } of publish) void this.#connection.sendDiagnostics({ uri, version: version || undefined, diagnostics });
    this.#publishedWith = { folders: this.#folders, settings: this.#findings!.settings, waivers: this.#findings!.waivers };
    if (publish.length > 0 || clear.length > 0) this.#snapshotDirty = true;
    const check = this.#snapshotCheck;
    if (check) {
      this.#snapshotCheck = undefined;
      this.#connection.console.info(
        `Checked the ${check.documents} documents published from the diagnostics snapshot against the index ${Date.now() - check.started} ms later: ${publish.length + clear.length} sent again`,
      );
    }
  }

  #isIndexable(uri: string): boolean {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' && this.#disk.contains(parsed.fsPath);
  }

  #loadOptions() {
    return { maxFileSize: this.#settings.maxFileSizeKB * 1024 };
  }
}

/** V8's full collection, exposed by node's `--expose-gc` (SERVER_NODE_FLAGS); undefined without it, when V8 alone decides. */
function heapCollector(): (() => void) | undefined {
  return (globalThis as { gc?: () => void }).gc;
}

/** The bytes in the heap's old generation: what survived young-generation collections, which a full collection frees. */
function oldGenerationBytes(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) bytes += space.space_used_size;
  return bytes;
}
