import type { Figure } from '../extract/figures/types';
import type { Heading } from '../extract/outline';
import { previousLineStart } from '../positions';
import type { Span } from '../types';
import {
  BILATERAL_MEASURE_NAMES,
  COMPARATIVE_WORDS,
  COMPOUND_MEASURES,
  FILLER_WORDS,
  MEASURES,
  NOT_A_STATEMENT_WORDS,
  PHRASE_BREAK_WORDS,
  PLACES,
  SCOPES,
  SHARE_WORDS,
  TIME_INVARIANT_FEATURES,
} from './vocabulary';
import { placeNameCounts, placeOfWord, placesNamedIn } from './placeNames';
import { clausesOf, singular, wordsIn, wordTextsIn, type Word } from './words';

/**
 * The identity of the quantity a figure states (spec §2). Two figures are compared only when their
 * `id`s are equal; every field is kept so a reviewer can see, in the hover, why two statements were or
 * were not compared.
 *
 * For "the United States had a \$101 billion trade deficit with Mexico in goods in 2019":
 * `{ measure: 'trade balance', subject: '', scope: 'goods', geography: ['Mexico', 'U.S.'], unit: 'USD',
 *    label: 'trade balance · goods · Mexico–U.S. · USD', comparable: true, … }`.
 */
export interface QuantityKey {
  /** What is measured, from the measure vocabulary: 'trade', 'trade balance', 'exports', 'length'…; '' when none is named. */
  measure: string;
  /** What is counted or measured, as the noun phrase after the number ('u.s. citizen', 'border', 'homicide'); '' when none. */
  subject: string;
  /** What the measure covers: 'goods', 'services', 'goods and services', 'agricultural'…; '' when not stated. */
  scope: string;
  /** For shares: the whole ("of unauthorized immigrants") and the other words of the statement (the part). */
  share?: { of: string; part: string };
  /** Places the statement is about, sorted; the document's main places when the statement names none. */
  geography: string[];
  /** For flows between two places, which way: 'Mexico→Canada' for "Mexico's FDI in Canada"; absent when not stated. */
  direction?: string;
  /** Where `geography` came from. */
  geographyFrom: 'statement' | 'document' | 'none';
  /** Base unit, with the time unit of a flow: 'USD', 'USD/year', 'km', 'count', '%'. */
  unit: string;
  /** The quantity does not change over time (a border's length), so periods do not matter across documents. */
  timeInvariant: boolean;
  /** False when the figure is not a statement of a level that can conflict (a change, a target, a comparison…). */
  comparable: boolean;
  /** Why the figure is not comparable. */
  reason?: string;
  /** Every identity field in one string: figures with equal ids state the same quantity. */
  id: string;
  /** The key for people: 'trade balance · goods · Mexico–U.S. · USD'. */
  label: string;
}

/** What a quantity key needs from the figure's document besides the figure. */
export interface KeyContext {
  text: string;
  /** Every figure of the document, in text order (clauses holding another figure bound the context). */
  figures: readonly Figure[];
  headings: readonly Heading[];
  /** The places the document is mostly about, sorted. */
  defaultGeography: string[];
}

const FILLERS = new Set(FILLER_WORDS);
const BREAKS = new Set(PHRASE_BREAK_WORDS);
const NOT_STATEMENT = new Set(NOT_A_STATEMENT_WORDS);
const COMPARATIVES = new Set(COMPARATIVE_WORDS);
const FEATURES = new Set(TIME_INVARIANT_FEATURES);
const SHARES = new Set(SHARE_WORDS);
// Passive forms that follow what they govern: "a wall of 1,000 miles was promised".
const PROMISES = new Set(['promised', 'pledged', 'proposed', 'planned', 'projected', 'expected', 'forecast', 'targeted']);
const BILATERAL_MEASURES = new Set(BILATERAL_MEASURE_NAMES);
const MEASURE_WORDS = new Set(MEASURES.flatMap((m) => m.words));
const PLACE_WORDS = new Set(PLACES.flatMap((p) => p.names.flatMap((n) => n.split(' '))));
const PER_TIME = /^\s*(?:a|an|per|each|every|al|por)\s+(year|annum|month|week|day|hour|minute|second|año|mes|día|minuto)\b/i;
const MINUTES_IN: Record<string, number> = { year: 525600, annum: 525600, año: 525600, month: 43800, mes: 43800, week: 10080, day: 1440, día: 1440, hour: 60, minute: 1, minuto: 1, second: 1 / 60 };

/**
 * The places a document is mostly about, sorted: its most named place, plus the second when it is named
 * at least a third as often. Used for statements that name no place ("our 2,000-mile border").
 */
