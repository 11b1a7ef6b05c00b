import { nameKey } from '../entities/names';
import { pushTo } from '../collections';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { acronymDefinitionsIn, entityTable, type PlacedAcronymDefinition } from '../queries/entityTable';
import type { RuleReport, WorkspaceRule } from './rule';

/**
 * `conflicting-acronym-definition`: one acronym expanded two different ways in the workspace (spelling, case,
 * accents and hyphens aside). Reported at each definition that differs from the first one, with both as related places.
 * Example: "Consular Affairs (CA)" in one document and "Central America (CA)" in another. An expansion whose initials
 * do not spell the acronym is taken as a translation ("National Migration Service (INM)") and never conflicts.
 */
export const conflictingAcronymDefinition: WorkspaceRule = {
  id: 'conflicting-acronym-definition',
  scope: 'workspace',
  defaultSeverity: 'warning',
  summary: 'One acronym is expanded in two different ways.',
  check(index) {
    const table = entityTable(index);
    let state = states.get(index);
    if (!state) states.set(index, (state = { generation: -1, acronyms: new Map() }));
    // The documents changed since the last pass: an acronym's list changes with them, and only their reports can.
    const changes = index.changesSince(state.generation);
    state.generation = index.generation;
    const reports: RuleReport[] = [];
    const acronyms = new Map<string, AcronymReports>();
    // A changed document's definitions by acronym, grouped once for all the acronyms it defines.
    const owned = new Map<string, Map<string, PlacedAcronymDefinition[]>>();
    const ownDefinitions = (uri: string) => {
      let byAcronym = owned.get(uri);
      if (!byAcronym) {
        owned.set(uri, (byAcronym = new Map()));
        const document = index.get(uri);
        for (const definition of document ? acronymDefinitionsIn(document) : []) pushTo(byAcronym, definition.acronym, definition);
      }
      return byAcronym;
    };
    for (const [acronym, definitions] of table.acronymDefinitions) {
      const before = state.acronyms.get(acronym);
      // A list no document's change touched is the same array (entityTable.ts): its reports still hold.
      const now = before?.definitions === definitions ? before : changes && before ? updated(acronym, definitions, before, changes, ownDefinitions) : made(acronym, definitions);
      acronyms.set(acronym, now);
      reports.push(...now.reports);
    }
    state.acronyms = acronyms;
    return reports;
  },
};

/** An acronym's reports, as made from its list of definitions, by document. */
interface AcronymReports {
  definitions: readonly PlacedAcronymDefinition[];
  reference: PlacedAcronymDefinition;
  /** Only documents with reports, in URI order, each with its reports in text order. */
  byUri: Map<string, RuleReport[]>;
  reports: RuleReport[];
}

/** Per index: the generation of the last pass, and each acronym's reports then. */
const states = new WeakMap<WorkspaceIndex, { generation: number; acronyms: Map<string, AcronymReports> }>();

/** The reference: the first definition that is not a translation ("National Migration Service (INM)" names the same thing in another language). */
function referenceOf(definitions: readonly PlacedAcronymDefinition[]): PlacedAcronymDefinition {
  return definitions.find((d) => !d.translated) ?? definitions[0]!;
}

/** The reports of every definition of the list. */
function made(acronym: string, definitions: readonly PlacedAcronymDefinition[]): AcronymReports {
  const reference = referenceOf(definitions);
  const byUri = new Map<string, RuleReport[]>();
  for (const report of reportsAgainst(acronym, definitions, reference)) pushTo(byUri, report.uri, report);
  return { definitions, reference, byUri, reports: [...byUri.values()].flat() };
}

/**
 * The reports of a list that changed with the documents of `changes` only: while its reference stays the same
 * definition, the other documents' reports still hold, and those documents' definitions are compared alone (an
 * acronym that a large report defines has hundreds of definitions in the copies of it, one cache miss each).
 */
