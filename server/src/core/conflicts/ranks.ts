import { FOLDED_TO_ASCII_ONLY_UNDER_U } from '../regExps';
import { perDocument } from '../derived';
import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Heading } from '../extract/outline';
import type { Span } from '../types';
import { figuresOf } from './figuresOf';
import { RANK_MEASURES, RANK_ORDINALS, RANK_SCOPES } from './rankVocabulary';
import { documentGeographyOf } from './statements';
import { PLACES } from './vocabulary';
import { pushTo } from '../collections';
import { IncrementalGroups } from '../index/incrementalGroups';
import { moves } from './moves';
import { sameMovedHeadings } from './reuse';

/**
 * Rank statements (spec §4: "ranks for the same period must agree"): "Mexico was the second-largest
 * trading partner of the United States in 2021" says the rank of Mexico among the U.S.'s trading partners,
 * by two-way trade, for 2021, is 2.
 *
 * A rank claim is read only when all of it is explicit: a rank word ("largest", "2nd largest", "#1",
 * "top", "number one", "first place"), a partner noun in the singular ("trading partner", "export market",
 * "supplier of imports", "foreign investor"), the holder of the rank and the place whose partners are
 * ranked (from the sentence, or — in a document about two places — the other of the two). Plural and
 * hedged forms ("one of the top five", "largest export markets", "1st or 2nd") say no single rank and are
 * skipped. The period binds as for figures: a year in the sentence, else in the heading above, else "this
 * year" resolved against the document's stated date; an unbound claim is compared only within its document.
 */
export interface RankClaim {
  uri: string;
  /** The rank phrase: from the rank word to the partner noun. */
  span: Span;
  /** 1 for "largest", 2 for "second-largest"… */
  rank: number;
  /** The place that holds the rank ("Mexico"). */
  holder: string;
  /** The place whose partners are ranked ("U.S."). */
  among: string;
  /** 'trading partner', 'export market', 'supplier of imports', 'foreign investor'. */
  measure: string;
  /** What the ranking is restricted to: 'goods', 'agricultural', 'beef'…; '' for the whole measure. */
  scope: string;
  /** The year the claim is about; undefined when unbound. */
  year?: number;
}

/** Two or more rank claims for one ranking and period that cannot all hold. */
export interface RankConflict {
  claims: RankClaim[];
  against: Map<RankClaim, RankClaim[]>;
  fingerprint: string;
}


const ORDINAL_ALT = Object.keys(RANK_ORDINALS).sort((a, b) => b.length - a.length).join('|');
const MEASURE_ALT = RANK_MEASURES.flatMap((m) => m.phrases).sort((a, b) => b.length - a.length).join('|');
const PLACE_NAMES = PLACES.flatMap((p) => p.names.map((name) => ({ name, place: p.place }))).sort((a, b) => b.name.length - a.name.length);
const PLACE_ALT = PLACE_NAMES.map((p) => p.name.replace(/\./g, '\\.')).join('|');
// The rank word and what may stand between it and the partner noun: "the United States' second largest", "US' largest", "1st agricultural".
const RANK = new RegExp(
  String.raw`(?<![\p{L}\p{N}#])(?:(${ORDINAL_ALT})(?:[-\s]+(?:largest|biggest))?|(largest|biggest|top|leading|number[-\s]one|#\s?(\d{1,2})|no\.\s?(\d{1,2})))` +
    String.raw`(?:\s+(?:(${PLACE_ALT})(?:['’]s?)?\s+)?((?:[\p{L}-]+\s+){0,2}?)(${MEASURE_ALT}))(?![\p{L}])`,
  'giu',
);
const MEASURE_NAMED = new RegExp(String.raw`(?<![\p{L}])(?:${MEASURE_ALT})(?![\p{L}])`, 'iu');
/**
 * The measure phrases anywhere, without `u`: tried before MEASURE_NAMED on each sentence. A `u` expression opening with
 * a lookbehind is tried at every character, and nearly every sentence names no measure: 134 → 39 ms over the
 * sentences of 200 synthetic documents. Without `u`, `i` matches the same letters except "ſ" and Kelvin "K", which
 * `u` folds to "s" and "k": a sentence holding either is tested with MEASURE_NAMED alone.
 */
