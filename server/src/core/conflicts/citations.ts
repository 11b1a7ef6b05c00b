import { countBefore } from '../collections';
import { perDocument } from '../derived';
import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import type { Figure, FigureUnit, Interval } from '../extract/figures/types';
import type { Caption, CrossReference } from '../extract/references/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { IncrementalGroups } from '../index/incrementalGroups';
import { baseName } from '../queries/places';
import type { Span } from '../types';
import { across, citedTablesOf, headerOf, indexOf, matchMeasure, namedSeries, namesOtherPlace, type CitedTable, type TableLine } from './citedTables';
import { figuresOf } from './figuresOf';
import { formatAmount, formatFigure, formatNumber } from './format';
import { overlaps, scale } from './intervals';
import { periodLabel } from './periods';
import { oldSpan, readsUntouched, reuseOf, type Reuse } from './reuse';
import { clausesOf } from './words';

/**
 * Citations of a table cell (spec §4): a figure in a sentence that cites a table ("see Table 1", "(See Table 2)",
 * "Table 1 shows …") must agree with the cell it cites.
 *
 * - The cited table is the one the sentence's reference resolves to; a sentence citing two tables, or a chart
 *   ("see Figure 2", a caption with no cells), is not checked.
 * - The cell's row is the one whose header names the figure's measure (`matchMeasure`: the figure's clause
 *   first, then its sentence; a strong, unambiguous word match or nothing). Its column is the one place (or year)
 *   the clause names — "In Mexico", "the average Canadian"; when the clause names none, those the sentence names;
 *   when it names none either, every cell of the row is a candidate. With "respectively", N figures take the N
 *   places named in order in the sentence, or in the previous sentence when this one names none.
 * - A cell whose row, column or caption is bound to another year than the figure's explicit year is not a
 *   candidate (different periods never conflict); an unbound cell is compared.
 * - Values are compared as intervals (spec §1) in compatible units only: a bare cell takes the figure's unit
 *   (years, percent, a rate) or the caption's ("billions of U.S. dollars"); percent never meets a rate per 1,000
 *   or a currency.
 * - A finding is raised only when no candidate cell agrees; two figures of one sentence that land on the same
 *   cells without "respectively" (a series over time) are not checked.
 */
export interface CitationCheck {
  uri: string;
  /** The citing figure. */
  figure: Figure;
  caption: Caption;
  /** The header of the matched row (or column): "Life expectancy at birth (years)". */
  measure: string;
  /** The candidate cells in a compatible unit, each with its series header ("Mexico", or '' in a one-cell line). */
  cells: { figure: Figure; series: string; value: string }[];
  /** True when some candidate cell agrees (their intervals touch or overlap). */
  agrees: boolean;
  /** The figure normalised for the message: "72.4 years", "$332.7 billion". */
  value: string;
  /** Identifies the finding independently of positions. */
  fingerprint: string;
}

/** A check that failed: no candidate cell agrees with the citing figure. */
export type CitationConflict = CitationCheck & { agrees: false };

/**
 * Every figure of a document checked against a cell it cites, agreeing or not, in text order; computed with the analysis
 * (see derived.ts). An edited document's sentence whose checks read nothing the change touched keeps the last version's (see `keptChecks`).
 */
export const citationChecksOf = perDocument('citation-checks', findCitationChecks);

/** Every figure of a document that disagrees with the table cell it cites, in text order. */
export function citationConflictsOf(document: DocumentAnalysis): CitationConflict[] {
  return citationChecksOf(document).filter((c): c is CitationConflict => !c.agrees);
}

/** The citation conflicts of every document, in URI then text order; cached until the next change. */
export function workspaceCitationConflicts(index: WorkspaceIndex): readonly CitationConflict[] {
  return index.derive('conflicts/citations', (ix) => {
    // One group of every document's conflicts, kept up to date from the documents that changed: collecting them
    // from 2,000 documents' checks on every keystroke cost a few milliseconds of cache misses.
    let all = citationGroups.get(ix);
    if (!all) citationGroups.set(ix, (all = new IncrementalGroups(citationConflictsOf, () => '', (c) => c.uri)));
    all.updateFrom(ix);
    return all.groups.get('') ?? [];
  });
}

