import type { Nodes, Root, RootContent } from 'mdast';
import { movedOffset, type Previous, type TextChange } from '../../textChange';
import type { Heading } from '../outline';
import { previousLineStart } from '../../positions';
import type { Span } from '../../types';
import { clauseAround, contentWords, isSpanish, sentenceSpans } from './context';
import { walk } from '../walk';
import { intervalOf } from './interval';
import { noiseMask, remask, type NoiseMask } from './noise';
import { DATE_LOOKAHEAD, documentDateOf, nearestPeriod, periodMatches, relativePeriod, type PeriodMatch, type PeriodMention } from './periods';
import { scanFigures, type ScanOptions, type ScannedFigure } from './scanner';
import { isLabelCell, isNumberingColumn, isNumericCell, isTableOfContents, markdownTables, tabSeparatedTables, unitHints, type TableModel } from './tables';
import type { DocumentDate, Figure, FigureExtract, Period, TableContext } from './types';
import { countBefore } from '../../collections';
import { detachStrings } from '../../detached';

export type { Figure, FigureExtract } from './types';

const MAX_SUBJECT_WORDS = 24;

interface Context {
  text: string;
  masked: string;
  periods: PeriodMention[];
  headings: readonly Heading[];
  documentDate: DocumentDate | undefined;
  /** The words of each sentence, clause and header span read so far (figures share them). */
  words: Map<string, string[]>;
}

/** What the next version's extraction reuses: kept for the extracts of documents being edited (see `previous`). */
interface State {
  text: string;
  mask: NoiseMask;
  periods: PeriodMatch[];
  /** The mentions of `periods`. */
  mentions: PeriodMention[];
  /** How many times "pesos"/"MXN" and "USD"/"dollars" occur: what the document's meaning of "$" depends on. */
  money: [number, number];
  /** Where the top-level blocks of this version's tree are. */
  blocks: BlockPlaces;
  /** Every table's span, GFM and tab-separated, in no particular order. */
  tables: Span[];
  /** The figures before overlapping ones were dropped, in text order. */
  all: Figure[];
  headings: readonly Heading[];
}

const states = new WeakMap<FigureExtract, State>();

/**
 * Finds every statistic of a document (spec §1–3): text figures in paragraphs, headings, list items and
 * indented lines, and table figures in GFM tables and tab-separated lines (with their headers as context).
 * Noise — years used as dates, footnote markers, URLs, section and list numbers, page numbers of a table of
 * contents, phone numbers, codes such as "COVID-19" — is masked before scanning. Figures are in text order.
 *
 * Given the extract of the previous version (a document being edited), re-reads only the blocks around the change
 * and keeps the figures of the others (see `reextract`); the result is always the one a fresh extraction gives.
 * `editing`: the document is open in an editor, so keep what its next version's extraction reuses.
 */
export function extractFigures(
  tree: Root,
  text: string,
  headings: readonly Heading[],
  previous?: Previous<FigureExtract>,
  editing = previous !== undefined,
): FigureExtract {
  const state = previous && states.get(previous.extract);
  const reused = state && state.text === previous.text ? reextract(tree, text, headings, previous, state) : undefined;
  if (reused) return reused;
  return fullExtraction(tree, text, headings, editing);
}

function fullExtraction(tree: Root, text: string, headings: readonly Heading[], keep: boolean): FigureExtract {
  const mask = noiseMask(text);
  const masked = mask.masked;
  const documentDate = documentDateOf(text);
  const periods = periodMatches(text, 0, text.length);
  const mentions = mentionsOf(periods);
  const context: Context = { text, masked, periods: mentions, headings, documentDate, words: new Map() };
  const figures: Figure[] = [];
  const claimed: Span[] = [];
  const money = moneyWords(text, 0, text.length);
  const dollar = dollarOf(money);
  const tables = [...tabSeparatedTables(text), ...markdownTables(tree, text)];

  for (const table of tables) {
    if (claimed.some((span) => span.start <= table.span.start && table.span.end <= span.end)) continue;
    claimed.push(table.span);
    figures.push(...tableFigures(context, table, dollar));
  }
  const blankedMasked = blank(masked, claimed);
  walk(tree, textFigures(context, blankedMasked, dollar, figures));

  figures.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const result: FigureExtract = { figures: withoutOverlaps(figures) };
  if (documentDate) result.documentDate = documentDate;
  if (keep) states.set(result, { text, mask, periods, mentions, money, blocks: placesOf(tree.children), tables: tables.map((t) => t.span), all: figures, headings });
  return result;
}