const MEASURE_PHRASE = new RegExp(MEASURE_ALT, 'i');
// "Mexico retaking first place": a place rank whose measure is the trade the sentence is about.
const PLACE_RANK = new RegExp(String.raw`(?<![\p{L}])(${ORDINAL_ALT})\s+place(?![\p{L}])`, 'giu');
const NOT_ONE_RANK = /\b(?:one of|among|two of|some of|several of)\s+(?:the\s+)?(?:\S+\s+){0,3}$/i;
const ALTERNATIVE = /^\s*(?:or|and|to|[-–\/])\s*(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth)\b/i;
const YEAR = /(?<![\p{N}])((?:19|20)\d{2})(?![\p{N}])(?:\s*(?:&|and|,)\s*((?:19|20)\d{2})(?![\p{N}]))?/gu;
const THIS_YEAR = /\bthis year\b/i;
// Places named right after these words are compared with the holder, not the holder itself.
const NOT_HOLDER_BEFORE = /(?:surpass(?:ed|ing)?|overt(?:ook|aking|ake)|ahead of|behind|than|after|like|over)\s+$/i;
// A sentence ends at a line break, or at . ! ? before a space — but not after "U.S." or an initial.
const SENTENCE_END = /\n|[.!?](?=\s|$)/g;
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}(?:\.\p{Lu})*|Mr|Mrs|Ms|Dr|No|St|Jr|vs|etc|e\.g|i\.e|Inc|Co)$/u;

/**
 * Every rank claim of a document, in text order; computed with the analysis (see derived.ts). A claim is read from
 * one sentence, and sentences end at line breaks: an edited document reads again only the lines the change touched,
 * and keeps the last version's claims of the lines before them and moves those after them (see `reusedClaims`).
 */
export const rankClaimsOf = perDocument('rank-claims', (document: DocumentAnalysis, previous?: PreviousAnalysis): RankClaim[] => {
  const context = { defaultPlaces: documentGeographyOf(document), documentYear: figuresOf(document).documentDate?.year };
  return reusedClaims(document, previous, context) ?? claimsIn(document, 0, document.text.length, context);
});

/** What a document's claims read besides their sentence and the heading above it. */
interface ClaimContext {
  defaultPlaces: string[];
  documentYear: number | undefined;
}

/**
 * The claims of the last version, reused where the change cannot alter them, or `undefined`. The sentences of a line
 * depend on that line alone (`sentencesOf`: a break ends one, and the abbreviation look-back stops at the break
 * as at the text's start), and a claim on its sentence, the heading above it, the document's main places and date.
 * With the same main places and date, the claims of the lines before the change are the last version's, those of the
 * lines after it are theirs moved, and the changed lines are read again — when each kept claim has the same heading
 * years above its sentence (`sameHeadingYears`; all do when the headings only moved).
 */
