import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { dirname } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { formatOf, hasByteOrderMark, loadDocument, looksBinary, type DocumentAnalysis, type DocumentContent, type LoadOptions, type SourceDocument, type Workspace } from '../core/api';
import { diagnosticsDigest } from '../lsp/publishedDiagnostics';
import { contentKey } from './analysisCache';

/** Changes whenever the file's layout or the meaning of a field changes: an older file is then ignored. */
const FORMAT = 6;

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

/**
 * One document of a snapshot: its content key (see `documentKey`), the digest of its diagnostics' JSON, and the
 * stamp of its file (see `fileStamp`) when the file was read and found to hold exactly that content, without being
 * racily clean: a file whose stamp is unchanged need not be read again to know its key.
 */
export interface SnapshotDocument {
  uri: string;
  key: string;
  digest: string;
  stamp?: string;
}

interface Header extends SnapshotTags {
  format: number;
  /** [uri, key, digest, stamp or ""] per document, in the order of the body's lines. */
  documents: [string, string, string, string][];
  /** The byte length of each document's line, without its newline. */
  lengths: number[];
}

/**
 * The diagnostics exactly as last published for every document, with what they were computed from, persisted next
 * to the analysis cache. A restart on an unchanged workspace publishes them before loading anything else: reading
 * and hashing the documents takes a fraction of a second, loading the analyses and running the rules many seconds.
 *
 * Layout: one line per document with its diagnostics, then one JSON header line with the tags, the documents and
 * their lines' lengths, last because the digests are known only once every document was written. A document's line
 * is the JSON of its diagnostics exactly as published, so publishing sends its bytes as they are (see lsp/rawJson.ts):
 * parsing the lines and serialising them again took most of a warm start's publishing. Only the header is read
 * before publishing starts; each line is read as it is sent, while the client parses the one before (the body is
 * ~44 MB for 2,000 documents). The file is ASCII, other characters escaped (\uXXXX): the same JSON value, one byte
 * per character.
 */
export class DiagnosticsSnapshot {
  readonly tags: SnapshotTags;
  readonly documents: readonly SnapshotDocument[];
  readonly #fd: number;
  /** Line i of the body spans lineStarts[i] .. lineStarts[i + 1] - 1 (its newline); the header follows the last. */
  readonly #lineStarts: number[];

  private constructor(header: Header, fd: number, lineStarts: number[]) {
    const { format: _format, documents, lengths: _lengths, ...tags } = header;
    this.tags = tags;
    this.documents = documents.map(([uri, key, digest, stamp]) => (stamp ? { uri, key, digest, stamp } : { uri, key, digest }));
    this.#fd = fd;
    this.#lineStarts = lineStarts;
  }

