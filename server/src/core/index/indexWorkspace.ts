import type { DocumentAnalysis } from '../document';
import type { Workspace } from '../workspace';
import { loadDocument, type Analyzer, type LoadOptions } from './loadDocument';
import type { WorkspaceIndex } from './workspaceIndex';

export interface IndexingHooks {
  /** Called after each document with how many are done out of how many. */
  onProgress?(done: number, total: number, uri: string): void;
  /** Polled between documents; indexing stops early when it returns true. */
  isCancelled?(): boolean;
  /** Documents to analyse first (e.g. the open editors), so their answers come at once. */
  priority?: readonly string[];
  /** How documents are analysed one at a time (e.g. through a cache); plain in-thread analysis by default. */
  analyze?: Analyzer;
  /** How documents are analysed when the workspace is large enough to be worth it (a worker pool). */
  analyzeInParallel?: Analyzer;
  /** How many documents `analyzeInParallel` takes at once (about twice the pool's size). */
  concurrency?: number;
  /** What the index keeps of a loaded document's analysis (the server: a compact form of a closed document's). */
  keep?(analysis: DocumentAnalysis): DocumentAnalysis;
}

/**
 * Lists the workspace and (re)loads every document into the index, dropping documents that are gone.
 * Yields to the event loop between documents so a server stays responsive while indexing.
 * Returns the number of documents indexed.
 */
export async function indexWorkspace(
  workspace: Workspace,
  index: WorkspaceIndex,
  options: LoadOptions,
  hooks: IndexingHooks = {},
): Promise<number> {
  const listed = [...new Set(await workspace.listDocuments())].sort();
  const present = new Set(listed);
  for (const uri of index.uris()) if (!present.has(uri)) index.delete(uri);
  const first = (hooks.priority ?? []).filter((uri) => present.has(uri));
  const ordered = [...new Set([...first, ...listed])];
  // Below this many documents, handing work to other threads costs more than it saves.
  const parallel = ordered.length >= 32;
  const analyze = parallel && hooks.analyzeInParallel ? hooks.analyzeInParallel : hooks.analyze;
  const concurrency = parallel && hooks.analyzeInParallel ? Math.max(1, hooks.concurrency ?? 1) : 1;
  let done = 0;
  let next = 0;
  // A few loaders pull from one queue; results land in the index in whatever order they finish,
  // which does not matter: every cross-document result is computed in URI order.
  const loader = async () => {
    while (next < ordered.length && !hooks.isCancelled?.()) {
      const uri = ordered[next++]!;
      const analysis = await loadDocument(workspace, uri, options, analyze);
      index.set(hooks.keep ? hooks.keep(analysis) : analysis);
      done++;
      hooks.onProgress?.(done, ordered.length, uri);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loader));
  return done;
}
