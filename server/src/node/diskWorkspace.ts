import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { URI } from 'vscode-uri';
import { createDocumentFilter, type DocumentContent, type DocumentFilterSettings, type Workspace } from '../core/api';

// Folders never worth walking into, whatever the globs say: they hold tooling, not documents.
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * The workspace as files on disk: every file under the folders that passes the include/exclude globs.
 * Shared by the CLI and the server (which layers open editors on top), so both index the same set.
 */
export class DiskWorkspace implements Workspace {
  readonly #folders: string[];
  readonly #accepts: (relativePath: string) => boolean;

  constructor(folders: string[], filter: DocumentFilterSettings) {
    this.#folders = folders;
    this.#accepts = createDocumentFilter(filter);
  }

  get folders(): readonly string[] {
    return this.#folders;
  }

  /** Whether a file path would be indexed (inside a folder and accepted by the globs). */
  contains(path: string): boolean {
    return this.#folders.some((folder) => {
      const rel = relative(folder, path);
      return rel !== '' && !rel.startsWith('..') && !rel.split(/[\\/]/).some((part) => SKIPPED_FOLDERS.has(part)) && this.#accepts(rel);
    });
  }

  async listDocuments(): Promise<string[]> {
    const uris: string[] = [];
    for (const folder of this.#folders) {
      for (const path of await walk(folder)) {
        if (this.#accepts(relative(folder, path))) uris.push(URI.file(path).toString());
      }
    }
    return uris;
  }

  async readDocument(uri: string, maxBytes: number): Promise<DocumentContent> {
    const path = URI.parse(uri).fsPath;
    try {
      const info = await stat(path);
      if (!info.isFile()) return { kind: 'missing', reason: 'not a regular file' };
      if (info.size > maxBytes) return { kind: 'tooLarge', size: info.size };
      return { kind: 'bytes', bytes: await readFile(path) };
    } catch (error) {
      return { kind: 'missing', reason: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
  }
}

async function walk(folder: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished folder: nothing to index there
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      } else if (entry.isFile()) {
        files.push(path);
      }
    }
  }
  return files;
}
