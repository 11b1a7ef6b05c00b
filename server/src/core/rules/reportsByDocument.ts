import { sortedIndexOf } from '../collections';
import type { RuleReport } from './rule';

/**
 * A workspace rule's reports kept by document, all of them in URI order, for rules that remake the reports of the
 * documents that changed only (the acronym rules): the list of all reports is patched where a document's reports
 * change, not concatenated again from thousands of documents' lists (a sort of their URIs and a cache miss per list).
 */
export class ReportsByDocument {
  /** The documents with reports, sorted, with their reports and how many, side by side. */
  #uris: string[] = [];
  #lists: (readonly RuleReport[])[] = [];
  #lengths: number[] = [];
  #all: readonly RuleReport[] = [];

  /** Every document's reports, from `uris` (sorted) and their reports. */
  static of(uris: readonly string[], reportsOf: (uri: string) => readonly RuleReport[]): ReportsByDocument {
    const made = new ReportsByDocument();
    const all: RuleReport[] = [];
    for (const uri of uris) {
      const reports = reportsOf(uri);
      if (reports.length === 0) continue;
      made.#uris.push(uri);
      made.#lists.push(reports);
      made.#lengths.push(reports.length);
      for (const report of reports) all.push(report);
    }
    made.#all = all;
    return made;
  }

  /** Every report, in URI then each document's order; another array after a change, the same one otherwise. */
  get all(): readonly RuleReport[] {
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
    let offset = 0;
    for (let i = 0; i < at; i++) offset += this.#lengths[i]!;
    const before = known ? this.#lengths[at]! : 0;
    this.#all = [...this.#all.slice(0, offset), ...reports, ...this.#all.slice(offset + before)];
    if (reports.length === 0) {
      this.#uris.splice(at, 1);
      this.#lists.splice(at, 1);
      this.#lengths.splice(at, 1);
    } else if (known) {
      this.#lists[at] = reports;
      this.#lengths[at] = reports.length;
    } else {
      this.#uris.splice(at, 0, uri);
      this.#lists.splice(at, 0, reports);
      this.#lengths.splice(at, 0, reports.length);
    }
  }
}

const NONE: readonly RuleReport[] = [];
