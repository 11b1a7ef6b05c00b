import type { DocumentAnalysis } from '../document';
import type { FigureExtract } from '../extract/figures/types';

/**
 * The figures the figures layer extracted from a document; an empty extract while the document has none
 * (or the layer is not wired into the analysis). The one place conflict detection reads them from.
 */
export function figuresOf(document: DocumentAnalysis): FigureExtract {
  const extract = (document as DocumentAnalysis & { figures?: FigureExtract }).figures;
  return extract ?? { figures: [] };
}