const citationGroups = new WeakMap<WorkspaceIndex, IncrementalGroups<CitationConflict>>();

/** A figure of a citing sentence, with the measure its context names. */
interface Citing {
  figure: Figure;
  line: TableLine;
  /** Series headers named for this figure; empty when none is named (every cell is a candidate). */
  series: string[];
  /** Set for figures of a "respectively" list: the one series mapped to this figure. */
  mapped?: string;
}

function findCitationChecks(document: DocumentAnalysis, previous?: PreviousAnalysis): CitationCheck[] {
  const tables = citedTablesOf(document);
  if (tables.size === 0) return [];
  const references = document.references.crossReferences.filter((r) => r.target && tables.has(r.target.start) && tables.get(r.target.start)!.caption.blockSpan.end === r.target.end);
  if (references.length === 0) return [];
  const all = figuresOf(document).figures;
  // Indices into the document's figures, which pair them with the last version's (`Reuse.pairs`).
  const bySentence = new Map<number, number[]>();
  for (let i = 0; i < all.length; i++) {
    const figure = all[i]!;
    if (figure.source !== 'text') continue;
    const list = bySentence.get(figure.sentence.start);
    if (list) list.push(i);
    else bySentence.set(figure.sentence.start, [i]);
  }
  const reuse = reuseOf(document, previous, 'citation-checks');
  const before = reuse && checkedSentences.get(reuse.previous);
  const checked = new Map<number, CheckedSentence>();
  const checks: CitationCheck[] = [];
  for (const indices of bySentence.values()) {
    const figures = indices.map((i) => all[i]!);
    const sentence = figures[0]!.sentence;
    const cites = references.filter((r) => sentence.start <= r.span.start && r.span.end <= sentence.end);
    const targets = new Set(cites.map((r) => r.target!.start));
    if (targets.size !== 1) continue;
    const table = tables.get([...targets][0]!)!;
    const reads = readSpan(document.text, sentence, figures);
    const found = (before && keptChecks(reuse!, before, indices, figures, cites, table, reads)) ?? checkSentence(document, table, figures, sentence, cites);
    checked.set(sentence.start, { figures, cites, table, reads, checks: found });
    checks.push(...found);
  }
  checkedSentences.set(document, checked);
  return checks;
}

/** A sentence citing one table, as checked: what its checks were read from, for the next version to compare. */
interface CheckedSentence {
  /** Its text figures, in text order. */
  figures: readonly Figure[];
  /** Its references to the table. */
  cites: readonly CrossReference[];
  table: CitedTable;
  /** The stretch of text its checks read (`readSpan`). */
  reads: Span;
  checks: CitationCheck[];
}

/** Per analysis, its checked sentences by their start (only those that cite exactly one table). */
const checkedSentences = new WeakMap<DocumentAnalysis, Map<number, CheckedSentence>>();

// How far around a figure `isDenominator` (6 characters before it) and `isDifference` (20 before, 40 after) read.
const READS_BEFORE = 20;
const READS_AFTER = 40;

/**
 * The stretch of text a sentence's checks read: the sentence, the words just around its figures, and with "respectively"
 * the paragraph before it, from its blank line (`previousSentence`), or from the start of the text when there is none.
 */
function readSpan(text: string, sentence: Span, figures: readonly Figure[]): Span {
  let start = Math.min(sentence.start, figures[0]!.span.start - READS_BEFORE);
  let end = sentence.end;
  for (const figure of figures) end = Math.max(end, figure.sentence.end, figure.span.end + READS_AFTER);
  if (/\brespectively\b/i.test(text.slice(sentence.start, sentence.end))) start = Math.min(start, Math.max(0, text.lastIndexOf('\n\n', sentence.start - 1)));
  return { start, end };
}

/**
 * The last version's checks of a sentence when nothing they were read from changed, else `undefined`: the text they
 * read the same and outside the change (the same stretch, moved), the same figures in the sentence (each paired with
 * the last version's, equal but for its places), the same references, and a table with the same caption and cells.
 * Checks are the same objects when every record they hold is; else copies holding the new figures and caption.
 */
