import type { Heading } from '../outline';
import type { Chapter } from './types';

/**
 * The outline with each chapter's title as a top-level heading. Plain-text volumes print chapter
 * titles as bare lines that the outline extractor may miss (a title ending in a colon, broken over
 * two lines, longer than a heading usually is) or keep at the depth of any bare line; the table of
 * contents tells which lines are chapters. Markdown headings the contents names stay as written.
 */
export function withChapterHeadings(outline: readonly Heading[], chapters: readonly Chapter[]): Heading[] {
  if (chapters.length === 0) return [...outline];
  // The chapter's opening ("Chapter 4", "By …") and its title are one heading, not several.
  const overlaps = (heading: Heading, chapter: Chapter) => heading.span.start <= chapter.titleSpan.end && chapter.span.start <= heading.span.end;
  const result = [...outline];
  for (const chapter of chapters) {
    if (outline.some((h) => h.style !== 'bare-line' && overlaps(h, chapter))) continue;
    for (let i = result.length - 1; i >= 0; i--) if (result[i]!.style === 'bare-line' && overlaps(result[i]!, chapter)) result.splice(i, 1);
    result.push({ kind: 'heading', text: chapter.title, depth: 1, span: chapter.titleSpan, style: 'contents' });
  }
  return result.sort((a, b) => a.span.start - b.span.start);
}
