
import type { DocumentAnalysis } from '../document';
import type { Figure, FigureUnit, Interval, Period } from '../extract/figures/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { figureAt } from './figureAt';
import type { QueryLayer } from './layer';
import { linkToPlace } from './places';
import { figureKeyHover } from '../conflicts/hover';
import { statementAt, statementsByQuantity, type Statement } from '../conflicts/statements';

const HEDGE_MEANING: Record<string, string> = {
  approximate: '± one unit of the last significant digit',
  nearly: 'up to one unit below the figure, not above it',
  over: 'a strict lower bound',
  'at-least': 'a lower bound',
  'up-to': 'an upper bound',
  under: 'a strict upper bound',
};

const BINDING: Record<Period['binding'], string> = {
  clause: 'from its clause',
  sentence: 'from its sentence',
  'table-row': 'from its table row',
  'table-column': 'from its table column',
  heading: 'from the heading above it',
  'document-date': "resolved against the document's date",
};

// The other unit a reviewer thinks in, for figures stated in base units (figures stated in miles or pounds show both already).
const OTHER_UNITS: Record<string, { symbol: string; factor: number }> = {
  km: { symbol: 'mi', factor: 1.609344 },
  kg: { symbol: 'lb', factor: 0.45359237 },
};

/** Hover and references for figures: what a statistic means as an interval, and who else states it. */
export const figureLayer: QueryLayer = {
  name: 'figures',

  hoverAt(index, document, offset) {
    const figure = figureAt(document, offset);
    if (!figure) return undefined;
    return { span: figure.span, markdown: describeFigure(index, document, figure) };
  },

  referencesTo(index, document, offset) {
    const figure = figureAt(document, offset);
    if (!figure) return undefined;
    return [{ uri: document.uri, span: figure.span }, ...sameQuantity(index, document, figure).map((s) => ({ uri: s.uri, span: s.figure.span }))];
  },
};

const MAX_OTHER_STATEMENTS = 12;

/**
 * The other statements of the figure's quantity (same quantity key, any period), in URI then text order:
 * exactly the statements the conflict rules may compare it with, so the hover and the diagnostics agree.
 */
function sameQuantity(index: WorkspaceIndex, document: DocumentAnalysis, figure: Figure): Statement[] {
  const statement = statementAt(document, figure.span.start);
  if (!statement || !statement.key.comparable) return [];
  return (statementsByQuantity(index).get(statement.key.id) ?? []).filter((other) => other !== statement);
}

/**
 * Drops a closed document's figures' context words (`Figure.subject`): nothing reads them but this layer's hover, on
 * a document open in an editor, whose analysis is made afresh when it opens. ~760 strings per document, a seventh of
 * an analysis's, for the main thread to share and keep.
 */
export function dropFigureSubjects(document: DocumentAnalysis): void {
  for (const figure of document.figures.figures) figure.subject = NO_SUBJECT;
}

const NO_SUBJECT: string[] = [];

/** The hover text of a figure: normalised value, interval, period, hedge, what it measures, and other statements. */
export function describeFigure(index: WorkspaceIndex, document: DocumentAnalysis, figure: Figure): string {
  const lines = [`**${figureTitle(figure)}**${otherUnit(figure)} — ${dimensionName(figure)}`, ''];
  lines.push(`- Interval: ${intervalOf(figure.interval, figure.unit, figure.step)}${figure.range ? ' (the union of the range’s ends)' : ''}`);
  if (figure.hedge) lines.push(`- Hedge: “${figure.hedge.text}” — ${HEDGE_MEANING[figure.hedge.kind]}`);
  const timeless = statementAt(document, figure.span.start)?.key.timeInvariant === true;
  const unbound = timeless ? 'none needed (the quantity does not change over time)' : 'none stated (compared only within this document)';
  lines.push(`- Period: ${figure.period ? `${periodName(figure.period)}, ${BINDING[figure.period.binding]}` : unbound}`);
  const measures = [figure.counted ? `counts *${figure.counted}*` : undefined, figure.change ? changeName(figure) : undefined].filter(Boolean).join('; ');
  if (measures) lines.push(`- Measures: ${measures}`);
  if (figure.table) {
    const headers = [figure.table.rowHeader && `row “${figure.table.rowHeader}”`, figure.table.columnHeader && `column “${figure.table.columnHeader}”`].filter(Boolean).join(', ');
    lines.push(`- Table cell${headers ? `: ${headers}` : ''}`);
  }
  if (figure.subject.length > 0) lines.push(`- Context: ${figure.subject.slice(0, 10).join(', ')}`);
  const key = figureKeyHover(document, figure.span.start);
  if (key) lines.push('', key);
  const others = sameQuantity(index, document, figure);
  if (others.length > 0) {
    lines.push('', '**Other statements of this quantity**', '');
    for (const other of others.slice(0, MAX_OTHER_STATEMENTS)) {
      const period = other.figure.period ? ` (${periodName(other.figure.period)})` : '';
      lines.push(`- ${linkToPlace(index, other.uri, other.figure.span)}: “${escapeMarkdown(other.figure.text)}” = ${intervalOf(other.interval, other.figure.unit, other.figure.step)}${period}`);
    }
    if (others.length > MAX_OTHER_STATEMENTS) lines.push(`- … and ${others.length - MAX_OTHER_STATEMENTS} more (Policy Lens: Compare Statements)`);
  }
  return lines.join('\n');
}