function keptChecks(
  reuse: Reuse,
  before: ReadonlyMap<number, CheckedSentence>,
  indices: readonly number[],
  figures: readonly Figure[],
  cites: readonly CrossReference[],
  table: CitedTable,
  reads: Span,
): CitationCheck[] | undefined {
  const { change } = reuse;
  if (!readsUntouched(reuse, reads.start, reads.end)) return undefined;
  const was = oldSpan(reads, change);
  const old = before.get(oldSpan(figures[0]!.sentence, change).start);
  if (!old || old.reads.start !== was.start || old.reads.end !== was.end) return undefined;
  if (old.figures.length !== indices.length || indices.some((i, k) => reuse.pairs[i] !== old.figures[k])) return undefined;
  if (old.cites.length !== cites.length || cites.some((c, k) => !sameSpan(oldSpan(c.span, change), old.cites[k]!.span))) return undefined;
  if (!sameTable(reuse, old.table, table)) return undefined;
  let same = true;
  const checks = old.checks.map((check) => {
    const figure = figures[old.figures.indexOf(check.figure)]!;
    const cells = check.cells.map((cell) => {
      const now = table.cells[old.table.cells.indexOf(cell.figure)]!;
      return now === cell.figure ? cell : { ...cell, figure: now };
    });
    if (figure === check.figure && table.caption === check.caption && cells.every((cell, k) => cell === check.cells[k])) return check;
    same = false;
    return { ...check, figure, caption: table.caption, cells };
  });
  return same ? old.checks : checks;
}

