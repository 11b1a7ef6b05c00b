import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Place } from '../types';
import { acronymAt } from './acronymAt';
import { acronymTable } from './acronymTable';

/**
 * Where the thing at `offset` is introduced: the introducing occurrence in the same document when it
 * has one, otherwise those in every other document. Empty when nothing there has a definition.
 */
export function definitionAt(index: WorkspaceIndex, uri: string, offset: number): Place[] {
  const document = index.get(uri);
  if (!document) return [];
  const hit = acronymAt(document, offset);
  if (!hit) return [];
  const definitions = acronymTable(index).definitions.get(hit.acronym) ?? [];
  const local = definitions.filter((d) => d.uri === uri).slice(0, 1);
  const chosen = local.length > 0 ? local : firstPerDocument(definitions);
  return chosen.map((d) => ({ uri: d.uri, span: d.expansionSpan.start < d.span.start ? { start: d.expansionSpan.start, end: d.span.end } : d.span }));
}

function firstPerDocument<T extends { uri: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.uri) && seen.add(item.uri));
}
