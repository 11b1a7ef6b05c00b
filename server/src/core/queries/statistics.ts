import { statementGroups, workspaceConflicts } from '../conflicts/conflicts';
import { periodLabel } from '../conflicts/periods';
import type { QuantityKey } from '../conflicts/quantityKey';
import { statementAt, type Statement } from '../conflicts/statements';
import type { WorkspaceIndex } from '../index/workspaceIndex';

/**
 * One quantity, for one period, stated more than once in the workspace: what the Statistics view lists,
 * the compare view plots and the "stated in N documents" CodeLens counts.
 */
export interface QuantityStatistics {
  /** The comparison group (quantity key id and period): stable across runs and edits elsewhere. */
  group: string;
  key: QuantityKey;
  /** "2019", "FY 2022", or '' when unbound or time-invariant. */
  period: string;
  /** Its statements, in URI then text order. */
  statements: readonly Statement[];
  /** How many documents state it. */
  documents: number;
  /** Some of its statements are part of a `conflicting-figure` conflict. */
  conflicting: boolean;
}

/**
 * Every comparable quantity stated at least twice, sorted by label then group; cached until the next change.
 * Statements never compared (a change, a target, an unbound figure of another document) are not grouped.
 */
export function statisticsOverview(index: WorkspaceIndex): QuantityStatistics[] {
  return index.derive('queries/statistics', (ix) => {
    const groups = statementGroups(ix);
    const conflicting = new Set(workspaceConflicts(ix).flatMap((conflict) => conflict.statements));
    const overview: QuantityStatistics[] = [];
    for (const [group, statements] of groups) {
      if (statements.length < 2) continue;
      const first = statements[0]!;
      overview.push({
        group,
        key: first.key,
        period: first.key.timeInvariant ? '' : periodLabel(first.figure.period ?? first.restatement?.period),
        statements,
        documents: new Set(statements.map((s) => s.uri)).size,
        conflicting: statements.some((s) => conflicting.has(s)),
      });
    }
    return overview.sort((a, b) => compareText(a.key.label, b.key.label) || compareText(a.group, b.group));
  });
}

/** The quantity stated by the figure at `offset` in `uri`, when it is stated at least twice in the workspace. */
export function quantityAt(index: WorkspaceIndex, uri: string, offset: number): QuantityStatistics | undefined {
  const document = index.get(uri);
  const statement = document && statementAt(document, offset);
  if (!statement) return undefined;
  return statisticsOverview(index).find((quantity) => quantity.group === statement.group);
}

/** The quantity of a comparison group, if it is stated at least twice. */
export function quantityOfGroup(index: WorkspaceIndex, group: string): QuantityStatistics | undefined {
  return statisticsOverview(index).find((quantity) => quantity.group === group);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