/** Whether a table reads as the last version's: the same caption number and words, and each cell paired with the last version's. */
function sameTable(reuse: Reuse, old: CitedTable, now: CitedTable): boolean {
  if (old.caption.number !== now.caption.number || old.caption.text !== now.caption.text || old.cells.length !== now.cells.length) return false;
  const figures = figuresOf(reuse.document).figures;
  return now.cells.every((cell, k) => {
    const at = countBefore(figures, (f) => f.span.start < cell.span.start);
    return figures[at] === cell && reuse.pairs[at] === old.cells[k];
  });
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function checkSentence(document: DocumentAnalysis, table: CitedTable, figures: readonly Figure[], sentence: Span, cites: readonly CrossReference[]): CitationCheck[] {
  const { text } = document;
  const skip = cites.map((c) => c.span);
  const candidates = figures.filter((f) => !f.change && !isDenominator(text, f) && !isDifference(text, f) && !skip.some((s) => s.start < f.span.end && f.span.start < s.end));
  const citing: Citing[] = [];
  for (const figure of candidates) {
    const line = measureOf(text, table, figure);
    if (!line) continue;
    const labels = seriesLabels(table, line);
    const clause = clausesOf(text, sentence).find((c) => c.start <= figure.span.start && figure.span.end <= c.end) ?? sentence;
    if (namesOtherPlace(text, clause, labels, skip)) continue;
    let series = namedSeries(text, clause, labels, skip);
    if (series.length === 0) series = namedSeries(text, sentence, labels, skip);
    citing.push({ figure, line, series });
  }
  if (!mapRespectively(text, table, sentence, citing, skip)) return [];
  // Two figures on the same cells without "respectively" state a series (1960 and 2010): which one the table holds is unclear.
  const keyOf = (c: Citing) => `${c.line.axis}:${c.line.index}|${c.mapped ?? c.series.join('|')}`;
  const counts = new Map<string, number>();
  for (const c of citing) counts.set(keyOf(c), (counts.get(keyOf(c)) ?? 0) + 1);
  const checks: CitationCheck[] = [];
  for (const c of citing) {
    if (!c.mapped && counts.get(keyOf(c))! > 1) continue;
    const check = compareWithCells(document, table, c, sentence, figures);
    if (check) checks.push(check);
  }
  return checks;
}

/** The row or column whose header names the figure's measure: from its clause if that decides, else from its sentence. */
function measureOf(text: string, table: CitedTable, figure: Figure): TableLine | undefined {
  const clause = clausesOf(text, figure.sentence).find((c) => c.start <= figure.span.start && figure.span.end <= c.end);
  if (clause) {
    const inClause = matchMeasure(table, text.slice(clause.start, clause.end));
    if (inClause.kind === 'match') return inClause.line;
    if (inClause.kind === 'ambiguous') return undefined;
  }
  const inSentence = matchMeasure(table, text.slice(figure.sentence.start, figure.sentence.end));
  return inSentence.kind === 'match' ? inSentence.line : undefined;
}

/** The series headers of a line's cells ("Mexico", "United States", …), in order. */
function seriesLabels(table: CitedTable, line: TableLine): string[] {
  return [...new Set(cellsOf(table, line).map((c) => headerOf(c, across(line.axis))).filter((l) => l.trim() !== ''))];
}

function cellsOf(table: CitedTable, line: TableLine): Figure[] {
  return table.cells.filter((c) => indexOf(c, line.axis) === line.index);
}

/**
 * "12.1 and 6.9 … in Mexico and the United States, respectively": maps the figures before "respectively" that
 * state one measure to the series named in order, in this sentence or (when it names none) the previous one.
 * Returns false when the list cannot be mapped one to one, so the sentence is left alone.
 */
function mapRespectively(text: string, table: CitedTable, sentence: Span, citing: Citing[], skip: readonly Span[]): boolean {
  const at = /\brespectively\b/i.exec(text.slice(sentence.start, sentence.end));
  if (!at) return true;
  const end = sentence.start + at.index;
  const listed = citing.filter((c) => c.figure.span.start < end);
  if (listed.length === 0) return true;
  const first = listed[0]!.line;
  if (listed.length < 2 || listed.some((c) => c.line.axis !== first.axis || c.line.index !== first.index)) return false;
  const labels = seriesLabels(table, first);
  let named = namedSeries(text, sentence, labels, skip);
  if (named.length === 0) {
    const previous = previousSentence(text, sentence.start);
    if (previous) named = namedSeries(text, previous, labels, skip);
  }
  if (named.length !== listed.length) return false;
  listed.forEach((c, i) => (c.mapped = named[i]!));
  return true;
}

/** The sentence before `start` in the same paragraph, if any. */
function previousSentence(text: string, start: number): Span | undefined {
  const paragraph = Math.max(text.lastIndexOf('\n\n', start - 1) + 2, 0);
  const before = text.slice(paragraph, start).trimEnd();
  if (before === '') return undefined;
  // The last sentence end before it: ". " after a word of two or more lower-case letters ("U.S. " is an abbreviation).
  let from = 0;
  for (const match of before.slice(0, -1).matchAll(/(?<=\p{Ll}{2}|\d|\))[.!?]\s+(?=\p{Lu})/gu)) from = match.index + match[0].length;
  return { start: paragraph + from, end: paragraph + before.length };
}

/** "rose by 5 years", "a gap of 6.1", "3.4 points higher than": a difference between two values, not a cell's value. */
function isDifference(text: string, figure: Figure): boolean {
  const before = text.slice(Math.max(0, figure.span.start - 20), figure.span.start);
  const after = text.slice(figure.span.end, figure.span.end + 40);
  return /(?:\bby|\bgap\s+of|\bdifference\s+of)\s*$/i.test(before) || /^\s*(?:percentage\s+points?\s+|points?\s+)?(?:more|less|fewer|higher|lower|greater|smaller|above|below|than)\b/i.test(after);
}

/** A figure right after "/" or "per" is a rate's denominator ("2.9 nurses/1,000 inhabitants"), not a statement. */
function isDenominator(text: string, figure: Figure): boolean {
  return /(?:\/|\bper)\s*$/i.test(text.slice(Math.max(0, figure.span.start - 6), figure.span.start));
}

