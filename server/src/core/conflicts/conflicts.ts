import type { WorkspaceIndex } from '../index/workspaceIndex';
import { formatFigure, formatNumber } from './format';
import { overlaps } from './intervals';
import { periodLabel } from './periods';
import type { QuantityKey } from './quantityKey';
import { IncrementalGroups } from '../index/incrementalGroups';
import { statementsOf, type Statement } from './statements';
import { baseName } from '../queries/places';
import { pushTo } from '../collections';
import { moves, movedUris, withMoved } from './moves';

/**
 * Statements of one quantity for one period whose intervals do not overlap (spec §4, `conflicting-figure`).
 * `statements` is the connected group of disagreeing statements; `against` maps each to those it contradicts.
 */
export interface Conflict {
  key: QuantityKey;
  /** "2019", "FY 2022", or '' for an unbound or time-invariant quantity. */
  period: string;
  statements: Statement[];
  against: Map<Statement, Statement[]>;
  /** Identifies the conflict independently of positions: quantity, period, and each document's value. */
  fingerprint: string;
}

/**
 * Every conflict in the workspace, in a deterministic order (URI, then offset, of the first statement);
 * cached until the next change.
 */
export function workspaceConflicts(index: WorkspaceIndex): Conflict[] {
  return index.derive('conflicts/conflicts', (ix) => {
    const state = conflictStateOf(ix);
    // Only the groups a changed document is in are compared again.
    const changed = state.groups.updateFrom(ix);
    state.moved = new Map();
    // The documents changed since the last pass: a group's members can differ only in theirs.
    const documents = ix.changesSince(state.generation);
    state.generation = ix.generation;
    for (const id of changed) {
      const group = state.groups.groups.get(id);
      const before = state.members.get(id);
      if (group) state.members.set(id, group);
      else state.members.delete(id);
      // Statements that only moved (typing before them in their document) keep the group's conflicts, moved too.
      const moved = before && group ? moves(before, group, (s) => s.figure.sentence, documents) : undefined;
      const uris = moved && movedUris(moved);
      const conflicts = moved ? (state.conflicts.get(id) ?? []).map((conflict) => movedConflict(conflict, moved, uris!, state.moved)) : group && group.length >= 2 ? conflictsInGroup(group) : [];
      if (conflicts.length > 0) state.conflicts.set(id, conflicts);
      else state.conflicts.delete(id);
    }
    // The changed groups' conflicts are sorted and merged into the rest, still in order: sorting thousands of
    // conflicts by URI on every keystroke cost ~30 ms at 2,000 documents.
    const added = [...changed].flatMap((id) => (state.conflicts.get(id) ?? []).map((conflict) => ({ id, conflict }))).sort(conflictOrder);
    state.sorted = mergeSorted(state.sorted.filter(({ id }) => !changed.has(id)), added, conflictOrder);
    return state.sorted.map(({ conflict }) => conflict);
  });
}

/**
 * The conflict that `conflict` became when the statements of `moved` (old → new) moved in their documents, with
 * nothing else of its group changed: the same statements in the same order, opposed as before, with the moved ones
 * replaced. Its quantity, period and fingerprint do not depend on places. The same conflict when none of it moved.
 */
function movedConflict(conflict: Conflict, moved: ReadonlyMap<Statement, Statement>, uris: readonly string[], record: Map<Conflict, ConflictMove>): Conflict {
  const statements = withMoved(conflict.statements, moved, uris) as Statement[];
  if (statements === conflict.statements) return conflict;
  // Statements of one value share one list of opponents: replace in each list once.
  const lists = new Map<Statement[], Statement[]>();
  const against = new Map<Statement, Statement[]>();
  conflict.statements.forEach((s, i) => {
    const list = conflict.against.get(s)!;
    let now = lists.get(list);
    if (!now) lists.set(list, (now = withMoved(list, moved, uris) as Statement[]));
    against.set(statements[i]!, now);
  });
  const result: Conflict = { key: statements[0]!.key, period: conflict.period, statements, against, fingerprint: conflict.fingerprint };
  record.set(result, { previous: conflict, moved, uris, lists });
  return result;
}

/** A conflict made by moving the statements of another (`movedConflict`): the other, and the replacements (old → new). */
export interface ConflictMove {
  previous: Conflict;
  moved: ReadonlyMap<Statement, Statement>;
  /** The documents of the moved statements. */
  uris: readonly string[];
  /** Each list of opponents of the previous conflict → the list it became (the same list when none of it moved). */
  lists: ReadonlyMap<readonly Statement[], readonly Statement[]>;
}