  /**
   * The snapshot in `file`, open until `close`; `undefined` when there is none or it is unreadable, truncated or of
   * another format. Reads the header only (see the class).
   */
  static read(file: string): DiagnosticsSnapshot | undefined {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const snapshot = DiagnosticsSnapshot.#readHeader(fd);
      if (snapshot) return snapshot;
    } catch {
      // unreadable: no snapshot
    }
    closeSync(fd);
    return undefined;
  }

  static #readHeader(fd: number): DiagnosticsSnapshot | undefined {
    const size = fstatSync(fd).size;
    // The header is the last line: read the file's tail, a larger one until the line before it ends inside.
    for (let tail = Math.min(size, 1 << 20); ; tail = Math.min(size, tail * 4)) {
      const bytes = Buffer.allocUnsafe(tail);
      if (readSync(fd, bytes, 0, tail, size - tail) !== tail || bytes[tail - 1] !== 10) return undefined; // truncated
      const newline = bytes.lastIndexOf(10, tail - 2);
      if (newline < 0 && tail < size) continue;
      const header = JSON.parse(bytes.toString('latin1', newline + 1, tail - 1)) as Header;
      if (header.format !== FORMAT || !Array.isArray(header.documents) || !Array.isArray(header.lengths) || header.lengths.length !== header.documents.length) return undefined;
      const lineStarts = [0];
      for (const length of header.lengths) lineStarts.push(lineStarts.at(-1)! + length + 1);
      if (lineStarts.at(-1) !== size - tail + newline + 1) return undefined; // lines and header do not add up
      return new DiagnosticsSnapshot(header, fd, lineStarts);
    }
  }

  /** The diagnostics of `documents[i]`, parsed now. */
  diagnostics(i: number): Diagnostic[] {
    return JSON.parse(this.diagnosticsJson(i).toString('latin1')) as Diagnostic[];
  }

  /** The JSON of the diagnostics of `documents[i]` as published (ASCII), read now; throws if the file is damaged. */
  diagnosticsJson(i: number): Buffer {
    const start = this.#lineStarts[i]!;
    const length = this.#lineStarts[i + 1]! - start;
    const bytes = Buffer.allocUnsafe(length);
    if (readSync(this.#fd, bytes, 0, length, start) !== length || bytes[length - 1] !== 10) throw new Error(`the diagnostics snapshot is damaged at document ${i + 1}`);
    return bytes.subarray(0, length - 1);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.#fd);
  }

  /**
   * Writes a snapshot atomically (a temporary file renamed over the old one, as the analysis cache does), one
   * document at a time so the whole JSON is never held at once. Returns the number of documents written.
   * `stampOf` gives a document's file stamp if its file holds the content of `key` now (see `verifiedStamp`); it is
   * called with the time the temporary file was created, by the file system's clock, before any file is looked at:
   * a file changed at or after that time is racily clean and gets no stamp.
   */
  static write(
    file: string,
    tags: SnapshotTags,
    documents: Iterable<{ uri: string; key: string; diagnostics: readonly Diagnostic[] }>,
    stampOf?: (uri: string, key: string, startedNs: bigint) => string | undefined,
  ): number {
    const header: Header = { format: FORMAT, ...tags, documents: [], lengths: [] };
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    rmSync(temporary, { force: true }); // created anew, so that its modification time is now
    const fd = openSync(temporary, 'w');
    try {
      const startedNs = fstatSync(fd, { bigint: true }).mtimeNs;
      for (const { uri, key, diagnostics } of documents) {
        const json = JSON.stringify(diagnostics);
        header.documents.push([uri, key, diagnosticsDigest(json), stampOf?.(uri, key, startedNs) ?? '']);
        const line = ascii(json);
        header.lengths.push(line.length);
        writeFileSync(fd, line + '\n', 'latin1'); // a descriptor: written whole, at the current position
      }
      writeFileSync(fd, ascii(JSON.stringify(header)) + '\n', 'latin1');
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    return header.documents.length;
  }
}

/** JSON text with every character outside ASCII escaped; JSON.parse gives the same value. */
function ascii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
export async function currentDocumentKey(workspace: Workspace, uri: string, options: LoadOptions, bytes?: Uint8Array): Promise<string> {
  if (bytes && decodesToItself(bytes, options.maxFileSize)) return contentKey(uri, formatOf(uri), bytes);
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

/**
 * What identifies a file's state without reading it, as git's index does: size, modification and status-change
 * times (ns) and inode. Writing a file changes its times; restoring its modification time (touch -d) changes the
 * status-change time; replacing it (an editor's atomic save) changes the inode.
 */
export function fileStamp(info: Pick<BigIntStats, 'size' | 'mtimeNs' | 'ctimeNs' | 'ino'>): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
}

/** Times within this much before the snapshot on a file system that keeps whole seconds (FAT keeps two) are racy. */
const COARSE_RACY_NS = 2_000_000_000n;

/**
 * Git's "racily clean" rule: a file changed at or after `startedNs` (the time the snapshot began to be written,
 * before its files were read) could change again within the same clock tick, keeping size and times, after it was
 * read. Such a file is read again on the next start instead of trusted by its stamp. Times in whole seconds may come
 * from a file system that truncates them to one or two: anything within two seconds before then is racy too.
 */
export function racilyClean(info: Pick<BigIntStats, 'mtimeNs' | 'ctimeNs'>, startedNs: bigint): boolean {
  const latest = info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs;
  const wholeSeconds = info.mtimeNs % 1_000_000_000n === 0n && info.ctimeNs % 1_000_000_000n === 0n;
  return latest >= (wholeSeconds ? startedNs - COARSE_RACY_NS : startedNs);
}

/**
 * The stamp of the file at `path` when it holds exactly the content of `key` as a plain file (see
 * `currentDocumentKey`: read as its own UTF-8 text) and is not racily clean; `undefined` otherwise, and the file is
 * then read and hashed on the next start. Stat first, then read: a change after the stat changes the times.
 */
export function verifiedStamp(path: string, uri: string, key: string, maxBytes: number, startedNs: bigint): string | undefined {
  try {
    const info = statSync(path, { bigint: true });
    if (!info.isFile() || info.size > BigInt(maxBytes) || racilyClean(info, startedNs)) return undefined;
    const bytes = readFileSync(path);
    if (BigInt(bytes.length) !== info.size || !decodesToItself(bytes, maxBytes) || contentKey(uri, formatOf(uri), bytes) !== key) return undefined;
    return fileStamp(info);
  } catch {
    return undefined;
  }
}

/** The stamp of the file at `path` now, or `undefined` when it is not a regular file or cannot be read. */
export function currentStamp(path: string): string | undefined {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false });
    return info?.isFile() ? fileStamp(info) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's bytes, read synchronously, when it is the plain case of DiskWorkspace.readDocument: a regular file within
 * the size limit, read without error (it would return these bytes). `undefined` otherwise: read through the workspace.
 * Two thousand files are read this way in about half the time of asynchronous reads, whose callbacks cost more than
 * the reading.
 */
export function readPlainFileSync(path: string, maxBytes: number): Buffer | undefined {
  try {
    const info = statSync(path);
    return info.isFile() && info.size <= maxBytes ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function keyOnly(document: SourceDocument): DocumentAnalysis {
  return { uri: document.uri, version: document.version, format: document.format, text: document.text } as DocumentAnalysis;
}

/**
 * Whether `loadDocument` would take these bytes as their UTF-8 text with no warning (see core/decode.ts): within the
 * size limit, no NUL byte in the first 8 KiB (binary), no byte order mark (stripped), valid UTF-8 (else replaced).
 */
function decodesToItself(bytes: Uint8Array, maxBytes: number): boolean {
  return bytes.byteLength <= maxBytes && !looksBinary(bytes) && !hasByteOrderMark(bytes) && isUtf8(bytes);
}