function reusedClaims(document: DocumentAnalysis, previous: PreviousAnalysis | undefined, context: ClaimContext): RankClaim[] | undefined {
  if (!previous?.document.derived || !('rank-claims' in previous.document.derived)) return undefined;
  const { change } = previous;
  const old = previous.document;
  if (context.documentYear !== figuresOf(old).documentDate?.year) return undefined;
  const sameHeadings = sameMovedHeadings(old.outline, document.outline, change);
  const places = documentGeographyOf(old);
  if (places.length !== context.defaultPlaces.length || places.some((place, i) => place !== context.defaultPlaces[i])) return undefined;
  const { text } = document;
  // The changed lines: from the start of the line the change begins in to the end (break included) of the one it ends in.
  const from = change.start === 0 ? 0 : text.lastIndexOf('\n', change.start - 1) + 1;
  const newBreak = text.indexOf('\n', change.newEnd);
  const to = newBreak === -1 ? text.length : newBreak + 1;
  const oldTo = to - change.delta;
  const claims: RankClaim[] = [];
  const last = rankClaimsOf(old);
  let i = 0;
  for (; i < last.length && last[i]!.span.start < from; i++) {
    if (!sameHeadings && !sameHeadingYears(old, document, last[i]!.span.start, last[i]!.span.start)) return undefined;
    claims.push(last[i]!);
  }
  claims.push(...claimsIn(document, from, to, context));
  while (i < last.length && last[i]!.span.start < oldTo) i++;
  // Claims of one rank phrase share its span (one per year): so do the moved ones.
  const spans = new Map<Span, Span>();
  for (; i < last.length; i++) {
    const claim = last[i]!;
    if (!sameHeadings && !sameHeadingYears(old, document, claim.span.start, claim.span.start + change.delta)) return undefined;
    let span = spans.get(claim.span);
    if (!span) spans.set(claim.span, (span = { start: claim.span.start + change.delta, end: claim.span.end + change.delta }));
    claims.push({ ...claim, span });
  }
  return claims;
}

/**
 * Whether the sentence of a claim at `oldStart` in `old` and at `start` in `now` (one line, unchanged) reads the same
 * years from the heading above (`headingYears`). Its sentence starts between its line's start and the claim: when the
 * heading above both is one heading, it is the heading above the sentence.
 */
function sameHeadingYears(old: DocumentAnalysis, now: DocumentAnalysis, oldStart: number, start: number): boolean {
  const above = (document: DocumentAnalysis, offset: number): Heading | undefined | null => {
    const lineStart = offset === 0 ? 0 : document.text.lastIndexOf('\n', offset - 1) + 1;
    const heading = headingBefore(document, offset);
    return headingBefore(document, lineStart) === heading ? heading : null;
  };
  const a = above(old, oldStart);
  const b = above(now, start);
  if (a === null || b === null) return false;
  return String(a && yearsIn(a.text)) === String(b && yearsIn(b.text));
}

