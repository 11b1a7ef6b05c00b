import type { DocumentAnalysis } from '../document';
import type { Heading } from '../extract/outline';
import type { EntityKind } from '../entities/data';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { entityTable } from './entityTable';
import type { Span } from '../types';

/** A node of a document's outline; `span` runs to the start of the next heading of the same or higher level. */
export interface OutlineSymbol {
  name: string;
  kind: 'heading';
  span: Span;
  selectionSpan: Span;
  children: OutlineSymbol[];
}

/** The document's outline as a tree of headings. */
export function documentSymbols(document: DocumentAnalysis): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const stack: { depth: number; symbol: OutlineSymbol }[] = [];
  const end = document.text.length;
  for (const heading of document.outline) {
    const symbol: OutlineSymbol = { name: heading.text, kind: 'heading', span: { start: heading.span.start, end }, selectionSpan: heading.span, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.depth) {
      stack.pop()!.symbol.span.end = lastNonSpaceBefore(document.text, heading.span.start);
    }
    (stack.length > 0 ? stack[stack.length - 1]!.symbol.children : roots).push(symbol);
    stack.push({ depth: heading.depth, symbol });
  }
  return roots;
}

/** A symbol found by a workspace search. */
export interface WorkspaceSymbol {
  name: string;
  kind: 'heading' | EntityKind;
  uri: string;
  span: Span;
  detail: string;
}

/**
 * Headings and entities whose name, acronym or alias contains every character of `query` in order (case-insensitive).
 * An entity is listed once per document that introduces it, at the introduction.
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const results: WorkspaceSymbol[] = [];
  const wanted = query.toLowerCase();
  for (const document of index.documents()) {
    for (const heading of document.outline as Heading[]) {
      if (matches(heading.text, wanted)) results.push({ name: heading.text, kind: 'heading', uri: document.uri, span: heading.span, detail: 'heading' });
    }
    if (results.length >= limit) break;
  }
  for (const entity of entityTable(index).entities) {
    if (results.length >= limit) break;
    if (![entity.name, ...entity.acronyms, ...entity.aliases].some((name) => matches(name, wanted))) continue;
    const detail = [entity.kind, ...entity.acronyms].join(' · ');
    for (const place of entity.introductions) results.push({ name: entity.name, kind: entity.kind, uri: place.uri, span: place.span, detail });
  }
  return results.slice(0, limit);
}

function matches(name: string, query: string): boolean {
  let at = 0;
  const lower = name.toLowerCase();
  for (const ch of query) {
    at = lower.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

function lastNonSpaceBefore(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}
