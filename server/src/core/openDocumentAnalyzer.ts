import { analyzeDocument, type DocumentAnalysis } from './document';
import { parseIncrementally, type BlockTrees } from './incrementalParse';
import type { SourceDocument } from './types';

/**
 * Analyses the successive versions of the documents open in an editor, re-parsing only the blocks each
 * edit changed (see incrementalParse.ts). It keeps the block trees of open documents only: call `forget`
 * when one closes, so a large workspace does not hold every document's tree.
 */
export class OpenDocumentAnalyzer {
  readonly #blocks = new Map<string, BlockTrees>();

  analyze = (document: SourceDocument): DocumentAnalysis => {
    const { tree, blocks } = parseIncrementally(document.text, this.#blocks.get(document.uri));
    this.#blocks.set(document.uri, blocks);
    return analyzeDocument(document, tree);
  };

  forget(uri: string): void {
    this.#blocks.delete(uri);
  }
}
