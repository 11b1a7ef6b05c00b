import type { DocumentAnalysis } from '../document';
import type { Figure } from '../extract/figures/types';

/** The figure whose span holds `offset` (both ends inclusive, so a cursor right after "14.4%" still finds it), or `undefined`. */
export function figureAt(document: DocumentAnalysis, offset: number): Figure | undefined {
  const figures = document.figures.figures;
  // Binary search: the last figure starting at or before the offset (figures are in text order and do not overlap).
  let low = 0;
  let high = figures.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (figures[mid]!.span.start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  const figure = found >= 0 ? figures[found] : undefined;
  return figure && offset <= figure.span.end ? figure : undefined;
}
