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

/**
 * Calls `visit` with each word of `text[span]`, lower-cased, and its document offset. A word is what
 * `(?:\p{L}\.){2,}|\p{L}[\p{L}\p{N}'’-]*` matches ("U.S." and "U.S.A." keep their dots), read by hand
 * because this runs over every word of a document and the regex was most of its cost.
 */
function eachWord(text: string, span: Span, visit: (word: string, start: number) => void): void {
  const slice = text.slice(span.start, span.end);
  const end = slice.length;
  let at = 0;
  while (at < end) {
    const first = codePointLength(slice, at, end);
    if (!isLetter(slice, at, first)) {
      at += first;
      continue;
    }
    let stop = dottedEnd(slice, at, end);
    if (stop === -1) {
      stop = at + first;
      for (let next = codePointLength(slice, stop, end); stop < end && isWordPart(slice, stop, next); next = codePointLength(slice, stop, end)) stop += next;
    }
    let word = slice.slice(at, stop);
    if (word === 'US' || word === 'USA') word = 'U.S.';
    word = word.toLowerCase();
    // Possessive "'s" and trailing hyphens, tested before replacing: this runs for every word of a document.
    if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
    if (word.endsWith('-')) word = word.replace(/-+$/, '');
    if (word) visit(word, span.start + at);
    at = stop;
  }
}

/** Where `(?:\p{L}\.){2,}` starting at `at` ends, or -1 when it does not match there. */
function dottedEnd(text: string, at: number, end: number): number {
  let pairs = 0;
  let cursor = at;
  for (;;) {
    const length = codePointLength(text, cursor, end);
    if (cursor + length >= end || text.charCodeAt(cursor + length) !== 46 /* . */ || !isLetter(text, cursor, length)) break;
    cursor += length + 1;
    pairs++;
  }
  return pairs >= 2 ? cursor : -1;
}

/** 2 for a surrogate pair at `at` (both halves before `end`), else 1. */
function codePointLength(text: string, at: number, end: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < end) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 2;
  }
  return 1;
}

const LETTER = /^\p{L}$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** `\p{L}` for the code point at `at`, ASCII without a regex. */
function isLetter(text: string, at: number, length: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(text.slice(at, at + length));
}

/** `[\p{L}\p{N}'’-]` for the code point at `at`, ASCII without a regex. */
function isWordPart(text: string, at: number, length: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || code === 45;
  return code === 0x2019 || LETTER_OR_NUMBER.test(text.slice(at, at + length));
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
