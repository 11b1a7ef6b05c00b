import { isUtf8 } from 'node:buffer';
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { formatOf, loadDocument, type DocumentAnalysis, type DocumentContent, type LoadOptions, type SourceDocument, type Workspace } from '../core/api';
import { diagnosticsDigest } from '../lsp/publishedDiagnostics';
import { contentKey } from './analysisCache';

/** Changes whenever the file's layout or the meaning of a field changes: an older file is then ignored. */
const FORMAT = 1;

/** Everything besides the documents' contents that the published diagnostics depend on. */
export interface SnapshotTags {
  /** The analyser build (the analysis cache's version). */
  analyzer: string;
  /** Digest of the settings and workspace folders. */
  settings: string;
  /** Digest of the reviewers' waivers. */
  waivers: string;
  /** Digest of the glossary files. */
  glossary: string;
}

/** One document of a snapshot: its content key (see `documentKey`) and the digest of its diagnostics' JSON. */
export interface SnapshotDocument {
  uri: string;
  key: string;
  digest: string;
}

interface Header extends SnapshotTags {
  format: number;
  /** [uri, key, digest] per document, in the order of the body's lines. */
  documents: [string, string, string][];
}

/**
 * The diagnostics exactly as last published for every document, with what they were computed from, persisted next
 * to the analysis cache. A restart on an unchanged workspace publishes them before loading anything else: reading
 * and hashing the documents takes a fraction of a second, loading the analyses and running the rules many seconds.
 *
 * Layout: one line per document with its diagnostics as the JSON their digest was taken of (a document is parsed only
 * when it is published), then one JSON header line with the tags and the documents, last because the digests are
 * known only once every document was written.
 */
export class DiagnosticsSnapshot {
  readonly tags: SnapshotTags;
  readonly documents: readonly SnapshotDocument[];
  readonly #body: Buffer;
  readonly #lineStarts: number[];

  private constructor(header: Header, body: Buffer, lineStarts: number[]) {
    const { format: _format, documents, ...tags } = header;
    this.tags = tags;
    this.documents = documents.map(([uri, key, digest]) => ({ uri, key, digest }));
    this.#body = body;
    this.#lineStarts = lineStarts;
  }

  /** The snapshot in `file`; `undefined` when there is none or it is unreadable, truncated or of another format. */
  static async read(file: string): Promise<DiagnosticsSnapshot | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return undefined;
    }
    try {
      if (bytes.length === 0 || bytes[bytes.length - 1] !== 10) return undefined; // truncated
      const headerStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
      const header = JSON.parse(bytes.toString('utf8', headerStart, bytes.length - 1)) as Header;
      if (header.format !== FORMAT || !Array.isArray(header.documents)) return undefined;
      // Line i of the body spans lineStarts[i] .. lineStarts[i + 1] - 1 (its newline); the header follows the last.
      const lineStarts = [0];
      for (let i = 0; i < header.documents.length; i++) {
        const end = bytes.indexOf(10, lineStarts[i]);
        if (end < 0 || end >= headerStart) return undefined;
        lineStarts.push(end + 1);
      }
      if (lineStarts.at(-1) !== headerStart) return undefined;
      return new DiagnosticsSnapshot(header, bytes, lineStarts);
    } catch {
      return undefined;
    }
  }

  /** The diagnostics of `documents[i]`, parsed now. */
  diagnostics(i: number): Diagnostic[] {
    return JSON.parse(this.#body.toString('utf8', this.#lineStarts[i], this.#lineStarts[i + 1]! - 1)) as Diagnostic[];
  }

  /**
   * Writes a snapshot atomically (a temporary file renamed over the old one, as the analysis cache does), one
   * document at a time so the whole JSON is never held at once. Returns the number of documents written.
   */
  static write(file: string, tags: SnapshotTags, documents: Iterable<{ uri: string; key: string; diagnostics: readonly Diagnostic[] }>): number {
    const header: Header = { format: FORMAT, ...tags, documents: [] };
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      for (const { uri, key, diagnostics } of documents) {
        const json = JSON.stringify(diagnostics);
        header.documents.push([uri, key, diagnosticsDigest(json)]);
        writeFileSync(fd, json + '\n'); // a descriptor: written whole, at the current position
      }
      writeFileSync(fd, JSON.stringify(header) + '\n');
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    return header.documents.length;
  }
}

/**
 * What a document's diagnostics depend on besides the rest of the workspace: its content key (the analysis cache's
 * hash of URI, format and text), or why it was skipped, and an encoding warning. Computed from an indexed analysis
 * when the snapshot is written, and by `currentDocumentKey` when it is checked.
 */
export function documentKey(document: Pick<DocumentAnalysis, 'uri' | 'format' | 'text' | 'skipped' | 'encodingWarning'>): string {
  if (document.skipped !== undefined) return `skipped\0${document.skipped}`;
  const key = contentKey(document.uri, document.format, document.text);
  return document.encodingWarning === undefined ? key : `${key}\0${document.encodingWarning}`;
}

/**
 * The `documentKey` that indexing `uri` through `workspace` now would give, without analysing it: the document is
 * read and decoded by `loadDocument`, as indexing does (open editor, size limit, binary and encoding checks), with an
 * "analyser" that keeps only what the key needs. Most files skip the decoding, which costs more than reading and
 * hashing together: when decoding would return the bytes' own UTF-8 text, hashing the bytes gives the same key.
 */
export async function currentDocumentKey(workspace: Workspace, uri: string, options: LoadOptions): Promise<string> {
  let content: DocumentContent;
  try {
    content = await workspace.readDocument(uri, options.maxFileSize);
  } catch {
    return documentKey(await loadDocument(workspace, uri, options, keyOnly)); // the failure as indexing reports it
  }
  if (content.kind === 'bytes' && decodesToItself(content.bytes, options.maxFileSize)) return contentKey(uri, formatOf(uri), content.bytes);
  const read: Workspace = { listDocuments: async () => [uri], readDocument: async () => content };
  return documentKey(await loadDocument(read, uri, options, keyOnly));
}

function keyOnly(document: SourceDocument): DocumentAnalysis {
  return { uri: document.uri, version: document.version, format: document.format, text: document.text } as DocumentAnalysis;
}

/**
 * Whether `loadDocument` would take these bytes as their UTF-8 text with no warning (see core/decode.ts): within the
 * size limit, no NUL byte in the first 8 KiB (binary), no byte order mark (stripped), valid UTF-8 (else replaced).
 */
function decodesToItself(bytes: Uint8Array, maxBytes: number): boolean {
  if (bytes.byteLength > maxBytes || bytes.subarray(0, 8192).includes(0)) return false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  return isUtf8(bytes);
}
