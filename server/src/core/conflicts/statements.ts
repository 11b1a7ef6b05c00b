import { IncrementalGroups } from '../index/incrementalGroups';
import { perDocument } from '../derived';
import type { DocumentAnalysis } from '../document';
import type { Figure, Interval } from '../extract/figures/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../types';
import { figuresOf } from './figuresOf';
import { union } from './intervals';
import { periodGroup } from './periods';
import { defaultGeographyOf, perTimeOf, quantityKey, type KeyContext, type QuantityKey } from './quantityKey';

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
export const documentGeographyOf = perDocument('geography', (document: DocumentAnalysis): string[] => defaultGeographyOf(document.text));

/** The key context of a document: its text, figures, headings and main places. */
export function keyContextOf(document: DocumentAnalysis): KeyContext {
  return { text: document.text, figures: figuresOf(document).figures, headings: document.outline, defaultGeography: documentGeographyOf(document) };
}

/** Every statement of a document, in text order; computed with the analysis (see derived.ts). */
export const statementsOf = perDocument('statements', (document: DocumentAnalysis): Statement[] => {
  const statements: Statement[] = [];
  const context = keyContextOf(document);
  const figures = context.figures;
  for (let i = 0; i < figures.length; i++) {
    const figure = figures[i]!;
    const next = figures[i + 1];
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
});


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
