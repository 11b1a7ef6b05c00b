import { analyzeDocument, formatOf, WorkspaceIndex } from '../../server/src/core/api';
import type { DocumentAnalysis } from '../../server/src/core/document';
import type { Figure, FigureUnit, HedgeKind, Interval } from '../../server/src/core/extract/figures/types';
import { toUri } from './inMemoryWorkspace';

/**
 * Hand-built figure records, so conflict detection can be tested on exact inputs independently of the
 * figures extractor. `phrase` is located in `text` (its `nth` occurrence); the interval is computed from
 * `value`, `step` and the hedge as spec §1 says.
 */
export interface FigureSpec {
  phrase: string;
  nth?: number;
  value: number;
  step: number;
  unit?: 'USD' | 'km' | 'mi' | 'count' | '%' | 'pp';
  hedge?: HedgeKind;
  /** Length of the hedge words at the start of `phrase` ("over " → 5). */
  hedgeLength?: number;
  year?: number;
  fiscal?: boolean;
  perTime?: FigureUnit['perTime'];
  change?: 'increase' | 'decrease' | 'multiple';
  range?: [number, number];
  counted?: string;
  table?: { rowHeader?: string; columnHeader?: string; row: number; column: number };
}

const UNITS: Record<NonNullable<FigureSpec['unit']>, FigureUnit> = {
  USD: { dimension: 'currency', base: 'USD', stated: '$', factor: 1 },
  km: { dimension: 'length', base: 'km', stated: 'km', factor: 1 },
  mi: { dimension: 'length', base: 'km', stated: 'mi', factor: 1.609344 },
  count: { dimension: 'count', base: 'count', stated: '', factor: 1 },
  '%': { dimension: 'percent', base: '%', stated: '%', factor: 1 },
  pp: { dimension: 'percentage-point', base: 'pp', stated: 'pp', factor: 1 },
};

/** The interval spec §1 gives a value stated with precision `step` under `hedge`. */
export function intervalOf(value: number, step: number, hedge?: HedgeKind, range?: [number, number]): Interval {
  if (range) return { low: range[0] - step / 2, high: range[1] + step / 2 };
  switch (hedge) {
    case 'approximate':
      return { low: value - step, high: value + step };
    case 'nearly':
      return { low: value - step, high: value };
    case 'over':
      return { low: value, high: Infinity, lowOpen: true };
    case 'at-least':
      return { low: value, high: Infinity };
    case 'up-to':
      return { low: -Infinity, high: value };
    case 'under':
      return { low: -Infinity, high: value, highOpen: true };
    default:
      return { low: value - step / 2, high: value + step / 2 };
  }
}

// A sentence ends at ". " or a line break, except after an abbreviation such as "U.S.".
const SENTENCE_END = /(?<!\b\p{Lu}\.\p{Lu})\.(?=\s)|\n/gu;

function sentenceAround(text: string, start: number, end: number): { sentenceStart: number; sentenceEnd: number } {
  let sentenceStart = 0;
  let sentenceEnd = text.length;
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match.index < start) sentenceStart = match.index + match[0].length;
    else if (match.index >= end) {
      sentenceEnd = match.index;
      break;
    }
  }
  while (/\s/.test(text[sentenceStart] ?? '')) sentenceStart++;
  return { sentenceStart, sentenceEnd };
}

/** The figure record for `spec` in `text`. */
export function figureIn(text: string, spec: FigureSpec): Figure {
  let start = -1;
  for (let i = 0; i <= (spec.nth ?? 0); i++) {
    start = text.indexOf(spec.phrase, start + 1);
    if (start === -1) throw new Error(`“${spec.phrase}” not in text`);
  }
  const end = start + spec.phrase.length;
  const unit = { ...UNITS[spec.unit ?? 'count'], ...(spec.perTime ? { perTime: spec.perTime } : {}) };
  const { sentenceStart, sentenceEnd } = sentenceAround(text, start, end);
  const hedgeLength = spec.hedgeLength ?? 0;
  return {
    kind: 'figure',
    span: { start, end },
    valueSpan: { start: start + hedgeLength, end },
    text: spec.phrase,
    value: spec.value,
    interval: intervalOf(spec.value, spec.step, spec.hedge, spec.range),
    step: spec.step,
    unit,
    ...(spec.hedge ? { hedge: { kind: spec.hedge, text: spec.phrase.slice(0, hedgeLength).trim(), span: { start, end: start + hedgeLength } } } : {}),
    ...(spec.year ? { period: { kind: spec.fiscal ? 'fiscal-year' : 'year', start: spec.year, end: spec.year, text: String(spec.year), binding: 'sentence' } } : {}),
    ...(spec.counted ? { counted: spec.counted } : {}),
    subject: [],
    ...(spec.change ? { change: { kind: spec.change, text: spec.change === 'increase' ? 'up' : 'down' } } : {}),
    ...(spec.range ? { range: { low: spec.range[0], high: spec.range[1], separator: '-' } } : {}),
    sentence: { start: sentenceStart, end: sentenceEnd },
    source: spec.table ? 'table' : 'text',
    ...(spec.table ? { table: spec.table } : {}),
  };
}

/** A document analysed by the real pipeline, with hand-built figures in place of the extractor's. */
export function documentWithFigures(name: string, text: string, specs: readonly FigureSpec[]): DocumentAnalysis {
  const uri = toUri(name);
  const analysis = analyzeDocument({ uri, version: 1, format: formatOf(uri), text });
  const figures = specs.map((spec) => figureIn(text, spec)).sort((a, b) => a.span.start - b.span.start);
  // The derived values were computed from the extractor's figures: drop them so they follow the hand-built ones.
  return Object.assign(analysis, { figures: { figures }, derived: undefined });
}

/** An index of documents with hand-built figures. */
export function indexWithFigures(documents: Record<string, { text: string; figures: readonly FigureSpec[] }>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, { text, figures }] of Object.entries(documents)) index.set(documentWithFigures(name, text, figures));
  return index;
}
