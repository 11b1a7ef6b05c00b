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
  #generation = 0;

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
    this.#changed(!known);
  }

  /** Forgets a document; returns whether it was known. */
  delete(uri: string): boolean {
    const known = this.#documents.delete(uri);
    if (known) this.#changed(true);
    return known;
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

  /** Every analysis, in URI order. */
  documents(): DocumentAnalysis[] {
    return this.uris().map((uri) => this.#documents.get(uri)!);
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

  #changed(membership: boolean): void {
    this.#generation++;
    this.#derived.clear();
    if (membership) this.#sortedUris = undefined;
  }
}
