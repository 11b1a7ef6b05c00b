import type { AcronymDefinition } from '../extract/acronyms';
import type { WorkspaceIndex } from '../index/workspaceIndex';

/** An acronym definition with the document it stands in. */
export interface PlacedAcronymDefinition extends AcronymDefinition {
  uri: string;
}

/** Every acronym definition in the workspace by acronym (in URI, then text order), and how often each acronym is used. */
export interface AcronymTable {
  definitions: Map<string, PlacedAcronymDefinition[]>;
  mentionCount: Map<string, number>;
}

/** The workspace's acronym table, cached in the index until the next change. */
export function acronymTable(index: WorkspaceIndex): AcronymTable {
  return index.derive('acronym-table', (idx) => {
    const definitions = new Map<string, PlacedAcronymDefinition[]>();
    const mentionCount = new Map<string, number>();
    for (const document of idx.documents()) {
      for (const definition of document.acronyms.definitions) {
        const list = definitions.get(definition.acronym) ?? [];
        list.push({ ...definition, uri: document.uri });
        definitions.set(definition.acronym, list);
      }
      for (const mention of document.acronyms.mentions) mentionCount.set(mention.acronym, (mentionCount.get(mention.acronym) ?? 0) + 1);
    }
    return { definitions, mentionCount };
  });
}
