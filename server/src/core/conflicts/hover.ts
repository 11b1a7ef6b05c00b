import type { DocumentAnalysis } from '../document';
import { describeQuantityKey } from './quantityKey';
import { statementAt } from './statements';

/**
 * Markdown for the figure hover: the quantity key of the figure at `offset` and its period, so a reviewer
 * sees why two statements were (or were not) compared; `undefined` when no figure is there.
 * e.g. "Quantity: `length · border · Mexico–U.S. · km`  \n(does not change over time: compared across periods)".
 */
export function figureKeyHover(document: DocumentAnalysis, offset: number): string | undefined {
  const statement = statementAt(document, offset);
  if (!statement) return undefined;
  // The figure's own period is on the hover's Period line already; this says only how periods are compared.
  return describeQuantityKey(statement.key);
}