/** The claims of the sentences of `text[from, to)`, which starts at a line's start and ends after a line break or at the text's end. */
function claimsIn(document: DocumentAnalysis, from: number, to: number, { defaultPlaces, documentYear }: ClaimContext): RankClaim[] {
  const claims: RankClaim[] = [];
  const { text } = document;
  for (const sentence of sentencesOf(from === 0 && to === text.length ? text : text.slice(from, to))) {
    const start = sentence.start + from;
    const end = sentence.end + from;
    const s = text.slice(start, end);
    // Most sentences rank nothing: find their years only when one does.
    let yearsOfSentence: number[] | undefined | null = null;
    const sentenceYears = () => (yearsOfSentence === null ? (yearsOfSentence = yearsIn(s) ?? headingYears(document, start) ?? (THIS_YEAR.test(s) && documentYear ? [documentYear] : undefined)) : yearsOfSentence);
    let previous: { end: number; holder: string; among: string } | undefined;
    // Every rank names a partner noun ("trading partner"): most sentences have none, and RANK is slow to fail.
    const measureNamed = (MEASURE_PHRASE.test(s) || FOLDED_TO_ASCII_ONLY_UNDER_U.test(s)) && MEASURE_NAMED.test(s);
    for (const m of measureNamed ? s.matchAll(RANK) : []) {
      const before = s.slice(0, m.index);
      const after = s.slice(m.index + m[0].length);
      if (NOT_ONE_RANK.test(before) || ALTERNATIVE.test(after) || /\bor\s*$/i.test(before)) continue;
      const rank = rankOf(m);
      if (!rank) continue;
      // Lower-cased with "ſ" as "s": RANK matched it as one (`iu`), and the phrase must be found (it threw on "ſupplier").
      const measure = RANK_MEASURES.find((r) => r.phrases.includes(m[7]!.toLowerCase().replace(/\u017f/g, 's')))!.measure;
      const modifiers = (m[6] ?? '').toLowerCase().trim();
      // "largest trading partner in goods and second-largest export market": the second rank has the first one's places.
      const gap = previous ? s.slice(previous.end, m.index) : undefined;
      const bare = gap?.replace(/\([^)]*\)/g, '');
      const coordinated = previous && bare !== undefined && bare.length < 30 && /\b(?:and|as well as)\s*$|,\s*$/.test(bare) && !new RegExp(String.raw`(?<![\p{L}])(?:${PLACE_ALT})(?![\p{L}])`, 'iu').test(bare);
      const possessive = new RegExp(String.raw`(?<![\p{L}])(${PLACE_ALT})(?:['’]s?)\s+$`, 'iu').exec(before);
      let among = coordinated ? previous!.among : m[5] ? placeOf(m[5]) : possessive ? placeOf(possessive[1]!) : placeOfAfter(after);
      if (!among && /^(?:u\.s\.|us|american)\b/.test(modifiers)) among = 'U.S.';
      const holder = coordinated ? previous!.holder : holderOf(possessive ? before.slice(0, possessive.index) : before, among) ?? otherOf(defaultPlaces, among);
      if (!among) among = otherOf(defaultPlaces, holder);
      if (!holder || !among || holder === among) continue;
      previous = { end: m.index + m[0].length, holder, among };
      const scope = scopeOf(`${modifiers} ${m[7]}${after.slice(0, 40)}`);
      const span = { start: start + m.index, end: start + m.index + m[0].length };
      for (const year of sentenceYears() ?? [undefined]) {
        claims.push({ uri: document.uri, span, rank, holder, among, measure, scope, ...(year ? { year } : {}) });
      }
    }
    PLACE_RANK.lastIndex = 0;
    // Only a place rank in a sentence about trade, with a holder named before it: "Mexico retaking first place".
    for (const m of /\btrad(?:e|ing)\b/i.test(s) ? s.matchAll(PLACE_RANK) : []) {
      const before = s.slice(0, m.index);
      const holder = holderOf(before, undefined);
      const among = otherOf(defaultPlaces, holder);
      if (!holder || !among) continue;
      const span = { start: start + m.index, end: start + m.index + m[0].length };
      for (const year of sentenceYears() ?? [undefined]) {
        claims.push({ uri: document.uri, span, rank: RANK_ORDINALS[m[1]!.toLowerCase()]!, holder, among, measure: 'trading partner', scope: '', ...(year ? { year } : {}) });
      }
    }
  }
  return claims;
}

/** Every rank conflict of the workspace, in URI then offset order of its first claim; cached until the next change. */
export function workspaceRankConflicts(index: WorkspaceIndex): RankConflict[] {
  return index.derive('conflicts/ranks', (ix) => {
    let state = rankStates.get(ix);
    if (!state) rankStates.set(ix, (state = { groups: new IncrementalGroups(rankClaimsOf, rankingOf, (c) => c.uri), members: new Map(), conflicts: new Map(), moved: new Map(), generation: -1 }));
    state.moved = new Map();
    // The documents changed since the last pass: a ranking's claims can differ only in theirs.
    const documents = ix.changesSince(state.generation);
    state.generation = ix.generation;
    // Only the rankings a changed document claims something about are compared again.
    for (const id of state.groups.updateFrom(ix)) {
      const group = state.groups.groups.get(id);
      const before = state.members.get(id);
      if (group) state.members.set(id, group);
      else state.members.delete(id);
      // Claims that only moved (typing above them) keep the ranking's conflict, moved too (as in conflicts.ts).
      const moved = before && group ? moves(before, group, undefined, documents) : undefined;
      const previous = state.conflicts.get(id);
      const conflict = moved ? previous && movedRankConflict(previous, moved, state.moved) : group && conflictInGroup(group);
      if (conflict) state.conflicts.set(id, conflict);
      else state.conflicts.delete(id);
    }
    // Two rankings can start at one claim's place ("in 2021 & 2022"): their ids break the tie, whatever the edit history.
    return [...state.conflicts].sort(([i, a], [j, b]) => compareClaims(a.claims[0]!, b.claims[0]!) || (i < j ? -1 : 1)).map(([, conflict]) => conflict);
  });
}

