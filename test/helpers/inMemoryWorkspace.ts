import { computeFindings, indexWorkspace, WorkspaceIndex, type DocumentContent, type Workspace } from '../../server/src/core/api';

/** A Workspace held in memory, implementing the same interface the server and CLI implement. */
export class InMemoryWorkspace implements Workspace {
  readonly #files = new Map<string, string | Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [name, content] of Object.entries(files)) this.#files.set(toUri(name), content);
  }

  set(name: string, content: string | Uint8Array): string {
    const uri = toUri(name);
    this.#files.set(uri, content);
    return uri;
  }

  delete(name: string): void {
    this.#files.delete(toUri(name));
  }

  async listDocuments(): Promise<string[]> {
    return [...this.#files.keys()];
  }

  async readDocument(uri: string, maxBytes: number): Promise<DocumentContent> {
    const content = this.#files.get(uri);
    if (content === undefined) return { kind: 'missing', reason: 'ENOENT' };
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    if (bytes.byteLength > maxBytes) return { kind: 'tooLarge', size: bytes.byteLength };
    return { kind: 'bytes', bytes };
  }
}

/** "a.md" → "file:///ws/a.md"; a full URI is kept. */
export function toUri(name: string): string {
  return name.includes('://') ? name : `file:///ws/${name}`;
}

/** Indexes files given inline and returns the index with the findings of every document. */
export async function indexFiles(files: Record<string, string | Uint8Array>, maxFileSize = 5 * 1024 * 1024) {
  const workspace = new InMemoryWorkspace(files);
  const index = new WorkspaceIndex();
  await indexWorkspace(workspace, index, { maxFileSize });
  return { workspace, index, findings: computeFindings(index) };
}
