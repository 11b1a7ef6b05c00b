import { escapeRegExp } from '../regExps';
import type { DocumentAnalysis } from '../document';
import { CURRENCY_WORDS, FUNCTION_WORDS, SCALE_WORDS, UNIT_WORDS } from '../extract/figures/data';
import { unitHints } from '../extract/figures/tables';
import type { UnitHints } from '../extract/figures/scanner';
import type { Figure } from '../extract/figures/types';
import type { Caption } from '../extract/references/types';
import type { Span } from '../types';
import { AMBIGUOUS_PLACE_NAMES, CITATION_WORDS, DEMONYMS, PLACE_PREFIXES } from './citationVocabulary';
import { figuresOf } from './figuresOf';
import { PLACES } from './vocabulary';
import { singular } from './words';
import { detached } from '../detached';

/**
 * A captioned table as the citation check sees it: the figures read from its cells, addressed by row and
 * column header. "Table 1. Health indicators" over the rows "Life expectancy at birth (years) | 75.1 | 78.6"
 * under the header "| Mexico | United States" has two cells, both in row 1, columns "Mexico" and "United States".
 */
export interface CitedTable {
  caption: Caption;
  /** The figures of its cells, in text order. */
  cells: Figure[];
  /** What the caption says about every cell: "(billions of U.S. dollars)" → billion, USD. */
  hints: UnitHints;
  /** The one year the caption names ("Table 3. Trade in 2019"), the period of cells with none of their own. */
  year?: number;
}

/** Which header axis a line of cells runs along: a row (cells share a row header) or a column. */
export type Axis = 'row' | 'column';

/** One row or column of a table, named by its header: the measure a figure may state. */
export interface TableLine {
  axis: Axis;
  index: number;
  label: string;
}

/**
 * The tables of a document that hold figures, keyed by their caption block's start. A "Figure 2" caption is
 * one line with no cells, so a chart never becomes a cited table (nothing to compare against).
 */
export function citedTablesOf(document: DocumentAnalysis): Map<number, CitedTable> {
  const tables = new Map<number, CitedTable>();
  const cells = figuresOf(document).figures.filter((f) => f.source === 'table' && f.table);
  for (const caption of document.references.captions) {
    if (caption.captionKind !== 'table') continue;
    const inside = cells.filter((f) => caption.blockSpan.start <= f.span.start && f.span.end <= caption.blockSpan.end);
    if (inside.length === 0) continue;
    const years = [...new Set(caption.text.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? [])];
    tables.set(caption.blockSpan.start, {
      caption,
      cells: inside,
      hints: captionHints(caption.text),
      ...(years.length === 1 ? { year: Number(years[0]) } : {}),
    });
  }
  return tables;
}

/**
 * What a caption says about its cells' unit and scale: "(billions of U.S. dollars)" → billion, USD. A scale word
 * counts only in parentheses, singular too ("(billion dollars)"): "Trade reached $1.2 trillion" in a caption is a figure.
 */
