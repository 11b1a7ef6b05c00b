import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { LineIndex, type DocumentAnalysis, type SourceDocument } from '../core/api';

type Analyzer = (document: SourceDocument) => DocumentAnalysis | Promise<DocumentAnalysis>;
type Records = Omit<DocumentAnalysis, 'uri' | 'version' | 'text' | 'lines'>;

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
      if (stored.version === this.#version && stored.entries instanceof Map) this.#entries = stored.entries;
    } catch {
      this.#entries = new Map();
    }
    return this.#entries.size;
  }

  /** Writes the entries used since the last save (the current documents' analyses), atomically. */
  save(): void {
    if (!this.#file) return;
    const entries = new Map([...this.#entries].filter(([key]) => this.#used.has(key)));
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize({ version: this.#version, entries }));
    renameSync(temporary, this.#file);
  }

  /** An analyser that answers from the cache when the content is known, and fills it otherwise. */
  wrap(analyze: Analyzer): Analyzer {
    return async (document) => {
      // The URI is part of the key: records may carry document-specific data, so equal texts in two files are not shared.
      const key = createHash('sha1').update(document.uri).update('\0').update(document.format).update('\0').update(document.text).digest('base64');
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