function updated(acronym: string, definitions: readonly PlacedAcronymDefinition[], before: AcronymReports, changes: ReadonlySet<string>, ownDefinitions: (uri: string) => ReadonlyMap<string, readonly PlacedAcronymDefinition[]>): AcronymReports {
  if (changes.size === 0) return made(acronym, definitions);
  // The changed documents' own definitions of the acronym.
  const owns = new Map<string, readonly PlacedAcronymDefinition[]>();
  for (const uri of changes) owns.set(uri, ownDefinitions(uri).get(acronym) ?? []);
  // The reference stays the same while its document did not change and no changed document before it defines the
  // acronym literally (the list is in URI order): no search of a list whose first definitions are translations.
  const kept = before.reference;
  const same = !kept.translated && !changes.has(kept.uri) && ![...owns].some(([uri, own]) => uri < kept.uri && own.some((d) => !d.translated));
  const reference = same ? kept : referenceOf(definitions);
  if (reference !== kept) return made(acronym, definitions);
  const byUri = new Map(before.byUri);
  for (const [uri, own] of owns) {
    const reports = reportsAgainst(acronym, own, reference);
    if (reports.length > 0) byUri.set(uri, reports);
    else byUri.delete(uri);
  }
  const sorted = new Map([...byUri].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { definitions, reference, byUri: sorted, reports: [...sorted.values()].flat() };
}

/** The reports on the definitions that expand the acronym otherwise than `reference`, in their order. */
function reportsAgainst(acronym: string, definitions: readonly PlacedAcronymDefinition[], reference: PlacedAcronymDefinition): RuleReport[] {
  const reports: RuleReport[] = [];
  // An acronym's list changes on every keystroke in a document defining it (hundreds of definitions each): the
  // verdicts on this reference's spellings are looked up by the other spelling alone, with no string made per definition.
  let verdicts = verdictsByReference.get(reference.expansion);
  if (!verdicts) {
    if (verdictsByReference.size >= MAX_REMEMBERED) verdictsByReference.clear();
    verdictsByReference.set(reference.expansion, (verdicts = new Map()));
  }
  for (const definition of definitions) {
    if (definition.translated || definition === reference) continue;
    let differs = verdicts.get(definition.expansion);
    if (differs === undefined) {
      if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
      verdicts.set(definition.expansion, (differs = differ(definition.expansion, reference.expansion)));
    }
    if (!differs) continue;
    reports.push({
      uri: definition.uri,
      span: definition.span,
      message: `Unexpected expansion of “${acronym}” as “${definition.expansion}”, expected “${reference.expansion}” as expanded before.`,
      related: [
        { uri: reference.uri, span: reference.span, message: `“${acronym}” expanded as “${reference.expansion}”` },
        { uri: definition.uri, span: definition.span, message: `“${acronym}” expanded as “${definition.expansion}”` },
      ],
    });
  }
  return reports;
}

/**
 * Whether an expansion names something else than the reference one: `nameKey` and `sameName` both say they differ.
 * Remembered per pair of spellings (`verdictsByReference`): copies of a report expand one acronym alike hundreds of
 * times (29,000 definitions of 59 acronyms at 2,005 documents), and comparing the words of each cost ~40 ms per pass.
 */
function differ(expansion: string, reference: string): boolean {
  return nameKey(expansion) !== nameKey(reference) && !sameName(expansion, reference);
}

// Reference spelling → other spelling → whether they differ; bounded, as typing an expansion makes a new spelling per keystroke.
const MAX_REMEMBERED = 10_000;
const verdictsByReference = new Map<string, Map<string, boolean>>();

/**
 * Whether two expansions name the same thing, written differently: "U.S.-Mexico-Canada Agreement" and
 * "United States-Mexico-Canada Trade Agreement", "North America Free Trade Agreement" and "North American …".
 * Words are compared on their first five letters; at least half of the shorter name's words must be in the longer.
 */
function sameName(a: string, b: string): boolean {
  const words = (s: string) => new Set(nameKey(s).replace(/\bus\b/g, 'united states').split(' ').filter((w) => !['of', 'the', 'for', 'and', 'de', 'del', 'la', 'y'].includes(w)).map((w) => w.slice(0, 5)));
  const [small, large] = [words(a), words(b)].sort((x, y) => x.size - y.size) as [Set<string>, Set<string>];
  const shared = [...small].filter((w) => large.has(w)).length;
  return shared * 2 >= small.size + (large.size - small.size > 2 ? 1 : 0) && shared > 0;
}
