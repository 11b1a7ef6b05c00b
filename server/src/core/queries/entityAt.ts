import { itemAt } from '../collections';
import type { DocumentAnalysis } from '../document';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { entityTable, type Entity, type EntityMention } from './entityTable';

/** The entity mentioned at `offset` (inclusive of both ends of the mention) with that mention, or `undefined`. */
export function entityAt(index: WorkspaceIndex, document: DocumentAnalysis, offset: number): { entity: Entity; mention: EntityMention } | undefined {
  const table = entityTable(index);
  const mentions = table.mentionsIn(document.uri);
  const mention = itemAt(mentions, offset);
  if (!mention) return undefined;
  return { entity: table.entities[mention.entity]!, mention };
}