/** Per index: rank claims grouped by ranking and period, each ranking's claims when last compared, and the conflict of each ranking that has one. */
const rankStates = new WeakMap<
  WorkspaceIndex,
  { groups: IncrementalGroups<RankClaim>; members: Map<string, readonly RankClaim[]>; conflicts: Map<string, RankConflict>; moved: Map<RankConflict, RankConflictMove>; generation: number }
>();

/** A rank conflict made by moving claims of another (`movedRankConflict`): the other, and the replacements (old → new). */
export interface RankConflictMove {
  previous: RankConflict;
  moved: ReadonlyMap<RankClaim, RankClaim>;
}

/**
 * The conflict `conflict` became when the claims of `moved` (old → new) moved in their documents, nothing else of
 * its ranking changing: the same claims, opposed as before, with the moved ones replaced (the same conflict when
 * none of its claims moved). Whether two claims disagree depends on their holders and ranks alone, and the
 * fingerprint on values alone.
 */
function movedRankConflict(conflict: RankConflict, moved: ReadonlyMap<RankClaim, RankClaim>, record: Map<RankConflict, RankConflictMove>): RankConflict {
  if (!conflict.claims.some((c) => moved.has(c))) return conflict;
  const replaced = (list: readonly RankClaim[]) => list.map((c) => moved.get(c) ?? c);
  const claims = replaced(conflict.claims);
  const against = new Map<RankClaim, RankClaim[]>();
  for (const [claim, others] of conflict.against) against.set(moved.get(claim) ?? claim, replaced(others));
  const result = { claims, against, fingerprint: conflict.fingerprint };
  record.set(result, { previous: conflict, moved });
  return result;
}

/** When the last `workspaceRankConflicts` of `index` made `conflict` by moving claims of a conflict before it: that conflict and the replacements. */
export function rankConflictMove(index: WorkspaceIndex, conflict: RankConflict): RankConflictMove | undefined {
  return rankStates.get(index)?.moved.get(conflict);
}

/** The ranking a claim is about (measure, scope, the place whose partners are ranked) and its period; unbound claims rank within their document. */
function rankingOf(claim: RankClaim): string {
  return JSON.stringify([claim.measure, claim.scope, claim.among, claim.year ?? `unbound:${claim.uri}`]);
}

/**
 * Claims of one ranking (measure, scope, the place whose partners are ranked) for one period disagree when
 * one holder is given two ranks, or two holders one rank. Unbound claims are compared within their document.
 */
function conflictInGroup(group: readonly RankClaim[]): RankConflict | undefined {
  const against = new Map<RankClaim, RankClaim[]>();
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i]!;
      const b = group[j]!;
      if (a.span.start === b.span.start && a.uri === b.uri) continue;
      const disagree = a.holder === b.holder ? a.rank !== b.rank : a.rank === b.rank;
      if (!disagree) continue;
      pushTo(against, a, b);
      pushTo(against, b, a);
    }
  }
  const involved = group.filter((c) => against.has(c));
  if (involved.length === 0) return undefined;
  const first = involved[0]!;
  return {
    claims: involved,
    against,
    fingerprint: JSON.stringify(['rank', first.measure, first.scope, first.among, first.year ?? '', involved.map((c) => `${c.holder}=${c.rank}`).sort()]),
  };
}

