import { entityTable, type EntityMention } from '../queries/entityTable';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { ReportsByDocument } from './reportsByDocument';
import type { RuleReport, WorkspaceRule } from './rule';

/**
 * `undefined-acronym`: an acronym used in a document that no document in the workspace expands.
 * Reported once per document, on its first use. Example: "HLED" with no "High-Level Economic Dialogue (HLED)"
 * anywhere gives "“HLED” is never expanded in the workspace". Not reported: acronyms merged with a name by an
 * alias or the glossary, acronyms everyone knows (GDP, COVID, U.S.), Roman numerals, state codes, lines written
 * all in capitals, and terms the glossary ignores.
 */
export const undefinedAcronym: WorkspaceRule = {
  id: 'undefined-acronym',
  scope: 'workspace',
  defaultSeverity: 'information',
  summary: 'An acronym is used but never expanded in any document of the workspace.',
  check(index) {
    const table = entityTable(index);
    // Known through an expansion, an alias of a name, or the glossary: not undefined. Once per entity, not per mention.
    const known = new Map<number, boolean>();
    const isKnown = (id: number): boolean => {
      let value = known.get(id);
      if (value === undefined) {
        const entity = table.entities[id]!;
        value = entity.expansions.length > 0 || entity.aliases.some((a) => !/^\p{Lu}[\p{Lu}\d&-]*s?$/u.test(a)) || entity.kind !== 'other';
        known.set(id, value);
      }
      return value;
    };
    // What every message depends on besides the document's own mentions: the never-expanded entities' acronyms, spellings
    // and counts. When these are as on the last pass, a document whose acronym mentions are unchanged keeps its reports
    // without its messages being written again (12,700 reports on 2,005 documents).
    // Not by entity id: a name added anywhere renumbers the entities after it, which changes no message. The spellings
    // say which keys the entity gathers, on which the first use in each document depends.
    const facts = table.entities.filter((e) => !isKnown(e.id)).map((e) => `${e.acronyms[0] ?? ''}\u0000${e.aliases.join('\u0001')}\u0000${table.mentionTotal(e.id)}`);
    // Per entity id, as typed arrays: whether it is known, and the number of the document (each `reportsOf` call) whose
    // first use of it was found. Other facts make every document's acronym mentions be read again (~100,000 on the
    // benchmark), and a Set and a Map lookup per mention cost ~35 ms of such a keystroke.
    const knownById = new Uint8Array(table.entities.length);
    for (const entity of table.entities) knownById[entity.id] = known.get(entity.id) ? 1 : 0;
    const firstUseIn = new Int32Array(table.entities.length);
    let documentNumber = 0;
    const signature = `${[...table.exempt].join('\u0000')}\n${facts.join('\n')}`;
    const last = states.get(index);
    const sameFacts = last?.signature === signature;
    // With the same facts, only documents whose mentions are other arrays than on the last pass can have other
    // reports: the others are not looked at (2,005 documents' acronym mentions).
    const changed = sameFacts ? table.mentionsChangedSince(last!.build) : undefined;
    const reportsIn = (uri: string) => (index.get(uri) ? reportsOf(uri, table.acronymMentionsIn(uri)) : []);
    let reports: ReportsByDocument;
    if (changed) {
      reports = last!.reports;
      for (const uri of changed) reports.set(uri, reportsIn(uri));
    } else reports = ReportsByDocument.of(index.uris(), reportsIn);
    states.set(index, { build: table.build, signature, reports });
    return reports.all;

    /** A document's reports: the first use of each undefined acronym, in text order, with the entity's name and count. */
    function reportsOf(uri: string, mentions: readonly EntityMention[]): RuleReport[] {
      const kept = sameFacts ? reportsByMentions.get(mentions) : undefined;
      if (kept) return kept.reports;
      const firsts: EntityMention[] = [];
      const stamp = ++documentNumber;
      for (const mention of mentions) {
        const id = mention.entity;
        if (firstUseIn[id] === stamp || knownById[id] === 1 || table.exempt.has(mention.key)) continue;
        firstUseIn[id] = stamp;
        firsts.push(mention);
      }
      if (firsts.length === 0) return [];
      const messages = firsts.map((mention) => {
        const entity = table.entities[mention.entity]!;
        const count = table.mentionTotal(entity.id);
        const acronym = entity.acronyms[0] ?? mention.surface;
        return `“${acronym}” is never expanded in the workspace (used ${count} time${count === 1 ? '' : 's'}); expected a definition such as “Long Name (${acronym})”.`;
      });
      // Reports are reused while the document's mentions and their messages are the same (most documents on an edit elsewhere).
      const cached = reportsByMentions.get(mentions);
      if (cached && cached.messages.length === messages.length && cached.messages.every((m, i) => m === messages[i])) return cached.reports;
      const made = firsts.map((mention, i) => ({ uri, span: mention.span, message: messages[i]! }));
      reportsByMentions.set(mentions, { messages, reports: made });
      return made;
    }
  },
};

/**
 * Per index: what every message depended on at the last pass besides the documents' own mentions (the never-expanded
 * entities' ids, names and counts, and the exempt keys), the entity table then, and the reports by document and in URI order.
 */
const states = new WeakMap<WorkspaceIndex, { signature: string; build: number; reports: ReportsByDocument }>();

const reportsByMentions = new WeakMap<readonly EntityMention[], { messages: string[]; reports: RuleReport[] }>();
