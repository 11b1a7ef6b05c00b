import type { DocumentAnalysis } from '../document';
import { itemAt } from '../collections';
import type { Figure } from '../extract/figures/types';

/** The figure whose span holds `offset` (both ends inclusive, so a cursor right after "14.4%" still finds it), or `undefined`. */
export function figureAt(document: DocumentAnalysis, offset: number): Figure | undefined {
  return itemAt(document.figures.figures, offset);
}
