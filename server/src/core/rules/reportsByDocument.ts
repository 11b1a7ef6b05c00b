import { sortedIndexOf } from '../collections';
import type { RuleReport } from './rule';

/**
 * A workspace rule's reports kept by document, all of them in URI order, for rules that remake the reports of the
 * documents that changed only (the acronym rules): the list of all reports is patched where a document's reports
 * change, not concatenated again from thousands of documents' lists (a sort of their URIs and a cache miss per list).
 */
export class ReportsByDocument {
  /** The documents with reports, sorted, with their reports side by side. */
  #uris: string[] = [];
  #lists: (readonly RuleReport[])[] = [];
  /** Every report, or `undefined` after a change until asked for. */
  #all: readonly RuleReport[] | undefined = [];

  /** Every document's reports, from `uris` (sorted) and their reports. */
  static of(uris: readonly string[], reportsOf: (uri: string) => readonly RuleReport[]): ReportsByDocument {
    const made = new ReportsByDocument();
    for (const uri of uris) {
      const reports = reportsOf(uri);
      if (reports.length === 0) continue;
      made.#uris.push(uri);
      made.#lists.push(reports);
    }
    made.#all = undefined;
    return made;
  }

  /**
   * Every report, in URI then each document's order; another array after a change, the same one otherwise. Made
   * once after any number of changes: an edit that adds a known name changes the reports of a hundred documents,
   * and patching the whole list for each of them cost ~25 ms a keystroke at 2,000 documents.
   */
  get all(): readonly RuleReport[] {
    if (!this.#all) {
      const all: RuleReport[] = [];
      for (const list of this.#lists) for (const report of list) all.push(report);
      this.#all = all;
    }
    return this.#all;
  }

  /** A document's reports as last set (empty when it has none). */
  get(uri: string): readonly RuleReport[] {
    const at = sortedIndexOf(this.#uris, uri);
    return this.#uris[at] === uri ? this.#lists[at]! : NONE;
  }

  /** Sets a document's reports (empty: it has none). */
  set(uri: string, reports: readonly RuleReport[]): void {
    const at = sortedIndexOf(this.#uris, uri);
    const known = this.#uris[at] === uri;
    if (known ? this.#lists[at] === reports : reports.length === 0) return;
    this.#all = undefined;
    if (reports.length === 0) {
      this.#uris.splice(at, 1);
      this.#lists.splice(at, 1);
    } else if (known) {
      this.#lists[at] = reports;
    } else {
      this.#uris.splice(at, 0, uri);
      this.#lists.splice(at, 0, reports);
    }
  }
}

const NONE: readonly RuleReport[] = [];
