import type { Root } from 'mdast';
import type { Previous } from '../textChange';
import { entityExtract, extractAgain, MARK_FIELDS } from './incrementalEntities';
import {
  AGREEMENT_WORDS, EVENT_WORDS, FUNCTION_WORDS, ORGANIZATION_WORDS, PERSON_TITLES, PLACE_NAMES, PLACE_WORDS,
  PROGRAM_WORDS, REGION_CODES, type EntityKind,
} from '../entities/data';
import { isAcronymShaped, nameKey } from '../entities/names';
import type { Span } from '../types';
import { findAcronyms, type AcronymExtract, type WordSet } from './acronyms';
import { lowerCaseWords, nameWordBounds } from './wordScan';
import { textChunks, textNodeBounds, type TextChunk } from './textChunks';

/**
 * A name found in one document, before names are merged across the workspace.
 * For "Vice President Kamala Harris": `{ text: 'Kamala Harris', kind: 'person', cue: 'title', title: 'Vice President', span: <"Kamala Harris"> }`.
 */
export interface NameCandidate {
  text: string;
  kind: EntityKind;
  /** What gave the kind: a title before a person, a cue word ("Agency"), a known place, or only capitalisation. */
  cue: 'title' | 'cue-word' | 'place' | 'shape';
  title?: string;
  /** A single capitalised word with no cue ("Biden"): an entity only if it matches a name found elsewhere. */
  weak: boolean;
  span: Span;
}

/** Everything the entity layer extracts from one document. */
export interface EntityExtract {
  names: NameCandidate[];
  acronyms: AcronymExtract;
  /** Runs of capitalised words (with connectors and acronyms): where mentions of known names are looked up. */
  runs: WordRuns;
}

/**
 * Runs of words, flat: word `i` spans `bounds[2i]`–`bounds[2i + 1]`, and run `r` is words `ends[r - 1]`
 * (0 for the first) to `ends[r]`, exclusive. Flat typed arrays because a report has tens of thousands of
 * runs, and one object per word made them the largest part of a large workspace's memory.
 */
export interface WordRuns {
  bounds: Int32Array;
  ends: Int32Array;
}

/** No runs at all (a skipped document). */
export function emptyWordRuns(): WordRuns {
  return { bounds: new Int32Array(0), ends: new Int32Array(0) };
}

const REGION_CODE_SET = new Set(REGION_CODES);
const lowerSet = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));
const CUES: [EntityKind, Set<string>][] = [
  ['organization', lowerSet(ORGANIZATION_WORDS)],
  ['agreement', lowerSet(AGREEMENT_WORDS)],
  ['program', lowerSet(PROGRAM_WORDS)],
  ['event', lowerSet(EVENT_WORDS)],
  ['place', lowerSet(PLACE_WORDS)],
];
const PLACE_KEYS = new Set(PLACE_NAMES.map(nameKey));
const FUNCTION_SET = new Set(FUNCTION_WORDS);
const ARTICLES = new Set(['The', 'El', 'La', 'Los', 'Las', 'A', 'An']);
const TITLES = PERSON_TITLES.map((t) => t.split(' ')).sort((a, b) => b.length - a.length);
const TITLE_WORDS = new Set(PERSON_TITLES.flatMap((t) => t.split(' ')));
const TITLE_FIRST_WORDS = new Set(TITLES.map((t) => t[0]!));
const OF_LIKE = new Set(['of', 'for', 'on', 'de', 'del', 'against']);
const ARTICLE_CONNECTORS = new Set(['the', 'la', 'las', 'el', 'los']);
const AND_LIKE = new Set(['and', 'y', 'e', '&']);
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'y', 'van', 'von', 'da', 'dos']);

interface Word {
  text: string;
  start: number;
  end: number;
  capital: boolean;
  /** The run must end after this word (possessive "’s", sentence-final period). */
  last: boolean;
}

