import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWaivers, WAIVERS_PATH, type Waiver } from './core/api';

/**
 * The reviewers' waivers of every workspace folder, read from `.policylens/waivers.json`. Re-read on
 * every full index and after the "Accept this difference" action writes the file.
 */
export class WaiverStore {
  #folders: string[] = [];
  #waivers: Waiver[] = [];

  get current(): readonly Waiver[] {
    return this.#waivers;
  }

  /** The waivers file of the first folder, where new waivers are written; `undefined` without a folder. */
  get primaryFile(): string | undefined {
    return this.#folders[0] === undefined ? undefined : join(this.#folders[0], WAIVERS_PATH);
  }

  setFolders(folders: readonly string[]): void {
    this.#folders = [...folders];
  }

  /** Reads every folder's file again; a missing or unreadable file contributes no waivers. */
  reload(): void {
    this.#waivers = this.#folders.flatMap((folder) => parseWaivers(readText(join(folder, WAIVERS_PATH))));
  }
}

/** A file's text, or `undefined` when it does not exist or cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
