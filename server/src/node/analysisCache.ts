import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DefaultDeserializer, deserialize, serialize } from 'node:v8';
import { LineIndex, type DocumentAnalysis, type SourceDocument } from '../core/api';

type Analyzer = (document: SourceDocument) => DocumentAnalysis | Promise<DocumentAnalysis>;
type Records = Omit<DocumentAnalysis, 'uri' | 'version' | 'text' | 'lines'>;

/**
 * What identifies a document's content for analysis: the hash of its URI, format and text. The URI is part of
 * the key: records may carry document-specific data, so equal texts in two files are not shared. The findings
 * snapshot (diagnosticsSnapshot.ts) keys documents the same way. `text` may be given as its UTF-8 bytes: a string
 * is hashed as its UTF-8 encoding, so both give the same key.
 */
export function contentKey(uri: string, format: string, text: string | Uint8Array): string {
  return createHash('sha1').update(uri).update('\0').update(format).update('\0').update(text).digest('base64');
}

/** Changes whenever the file's layout changes: a file of another layout is read the old way or ignored. */
const FORMAT = 2;

/** The table of contents at the end of the file: each entry's key and where its bytes are. */
interface Contents {
  format: number;
  version: string;
  /** [key, offset from the start of the file, length in bytes] per entry. */
  entries: [string, number, number][];
}

/**
 * Remembers each document's analysis by the hash of its URI, format and content, and persists the table
 * in the workspace storage, so a restart re-analyses only documents that changed. v8 serialisation
 * (not JSON) because records hold ±Infinity interval bounds and Maps. `version` tags the file with
 * the analyser build: a different analyser starts from an empty cache.
 *
 * Layout: each entry serialised on its own, one after the other, then the table of contents (JSON) and its length
 * (4 bytes, little-endian). Loading reads only the table; an entry is read and deserialised when indexing asks for
 * it. Deserialising a large workspace's analyses takes many seconds (2,000 documents: ~8 s of CPU, 533 MB): taken one
 * document at a time, between which the server answers requests and the index fills, open documents first, instead
 * of one block before indexing starts; and the file is never held whole in memory. Saving copies the bytes of the
 * entries it already holds instead of serialising them again.
 */
export class AnalysisCache {
  readonly #file: string | undefined;
  readonly #version: string;
  /** Analyses made since the file was loaded or written, to be serialised at the next save. */
  #entries = new Map<string, Records>();
  /** Where each entry of the file on disk is, read through `#fd`. */
  #stored = new Map<string, { offset: number; length: number }>();
  #fd: number | undefined;
  #used = new Set<string>();
  #scratch = Buffer.alloc(0);
  /** The keys the file on disk holds, when this cache loaded or wrote it in the current layout. */
  #persisted: ReadonlySet<string> | undefined;
  hits = 0;
  misses = 0;

  constructor(file: string | undefined, version: string) {
    this.#file = file;
    this.#version = version;
  }

