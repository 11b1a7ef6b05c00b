import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Place } from '../types';
import { acronymAt } from './acronymAt';

/** Every mention, in every document (URI order, then text order), of the thing at `offset`. */
export function referencesTo(index: WorkspaceIndex, uri: string, offset: number): Place[] {
  const document = index.get(uri);
  if (!document) return [];
  const hit = acronymAt(document, offset);
  if (!hit) return [];
  const places: Place[] = [];
  for (const other of index.documents()) {
    for (const mention of other.acronyms.mentions) if (mention.acronym === hit.acronym) places.push({ uri: other.uri, span: mention.span });
  }
  return places;
}
