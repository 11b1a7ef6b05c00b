import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
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

/**
 * Remembers each document's analysis by the hash of its URI, format and content, and persists the table
 * in the workspace storage, so a restart re-analyses only documents that changed. v8 serialisation
 * (not JSON) because records hold ±Infinity interval bounds and Maps. `version` tags the file with
 * the analyser build: a different analyser starts from an empty cache.
 */
export class AnalysisCache {
  readonly #file: string | undefined;
  readonly #version: string;
  #entries = new Map<string, Records>();
  #used = new Set<string>();
  /** The keys the file on disk holds, when this cache loaded or wrote it. */
  #persisted: ReadonlySet<string> | undefined;
  hits = 0;
  misses = 0;

  constructor(file: string | undefined, version: string) {
    this.#file = file;
    this.#version = version;
  }

  /** Loads the persisted table; a missing, stale or corrupt file just means an empty cache. */
  load(): number {
    if (!this.#file) return 0;
    try {
      const stored = deserialize(readFileSync(this.#file)) as { version: string; entries: Map<string, Records> };
      if (stored.version === this.#version && stored.entries instanceof Map) {
        this.#entries = stored.entries;
        this.#persisted = new Set(stored.entries.keys());
      }
    } catch {
      this.#entries = new Map();
    }
    return this.#entries.size;
  }

  /**
   * Writes the entries used since the last save (the current documents' analyses), atomically. Skipped when the
   * file already holds exactly those: rewriting a large workspace's unchanged cache on every shutdown costs seconds.
   * Returns the number of entries written, or `undefined` when nothing was.
   */
  save(): number | undefined {
    if (!this.#file) return undefined;
    const entries = new Map([...this.#entries].filter(([key]) => this.#used.has(key)));
    const persisted = this.#persisted;
    if (persisted && persisted.size === entries.size && [...entries.keys()].every((key) => persisted.has(key))) return undefined;
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize({ version: this.#version, entries }));
    renameSync(temporary, this.#file);
    this.#persisted = new Set(entries.keys());
    return entries.size;
  }

  /** An analyser that answers from the cache when the content is known, and fills it otherwise. */
  wrap(analyze: Analyzer): Analyzer {
    return async (document) => {
      const key = contentKey(document.uri, document.format, document.text);
      this.#used.add(key);
      const known = this.#entries.get(key);
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