/**
 * Finds the names in a document: runs of capitalised words, classified by a title before them
 * ("President"), a cue word inside them ("Agency", "Treaty", "Initiative", "Summit", "City"), a list of
 * well-known places, or their shape alone; plus every acronym definition, alias and acronym use.
 * Lines written in title case (headings, covers) give no new names; known names are still found in them later.
 * Given the previous version's extract, re-reads only the text nodes around the change (see incrementalEntities.ts).
 */
export function extractEntities(tree: Root, text: string, previous?: Previous<EntityExtract>, editing = previous !== undefined): EntityExtract {
  if (editing) return extractAgain(textNodeBounds(tree), text, previous, extractChunks);
  const chunks = textChunks(tree, text);
  const records = extractChunks(chunks, 0, chunks.length, text, lowerCaseWords(text));
  return entityExtract(records.names, records.bounds, records.ends, records.acronyms);
}

/** What the entity layer reads of a text node range; `marks` when asked for: where each node's records end. */
export interface ChunkRecords {
  names: NameCandidate[];
  bounds: number[];
  /** Run ends, counted in words from the first word of the range. */
  ends: number[];
  acronyms: AcronymExtract;
  /**
   * After text node `k` of the range (k = 0 is its start): the number of names, words, runs, definitions, aliases
   * and mentions found so far, `MARK_FIELDS` numbers per node.
   */
  marks?: Int32Array;
}

/**
 * The records of text nodes `from` to `to` (exclusive). Each node's records depend on its own text, the lines
 * its runs start on (title lines), the 8 characters before each run (sentence starts) and which words the
 * document writes in lower case (`lowerWords`, looked up for the words of runs and acronym-shaped tokens only).
 */
export function extractChunks(chunks: readonly TextChunk[], from: number, to: number, text: string, lowerWords: WordSet, withMarks = false): ChunkRecords {
  const names: NameCandidate[] = [];
  const bounds: number[] = [];
  const ends: number[] = [];
  const acronyms: AcronymExtract = { definitions: [], aliases: [], mentions: [] };
  const marks = withMarks ? new Int32Array((to - from + 1) * MARK_FIELDS) : undefined;
  // Lines hold many runs: judge each line once.
  const titleLines = new Map<number, boolean>();
  const onTitleLine = (offset: number) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let title = titleLines.get(lineStart);
    if (title === undefined) titleLines.set(lineStart, (title = isTitleLine(text, lineStart)));
    return title;
  };
  let sorted = true;
  for (let k = from; k < to; k++) {
    const chunk = chunks[k]!;
    const first = names.length;
    for (const run of runsOf(chunk)) {
      for (const word of run) bounds.push(word.start, word.end);
      ends.push(bounds.length / 2);
      for (const name of classify(run, text, lowerWords)) {
        if (name.cue === 'place' || name.cue === 'title' || !onTitleLine(run[0]!.start)) names.push(name);
      }
    }
    // Names come in run order, and runs in order; only a title inside a run puts a name before the one it follows.
    if (names.length - first > 1 && !isSortedFrom(names, first)) {
      const sortedNames = names.slice(first).sort((a, b) => a.span.start - b.span.start);
      for (let i = 0; i < sortedNames.length; i++) names[first + i] = sortedNames[i]!;
    }
    if (k > from && chunk.base < chunks[k - 1]!.base + chunks[k - 1]!.value.length) sorted = false;
    findAcronyms([chunk], REGION_CODE_SET, lowerWords, acronyms);
    if (marks) {
      const at = (k - from + 1) * MARK_FIELDS;
      marks[at] = names.length;
      marks[at + 1] = bounds.length / 2;
      marks[at + 2] = ends.length;
      marks[at + 3] = acronyms.definitions.length;
      marks[at + 4] = acronyms.aliases.length;
      marks[at + 5] = acronyms.mentions.length;
    }
  }
  // Text nodes come in document order, so names sorted per node are sorted; were they not, sort them all as one.
  if (!sorted) names.sort((a, b) => a.span.start - b.span.start);
  return { names, bounds, ends, acronyms, marks };
}

function isSortedFrom(names: readonly NameCandidate[], first: number): boolean {
  for (let i = first + 1; i < names.length; i++) if (names[i]!.span.start < names[i - 1]!.span.start) return false;
  return true;
}

