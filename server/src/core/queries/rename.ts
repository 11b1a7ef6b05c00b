import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../types';
import { entityAt } from './entityAt';
import { entityTable } from './entityTable';

/** One text replacement of a rename. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/**
 * What a rename at `offset` would rename: the mention's span and its current text, or `undefined` when no entity
 * is there. Plural acronyms rename their stem: in "TCOs" the span is "TCO".
 */
export function prepareRenameAt(index: WorkspaceIndex, uri: string, offset: number): { span: Span; placeholder: string } | undefined {
  const document = index.get(uri);
  const hit = document && entityAt(index, document, offset);
  if (!hit) return undefined;
  const span = stemSpan(hit.mention.surface, hit.mention.span, hit.mention.acronym);
  return { span, placeholder: document.text.slice(span.start, span.end) };
}

/**
 * The edits, per document URI (URI order), that rename the name under `offset` everywhere in the workspace: every
 * mention of the same entity written the same way (accents, case and plural aside). Renaming "TCO" leaves the
 * long name "Transnational Criminal Organizations" alone and keeps plurals ("TCOs" → "CTOs").
 * `undefined` when no entity is at `offset`.
 */
export function renameEdits(index: WorkspaceIndex, uri: string, offset: number, newName: string): Map<string, TextEdit[]> | undefined {
  const document = index.get(uri);
  const hit = document && entityAt(index, document, offset);
  if (!hit) return undefined;
  const edits = new Map<string, TextEdit[]>();
  for (const mention of entityTable(index).mentionsOf(hit.entity.id)) {
    if (mention.key !== hit.mention.key) continue;
    const list = edits.get(mention.uri) ?? [];
    list.push({ span: stemSpan(mention.surface, mention.span, mention.acronym), newText: newName });
    edits.set(mention.uri, list);
  }
  return edits;
}

function stemSpan(surface: string, span: Span, acronym: boolean): Span {
  return acronym && /\p{Lu}s$/u.test(surface) ? { start: span.start, end: span.end - 1 } : span;
}
