import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Place } from '../types';
import { queryLayers } from './layers';

/** Every mention, in every document (URI order, then text order), of the thing at `offset`. */
export function referencesTo(index: WorkspaceIndex, uri: string, offset: number): Place[] {
  const document = index.get(uri);
  if (!document) return [];
  for (const layer of queryLayers) {
    const places = layer.referencesTo?.(index, document, offset);
    if (places) return places;
  }
  return [];
}
