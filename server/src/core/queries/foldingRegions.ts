import type { DocumentAnalysis } from '../document';
import type { Span } from '../types';

/** A foldable region of a document. */
export interface FoldingRegion {
  kind: 'chapter' | 'notes' | 'table' | 'contents';
  /** From the region's first character to its last non-blank character. */
  span: Span;
}

/**
 * The regions an editor can fold: chapters, notes lists, tables under their caption, and the table
 * of contents; sorted by start, outer regions first. Regions within one line are left out.
 */
export function foldingRegions(document: DocumentAnalysis): FoldingRegion[] {
  const { chapters, noteLists, captions, toc } = document.references;
  const regions: FoldingRegion[] = [
    ...chapters.map((c) => ({ kind: 'chapter' as const, span: c.span })),
    ...noteLists.map((l) => ({ kind: 'notes' as const, span: l.span })),
    ...captions.filter((c) => c.captionKind === 'table').map((c) => ({ kind: 'table' as const, span: c.blockSpan })),
  ];
  if (toc.length > 1) regions.push({ kind: 'contents', span: { start: toc[0]!.span.start, end: toc.at(-1)!.span.end } });
  return regions
    .map((region) => ({ ...region, span: trimEnd(document.text, region.span) }))
    .filter((region) => document.lines.positionAt(region.span.end).line > document.lines.positionAt(region.span.start).line)
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: span.start, end };
}
