import type { Span } from '../../types';
import { isBlank, type TextLine } from './lines';

// The start of a quoted treaty or statute article: "27.3.2. Each Party …", "Article 27.6: Application …".
const ARTICLE_START = /^\s*(?:(?:article|artículo|section)\s+\d+(?:\.\d+)*\b|\d+(?:\.\d+)+\.?\s)/i;

/**
 * The paragraphs holding quoted material whose own note markers the document does not reproduce:
 * Markdown block quotes, and articles of a treaty or law quoted after a paragraph that ends with a
 * colon ("… which must be investigated and duly sanctioned:" / "27.3.2. Each Party shall …").
 * Quotations inside running text are not detected: their markers are taken as the author's.
 */
export function findQuotedSpans(lines: readonly TextLine[]): Span[] {
  const spans: Span[] = [];
  let previousEndsWithColon = false;
  let inArticles = false;
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i]!)) continue;
    let last = i;
    while (last + 1 < lines.length && !isBlank(lines[last + 1]!)) last++;
    const first = lines[i]!.text;
    const quoted: boolean = /^\s*>/.test(first) || (ARTICLE_START.test(first) && (previousEndsWithColon || inArticles));
    inArticles = quoted && ARTICLE_START.test(first);
    if (quoted) spans.push({ start: lines[i]!.start, end: lines[last]!.end });
    // trimEnd drops what `\s` matches; `/:\s*$/` tried its `\s*$` after every colon of the line.
    previousEndsWithColon = lines[last]!.text.trimEnd().endsWith(':');
    i = last;
  }
  return spans;
}
