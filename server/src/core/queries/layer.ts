import type { DocumentAnalysis } from '../document';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Place, Span } from '../types';

/** Hover content: Markdown, and the span it explains. */
export interface HoverResult {
  span: Span;
  markdown: string;
}

/**
 * What one analysis layer (acronyms/entities, figures, references…) answers about a position.
 * Each method returns `undefined` when nothing of that layer is at `offset`, so the next layer is asked.
 */
export interface QueryLayer {
  name: string;
  hoverAt?(index: WorkspaceIndex, document: DocumentAnalysis, offset: number): HoverResult | undefined;
  /** Where the thing at `offset` is introduced; an empty list means "mine, but undefined". */
  definitionAt?(index: WorkspaceIndex, document: DocumentAnalysis, offset: number): Place[] | undefined;
  /** Every mention of the thing at `offset`, in URI then text order. */
  referencesTo?(index: WorkspaceIndex, document: DocumentAnalysis, offset: number): Place[] | undefined;
}
