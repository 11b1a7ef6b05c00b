import type { DocumentAnalysis } from '../document';
import { acronymDefinitionsIn, entityTable, type MentionList } from '../queries/entityTable';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { ReportsByDocument } from './reportsByDocument';
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
    const last = states.get(index);
    // Documents whose mentions are the same arrays as on the last pass keep their reports: only the others are
    // looked at (the one being edited), not 2,005 documents' mention lists.
    const changed = last && table.mentionsChangedSince(last.build);
    const reportsIn = (uri: string) => {
      const document = index.get(uri);
      return document ? reportsOf(document, table.acronymMentionsIn(uri)) : [];
    };
    let reports: ReportsByDocument;
    if (changed) {
      reports = last.reports;
      for (const uri of changed) reports.set(uri, reportsIn(uri));
    } else reports = ReportsByDocument.of(index.uris(), reportsIn);
    states.set(index, { build: table.build, reports });
    return reports.all;
  },
};

/** Per index: the entity table the last pass read, and each document's reports then. */
const states = new WeakMap<WorkspaceIndex, { build: number; reports: ReportsByDocument }>();

/**
 * A document's reports depend on its own mentions by a bare acronym and its expansions only; the list of those
 * mentions is the same object while neither its text nor the acronyms among the workspace's names changed.
 */
function reportsOf(document: DocumentAnalysis, mentions: MentionList): RuleReport[] {
  if (mentions.length === 0) return [];
  let cached = reportsByMentions.get(mentions);
  if (!cached) {
    cached = reportsFor(document, mentions, firstDefinitions(document));
    reportsByMentions.set(mentions, cached);
  }
  return cached;
}

const reportsByMentions = new WeakMap<MentionList, RuleReport[]>();

/**
 * The document's first expansion of each acronym, from its own definitions: collecting them from the workspace's
 * table cost ~70 ms per keystroke at 2,000 documents.
 */
function firstDefinitions(document: DocumentAnalysis): Map<string, { start: number; end: number }> {
  const first = new Map<string, { start: number; end: number }>();
  for (const { acronym, span } of acronymDefinitionsIn(document)) if (!first.has(acronym)) first.set(acronym, span);
  return first;
}

function reportsFor(document: DocumentAnalysis, mentions: MentionList, firstDefinition: Map<string, { start: number; end: number }>): RuleReport[] {
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
