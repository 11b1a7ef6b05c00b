import { escapeRegExp, firstMatchAtCandidates, FOLDED_TO_ASCII_ONLY_UNDER_U } from '../../regExps';
import {
  CHANGE_WORDS,
  CURRENCY_PREFIXES,
  CURRENCY_WORDS,
  FRACTION_WORDS,
  FUNCTION_WORDS,
  HEDGES_BEFORE,
  IDENTIFIER_KEYWORDS,
  MULTIPLIER_WORDS,
  NUMBER_WORDS,
  PER_TIME_PHRASES,
  PERCENT,
  PHRASE_BREAKERS,
  SCALE_SUFFIXES,
  SCALE_WORDS,
  TIMES,
  UNIT_WORDS,
  type UnitEntry,
} from './data';
import { isYearLike } from './noise';
import { parseNumberWords, parseNumeral, type Numeral } from './numbers';
import type { FigureChange, FigureRange, FigureUnit, Hedge, HedgeKind } from './types';
import type { Span } from '../../types';

/** A figure as the scanner reads it, before period and context binding. Values are in base units. */
export interface ScannedFigure {
  span: Span;
  valueSpan: Span;
  value: number;
  step: number;
  unit: FigureUnit;
  scale?: string;
  hedge?: Hedge;
  change?: FigureChange;
  range?: FigureRange;
  counted?: string;
  /** Word fractions ("a half-trillion", "one in five") mean ± 5 percentage points of their whole. */
  fraction?: boolean;
  /** Steps of a range's two endpoints, kept apart: "1.4 – 3 million" has steps 0.1 M and 1 M. */
  rangeSteps?: [number, number];
}

/** Hints a table header gives the cells under it: "(Billions)", "\$USD", "(Pounds)", "(% of …)". */
export interface UnitHints {
  scale?: { word: string; factor: number };
  unit?: UnitEntry;
  currency?: string;
  per?: { size: number; noun: string };
  counted?: string;
}

export interface ScanOptions {
  spanish: boolean;
  /** The currency a bare "$" means here: 'MXN' when pesos are named nearby, else 'USD'. */
  dollar: string;
  hints?: UnitHints;
  /** A table cell holding only a number: its scale, unit and noun come from the headers. */
  cell?: boolean;
}

// ---- patterns, built once from the data tables --------------------------------------------------------------

const alternation = (words: Iterable<string>) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|');

const DIGITS = String.raw`\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)*`;
const ARTICLES = ['a', 'an', 'un', 'una'];
const VALUE_WORD_LIST = [...NUMBER_WORDS.keys(), ...FRACTION_WORDS.keys(), ...MULTIPLIER_WORDS.keys()].filter((w) => !ARTICLES.includes(w));
const VALUE_WORDS = alternation(new Set(VALUE_WORD_LIST));
// An article is a number only before a scale word or "half" ("a million", "a half-trillion"); testing every "a" would be slow.
const ARTICLE_VALUE = String.raw`(?:${ARTICLES.join('|')})(?=[\s-]+(?:half|${alternation(SCALE_WORDS.keys())})(?![\p{L}]))`;
// The first letters of the number words: a leading lookahead on them and digits, then an ASCII-only lookbehind, let the
// engine skip to where a figure can start before it tries the \p{…} lookbehind (which alone was tried at every position).
const VALUE_FIRST_LETTERS = escapeRegExp([...new Set([...VALUE_WORD_LIST, ...ARTICLES].map((w) => w[0]!.toLowerCase()))].join(''));
/** Where a figure may start: digits, or a written-out number or fraction. */
const VALUE_START = new RegExp(String.raw`(?=[\d${VALUE_FIRST_LETTERS}])(?<![a-z\d.,\-])(?<![\p{L}\p{N}.,\-])(?:(${DIGITS})|(${VALUE_WORDS}|${ARTICLE_VALUE})(?![\p{L}]))`, 'giu');
// VALUE_START tried at one position (see valueStarts).
const VALUE_AT = new RegExp(VALUE_START.source, 'iuy');
/**
 * Every position VALUE_START can match at, and a few more, without the `u` flag (under which the engine scans slowly):
 * digits, a number word, or an article before a space or hyphen, after no ASCII letter, digit, ".", "," or "-". Without
 * `u`, `i` matches ASCII letters as with `u`, except that "ſ" and "K" (Kelvin) no longer match "s" and "k": a region
 * holding either is scanned with VALUE_START itself.
 */
