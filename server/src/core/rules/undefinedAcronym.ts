import { acronymTable } from '../queries/acronymTable';
import type { WorkspaceRule } from './rule';

/**
 * `undefined-acronym`: an acronym used in a document that no document in the workspace expands.
 * Reported once per document, on its first use. Example: "HLED" with no "High-Level Economic Dialogue (HLED)"
 * anywhere gives "“HLED” is never expanded in the workspace".
 */
export const undefinedAcronym: WorkspaceRule = {
  id: 'undefined-acronym',
  scope: 'workspace',
  defaultSeverity: 'information',
  summary: 'An acronym is used but never expanded in any document of the workspace.',
  check(index) {
    const table = acronymTable(index);
    const reports = [];
    for (const document of index.documents()) {
      const seen = new Set<string>();
      for (const mention of document.acronyms.mentions) {
        if (table.definitions.has(mention.acronym) || seen.has(mention.acronym)) continue;
        seen.add(mention.acronym);
        const count = table.mentionCount.get(mention.acronym) ?? 1;
        reports.push({
          uri: document.uri,
          span: mention.span,
          message: `“${mention.acronym}” is never expanded in the workspace (used ${count} time${count === 1 ? '' : 's'}); expected a definition such as “Long Name (${mention.acronym})”.`,
        });
      }
    }
    return reports;
  },
};