/** The walker that reads the text figures of paragraphs, headings, HTML and plain code blocks into `figures`. */
function textFigures(context: Context, blankedMasked: string, dollar: string, figures: Figure[]): (node: Nodes) => 'skip' | undefined {
  const { text } = context;
  return (node) => {
    const type = node.type;
    if (type !== 'paragraph' && type !== 'heading' && type !== 'html' && !(type === 'code' && !(node as { lang?: string }).lang)) return undefined;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return 'skip';
    const blockText = text.slice(start, end);
    // Language and currency only matter where there are digits; most blocks of a report have none.
    const digits = /\d/.test(blockText);
    const options: ScanOptions = { spanish: digits && isSpanish(blockText), dollar: digits && /\bpesos\b/i.test(blockText) ? 'MXN' : dollar };
    let sentences: Span[] | undefined;
    for (const scanned of scanFigures(blankedMasked, text, start, end, options)) {
      sentences ??= sentenceSpans(text, start, end);
      const sentence = sentences.find((s) => s.start <= scanned.valueSpan.start && scanned.valueSpan.start < s.end) ?? { start, end };
      figures.push(buildFigure(context, scanned, sentence, 'text'));
    }
    return 'skip';
  };
}

const PESOS = /\bpesos\b|\bMXN\b/g;
const DOLLARS = /\bUSD\b|\bdollars\b/g;

/** How many of the words deciding what "$" means start in [from, to) of the whole `text`. */
function moneyWords(fullText: string, from: number, to: number): [number, number] {
  // A prefix bounds the scans (a word starting before `to` ends within 8 characters of it, its \b included).
  const text = to + 8 < fullText.length ? fullText.slice(0, to + 8) : fullText;
  const count = (pattern: RegExp) => {
    let n = 0;
    pattern.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) && m.index < to) n++;
    pattern.lastIndex = 0;
    return n;
  };
  return [count(PESOS), count(DOLLARS)];
}

/** A bare "$" means pesos in a document that names pesos and never dollars. */
function dollarOf([pesos, dollars]: [number, number]): string {
  return pesos > 0 && dollars === 0 ? 'MXN' : 'USD';
}

function mentionsOf(matches: readonly PeriodMatch[]): PeriodMention[] {
  const mentions: PeriodMention[] = [];
  for (const match of matches) if (match.mention) mentions.push(match.mention);
  return mentions;
}

/**
 * How many non-blank lines around the changed lines may have another noise mask: lookarounds reach two non-blank lines
 * forward ("9 of\n\nMarch") and two lines back ("2019 and\n20") — see `remask`. What a window's matches read: one more.
 */
const MASK_LINES = 2;
/** Period matches before the rescan read at most three more non-blank lines: starting four back, they read nothing changed. */
const PERIOD_LINES_BACK = 4;
/** What matches starting before a rescan's end read past it: four runs of non-space characters (see `periodMatches`). */
const PERIOD_READ_LINES = 4;

/**
 * The figures of `text` from those of its previous version: re-reads the top-level blocks around the change (the
 * changed lines, widened over the lines whose noise mask or period mentions the change can alter, then to whole
 * top-level blocks and over the tab-separated tables next to them), reads the tables in them again, keeps the figures
 * before them (the same objects) and moves the ones after them by the change's delta. Returns undefined — the caller
 * extracts everything — when the change may alter what the figures outside read: the document date, the meaning of
 * "$", a heading or its period, the blocks of the tree outside
 * the window (an opened code fence), or a noise match reaching across the window's edge.
 */
