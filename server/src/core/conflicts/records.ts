import { perDocument } from '../derived';
import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import type { Span } from '../types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { figuresOf } from './figuresOf';
import { periodLabel } from './periods';
import { keptSentence, sentenceGroups, statementReuseOf, statementsByQuantity, statementsOf, type Statement } from './statements';
import { IncrementalGroups } from '../index/incrementalGroups';
import { moves } from './moves';

/**
 * Records (spec §4): "X was a record (in year Y)" says X ≥ every value of that quantity for the periods up
 * to Y; a higher value of the same quantity (equal quantity keys) for an earlier period, in any document,
 * conflicts. The record's own period bounds the claim: "record encounters: 2.38 million in FY 22 & 2.48
 * million in FY 23" is two successive records, not a contradiction. An unbound record claim is bounded by
 * the document's stated date, and is not checked when the document states none.
 *
 * A record is read only when its sentence states exactly one comparable figure, so the record word cannot
 * belong to another figure; "record low", "track record", "criminal record" are not records of a high.
 */
export interface RecordClaim {
  statement: Statement;
  /** The last year the claim covers. */
  through: number;
}

/** A record claim and the statements of earlier periods that exceed it. */
export interface RecordConflict {
  record: RecordClaim;
  higher: Statement[];
  fingerprint: string;
}

const RECORD = /(?<![\p{L}])(?:record(?!\s+lows?\b)|highest ever|ever highest|all-time high|highest on record|highest recorded|historic(?:al)?\s+(?:high|peak|figure|level)s?|récord|máximo histórico)(?![\p{L}])/iu;
const NOT_A_RECORD = /(?<![\p{L}])(?:track|criminal|service|voting|public|court|police|medical|human rights|off the|for the|on the)\s+record(?![\p{L}])/iu;


/**
 * The record claims of a document, in text order; computed with the analysis (see derived.ts). A claim is read from
 * one sentence's text and statements and the document's year: an edited document's sentence whose statements are all
 * the last version's (`keptSentence`: read from untouched text) keeps that version's claims, with the new statements.
 */
export const recordClaimsOf = perDocument('record-claims', (document: DocumentAnalysis, previous?: PreviousAnalysis): RecordClaim[] => {
  const claims: RecordClaim[] = [];
  const documentYear = figuresOf(document).documentDate?.year;
  const statements = statementsOf(document);
  const kept = statementReuseOf(document, previous, 'record-claims');
  const reuse = kept && figuresOf(kept.reuse.previous).documentDate?.year === documentYear ? kept : undefined;
  const before = reuse && claimsByStatement(recordClaimsOf(reuse.reuse.previous));
  for (const group of sentenceGroups(statements)) {
    const from = reuse ? keptSentence(reuse, group) : undefined;
    if (from) {
      for (let i = 0; i < group.length; i++) {
        const claim = before!.get(reuse!.before[from[i]!]!);
        const statement = statements[group[i]!]!;
        if (claim) claims.push(claim.statement === statement ? claim : { statement, through: claim.through });
      }
      continue;
    }
    const inSentence = group.map((i) => statements[i]!);
    const claim = sentenceClaim(document, inSentence, inSentence[0]!.figure.sentence, documentYear);
    if (claim) claims.push(claim);
  }
  return claims;
});

/** The record claim of one sentence with statements, if it makes one. */
function sentenceClaim(document: DocumentAnalysis, inSentence: readonly Statement[], sentence: Span, documentYear: number | undefined): RecordClaim | undefined {
  const text = document.text.slice(sentence.start, sentence.end);
  if (!RECORD.test(text) || NOT_A_RECORD.test(text)) return undefined;
  const comparable = inSentence.filter((s) => s.key.comparable && !s.figure.change);
  if (comparable.length !== 1 || inSentence.length > 2) return undefined;
  const statement = comparable[0]!;
  const period = statement.figure.period ?? statement.restatement?.period;
  const through = period ? period.end : documentYear;
  if (through === undefined || statement.key.timeInvariant) return undefined;
  return { statement, through };
}

function claimsByStatement(claims: readonly RecordClaim[]): Map<Statement, RecordClaim> {
  const byStatement = new Map<Statement, RecordClaim>();
  for (const claim of claims) byStatement.set(claim.statement, claim);
  return byStatement;
}

/** Every record contradicted by a higher value of an earlier period, in a deterministic order; cached until the next change. */
export function workspaceRecordConflicts(index: WorkspaceIndex): RecordConflict[] {
  return index.derive('conflicts/records', (ix) => {
    let state = recordStates.get(ix);
    if (!state) recordStates.set(ix, (state = { records: new IncrementalGroups(recordClaimsOf, (r) => r.statement.key.id, (r) => r.statement.uri), conflicts: new Map(), moved: new Map(), generation: -1 }));
    state.moved = new Map();
    // The documents changed since the last pass: a quantity's statements can differ only in theirs.
    const documents = ix.changesSince(state.generation);
    state.generation = ix.generation;
    const changedRecords = state.records.updateFrom(ix);
    // Candidates by quantity: comparing each record with every statement of the workspace cost seconds per edit.
    const byQuantity = statementsByQuantity(ix);
    for (const [id, records] of state.records.groups) {
      const members = byQuantity.get(id) ?? [];
      const previous = state.conflicts.get(id);
      // A quantity whose records and statements are the same objects as last time keeps its result.
      if (previous && !changedRecords.has(id) && previous.members === members) continue;
      // One whose statements (and records) only moved in their documents keeps it too, moved (as in conflicts.ts).
      const moved = previous && moves(previous.members, members, undefined, documents);
      const claims = moved && movedClaims(previous.records, records, moved);
      if (previous && claims) {
        state.conflicts.set(id, { members, records, conflicts: previous.conflicts.map((conflict) => movedRecordConflict(conflict, claims, moved, state.moved)) });
        continue;
      }
      const candidates = byValueDescending(members);
      const conflicts = records.map((record) => recordConflict(record, candidates)).filter((c): c is RecordConflict => c !== null);
      state.conflicts.set(id, { members, records, conflicts });
    }
    for (const id of state.conflicts.keys()) if (!state.records.groups.has(id)) state.conflicts.delete(id);
    // URI, then text order of the records, as a pass over the documents would give.
    return [...state.conflicts.values()].flatMap((c) => c.conflicts).sort((a, b) => compareRecords(a.record, b.record));
  });
}

