/**
 * Word scanners that run over every word of a document, written by hand: each reads exactly what the regex
 * in its comment matches, but ASCII is classified without a regex (scanning with `\p{…}` classes was most of
 * their cost) and anything else by the Unicode property itself. The character tests stay in this module so
 * that the inner loops make no calls across modules.
 */

/**
 * Every run of lower-case letters not preceded by a letter or digit, `(?<![\p{L}\p{N}])\p{Ll}+`: the words
 * a document writes in lower case.
 */
export function lowerCaseWords(text: string): Set<string> {
  const words = new Set<string>();
  const end = text.length;
  let afterLetterOrNumber = false;
  for (let at = 0; at < end; ) {
    let length = codePointLength(text, at, end);
    if (!afterLetterOrNumber && isLowerAt(text, at, length)) {
      const start = at;
      do at += length;
      while (at < end && isLowerAt(text, at, (length = codePointLength(text, at, end))));
      words.add(text.slice(start, at));
      afterLetterOrNumber = true;
      continue;
    }
    afterLetterOrNumber = isLetterOrNumberAt(text, at, length);
    at += length;
  }
  return words;
}

/**
 * Whether `word` (lower-case letters) is one of `lowerCaseWords(text)`: an occurrence not preceded by a letter or
 * digit and not followed by another lower-case letter. For one word, a search instead of a scan of every word.
 */
export function hasLowerCaseWord(text: string, word: string): boolean {
  const end = text.length;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const after = at + word.length;
    if (after < end && isLowerAt(text, after, codePointLength(text, after, end))) continue;
    if (at === 0) return true;
    // The code point before: a low surrogate with its high half before it is one character.
    const low = text.charCodeAt(at - 1);
    const before = low >= 0xdc00 && low <= 0xdfff && at >= 2 && codePointLength(text, at - 2, at) === 2 ? at - 2 : at - 1;
    if (!isLetterOrNumberAt(text, before, at - before)) return true;
  }
  return false;
}

/**
 * The words of a name candidate, `[\p{L}\p{N}](?:[\p{L}\p{N}'’]|[.-](?=[\p{L}\p{N}-]))*\.?|&`: letters and
 * digits with inner apostrophes, dots and hyphens ("U.S.-Mexico-Canada", "López", "Kloppe-Santamaría"), or "&".
 * Flat: word `i` is `value.slice(bounds[2i], bounds[2i + 1])`.
 */
export function nameWordBounds(value: string): number[] {
  const bounds: number[] = [];
  const end = value.length;
  for (let at = 0; at < end; ) {
    const length = codePointLength(value, at, end);
    if (value.charCodeAt(at) === 38 /* & */) {
      bounds.push(at, at + 1);
      at += 1;
      continue;
    }
    if (!isLetterOrNumberAt(value, at, length)) {
      at += length;
      continue;
    }
    let stop = at + length;
    while (stop < end) {
      const code = value.charCodeAt(stop);
      const next = codePointLength(value, stop, end);
      if (code === 39 || code === 0x2019 || isLetterOrNumberAt(value, stop, next)) stop += next;
      else if ((code === 46 || code === 45) && stop + 1 < end && (value.charCodeAt(stop + 1) === 45 || isLetterOrNumberAt(value, stop + 1, codePointLength(value, stop + 1, end)))) stop += 1;
      else break;
    }
    if (stop < end && value.charCodeAt(stop) === 46) stop += 1;
    bounds.push(at, stop);
    at = stop;
  }
  return bounds;
}

/**
 * Calls `visit` with the offset range of each word of `text`, `(?:\p{L}\.){2,}|\p{L}[\p{L}\p{N}'’-]*`:
 * letters, then letters, digits, apostrophes and hyphens; "U.S." and "U.S.A." with their dots.
 */
export function eachContextWord(text: string, visit: (start: number, end: number) => void): void {
  const end = text.length;
  let at = 0;
  while (at < end) {
    const first = codePointLength(text, at, end);
    if (!isLetterAt(text, at, first)) {
      at += first;
      continue;
    }
    let stop = dottedEnd(text, at, end);
    if (stop === -1) {
      stop = at + first;
      for (let next = codePointLength(text, stop, end); stop < end && isContextWordPart(text, stop, next); next = codePointLength(text, stop, end)) stop += next;
    }
    visit(at, stop);
    at = stop;
  }
}

/** Where `(?:\p{L}\.){2,}` starting at `at` ends, or -1 when it does not match there. */
function dottedEnd(text: string, at: number, end: number): number {
  let pairs = 0;
  let cursor = at;
  for (;;) {
    const length = codePointLength(text, cursor, end);
    if (cursor + length >= end || text.charCodeAt(cursor + length) !== 46 /* . */ || !isLetterAt(text, cursor, length)) break;
    cursor += length + 1;
    pairs++;
  }
  return pairs >= 2 ? cursor : -1;
}

/** `[\p{L}\p{N}'’-]` for the code point at `at`. */
function isContextWordPart(text: string, at: number, length: number): boolean {
  const code = text.charCodeAt(at);
  return code === 39 || code === 45 || code === 0x2019 || isLetterOrNumberAt(text, at, length);
}

/** 2 when a surrogate pair starts at `at` (both halves before `end`), else 1: the code point's length. */
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
const LOWER = /^\p{Ll}$/u;

/** `\p{L}` for the code point at `at`, `length` long. */
function isLetterAt(text: string, at: number, length: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(text.slice(at, at + length));
}

/** `[\p{L}\p{N}]` for the code point at `at`, `length` long. */
function isLetterOrNumberAt(text: string, at: number, length: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  return LETTER_OR_NUMBER.test(text.slice(at, at + length));
}

/** `\p{Ll}` for the code point at `at`, `length` long. */
function isLowerAt(text: string, at: number, length: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return code >= 97 && code <= 122;
  return LOWER.test(text.slice(at, at + length));
}