function runsOf({ value, base }: TextChunk): Word[][] {
  const runs: Word[][] = [];
  let current: Word[] = [];
  const close = () => {
    while (current.length > 0 && !current[current.length - 1]!.capital) current.pop();
    if (current.length > 0) runs.push(current);
    current = [];
  };
  const bounds = nameWordBounds(value);
  for (let m = 0; m < bounds.length; m += 2) {
    const index = bounds[m]!;
    // A lower-case word outside a run neither starts nor ends one: skip it unread (most words; saves ~25% of runsOf).
    if (current.length === 0 && !startsUpperAt(value, index)) continue;
    const word = wordAt(value, base, index, bounds[m + 1]!);
    if (word === undefined) continue;
    const previous = current[current.length - 1];
    if (previous) {
      // "…in the U.S. U.S. officials…": a repeated word is a sentence boundary after an abbreviation.
      if (previous.last || previous.text === word.text || !isNameGap(value, previous.end - base, word.start - base)) close();
    }
    if (word.capital) {
      current.push(word);
    } else if (current.length > 0 && joins(current, word.text)) {
      current.push(word);
    } else {
      close();
    }
    if (word.last && current.length > 0) close();
  }
  close();
  return runs;
}

/** The word of `value[index, end)`, without a possessive or a sentence-final period (which end its run); undefined when nothing is left. */
function wordAt(value: string, base: number, index: number, end: number): Word | undefined {
  let word = value.slice(index, end);
  let last = false;
  // A possessive ("Mexico’s", "States'") ends the run.
  const tail = word.charCodeAt(word.length - 1);
  const possessive = isApostrophe(tail) ? word.length - 1 : tail === 115 /* s */ && isApostrophe(word.charCodeAt(word.length - 2)) ? word.length - 2 : -1;
  if (possessive !== -1) {
    word = word.slice(0, possessive);
    last = true;
  } else if (word.endsWith('.') && !/^(\p{L}\.)+$/u.test(word) && !PERSON_TITLES.includes(word) && !/^\p{Lu}\.$/u.test(word)) {
    word = word.slice(0, -1);
    last = true;
  }
  if (word === '') return undefined;
  return { text: word, start: base + index, end: base + index + word.length, capital: startsUpper(word), last };
}

const isApostrophe = (code: number) => code === 39 || code === 0x2019;
const UPPER_START = /^\p{Lu}/u;
// Whether a word starts with a capital; ASCII without a regex (this runs for every word).
function startsUpper(word: string): boolean {
  const code = word.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : UPPER_START.test(word);
}

/** `startsUpper` of the word starting at `index` of `value`, without slicing the word out. */
function startsUpperAt(value: string, index: number): boolean {
  const code = value.charCodeAt(index);
  return code < 128 ? code >= 65 && code <= 90 : UPPER_START.test(value.slice(index, index + 2));
}

/** Whether `value[from, to)` may separate two words of one name: spaces, or one line break with a space either side (`^(?:[ \u00a0]+| ?\n ?)$`). */
function isNameGap(value: string, from: number, to: number): boolean {
  let at = from;
  while (at < to && (value.charCodeAt(at) === 32 || value.charCodeAt(at) === 0xa0)) at++;
  if (at === to) return to > from;
  at = from;
  if (value.charCodeAt(at) === 32) at++;
  if (at >= to || value.charCodeAt(at) !== 10) return false;
  at++;
  if (at < to && value.charCodeAt(at) === 32) at++;
  return at === to;
}

/** Whether a lower-case word may continue a name: "of", "de"; "the" after "of"; "and" inside an "X of A and B" name. */
function joins(current: Word[], word: string): boolean {
  const previous = current[current.length - 1]!.text;
  if (OF_LIKE.has(word)) return current[current.length - 1]!.capital;
  if (ARTICLE_CONNECTORS.has(word)) return OF_LIKE.has(previous);
  if (AND_LIKE.has(word)) return current.some((w) => OF_LIKE.has(w.text)) && current[current.length - 1]!.capital;
  return false;
}