function reextract(tree: Root, text: string, headings: readonly Heading[], previous: Previous<FigureExtract>, state: State): FigureExtract | undefined {
  const { change } = previous;
  const old = previous.text;
  const { start, oldEnd, newEnd, delta } = change;

  // The document date is read from the opening only. Figures outside the window read its year (for "this year") and
  // whether a heading holds it, so it may move with the change.
  const move = (offset: number) => movedOffset(offset, change);
  const oldDate = previous.extract.documentDate;
  let documentDate = oldDate;
  if (start < DATE_LOOKAHEAD) {
    documentDate = documentDateOf(text);
    if (!sameDate(oldDate, documentDate, move)) return undefined;
  }

  // A money word ("\bdollars\b") that the change can make or break starts at most 8 characters before it, or right after it.
  const from = Math.max(0, start - 8);
  const removed = moneyWords(old, from, oldEnd + 1);
  const added = moneyWords(text, from, newEnd + 1);
  const money: [number, number] = [state.money[0] - removed[0] + added[0], state.money[1] - removed[1] + added[1]];
  const dollar = dollarOf(money);
  if (dollar !== dollarOf(state.money)) return undefined;

  const lineStart = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
  const newLineEnd = lineEndAt(text, newEnd);

  const maskStart = linesBack(text, lineStart, MASK_LINES);
  const maskEnd = linesForward(text, newLineEnd, MASK_LINES);
  const mask = remask(state.mask, text, delta, maskStart, maskEnd, linesForward(text, maskEnd, MASK_LINES + 1));
  if (!mask) return undefined;

  // Scanning on to the line after the change's, whose matches' lookbehinds (one character) read no changed text.
  const periodsUpdate = rescanPeriods(state.periods, text, change, linesBack(text, lineStart, PERIOD_LINES_BACK), linesForward(text, newLineEnd, 1));
  const periods = periodsUpdate.matches;

  // The blocks to re-read: those of the changed lines and of any stretch where the mask or the period mentions changed,
  // widened to whole top-level blocks of both versions (the blocks outside must be the same), and to whole lines with
  // the lines holding tabs next to them: a tab-separated table is a run of such lines, so none goes on across the
  // window's edges, whose lines without tabs are the same in both versions. Every table is then inside the window or
  // outside it in both versions (a GFM table is inside a top-level block).
  let windowStart = Math.min(lineStart, mask.changed![0], periodsUpdate.changed[0]);
  let windowEnd = Math.max(newLineEnd, mask.changed![1], periodsUpdate.changed[1]);
  const blocks = placesOf(tree.children);
  for (let settled = false; !settled; ) {
    settled = true;
    for (const [list, shift] of [[blocks, 0], [state.blocks, delta]] as const) {
      // The window is [windowStart, windowEnd - delta) in the previous text (it starts before the change).
      for (let b = firstBlockEndingAfter(list, windowStart), end = firstBlockStartingAtOrAfter(list, windowEnd - shift); b < end; b++) {
        const s = list.starts[b]!;
        const e = list.ends[b]! + shift;
        if (s < windowStart) (windowStart = s), (settled = false);
        if (e > windowEnd) (windowEnd = e), (settled = false);
      }
    }
    let lines = tabLinesBefore(text, lineStartAt(text, windowStart));
    if (lines !== windowStart) (windowStart = lines), (settled = false);
    lines = tabLinesAfter(text, lineEndAt(text, windowEnd));
    if (lines !== windowEnd) (windowEnd = lines), (settled = false);
  }
  const firstInside = firstBlockEndingAfter(blocks, windowStart);
  const afterInside = firstBlockStartingAtOrAfter(blocks, windowEnd);
  if (!sameBlocks(state.blocks, blocks, windowStart, windowEnd, delta, firstInside, afterInside)) return undefined;
  const oldWindowEnd = windowEnd - delta;
  const inside = tree.children.slice(firstInside, afterInside);

  // The tables outside are the previous version's (those after the window moved); those inside are read again, tab
  // tables first and then GFM ones, a table inside an earlier one's span skipped, as `fullExtraction` does: no table
  // outside holds one inside, or the other way round.
  const tables: Span[] = [];
  for (const span of state.tables) {
    if (span.end <= windowStart) tables.push(span);
    else if (span.start >= oldWindowEnd) tables.push({ start: span.start + delta, end: span.end + delta });
    else if (span.start < windowStart || span.end > oldWindowEnd) return undefined;
  }
  const windowTables = tabSeparatedTables(text, windowStart, windowEnd);
  for (const block of inside) markdownTables(block, text, windowTables);

  // Figures bind to the period of a heading above them: the headings and their periods must be the same.
  const mentions = mentionsOf(periods);
  if (!sameHeadings(state, headings, mentions, change, [windowStart, windowEnd], oldDate, documentDate)) return undefined;

  const context: Context = { text, masked: mask.masked, periods: mentions, headings, documentDate, words: new Map() };
  const fresh: Figure[] = [];
  const claimed: Span[] = [];
  for (const table of windowTables) {
    tables.push(table.span);
    if (claimed.some((span) => span.start <= table.span.start && table.span.end <= span.end)) continue;
    claimed.push(table.span);
    fresh.push(...tableFigures(context, table, dollar));
  }
  // The text figures read the masked text with the tables blanked out; in the window's blocks, only its own tables.
  const visit = textFigures(context, blank(mask.masked, claimed), dollar, fresh);
  for (const block of inside) walk(block, visit);
  // Sorted as `fullExtraction` sorts (stably, table figures pushed first): the figures outside start outside the window.
  fresh.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  const all: Figure[] = [];
  let i = 0;
  for (; i < state.all.length && state.all[i]!.span.start < windowStart; i++) all.push(state.all[i]!);
  all.push(...fresh);
  for (; i < state.all.length && state.all[i]!.span.start < oldWindowEnd; i++);
  for (; i < state.all.length; i++) {
    const moved = movedFigure(state.all[i]!, change);
    if (!moved) return undefined;
    all.push(moved);
  }

  // What this version read anew is kept for the next ones: it must not keep this version's text alive.
  detachStrings(fresh);
  detachStrings(periods.slice(periodsUpdate.fresh[0], periodsUpdate.fresh[1]));
  const result: FigureExtract = { figures: withoutOverlaps(all) };
  if (documentDate) result.documentDate = documentDate;
  states.set(result, { text, mask, periods, mentions, money, blocks, tables, all, headings });
  return result;
}

