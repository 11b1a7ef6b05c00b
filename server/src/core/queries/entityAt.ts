import type { DocumentAnalysis } from '../document';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { entityTable, type Entity, type EntityMention } from './entityTable';

/** The entity mentioned at `offset` (inclusive of both ends of the mention) with that mention, or `undefined`. */
export function entityAt(index: WorkspaceIndex, document: DocumentAnalysis, offset: number): { entity: Entity; mention: EntityMention } | undefined {
  const table = entityTable(index);
  const mentions = table.mentionsByUri.get(document.uri) ?? [];
  // Binary search: the last mention starting at or before the offset.
  let lo = 0;
  let hi = mentions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const mention = found >= 0 ? mentions[found] : undefined;
  if (!mention || offset > mention.span.end) return undefined;
  return { entity: table.entities[mention.entity]!, mention };
}