export function defaultGeographyOf(text: string): string[] {
  return mainPlaces(placeNameCounts(wordTextsIn(text, { start: 0, end: text.length })));
}

/** The places a document is mostly about, from how often it names each (`placeNameCounts`): see `defaultGeographyOf`. */
export function mainPlaces(placeCounts: ReadonlyMap<string, number>): string[] {
  const counts = [...placeCounts].filter(([, count]) => count > 0).map(([place, count]) => ({ place, count }));
  counts.sort((a, b) => b.count - a.count || (a.place < b.place ? -1 : 1));
  const [first, second] = counts;
  if (!first) return [];
  const places = second && second.count * 3 >= first.count ? [first.place, second.place] : [first.place];
  return places.sort();
}

/**
 * The quantity identity of `figure` in its document (spec §2), built from the words of the figure's clause
 * (widened to the preceding clauses of its sentence, then to its heading, when the clause names no measure)
 * and the generic vocabulary of `vocabulary.ts`.
 */
export function quantityKey(figure: Figure, context: KeyContext): QuantityKey {
  const unit = unitOf(figure, context.text);
  // The clauses of the figure's sentence, which both the context words and the relative clauses read.
  const clauses = clausesOf(context.text, figure.sentence);
  const { own, wider } = contextWords(figure, context, clauses);
  const heading = headingWords(figure, context);
  const ownTexts = own.map((w) => w.text);
  const widerTexts = wider.map((w) => w.text);

  let measure = measureIn(ownTexts) || measureIn(widerTexts) || measureIn(heading);
  const scope = scopeIn(ownTexts) || scopeIn(widerTexts) || scopeIn(heading);
  const after = nounPhraseAfter(figure, context.text);
  const phrase = after ?? [];
  const namedAfter = after === undefined;
  let subject = phrase.filter((w) => !MEASURE_WORDS.has(w) || figure.unit.dimension === 'count').join(' ');
  if (!subject && !namedAfter && figure.counted && figure.unit.dimension !== 'currency') subject = singular(figure.counted.toLowerCase());
  if (figure.unit.dimension === 'length' || figure.unit.dimension === 'area') {
    measure = figure.unit.dimension;
    // The thing measured is its head noun: "3175 kilometers of shared border" → border.
    // "a 1,000-mile wall along the border" measures the wall: the phrase after the number comes first.
    const nouns = phrase.filter((w) => !MEASURE_WORDS.has(w));
    // "a wall of 1,000 miles": the noun before "of" is what is measured.
    const before = /(\p{L}+)\s+of\s+$/u.exec(context.text.slice(Math.max(figure.sentence.start, figure.span.start - 30), figure.span.start));
    const measured = before && !FILLERS.has(before[1]!.toLowerCase()) && !MEASURE_WORDS.has(before[1]!.toLowerCase()) ? singular(before[1]!.toLowerCase()) : undefined;
    subject = nouns.find((w) => FEATURES.has(w)) ?? nouns.at(-1) ?? measured ?? [...ownTexts, ...widerTexts].map(singular).find((w) => FEATURES.has(w)) ?? '';
  }

  const qualifiers = relativeClauseWords(figure, context.text, clauses);
  if (subject && qualifiers.length > 0) subject += ` (${qualifiers.join(' ')})`;
  if (figure.source === 'table' && figure.table) {
    // A table cell is identified by its row and column headers ("Michigan" × "Exports"): rows of one table
    // are different quantities, whatever the vocabulary recognises in them.
    subject = [tableCaption(figure, context.text), figure.table.rowHeader, figure.table.columnHeader].map((h) => normaliseHeader(h ?? '')).join(' × ');
  }

  let share: QuantityKey['share'];
  if (figure.unit.dimension === 'percent') share = shareOf(figure, own);

  // Places inside the counted phrase describe a population ("U.S. citizens"), not where the quantity is.
  const phraseWords = new Set(phrase);
  let places = placesIn(ownTexts.filter((w) => !phraseWords.has(singular(w))));
  let geographyFrom: QuantityKey['geographyFrom'] = 'statement';
  if (places.length === 0) places = placesIn(widerTexts);
  if (places.length === 0) places = placesIn(heading);
  if (places.length === 0) {
    places = context.defaultGeography;
    geographyFrom = places.length > 0 ? 'document' : 'none';
  } else if (places.length === 1 && BILATERAL_MEASURES.has(measure) && context.defaultGeography.length === 2 && context.defaultGeography.includes(places[0]!)) {
    // "the deficit with Mexico" in a document about the U.S. and Mexico is the U.S.–Mexico deficit.
    places = context.defaultGeography;
  }

  const direction = directionIn(own, context.text) ?? directionIn(wider, context.text);
  const timeInvariant = (measure === 'length' || measure === 'area') && FEATURES.has(subject);
  const reason = notComparable(figure, own, widerTexts, { measure, subject, share }, context.text);
  const key: QuantityKey = {
    measure,
    subject,
    scope,
    ...(share ? { share } : {}),
    geography: places,
    ...(direction ? { direction } : {}),
    geographyFrom,
    unit,
    timeInvariant,
    comparable: reason === undefined,
    ...(reason ? { reason } : {}),
    id: '',
    label: '',
  };
  key.id = JSON.stringify([key.measure, key.subject, key.scope, key.share?.of ?? '', key.share?.part ?? '', key.geography, key.direction ?? '', key.unit]);
  key.label = labelOf(key);
  return key;
}