function lineStartAt(text: string, offset: number): number {
  return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the first of the lines holding a tab right before the line starting at `lineStart` (or `lineStart`). */
function tabLinesBefore(text: string, lineStart: number): number {
  for (let at = lineStart; at > 0; ) {
    const previous = previousLineStart(text, at);
    if (!text.slice(previous, at).includes('\t')) return at;
    at = previous;
  }
  return 0;
}

/** The end of the last of the lines holding a tab right after the line ending at `lineEnd` (or `lineEnd`). */
function tabLinesAfter(text: string, lineEnd: number): number {
  for (let at = lineEnd; at < text.length; ) {
    const next = lineEndAt(text, at + 1);
    if (!text.slice(at + 1, next).includes('\t')) return at;
    at = next;
  }
  return text.length;
}

function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function blankLine(text: string, start: number, end: number): boolean {
  return !/\S/.test(text.slice(start, end));
}

/** The start of the line `count` non-blank lines before the line starting at `lineStart` (whitespace-only lines between are skipped). */
function linesBack(text: string, lineStart: number, count: number): number {
  let at = lineStart;
  for (let i = 0; i < count && at > 0; i++) {
    do at = previousLineStart(text, at);
    while (at > 0 && blankLine(text, at, lineEndAt(text, at)));
  }
  return at;
}

/** The end of the line `count` non-blank lines after the line ending at `lineEnd`. */
function linesForward(text: string, lineEnd: number, count: number): number {
  let at = lineEnd;
  for (let i = 0; i < count && at < text.length; i++) {
    let next: number;
    do {
      next = lineEndAt(text, at + 1);
      const blank = blankLine(text, at + 1, next);
      at = next;
      if (!blank) break;
    } while (at < text.length);
  }
  return at;
}

interface PeriodsUpdate {
  matches: PeriodMatch[];
  /** The stretch of the new text holding the matches that are not the previous version's (moved); empty if none. */
  changed: [number, number];
  /** Where the rescanned matches are in `matches`: [first, after). */
  fresh: [number, number];
}

/**
 * The period matches of `text` from the previous version's: rescans from `from` (moved back to the start of a
 * previous match holding it, so that the scan is where a full scan would be) to `to` (moved on past any match,
 * old or new, holding it, so that from there both scans try the same positions of the same text).
 * Matches before `from` read nothing of the change: they and their lookarounds span at most four non-blank lines.
 */
function rescanPeriods(previous: readonly PeriodMatch[], text: string, change: TextChange, from: number, to: number): PeriodsUpdate {
  const { delta } = change;
  const holding = (matches: readonly PeriodMatch[], offset: number) => {
    const i = firstMatchEndingAfter(matches, offset);
    const match = matches[i];
    return match && match.start < offset ? match : undefined;
  };
  const before = holding(previous, from);
  if (before) from = before.start;
  let to2 = to;
  const scan = () => periodMatches(text, from, to2, linesForward(text, lineEndAt(text, to2), PERIOD_READ_LINES));
  let fresh = scan();
  for (;;) {
    const last = fresh[fresh.length - 1];
    const old = holding(previous, to2 - delta);
    const end = Math.max(last && last.end > to2 ? last.end : to2, old ? old.end + delta : to2);
    if (end === to2) break;
    to2 = end;
    fresh = scan();
  }
  const matches: PeriodMatch[] = [];
  let i = 0;
  for (; i < previous.length && previous[i]!.start < from; i++) matches.push(previous[i]!);
  const freshAt: [number, number] = [matches.length, matches.length + fresh.length];
  matches.push(...fresh);
  const replacedFrom = i;
  for (; i < previous.length && previous[i]!.start < to2 - delta; i++);
  const replaced = previous.slice(replacedFrom, i);
  // The rescanned matches that are not the replaced ones, moved.
  const same = (a: PeriodMatch, b: PeriodMatch, shift: number) =>
    a.start + shift === b.start && a.end + shift === b.end && sameMention(a.mention, b.mention, shift);
  let head = 0;
  while (head < fresh.length && head < replaced.length && replaced[head]!.end <= change.start && same(replaced[head]!, fresh[head]!, 0)) head++;
  let tail = 0;
  while (
    tail < fresh.length - head &&
    tail < replaced.length - head &&
    replaced[replaced.length - 1 - tail]!.start >= change.oldEnd &&
    same(replaced[replaced.length - 1 - tail]!, fresh[fresh.length - 1 - tail]!, delta)
  )
    tail++;
  const moved = (offset: number) => (offset <= change.start ? offset : offset >= change.oldEnd ? offset + delta : change.newEnd);
  let changedStart = Number.POSITIVE_INFINITY;
  let changedEnd = Number.NEGATIVE_INFINITY;
  for (const match of fresh.slice(head, fresh.length - tail)) (changedStart = Math.min(changedStart, match.start)), (changedEnd = Math.max(changedEnd, match.end));
  for (const match of replaced.slice(head, replaced.length - tail)) (changedStart = Math.min(changedStart, moved(match.start))), (changedEnd = Math.max(changedEnd, moved(match.end)));
  for (; i < previous.length; i++) {
    const { start, end, mention } = previous[i]!;
    matches.push({
      start: start + delta,
      end: end + delta,
      mention: mention && { ...mention, span: { start: mention.span.start + delta, end: mention.span.end + delta } },
    });
  }
  return { matches, changed: changedStart <= changedEnd ? [changedStart, changedEnd] : [change.start, change.start], fresh: freshAt };
}

function sameMention(a: PeriodMention | undefined, b: PeriodMention | undefined, shift: number): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.start === b.start && a.end === b.end && a.text === b.text && a.span.start + shift === b.span.start && a.span.end + shift === b.span.end;
}

