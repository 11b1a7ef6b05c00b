import { analyzeDocument, type DocumentAnalysis } from './document';
import { parseIncrementally, type BlockTrees } from './incrementalParse';
import type { SourceDocument } from './types';

/**
 * After this many versions analysed from the one before, the next is analysed afresh (see `refresh`), so an editing
 * session that never pauses still holds at most this many earlier texts of a document: 100 versions of the 359 KB
 * seed are ~70 MB, and one fresh analysis of it (~300 ms) per 100 keystrokes.
 */
export const MAX_REUSING_VERSIONS = 100;

/**
 * Analyses the successive versions of the documents open in an editor, re-parsing only the blocks each
 * edit changed (see incrementalParse.ts). It keeps the block trees and last analysis of open documents only:
 * call `forget` when one closes, so a large workspace does not hold every document's tree.
 */
export class OpenDocumentAnalyzer {
  readonly #blocks = new Map<string, BlockTrees>();
  /** Each open document's last analysis, whose records the next version's extractors reuse outside the change. */
  readonly #analyses = new Map<string, DocumentAnalysis>();
  /** How many versions of each open document were analysed from the one before since its last fresh analysis. */
  readonly #reusing = new Map<string, number>();

  analyze = (document: SourceDocument): DocumentAnalysis => {
    const reusing = this.#reusing.get(document.uri) ?? 0;
    if (reusing >= MAX_REUSING_VERSIONS) this.forget(document.uri);
    const previous = this.#analyses.get(document.uri);
    const { tree, blocks } = parseIncrementally(document.text, this.#blocks.get(document.uri));
    this.#blocks.set(document.uri, blocks);
    const analysis = analyzeDocument(document, tree, previous, true);
    this.#analyses.set(document.uri, analysis);
    this.#reusing.set(document.uri, previous ? reusing + 1 : 0);
    return analysis;
  };

  /**
   * Whether the document's last analysis was made from an earlier one. Records kept from earlier versions hold
   * strings sliced from those versions' texts (V8 keeps a slice's whole parent string alive), so each keystroke
   * leaves its whole text in memory until the document is analysed afresh.
   */
  reusesEarlierVersions(uri: string): boolean {
    return (this.#reusing.get(uri) ?? 0) > 0;
  }

  /** A fresh analysis of the document (the same records, none holding an earlier text): for when the editor is idle. */
  refresh = (document: SourceDocument): DocumentAnalysis => {
    this.forget(document.uri);
    return this.analyze(document);
  };

  forget(uri: string): void {
    this.#blocks.delete(uri);
    this.#analyses.delete(uri);
    this.#reusing.delete(uri);
  }
}