/** The printable form of a key, e.g. "trade balance · goods · Mexico–U.S. · USD". */
export function labelOf(key: Omit<QuantityKey, 'label' | 'id'>): string {
  const parts = [
    key.measure,
    key.subject && key.subject !== key.measure ? key.subject : '',
    key.scope,
    key.share ? `share: ${key.share.part || '?'} of ${key.share.of || '?'}` : '',
    key.direction ?? key.geography.join('–'),
    key.unit,
  ];
  return parts.filter((p) => p).join(' · ');
}

/** Markdown lines for the figure hover: the key, and why the figure is or is not compared with others. */
export function describeQuantityKey(key: QuantityKey): string {
  const lines = [`Quantity: \`${key.label}\``];
  if (key.geographyFrom === 'document') lines.push('(geography: the document’s main places; the statement names none)');
  if (key.timeInvariant) lines.push('(does not change over time: compared across periods)');
  if (!key.comparable) lines.push(`Not compared with other statements: ${key.reason}.`);
  return lines.join('  \n');
}

function unitOf(figure: Figure, text: string): string {
  const base = figure.unit.base;
  if (figure.unit.dimension === 'rate' && figure.unit.per) return `${base} per ${singular(figure.unit.per.noun.toLowerCase())}`;
  const perTime = perTimeOf(figure, text);
  return perTime ? `${base}/${perTime}` : base;
}

/**
 * The time unit of a flow ("a year", "per minute"), from the record or, for units it does not name
 * (minute, hour), from the text right after the figure.
 */
export function perTimeOf(figure: Figure, text: string): string | undefined {
  const after = PER_TIME.exec(text.slice(figure.span.end, figure.span.end + 20));
  if (after) return normaliseTime(after[1]!.toLowerCase());
  return figure.unit.perTime;
}

/** Minutes in one time unit ('year' → 525,600), so flows per different units can be converted (spec §1). */
export function minutesIn(unit: string): number | undefined {
  return MINUTES_IN[unit];
}

function normaliseTime(unit: string): string {
  return ({ annum: 'year', año: 'year', mes: 'month', día: 'day', minuto: 'minute' } as Record<string, string>)[unit] ?? unit;
}

function contextWords(figure: Figure, context: KeyContext, clauses: readonly Span[]): { own: Word[]; wider: Word[] } {
  const { text } = context;
  if (figure.source === 'table' && figure.table) {
    const headers = [figure.table.rowHeader ?? '', figure.table.columnHeader ?? ''].join(' ; ');
    return { own: wordsIn(headers, { start: 0, end: headers.length }), wider: [] };
  }
  const at = clauses.findIndex((c) => c.start <= figure.span.start && figure.span.start < c.end);
  if (at === -1) return { own: wordsIn(text, figure.sentence).filter((w) => !inside(w, figure.span)), wider: [] };
  const own = wordsIn(text, clauses[at]!).filter((w) => !inside(w, figure.span));
  const wider: Word[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const clause = clauses[i]!;
    if (context.figures.some((f) => f !== figure && f.span.start >= clause.start && f.span.start < clause.end)) break;
    wider.unshift(...wordsIn(text, clause));
  }
  return { own, wider };
}

function inside(word: Word, span: Span): boolean {
  return word.start >= span.start && word.start < span.end;
}

function headingWords(figure: Figure, context: KeyContext): string[] {
  let nearest: Heading | undefined;
  for (const heading of context.headings) {
    if (heading.span.start > figure.span.start) break;
    if (heading.span.end <= figure.span.start) nearest = heading;
  }
  if (!nearest || (nearest.span.start <= figure.span.start && figure.span.start < nearest.span.end)) return [];
  return wordsIn(nearest.text, { start: 0, end: nearest.text.length }).map((w) => w.text);
}