function firstMatchEndingAfter(matches: readonly PeriodMatch[], offset: number): number {
  return countBefore(matches, (m) => m.end <= offset);
}

/**
 * The type and span of each top-level block, in text order. Copied out of the tree, not the tree's nodes: the next
 * version's incremental parse moves the nodes of unchanged blocks to their new places (incrementalParse.ts).
 */
interface BlockPlaces {
  types: string[];
  starts: Int32Array;
  ends: Int32Array;
}

function placesOf(blocks: readonly RootContent[]): BlockPlaces {
  const places: BlockPlaces = { types: new Array<string>(blocks.length), starts: new Int32Array(blocks.length), ends: new Int32Array(blocks.length) };
  blocks.forEach((block, b) => {
    places.types[b] = block.type;
    places.starts[b] = block.position!.start.offset!;
    places.ends[b] = block.position!.end.offset!;
  });
  return places;
}

function firstBlockEndingAfter(blocks: BlockPlaces, offset: number): number {
  return countBefore(blocks.ends, (end) => end <= offset);
}

function firstBlockStartingAtOrAfter(blocks: BlockPlaces, offset: number): number {
  return countBefore(blocks.starts, (start) => start < offset);
}

/**
 * Whether the top-level blocks outside the window are those of the previous version (after it, moved by `delta`):
 * same type and place. A block's subtree is then the same too, being parsed from the same lines.
 */
function sameBlocks(
  previous: BlockPlaces,
  blocks: BlockPlaces,
  windowStart: number,
  windowEnd: number,
  delta: number,
  firstInside: number,
  afterInside: number,
): boolean {
  const oldFirst = firstBlockEndingAfter(previous, windowStart);
  const oldAfter = firstBlockStartingAtOrAfter(previous, windowEnd - delta);
  const count = blocks.starts.length;
  if (oldFirst !== firstInside || previous.starts.length - oldAfter !== count - afterInside) return false;
  const same = (a: number, b: number, shift: number) =>
    previous.types[a] === blocks.types[b] && previous.starts[a]! + shift === blocks.starts[b] && previous.ends[a]! + shift === blocks.ends[b];
  for (let i = 0; i < firstInside; i++) if (!same(i, i, 0)) return false;
  for (let i = afterInside, j = oldAfter; i < count; i++, j++) if (!same(j, i, delta)) return false;
  return true;
}

/**
 * Whether the headings leave the period of every figure outside the window as it was. Figures bind to the period of a
 * heading above them (`headingPeriod`): a figure before the window sees only the headings before it, a figure after it
 * walks up through the headings between it and the window, then on up from the window's last heading. So the headings
 * outside the window must be the previous version's (same depth, place, own period, dateline or not), while those
 * inside may be made, unmade or changed (a short line typed between paragraphs of a plain-text report) as long as
 * each walk that reaches the window from below (`thresholds`) finds the same period above the window's end.
 */
