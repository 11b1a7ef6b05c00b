/**
 * How the core sees a workspace: a list of documents and a way to read one.
 * The language server implements it over open editors and the disk, the CLI over the disk,
 * tests in memory. The core never touches the file system itself.
 */

/** A document's current content as the workspace can supply it. */
export type DocumentContent =
  /** The text of an open editor (already decoded), with the editor's version. */
  | { kind: 'text'; text: string; version: number }
  /** Raw bytes from storage; the core decodes them (see decode.ts). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Larger than the configured limit: not read at all. */
  | { kind: 'tooLarge'; size: number }
  /** Deleted or unreadable between listing and reading. */
  | { kind: 'missing'; reason: string };

export interface Workspace {
  /** URIs of every document to index (order does not matter: the index sorts). */
  listDocuments(): Promise<string[]>;
  /** Reads one document; `maxBytes` lets storage refuse huge files before reading them. */
  readDocument(uri: string, maxBytes: number): Promise<DocumentContent>;
}