const TITLE_LINE_WORD = /\p{L}[\p{L}'’.-]*/gu;
const TITLE_LINE_MINOR_WORDS = new Set([...OF_LIKE, ...ARTICLE_CONNECTORS, ...AND_LIKE, 'in', 'to', 'a', 'an', 'with', 'at', 'from', 'by', 'en', 'por', 'para', 'con']);

/** A line with at least two capitalised words and almost no lower-case ones: a heading, a cover, a table-of-contents entry. */
function isTitleLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(start, newline === -1 ? text.length : newline);
  // At most 16 words, so at most 2 lower-case ones (5 × lower ≤ capital ≤ 16 − lower): reading stops at the 17th word
  // or the 3rd lower-case one, and prose lines get there early (isTitleLine 150 -> 80 ms over 400 documents).
  let words = 0;
  let capital = 0;
  let lower = 0;
  TITLE_LINE_WORD.lastIndex = 0;
  for (let match = TITLE_LINE_WORD.exec(line); match !== null; match = TITLE_LINE_WORD.exec(line)) {
    if (++words > 16) return false;
    if (startsUpper(match[0])) capital++;
    else if (!TITLE_LINE_MINOR_WORDS.has(match[0]) && ++lower > 2) return false;
  }
  if (/[.!?]["”’)]?\s+\p{Lu}/u.test(line)) return false;
  return capital >= 2 && lower * 5 <= capital;
}

function isSentenceStart(text: string, offset: number): boolean {
  return /(?:^|[.!?:;•]["”’)*_]*\s+|\n[\s>*_#•\-–—\d.)]*|["“(*_]\s*)$/u.test(text.slice(Math.max(0, offset - 8), offset));
}

function classify(run: Word[], text: string, lowerWords: WordSet): NameCandidate[] {
  const whole = slice(run, text);
  if (PLACE_KEYS.has(nameKey(whole))) return [candidate(run, text, 'place', 'place')];
  // A title anywhere in the run: what follows is a person; what precedes is classified on its own ("U.S. President Joseph Biden").
  for (let i = 0; i < run.length; i++) {
    // Most words start no title: skip the search over every title for them.
    if (!TITLE_FIRST_WORDS.has(run[i]!.text)) continue;
    const title = TITLES.find((t) => t.every((part, k) => run[i + k]?.text === part));
    if (!title) continue;
    let rest = run.slice(i + title.length);
    // "Secretary of Energy Thomas Whitfield": the office runs to the last two words.
    if (rest[0] && OF_LIKE.has(rest[0].text)) rest = rest.length >= 4 ? rest.slice(-2) : [];
    const before = i > 0 ? classify(run.slice(0, i), text, lowerWords) : [];
    // "Foreign Minister Gabriela Sotomayor Ruiz of Peru": the name stops at "of"; what follows is its own name.
    const cut = rest.findIndex((w) => OF_LIKE.has(w.text));
    if (cut > 0) {
      before.push(...classify(rest.slice(cut + 1), text, lowerWords));
      rest = rest.slice(0, cut);
    }
    if (rest.length === 0 || rest.length > 5 || !rest.every((w) => isNameWord(w) || NAME_PARTICLES.has(w.text)) || !rest[rest.length - 1]!.capital) return before;
    return [...before, { ...candidate(rest, text, 'person', 'title'), title: title.join(' ') }];
  }
  let words = run;
  const sentenceStart = isSentenceStart(text, run[0]!.start);
  // At a sentence start, a word the document also writes in lower case ("Promote U.S. security") is not part of a name.
  const commonAtStart = (w: Word) => sentenceStart && words === run && (FUNCTION_SET.has(w.text) || lowerWords.has(w.text.toLowerCase()));
  while (words.length > 0 && (ARTICLES.has(words[0]!.text) || commonAtStart(words[0]!) || !words[0]!.capital)) {
    words = words.slice(1);
    if (words.length > 0 && PLACE_KEYS.has(nameKey(slice(words, text)))) return [candidate(words, text, 'place', 'place')];
  }
  while (words.length > 0 && !words[words.length - 1]!.capital) words = words.slice(0, -1);
  if (words.length === 0) return [];
  if (PLACE_KEYS.has(nameKey(slice(words, text)))) return [candidate(words, text, 'place', 'place')];
  if (words.length === 1) {
    const word = words[0]!;
    if (isAcronymShaped(word.text) || !isNameWord(word) || (sentenceStart && words[0] === run[0]) || lowerWords.has(word.text.toLowerCase())) return [];
    return [{ ...candidate(words, text, 'other', 'shape'), weak: true }];
  }
  const kind = cueKind(words);
  // "Central American migrants", "North American relations": an adjective, not a name.
  if (!kind && (isDemonym(words[words.length - 1]!.text) || words.every((w) => FUNCTION_SET.has(w.text) || !w.capital))) return [];
  if (kind) return [candidate(words, text, kind, 'cue-word')];
  const personShaped = words.length <= 4 && words.some((w) => /\p{Ll}{2}/u.test(w.text)) && words.every((w) => (isNameWord(w) && !lowerWords.has(w.text.toLowerCase())) || NAME_PARTICLES.has(w.text) || /^\p{Lu}\.$/u.test(w.text));
  return [candidate(words, text, personShaped ? 'person' : 'other', 'shape')];
}

/** The kind given by a cue word at the head of the name: first word (Spanish, "Department of …"), last word, or the word before "of". */
function cueKind(words: Word[]): EntityKind | undefined {
  const connector = words.findIndex((w) => OF_LIKE.has(w.text));
  const heads = [words[0]!, words[words.length - 1]!, ...(connector > 0 ? [words[connector - 1]!] : [])];
  for (const head of heads) {
    for (const [kind, cues] of CUES) if (cues.has(head.text.toLowerCase())) return kind;
  }
  return undefined;
}

/** A capitalised word that could be part of a person's name: not a function word, title, demonym or acronym. */
function isNameWord(word: Word): boolean {
  // "U.S.-Mexico": a compound of places is an adjective ("U.S.-Mexico relations"), not a name.
  if (word.text.includes('-') && word.text.split('-').some((part) => PLACE_KEYS.has(nameKey(part)) || isAcronymShaped(part))) return false;
  return word.capital && !TITLE_WORDS.has(word.text) && !FUNCTION_SET.has(word.text) && !isDemonym(word.text) && !isAcronymShaped(word.text) && !/\d/.test(word.text) && !CUES.some(([, cues]) => cues.has(word.text.toLowerCase()));
}

const PLACE_STEMS = new Set(PLACE_NAMES.flatMap((p) => p.split(' ')).filter((w) => w.length >= 4).map((w) => nameKey(w).slice(0, 4)));

/**
 * An adjective of nationality ("Mexican", "Peruvians", "Chinese"): a known place's first four letters and a demonym ending.
 * Derived from the place list so that "Duncan" or "Adrian" are not mistaken for one.
 */
function isDemonym(word: string): boolean {
  return /(?:an|ian|ean|ese|ino|ina|ano|ana|ense|eño|eña|ish|i)s?$/u.test(word) && word.length >= 5 && PLACE_STEMS.has(nameKey(word).slice(0, 4));
}

function slice(words: Word[], text: string): string {
  const whole = text.slice(words[0]!.start, words[words.length - 1]!.end);
  // Words hold no spaces: when single spaces join them (most names), there is nothing to replace (slice 100 -> 1 ms over 400 documents).
  return joinedBySpaces(words, text) ? whole : whole.replace(/\s+/g, ' ');
}

/** Whether a single " " separates each word of `words` from the next. */
function joinedBySpaces(words: Word[], text: string): boolean {
  for (let i = 1; i < words.length; i++) {
    const gap = words[i - 1]!.end;
    if (words[i]!.start !== gap + 1 || text.charCodeAt(gap) !== 32) return false;
  }
  return true;
}

function candidate(words: Word[], text: string, kind: EntityKind, cue: NameCandidate['cue']): NameCandidate {
  return { text: slice(words, text), kind, cue, weak: false, span: { start: words[0]!.start, end: words[words.length - 1]!.end } };
}
