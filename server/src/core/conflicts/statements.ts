import { IncrementalGroups } from '../index/incrementalGroups';
import { perDocument } from '../derived';
import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import type { Figure, Interval } from '../extract/figures/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { previousLineStart } from '../positions';
import type { Span } from '../types';
import { figuresOf } from './figuresOf';
import { placeCountsOf } from './geography';
import { headingAbove, readsUntouched, reuseOf, sameFiguresIn, type Reuse } from './reuse';
import { union } from './intervals';
import { periodGroup } from './periods';
import { mainPlaces, perTimeOf, quantityKey, type KeyContext, type QuantityKey } from './quantityKey';

/**
 * One statement of a quantity: a figure with its quantity key, or a figure and its restatement in another
 * unit ("1990-mile border (3,201 km)"), which count as one statement whose interval is the union of both.
 */
export interface Statement {
  uri: string;
  figure: Figure;
  restatement?: Figure;
  key: QuantityKey;
  interval: Interval;
  /** The comparison group (quantity and period, spec §2–3): statements are compared only within one. */
  group: string;
  /** Time unit of a flow ("year", "minute"), when it is one. */
  perTime?: string;
  /** Where diagnostics go: the figure (its restatement, if any, follows it in parentheses). */
  span: Span;
}


// Between a figure and its parenthetical restatement: a few words, then "(" — "1990-mile border (".
const RESTATEMENT_GAP = /^[\s\p{L}*_-]{0,24}\(\s*(?:or\s+|about\s+|approx\.?\s+|~\s*)?$/u;

/**
 * The places a document is mostly about (`defaultGeographyOf`), cached per analysis: statements and rank
 * claims both need it, and counting place names over the whole text is a large part of an edit's cost.
 */
export const documentGeographyOf = perDocument('geography', (document: DocumentAnalysis, previous?: PreviousAnalysis): string[] =>
  mainPlaces(placeCountsOf(document, document.text, previous)),
);

/** The key context of a document: its text, figures, headings and main places. */
export function keyContextOf(document: DocumentAnalysis): KeyContext {
  return { text: document.text, figures: figuresOf(document).figures, headings: document.outline, defaultGeography: documentGeographyOf(document) };
}

/**
 * Every statement of a document, in text order; computed with the analysis (see derived.ts). An edited document's
 * statements whose reading the change cannot have altered are the last version's, moved (see `reusedStatement`).
 */
export const statementsOf = perDocument('statements', readStatements);

function readStatements(document: DocumentAnalysis, previous?: PreviousAnalysis): Statement[] {
  const statements: Statement[] = [];
  const context = keyContextOf(document);
  const figures = context.figures;
  const reuse = reuseOf(document, previous, 'statements');
  // The last version's statements by their figure; with the same main places only, which a key may take.
  const before = reuse && sameStrings(documentGeographyOf(reuse.previous), context.defaultGeography) ? statementsByFigure(statementsOf(reuse.previous)) : undefined;
  for (let i = 0; i < figures.length; i++) {
    const figure = figures[i]!;
    const next = figures[i + 1];
    const reused = before && reusedStatement(reuse!, before, i);
    if (reused) {
      statements.push(reused);
      if (reused.restatement) i++;
      continue;
    }
    const restatement = next && isRestatement(document.text, figure, next) ? next : undefined;
    if (restatement) i++;
    const key = quantityKey(figure, context);
    const interval = restatement ? union(figure.interval, restatement.interval) : figure.interval;
    const perTime = perTimeOf(figure, document.text);
    statements.push({
      uri: document.uri,
      figure,
      ...(restatement ? { restatement } : {}),
      key,
      interval,
      group: `${key.id}|${periodGroup(figure.period ?? restatement?.period, document.uri, key.timeInvariant)}`,
      ...(perTime ? { perTime } : {}),
      span: figure.span,
    });
  }
  return statements;
}

// How far around a figure its statement reads, beyond its sentence: the words before it that tell a note number or a
// part of a group (30 characters), the time unit after it (20), a place's possessive ending (2); with a margin.
const READS_BEFORE = 40;
const READS_AFTER = 40;

/**
 * The statement of the figure at `at` when the last version has it and nothing it was read from changed: the
 * figure (and its restatement) equal but for their places, the text it reads (its sentence, a little around it, and
 * for a table cell the lines up to the caption above the table) outside the change, the same figures in its
 * sentence (they bound its clauses' words), the same heading above it, and — checked by the caller — the same main places.
 * The last version's statement itself when its figures are the very same objects; else a copy holding the new ones.
 */
function reusedStatement(reuse: Reuse, before: ReadonlyMap<Figure, Statement>, at: number): Statement | undefined {
  const oldFigure = reuse.pairs[at];
  const old = oldFigure && before.get(oldFigure);
  if (!old) return undefined;
  const figures = figuresOf(reuse.document).figures;
  const figure = figures[at]!;
  const restatement = old.restatement ? figures[at + 1] : undefined;
  if (old.restatement && (!restatement || reuse.pairs[at + 1] !== old.restatement)) return undefined;
  // Whether the next figure restates this one reads it: it must be the last version's too when it could (same sentence).
  const next = figures[at + 1];
  if (!old.restatement && next && next.sentence.start === figure.sentence.start && !reuse.pairs[at + 1]) return undefined;
  const { text } = reuse.document;
  // Without a restatement, the next figure must still not be one; its gap is in the sentence (a restatement shares it).
  const sentence = figure.sentence;
  let start = Math.min(sentence.start, figure.span.start - READS_BEFORE);
  const end = Math.max(sentence.end, (restatement ?? figure).span.end) + READS_AFTER;
  if (figure.source === 'table') start = Math.min(start, captionLineStart(text, figure.span.start) - READS_BEFORE);
  if (!readsUntouched(reuse, start, end) || !sameFiguresIn(reuse, sentence, at)) return undefined;
  if (!reuse.sameHeadings && headingAbove(reuse.document.outline, figure.span.start)?.text !== headingAbove(reuse.previous.outline, oldFigure.span.start)?.text) return undefined;
  if (old.figure === figure && old.restatement === restatement) return old;
  return {
    uri: old.uri,
    figure,
    ...(restatement ? { restatement } : {}),
    key: old.key,
    interval: restatement ? union(figure.interval, restatement.interval) : figure.interval,
    group: old.group,
    ...(old.perTime ? { perTime: old.perTime } : {}),
    span: figure.span,
  };
}

/** Where the lines a table cell's key reads (`tableCaption` in quantityKey.ts: up to the caption line above the table) start. */
function captionLineStart(text: string, offset: number): number {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  while (lineStart > 0) {
    const previousStart = previousLineStart(text, lineStart);
    const line = text.slice(previousStart, lineStart - 1);
    if (line.trim() !== '' && !/\t|\|/.test(line.trim())) return previousStart;
    lineStart = previousStart;
  }
  return 0;
}

/**
 * What the values read from an edited document's statements may take from the last version: for each statement, the
 * index of the last version's statement it was kept from (same key object, so read from untouched text with the same
 * figures, heading and main places; see `reusedStatement`), or -1.
 */
export interface StatementReuse {
  reuse: Reuse;
  statements: readonly Statement[];
  before: readonly Statement[];
  kept: Int32Array;
}

/** The statement reuse of `document` for the value `name`, or `undefined` when the last version's value `name` was not computed. */
export function statementReuseOf(document: DocumentAnalysis, previous: PreviousAnalysis | undefined, name: string): StatementReuse | undefined {
  const reuse = reuseOf(document, previous, name);
  if (!reuse) return undefined;
  let result = statementReuses.get(reuse);
  if (result) return result;
  const statements = statementsOf(document);
  const before = statementsOf(reuse.previous);
  const figures = figuresOf(document).figures;
  const kept = new Int32Array(statements.length).fill(-1);
  let f = 0;
  let k = 0;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    while (f < figures.length && figures[f] !== statement.figure) f++;
    const pair = reuse.pairs[f];
    if (!pair) continue;
    while (k < before.length && before[k]!.figure.span.start < pair.span.start) k++;
    const old = before[k];
    if (old && old.figure === pair && old.key === statement.key) kept[i] = k;
  }
  result = { reuse, statements, before, kept };
  statementReuses.set(reuse, result);
  return result;
}

