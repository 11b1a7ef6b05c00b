import type { DocumentAnalysis } from '../document';
import { periodLabel } from './periods';
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
  const period = statement.figure.period ?? statement.restatement?.period;
  const lines = [describeQuantityKey(statement.key)];
  lines.push(period ? `Period: ${periodLabel(period)} (from the ${period.binding.replace('-', ' ')})` : 'Period: none stated (compared only within this document)');
  return lines.join('  \n');
}
