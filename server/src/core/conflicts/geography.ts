import { escapeRegExp } from '../regExps';
import { pushTo } from '../collections';
import type { PreviousAnalysis } from '../document';
import type { TextChange } from '../textChange';
import { MAX_PLACE_NAME_WORDS, PLACE_FIRST_WORDS, placeNameCounts } from './placeNames';
import { wordsIn, wordTextsIn } from './words';

/**
 * How often a document names each place, kept per analysis so that the next version of an open document counts
 * again only around its change: counting the words of a 359 KB report took ~12 ms per keystroke. Kept outside
 * the analysis (its derived values must equal a fresh analysis's) and dropped with it.
 */
const placeCounts = new WeakMap<object, ReadonlyMap<string, number>>();

/**
 * How often `text` names each place; `analysis` is the analysis the counts are kept for, `previous` the last
 * version's, whose counts are reused outside the change when it has them.
 */
export function placeCountsOf(analysis: object, text: string, previous?: PreviousAnalysis): ReadonlyMap<string, number> {
  const before = previous && placeCounts.get(previous.document);
  const counts = before ? countedAgain(before, previous.document.text, text, previous.change) : wholeTextCounts(text);
  placeCounts.set(analysis, counts);
  return counts;
}

/**
 * How often `text` names each place: what `placeNameCounts` gives for all its words, reading only the chunks (runs of
 * non-space characters) where a word may start a place name. Listing every word of every document lower-cased was
 * ~5 % of a document's analysis. A word that starts a name is, as written, the name's first word in any case,
 * followed by an apostrophe, a hyphen or no letter or digit ("US" and "USA", read as "u.s.", are names too), and no
 * letter comes right before a word (see `eachContextWord`). PLACE_START finds a superset of these without `u`, which
 * is fast; `i` then matches the same letters as lower-casing does, except Kelvin "K", whose lower case is "k": a
 * text holding one has all its words read. Each chunk a start is found in is counted with `countWindow`, whose
 * windows are cut where no word runs across (see `countedAgain`), in text order, so places come in the same order.
 */
function wholeTextCounts(text: string): Map<string, number> {
  if (text.includes('\u212a')) return placeNameCounts(wordTextsIn(text, { start: 0, end: text.length }));
  const counts = new Map<string, number>();
  let counted = 0;
  PLACE_START.lastIndex = 0;
  for (let match = PLACE_START.exec(text); match; match = PLACE_START.exec(text)) {
    const at = match.index;
    if (at < counted || (at > 0 && LETTER_BEFORE.test(text.slice(Math.max(0, at - 2), at)))) continue;
    const start = chunkStart(text, at);
    counted = chunkEnd(text, at);
    countWindow(text, start, counted, counts, 1);
  }
  return counts;
}

/**
 * Where a place name's first word may start a word: a dotted one ("u.s.") may run into the next word ("U.S.A" is "U.S."
 * and "A"). Grouped by first letter, which the engine tries faster than 51 words side by side (65 against 109 ms over
 * 200 synthetic documents).
 */
const PLACE_START = new RegExp(
  [...byFirstLetter(PLACE_FIRST_WORDS)]
    .map(([first, words]) => `${escapeRegExp(first)}(?:${words.map((word) => escapeRegExp(word.slice(1)) + (word.endsWith('.') ? '' : '(?![A-Za-z0-9])')).join('|')})`)
    .join('|'),
  'gi',
);
const LETTER_BEFORE = /\p{L}$/u;

function byFirstLetter(words: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const word of words) pushTo(groups, word[0]!, word);
  return groups;
}

/**
 * The counts of `text` from those of `old`, the text before `change`: the names starting in a window around the
 * change are subtracted as `old` has them and added as `text` has them.
 *
 * The window is cut at ASCII white space, which no word holds, so the words on either side of a cut are the
 * words of the whole text there. It starts MAX_PLACE_NAME_WORDS − 1 chunks of non-space characters with a letter
 * (each holds a word) before the chunk the change begins in: a name starting before the window reads at most that
 * many words after its first, all of them unchanged, so it is counted alike in both texts. It ends after the chunk
 * the change ends in: names starting after it read unchanged text only. Names starting inside it are read with
 * as many chunks after it as a name can reach.
 */
function countedAgain(before: ReadonlyMap<string, number>, old: string, text: string, change: TextChange): Map<string, number> {
  const counts = new Map(before);
  const start = chunksBefore(old, chunkStart(old, change.start), MAX_PLACE_NAME_WORDS - 1);
  countWindow(old, start, chunkEnd(old, change.oldEnd), counts, -1);
  countWindow(text, start, chunkEnd(text, change.newEnd), counts, 1);
  return counts;
}

/** Adds `sign` × the names starting at the words of `text[start, end)` to `counts`, reading the words after `end` that they may span. */
function countWindow(text: string, start: number, end: number, counts: Map<string, number>, sign: number): void {
  const words = wordsIn(text, { start, end: chunksAfter(text, end, MAX_PLACE_NAME_WORDS - 1) });
  let starts = 0;
  while (starts < words.length && words[starts]!.start < end) starts++;
  placeNameCounts(
    words.map((w) => w.text),
    counts,
    starts,
    sign,
  );
  for (const [place, count] of counts) if (count === 0) counts.delete(place);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** The start of the chunk of non-space characters ending at or running through `at` (at `at` when a space precedes it). */
function chunkStart(text: string, at: number): number {
  while (at > 0 && !isSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

/** The end of the chunk of non-space characters starting at or running through `at`. */
function chunkEnd(text: string, at: number): number {
  while (at < text.length && !isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** Where `count` chunks holding a letter before `at` (a chunk start) begin, or 0. */
function chunksBefore(text: string, at: number, count: number): number {
  for (let found = 0; found < count && at > 0; ) {
    while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
    const end = at;
    at = chunkStart(text, at);
    if (/\p{L}/u.test(text.slice(at, end))) found++;
  }
  return at;
}

/** Where `count` chunks holding a letter after `at` (a chunk end) end, or the text's end. */
function chunksAfter(text: string, at: number, count: number): number {
  for (let found = 0; found < count && at < text.length; ) {
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    const start = at;
    at = chunkEnd(text, at);
    if (/\p{L}/u.test(text.slice(start, at))) found++;
  }
  return at;
}
