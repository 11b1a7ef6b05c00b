import type { Root } from 'mdast';
import type { Previous } from '../../textChange';
import type { Heading } from '../outline';
import type { Span } from '../../types';
import { clauseAround, contentWords, isSpanish, sentenceSpans } from './context';
import { walk } from '../walk';
import { intervalOf } from './interval';
import { maskNoise } from './noise';
import { documentDateOf, nearestPeriod, periodMentions, relativePeriod, type PeriodMention } from './periods';
import { scanFigures, type ScanOptions, type ScannedFigure } from './scanner';
import { isLabelCell, isNumberingColumn, isNumericCell, isTableOfContents, markdownTables, tabSeparatedTables, unitHints, type TableModel } from './tables';
import type { DocumentDate, Figure, FigureExtract, Period, TableContext } from './types';

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

/**
 * Finds every statistic of a document (spec §1–3): text figures in paragraphs, headings, list items and
 * indented lines, and table figures in GFM tables and tab-separated lines (with their headers as context).
 * Noise — years used as dates, footnote markers, URLs, section and list numbers, page numbers of a table of
 * contents, phone numbers, codes such as "COVID-19" — is masked before scanning. Figures are in text order.
 */
export function extractFigures(tree: Root, text: string, headings: readonly Heading[], _previous?: Previous<FigureExtract>): FigureExtract {
  const masked = maskNoise(text);
  const documentDate = documentDateOf(text);
  const context: Context = { text, masked, periods: periodMentions(text, 0, text.length), headings, documentDate, words: new Map() };
  const figures: Figure[] = [];
  const claimed: Span[] = [];
  const dollar = /\bpesos\b|\bMXN\b/.test(text) && !/\bUSD\b|\bdollars\b/.test(text) ? 'MXN' : 'USD';

  for (const table of [...tabSeparatedTables(text), ...markdownTables(tree, text)]) {
    if (claimed.some((span) => span.start <= table.span.start && table.span.end <= span.end)) continue;
    claimed.push(table.span);
    figures.push(...tableFigures(context, table, dollar));
  }
  const blankedMasked = blank(masked, claimed);

  walk(tree, (node) => {
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
  });

  figures.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const result: FigureExtract = { figures: withoutOverlaps(figures) };
  if (documentDate) result.documentDate = documentDate;
  return result;
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
  const { headings, documentDate } = context;
  let depth = Number.POSITIVE_INFINITY;
  for (let i = headings.length - 1; i >= 0; i--) {
    const heading = headings[i]!;
    if (heading.span.start > offset || heading.depth >= depth) continue;
    depth = heading.depth;
    if (documentDate && heading.span.start <= documentDate.span.start && documentDate.span.end <= heading.span.end) continue;
    const mentions = mentionsIn(context.periods, heading.span.start, heading.span.end);
    const found = nearestPeriod(mentions, heading.span, { start: heading.span.end, end: heading.span.end }, 'heading');
    if (found) return found;
    if (depth <= 1) break;
  }
  return undefined;
}

function mentionsIn(mentions: readonly PeriodMention[], start: number, end: number): PeriodMention[] {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (mentions[mid]!.span.start < start) low = mid + 1;
    else high = mid;
  }
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
