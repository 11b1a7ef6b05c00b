import { nameKey } from '../entities/names';
import { entityTable, type PlacedAcronymDefinition } from '../queries/entityTable';
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
    const reports: RuleReport[] = [];
    for (const [acronym, definitions] of table.acronymDefinitions) {
      // A list no document's change touched is the same array (entityTable.ts): its reports still hold.
      let made = reportsByList.get(definitions);
      if (!made) reportsByList.set(definitions, (made = reportsFor(acronym, definitions)));
      reports.push(...made);
    }
    return reports;
  },
};

const reportsByList = new WeakMap<readonly PlacedAcronymDefinition[], RuleReport[]>();

function reportsFor(acronym: string, definitions: readonly PlacedAcronymDefinition[]): RuleReport[] {
  const reports: RuleReport[] = [];
  const first = definitions[0]!;
  // A translated expansion ("National Migration Service (INM)") names the same thing in another language.
  const literal = definitions.filter((d) => !d.translated);
  const reference = literal[0] ?? first;
  for (const definition of literal) {
    if (definition === reference || !differ(definition.expansion, reference.expansion)) continue;
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
 * Whether an expansion differs from the reference one (`nameKey` and `sameName` both say they are different names),
 * remembered per pair of spellings: copies of a report expand one acronym alike hundreds of times (29,000 definitions
 * of 59 acronyms at 2,005 documents), and comparing the words of each cost ~40 ms per pass.
 */
function differ(expansion: string, reference: string): boolean {
  const pair = `${expansion}\u0000${reference}`;
  let result = differentExpansions.get(pair);
  if (result === undefined) {
    if (differentExpansions.size >= MAX_REMEMBERED) differentExpansions.clear();
    result = nameKey(expansion) !== nameKey(reference) && !sameName(expansion, reference);
    differentExpansions.set(pair, result);
  }
  return result;
}

// Pairs of spellings seen, bounded: typing an expansion makes a new spelling per keystroke.
const MAX_REMEMBERED = 10_000;
const differentExpansions = new Map<string, boolean>();

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