  /**
   * Loads the persisted table of contents; a missing, stale or corrupt file just means an empty cache. A file
   * written whole by an older build (one v8 value) is loaded whole, and rewritten in this layout at the next save.
   */
  load(): number {
    if (!this.#file) return 0;
    this.close();
    let fd: number | undefined;
    try {
      fd = openSync(this.#file, 'r');
      const contents = readContents(fd);
      if (contents) {
        if (contents.version === this.#version) {
          this.#stored = new Map(contents.entries.map(([key, offset, length]) => [key, { offset, length }]));
          this.#persisted = new Set(this.#stored.keys());
          this.#fd = fd;
          fd = undefined;
        }
      } else {
        const stored = deserialize(readFileSync(fd)) as { version: string; entries: Map<string, Records> };
        if (stored.version === this.#version && stored.entries instanceof Map) this.#entries = stored.entries;
      }
    } catch {
      this.#entries = new Map();
      this.#stored = new Map();
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return this.#entries.size + this.#stored.size;
  }

  /** Closes the file (entries not yet read are forgotten). */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#stored = new Map();
    this.#persisted = undefined;
  }

  /** An entry of the file on disk, read and deserialised now; `undefined` if it cannot be (then it is analysed). */
  #read(key: string): Records | undefined {
    const place = this.#stored.get(key);
    if (!place || this.#fd === undefined) return undefined;
    try {
      // One buffer for every entry read: nothing deserialised keeps a view into it (see `OwningDeserializer`).
      if (this.#scratch.length < place.length) this.#scratch = Buffer.allocUnsafe(Math.max(place.length, 2 * this.#scratch.length));
      const deserializer = new OwningDeserializer(readExactly(this.#fd, place.offset, place.length, this.#scratch));
      deserializer.readHeader();
      return deserializer.readValue() as Records;
    } catch {
      return undefined;
    }
  }

  /**
   * Writes the entries used since the last save (the current documents' analyses), atomically. Skipped when the
   * file already holds exactly those: rewriting a large workspace's unchanged cache on every shutdown costs seconds.
   * Returns the number of entries written, or `undefined` when nothing was.
   */
  save(): number | undefined {
    if (!this.#file) return undefined;
    const keys = [...this.#used].filter((key) => this.#entries.has(key) || this.#stored.has(key)).sort();
    const persisted = this.#persisted;
    if (persisted && persisted.size === keys.length && keys.every((key) => persisted.has(key))) return undefined;
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    const contents: Contents = { format: FORMAT, version: this.#version, entries: [] };
    const out = openSync(temporary, 'w');
    try {
      let offset = 0;
      for (const key of keys) {
        const records = this.#entries.get(key);
        const place = this.#stored.get(key);
        const bytes = records ? serialize(records) : readExactly(this.#fd!, place!.offset, place!.length);
        writeFileSync(out, bytes);
        contents.entries.push([key, offset, bytes.length]);
        offset += bytes.length;
      }
      const table = Buffer.from(JSON.stringify(contents));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(table.length);
      writeFileSync(out, Buffer.concat([table, length]));
    } catch (error) {
      closeSync(out);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(out);
    // Closed before the rename, which some systems refuse over an open file; the new file is then read instead.
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    renameSync(temporary, this.#file);
    this.#fd = openSync(this.#file, 'r');
    this.#stored = new Map(contents.entries.map(([key, offset, length]) => [key, { offset, length }]));
    this.#entries = new Map();
    this.#persisted = new Set(keys);
    return keys.length;
  }

  /** An analyser that answers from the cache when the content is known, and fills it otherwise. */
  wrap(analyze: Analyzer): Analyzer {
    return async (document) => {
      const key = contentKey(document.uri, document.format, document.text);
      this.#used.add(key);
      const known = this.#entries.get(key) ?? this.#read(key);
      if (known) {
        this.hits++;
        return { ...known, uri: document.uri, version: document.version, text: document.text, lines: new LineIndex(document.text) } as DocumentAnalysis;
      }
      this.misses++;
      const analysis = await analyze(document);
      if (analysis.skipped === undefined) {
        const { uri: _uri, version: _version, text: _text, lines: _lines, ...records } = analysis;
        this.#entries.set(key, records);
      }
      return analysis;
    };
  }
}

/**
 * A deserialiser whose typed arrays have buffers of their own. Node's returns views into the bytes it reads, so each
 * analysis read from the cache kept its whole entry alive through its word bounds and filters: ~270 KB per document,
 * the whole 544 MB file of a 2,000-document workspace on a warm restart (RSS 2.4 GB, where indexing afresh peaks at 1.5 GB).
 */
class OwningDeserializer extends DefaultDeserializer {
  _readHostObject(): unknown {
    const view = (DefaultDeserializer.prototype as unknown as { _readHostObject(this: DefaultDeserializer): unknown })._readHostObject.call(this);
    if (view instanceof DataView) return new DataView(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
    if (Buffer.isBuffer(view)) return Buffer.from(view);
    return (view as Uint8Array).slice();
  }
}

/** `length` bytes of `fd` from `offset`, in a new buffer or at the start of `into`; throws if the file is shorter. */
function readExactly(fd: number, offset: number, length: number, into?: Buffer): Buffer {
  const bytes = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, bytes, done, length - done, offset + done);
    if (read === 0) throw new Error('the analysis cache is truncated');
    done += read;
  }
  return bytes;
}

/** The table of contents of a file in this layout, or `undefined` when it is not one (an older layout, truncated). */
function readContents(fd: number): Contents | undefined {
  const size = fstatSync(fd).size;
  if (size < 4) return undefined;
  const tableLength = readExactly(fd, size - 4, 4).readUInt32LE(0);
  if (tableLength > size - 4) return undefined;
  try {
    const contents = JSON.parse(readExactly(fd, size - 4 - tableLength, tableLength).toString()) as Contents;
    if (contents.format !== FORMAT || typeof contents.version !== 'string' || !Array.isArray(contents.entries)) return undefined;
    const end = size - 4 - tableLength;
    for (const entry of contents.entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !(entry[1] >= 0) || !(entry[2] >= 0) || entry[1] + entry[2] > end) return undefined;
    }
    return contents;
  } catch {
    return undefined;
  }
}
