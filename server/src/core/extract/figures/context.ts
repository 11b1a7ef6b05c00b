import { FOLDED_TO_ASCII_ONLY_UNDER_U } from '../../regExps';
import { CURRENCY_WORDS, FUNCTION_WORDS, SCALE_WORDS, UNIT_WORDS } from './data';
import type { Span } from '../../types';

// Words after which a period does not end a sentence: "U.S. Government", "p. 6", "approx. 3".
const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'nos', 'p', 'pp', 'vol', 'approx', 'est', 'inc', 'jr', 'sr', 'gen', 'gov', 'sen',
  'rep', 'dept', 'fig', 'vs', 'al', 'ca', 'amb', 'lt', 'col', 'sra', 'sr', 'lic', 'ee.uu', 'art', 'núm', 'ret',
]);

/** The sentences of `text.slice(start, end)`, as spans covering it in order. A blank line always ends a sentence. */
export function sentenceSpans(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  const boundary = /[.!?]+["”’)\]]*(?=\s+["“(¿¡\\*_]?[\p{Lu}\d$])|\r?\n[ \t]*\r?\n/gu;
  boundary.lastIndex = start;
  let from = start;
  let m: RegExpExecArray | null;
  const region = text.slice(0, end);
  while ((m = boundary.exec(region))) {
    const stop = m.index + m[0].length;
    if (m[0][0] === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    spans.push({ start: from, end: stop });
    from = stop;
  }
  if (from < end) spans.push({ start: from, end });
  return spans;
}

/** The clause of a sentence around `at`: the stretch between ";", ":", dashes and ", " that holds it. */
export function clauseAround(text: string, sentence: Span, at: Span): Span {
  const boundary = /;|:(?!\d)|—|\s–\s(?!\d)|,\s/g;
  let start = sentence.start;
  let end = sentence.end;
  boundary.lastIndex = sentence.start;
  const region = text.slice(0, sentence.end);
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(region))) {
    // An opening phrase ("In 2019, …") belongs to the clause after it.
    const opening = start === sentence.start && m[0].startsWith(',') && text.slice(sentence.start, m.index).trim().split(/\s+/).length <= 4;
    if (opening) continue;
    if (m.index + m[0].length <= at.start) start = m.index + m[0].length;
    else if (m.index >= at.end) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/**
 * Content words of a stretch of text, lower-cased, in order and without repeats: the raw material of a
 * quantity identity. "U.S.", "US" and "USA" become "u.s."; hyphenated words also give their parts
 * ("U.S.-Mexico" → "u.s.", "mexico"; "two-way" → "two-way"). `cache` keeps each span's words for the next
 * figure of the same sentence, clause or table header (one per document).
 */
export function contentWords(text: string, span: Span, into: string[] = [], seen = new Set<string>(into), cache?: Map<string, string[]>): string[] {
  const key = cache && `${span.start}:${span.end}`;
  let words = key === undefined ? undefined : cache!.get(key);
  if (!words) {
    words = spanWords(text, span);
    if (key !== undefined) cache!.set(key, words);
  }
  for (const word of words) {
    // Units and scale words say how a figure is written, not what it measures.
    if (word.length < 2 || FUNCTION_WORDS.has(word) || UNIT_WORDS.has(word) || SCALE_WORDS.has(word) || CURRENCY_WORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
    into.push(word);
  }
  return into;
}

const TRAILING_MARKS = /[.\-'’]+$/;

/** Every word (and part of a hyphenated word) of `text[span]`, normalised, before filtering. */
function spanWords(text: string, span: Span): string[] {
  const words: string[] = [];
  const slice = text.slice(span.start, span.end);
  for (const m of slice.matchAll(/[\p{L}][\p{L}\p{M}.'’\-]*/gu)) {
    // Tested before replacing: this runs for every word of every figure's context.
    let raw = m[0];
    if (TRAILING_MARKS.test(raw)) raw = raw.replace(TRAILING_MARKS, '');
    if (raw.endsWith("'s") || raw.endsWith('’s')) raw = raw.slice(0, -2);
    for (const part of splitWord(raw)) words.push(normalise(part));
  }
  return words;
}

function splitWord(word: string): string[] {
  if (!word.includes('-') && !word.includes('–')) return [word];
  const parts = word.split(/[-–]/).filter((p) => p.length > 0);
  // "U.S.-Mexico" names two places; "two-way" is one word.
  return parts.some((p) => /^(?:\p{Lu}\.?){2,}$/u.test(p) || /^\p{Lu}/u.test(p)) ? parts : [word];
}

function normalise(word: string): string {
  // Both patterns need a capital U or a dot: most words have neither.
  if (word.startsWith('U') && /^(?:U\.?S\.?A?\.?|US|USA)$/.test(word)) return 'u.s.';
  if (word.includes('.') && /^(?:\p{Lu}\.)+\p{Lu}?$/u.test(word)) return word.toLowerCase().replace(/\.?$/, '.');
  return word.toLowerCase();
}

// Each word's first letters, then an ASCII-only lookbehind, before the \p{L} lookbehind: the engine skips to candidates
// instead of trying the \p{L} lookbehind at every position (3x faster for SPANISH).
const SPANISH = /(?=[dlyeqpcusam])(?<![a-z])(?<![\p{L}])(?:de|la|el|los|las|en|y|que|del|por|con|para|una|se|al|millones|dólares|pesos)(?![\p{L}])/giu;
const ENGLISH = /(?=[toaifwbmd])(?<![a-z])(?<![\p{L}])(?:the|of|and|to|in|is|for|that|with|on|by|as|million|billion|dollars)(?![\p{L}])/giu;

// SPANISH tried at one position (see spanishWords).
const SPANISH_AT = new RegExp(SPANISH.source, 'iuy');
/**
 * Every position SPANISH can match at, and a few more, without the `u` flag (which makes the engine scan slowly): its words
 * after and before no ASCII letter. Without `u`, `i` matches ASCII letters as with `u`, except that "ſ" and Kelvin "K" no
 * longer match "s" and "k": a text holding either is scanned with SPANISH itself.
 */
const SPANISH_CANDIDATE = /(?<![a-z])(?:de|la|el|los|las|en|y|que|del|por|con|para|una|se|al|millones|dólares|pesos)(?![a-z])/gi;

/** Whether a stretch of text reads as Spanish (more Spanish than English function words): decides "3.175". */
export function isSpanish(text: string): boolean {
  const spanish = spanishWords(text);
  if (spanish === 0) return false;
  // Counting English words stops where they are as many: most texts are English.
  ENGLISH.lastIndex = 0;
  let english = 0;
  while (english < spanish && ENGLISH.exec(text) !== null) english++;
  ENGLISH.lastIndex = 0;
  return spanish > english;
}

/** How many matches of SPANISH `text` holds (isSpanish 165 -> 115 ms over 400 documents). */
function spanishWords(text: string): number {
  if (FOLDED_TO_ASCII_ONLY_UNDER_U.test(text)) return text.match(SPANISH)?.length ?? 0;
  let count = 0;
  SPANISH_CANDIDATE.lastIndex = 0;
  for (let candidate = SPANISH_CANDIDATE.exec(text); candidate !== null; candidate = SPANISH_CANDIDATE.exec(text)) {
    SPANISH_AT.lastIndex = candidate.index;
    const match = SPANISH_AT.exec(text);
    if (match === null) {
      SPANISH_CANDIDATE.lastIndex = candidate.index + 1;
    } else {
      count++;
      SPANISH_CANDIDATE.lastIndex = candidate.index + match[0].length;
    }
  }
  return count;
}
