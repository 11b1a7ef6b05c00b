import type { EntityKind } from '../entities/data';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../types';
import { entityTable } from './entityTable';

/**
 * The semantic token types the server announces, in legend order. Entity kinds come first; other layers
 * append their types at the end (never reorder: clients index tokens by position in this list).
 */
export const SEMANTIC_TOKEN_TYPES: readonly string[] = ['person', 'organization', 'agreement', 'program', 'place', 'event', 'entity', 'figure'];

/**
 * Modifiers, in legend order: `declaration` marks the introducing mention, `undefined` an acronym never expanded,
 * `hedged` a figure with a hedge ("nearly", "over", "about"), so approximate statistics read differently.
 */
export const SEMANTIC_TOKEN_MODIFIERS: readonly string[] = ['declaration', 'undefined', 'hedged'];

const FIGURE_TYPE = 7;
const HEDGED = 4;

/** One token: a span, its type's index in `SEMANTIC_TOKEN_TYPES`, and a modifier bit set. */
export interface SemanticToken {
  span: Span;
  type: number;
  modifiers: number;
}

const TYPE_OF: Record<EntityKind, number> = { person: 0, organization: 1, agreement: 2, program: 3, place: 4, event: 5, other: 6 };

/**
 * Every entity mention and every figure of a document as a semantic token, in text order. Tokens may not
 * overlap in LSP: where a figure and a name overlap, the one that starts first is kept.
 */
export function semanticTokens(index: WorkspaceIndex, uri: string): SemanticToken[] {
  const table = entityTable(index);
  const tokens: SemanticToken[] = [];
  for (const mention of table.mentionsIn(uri)) {
    const entity = table.entities[mention.entity]!;
    let modifiers = 0;
    const introduction = table.introductionIn(entity.id, uri);
    if (introduction && introduction.start <= mention.span.start && mention.span.end <= introduction.end) modifiers |= 1;
    if (mention.acronym && entity.kind === 'other' && entity.expansions.length === 0 && !table.exempt.has(mention.key)) modifiers |= 2;
    tokens.push({ span: mention.span, type: TYPE_OF[entity.kind], modifiers });
  }
  for (const figure of index.get(uri)?.figures.figures ?? []) {
    tokens.push({ span: figure.span, type: FIGURE_TYPE, modifiers: figure.hedge ? HEDGED : 0 });
  }
  tokens.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: SemanticToken[] = [];
  for (const token of tokens) {
    const last = kept[kept.length - 1];
    if (!last || token.span.start >= last.span.end) kept.push(token);
  }
  return kept;
}