function sameHeadings(
  state: State,
  headings: readonly Heading[],
  mentions: readonly PeriodMention[],
  change: TextChange,
  window: [number, number],
  oldDate: DocumentDate | undefined,
  date: DocumentDate | undefined,
): boolean {
  const before = state.headings;
  const [windowStart, windowEnd] = window;
  const oldWindowEnd = windowEnd - change.delta;
  // Headings are top-level blocks, and the window is made of whole blocks: each is before, inside or after it.
  const oldFirst = firstHeadingEndingAfter(before, windowStart);
  const newFirst = firstHeadingEndingAfter(headings, windowStart);
  const oldAfter = firstHeadingStartingAtOrAfter(before, oldWindowEnd);
  const newAfter = firstHeadingStartingAtOrAfter(headings, windowEnd);
  if (oldFirst !== newFirst || before.length - oldAfter !== headings.length - newAfter) return false;
  const inside = (list: readonly Heading[], from: number, to: number, end: number) =>
    list.slice(from, to).every((h) => h.span.start >= windowStart && h.span.end <= end);
  if (!inside(before, oldFirst, oldAfter, oldWindowEnd) || !inside(headings, newFirst, newAfter, windowEnd)) return false;
  const move = (offset: number) => movedOffset(offset, change);
  const same = (a: Heading, b: Heading, shift: number) =>
    a.depth === b.depth &&
    a.span.start + shift === b.span.start &&
    a.span.end + shift === b.span.end &&
    holdsDate(a, oldDate) === holdsDate(b, date) &&
    samePeriod(ownPeriod(a, state.mentions), ownPeriod(b, mentions), move);
  for (let i = 0; i < newFirst; i++) if (!same(before[i]!, headings[i]!, 0)) return false;
  for (let i = newAfter, j = oldAfter; i < headings.length; i++, j++) if (!same(before[j]!, headings[i]!, change.delta)) return false;
  if (oldFirst === oldAfter && newFirst === newAfter) return true;
  for (const depth of thresholds(headings.slice(newAfter), mentions, date)) {
    const a = periodAbove(before, oldAfter, depth, state.mentions, oldDate);
    const b = periodAbove(headings, newAfter, depth, mentions, date);
    if (!samePeriod(a, b, move)) return false;
  }
  return true;
}

/**
 * The depths below which the walks up from figures under `headings` (the headings after the window, in text order)
 * go on above them: a walk from a figure passes the chain of headings above it (each shallower than those after it)
 * and stops at one with a period of its own or of depth 1, unless it holds the document's dateline. Figures right
 * under the window walk on with no bound.
 */
function thresholds(headings: readonly Heading[], mentions: readonly PeriodMention[], date: DocumentDate | undefined): Set<number> {
  const depths = new Set<number>([Number.POSITIVE_INFINITY]);
  // The chain above a figure under the last heading pushed: depths increasing; whether each one stops a walk.
  const chain: { depth: number; stops: boolean }[] = [];
  let stoppers = 0;
  for (const heading of headings) {
    while (chain.length > 0 && chain[chain.length - 1]!.depth >= heading.depth) if (chain.pop()!.stops) stoppers--;
    const stops = !holdsDate(heading, date) && (heading.depth <= 1 || ownPeriod(heading, mentions) !== undefined);
    chain.push({ depth: heading.depth, stops });
    if (stops) stoppers++;
    if (stoppers === 0) depths.add(chain[0]!.depth);
  }
  return depths;
}

function holdsDate(heading: Heading, date: DocumentDate | undefined): boolean {
  return date !== undefined && heading.span.start <= date.span.start && date.span.end <= heading.span.end;
}

function firstHeadingEndingAfter(headings: readonly Heading[], offset: number): number {
  return countBefore(headings, (h) => h.span.end <= offset);
}

function firstHeadingStartingAtOrAfter(headings: readonly Heading[], offset: number): number {
  return countBefore(headings, (h) => h.span.start < offset);
}

/** Whether two periods are the same, `a`'s span moved with `move` (an offset in the change has no counterpart). */
function samePeriod(a: Period | undefined, b: Period | undefined, move: (offset: number) => number | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end || a.text !== b.text || a.binding !== b.binding) return false;
  if (!a.span || !b.span) return a.span === b.span;
  return move(a.span.start) === b.span.start && move(a.span.end) === b.span.end;
}