/** Per index: record claims grouped by quantity, and each quantity's conflicts with the records and statements they were found among. */
const recordStates = new WeakMap<
  WorkspaceIndex,
  {
    records: IncrementalGroups<RecordClaim>;
    conflicts: Map<string, { members: readonly Statement[]; records: readonly RecordClaim[]; conflicts: RecordConflict[] }>;
    /** The conflicts the last pass made by moving others' statements, for one pass (as in conflicts.ts). */
    moved: Map<RecordConflict, RecordConflictMove>;
    /** The index's generation at the last pass. */
    generation: number;
  }
>();

/** A record conflict made by moving the statements of another: the other, and the replaced statements (old → new). */
export interface RecordConflictMove {
  previous: RecordConflict;
  moved: ReadonlyMap<Statement, Statement>;
}

/** When the last `workspaceRecordConflicts` of `index` made `conflict` by moving statements of a conflict before it: that conflict and the replacements. */
export function recordConflictMove(index: WorkspaceIndex, conflict: RecordConflict): RecordConflictMove | undefined {
  return recordStates.get(index)?.moved.get(conflict);
}

/**
 * Old record claim → new one, when `now` is `old` with each claim kept or replaced by the claim of its statement's
 * replacement (`moved`) covering the same years; `undefined` otherwise.
 */
function movedClaims(old: readonly RecordClaim[], now: readonly RecordClaim[], moved: ReadonlyMap<Statement, Statement>): Map<RecordClaim, RecordClaim> | undefined {
  if (old.length !== now.length) return undefined;
  const claims = new Map<RecordClaim, RecordClaim>();
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = now[i]!;
    if (a === b) continue;
    if (a.through !== b.through || (moved.get(a.statement) ?? a.statement) !== b.statement) return undefined;
    claims.set(a, b);
  }
  return claims;
}

/**
 * The conflict `conflict` became when its quantity's statements and records only moved: the same record against the
 * same higher statements, replaced where they moved (the same conflict when none did). Whether a statement exceeds a
 * record depends on values and periods alone, and the higher ones are in the quantity's order, which a move keeps.
 */
function movedRecordConflict(conflict: RecordConflict, claims: ReadonlyMap<RecordClaim, RecordClaim>, moved: ReadonlyMap<Statement, Statement>, record: Map<RecordConflict, RecordConflictMove>): RecordConflict {
  const claim = claims.get(conflict.record) ?? conflict.record;
  if (claim === conflict.record && !conflict.higher.some((s) => moved.has(s))) return conflict;
  const result = { record: claim, higher: conflict.higher.map((s) => moved.get(s) ?? s), fingerprint: conflict.fingerprint };
  record.set(result, { previous: conflict, moved });
  return result;
}

function compareRecords(a: RecordClaim, b: RecordClaim): number {
  const x = a.statement;
  const y = b.statement;
  return x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.span.start - y.span.start;
}

/** A quantity's statements by the low end of their interval, highest first, each with its place in URI then text order. */
interface Candidates {
  byLow: readonly Statement[];
  position: ReadonlyMap<Statement, number>;
}

function byValueDescending(members: readonly Statement[]): Candidates {
  // A NaN bound never exceeds anything, and would leave the order undefined.
  const byLow = members.filter((s) => !Number.isNaN(s.interval.low)).sort((a, b) => b.interval.low - a.interval.low);
  return { byLow, position: new Map(members.map((s, i) => [s, i])) };
}

function recordConflict(record: RecordClaim, candidates: Candidates): RecordConflict | null {
  const r = record.statement;
  const recordPeriod = periodLabel(r.figure.period ?? r.restatement?.period);
  const higher: Statement[] = [];
  // Only statements at least as high as the record can exceed it: stop at the first lower one (copies of a report
  // put thousands of statements and hundreds of records in one quantity).
  for (const s of candidates.byLow) {
    if (s.interval.low < r.interval.high) break;
    if (!(s.interval.low > r.interval.high || !!s.interval.lowOpen)) continue;
    const period = s.figure.period ?? s.restatement?.period;
    if (!period || s === r || s.key.id !== r.key.id || !s.key.comparable || s.figure.change) continue;
    if (period.end <= record.through && periodLabel(period) !== recordPeriod) higher.push(s);
  }
  if (higher.length === 0) return null;
  higher.sort((a, b) => candidates.position.get(a)! - candidates.position.get(b)!);
  return { record, higher, fingerprint: JSON.stringify(['record', r.key.label, record.through, r.uri.slice(r.uri.lastIndexOf('/') + 1), r.figure.text, higher.map((s) => s.figure.text).sort()]) };
}