function captionHints(caption: string): UnitHints {
  const inParentheses = [...caption.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const hints = unitHints(inParentheses, 'USD');
  if (!hints.scale) {
    for (const text of inParentheses) {
      const word = /(?<![\p{L}])(thousand|million|billion|trillion)s?(?![\p{L}])/iu.exec(text)?.[1]?.toLowerCase();
      const factor = word ? SCALE_WORDS.get(word) : undefined;
      if (word && factor) {
        hints.scale = { word, factor };
        break;
      }
    }
  }
  return hints;
}

/** The header of `cell` along `axis`: its row header for a row, its column header for a column. */
export function headerOf(cell: Figure, axis: Axis): string {
  return (axis === 'row' ? cell.table!.rowHeader : cell.table!.columnHeader) ?? '';
}

/** The index of `cell` along `axis`. */
export function indexOf(cell: Figure, axis: Axis): number {
  return axis === 'row' ? cell.table!.row : cell.table!.column;
}

/** The other axis: the one whose headers name the series (places, years) of a measure's cells. */
export function across(axis: Axis): Axis {
  return axis === 'row' ? 'column' : 'row';
}

/** The outcome of matching a figure's context against a table's measure headers. */
export type MeasureMatch = { kind: 'match'; line: TableLine } | { kind: 'ambiguous' } | { kind: 'none' };

/**
 * The row (or column) whose header names the measure stated in `context`, by word overlap. A header matches
 * strongly when at least two-thirds of the words outside its parentheses occur in the context (all of them
 * for a one- or two-word header); words in parentheses ("% of adults" against "% of 5-9-year-olds") only break
 * ties. The best strong match must beat every other strictly, else the answer is `ambiguous`: two obesity rows
 * and a sentence that says only "obesity" name neither. Headers of the series axis (places, years) are never
 * measures, and their words do not count as measure words.
 */
export function matchMeasure(table: CitedTable, context: string): MeasureMatch {
  const scored: { line: TableLine; score: number }[] = [];
  let contextWords: string[] | undefined;
  for (const { seriesWords, lines } of measureAxesOf(table)) {
    const words = new Set((contextWords ??= measureWords(context)).filter((w) => !seriesWords.has(w)));
    for (const { line, core, extra } of lines) {
      const matched = core.filter((w) => words.has(w)).length;
      const needed = core.length <= 2 ? core.length : Math.ceil((core.length * 2) / 3);
      if (matched < needed) continue;
      scored.push({ line, score: matched * 10 + extra.filter((w) => words.has(w)).length });
    }
  }
  if (scored.length === 0) return { kind: 'none' };
  scored.sort((a, b) => b.score - a.score);
  if (scored.length > 1 && scored[1]!.score === scored[0]!.score) return { kind: 'ambiguous' };
  return { kind: 'match', line: scored[0]!.line };
}

/** A measure axis of a table as `matchMeasure` reads it: the series words it ignores, and each line's header words (lines with none left out). */
interface MeasureAxis {
  seriesWords: Set<string>;
  lines: { line: TableLine; core: string[]; extra: string[] }[];
}

/**
 * The measure axes of a table, worked out once per table: every figure of a citing sentence is matched against them,
 * once for its clause and once for its sentence (recomputing the headers' words each time was most of a document's checks).
 */
function measureAxesOf(table: CitedTable): MeasureAxis[] {
  let axes = measureAxes.get(table);
  if (axes) return axes;
  axes = [];
  for (const axis of ['row', 'column'] as const) {
    if (isSeriesAxis(table, axis)) continue;
    const seriesWords = new Set(linesOf(table, across(axis)).flatMap((l) => seriesNames(l.label)).flatMap((n) => n.split(/\s+/)).map(stem));
    const lines: MeasureAxis['lines'] = [];
    for (const line of linesOf(table, axis)) {
      const { core, extra } = headerWords(line.label);
      if (core.length > 0) lines.push({ line, core, extra });
    }
    axes.push({ seriesWords, lines });
  }
  measureAxes.set(table, axes);
  return axes;
}

const measureAxes = new WeakMap<CitedTable, MeasureAxis[]>();

/** The distinct rows or columns of a table that hold cells, with their header, in index order. */
export function linesOf(table: CitedTable, axis: Axis): TableLine[] {
  const lines = new Map<number, TableLine>();
  for (const cell of table.cells) {
    const index = indexOf(cell, axis);
    if (!lines.has(index)) lines.set(index, { axis, index, label: headerOf(cell, axis) });
  }
  return [...lines.values()].sort((a, b) => a.index - b.index);
}

/**
 * True when the headers along `axis` label series rather than measures: at least half of them are places
 * ("Mexico", "United States", "OECD" counts as one that is not) or years, or blank.
 */
function isSeriesAxis(table: CitedTable, axis: Axis): boolean {
  const labels = linesOf(table, axis).map((l) => l.label.trim());
  const series = labels.filter((l) => l === '' || /^(?:FY\s*)?(?:19|20)\d\d\b/.test(l) || placeOf(l) !== undefined);
  return series.length * 2 >= labels.length;
}

/** The place id of PLACES a header names as a whole ("United States" → "U.S."), if it is one. */
function placeOf(label: string): string | undefined {
  const lower = label.toLowerCase().replace(/[*:]+$/, '').trim();
  return PLACES.find((p) => p.place.toLowerCase() === lower || p.names.includes(lower))?.place;
}

/**
 * The ways a text may name a series header, lower-case: the header itself, and for a place its other names
 * and demonyms ("United States" → "u.s.", "america", "american", …).
 */
export function seriesNames(label: string): string[] {
  const clean = label.toLowerCase().replace(/[*:]+$/, '').replace(/\s+/g, ' ').trim();
  if (clean === '') return [];
  const place = placeOf(label);
  const names = new Set([clean]);
  if (place) {
    for (const name of PLACES.find((p) => p.place === place)!.names) if (!AMBIGUOUS_PLACE_NAMES.has(name)) names.add(name);
    for (const demonym of DEMONYMS[place] ?? []) names.add(demonym);
  }
  return [...names];
}

/**
 * The series headers `text[span]` names, in order of first mention: "In Mexico and the United States" →
 * ["Mexico", "United States"]. "US"/"USA" count only in capitals; "New Mexico" does not name "Mexico".
 */
export function namedSeries(text: string, span: Span, labels: readonly string[], skip: readonly Span[] = []): string[] {
  const slice = text.slice(span.start, span.end);
  const found: { label: string; at: number }[] = [];
  for (const label of labels) {
    let first = Infinity;
    for (const pattern of seriesPatterns(label)) {
      for (const match of slice.matchAll(pattern)) {
        const at = span.start + match.index;
        if (skip.some((s) => s.start <= at && at < s.end)) continue;
        const before = /(\p{L}+)\s+$/u.exec(slice.slice(Math.max(0, match.index - 20), match.index));
        if (before && PLACE_PREFIXES.has(before[1]!.toLowerCase())) continue;
        first = Math.min(first, at);
      }
    }
    if (first < Infinity) found.push({ label, at: first });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.label);
}

/** The patterns of the ways a text may name a series header (`seriesNames`), compiled once per header: `matchAll` copies them. */
function seriesPatterns(label: string): readonly RegExp[] {
  let patterns = patternsByLabel.get(label);
  if (patterns) return patterns;
  patterns = seriesNames(label).map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, 'giu'));
  if (placeOf(label) === 'U.S.') patterns.push(/(?<![\p{L}])USA?(?![\p{L}])/gu);
  // Headers of every table a workspace cites: kept to a bound, as they come from documents.
  if (patternsByLabel.size >= 10_000) patternsByLabel.clear();
  patternsByLabel.set(detached(label), patterns);
  return patterns;
}