function compareWithCells(document: DocumentAnalysis, table: CitedTable, citing: Citing, sentence: Span, figures: readonly Figure[]): CitationCheck | undefined {
  const { text } = document;
  const { figure, line } = citing;
  const seriesAxis = across(line.axis);
  const wanted = citing.mapped ? [citing.mapped] : citing.series;
  const explicit = figure.period && (figure.period.binding === 'clause' || figure.period.binding === 'sentence') ? periodLabel(figure.period) : '';
  const cells = cellsOf(table, line).filter((cell) => {
    if (wanted.length > 0 && !wanted.includes(headerOf(cell, seriesAxis))) return false;
    const own = cell.period && (cell.period.binding === 'table-row' || cell.period.binding === 'table-column') ? periodLabel(cell.period) : table.year ? String(table.year) : '';
    return !(explicit && own && explicit !== own);
  });
  const here = readingOf(figure, partnerOf(text, figure, figures));
  // A one-column table ("| Flow | Value |") has no series worth naming.
  const single = cellsOf(table, line).length === 1;
  const compared: { figure: Figure; series: string; value: string }[] = [];
  let agrees = false;
  for (const cell of cells) {
    const pair = comparable(here, cellReading(cell, table), text.slice(sentence.start, sentence.end));
    if (!pair) continue;
    if (overlaps(pair.here, pair.there)) agrees = true;
    compared.push({ figure: cell, series: single ? '' : headerOf(cell, seriesAxis), value: pair.thereText });
  }
  if (compared.length === 0) return undefined;
  const caption = table.caption;
  return {
    uri: document.uri,
    figure,
    caption,
    measure: line.label.replace(/\s*\*+$/, '').trim(),
    cells: compared,
    agrees,
    value: formatReading(here),
    fingerprint: JSON.stringify(['table-citation', baseName(document.uri), `Table ${caption.number}`, line.label, compared.map((c) => c.series), figure.text]),
  };
}

/** How a value reads for comparison: its interval in base units, and what kind of quantity it is. */
interface Reading {
  figure: Figure;
  unit: FigureUnit;
  interval: Interval;
  /** The stated value and the unit of its last significant digit, in base units (for messages). */
  value: number;
  step: number;
  /** A scale word applies ("billion", a "(millions)" header): the number is not comparable with an unscaled count. */
  scaled: boolean;
  /** A plain number with no unit and no scale: its unit is whatever the context says. */
  bare: boolean;
}

/**
 * A bare figure followed by "and"/"or"/"to" and a figure with a unit shares that unit and scale:
 * "12.1 and 6.9 per 1,000 live births", "36.1 and 40.2 percent".
 */
function partnerOf(text: string, figure: Figure, figures: readonly Figure[]): Figure | undefined {
  if (!isBare(figure)) return undefined;
  const next = figures.find((f) => f.span.start >= figure.span.end);
  if (!next || isBare(next) || !/^\s*(?:,\s*)?(?:and|or|to|,)\s*$/.test(text.slice(figure.span.end, next.span.start))) return undefined;
  return next;
}

function isBare(figure: Figure): boolean {
  return figure.unit.dimension === 'count' && figure.unit.stated === '' && !figure.scale;
}

function readingOf(figure: Figure, partner: Figure | undefined): Reading {
  if (partner) {
    const written = writtenNumber(partner);
    const multiplier = written ? partner.value / written : 1;
    const interval = scale(figure.interval, multiplier);
    return { figure, unit: partner.unit, interval, value: figure.value * multiplier, step: figure.step * multiplier, scaled: !!partner.scale, bare: false };
  }
  return { figure, unit: figure.unit, interval: figure.interval, value: figure.value, step: figure.step, scaled: !!figure.scale, bare: isBare(figure) };
}

/** A cell as it reads under its caption: a bare "322.7" under "(billions of U.S. dollars)" is \$322.7 billion. */
function cellReading(cell: Figure, table: CitedTable): Reading {
  const { hints } = table;
  if (!isBare(cell) || (!hints.scale && !hints.currency && hints.unit?.dimension !== 'percent')) {
    return { figure: cell, unit: cell.unit, interval: cell.interval, value: cell.value, step: cell.step, scaled: !!cell.scale, bare: isBare(cell) };
  }
  const factor = hints.scale?.factor ?? 1;
  const unit: FigureUnit = hints.currency
    ? { dimension: 'currency', base: hints.currency, stated: '$', factor: 1 }
    : hints.unit?.dimension === 'percent'
      ? { dimension: 'percent', base: '%', stated: '%', factor: 1 }
      : cell.unit;
  const interval = scale(cell.interval, factor);
  return { figure: cell, unit, interval, value: cell.value * factor, step: cell.step * factor, scaled: factor !== 1, bare: unit === cell.unit && factor === 1 };
}