function sameDate(a: DocumentDate | undefined, b: DocumentDate | undefined, move: (offset: number) => number | undefined): boolean {
  if (!a || !b) return a === b;
  return a.year === b.year && a.month === b.month && a.day === b.day && a.text === b.text && move(a.span.start) === b.span.start && move(a.span.end) === b.span.end;
}

function ownPeriod(heading: Heading, mentions: readonly PeriodMention[]): Period | undefined {
  return nearestPeriod(mentionsIn(mentions, heading.span.start, heading.span.end), heading.span, { start: heading.span.end, end: heading.span.end }, 'heading');
}

/** A figure after the change, moved by its delta (a new object: the previous version's figures stay as they were). */
function movedFigure(figure: Figure, change: TextChange): Figure | undefined {
  const { delta, oldEnd } = change;
  const move = (span: Span) => ({ start: span.start + delta, end: span.end + delta });
  const moved: Figure = { ...figure, span: move(figure.span), valueSpan: move(figure.valueSpan), sentence: move(figure.sentence) };
  if (figure.hedge) moved.hedge = { ...figure.hedge, span: move(figure.hedge.span) };
  const period = figure.period?.span;
  if (period) {
    // The period of a heading above may lie before the change; nothing a figure binds to lies in it.
    if (period.start >= oldEnd) moved.period = { ...figure.period!, span: move(period) };
    else if (period.end > change.start) return undefined;
  }
  return moved;
}

function tableFigures(context: Context, table: TableModel, dollar: string): Figure[] {
  const { masked } = context;
  const cellText = (span: Span) => masked.slice(span.start, span.end);
  if (isTableOfContents(table.rows.map((row) => row.map((cell) => cellText(cell.span))))) return [];
  const header = table.rows[0] ?? [];
  const columns = Math.max(...table.rows.map((row) => row.length));
  const numbering = new Set<number>();
  for (let c = 0; c < columns; c++) {
    const values = table.rows.slice(1).map((row) => (row[c] ? cellText(row[c]!.span) : ''));
    if (isNumberingColumn(header[c] ? cellText(header[c]!.span) : '', values)) numbering.add(c);
  }
  const figures: Figure[] = [];
  for (const [r, row] of table.rows.entries()) {
    if (r === 0) continue;
    for (const [c, cell] of row.entries()) {
      if (numbering.has(c) || cell.text === '') continue;
      const raw = cellText(cell.span);
      const numeric = isNumericCell(raw);
      if (!numeric && isLabelCell(raw) && row.some((other) => other !== cell && isNumericCell(cellText(other.span)))) continue;
      const rowHeaderCell = row.slice(0, c).reverse().find((other, i) => !numbering.has(c - 1 - i) && isLabelCell(cellText(other.span)));
      const columnHeaderCell = header[c] && header[c]!.text !== '' ? header[c] : undefined;
      const tableContext: TableContext = { row: r, column: c };
      if (rowHeaderCell) tableContext.rowHeader = rowHeaderCell.text;
      if (columnHeaderCell) tableContext.columnHeader = columnHeaderCell.text;
      const headers = [columnHeaderCell?.text, rowHeaderCell?.text].filter((h): h is string => h !== undefined);
      const options: ScanOptions = { spanish: isSpanish(headers.join(' ')), dollar, hints: unitHints(headers, dollar), cell: numeric };
      for (const scanned of scanFigures(masked, context.text, cell.span.start, cell.span.end, options)) {
        const figure = buildFigure(context, scanned, cell.span, 'table', tableContext, { row: rowHeaderCell?.span, column: columnHeaderCell?.span, fiscal: /fiscal|FY/i.test(header[0]?.text ?? '') });
        figures.push(figure);
      }
    }
  }
  return figures;
}

function buildFigure(
  context: Context,
  scanned: ScannedFigure,
  sentence: Span,
  source: 'text' | 'table',
  table?: TableContext,
  headerSpans?: { row: Span | undefined; column: Span | undefined; fiscal: boolean },
): Figure {
  const { text } = context;
  const clause = source === 'text' ? clauseAround(text, sentence, scanned.valueSpan) : sentence;
  const period = bindPeriod(context, scanned, clause, sentence, headerSpans);
  const subject: string[] = [];
  const addWords = (span: Span) => contentWords(text, span, subject, new Set(subject), context.words);
  if (table?.rowHeader && headerSpans?.row) addWords(headerSpans.row);
  if (table?.columnHeader && headerSpans?.column) addWords(headerSpans.column);
  addWords(clause);
  if (subject.length < 6) addWords(sentence);
  const range = scanned.range && scanned.rangeSteps ? { low: scanned.range.low, high: scanned.range.high, steps: scanned.rangeSteps } : undefined;
  const figure: Figure = {
    kind: 'figure',
    span: scanned.span,
    valueSpan: scanned.valueSpan,
    text: text.slice(scanned.span.start, scanned.span.end),
    value: scanned.value,
    interval: intervalOf(scanned.value, scanned.step, scanned.hedge, range),
    step: scanned.step,
    unit: scanned.unit,
    subject: subject.slice(0, MAX_SUBJECT_WORDS),
    sentence,
    source,
  };
  if (scanned.scale) figure.scale = scanned.scale;
  if (scanned.hedge) figure.hedge = scanned.hedge;
  if (period) figure.period = period;
  if (scanned.counted) figure.counted = scanned.counted;
  if (scanned.change) figure.change = scanned.change;
  if (scanned.range) figure.range = scanned.range;
  if (table) figure.table = table;
  return figure;
}