/** Keyed by the reuse, which lives only as long as the previous version it pairs with (see `reuses` in reuse.ts). */
const statementReuses = new WeakMap<Reuse, StatementReuse>();

/**
 * The statements of a document grouped by sentence (by its start), as indices in text order, groups in the order of
 * their first statement: the grouping of the sentence-local values (record claims, derivations).
 */
export function sentenceGroups(statements: readonly Statement[]): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < statements.length; i++) {
    const start = statements[i]!.figure.sentence.start;
    const group = groups.get(start);
    if (group) group.push(i);
    else groups.set(start, [i]);
  }
  return [...groups.values()];
}

/**
 * Whether the statements at `indices` of the document, one sentence's, are the last version's statements of that
 * sentence, every one kept, in order, and none more or fewer: a value read from a sentence's text and statements
 * alone is then the last version's, moved. Returns the last version's indices of them, or `undefined`.
 */
export function keptSentence(reuse: StatementReuse, indices: readonly number[]): number[] | undefined {
  const { kept, before } = reuse;
  const from = kept[indices[0]!]!;
  if (from < 0) return undefined;
  const old: number[] = [];
  for (let i = 0; i < indices.length; i++) {
    const k = kept[indices[i]!]!;
    if (k !== from + i || indices[i] !== indices[0]! + i) return undefined;
    old.push(k);
  }
  // None more: the last version's statements of the sentence are one run (statements are in text order), these.
  const sentence = before[from]!.figure.sentence.start;
  if (from > 0 && before[from - 1]!.figure.sentence.start === sentence) return undefined;
  const last = from + indices.length;
  if (last < before.length && before[last]!.figure.sentence.start === sentence) return undefined;
  return old;
}