const VALUE_CANDIDATE = new RegExp(String.raw`(?<![a-z\d.,\-])(?:\d|${VALUE_WORDS}|(?:${ARTICLES.join('|')})(?=[\s-]))`, 'gi');

const SCALE_AFTER = new RegExp(String.raw`^(?:[ \t\u00a0]*\r?\n?[ \t]*|-)(${alternation(SCALE_WORDS.keys())})(?![\p{L}])`, 'iu');
const SUFFIX_GLUED = new RegExp(String.raw`^(${alternation(SCALE_SUFFIXES.keys())})(?![\p{L}\p{N}])`, 'u');
const SUFFIX_SPACED = /^ (b\.|bn|B|M|MM|K|T|tn)(?![\p{L}\p{N}])/u;
const UNIT_AFTER = new RegExp(String.raw`^(?:\s+|-)(?:(?:de|of)\s+)?(${alternation([...UNIT_WORDS.keys(), ...CURRENCY_WORDS.keys()])})(?![\p{L}\p{N}])`, 'iu');
const PERCENT_AFTER = /^ ?%/;
const RANGE_AFTER = new RegExp(String.raw`^\s*(-|–|—|to|and|a|y)\s*(?:(?:US|USD|MX|MXN)?\s?\$\s?|USD\s)?(${DIGITS})`, 'iu');
const OPEN_AFTER = /^(?:\s*\+(?!\d)|\s+(?:or|and)\s+(?:more|above|over|higher)\b|\s+o\s+más\b)/iu;
const PER_TIME_AFTER = new RegExp(String.raw`^[ \t]+(${alternation(PER_TIME_PHRASES.keys())})(?![\p{L}])`, 'iu');
const PER_COUNT_AFTER = new RegExp(String.raw`^[ \t]+(?:per|for every|por cada|por)\s+(${DIGITS})\s+((?:[\p{L}][\p{L}\-]*)(?:\s+[\p{L}][\p{L}\-]*)?)`, 'iu');
const PER_CAPITA_AFTER = /^[ \t]+(per capita|per person|per inhabitant|por habitante|per resident)\b/iu;
const IN_RATIO_AFTER = new RegExp(String.raw`^\s+(?:in|out of|de cada)\s+(?:(\d+)|(${alternation(NUMBER_WORDS.keys())}))(?![\p{L}\p{N}])`, 'iu');
const DEFINITE_BEFORE = /(?:^|[^\p{L}])(?:the|these|those|both|each|its|their|our|his|her|el|la|los|las|sus)\s+$/iu;
const OF_AFTER = /^\s+(?:of|de)\s/iu;
const COMPARATIVE_AFTER = /^\s+(?:a\s+(?:day|week|month|year)|per|each|every|more|less|higher|lower|larger|greater|bigger|smaller|faster|slower|as|the|that|than|más|mayor|menor)\b/iu;
const CHANGE_NOUN_AFTER = /^\s+(increase|rise|jump|growth|gain|drop|decline|decrease|fall|reduction|cut)\b/iu;