/**
 * Content words of the relative clauses right after a counted phrase, which narrow what is counted:
 * "1.6 million unauthorized immigrants, …, who are married to U.S. citizens" → ['married', 'u.s.', 'citizen'].
 */
function relativeClauseWords(figure: Figure, text: string, clauses: readonly Span[]): string[] {
  const at = clauses.findIndex((c) => c.start <= figure.span.start && figure.span.start < c.end);
  const words: string[] = [];
  for (let i = at + 1; at !== -1 && i < clauses.length; i++) {
    const clauseWords = wordsIn(text, clauses[i]!).map((w) => w.text);
    if (!['who', 'whose', 'that', 'whom', 'including'].includes(clauseWords[0] ?? '')) break;
    if (clauseWords[0] === 'including') continue;
    words.push(...clauseWords.filter((w) => !FILLERS.has(w) && !BREAKS.has(w)).map(singular));
  }
  return words;
}

/** The line right above a table ("Trade with Mexico: 4.9 million"), which tells apart tables with equal headers. */
function tableCaption(figure: Figure, text: string): string {
  let lineStart = text.lastIndexOf('\n', figure.span.start - 1) + 1;
  while (lineStart > 0) {
    const previousStart = previousLineStart(text, lineStart);
    const line = text.slice(previousStart, lineStart - 1);
    if (line.trim() !== '' && !/\t|\|/.test(line.trim())) return line;
    lineStart = previousStart;
  }
  return '';
}

function normaliseHeader(header: string): string {
  return wordsIn(header, { start: 0, end: header.length })
    .map((w) => w.text)
    .join(' ');
}

/**
 * The direction of a flow between two places named in the clause: an origin ("Mexico's", "from Mexico")
 * and a destination ("in Canada", "to Canada") → 'Mexico→Canada'.
 */
