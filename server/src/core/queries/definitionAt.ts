import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Place } from '../types';
import { queryLayers } from './layers';

/**
 * Where the thing at `offset` is introduced: the introducing occurrence in the same document when it
 * has one, otherwise those in every other document. Empty when nothing there has a definition.
 */
export function definitionAt(index: WorkspaceIndex, uri: string, offset: number): Place[] {
  const document = index.get(uri);
  if (!document) return [];
  for (const layer of queryLayers) {
    const places = layer.definitionAt?.(index, document, offset);
    if (places) return places;
  }
  return [];
}