/** "Rank of Mexico among U.S. trading partners (2022)". */
export function rankName(claim: RankClaim): string {
  const scope = claim.scope ? ` (${claim.scope})` : '';
  return `Rank of ${claim.holder} among ${claim.among} ${claim.measure}s${scope}${claim.year ? ` (${claim.year})` : ''}`;
}

/** "2nd", "1st": a rank for messages. */
export function ordinal(rank: number): string {
  const tens = rank % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th');
  return `${rank}${suffix}`;
}

function compareClaims(a: RankClaim, b: RankClaim): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start;
}

function rankOf(m: RegExpMatchArray): number | undefined {
  if (m[1]) return RANK_ORDINALS[m[1].toLowerCase()];
  const number = m[3] ?? m[4];
  if (number) return Number(number);
  return m[2] ? 1 : undefined;
}

function placeOf(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/['’]s?$/, '');
  return PLACE_NAMES.find((p) => p.name === lower || (lower === 'us' && p.name === 'u.s.'))?.place;
}

/** "… trading partner of the United States" → 'U.S.'. */
function placeOfAfter(after: string): string | undefined {
  const m = new RegExp(String.raw`^\s+(?:of|for|to)\s+(?:the\s+)?(${PLACE_ALT})(?![\p{L}])`, 'iu').exec(after);
  return m ? placeOf(m[1]!) : undefined;
}

/** The nearest place named before the rank phrase that is not the ranking's own place nor an object of comparison. */
function holderOf(before: string, among: string | undefined): string | undefined {
  const pattern = new RegExp(String.raw`(?<![\p{L}])(${PLACE_ALT})(?![\p{L}])`, 'giu');
  let holder: string | undefined;
  for (const m of before.matchAll(pattern)) {
    const place = placeOf(m[1]!);
    if (!place || place === among || NOT_HOLDER_BEFORE.test(before.slice(0, m.index))) continue;
    holder = place;
  }
  return holder;
}

/** In a document about two places, the one that is not `place`. */
function otherOf(places: readonly string[], place: string | undefined): string | undefined {
  if (!place || places.length !== 2 || !places.includes(place)) return undefined;
  return places.find((p) => p !== place);
}

function scopeOf(words: string): string {
  const lower = words.toLowerCase();
  const found = RANK_SCOPES.find((s) => new RegExp(String.raw`(?<![\p{L}])(?:${s.words.join('|')})(?![\p{L}])`, 'u').test(lower));
  if (found) return found.scope;
  // "largest export market for U.S. beef": a ranking by one product.
  const product = /^[^.;:]*?\b(?:market|partner|supplier|destination)\s+for\s+(?:u\.s\.|us|american)\s+([a-z]+)/.exec(lower);
  return product && !placeOf(product[1]!) && !/^\d/.test(product[1]!) ? product[1]! : '';
}

/** Sentence spans of `text` (line breaks end sentences; "U.S." and initials do not). */
function sentencesOf(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m[0] !== '\n' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const end = m.index + m[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

function yearsIn(sentence: string): number[] | undefined {
  const years = new Set<number>();
  for (const m of sentence.matchAll(YEAR)) {
    years.add(Number(m[1]));
    if (m[2]) years.add(Number(m[2]));
  }
  return years.size > 0 ? [...years].sort() : undefined;
}

function headingYears(document: DocumentAnalysis, offset: number): number[] | undefined {
  const nearest = headingBefore(document, offset)?.text;
  return nearest ? yearsIn(nearest) : undefined;
}

/** The heading whose years a sentence starting at `offset` takes: the last one starting at or before it. */
function headingBefore(document: DocumentAnalysis, offset: number): Heading | undefined {
  let nearest: Heading | undefined;
  for (const heading of document.outline) {
    if (heading.span.start > offset) break;
    nearest = heading;
  }
  return nearest;
}
