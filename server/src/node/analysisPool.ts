import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeDocument, dropClosedDocumentRecords, LineIndex, type DocumentAnalysis, type SourceDocument } from '../core/api';

interface Job {
  document: SourceDocument;
  /** Whether the analysis is for a closed document (`dropClosedDocumentRecords`). */
  closed: boolean;
  resolve(analysis: DocumentAnalysis): void;
  reject(error: Error): void;
}

/**
 * Analyses documents in worker threads, so indexing a large folder uses every core and the main
 * thread stays free to answer requests. A worker that dies is replaced; its job is redone in-thread.
 * Where workers cannot start (no worker script next to the bundle), everything runs in-thread.
 */
export class AnalysisPool {
  readonly size: number;
  readonly #script: string;
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, { id: number; job: Job }>();
  readonly #queue: Job[] = [];
  #nextId = 0;
  #disposed = false;
  /** Workers stopped by `release`: their exit is not a crash to replace. */
  readonly #released = new WeakSet<Worker>();

  constructor(script: string, size = Math.max(1, Math.min(4, availableParallelism()))) {
    this.#script = script;
    this.size = size;
  }

  /**
   * The same result as `analyzeDocument(document)`, computed in a worker; `closed`: without the records a closed
   * document's analysis is not kept with (`dropClosedDocumentRecords`), which need not be copied back.
   */
  analyze = (document: SourceDocument, closed = false): Promise<DocumentAnalysis> =>
    new Promise((resolve, reject) => {
      this.#queue.push({ document, closed, resolve, reject });
      this.#pump();
    });

  /** How many workers are running (idle or busy). */
  get running(): number {
    return this.#idle.length + this.#busy.size;
  }

  /**
   * Stops the idle workers; the next job starts new ones. After indexing, each held a heap of its own (~270 MB
   * of peak RSS for the two of a 2,000-document index) through the first rules pass, the server's largest.
   */
  async release(): Promise<void> {
    const idle = this.#idle.splice(0);
    for (const worker of idle) this.#released.add(worker);
    await Promise.all(idle.map((worker) => worker.terminate()));
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const workers = [...this.#idle, ...this.#busy.keys()];
    this.#idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #spawn(): Worker {
    // A larger young generation: parsing allocates many short-lived nodes.
    const worker = new Worker(this.#script, { resourceLimits: { maxYoungGenerationSizeMb: 64 }, stdout: true });
    // The process's stdout may carry the protocol (the server on stdio) or the CLI's JSON: a worker's stray output goes to stderr.
    worker.stdout.pipe(process.stderr);
    worker.on('message', (message: { id: number; records?: Omit<DocumentAnalysis, 'text' | 'lines'>; error?: string }) => {
      const current = this.#busy.get(worker);
      if (!current || current.id !== message.id) return;
      this.#busy.delete(worker);
      this.#idle.push(worker);
      worker.unref();
      const { document } = current.job;
      if (message.records) current.job.resolve({ ...message.records, text: document.text, lines: new LineIndex(document.text) } as DocumentAnalysis);
      else current.job.reject(new Error(message.error ?? 'analysis failed'));
      this.#pump();
    });
    worker.on('error', () => this.#replace(worker));
    worker.on('exit', () => this.#replace(worker));
    // Idle workers must not keep the process alive; busy ones must (see #pump).
    worker.unref();
    return worker;
  }

  #replace(worker: Worker): void {
    if (this.#released.has(worker)) return;
    const current = this.#busy.get(worker);
    this.#busy.delete(worker);
    const idleAt = this.#idle.indexOf(worker);
    if (idleAt !== -1) this.#idle.splice(idleAt, 1);
    if (current) {
      // Redo the job in-thread: a crash in a worker must not lose the document.
      try {
        const analysis = analyzeDocument(current.job.document);
        if (current.job.closed) dropClosedDocumentRecords(analysis);
        current.job.resolve(analysis);
      } catch (error) {
        current.job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (!this.#disposed) {
      this.#idle.push(this.#spawn());
      this.#pump();
    }
  }

  #pump(): void {
    // Workers start on first use: a small workspace never pays for them.
    while (this.#queue.length > this.#idle.length && this.#idle.length + this.#busy.size < this.size && !this.#disposed) this.#idle.push(this.#spawn());
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      const id = this.#nextId++;
      this.#busy.set(worker, { id, job });
      worker.ref();
      worker.postMessage({ id, document: job.document, closed: job.closed });
    }
  }
}

/** A pool on the bundled worker script next to this bundle, or `undefined` where there is none (tests run from source). */
export function createAnalysisPool(): AnalysisPool | undefined {
  const script = join(__dirname, 'analysisWorker.js');
  return existsSync(script) ? new AnalysisPool(script) : undefined;
}
