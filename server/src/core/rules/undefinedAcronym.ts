import { entityTable, type EntityMention, type EntityTable, type MentionList } from '../queries/entityTable';
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
    // What a document's messages depend on besides its own mentions: the facts of the never-expanded entities it
    // mentions (acronym, spellings, count) and the exempt keys. Not by entity id: a name added anywhere renumbers the
    // entities after it, which changes no message. The spellings say which keys the entity gathers, on which the
    // first use in each document depends.
    const facts = new Map<string, number[]>();
    for (const entity of table.entities) {
      if (isKnown(entity.id)) continue;
      const fact = `${entity.acronyms[0] ?? ''}\u0000${entity.aliases.join('\u0001')}\u0000${table.mentionTotal(entity.id)}`;
      const ids = facts.get(fact);
      if (ids) ids.push(entity.id);
      else facts.set(fact, [entity.id]);
    }
    // Per entity id, as typed arrays: whether it is known, and the number of the document (each `reportsOf` call) whose
    // first use of it was found. A set and a map lookup per mention cost ~35 ms of a keystroke that read every
    // document's acronym mentions (~100,000 on the benchmark).
    const knownById = new Uint8Array(table.entities.length);
    for (const entity of table.entities) knownById[entity.id] = known.get(entity.id) ? 1 : 0;
    const firstUseIn = new Int32Array(table.entities.length);
    let documentNumber = 0;
    const exempt = [...table.exempt].join('\u0000');
    const last = states.get(index);
    const changedMentions = last?.exempt === exempt ? table.mentionsChangedSince(last.build) : undefined;
    // The documents whose reports can differ from the last pass: those whose mentions are other arrays, and those
    // that mention an entity whose facts are not among the last pass's (or were and are gone), as it then read them.
    // A count that changes on a keystroke (a caption joined to a table) used to redo all 2,005 documents (~10 ms).
    let redo: Set<string> | undefined;
    if (changedMentions) {
      redo = new Set(changedMentions);
      // Facts held by as many entities as before are the same; otherwise the documents of every entity that has or had them.
      for (const [fact, ids] of facts) {
        const before = last!.facts.get(fact);
        if (before?.length === ids.length) continue;
        for (const id of ids) for (const [uri] of table.mentionCounts(id)) redo.add(uri);
        for (const list of before ?? []) for (const [uri] of list) redo.add(uri);
      }
      for (const [fact, counts] of last!.facts) if (!facts.has(fact)) for (const list of counts) for (const [uri] of list) redo.add(uri);
    }
    const reportsIn = (uri: string) => (index.get(uri) ? reportsOf(uri, table.acronymMentionsIn(uri)) : []);
    let reports: ReportsByDocument;
    if (redo) {
      reports = last!.reports;
      for (const uri of redo) reports.set(uri, reportsIn(uri));
    } else reports = ReportsByDocument.of(index.uris(), reportsIn);
    const countsByFact = new Map<string, MentionCounts[]>();
    for (const [fact, ids] of facts) countsByFact.set(fact, ids.map((id) => table.mentionCounts(id)));
    states.set(index, { build: table.build, exempt, facts: countsByFact, reports });
    return reports.all;

    /** A document's reports: the first use of each undefined acronym, in text order, with the entity's name and count. */
    function reportsOf(uri: string, mentions: MentionList): RuleReport[] {
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
 * Per index, as of the last pass: the entity table's build, the exempt keys, each never-expanded entity's facts with
 * the documents that mentioned it (and how often), and the reports by document and in URI order.
 */
const states = new WeakMap<WorkspaceIndex, { build: number; exempt: string; facts: ReadonlyMap<string, MentionCounts[]>; reports: ReportsByDocument }>();

/** An entity's mentions per document, as `EntityTable.mentionCounts` gives them. */
type MentionCounts = ReturnType<EntityTable['mentionCounts']>;

const reportsByMentions = new WeakMap<MentionList, { messages: string[]; reports: RuleReport[] }>();
