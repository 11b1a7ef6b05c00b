import type { Figure, FigureUnit, Interval } from '../extract/figures/types';

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const SCALES: readonly [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];
const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * A number in words a reviewer reads at a glance: 3.5616e9 → "3.56 billion", 3175 → "3,175", 14.4 → "14.4".
 * Rounded to `digits` significant digits (4 by default), trailing zeros dropped.
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const rounded = Number(value.toPrecision(digits));
  for (const [size, word] of SCALES) {
    if (Math.abs(rounded) >= size) return `${NUMBER.format(Number((rounded / size).toPrecision(digits)))} ${word}`;
  }
  return NUMBER.format(rounded);
}

/**
 * A value in base units with its unit: "$3.56 billion", "3,175 km", "14.4%", "1.6 million"; `digits` significant
 * digits (4 by default; a table cell's "10,586" needs 5).
 */
export function formatAmount(value: number, unit: FigureUnit, perTime?: string, digits = 4): string {
  let text: string;
  if (unit.dimension === 'currency') {
    const symbol = CURRENCY_SYMBOLS[unit.base];
    text = symbol ? `${symbol}${formatNumber(value, digits)}` : `${formatNumber(value, digits)} ${unit.base}`;
  } else if (unit.dimension === 'percent') text = `${formatNumber(value, digits)}%`;
  else if (unit.dimension === 'rate' && unit.per) text = `${formatNumber(value * unit.per.size, digits)} per ${formatNumber(unit.per.size)} ${unit.per.noun}`;
  else if (unit.base === 'count' || unit.base === 'times') text = formatNumber(value, digits);
  else text = `${formatNumber(value, digits)} ${unit.base}`;
  return perTime ? `${text} a ${perTime}` : text;
}

/**
 * A figure normalised for a message: its hedge, its value in base units, and the unit it was stated in
 * when that differs — "3,218.69 km (2,000 mi)", "over $1.5 million a minute", "about 13.9 million".
 */
export function formatFigure(figure: Figure, perTime?: string): string {
  const hedge = figure.hedge ? `${figure.hedge.text.toLowerCase()} ` : '';
  const amount = figure.range
    ? `${formatAmount(figure.range.low, figure.unit)}–${formatAmount(figure.range.high, figure.unit, perTime)}`
    : formatAmount(figure.value, figure.unit, perTime);
  const stated = figure.unit.factor !== 1 && figure.unit.stated ? ` (${formatNumber(figure.value / figure.unit.factor)} ${figure.unit.stated})` : '';
  return `${hedge}${amount}${stated}`;
}

/** An interval for explanations: "3,174.5–3,175.5", "over 1 million", "at most 1,250". */
export function formatInterval(interval: Interval, unit: FigureUnit): string {
  if (interval.high === Infinity) return `${interval.lowOpen ? 'over' : 'at least'} ${formatAmount(interval.low, unit)}`;
  if (interval.low === -Infinity) return `${interval.highOpen ? 'under' : 'at most'} ${formatAmount(interval.high, unit)}`;
  return `${formatAmount(interval.low, unit)}–${formatAmount(interval.high, unit)}`;
}