function directionIn(own: readonly Word[], text: string): string | undefined {
  let origin: string | undefined;
  let destination: string | undefined;
  for (let i = 0; i < own.length; i++) {
    const place = placeOfWord(own[i]!.text);
    if (!place) continue;
    const word = own[i]!;
    const raw = text.slice(word.start, word.start + word.text.length + 2);
    const previous = own[i - 1]?.text;
    if (/['’]s/.test(raw.slice(word.text.length)) || previous === 'from') origin ??= place;
    else if (previous === 'in' || previous === 'to' || previous === 'into') destination ??= place;
  }
  return origin && destination && origin !== destination ? `${origin}→${destination}` : undefined;
}

function measureIn(words: readonly string[]): string {
  for (const compound of COMPOUND_MEASURES) if (compound.all.every((w) => words.includes(w))) return compound.measure;
  for (const { measure, words: names } of MEASURES) if (names.some((n) => words.includes(n))) return measure;
  return '';
}

function scopeIn(words: readonly string[]): string {
  for (const { scope, all } of SCOPES) if (all.every((w) => words.includes(w))) return scope;
  return '';
}

function placesIn(words: readonly string[]): string[] {
  const found = placesNamedIn(words);
  // "the longest border in the world" ranks a place; the world is not what is measured.
  if (found.size > 1) found.delete('world');
  // "North American" names a region, not the U.S. ("America" inside it).
  if (found.has('North America') && !words.some((w, i) => (w === 'u.s.' || w === 'america') && words[i - 1] !== 'north')) found.delete('U.S.');
  return [...found].sort();
}

/**
 * The counted noun phrase right after the number: "1.6 million U.S. citizen residents" → ['u.s.', 'citizen'].
 * `undefined` when its head is a proper name ("10 Seelke, Congressional…" is a note number before a citation),
 * unless it is a demonym ("eleven million Mexicans").
 */
function nounPhraseAfter(figure: Figure, text: string): string[] | undefined {
  const end = Math.min(text.length, figure.sentence.end, figure.span.end + 80);
  const phrase: string[] = [];
  let head = '';
  let first = '';
  for (const word of wordsIn(text, { start: figure.span.end, end })) {
    if (BREAKS.has(word.text) || /[.,;:()]/.test(text.slice(figure.span.end, word.start).replace(/u\.s\./gi, ''))) break;
    if (!FILLERS.has(word.text)) {
      phrase.push(singular(word.text));
      head = text.slice(word.start, word.start + word.text.length);
      first ||= head;
    }
    if (phrase.length >= 4) break;
  }
  if (head && /^\p{Lu}/u.test(head) && !DEMONYM.test(head)) return undefined;
  // A capitalised first word that is neither a place nor a demonym starts a citation or a name ("33 Sheridan, …").
  if (first && /^\p{Lu}/u.test(first) && !DEMONYM.test(first) && !PLACE_WORDS.has(first.toLowerCase().replace(/^us$/, 'u.s.'))) return undefined;
  if (phrase.some((w) => w === 'http' || w === 'https' || w === 'www')) return undefined;
  return phrase;
}

// "Mexicans", "Mexican-Americans", "Canadians", "Chinese": capitalised, yet common nouns of people.
const DEMONYM = /(?:an|ans|ese|ish|i|is)$/;

/**
 * For a percentage, its whole and its part: "48% of unauthorized immigrants are Mexican" →
 * `{ of: 'unauthorized immigrant', part: 'mexican' }`; "the share of Mexican immigrants who are unauthorized
 * is 20%" → `{ of: 'mexican immigrant', part: 'unauthorized' }`.
 */
function shareOf(figure: Figure, own: readonly Word[]): QuantityKey['share'] {
  const after = own.filter((w) => w.start >= figure.span.end);
  const before = own.filter((w) => w.start < figure.span.start);
  let ofWords: Word[] = [];
  if (after[0]?.text === 'of') ofWords = phraseFrom(after.slice(1));
  else {
    const shareAt = before.findIndex((w, i) => SHARES.has(w.text) && before[i + 1]?.text === 'of');
    if (shareAt !== -1) ofWords = phraseFrom(before.slice(shareAt + 2));
  }
  const used = new Set(ofWords.map((w) => w.start));
  const part = own
    .filter((w) => !used.has(w.start) && !FILLERS.has(w.text) && !BREAKS.has(w.text) && !SHARES.has(w.text) && !/^\d/.test(w.text))
    .map((w) => singular(w.text));
  return { of: ofWords.map((w) => singular(w.text)).filter((w) => !FILLERS.has(w)).join(' '), part: [...new Set(part)].sort().join(' ') };
}

function phraseFrom(words: readonly Word[]): Word[] {
  const phrase: Word[] = [];
  for (const word of words) {
    if (BREAKS.has(word.text) && !(word.text === 'the')) break;
    phrase.push(word);
    if (phrase.length >= 5) break;
  }
  return phrase;
}

function notComparable(
  figure: Figure,
  own: readonly Word[],
  wider: readonly string[],
  identity: { measure: string; subject: string; share: QuantityKey['share'] },
  text: string,
): string | undefined {
  if (figure.change) return `it states a change (“${figure.change.text}”), not a level`;
  // Durations count years between events; inclusive and elapsed counting differ by one (spec §4): not compared.
  if (figure.unit.dimension === 'duration') return 'it is a duration';
  if (figure.unit.dimension === 'ratio' || figure.unit.dimension === 'percentage-point') return 'it states a ratio or a difference, not a level';
  const before = text.slice(Math.max(figure.sentence.start, figure.span.start - 30), figure.span.start);
  if (/\[\s*$/.test(before) && /^\s*\]/.test(text.slice(figure.span.end, figure.span.end + 3))) return 'it is a note number';
  if (/\b(?:including|includes|such as|among them|of whom|of which)\s+(?:\S+\s+)?$/i.test(before)) return 'it is part of a larger group (“including …”)';
  if (/\b(?:another|other|additional|further|remaining)\s+$/i.test(before)) return 'it counts a different group (“another …”)';
  // A modal word before the figure governs it ("aims to reduce homicides by 50%"); one after it starts a new purpose.
  const modal = [...own.filter((w) => w.start < figure.span.start).map((w) => w.text), ...wider].find((w) => NOT_STATEMENT.has(w));
  if (modal) return `it is a target or projection (“${modal}”)`;
  const promise = own.find((w) => w.start > figure.span.end && PROMISES.has(w.text));
  if (promise) return `it is a promise or proposal (“${promise.text}”)`;
  const following = own.filter((w) => w.start >= figure.span.end).slice(0, 2).map((w) => w.text);
  const comparative = following.find((w) => COMPARATIVES.has(w));
  if (comparative) return `it is relative to another value (“${comparative}”)`;
  if (/\bfrom\s*$/i.test(text.slice(Math.max(figure.sentence.start, figure.span.start - 6), figure.span.start))) return 'it is the start of a change (“from …”)';
  if (identity.share) {
    if (!identity.share.of) return 'the share’s whole (“… of what”) is not stated';
    if (!identity.share.part) return 'the share’s part is not stated';
    return undefined;
  }
  if (!identity.measure && !identity.subject) return 'no measure or counted noun was found';
  if (identity.subject && PLACE_WORDS.has(identity.subject) && !identity.measure) return 'only a place was found, no measure';
  return undefined;
}
