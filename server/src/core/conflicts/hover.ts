import type { DocumentAnalysis } from '../document';
import { citationChecksOf } from './citations';
import { describeQuantityKey } from './quantityKey';
import { statementAt } from './statements';

/**
 * Markdown for the figure hover: the quantity key of the figure at `offset` and its period, so a reviewer
 * sees why two statements were (or were not) compared; `undefined` when no figure is there.
 * e.g. "Quantity: `length · border · Mexico–U.S. · km`  \n(does not change over time: compared across periods)".
 * A figure that cites a table also says which cells it was checked against:
 * "Cites Table 1 (Health indicators): Life expectancy at birth (years) × Mexico = 75.1 — does not agree".
 */
export function figureKeyHover(document: DocumentAnalysis, offset: number): string | undefined {
  const statement = statementAt(document, offset);
  if (!statement) return undefined;
  // The figure's own period is on the hover's Period line already; this says only how periods are compared.
  const key = describeQuantityKey(statement.key);
  const check = citationChecksOf(document).find((c) => c.figure.span.start === statement.figure.span.start);
  if (!check) return key;
  const cells = check.cells.map((c) => `${check.measure}${c.series ? ` × ${c.series}` : ''} = ${c.value}`).join('; ');
  return `${key}\n\nCites Table ${check.caption.number} (${check.caption.text}): ${cells} — ${check.agrees ? 'agrees' : 'does not agree'}`;
}