/**
 * When the last `workspaceConflicts` of `index` made `conflict` by moving statements of a conflict before it, that
 * conflict and the replacements: what was made for the previous conflict holds, but for the moved statements' places.
 */
export function conflictMove(index: WorkspaceIndex, conflict: Conflict): ConflictMove | undefined {
  return conflictStates.get(index)?.moved.get(conflict);
}

interface PlacedConflict {
  /** The group the conflict is in. */
  id: string;
  conflict: Conflict;
}

/** URI then offset of the first statement; group ids break ties between groups, so the order never depends on past edits. */
function conflictOrder(a: PlacedConflict, b: PlacedConflict): number {
  return compare(a.conflict.statements[0]!, b.conflict.statements[0]!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Two sorted lists as one; on a tie, `a`'s item first. */
function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(order(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

/** Whether a statement is in one of the workspace's conflicts (as of `workspaceConflicts`). */
export function isInConflict(index: WorkspaceIndex, statement: Statement): boolean {
  workspaceConflicts(index);
  return conflictStateOf(index).conflicts.get(statement.group)?.some((conflict) => conflict.against.has(statement)) ?? false;
}

/**
 * Comparable statements grouped by quantity and period (`Statement.group`), each in URI then text order: the
 * groups conflicts are found in, as of the last `workspaceConflicts` (the Statistics view lists them).
 */
export function statementGroups(index: WorkspaceIndex): ReadonlyMap<string, readonly Statement[]> {
  workspaceConflicts(index);
  return conflictStateOf(index).groups.groups;
}

const conflictStates = new WeakMap<WorkspaceIndex, ConflictState>();

/** Per index: statements grouped by quantity and period, the conflicts of each group that has any, and all of them in order. */
interface ConflictState {
  groups: IncrementalGroups<Statement>;
  /** Each group's members when its conflicts were last found (or moved). */
  members: Map<string, readonly Statement[]>;
  conflicts: Map<string, Conflict[]>;
  sorted: PlacedConflict[];
  /** The conflicts the last pass made by moving others' statements (kept for one pass only, so none keeps a chain of old ones alive). */
  moved: Map<Conflict, ConflictMove>;
  /** The index's generation at the last pass. */
  generation: number;
}

function conflictStateOf(index: WorkspaceIndex): ConflictState {
  let state = conflictStates.get(index);
  if (!state) conflictStates.set(index, (state = { groups: new IncrementalGroups(statementsOf, (s) => (s.key.comparable ? s.group : undefined), (s) => s.uri), members: new Map(), conflicts: new Map(), sorted: [], moved: new Map(), generation: -1 }));
  return state;
}

/** The document name shown in messages: the last path segment of the URI (one definition, in places.ts). */
export const documentName = baseName;

/**
 * The conflicts within one group of statements of a quantity and period. Statements with equal intervals
 * (copies of one report state the same value many times) conflict with the same others, so intervals are
 * compared once per distinct pair of values, and statements of one value share one list of opponents.
 */
function conflictsInGroup(group: readonly Statement[]): Conflict[] {
  const classIndex = new Map<string, number>();
  const classes: { interval: Statement['interval']; members: Statement[] }[] = [];
  const classOf = new Map<Statement, number>();
  for (const statement of group) {
    const { low, high, lowOpen, highOpen } = statement.interval;
    const id = `${low}|${high}|${lowOpen ? 1 : 0}|${highOpen ? 1 : 0}`;
    let c = classIndex.get(id);
    if (c === undefined) {
      classIndex.set(id, (c = classes.length));
      classes.push({ interval: statement.interval, members: [] });
    }
    classes[c]!.members.push(statement);
    classOf.set(statement, c);
  }
  const opponents = classes.map(() => [] as number[]);
  for (let i = 0; i < classes.length; i++) {
    for (let j = i; j < classes.length; j++) {
      if (overlaps(classes[i]!.interval, classes[j]!.interval)) continue;
      opponents[i]!.push(j);
      if (j !== i) opponents[j]!.push(i);
    }
  }
  if (opponents.every((list) => list.length === 0)) return [];
  const position = new Map(group.map((s, n) => [s, n]));
  const inGroupOrder = (a: Statement, b: Statement) => position.get(a)! - position.get(b)!;
  const shared = opponents.map((list) => list.flatMap((c) => classes[c]!.members).sort(inGroupOrder));
  // Statements of one sentence never contradict each other ("from 1,200 to 2,000").
  const bySentence = new Map<string, Statement[]>();
  const sentenceOf = (s: Statement) => `${s.uri}|${s.figure.sentence.start}|${s.figure.sentence.end}`;
  for (const statement of group) pushTo(bySentence, sentenceOf(statement), statement);
  const against = new Map<Statement, Statement[]>();
  for (const statement of group) {
    const c = classOf.get(statement)!;
    if (opponents[c]!.length === 0) continue;
    const mates = bySentence.get(sentenceOf(statement))!;
    const excluded = (t: Statement) => t === statement || (mates.length > 1 && mates.includes(t));
    const list = shared[c]!.some(excluded) ? shared[c]!.filter((t) => !excluded(t)) : shared[c]!;
    if (list.length > 0) against.set(statement, list);
  }
  return components(group, against).map((component) => {
    const first = component[0]!;
    return {
      key: first.key,
      period: first.key.timeInvariant ? '' : periodLabel(first.figure.period ?? first.restatement?.period),
      statements: component,
      against: new Map(component.map((s) => [s, against.get(s)!])),
      fingerprint: fingerprintOf(first.key, component),
    };
  });
}

/** A statement normalised for messages: "3,201 km (1,990 mi)", "$101 billion". */
export function formatStatement(statement: Statement): string {
  let formatted = formattedStatements.get(statement);
  if (formatted === undefined) formattedStatements.set(statement, (formatted = formatStatementNow(statement)));
  return formatted;
}

// A statement in a conflict group is formatted once per other statement of the group: memoise.
const formattedStatements = new WeakMap<Statement, string>();

function formatStatementNow(statement: Statement): string {
  const { figure, restatement } = statement;
  if (!restatement) return formatFigure(figure, statement.perTime);
  // One statement in two units: the one in base units first, the other as written ("3,201 km (1,990 mi)").
  const [base, other] = figure.unit.factor === 1 || restatement.unit.factor !== 1 ? [figure, restatement] : [restatement, figure];
  const written = other.unit.factor !== 1 ? `${formatNumber(other.value / other.unit.factor)} ${other.unit.stated}` : formatFigure(other);
  return `${formatFigure(base, statement.perTime)} (${written})`;
}

/**
 * The quantity for people, capitalised: "Length of the U.S.–Mexico border", "Goods trade balance (U.S.–Mexico, 2019)".
 */
export function quantityName(key: QuantityKey, period: string): string {
  const places = displayPlaces(key.geography);
  let name: string;
  if ((key.measure === 'length' || key.measure === 'area') && key.subject) name = `${key.measure} of the ${places ? places + ' ' : ''}${key.subject}`;
  else if (key.share) name = `share of ${key.share.of} that is ${key.share.part}${places ? ` (${places})` : ''}`;
  else {
    const what = [key.scope, key.measure].filter((p) => p).join(' ');
    const counted = key.subject && key.subject !== key.measure ? key.subject : '';
    name = what && counted ? `${what}: “${counted}”` : what || `number of “${counted}”`;
    if (places) name += ` (${places})`;
  }
  const withPeriod = period ? (name.endsWith(')') ? `${name.slice(0, -1)}, ${period})` : `${name} (${period})`) : name;
  return withPeriod.charAt(0).toUpperCase() + withPeriod.slice(1);
}

/** "U.S.–Mexico": the U.S. first (the documents' usual order), then alphabetical. */
export function displayPlaces(places: readonly string[]): string {
  return [...places].sort((a, b) => (a === 'U.S.' ? -1 : b === 'U.S.' ? 1 : a < b ? -1 : a > b ? 1 : 0)).join('–');
}

function fingerprintOf(key: QuantityKey, statements: readonly Statement[]): string {
  const values = statements.map((s) => `${documentName(s.uri)}=${formatStatement(s)}`);
  return JSON.stringify(['conflicting-figure', key.label, periodLabel(statements[0]!.figure.period), [...new Set(values)].sort()]);
}

function components(group: readonly Statement[], against: Map<Statement, Statement[]>): Statement[][] {
  const seen = new Set<Statement>();
  const result: Statement[][] = [];
  for (const start of group) {
    if (seen.has(start) || !against.has(start)) continue;
    const component: Statement[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const s = stack.pop()!;
      component.push(s);
      for (const t of against.get(s) ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
    result.push(component.sort(compare));
  }
  return result;
}

function compare(a: Statement, b: Statement): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start;
}