const patternsByLabel = new Map<string, RegExp[]>();

// Every place name and demonym with its whole-word pattern, compiled once: this runs for every citing clause.
const PLACE_NAMES = [...PLACES.flatMap((p) => p.names.filter((n) => !AMBIGUOUS_PLACE_NAMES.has(n))), ...Object.values(DEMONYMS).flat()];
const PLACE_NAMES_BY_LOWER = new Map<string, string[]>();
for (const name of PLACE_NAMES) PLACE_NAMES_BY_LOWER.set(name.toLowerCase(), [...(PLACE_NAMES_BY_LOWER.get(name.toLowerCase()) ?? []), name]);
/**
 * Every place name in one pattern, tried at each word start, longest first (one scan instead of one per name,
 * ~20 ms per analysis of the largest seed). A shorter name at the same start is a prefix of the longer one,
 * so it is known whenever the longer one is: the answer is the same as testing each name on its own.
 */
const PLACE_NAME_AT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?=(${[...new Set(PLACE_NAMES)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}]))`,
  'giu',
);

/**
 * True when `text[span]` names a place that is not one of the series headers: "compared with 80.2 in the OECD"
 * under columns Mexico and United States, "in North America", "in Texas". Such a figure is about something the
 * table does not list, so it is not checked (when the series are places at all). Places are the vocabulary's places and demonyms, and capitalised
 * names after "in", "for" or "across" (not "of": "percent of GDP" names a measure).
 */
export function namesOtherPlace(text: string, span: Span, labels: readonly string[], skip: readonly Span[] = []): boolean {
  // Under series of years ("2019 | 2023"), the places of a sentence are the table's subject, not another series.
  if (!labels.some((l) => placeOf(l) !== undefined)) return false;
  const known = new Set(labels.flatMap(seriesNames));
  const slice = text.slice(span.start, span.end);
  const outside = (index: number) => !skip.some((s) => s.start <= span.start + index && span.start + index < s.end);
  const isKnown = (name: string) => known.has(name) || [...known].some((k) => k.includes(name));
  for (const match of slice.matchAll(PLACE_NAME_AT)) {
    if (!outside(match.index)) continue;
    if ((PLACE_NAMES_BY_LOWER.get(match[1]!.toLowerCase()) ?? []).some((name) => !isKnown(name))) return true;
  }
  for (const match of slice.matchAll(/(?<![\p{L}])(?:[Ii]n|[Ff]or|[Aa]cross)\s+(?:the\s+)?(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*)/gu)) {
    const name = match[1]!.toLowerCase().replace(/\.$/, (dot) => (/\p{L}\.\p{L}/u.test(match[1]!) ? dot : ''));
    if (!outside(match.index + match[0].length - match[1]!.length) || CITATION_WORDS.has(name.split(/\s+/)[0]!)) continue;
    if (!known.has(name) && ![...known].some((k) => name.includes(k))) return true;
  }
  return false;
}

/** Content-word stems of a context: function, citation, unit and scale words dropped ("life expectancy at birth" → life, expectanc, birth). */
export function measureWords(text: string): string[] {
  const words = text.toLowerCase().replace(/['’]s\b/g, '').match(/\p{L}[\p{L}.]*/gu) ?? [];
  return words
    .map((w) => w.replace(/\.+$/, ''))
    .filter((w) => w.length > 1 && !FUNCTION_WORDS.has(w) && !CITATION_WORDS.has(w) && !UNIT_WORDS.has(w) && !SCALE_WORDS.has(w) && !CURRENCY_WORDS.has(w))
    .map(stem);
}

/** A header's stems outside parentheses (`core`) and inside them (`extra`): "Adult obesity (% of adults)" → adult, obes | adult. */
function headerWords(label: string): { core: string[]; extra: string[] } {
  const inside = [...label.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!).join(' ');
  const outside = label.replace(/\([^)]*\)/g, ' ');
  return { core: [...new Set(measureWords(outside))], extra: [...new Set(measureWords(inside))] };
}

// A light suffix stripper, enough to match "nursing"/"nurses" and "trained"/"training" in headers; a full
// stemmer (a new dependency) would buy little over a handful of English suffixes.
const SUFFIXES = ['ing', 'ity', 'ed', 'es', 'e', 'y'];

/** "nurses" → "nurs", "training" → "train", "obesity"/"obese" → "obes", "births" → "birth". */
export function stem(word: string): string {
  const base = singular(word.toLowerCase());
  for (const suffix of SUFFIXES) {
    if (base.endsWith(suffix) && base.length - suffix.length >= 3) return base.slice(0, -suffix.length);
  }
  return base;
}
