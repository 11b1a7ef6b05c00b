import type { DocumentAnalysis } from '../document';
import { acronymDefinitionsIn, entityTable, type EntityMention } from '../queries/entityTable';
import type { RuleReport, WorkspaceRule } from './rule';

/**
 * `acronym-before-definition`: an acronym used earlier in a document than the place that document expands it.
 * Reported once per acronym and document, on the first early use, pointing at the expansion.
 * Example: "The TCOs grew. … Transnational Criminal Organizations (TCOs) …" reports the first "TCOs".
 */
export const acronymBeforeDefinition: WorkspaceRule = {
  id: 'acronym-before-definition',
  scope: 'workspace',
  defaultSeverity: 'hint',
  summary: 'An acronym is used before the document expands it.',
  check(index) {
    const table = entityTable(index);
    const reports: RuleReport[] = [];
    for (const document of index.documents()) {
      const mentions = table.mentionsIn(document.uri);
      if (mentions.length === 0) continue;
      // A document's reports depend on its own mentions and expansions only; its mention list is the same
      // object while neither its text nor the workspace's names changed.
      let cached = reportsByMentions.get(mentions);
      if (!cached) {
        cached = reportsFor(document, mentions, firstDefinitions(document));
        reportsByMentions.set(mentions, cached);
      }
      reports.push(...cached);
    }
    return reports;
  },
};

const reportsByMentions = new WeakMap<readonly EntityMention[], RuleReport[]>();

/**
 * The document's first expansion of each acronym, from its own definitions: collecting them from the workspace's
 * table cost ~70 ms per keystroke at 2,000 documents.
 */
function firstDefinitions(document: DocumentAnalysis): Map<string, { start: number; end: number }> {
  const first = new Map<string, { start: number; end: number }>();
  for (const { acronym, span } of acronymDefinitionsIn(document)) if (!first.has(acronym)) first.set(acronym, span);
  return first;
}

function reportsFor(document: DocumentAnalysis, mentions: readonly EntityMention[], firstDefinition: Map<string, { start: number; end: number }>): RuleReport[] {
  const reports: RuleReport[] = [];
  if (firstDefinition.size === 0) return reports;
  const reported = new Set<string>();
  for (const mention of mentions) {
    if (!mention.acronym) continue;
    const acronym = mention.surface.replace(/(?<=\p{Lu})s$/u, '');
    const definition = firstDefinition.get(acronym);
    if (!definition || mention.span.start >= definition.start || reported.has(acronym)) continue;
    reported.add(acronym);
    const line = document.lines.positionAt(definition.start).line + 1;
    reports.push({
      uri: document.uri,
      span: mention.span,
      message: `Unexpected use of “${acronym}” before its expansion on line ${line}, expected the expansion first.`,
      related: [{ uri: document.uri, span: definition, message: `“${acronym}” is expanded here` }],
    });
  }
  return reports;
}