/** The two intervals to compare, and the cell's value for the message; `undefined` when the units are not compatible. */
function comparable(here: Reading, there: Reading, sentence: string): { here: Interval; there: Interval; thereText: string } | undefined {
  if (here.unit.perTime || there.unit.perTime) return undefined;
  if (signOf(here.interval) * signOf(there.interval) < 0) return undefined;
  const asWritten = there.figure.text.replace(/\\/g, '').replace(/\*+$/, '').trim();
  if (!here.bare && !there.bare) {
    // "$146.9 billion" against a "146.9" read as dollars because the caption's scale was not understood: never compare.
    if (kindOf(here.unit) !== kindOf(there.unit) || here.scaled !== there.scaled) return undefined;
    return { here: here.interval, there: there.interval, thereText: formatAmount(there.value, there.unit, undefined, digitsOf(there)) };
  }
  if (here.bare && there.bare) return { here: here.interval, there: there.interval, thereText: asWritten };
  if (there.bare) {
    // A bare cell ("75.4" in a "Life expectancy" row) is in the unit the text states it in: years, percent, per 1,000.
    if (here.scaled || !['duration', 'percent', 'percentage-point', 'rate', 'count'].includes(here.unit.dimension)) return undefined;
    return { here: scale(here.interval, 1 / here.unit.factor), there: there.interval, thereText: asWritten };
  }
  // A bare figure against a rate cell, when the sentence gives the rate's denominator ("… per 1,000 citizens … at 11.7").
  const per = there.unit.per?.size;
  if (there.unit.dimension !== 'rate' || !per || here.scaled) return undefined;
  if (!new RegExp(`(?:per|/)\\s*${perPattern(per)}(?!\\d)`, 'i').test(sentence)) return undefined;
  return { here: here.interval, there: scale(there.interval, 1 / there.unit.factor), thereText: asWritten };
}

/** What kind of quantity a unit measures, for compatibility: currencies by code, rates whatever their denominator. */
function kindOf(unit: FigureUnit): string {
  return unit.dimension === 'currency' ? `currency:${unit.base}` : unit.dimension === 'count' ? 'count' : `${unit.dimension}:${unit.base}`;
}

/** "1000" as written in text: "1,000", "1 000" or "1000". */
function perPattern(size: number): string {
  const digits = String(size);
  const groups = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',').split(',');
  return groups.join('[,\\s\\u00a0.]?');
}

function signOf(interval: Interval): number {
  return interval.high < 0 ? -1 : interval.low > 0 ? 1 : 0;
}

const NUMBER_IN_TEXT = /\d[\d,]*(?:\.\d+)?/;

/** The number as written in a figure ("$6.9 billion" → 6.9), or undefined. */
function writtenNumber(figure: Figure): number | undefined {
  const match = NUMBER_IN_TEXT.exec(figure.text);
  const value = match ? Number(match[0].replace(/,/g, '')) : NaN;
  return value > 0 ? value : undefined;
}

/** The citing figure for the message, in the unit it is compared in: "72.4 years", "6.9 per 1,000 births", "$332.7 billion". */
function formatReading(reading: Reading): string {
  const { figure, unit } = reading;
  if (figure.range) return formatFigure(figure);
  const hedge = figure.hedge ? `${figure.hedge.text.toLowerCase()} ` : '';
  if (unit.dimension === 'duration') return `${hedge}${formatNumber(reading.value / unit.factor, digitsOf(reading))} ${unit.stated}`;
  return `${hedge}${formatAmount(reading.value, unit, undefined, digitsOf(reading))}`;
}

/** Significant digits that show a value to its stated precision: "10,586" → 5, "$332.7 billion" → 4, "6.0" → 2. */
function digitsOf(reading: Reading): number {
  const value = Math.abs(reading.value);
  if (!(value > 0) || !(reading.step > 0)) return 4;
  return Math.max(1, Math.min(8, Math.floor(Math.log10(value) + 1e-9) - Math.floor(Math.log10(reading.step) + 1e-9) + 1));
}
