import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import type { Figure } from '../extract/figures/types';
import type { Heading } from '../extract/outline';
import type { TextChange } from '../textChange';
import type { Span } from '../types';
import { figuresOf } from './figuresOf';
import { sameButPlaces } from './moves';
import { countBefore } from '../collections';

/**
 * What the per-document values of an edited document (statements, rank claims…) may take from its last version:
 * a value read from a stretch of text the change did not touch, with the same figures and headings around it, is
 * the one a fresh reading gives, moved. Each value says which stretch it reads (`readsUntouched`).
 */
export interface Reuse {
  document: DocumentAnalysis;
  previous: DocumentAnalysis;
  change: TextChange;
  /** For each figure of the document, the figure of the last version it is (equal but for its places, moved with the text), if any. */
  pairs: (Figure | undefined)[];
  /** Whether every heading is the last version's, moved with the text; if not, each reused value compares the headings it reads. */
  sameHeadings: boolean;
}

/** The reuse of `previous` for `document`, or `undefined` when nothing can be taken from it (the previous version's value `name` was not computed). */
export function reuseOf(document: DocumentAnalysis, previous: PreviousAnalysis | undefined, name: string): Reuse | undefined {
  if (!previous || !previous.document.derived || !(name in previous.document.derived)) return undefined;
  // Pairing the figures is the same work for every value of the document: done once per analysis.
  let byPrevious = reuses.get(document);
  if (!byPrevious) reuses.set(document, (byPrevious = new WeakMap()));
  const cached = byPrevious.get(previous.document);
  if (cached && cached.change === previous.change) return cached.reuse;
  const { change } = previous;
  const pairs = figurePairs(figuresOf(previous.document).figures, figuresOf(document).figures, change);
  const sameHeadings = sameMovedHeadings(previous.document.outline, document.outline, change);
  const reuse = pairs && { document, previous: previous.document, change, pairs, sameHeadings };
  byPrevious.set(previous.document, { change, reuse });
  return reuse;
}

/**
 * Per document, then per previous version (weakly: the reuse holds that version, and a document must not keep its
 * last version alive, or an open document edited N times would hold all N versions, ~4 MB each for the 359 KB seed).
 */
const reuses = new WeakMap<DocumentAnalysis, WeakMap<DocumentAnalysis, { change: TextChange; reuse: Reuse | undefined }>>();

/** A span of the new text (untouched by the change) as it was in the previous text, or the same object when it did not move. */
export function movedBack(span: Span, change: TextChange): Span {
  return span.end <= change.start || change.delta === 0 ? span : { start: span.start - change.delta, end: span.end - change.delta };
}

/** A span of the previous text (untouched by the change) where it is in the new text; the same object when it did not move. */
export function movedForward(span: Span, change: TextChange): Span {
  return span.end <= change.start || change.delta === 0 ? span : { start: span.start + change.delta, end: span.end + change.delta };
}

/**
 * The heading a figure's key reads (`headingWords` in quantityKey.ts): the last heading, of those starting at or
 * before `offset`, that ends at or before it. Typing a new paragraph makes and unmakes a bare-line heading with each
 * keystroke, so a figure's own heading is compared rather than every heading.
 */
export function headingAbove(headings: readonly Heading[], offset: number): Heading | undefined {
  let nearest: Heading | undefined;
  for (const heading of headings) {
    if (heading.span.start > offset) break;
    if (heading.span.end <= offset) nearest = heading;
  }
  return nearest;
}

/** Whether the stretch `[start, end)` of the new text (clamped to it) lies wholly before or after the change. */
export function readsUntouched(reuse: Reuse, start: number, end: number): boolean {
  return end <= reuse.change.start || start >= reuse.change.newEnd;
}

/** Where a span of the new text starting at `offset` (not inside the change) started in the previous text. */
export function oldStart(offset: number, change: TextChange): number {
  return offset >= change.newEnd ? offset - change.delta : offset;
}

/** The span of the previous text that `span` of the new one was (both ends outside the change, on one side of it). */
export function oldSpan(span: Span, change: TextChange): Span {
  return span.end <= change.start ? span : { start: span.start - change.delta, end: span.end - change.delta };
}

/** Whether `now` is `old` with every heading moved with the text (see `movedSpan`). */
export function sameMovedHeadings(old: readonly Heading[], now: readonly Heading[], change: TextChange): boolean {
  if (old.length !== now.length) return false;
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = now[i]!;
    if (a === b) continue;
    if (a.text !== b.text || a.depth !== b.depth || a.style !== b.style || !movedSpan(a.span, b.span, change)) return false;
  }
  return true;
}

/** Whether `now` is `old` moved with the text: both wholly before the change, or both wholly after it. */
function movedSpan(old: Span, now: Span, change: TextChange): boolean {
  if (old.end <= change.start) return now.start === old.start && now.end === old.end;
  return old.start >= change.oldEnd && now.start === old.start + change.delta && now.end === old.end + change.delta;
}

/**
 * Each new figure's counterpart in the old list: the figure at its place before the change whose every property
 * is equal but its places, and whose places (span, value span, sentence) are its own moved with the text.
 * `undefined` when either list is out of text order (pairing relies on it).
 */
function figurePairs(old: readonly Figure[], now: readonly Figure[], change: TextChange): (Figure | undefined)[] | undefined {
  if (!inTextOrder(old) || !inTextOrder(now)) return undefined;
  const pairs: (Figure | undefined)[] = new Array(now.length).fill(undefined);
  let j = 0;
  for (let i = 0; i < now.length; i++) {
    const figure = now[i]!;
    const { span } = figure;
    if (span.end > change.start && span.start < change.newEnd) continue;
    const start = oldStart(span.start, change);
    while (j < old.length && old[j]!.span.start < start) j++;
    const candidate = old[j];
    if (!candidate || candidate.span.start !== start) continue;
    if (candidate === figure || (movedSpan(candidate.span, figure.span, change) && movedSpan(candidate.valueSpan, figure.valueSpan, change) && movedSpan(candidate.sentence, figure.sentence, change) && sameButPlaces(candidate, figure))) {
      pairs[i] = candidate;
    }
  }
  return pairs;
}

function inTextOrder(figures: readonly Figure[]): boolean {
  for (let i = 1; i < figures.length; i++) if (!(figures[i - 1]!.span.start < figures[i]!.span.start)) return false;
  return true;
}

/**
 * Whether the figures whose start lies in `sentence` (of the new text, untouched by the change) are the old ones
 * there, moved: every one paired, and as many in the old sentence. `at` is the index of a figure in the sentence.
 */
export function sameFiguresIn(reuse: Reuse, sentence: Span, at: number): boolean {
  const now = figuresOf(reuse.document).figures;
  let first = at;
  while (first > 0 && now[first - 1]!.span.start >= sentence.start) first--;
  let end = at;
  while (end < now.length && now[end]!.span.start < sentence.end) end++;
  for (let i = first; i < end; i++) if (!reuse.pairs[i]) return false;
  const old = figuresOf(reuse.previous).figures;
  const { start, end: stop } = oldSpan(sentence, reuse.change);
  return countFrom(old, start, stop) === end - first;
}

/** How many figures of a list in text order start in `[start, end)`. */
function countFrom(figures: readonly Figure[], start: number, end: number): number {
  return lowerBound(figures, end) - lowerBound(figures, start);
}

function lowerBound(figures: readonly Figure[], offset: number): number {
  return countBefore(figures, (f) => f.span.start < offset);
}
