import type { Workspace } from '../workspace';
import { loadDocument, type LoadOptions } from './loadDocument';
import type { WorkspaceIndex } from './workspaceIndex';

export interface IndexingHooks {
  /** Called after each document with how many are done out of how many. */
  onProgress?(done: number, total: number, uri: string): void;
  /** Polled between documents; indexing stops early when it returns true. */
  isCancelled?(): boolean;
  /** Documents to analyse first (e.g. the open editors), so their answers come at once. */
  priority?: readonly string[];
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
  let done = 0;
  for (const uri of ordered) {
    if (hooks.isCancelled?.()) break;
    index.set(await loadDocument(workspace, uri, options));
    done++;
    hooks.onProgress?.(done, ordered.length, uri);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return done;
}
