import { sortedIndexOf } from '../collections';
import type { DocumentAnalysis } from '../document';

/**
 * The analyses of every document in the workspace, plus cross-document tables derived from them.
 * Replacing one document replaces only its analysis; derived tables are recomputed lazily on the next
 * query, so a burst of edits costs one recomputation.
 */
export class WorkspaceIndex {
  readonly #documents = new Map<string, DocumentAnalysis>();
  readonly #derived = new Map<string, unknown>();
  readonly #inputs = new Map<string, unknown>();
  #sortedUris: string[] | undefined;
  #sortedDocuments: DocumentAnalysis[] | undefined;
  #generation = 0;
  /** The documents set or deleted, with the generation each change made, oldest first (the last `LOG_LENGTH`). */
  #log: { generation: number; uri: string }[] = [];
  /** Changes made at or before this generation are no longer in the log. */
  #forgotten = 0;

  /** Increases on every change; lets callers tell whether cached results are stale. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#documents.size;
  }

  set(analysis: DocumentAnalysis): void {
    const known = this.#documents.has(analysis.uri);
    this.#documents.set(analysis.uri, analysis);
    // A replaced document keeps its place in the sorted lists: put the new analysis there, in a copy (callers may
    // hold the previous list), instead of looking every document up again on the next `documents()`.
    if (known && this.#sortedDocuments && this.#sortedUris) {
      const at = sortedIndexOf(this.#sortedUris, analysis.uri);
      this.#sortedDocuments = this.#sortedDocuments.slice();
      this.#sortedDocuments[at] = analysis;
    }
    this.#changed(!known, analysis.uri);
  }

  /** Forgets a document; returns whether it was known. */
  delete(uri: string): boolean {
    const known = this.#documents.delete(uri);
    if (known) this.#changed(true, uri);
    return known;
  }

  /**
   * The URIs of the documents set or deleted since `generation` (an earlier `generation` of this index), or
   * `undefined` when that is too long ago to tell: cross-document tables kept up to date across edits look at the
   * documents that changed instead of comparing thousands of analyses.
   */
  changesSince(generation: number): ReadonlySet<string> | undefined {
    if (generation < this.#forgotten || generation > this.#generation) return undefined;
    const uris = new Set<string>();
    for (let i = this.#log.length - 1; i >= 0 && this.#log[i]!.generation > generation; i--) uris.add(this.#log[i]!.uri);
    return uris;
  }

  /** The analysis of a document, or `undefined` when the document is not indexed. */
  get(uri: string): DocumentAnalysis | undefined {
    return this.#documents.get(uri);
  }

  /** Every indexed URI, sorted: all cross-document results follow this order, so they are deterministic. */
  uris(): readonly string[] {
    this.#sortedUris ??= [...this.#documents.keys()].sort();
    return this.#sortedUris;
  }

  /** Every analysis, in URI order; the same list until the next change. */
  documents(): readonly DocumentAnalysis[] {
    this.#sortedDocuments ??= this.uris().map((uri) => this.#documents.get(uri)!);
    return this.#sortedDocuments;
  }

  /**
   * A cross-document table computed from the current analyses, cached until the next change.
   * `key` names the table; each table has exactly one compute function.
   */
  derive<T>(key: string, compute: (index: WorkspaceIndex) => T): T {
    if (this.#derived.has(key)) return this.#derived.get(key) as T;
    const value = compute(this);
    this.#derived.set(key, value);
    return value;
  }

  /**
   * Sets a workspace-wide input that is not a document (e.g. the user's entity glossary); derived tables
   * are recomputed. `undefined` removes it.
   */
  setInput(key: string, value: unknown): void {
    if (value === undefined) this.#inputs.delete(key);
    else this.#inputs.set(key, value);
    this.#changed(false);
  }

  /** A workspace-wide input set with `setInput`, or `undefined`. */
  input<T>(key: string): T | undefined {
    return this.#inputs.get(key) as T | undefined;
  }

  #changed(membership: boolean, uri?: string): void {
    this.#generation++;
    this.#derived.clear();
    if (membership) {
      this.#sortedUris = undefined;
      this.#sortedDocuments = undefined;
    }
    if (uri === undefined) return;
    this.#log.push({ generation: this.#generation, uri });
    if (this.#log.length > LOG_LENGTH * 2) {
      // Dropped in bulk, so a long session's edits cost no shifting per change.
      this.#forgotten = this.#log[this.#log.length - LOG_LENGTH - 1]!.generation;
      this.#log = this.#log.slice(-LOG_LENGTH);
    }
  }
}

/** How many document changes `changesSince` can tell at least: more than a burst of edits or a folder's worth of files between two passes. */
const LOG_LENGTH = 10_000;