const TRAILING_PERIOD = /^\s+(?:in|for|during|as of)\s+(?:the\s+)?(?:FY\s?|fiscal year\s+)?$/i;

/** Spec §3: the nearest period in the clause, then the sentence, then a relative period, the table headers, the heading. */
function bindPeriod(
  context: Context,
  figure: ScannedFigure,
  clause: Span,
  sentence: Span,
  headers?: { row: Span | undefined; column: Span | undefined; fiscal: boolean },
): Period | undefined {
  const mentions = mentionsIn(context.periods, sentence.start, sentence.end);
  const own = figure.valueSpan;
  // "from \$301.2 billion in 2020 to \$354.4 billion in 2023": a year right after the figure ("… in 2023") is its own,
  // even when the previous figure's year is nearer before it.
  const trailing = mentions.find((m) => m.span.start >= own.end && TRAILING_PERIOD.test(context.text.slice(own.end, m.span.start)));
  const found =
    (trailing && trailing.span.end <= clause.end ? nearestPeriod([trailing], clause, own, 'clause') : undefined) ??
    nearestPeriod(mentions, clause, own, 'clause') ??
    nearestPeriod(mentions, sentence, own, 'sentence') ??
    relativePeriod(context.text, sentence, context.documentDate);
  if (found) return found;
  if (headers?.row) {
    const row = nearestPeriod(mentionsIn(context.periods, headers.row.start, headers.row.end), headers.row, own, 'table-row');
    if (row) return headers.fiscal && row.kind === 'year' ? { ...row, kind: 'fiscal-year' } : row;
  }
  if (headers?.column) {
    const column = nearestPeriod(mentionsIn(context.periods, headers.column.start, headers.column.end), headers.column, own, 'table-column');
    if (column) return column;
  }
  return headingPeriod(context, own.start);
}

/** The period of the nearest heading above `offset`, or of its ancestors; the document's own dateline does not count. */
function headingPeriod(context: Context, offset: number): Period | undefined {
  const { headings } = context;
  return periodAbove(headings, firstHeadingStartingAtOrAfter(headings, offset + 1), Number.POSITIVE_INFINITY, context.periods, context.documentDate);
}

/**
 * The period a walk up from the heading before `count` finds: the nearest heading shallower than `depth`, then its
 * ancestors, until one has a period of its own (not the document's dateline) or is of depth 1.
 */
function periodAbove(
  headings: readonly Heading[],
  count: number,
  depth: number,
  mentions: readonly PeriodMention[],
  documentDate: DocumentDate | undefined,
): Period | undefined {
  for (let i = count - 1; i >= 0; i--) {
    const heading = headings[i]!;
    if (heading.depth >= depth) continue;
    depth = heading.depth;
    if (holdsDate(heading, documentDate)) continue;
    const found = ownPeriod(heading, mentions);
    if (found) return found;
    if (depth <= 1) break;
  }
  return undefined;
}

function mentionsIn(mentions: readonly PeriodMention[], start: number, end: number): PeriodMention[] {
  const low = countBefore(mentions, (m) => m.span.start < start);
  const result: PeriodMention[] = [];
  for (let i = low; i < mentions.length && mentions[i]!.span.start < end; i++) result.push(mentions[i]!);
  return result;
}

function blank(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += text.slice(at, span.start) + text.slice(span.start, span.end).replace(/[^\r\n]/g, ' ');
    at = span.end;
  }
  return out + text.slice(at);
}

/** Keeps the first of figures whose spans overlap (a table cell scanned as a paragraph too, say). */
function withoutOverlaps(figures: Figure[]): Figure[] {
  const kept: Figure[] = [];
  for (const figure of figures) {
    const last = kept[kept.length - 1];
    if (last && figure.span.start < last.span.end) continue;
    kept.push(figure);
  }
  return kept;
}