const HEDGE_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(${alternation([...HEDGES_BEFORE.keys()].filter((h) => h !== '~'))})\s+$|(~)\s*$`, 'iu');
const CURRENCY_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(${alternation([...CURRENCY_PREFIXES.keys()].filter((c) => /\p{L}/u.test(c)))})\s*(?:\$\s?)?$|([$€£])\s?$`, 'iu');
const IDENTIFIER_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(${alternation(IDENTIFIER_KEYWORDS)})\s*$`, 'iu');
const CHANGE_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(${alternation(CHANGE_WORDS.keys())})(?:\s+by|\s+of|\s+en)?\s+$`, 'iu');
const BETWEEN_BEFORE = /(?:^|[^\p{L}])(?:between|entre)\s+$/iu;
const FROM_BEFORE = /(?:^|[^\p{L}])(?:from|de|desde)\s+$/iu;
const WORD = /^[\s]*([\p{L}][\p{L}\p{M}'’.\-]*)/u;
const IRREGULAR_PLURALS = new Set(['people', 'children', 'men', 'women', 'personnel', 'staff', 'police', 'cattle', 'personas', 'gente']);
const DETERMINERS = new Set(['the', 'its', 'their', 'his', 'her', 'our', 'all', 'a', 'an', 'el', 'la', 'los', 'las', 'su', 'sus', 'these', 'those', 'this', 'total']);

/**
 * Finds every figure in `masked.slice(start, end)` (the noise-masked text: offsets are document offsets).
 * `original` is the document text, used only for the Markdown escape before "$".
 */
export function scanFigures(masked: string, original: string, start: number, end: number, options: ScanOptions): ScannedFigure[] {
  const figures: ScannedFigure[] = [];
  const region = masked.slice(start, end);
  const next = FOLDED_TO_ASCII_ONLY_UNDER_U.test(region) ? nextValueScanned : nextValueAtCandidate;
  let from = 0;
  for (let match = next(region, from); match !== null; match = next(region, from)) {
    from = match.index + match[0].length;
    const figure = readFigure(region, match, start, original, options);
    if (figure) {
      figures.push(figure);
      from = Math.max(from, figure.span.end - start);
    }
  }
  return figures;
}

/** The first match of VALUE_START in `region` at or after `from`. */
function nextValueScanned(region: string, from: number): RegExpExecArray | null {
  VALUE_START.lastIndex = from;
  return VALUE_START.exec(region);
}

/** `nextValueScanned`, trying VALUE_START only where VALUE_CANDIDATE finds a candidate (scanFigures 500 -> 310 ms over 400 documents). */
function nextValueAtCandidate(region: string, from: number): RegExpExecArray | null {
  return firstMatchAtCandidates(region, from, VALUE_CANDIDATE, VALUE_AT);
}

interface Value {
  numeral: Numeral;
  end: number;
  words: boolean;
  fraction: boolean;
  multiplier?: boolean;
  literal: string;
}

function readFigure(region: string, match: RegExpExecArray, base: number, original: string, options: ScanOptions): ScannedFigure | undefined {
  const valueStart = match.index;
  const value = match[1] !== undefined ? digitValue(match[1], match.index, options) : wordValue(region, match.index, match[2]!);
  if (!value) return undefined;
  let cursor = value.end;
  let rest = () => region.slice(cursor, cursor + 60);

  // Scale: "million", "mil millones", "27.0K", "\$50 b.".
  let scale: { word: string; factor: number } | undefined;
  const before = region.slice(Math.max(0, valueStart - 40), valueStart);
  const currencyBefore = CURRENCY_BEFORE.exec(before);
  const glued = SUFFIX_GLUED.exec(rest());
  const spaced = currencyBefore ? SUFFIX_SPACED.exec(rest()) : null;
  const worded = SCALE_AFTER.exec(rest());
  if (!value.words && glued) {
    scale = { word: glued[1]!, factor: SCALE_SUFFIXES.get(glued[1]!)! };
    cursor += glued[0].length;
  } else if (worded) {
    const word = worded[1]!.toLowerCase().replace(/\s+/g, ' ');
    // "mil" is a thousand in Spanish, but the slide-deck abbreviation of "million" in English ("10.7 mil Mexican-born").
    const factor = word === 'mil' && !options.spanish ? 1e6 : SCALE_WORDS.get(word)!;
    scale = { word: worded[1]!, factor };
    cursor += worded[0].length;
    // "two hundred thousand", "cuatro mil millones" where "mil" was read alone.
    const second = SCALE_AFTER.exec(rest());
    if (second && word === 'hundred') {
      scale = { word: `${worded[1]} ${second[1]}`, factor: 100 * SCALE_WORDS.get(second[1]!.toLowerCase().replace(/\s+/g, ' '))! };
      cursor += second[0].length;
    }
  } else if (!value.words && spaced) {
    scale = { word: spaced[1]!, factor: SCALE_SUFFIXES.get(spaced[1]!.replace('.', '')) ?? 1e9 };
    cursor += spaced[0].length;
  }

  // Range: "11-12 million", "1.4 – 3 million", "between \$2.5 and \$3 billion".
  let range: { numeral: Numeral; scale?: { word: string; factor: number } } | undefined;
  // A year is never the low end of a range ("2021-23" is a period, "2023 a \$152.4 billion" is two things).
  const rangeMatch = !value.words && !(isYearLike(value.literal) && !currencyBefore) ? RANGE_AFTER.exec(rest()) : null;
  if (rangeMatch) {
    const separator = rangeMatch[1]!.toLowerCase();
    const betweenContext = BETWEEN_BEFORE.test(before.replace(/[$]\s?$/, ''));
    const fromContext = FROM_BEFORE.test(before.replace(/[$]\s?$/, ''));
    const spanishOnly = (separator === 'a' || separator === 'y') && !options.spanish;
    const allowed = spanishOnly ? false : ['-', '–', '—', 'to', 'a'].includes(separator) ? !fromContext : betweenContext;
    const second = parseNumeral(rangeMatch[2]!, options.spanish);
    if (allowed && second && !scale) {
      const after = cursor + rangeMatch[0].length;
      const secondScale = SUFFIX_GLUED.exec(region.slice(after, after + 10)) ?? SCALE_AFTER.exec(region.slice(after, after + 40));
      const secondFactor = secondScale ? (SCALE_SUFFIXES.get(secondScale[1]!) ?? SCALE_WORDS.get(secondScale[1]!.toLowerCase().replace(/\s+/g, ' '))) : undefined;
      range = { numeral: second, ...(secondScale && secondFactor ? { scale: { word: secondScale[1]!, factor: secondFactor } } : {}) };
      cursor = after + (secondScale && secondFactor ? secondScale[0].length : 0);
      if (range.scale) scale = range.scale;
    } else if (allowed && second && scale) {
      const after = cursor + rangeMatch[0].length;
      const secondScale = SUFFIX_GLUED.exec(region.slice(after, after + 10)) ?? SCALE_AFTER.exec(region.slice(after, after + 40));
      if (secondScale) {
        const factor = SCALE_SUFFIXES.get(secondScale[1]!) ?? SCALE_WORDS.get(secondScale[1]!.toLowerCase().replace(/\s+/g, ' '));
        if (factor) {
          range = { numeral: second, scale: { word: secondScale[1]!, factor } };
          cursor = after + secondScale[0].length;
        }
      }
    }
  }
  rest = () => region.slice(cursor, cursor + 60);

  // Unit: "%", "kilometers", "-mile", "por ciento", "times", "dollars", "de pesos".
  let unitEntry: UnitEntry | undefined;
  let currency = currencyBefore ? currencyCode(currencyBefore[1] ?? currencyBefore[2]!, options) : undefined;
  let stated = currencyBefore ? (currencyBefore[1] ?? currencyBefore[2]!).replace(/\s+/g, '') : '';
  const percent = PERCENT_AFTER.exec(rest());
  if (percent) {
    unitEntry = PERCENT;
    stated = '%';
    cursor += percent[0].length;
  } else {
    const unit = UNIT_AFTER.exec(rest());
    if (unit) {
      const word = unit[1]!.toLowerCase().replace(/\s+/g, ' ');
      const currencyWord = CURRENCY_WORDS.get(word);
      // "de"/"of" before a unit only after a scale word: "1,6 millones de pesos" but not "5 of days".
      const linked = /^(?:\s+|-)(?:de|of)\s/i.test(unit[0]);
      if (!linked || scale) {
        if (currencyWord) {
          currency ??= currencyWord === '$' ? options.dollar : currencyWord;
          if (!stated) stated = word;
          cursor += unit[0].length;
        } else if (!currency) {
          const entry = UNIT_WORDS.get(word)!;
          // Written-out "three times" is as often "on three occasions"; keep it only before a comparison.
          const isTimes = entry === TIMES;
          if (!isTimes || !value.words || COMPARATIVE_AFTER.test(region.slice(cursor + unit[0].length))) {
            unitEntry = entry;
            stated = entry.symbol;
            cursor += unit[0].length;
          }
        }
      }
    }
  }
  if (value.multiplier) unitEntry = TIMES;

  // "one in five", "1 in 4": a share.
  let inRatio: number | undefined;
  if (!unitEntry && !currency && !scale) {
    const ratio = IN_RATIO_AFTER.exec(rest());
    const denominator = ratio ? Number(ratio[1] ?? NUMBER_WORDS.get(ratio[2]!.toLowerCase())) : undefined;
    if (ratio && denominator && denominator > value.numeral.value && denominator <= 1000) {
      inRatio = denominator;
      cursor += ratio[0].length;
    }
  }

  const hints = options.hints;
  if (options.cell && hints) {
    if (!scale && hints.scale) scale = hints.scale;
    if (!unitEntry && !currency && hints.currency) {
      currency = hints.currency;
      stated = hints.currency;
    }
    if (!unitEntry && !currency && hints.unit) {
      unitEntry = hints.unit;
      stated = hints.unit.symbol;
    }
  }

  // What is not a figure.
  const literal = value.literal;
  const bare = !scale && !unitEntry && !currency && inRatio === undefined;
  // Written-out counts ("ten posts", "four pillars") are kept only before a plural noun, and not after "the" ("the three countries").
  const wordCount = value.words && bare && !value.fraction;
  if (wordCount && (value.numeral.value < 2 || DEFINITE_BEFORE.test(before))) return undefined;
  // "Dos Bocas", "Three Amigos": a capitalised number word before a capitalised word is part of a name.
  if (value.words && /^\p{Lu}/u.test(value.literal) && /^[\s-]+\p{Lu}\p{Ll}/u.test(region.slice(value.end, value.end + 4)) && !scale) return undefined;
  // "Almost half of Mexicans", "a third of exports": a share.
  const shareOf = value.words && value.fraction && !scale && OF_AFTER.test(rest());
  // "a minute", "a year": an article, not a number, unless a scale follows ("a million").
  if (value.words && !scale && /^(?:a|an|un|una)$/i.test(value.literal)) return undefined;
  if (value.words && value.fraction && !scale && inRatio === undefined && !shareOf) return undefined;
  if (bare && !value.words && isYearLike(literal.trim())) return undefined;
  if (!value.words && /^\p{L}/u.test(region.slice(cursor, cursor + 1)) && !/^[\s-]/.test(region.slice(cursor))) return undefined;
  if (!currencyBefore && IDENTIFIER_BEFORE.test(before)) return undefined;
  if (bare && /^\s*[.)]\s*$/.test(region.slice(Math.max(0, valueStart - 2), valueStart)) && valueStart <= 2) return undefined;

  // Hedges, changes and open bounds.
  const prefixStart = currencyBefore ? valueStart - (before.length - currencyBefore.index - (currencyBefore[0].length - currencyBefore[0].trimStart().length)) : valueStart;
  const beforePrefix = region.slice(Math.max(0, prefixStart - 40), prefixStart);
  let hedge: Hedge | undefined;
  const hedgeMatch = HEDGE_BEFORE.exec(beforePrefix);
  let spanStart = prefixStart;
  if (hedgeMatch) {
    const text = hedgeMatch[1] ?? hedgeMatch[2]!;
    const at = prefixStart - (beforePrefix.length - beforePrefix.lastIndexOf(text));
    hedge = { kind: HEDGES_BEFORE.get(text.toLowerCase().replace(/\s+/g, ' '))!, text, span: { start: base + at, end: base + at + text.length } };
    spanStart = at;
  }
  const open = OPEN_AFTER.exec(rest());
  if (open && !hedge) {
    const kind: HedgeKind = open[0].includes('+') ? 'over' : 'at-least';
    const text = open[0].trim();
    const at = cursor + open[0].indexOf(text);
    hedge = { kind, text, span: { start: base + at, end: base + at + text.length } };
    cursor += open[0].length;
  }
  let change: FigureChange | undefined;
  const changeBefore = CHANGE_BEFORE.exec(region.slice(Math.max(0, spanStart - 30), spanStart));
  const changeAfter = CHANGE_NOUN_AFTER.exec(rest());
  if (unitEntry === TIMES) change = { kind: 'multiple', text: value.multiplier ? literal : 'times' };
  else if (changeBefore) change = { kind: CHANGE_WORDS.get(changeBefore[1]!.toLowerCase())!, text: changeBefore[1]! };
  else if (changeAfter) change = { kind: /increase|rise|jump|growth|gain/i.test(changeAfter[1]!) ? 'increase' : 'decrease', text: changeAfter[1]! };

  // The number in base units.
  const scaleFactor = scale?.factor ?? 1;
  const unitFactor = unitEntry?.factor ?? 1;
  let factor = scaleFactor * unitFactor;
  let numeral = value.numeral;
  let dimensionUnit: FigureUnit;
  let fraction = value.fraction;
  if (shareOf) {
    numeral = { value: value.numeral.value * 100, step: 10 };
    factor = 1;
    dimensionUnit = { dimension: 'percent', base: '%', stated: 'of', factor: 1 };
  } else if (inRatio !== undefined) {
    numeral = { value: (value.numeral.value / inRatio) * 100, step: 10 };
    fraction = true;
    factor = 1;
    dimensionUnit = { dimension: 'percent', base: '%', stated: `in ${inRatio}`, factor: 1 };
  } else if (currency) {
    dimensionUnit = { dimension: 'currency', base: currency, stated: stated || '$', factor: 1 };
    if (stated === '$' || (stated && CURRENCY_WORDS.get(stated) === '$' && !currencyBefore)) dimensionUnit.currencyAssumed = true;
  } else if (unitEntry) {
    dimensionUnit = { dimension: unitEntry.dimension, base: unitEntry.base, stated, factor: unitEntry.factor };
  } else if (hints?.per && options.cell) {
    dimensionUnit = { dimension: 'rate', base: 'per-one', stated: `per ${hints.per.size}`, factor: 1 / hints.per.size, per: hints.per };
    factor = scaleFactor / hints.per.size;
  } else {
    dimensionUnit = { dimension: 'count', base: 'count', stated: '', factor: 1 };
  }
  if (fraction && inRatio === undefined && !shareOf) numeral = { value: numeral.value, step: 0.1 };

  // Rates and flows: "28 victims per 100,000 residents", "\$3.6 million a day".
  let counted: string | undefined;
  const afterUnit = cursor;
  const perTime = PER_TIME_AFTER.exec(rest());
  if (perTime) {
    dimensionUnit.perTime = PER_TIME_PHRASES.get(perTime[1]!.toLowerCase().replace(/\s+/g, ' '))!;
    cursor += perTime[0].length;
  }
  // A measured length or weight names its noun with "of" ("3175 kilometers of shared border") or as an adjective
  // ("2,000-mile border"); a word right after a spaced unit is not its noun ("3,175 km long").
  const measured = ['length', 'area', 'weight', 'volume', 'energy', 'power', 'duration'].includes(dimensionUnit.dimension);
  const hyphenated = /-\p{L}+$/u.test(region.slice(value.end, afterUnit).trim());
  const np = nounPhraseAfter(region, cursor, dimensionUnit.dimension !== 'count' || scale !== undefined, !measured || hyphenated);
  counted = np?.head;
  const npEnd = np?.end ?? cursor;
  const perCount = PER_COUNT_AFTER.exec(region.slice(cursor, cursor + 60)) ?? PER_COUNT_AFTER.exec(region.slice(npEnd, npEnd + 60));
  const perCapita = PER_CAPITA_AFTER.exec(region.slice(cursor, cursor + 40)) ?? PER_CAPITA_AFTER.exec(region.slice(npEnd, npEnd + 40));
  let phraseEnd = afterUnit;
  if (perCount && dimensionUnit.dimension === 'count') {
    const size = parseNumeral(perCount[1]!, options.spanish)?.value;
    if (size && size > 1) {
      const perStart = region.indexOf(perCount[0], cursor);
      phraseEnd = perStart + perCount[0].length;
      const noun = perCount[2]!.toLowerCase().split(/\s+/).filter((w) => !FUNCTION_WORDS.has(w)).pop() ?? perCount[2]!.toLowerCase();
      dimensionUnit = { dimension: 'rate', base: 'per-one', stated: `per ${perCount[1]}`, factor: 1 / size, per: { size, noun } };
      factor = scaleFactor / size;
    }
  } else if (perCapita && (dimensionUnit.dimension === 'currency' || dimensionUnit.dimension === 'count')) {
    dimensionUnit.per = { size: 1, noun: 'person' };
  }
  if (!perTime && np) {
    const lateTime = PER_TIME_AFTER.exec(region.slice(npEnd, npEnd + 30));
    if (lateTime) dimensionUnit.perTime = PER_TIME_PHRASES.get(lateTime[1]!.toLowerCase().replace(/\s+/g, ' '))!;
  }
  if (wordCount && !(np && isPlural(np.head) && np.start === npStartExpected(region, afterUnit))) return undefined;
  if (!counted && options.cell && hints?.counted) counted = hints.counted;
  if (!counted && dimensionUnit.dimension === 'count' && !hedge && !scale && !options.cell && value.numeral.value < 10 && Number.isInteger(value.numeral.value)) {
    // A lone small integer with nothing counted is a label or an enumeration, not a statistic.
    return undefined;
  }

  const valueSpanStart = currencyBefore ? prefixStart : valueStart;
  const escapeStart = valueSpanStart > 0 && original[base + valueSpanStart - 1] === '\\' && region[valueSpanStart] === '$' ? valueSpanStart - 1 : valueSpanStart;
  if (spanStart === valueSpanStart) spanStart = escapeStart;
  const valueEnd = trimEnd(region, afterUnit, valueStart);
  const result: ScannedFigure = {
    span: { start: base + spanStart, end: base + Math.max(valueEnd, phraseEnd, hedge && hedge.span.end - base > valueEnd ? hedge.span.end - base : valueEnd) },
    valueSpan: { start: base + escapeStart, end: base + valueEnd },
    value: numeral.value * factor,
    step: numeral.step * factor,
    unit: dimensionUnit,
    ...(scale ? { scale: scale.word } : {}),
    ...(hedge ? { hedge } : {}),
    ...(change ? { change } : {}),
    ...(counted ? { counted } : {}),
    ...(fraction ? { fraction: true } : {}),
  };
  if (range) {
    const firstFactor = (scale === range.scale ? range.scale?.factor ?? 1 : scaleFactor) * unitFactor;
    const secondFactor = (range.scale?.factor ?? scaleFactor) * unitFactor;
    const low = value.numeral.value * firstFactor;
    const high = range.numeral.value * secondFactor;
    if (high <= low) return result.value === 0 ? undefined : { ...result };
    const separator = RANGE_AFTER.exec(region.slice(value.end, value.end + 20))?.[1] ?? '-';
    result.range = { low, high, separator } satisfies FigureRange;
    result.value = (low + high) / 2;
    result.step = Math.max(value.numeral.step * firstFactor, range.numeral.step * secondFactor);
    result.rangeSteps = [value.numeral.step * firstFactor, range.numeral.step * secondFactor];
  }
  return result;
}

function digitValue(literal: string, index: number, options: ScanOptions): Value | undefined {
  const trimmed = literal.replace(/[ \u00a0\u202f]+$/, '');
  const numeral = parseNumeral(trimmed, options.spanish);
  if (!numeral) return undefined;
  return { numeral, end: index + trimmed.length, words: false, fraction: false, literal: trimmed };
}

/** Written-out numbers and fractions: "eleven million", "two-thousand-miles", "a half-trillion", "one in five", "sixfold". */
function wordValue(region: string, index: number, first: string): Value | undefined {
  const lowerFirst = first.toLowerCase().replace(/\s+/g, ' ');
  const multiplier = MULTIPLIER_WORDS.get(lowerFirst);
  if (multiplier !== undefined) {
    return { numeral: { value: multiplier, step: 1 }, end: index + first.length, words: true, fraction: false, multiplier: true, literal: first };
  }
  const fraction = FRACTION_WORDS.get(lowerFirst);
  if (fraction !== undefined) return { numeral: { value: fraction, step: 0.1 }, end: index + first.length, words: true, fraction: true, literal: first };
  // "a half" is read as a fraction only when "half" follows directly.
  const words: string[] = [];
  const ends: number[] = [];
  const re = /([\p{L}]+)([\s-]+|$)/uy;
  re.lastIndex = index;
  let m: RegExpExecArray | null;
  while (words.length < 6 && (m = re.exec(region))) {
    words.push(m[1]!.toLowerCase());
    ends.push(m.index + m[1]!.length);
  }
  if ((words[0] === 'a' || words[0] === 'an' || words[0] === 'one') && words[1] === 'half') {
    return { numeral: { value: 0.5, step: 0.1 }, end: ends[1]!, words: true, fraction: true, literal: region.slice(index, ends[1]) };
  }
  const parsed = parseNumberWords(words);
  if (!parsed) return undefined;
  // Written-out numbers follow the precision rule of digits: "ten" is 10 ± 5, "twenty-five" 25 ± 0.5.
  const step = 10 ** (String(parsed.value).length - String(parsed.value).replace(/0+$/, '').length);
  return { numeral: { value: parsed.value, step }, end: ends[parsed.used - 1]!, words: true, fraction: false, literal: region.slice(index, ends[parsed.used - 1]) };
}

function currencyCode(prefix: string, options: ScanOptions): string {
  const code = CURRENCY_PREFIXES.get(prefix.toLowerCase().replace(/\s+/g, '')) ?? CURRENCY_PREFIXES.get(prefix.toLowerCase()) ?? '$';
  return code === '$' ? options.dollar : code;
}

/**
 * The noun phrase after a figure and its head: "homicides" in "35,484 homicides in 2020",
 * "visas" in "65 000 additional H2-B visas", "trade" in "\$677.3 billion in two-way trade" (`linked`: may start with "of"/"in").
 */
function nounPhraseAfter(region: string, at: number, linked: boolean, direct = true): { head: string; end: number; start: number } | undefined {
  let cursor = at;
  const words: { word: string; end: number; start: number }[] = [];
  let first = true;
  for (let n = 0; n < 8 && words.length < 4; n++) {
    const gap = /^[ \t\u00a0*_]*(?:\r?\n[ \t]*)?(?:-(?=\p{L}))?/u.exec(region.slice(cursor))![0];
    if (gap.length === 0 && n > 0) break;
    const m = WORD.exec(region.slice(cursor + gap.length, cursor + gap.length + 40));
    if (!m) break;
    let word = /^(?:\p{L}\.)+$/u.test(m[1]!) ? m[1]! : m[1]!.replace(/[.\-]+$/, '');
    const lower = word.toLowerCase();
    const end = cursor + gap.length + m[0].length - (m[1]!.length - word.length);
    if (first && linked && ['of', 'in', 'de', 'en', 'for', 'on', 'para'].includes(lower)) {
      cursor = end;
      first = false;
      continue;
    }
    if (first && !direct) return undefined;
    first = false;
    if (words.length === 0 && DETERMINERS.has(lower)) {
      cursor = end;
      continue;
    }
    if (FUNCTION_WORDS.has(lower) || PHRASE_BREAKERS.has(lower) || PER_TIME_PHRASES.has(lower)) break;
    // What is left of a masked code ("H2-B" → "H", "B") qualifies the noun; it is not the noun.
    if (word.length === 1) {
      cursor = end;
      continue;
    }
    if (/^(?:\p{Lu}\.)+$/u.test(word) === false) word = word.replace(/'s$|’s$/, '');
    words.push({ word: lower, end, start: cursor + gap.length });
    cursor = end;
    if (isPlural(lower) && !/^(?:\p{L}\.)+$/u.test(lower)) break;
    if (/^[,;:.)]/.test(region.slice(cursor, cursor + 1))) break;
  }
  if (words.length === 0) return undefined;
  const last = words[words.length - 1]!;
  return { head: last.word, end: last.end, start: words[0]!.start };
}

function isPlural(word: string): boolean {
  if (IRREGULAR_PLURALS.has(word)) return true;
  return word.length > 3 && /[^su'’]s$/.test(word) && !/(?:ss|us|is|ics)$/.test(word) && !/^(?:\p{L}\.)+$/u.test(word);
}

/** Where a noun phrase right after `at` starts (the next word, past spaces): a written-out count must touch its noun. */
function npStartExpected(region: string, at: number): number {
  return at + (/^[ \t\u00a0*_]*/.exec(region.slice(at))![0].length);
}

/** Backs off trailing spaces so a span ends at its last visible character. */
function trimEnd(region: string, end: number, floor: number): number {
  let e = end;
  while (e > floor && /\s/.test(region[e - 1]!)) e--;
  return e;
}
