import { NUMBER_WORDS, SCALE_WORDS } from './data';

/** A number as written, before scale and unit: its value and one unit of its last significant digit. */
export interface Numeral {
  value: number;
  /** "2,000" → 1000 (trailing zeros of an integer are not significant); "14.4" → 0.1; "27.0" → 0.1; "3175" → 1. */
  step: number;
}

/**
 * Reads a digit literal such as "35,484", "65 000", "1,6", "3.175", "1.234,5" or "677.3".
 * `spanish` decides the one ambiguous shape, a single "." followed by exactly three digits ("3.175"):
 * a thousands separator in Spanish text, a decimal point in English text.
 * Returns `undefined` for shapes that are not one number ("1,2,3", "1.2.3").
 */
export function parseNumeral(literal: string, spanish: boolean): Numeral | undefined {
  const text = literal.replace(/[\u00a0\u202f\u2009 ]/g, ' ');
  if (/ /.test(text)) {
    // Space-grouped thousands: "65 000", "11 815".
    if (!/^\d{1,3}( \d{3})+$/.test(text)) return undefined;
    return integerNumeral(text.replace(/ /g, ''));
  }
  const commas = (text.match(/,/g) ?? []).length;
  const dots = (text.match(/\./g) ?? []).length;
  if (commas === 0 && dots === 0) return integerNumeral(text);
  if (commas > 0 && dots > 0) {
    const lastComma = text.lastIndexOf(',');
    const lastDot = text.lastIndexOf('.');
    // The later separator is the decimal mark: "1,234.5" (English) or "1.234,5" (Spanish).
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole, fraction, extra] = text.split(decimal);
    if (extra !== undefined || !groupedCorrectly(whole!, group)) return undefined;
    return decimalNumeral(whole!.split(group).join(''), fraction!);
  }
  const separator = commas > 0 ? ',' : '.';
  const count = commas + dots;
  const parts = text.split(separator);
  if (count > 1) {
    return groupedCorrectly(text, separator) ? integerNumeral(parts.join('')) : undefined;
  }
  const [whole, fraction] = parts as [string, string];
  const thousands = fraction.length === 3 && whole.length <= 3 && whole !== '0' && (separator === ',' || spanish);
  return thousands ? integerNumeral(whole + fraction) : decimalNumeral(whole, fraction);
}

function groupedCorrectly(text: string, separator: string): boolean {
  const parts = text.split(separator);
  return parts[0]!.length >= 1 && parts[0]!.length <= 3 && parts.slice(1).every((part) => part.length === 3);
}

function integerNumeral(digits: string): Numeral | undefined {
  if (!/^\d+$/.test(digits)) return undefined;
  const value = Number(digits);
  const trailingZeros = value === 0 ? 0 : digits.length - digits.replace(/0+$/, '').length;
  return { value, step: 10 ** trailingZeros };
}

function decimalNumeral(whole: string, fraction: string): Numeral | undefined {
  if (!/^\d*$/.test(whole) || !/^\d+$/.test(fraction)) return undefined;
  return { value: Number(`${whole || '0'}.${fraction}`), step: 10 ** -fraction.length };
}

/**
 * Reads written-out numbers: "eleven", "twenty-five", "two thousand", "a hundred", "cuatro mil".
 * `words` are lower-cased tokens (hyphenated compounds already split). Scale words at the end are left to the
 * caller (they are the figure's scale), so "two-thousand" reads as 2 followed by the scale "thousand".
 * Returns the value and how many tokens it used, or `undefined` when the first token is not a number word.
 */
export function parseNumberWords(words: readonly string[]): { value: number; used: number } | undefined {
  let value = 0;
  let used = 0;
  for (const word of words) {
    const n = NUMBER_WORDS.get(word);
    if (n !== undefined && (used === 0 || (n < 10 && value % 10 === 0 && value >= 20 && value < 100))) {
      if ((word === 'a' || word === 'an') && used > 0) break;
      value += n;
      used++;
      continue;
    }
    if (word === 'hundred' && used > 0 && value < 10) {
      value *= 100;
      used++;
      continue;
    }
    break;
  }
  return used === 0 ? undefined : { value, used };
}

/** Whether a lower-cased token is a scale word ("million", "millones", "mil"). */
export function isScaleWord(word: string): boolean {
  return SCALE_WORDS.has(word);
}
