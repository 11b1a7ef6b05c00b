import type { Span } from '../../types';

/**
 * The records of the figures layer: every statistic of a document as plain data.
 * Conflict detection (spec sections 4–5) is built on these; keep them free of behaviour.
 *
 * Running example for the field docs below, the sentence
 * `Mexico was the largest U.S. trading partner in 2019, with nearly \$677.3 billion in two-way trade.`
 */

/** What a figure measures, physically: only figures of one dimension can be compared. */
export type Dimension =
  | 'currency'
  | 'length'
  | 'area'
  | 'weight'
  | 'volume'
  | 'energy'
  | 'power'
  | 'duration'
  | 'count'
  | 'percent'
  | 'percentage-point'
  | 'rate'
  | 'ratio';

/**
 * The unit a figure is stated in and the base unit its `value` and `interval` are expressed in.
 * - "\$677.3 billion" → `{ dimension: 'currency', base: 'USD', stated: '$', currencyAssumed: true }`
 * - "USD 661.16 billion" → `{ dimension: 'currency', base: 'USD', stated: 'USD' }`
 * - "1,6 millones de pesos" → `{ dimension: 'currency', base: 'MXN', stated: 'pesos' }`
 * - "2,000-mile" → `{ dimension: 'length', base: 'km', stated: 'mi', factor: 1.609344 }`
 * - "27.0K" under a "pounds" header → `{ dimension: 'weight', base: 'kg', stated: 'lb', factor: 0.45359237 }`
 * - "35,484 homicides" → `{ dimension: 'count', base: 'count', stated: '' }` (what is counted is `Figure.counted`)
 * - "14.4%" → `{ dimension: 'percent', base: '%', stated: '%' }`; "3 percentage points" → `'percentage-point'`, base `'pp'`
 * - "28 victims per 100,000 residents" → `{ dimension: 'rate', base: 'per-one', stated: 'per 100,000', per: { size: 100000, noun: 'residents' } }`
 *   (value 0.00028: rates are normalised to "per one"; multiply by `per.size` to display them as stated)
 * - "6 times" → `{ dimension: 'ratio', base: 'times', stated: 'times' }`
 * - "\$3.6 million a day" → currency with `perTime: 'day'` (a flow per unit of time, not a stock)
 */
export interface FigureUnit {
  dimension: Dimension;
  /** The base unit of `value`/`interval`: an ISO 4217 code for currency, 'km', 'km2', 'kg', 'l', 'kWh', 'kW', 'day', 'count', '%', 'pp', 'per-one', 'times'. */
  base: string;
  /** The unit as written, normalised to a short symbol ('mi', 'km', '$', 'USD', 'pesos', 'lb', '%', 'times'); '' for bare counts. */
  stated: string;
  /** Multiplier from the stated unit to the base unit (1.609344 for miles); 1 when they are the same. */
  factor: number;
  /** True when a bare "$" was read as the document's default currency (USD unless pesos are named nearby). */
  currencyAssumed?: boolean;
  /** For rates: the denominator as stated ("per 100,000 residents" → `{ size: 100000, noun: 'residents' }`). */
  per?: { size: number; noun: string };
  /** For flows: the time unit the figure is per ("a year", "per day", "per minute", "annually", "al año"). */
  perTime?: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
}

/**
 * The values a figure can honestly mean, in base units (spec §1). An unbounded side is ±Infinity.
 * - "2,000-mile" → `{ low: 1500 × 1.609344, high: 2500 × 1.609344 }` (km)
 * - "14.4%" → `{ low: 14.35, high: 14.45 }`
 * - "nearly \$677.3 billion" → `{ low: 677.2e9, high: 677.3e9 }`
 * - "over a million" → `{ low: 1e6, high: Infinity, lowOpen: true }`
 * - "at least 5" → `{ low: 5, high: Infinity }`; "up to 1,250" → `{ low: -Infinity, high: 1250 }`; "less than 3" → `highOpen: true`
 * - "11-12 million" → `{ low: 10.5e6, high: 12.5e6 }` (the union of both endpoints' intervals)
 */
export interface Interval {
  low: number;
  high: number;
  /** The low bound itself is excluded ("over", "more than", "X+"). */
  lowOpen?: boolean;
  /** The high bound itself is excluded ("less than", "under", "below"). */
  highOpen?: boolean;
}

/**
 * How a hedge word changes the interval (spec §1):
 * - `approximate`: about, around, approximately, roughly, some, an estimated, est., ~, cerca de, alrededor de → ± one full unit
 * - `nearly`: nearly, almost, casi → [X − unit, X]
 * - `over`: over, more than, above, X+, más de → (X, ∞)
 * - `at-least`: at least, al menos → [X, ∞)
 * - `up-to`: up to, hasta → (−∞, X]
 * - `under`: less than, under, below, fewer than, menos de → (−∞, X)
 */
export type HedgeKind = 'approximate' | 'nearly' | 'over' | 'at-least' | 'up-to' | 'under';

/** A hedge modifying the figure itself. For "nearly \$677.3 billion": `{ kind: 'nearly', text: 'nearly', span: <"nearly"> }`. */
export interface Hedge {
  kind: HedgeKind;
  text: string;
  span: Span;
}

/**
 * Where the period of a figure was found, from nearest to farthest (spec §3):
 * the figure's clause, its sentence, its table row header, its table column header, the nearest heading above it,
 * or the document's own date (for relative periods such as "this year").
 */
