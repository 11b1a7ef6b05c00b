import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { HoverResult } from './layer';
import { queryLayers } from './layers';

export type { HoverResult } from './layer';

/** The hover for `offset` in `uri`, or `undefined` when nothing there is known to the analysis. */
export function hoverAt(index: WorkspaceIndex, uri: string, offset: number): HoverResult | undefined {
  const document = index.get(uri);
  if (!document) return undefined;
  for (const layer of queryLayers) {
    const hover = layer.hoverAt?.(index, document, offset);
    if (hover) return hover;
  }
  return undefined;
}
