import { analyzeDocument, type DocumentAnalysis } from './document';
import { parseIncrementally, type BlockTrees } from './incrementalParse';
import type { SourceDocument } from './types';

/**
 * Analyses the successive versions of the documents open in an editor, re-parsing only the blocks each
 * edit changed (see incrementalParse.ts). It keeps the block trees and last analysis of open documents only:
 * call `forget` when one closes, so a large workspace does not hold every document's tree.
 *
 * However long an editing session, a document holds only a few whole texts: its current one and those of the
 * versions its extractors last read whole. What they read anew after an edit, and keep for later versions, is
 * detached from that version's text (see `detachStrings`): V8 keeps a slice's whole parent string alive, and a
 * keystroke's records sliced from its text used to keep every version's 359 KB text until a fresh analysis.
 */
export class OpenDocumentAnalyzer {
  readonly #blocks = new Map<string, BlockTrees>();
  /** Each open document's last analysis, whose records the next version's extractors reuse outside the change. */
  readonly #analyses = new Map<string, DocumentAnalysis>();

  analyze = (document: SourceDocument): DocumentAnalysis => {
    const previous = this.#analyses.get(document.uri);
    const { tree, blocks } = parseIncrementally(document.text, this.#blocks.get(document.uri));
    this.#blocks.set(document.uri, blocks);
    const analysis = analyzeDocument(document, tree, previous, true);
    this.#analyses.set(document.uri, analysis);
    return analysis;
  };

  forget(uri: string): void {
    this.#blocks.delete(uri);
    this.#analyses.delete(uri);
  }
}