export type PeriodBinding = 'clause' | 'sentence' | 'table-row' | 'table-column' | 'heading' | 'document-date';

/**
 * The period a figure is bound to.
 * - "in 2019" in the clause → `{ kind: 'year', start: 2019, end: 2019, text: '2019', binding: 'clause' }`
 * - "FY 2022" → `{ kind: 'fiscal-year', start: 2022, end: 2022, text: 'FY 2022', … }`
 * - "2021-23" → `{ kind: 'year-range', start: 2021, end: 2023, text: '2021-23', … }`
 * - "this year" in a document dated March 2024 → `{ kind: 'year', start: 2024, end: 2024, text: 'this year', binding: 'document-date' }`
 * `span` is where the period text is (absent for the document date when it is not stated near the figure).
 */
export interface Period {
  kind: 'year' | 'fiscal-year' | 'year-range';
  start: number;
  end: number;
  text: string;
  binding: PeriodBinding;
  span?: Span;
}

/**
 * A figure stated as a change or multiple rather than a level.
 * - "up 241%" → `{ kind: 'increase', text: 'up' }`; "fell 12%" → `{ kind: 'decrease', text: 'fell' }`
 * - "6 times" / "sixfold" → `{ kind: 'multiple', text: 'times' }`
 */
export interface FigureChange {
  kind: 'increase' | 'decrease' | 'multiple';
  text: string;
}

/** A stated range: for "11-12 million", `{ low: 11e6, high: 12e6, separator: '-' }` (endpoints in base units, before precision). */
export interface FigureRange {
  low: number;
  high: number;
  separator: string;
}

/**
 * Table context of a figure read from a cell of a GFM table or a tab-separated line.
 * For the cell "124.9" in row "Population (millions, 2019)" under column "Mexico":
 * `{ rowHeader: 'Population (millions, 2019)', columnHeader: 'Mexico', row: 1, column: 1 }` (0-based; row 0 is the header row).
 */
export interface TableContext {
  rowHeader?: string;
  columnHeader?: string;
  row: number;
  column: number;
}

/**
 * One statistic stated in a document.
 *
 * For "nearly \$677.3 billion in two-way trade" in the running example:
 * ```
 * { kind: 'figure', span: <"nearly \$677.3 billion">, valueSpan: <"\$677.3 billion">, text: 'nearly \$677.3 billion',
 *   value: 677.3e9, interval: { low: 677.2e9, high: 677.3e9 }, unit: { dimension: 'currency', base: 'USD', … },
 *   scale: 'billion', hedge: { kind: 'nearly', … }, period: { kind: 'year', start: 2019, binding: 'clause', … },
 *   counted: 'trade', subject: ['mexico', 'largest', 'u.s.', 'trading', 'partner', 'two-way', 'trade'], source: 'text' }
 * ```
 */
export interface Figure {
  kind: 'figure';
  /** The whole figure phrase, hedge and unit included: "nearly two-thousand-miles", "up 241%", "\$50 b.". */
  span: Span;
  /** Just the number with its scale and unit: "two-thousand-miles", "241%", "\$50 b.". */
  valueSpan: Span;
  /** The document text of `span`, as written (Markdown escapes included). */
  text: string;
  /** The stated number in base units (for a range, its midpoint). "\$1.3 trillion" → 1.3e12; "3,175 km" → 3175; "2,000-mile" → 3218.688. */
  value: number;
  /** What the figure can honestly mean, in base units, after precision and hedge (spec §1). */
  interval: Interval;
  /**
   * One unit of the last significant digit of the stated number, in base units: the precision the interval was built from.
   * "2,000" → 1000; "14.4%" → 0.1; "\$1.3 trillion" → 0.1e12.
   */
  step: number;
  unit: FigureUnit;
  /** The scale word or suffix as written: 'billion', 'millones', 'mil millones', 'K', 'b.', 'bn'; absent when none. */
  scale?: string;
  hedge?: Hedge;
  period?: Period;
  /** The head noun counted or measured, lower-cased: 'homicides', 'apprehensions', 'jobs', 'visas', 'trade', 'border'; absent when none is found. */
  counted?: string;
  /**
   * Content words of the figure's clause (lower-cased, function words and numbers removed), from which a quantity
   * identity can be built: ['border', 'trade', 'goods', 'services', 'deficit', 'exports', 'mexico', 'u.s.'].
   * For table cells, the words of the row and column headers come first.
   */
  subject: string[];
  change?: FigureChange;
  range?: FigureRange;
  /** The span of the sentence (or table cell) the figure is in: where derivations such as "X a year or Y a day" are read. */
  sentence: Span;
  source: 'text' | 'table';
  table?: TableContext;
}

/**
 * The date a document states for itself ("March 2024", "Prepared … 2 April 2024", "© 2021"), read from its opening lines.
 * For "Briefing (March 2024)": `{ year: 2024, month: 3, text: 'March 2024', span: <"March 2024"> }`.
 */
export interface DocumentDate {
  year: number;
  month?: number;
  day?: number;
  text: string;
  span: Span;
}

/** Everything the figures layer extracts from one document. */
export interface FigureExtract {
  /** In text order. */
  figures: Figure[];
  documentDate?: DocumentDate;
}
