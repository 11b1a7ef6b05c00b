import { eachContextWord } from '../extract/wordScan';
import type { Span } from '../types';

/** A lower-cased word of a context, with its offset in the document. */
export interface Word {
  text: string;
  start: number;
}

/** The words of `text[span]`, lower-cased ("US" and "U.S." both become "u.s."), with document offsets. */
export function wordsIn(text: string, span: Span): Word[] {
  const words: Word[] = [];
  eachWord(text, span, (word, start) => words.push({ text: word, start }));
  return words;
}

/** The words of `text[span]` as `wordsIn` gives them, without offsets (no object per word, for whole documents). */
export function wordTextsIn(text: string, span: Span): string[] {
  const words: string[] = [];
  eachWord(text, span, (word) => words.push(word));
  return words;
}

/** Calls `visit` with each word of `text[span]` (see `eachContextWord`), lower-cased, and its document offset. */
function eachWord(text: string, span: Span, visit: (word: string, start: number) => void): void {
  const slice = text.slice(span.start, span.end);
  eachContextWord(slice, (start, end) => {
    let word = slice.slice(start, end);
    if (word === 'US' || word === 'USA') word = 'U.S.';
    word = word.toLowerCase();
    // Possessive "'s" and trailing hyphens, tested before replacing: this runs for every word of a document.
    if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
    if (word.endsWith('-')) word = word.replace(/-+$/, '');
    if (word) visit(word, span.start + start);
  });
}

/** "immigrants" → "immigrant", "citizens" → "citizen", "homicides" → "homicide"; short or -ss words unchanged. */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word === 'u.s.') return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

// Where a clause ends inside a sentence: semicolons, spaced dashes, ", while", ", which", colons before a list, ", " in general.
const CLAUSE_BREAK = /;\s|\s[—–-]\s|:\s|,\s|\(|\)|\n/g;

/**
 * The clauses of a sentence as spans, in order. A clause ends at a semicolon, colon, comma followed by
 * a space (so "3,201" and "1,6" stay whole), a spaced dash, a parenthesis or a line break.
 */
export function clausesOf(text: string, sentence: Span): Span[] {
  const clauses: Span[] = [];
  const slice = text.slice(sentence.start, sentence.end);
  let start = 0;
  for (const match of slice.matchAll(CLAUSE_BREAK)) {
    if (match.index > start) clauses.push({ start: sentence.start + start, end: sentence.start + match.index });
    start = match.index + match[0].length;
  }
  if (start < slice.length) clauses.push({ start: sentence.start + start, end: sentence.end });
  return clauses;
}