/** " ≈ 1,973 mi" for "3,175 km": the value in the other unit, when the text used the base unit. */
function otherUnit(figure: Figure): string {
  const other = figure.unit.factor === 1 ? OTHER_UNITS[figure.unit.base] : undefined;
  if (!other || figure.range || !Number.isFinite(figure.value)) return '';
  return ` ≈ ${numberOf(figure.value / other.factor, 1)} ${other.symbol}`;
}

/**
 * The figure as a reviewer reads it: hedge, value in base units with as many digits as it states,
 * and the stated unit when it was converted — "nearly 3,218.688 km (2,000 mi)", "\$677.3 billion".
 */
function figureTitle(figure: Figure): string {
  const hedge = figure.hedge && figure.hedge.span.start < figure.valueSpan.start ? `${figure.hedge.text.toLowerCase()} ` : '';
  const after = figure.hedge && figure.hedge.span.start >= figure.valueSpan.start ? ` (${figure.hedge.text})` : '';
  const amount = figure.range
    ? `${amountOf(figure.range.low, figure.unit, figure.step)}–${amountOf(figure.range.high, figure.unit, figure.step)}`
    : amountOf(figure.value, figure.unit, figure.step);
  const stated = figure.unit.factor !== 1 && figure.unit.stated ? ` (${numberOf(figure.value / figure.unit.factor, figure.step / figure.unit.factor)} ${figure.unit.stated})` : '';
  return `${hedge}${amount}${after}${stated}`;
}

/** An interval with its unit: "3,174.5–3,175.5 km", "over 1 million", "at most 1.25 million kW". */
function intervalOf(interval: Interval, unit: FigureUnit, step: number): string {
  const fine = step / 10;
  if (interval.high === Infinity) return `${interval.lowOpen ? 'over' : 'at least'} ${amountOf(interval.low, unit, fine)}`;
  if (interval.low === -Infinity) return `${interval.highOpen ? 'under' : 'at most'} ${amountOf(interval.high, unit, fine)}`;
  return `${amountOf(interval.low, unit, fine)} – ${amountOf(interval.high, unit, fine)}`;
}

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };
const SCALES: readonly [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

function amountOf(value: number, unit: FigureUnit, step: number): string {
  switch (unit.dimension) {
    case 'currency': {
      const symbol = CURRENCY_SYMBOLS[unit.base];
      const number = numberOf(value, step);
      return symbol ? `${symbol}${number}` : `${number} ${unit.base}`;
    }
    case 'percent':
      return `${numberOf(value, step)}%`;
    case 'percentage-point':
      return `${numberOf(value, step)} pp`;
    case 'rate':
      return `${numberOf(value * (unit.per?.size ?? 1), step * (unit.per?.size ?? 1))} per ${numberOf(unit.per?.size ?? 1, 1)} ${unit.per?.noun ?? ''}`.trimEnd();
    case 'ratio':
      return `${numberOf(value, step)} times`;
    case 'count':
      return numberOf(value, step);
    case 'duration':
      return value >= 365 ? `${numberOf(value / 365, step / 365)} years` : `${numberOf(value, step)} days`;
    default:
      return `${numberOf(value, step)} ${unit.base}`;
  }
}

/** A number with the digits its precision warrants (no float noise): 3218.688 with step 1609 → "3,219"; 1.3e12 → "1.3 trillion". */
function numberOf(value: number, step: number): string {
  const [size, word] = SCALES.find(([s]) => Math.abs(value) >= s) ?? [1, ''];
  const decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(Math.max(step, 1e-12) / size) - 1e-9)));
  const text = (value / size).toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
  return word ? `${text} ${word}` : text;
}

function dimensionName(figure: Figure): string {
  const { unit } = figure;
  switch (unit.dimension) {
    case 'currency':
      return `money (${unit.base}${unit.currencyAssumed ? ', from “$”' : ''})${unit.perTime ? ` per ${unit.perTime}` : ''}`;
    case 'rate':
      return `rate per ${numberOf(unit.per?.size ?? 1, 1)} ${unit.per?.noun ?? ''}`.trimEnd();
    case 'percentage-point':
      return 'percentage points';
    case 'ratio':
      return 'multiple';
    default:
      return `${unit.dimension}${unit.perTime ? ` per ${unit.perTime}` : ''}`;
  }
}

function changeName(figure: Figure): string {
  const change = figure.change!;
  if (change.kind === 'multiple') return 'a multiple of another value';
  return `${change.kind === 'increase' ? 'an increase' : 'a decrease'} (“${change.text}”), not a level`;
}

function periodName(period: Period): string {
  const years = period.start === period.end ? String(period.start) : `${period.start}–${period.end}`;
  return period.kind === 'fiscal-year' ? `fiscal year ${years}` : years;
}

function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([*_`[\]<>|])/g, '\\$1');
}