function statementsByFigure(statements: readonly Statement[]): Map<Figure, Statement> {
  const byFigure = new Map<Figure, Statement>();
  for (const statement of statements) byFigure.set(statement.figure, statement);
  return byFigure;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Comparable statements by quantity key id, in URI then text order; valid until the next change (hover, records). */
export function statementsByQuantity(index: WorkspaceIndex): ReadonlyMap<string, readonly Statement[]> {
  return index.derive('conflicts/statements-by-quantity', (ix) => {
    let groups = quantityGroups.get(ix);
    if (!groups) quantityGroups.set(ix, (groups = new IncrementalGroups(statementsOf, (s) => (s.key.comparable ? s.key.id : undefined), (s) => s.uri)));
    groups.updateFrom(ix);
    return groups.groups;
  });
}

const quantityGroups = new WeakMap<WorkspaceIndex, IncrementalGroups<Statement>>();

/** The statement whose figure (or restatement) covers `offset`, if any. */
export function statementAt(document: DocumentAnalysis, offset: number): Statement | undefined {
  return statementsOf(document).find((s) => [s.figure, s.restatement].some((f) => f && f.span.start <= offset && offset <= f.span.end));
}

function isRestatement(text: string, figure: Figure, next: Figure): boolean {
  if (next.unit.dimension !== figure.unit.dimension || next.unit.stated === figure.unit.stated) return false;
  if (next.span.start < figure.span.end || next.sentence.start !== figure.sentence.start) return false;
  return RESTATEMENT_GAP.test(text.slice(figure.span.end, next.span.start));
}
