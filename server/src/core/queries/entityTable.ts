import { detached } from '../detached';
import { textSlice } from '../compactText';
import { pushTo, sortedIndexOf } from '../collections';
import { perDocument } from '../derived';
import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import { PERSON_TITLES, WELL_KNOWN_ACRONYMS, type EntityKind } from '../entities/data';
import { emptyGlossary, type Glossary } from '../entities/glossary';
import { acronymKey, isAcronymShaped, nameKey, singularAcronym } from '../entities/names';
import type { AcronymDefinition, AcronymMention, AliasDefinition } from '../extract/acronyms';
import type { NameCandidate, WordRuns } from '../extract/entities';
import { IncrementalGroups } from '../index/incrementalGroups';
import { NameContributions, type CountedPairs, type NameContribution } from './nameMerge';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Place, Span } from '../types';

/** The index input key under which the server puts the user's glossary. */
export const GLOSSARY_INPUT = 'glossary';

/** An acronym definition with the document it stands in. */
export interface PlacedAcronymDefinition extends AcronymDefinition {
  uri: string;
}

/** One entity of the workspace: every name, acronym and nickname that means the same thing. */
export interface Entity {
  id: number;
  /** The name shown to the reader: the glossary's, an acronym's expansion, or the longest full name. */
  name: string;
  kind: EntityKind;
  /** Acronyms, singular ("TCO"). */
  acronyms: string[];
  /** Long names given for its acronyms, as written. */
  expansions: string[];
  /** Every surface seen in the text, as written, most frequent first. */
  aliases: string[];
  /** Where it is introduced, at most one place per document (URI order): its definition, else its first full mention. */
  introductions: Place[];
}

/** One mention of an entity in a document. */
export interface EntityMention {
  entity: number;
  uri: string;
  span: Span;
  /** The text as written ("TCOs", "López Obrador"). */
  surface: string;
  /** Spelling-insensitive key of the surface: mentions with the same key are renamed together. */
  key: string;
  acronym: boolean;
}

/** Mentions to read in order; the same object as long as they are the same mentions (rules keep reports by it). */
export interface MentionList extends Iterable<EntityMention> {
  readonly length: number;
}

/** Every entity of the workspace with its mentions; see `entityTable`. */
export interface EntityTable {
  entities: Entity[];
  /** A document's mentions, in text order, their `entity` set for this table. */
  mentionsIn(uri: string): EntityMention[];
  /** A document's mentions by a bare acronym ("TCOs"), in text order: what the acronym rules read. */
  acronymMentionsIn(uri: string): MentionList;
  /** An entity's mentions, in URI then text order. */
  mentionsOf(entity: number): EntityMention[];
  /** How many mentions an entity has in each document, in URI order. */
  mentionCounts(entity: number): readonly (readonly [uri: string, count: number])[];
  /** How many mentions an entity has in the workspace. */
  mentionTotal(entity: number): number;
  /** Where an entity is introduced in one document (its place there in `introductions`), without placing it in the others. */
  introductionIn(entity: number, uri: string): Span | undefined;
  /** The first of an entity's `introductions`, without placing it in the other documents. */
  firstIntroduction(entity: number): Place | undefined;
  /**
   * Acronym definitions by singular acronym (acronyms in code-unit order), each list in URI then text order; a list
   * no document's change touched is the same array as in the last table of the index.
   */
  acronymDefinitions: ReadonlyMap<string, readonly PlacedAcronymDefinition[]>;
  /** Acronyms readers know without an expansion ("GDP", "U.S."), and glossary-ignored terms, by key. */
  exempt: Set<string>;
  /** Numbers the tables of one index, from 1. */
  build: number;
  /**
   * The URIs of the documents whose mention lists (`mentionsIn`) are other arrays than in the table numbered `build`
   * of the same index, or `undefined` when that cannot be told: rules keep what they derived from the others.
   * Entity ids on mentions can change without this (they are set on the same objects); so can the entities.
   */
  mentionsChangedSince(build: number): ReadonlySet<string> | undefined;
}

const MAX_NAME_WORDS = 14;
const KIND_WEIGHT = { title: 4, 'cue-word': 2, place: 3, shape: 1 } as const;
const TITLE_WORDS = new Set(PERSON_TITLES.flatMap((t) => nameKey(t).split(' ')));

/**
 * The workspace's entities, cached in the index until the next change. Names are merged by spelling-insensitive
 * key, acronym ↔ expansion, alias definitions ("USMCA (T-MEC)"), nicknames, the glossary, and a person's surname
 * ("Biden", "López Obrador") when exactly one person in the workspace has it. Mentions are the longest known
 * names found in each document's runs of capitalised words.
 */
export function entityTable(index: WorkspaceIndex): EntityTable {
  return index.derive('entity-table', (idx) => {
    let state = builders.get(idx);
    if (!state) builders.set(idx, (state = { builder: new EntityTableBuilder(), uris: undefined, generation: 0 }));
    // The same URIs as at the last build: the documents changed since are named by the index.
    const changed = state.uris === idx.uris() ? idx.changesSince(state.generation) : undefined;
    state.uris = idx.uris();
    state.generation = idx.generation;
    return state.builder.build(idx.documents(), idx.input<Glossary>(GLOSSARY_INPUT) ?? emptyGlossary, changed);
  });
}

/** How many replaced matches `mentionsChangedSince` can tell at least: a few thousand documents' worth between two passes. */
const MENTION_LOG_LENGTH = 10_000;

// One builder per index: it keeps what the index's last table was built from, and which generation of the index that was.
const builders = new WeakMap<WorkspaceIndex, { builder: EntityTableBuilder; uris: readonly string[] | undefined; generation: number }>();

class KeyUnion {
  readonly parent = new Map<string, string>();
  readonly #apart: string[][];
  constructor(apart: string[][]) {
    this.#apart = apart;
  }
  add(key: string): void {
    if (!this.parent.has(key)) this.parent.set(key, key);
  }
  find(key: string): string {
    this.add(key);
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(key, root);
    return root;
  }
  /** Merges two keys unless that would merge names the glossary keeps apart. */
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    for (const group of this.#apart) {
      const roots = group.map((k) => (this.parent.has(k) ? this.find(k) : k));
      const inA = roots.some((r) => r === ra);
      const inB = roots.some((r) => r === rb);
      if (inA && inB) return;
    }
    // Deterministic: the smaller key is the root.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

function keyOf(surface: string): string {
  return isAcronymShaped(surface) ? acronymKey(surface) : nameKey(surface);
}

/** A name found in one document, with its key: the part of a name candidate the merge needs. */
interface KeyedName {
  key: string;
  kind: EntityKind;
  weight: number;
  /** The surface as introduced ("The" dropped), for the canonical name; only for names of a known kind. */
  fullName: string | undefined;
}

/**
 * The acronym mentions of a document's runs as the matcher reads them, by the word each starts at: mention `m`
 * starts at word `words[m]` (ascending) and spans `starts[m]`–`ends[m]`, with its key and its text as written.
 * Parallel lists, not a map of records: a map entry, a record and a span were ~130 bytes a mention, ~330,000 of them
 * kept for the benchmark's closed documents.
 */
interface AcronymMentionsByWord {
  words: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  keys: string[];
  surfaces: string[];
}

/** The number of the acronym mention starting at word `w`, or -1. */
function acronymAt(mentions: AcronymMentionsByWord, w: number): number {
  const { words } = mentions;
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle]! < w) low = middle + 1;
    else high = middle;
  }
  return low < words.length && words[low] === w ? low : -1;
}

/**
 * The document's runs of capitalised words (`WordRuns`, flat) with each word's key, whether it is shaped
 * like an acronym, and the acronym mention starting at it (by word index; few words have one).
 */
interface KeyedRuns {
  runs: WordRuns;
  /**
   * Each word's key, as a number into `words` (the document's distinct keys): word `i`'s key is
   * `words[wordIds[i]]`. A string per word was ~1,500 per document to send from a worker, share and keep.
   */
  words: string[];
  wordIds: Uint16Array | Uint32Array;
  acronymShaped: Uint8Array;
  acronymMentions: AcronymMentionsByWord;
  /** A Bloom filter of the words of `words` (see `wordFilterOf`). */
  wordFilter: Uint32Array;
}

/**
 * A mention as an object: made while a document is matched, and made again from a match's packed mentions
 * (`mentionObjects`) for whoever asks for them. Its place is two fields of its own, not a span object (`span` makes
 * one when asked); its `entity` id is set for the table that made it.
 */
class RawMention implements EntityMention {
  constructor(
    public entity: number,
    readonly uri: string,
    readonly start: number,
    readonly end: number,
    readonly surface: string,
    readonly key: string,
    readonly acronym: boolean,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/**
 * What one document contributes to the entity table, independent of the glossary and of the other documents:
 * every key is computed here once per analysis, so an edit re-keys only the edited document.
 */
interface DocumentEntityPart {
  names: KeyedName[];
  definitions: { definition: PlacedAcronymDefinition; acronymKey: string; expansionKey: string }[];
  aliases: { alias: AliasDefinition & { uri: string }; aliasKey: string; nameKey: string }[];
  runs: KeyedRuns;
}

/**
 * A document's mentions found with the last set of known names, reused while that set stays the same, with
 * what they add up to per key (the table sums these, not the mentions).
 */
interface MatchedMentions {
  vocabulary: MentionVocabulary;
  /**
   * When made from another match by matching some runs again: that match, and the keys of the mentions those runs
   * had or have. Every other key has the same mentions, spellings and count in both (`unchangedKeys`).
   */
  remade?: { from: MatchedMentions; keys: ReadonlySet<string> };
  /**
   * The mentions in text order, three numbers each: start, end and spelling number (which gives the surface, the key
   * and whether by a bare acronym). Objects are made from these when asked (`mentionObjects`): as objects, the
   * benchmark's 1.1 million mentions took 88 bytes each (80 and an array slot), ~97 MB; packed they take 12.
   */
  packed: Int32Array;
  /** Distinct keys in order of first mention, each with its count and its first mention not by an acronym (-1: none). */
  keys: string[];
  /**
   * Each key's number, made when first asked (`keyIndexOf`): a table asks for few documents' (introductions, an
   * edited document's keys), and kept for every document they took ~13 MB on the benchmark.
   */
  keyIndex?: Map<string, number>;
  counts: Int32Array;
  firstFull: Int32Array;
  /** Distinct spellings per key: the key's number, the surface flagged 1/0 for acronym mentions, and the count. */
  surfaceKey: Int32Array;
  surfaceText: string[];
  surfaceCount: Int32Array;
  /** The mentions by a bare acronym, made once: the acronym rules read every document's, and keep their reports by this list. */
  acronymMentions?: AcronymMentionList;
  /** The numbering whose entity ids the acronym mentions carry, when only they were numbered (`acronymMentionsIn`). */
  acronymsNumberedBy?: Numbering;
  /** Per key, its spellings with their counts, sorted and joined (set on demand by `sameKeyInDocument`). */
  spellings?: string[];
}

// Kept beside the parts, not in them: parts are stored with the analysis (and persisted), matches are not.
const matchedByPart = new WeakMap<DocumentEntityPart, MatchedMentions>();

/**
 * The document's mentions with this vocabulary: the last match when the vocabulary is the same. `changedKeys`, the
 * keys known to the last match's vocabulary or to this one but not both (the ignored keys the same): only the runs
 * where the match may look one of them up are matched again, and the last match itself is kept when there are none.
 */
function matchedMentions(document: DocumentAnalysis, part: DocumentEntityPart, vocabulary: MentionVocabulary, changedKeys?: ReadonlySet<string>): MatchedMentions {
  const last = matchedByPart.get(part);
  if (last?.vocabulary === vocabulary) return last;
  let pieces: MentionPiece[];
  let remade: MatchedMentions['remade'];
  const runs = last && changedKeys ? runsQuerying(part, changedKeys) : undefined;
  if (last && runs?.length === 0) {
    last.vocabulary = vocabulary;
    return last;
  }
  const touched = new Set<string>();
  // The last match's acronym mentions, when the runs matched again hold the same ones (see `rematchedRuns`).
  let keptAcronymMentions: AcronymMentionList | undefined;
  if (last && runs) {
    const rematched = rematchedRuns(document, part, vocabulary, last, runs, touched);
    pieces = rematched.pieces;
    if (rematched.sameAcronyms) keptAcronymMentions = last.acronymMentions;
    remade = { from: last, keys: touched };
  } else {
    const edited = last ? undefined : matchedAfterEdit(document, part, vocabulary, touched);
    if (edited) remade = { from: edited.from, keys: touched };
    pieces = edited?.pieces ?? matchMentions(document, part, vocabulary).mentions;
  }
  const summary = new MatchSummary();
  if (inTextOrder(pieces)) {
    for (const piece of pieces) {
      if (piece instanceof RawMention) summary.add(piece.start, piece.end, piece.surface, piece.key, piece.acronym);
      else summary.addKept(piece);
    }
  } else {
    // Rare (an acronym mention inside a name): every mention as an object, sorted.
    const mentions = pieces.flatMap((piece) => (piece instanceof RawMention ? [piece] : keptObjects(document.uri, piece)));
    mentions.sort((a, b) => a.start - b.start);
    for (const m of mentions) summary.add(m.start, m.end, m.surface, m.key, m.acronym);
  }
  const matched: MatchedMentions = {
    vocabulary,
    remade,
    packed: Int32Array.from(summary.packed),
    keys: summary.keys,
    counts: Int32Array.from(summary.counts),
    firstFull: Int32Array.from(summary.firstFull),
    surfaceKey: Int32Array.from(summary.surfaceKey),
    surfaceText: summary.surfaceText,
    surfaceCount: Int32Array.from(summary.surfaceCount),
  };
  // The same array, so the acronym rules keep the reports they made from it (a name added elsewhere re-matched 263
  // documents' runs on the benchmark, nearly always around full names only).
  if (keptAcronymMentions) matched.acronymMentions = keptAcronymMentions;
  matchedByPart.set(part, matched);
  return matched;
}

/**
 * Mentions of the last match taken over by the next one, `begin` to `end` (mention numbers), moved by `delta`: not
 * made into objects. Made objects, a keystroke in a large report made one for each of its mentions.
 */
interface KeptMentions {
  from: MatchedMentions;
  begin: number;
  end: number;
  delta: number;
}

/** What a match is made of, in text order: mentions matched anew and runs of the last match's. */
type MentionPiece = RawMention | KeptMentions;

function inTextOrder(pieces: readonly MentionPiece[]): boolean {
  let last = -1;
  for (const piece of pieces) {
    if (piece instanceof RawMention) {
      if (piece.start < last) return false;
      last = piece.start;
    } else if (piece.end > piece.begin) {
      const { packed } = piece.from;
      if (packed[3 * piece.begin]! + piece.delta < last) return false;
      last = packed[3 * (piece.end - 1)]! + piece.delta;
    }
  }
  return true;
}

/** The kept mentions as objects. */
function keptObjects(uri: string, { from, begin, end, delta }: KeptMentions): RawMention[] {
  const mentions: RawMention[] = [];
  for (let i = begin; i < end; i++) {
    const s = from.packed[3 * i + 2]!;
    const flagged = from.surfaceText[s]!;
    mentions.push(new RawMention(-1, uri, from.packed[3 * i]! + delta, from.packed[3 * i + 1]! + delta, flagged.slice(1), from.keys[from.surfaceKey[s]!]!, isAcronymSpelling(flagged)));
  }
  return mentions;
}

/** Each key of a match by its number. */
function keyIndexOf(match: MatchedMentions): Map<string, number> {
  return (match.keyIndex ??= new Map(match.keys.map((key, k) => [key, k])));
}

/** The key of mention number `i` of a match. */
function keyOfMention(match: MatchedMentions, i: number): string {
  return match.keys[match.surfaceKey[match.packed[3 * i + 2]!]!]!;
}

/**
 * A match's mentions packed, and what they add up to per key and per spelling, built mention by mention in text order.
 * Written here: the counting is this table's own.
 */
class MatchSummary {
  readonly keyIndex = new Map<string, number>();
  readonly keys: string[] = [];
  readonly counts: number[] = [];
  readonly firstFull: number[] = [];
  readonly surfaceKey: number[] = [];
  readonly surfaceText: string[] = [];
  readonly surfaceCount: number[] = [];
  readonly packed: number[] = [];
  // Spellings' numbers by surface, as a full name and as an acronym: no string is built per mention. One map for all
  // keys, as a surface is nearly always read as one key; one that is not is numbered apart per key (`otherKeys`). Two
  // maps per key cost ~3,000 maps, a fifth of what a keystroke in a large report allocated for the entity table.
  readonly #bySurface = [new Map<string, number>(), new Map<string, number>()] as const;
  #otherKeys: Map<string, number> | undefined;
  /** Per match mentions are kept from: its spelling numbers' numbers here (-1: not yet seen). */
  readonly #spellingsOf = new Map<MatchedMentions, Int32Array>();

  add(start: number, end: number, surface: string, key: string, acronym: boolean): void {
    this.#count(start, end, this.#spelling(surface, key, acronym), acronym);
  }

  addKept({ from, begin, end, delta }: KeptMentions): void {
    let spellings = this.#spellingsOf.get(from);
    if (!spellings) this.#spellingsOf.set(from, (spellings = new Int32Array(from.surfaceText.length).fill(-1)));
    for (let i = begin; i < end; i++) {
      const t = from.packed[3 * i + 2]!;
      const flagged = from.surfaceText[t]!;
      const acronym = isAcronymSpelling(flagged);
      let s = spellings[t]!;
      if (s < 0) spellings[t] = s = this.#spelling(flagged.slice(1), from.keys[from.surfaceKey[t]!]!, acronym, flagged);
      this.#count(from.packed[3 * i]! + delta, from.packed[3 * i + 1]! + delta, s, acronym);
    }
  }

  #count(start: number, end: number, s: number, acronym: boolean): void {
    const k = this.surfaceKey[s]!;
    if (!acronym && this.firstFull[k]! < 0) this.firstFull[k] = this.packed.length / 3;
    this.counts[k]!++;
    this.surfaceCount[s]!++;
    this.packed.push(start, end, s);
  }

  /** The spelling number of `surface` as a mention of `key`, numbered (with its key) when first seen. */
  #spelling(surface: string, key: string, acronym: boolean, flagged?: string): number {
    let k = this.keyIndex.get(key);
    if (k === undefined) {
      this.keyIndex.set(key, (k = this.keys.length));
      this.keys.push(key);
      this.counts.push(0);
      this.firstFull.push(-1);
    }
    const flag = acronym ? 1 : 0;
    const spellings = this.#bySurface[flag];
    let s = spellings.get(surface);
    let otherKey: string | undefined;
    if (s !== undefined && this.surfaceKey[s] !== k) s = this.#otherKeys?.get((otherKey = `${k}\u0000${flag}${surface}`));
    if (s === undefined) {
      s = this.surfaceText.length;
      if (otherKey === undefined) spellings.set(surface, s);
      else (this.#otherKeys ??= new Map()).set(otherKey, s);
      this.surfaceKey.push(k);
      this.surfaceText.push(flagged ?? flaggedSurface(flag, surface));
      this.surfaceCount.push(0);
    }
    return s;
  }
}

/** How many documents' mention lists a table keeps once made (see `EntityTable.mentionsIn`). */
const MENTION_LISTS_KEPT = 16;

/**
 * A match's mentions as objects, in text order, with the entity id `entityOf` gives their key (-1 without);
 * `include`: only those of the spellings it takes (asked once per spelling, not per mention).
 */
function mentionObjects(uri: string, match: MatchedMentions, entityOf?: (key: string) => number, include?: (key: string) => boolean): RawMention[] {
  const { packed, keys, surfaceKey, surfaceText } = match;
  // Per spelling: its surface (undefined: not included), key, entity and flag; one slice per spelling, not per mention.
  const surfaces: (string | undefined)[] = new Array(surfaceText.length);
  const entities = new Int32Array(surfaceText.length);
  const acronyms = new Uint8Array(surfaceText.length);
  for (let s = 0; s < surfaceText.length; s++) {
    const key = keys[surfaceKey[s]!]!;
    if (include && !include(key)) continue;
    surfaces[s] = surfaceText[s]!.slice(1);
    entities[s] = entityOf ? entityOf(key) : -1;
    acronyms[s] = isAcronymSpelling(surfaceText[s]!) ? 1 : 0;
  }
  const mentions: RawMention[] = [];
  for (let i = 0; i < packed.length; i += 3) {
    const s = packed[i + 2]!;
    const surface = surfaces[s];
    if (surface !== undefined) mentions.push(new RawMention(entities[s]!, uri, packed[i]!, packed[i + 1]!, surface, keys[surfaceKey[s]!]!, acronyms[s] === 1));
  }
  return mentions;
}

/**
 * A document's mentions by a bare acronym, packed as its match keeps its mentions (start, end and spelling, three
 * numbers each) with each spelling's surface, key and entity: objects are made as the list is read. As objects
 * (~90 bytes each, kept for the acronym rules) they were ~300,000 on the benchmark's closed documents.
 */
class AcronymMentionList implements MentionList {
  readonly length: number;

  private constructor(
    readonly uri: string,
    readonly packed: Int32Array,
    readonly surfaces: readonly string[],
    readonly keys: readonly string[],
    readonly entities: Int32Array,
  ) {
    this.length = packed.length / 3;
  }

  static of(uri: string, match: MatchedMentions, entityOf: (key: string) => number): AcronymMentionList {
    const { packed, keys, surfaceKey, surfaceText } = match;
    // The acronym spellings, numbered anew among themselves.
    const local = new Int32Array(surfaceText.length).fill(-1);
    const surfaces: string[] = [];
    const spellingKeys: string[] = [];
    for (let s = 0; s < surfaceText.length; s++) {
      if (!isAcronymSpelling(surfaceText[s]!)) continue;
      local[s] = surfaces.length;
      surfaces.push(surfaceText[s]!.slice(1));
      spellingKeys.push(keys[surfaceKey[s]!]!);
    }
    let count = 0;
    for (let i = 0; i < packed.length; i += 3) if (local[packed[i + 2]!]! >= 0) count++;
    const mine = new Int32Array(count * 3);
    for (let i = 0, j = 0; i < packed.length; i += 3) {
      const s = local[packed[i + 2]!]!;
      if (s < 0) continue;
      mine[j++] = packed[i]!;
      mine[j++] = packed[i + 1]!;
      mine[j++] = s;
    }
    const list = new AcronymMentionList(uri, mine, surfaces, spellingKeys, new Int32Array(surfaces.length));
    list.renumber(entityOf);
    return list;
  }

  /** Sets each spelling's entity as `entityOf` numbers them. */
  renumber(entityOf: (key: string) => number): void {
    for (let s = 0; s < this.keys.length; s++) this.entities[s] = entityOf(this.keys[s]!);
  }

  *[Symbol.iterator](): Iterator<EntityMention> {
    const { packed, surfaces, keys, entities, uri } = this;
    for (let i = 0; i < packed.length; i += 3) {
      const s = packed[i + 2]!;
      yield new RawMention(entities[s]!, uri, packed[i]!, packed[i + 1]!, surfaces[s]!, keys[s]!, true);
    }
  }
}

/**
 * Spellings flagged as a full name ("0…") or an acronym ("1…"), one string per value for every document: each summary
 * keeps a list of them, and built per document they were ~300,000 strings on the benchmark's 2,000 documents, of far
 * fewer values. Cleared when large, so spellings typed and gone do not pile up over a long session.
 */
const flaggedSurfaces = new Map<string, string>();
const MAX_FLAGGED_SURFACES = 200_000;

/** Whether a flagged spelling (see `flaggedSurface`) is a mention by a bare acronym: flagged "1". */
function isAcronymSpelling(flagged: string): boolean {
  return flagged.charCodeAt(0) === 49;
}

function flaggedSurface(flag: 0 | 1, surface: string): string {
  const flagged = `${flag}${surface}`;
  const known = flaggedSurfaces.get(flagged);
  if (known !== undefined) return known;
  if (flaggedSurfaces.size >= MAX_FLAGGED_SURFACES) flaggedSurfaces.clear();
  // Flat and detached: a surface is often a slice of one version of a document's text, which this must not keep.
  const kept = detached(flagged);
  flaggedSurfaces.set(kept, kept);
  return kept;
}

/** The known keys and the ignored keys mention lookup depends on; one instance per distinct content. */
interface MentionVocabulary {
  /**
   * Each known key mapped to itself: a mention takes its key from here, not the string its lookup was built as
   * (a multi-word key is built word by word, and kept, that concatenation held ~40 bytes more per mention).
   */
  known: ReadonlyMap<string, string>;
  ignored: Set<string>;
}

/** A document's acronym definitions, acronyms made singular as in `EntityTable.acronymDefinitions`, in its extract's order. */
export function acronymDefinitionsIn(document: DocumentAnalysis): PlacedAcronymDefinition[] {
  return documentEntityPart(document).definitions.map(({ definition }) => definition);
}

/**
 * Drops a closed document's name candidates once its entity part, stored on the analysis with its other derived values,
 * holds their keyed form: nothing else reads them but the part of the document's next version, and a closed document's
 * next version is analysed afresh. ~790,000 objects with their spans on the benchmark's 2,000 documents. An analysis
 * without stored derived values (one made in a test) keeps them, as its part may be derived again from them.
 */
export function dropNameCandidates(document: DocumentAnalysis): void {
  if (!document.derived) return;
  documentEntityPart(document);
  document.entities.names = [];
}

/**
 * Drops a closed document's acronym mentions as extracted, on the same terms as `dropNameCandidates`: its entity part
 * holds them by word (`acronymMentionsByWord`), and nothing else reads them. ~330,000 records on the benchmark.
 */
export function dropAcronymMentions(document: DocumentAnalysis): void {
  if (!document.derived) return;
  documentEntityPart(document);
  document.entities.acronyms.mentions = [];
}

/** Each distinct value of `keys` once, in order of first appearance, and each key's number among them. */
function numbered(keys: readonly string[]): { words: string[]; ids: Uint16Array | Uint32Array } {
  const numbers = new Map<string, number>();
  const words: string[] = [];
  const ids = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    let id = numbers.get(keys[i]!);
    if (id === undefined) {
      numbers.set(keys[i]!, (id = words.length));
      words.push(keys[i]!);
    }
    ids[i] = id;
  }
  return { words, ids: words.length <= 0xffff ? Uint16Array.from(ids) : ids };
}

/** The document's part of the entity table, computed with the analysis (the glossary is applied in the merge). */
const documentEntityPart = perDocument('entity-part', (document: DocumentAnalysis, previous?: PreviousAnalysis): DocumentEntityPart => {
  const names = keyedNames(document.entities.names, previous && { names: previous.document.entities.names, keyed: documentEntityPart(previous.document).names });
  const definitions = document.entities.acronyms.definitions.map((definition) => {
    const acronym = singularAcronym(definition.acronym);
    return { definition: { ...definition, acronym, uri: document.uri }, acronymKey: keyOf(definition.acronym), expansionKey: keyOf(definition.expansion) };
  });
  const aliases = document.entities.acronyms.aliases.map((alias) => ({ alias: { ...alias, uri: document.uri }, aliasKey: keyOf(alias.alias), nameKey: keyOf(alias.name) }));
  const { bounds } = document.entities.runs;
  const wordCount = bounds.length / 2;
  const wordKeys: string[] = new Array(wordCount);
  const acronymShaped = new Uint8Array(wordCount);
  // An edited document's words before and after the change are the last version's, at the same index from the
  // start or from the end: their keys are taken from there (reading every word's key cost ~4 ms per keystroke).
  const last = previous && documentEntityPart(previous.document).runs;
  const lastBounds = last?.runs.bounds;
  const { start = 0, oldEnd = 0, newEnd = 0, delta = 0 } = previous?.change ?? {};
  let head = 0;
  if (last && lastBounds) {
    while (head < wordCount && 2 * head < lastBounds.length && bounds[2 * head + 1]! <= start && bounds[2 * head] === lastBounds[2 * head] && bounds[2 * head + 1] === lastBounds[2 * head + 1]) {
      wordKeys[head] = last.words[last.wordIds[head]!]!;
      acronymShaped[head] = last.acronymShaped[head]!;
      head++;
    }
  }
  let tail = wordCount;
  if (last && lastBounds) {
    const shift = lastBounds.length / 2 - wordCount;
    while (tail > head && tail - 1 + shift >= head && bounds[2 * (tail - 1)]! >= newEnd) {
      const j = tail - 1 + shift;
      if (lastBounds[2 * j]! < oldEnd || lastBounds[2 * j]! + delta !== bounds[2 * (tail - 1)] || lastBounds[2 * j + 1]! + delta !== bounds[2 * (tail - 1) + 1]) break;
      wordKeys[tail - 1] = last.words[last.wordIds[j]!]!;
      acronymShaped[tail - 1] = last.acronymShaped[j]!;
      tail--;
    }
  }
  for (let i = head; i < tail; i++) {
    const word = textSlice(document, bounds[2 * i]!, bounds[2 * i + 1]!);
    acronymShaped[i] = isAcronymShaped(word) ? 1 : 0;
    // Keys are built word by word: the key of a phrase is its words' keys joined by spaces.
    wordKeys[i] = acronymShaped[i] ? acronymKey(word) : nameKey(word);
  }
  const acronymMentions = acronymMentionsByWord(document, last?.acronymMentions, head);
  const { words, ids: wordIds } = numbered(wordKeys);
  const part: DocumentEntityPart = { names, definitions, aliases, runs: { runs: document.entities.runs, words, wordIds, acronymShaped, acronymMentions, wordFilter: wordFilterOf(words) } };
  if (last && previous) {
    const lastPart = documentEntityPart(previous.document);
    lineage.set(part, { last: lastPart, head, tail: wordCount - tail, delta });
    // The last part's own lineage served its match, which is made or no longer wanted: kept, it would chain every
    // version of the document to the next (the table falls back to matching a part without lineage in full).
    lineage.delete(lastPart);
  }
  return part;
});

/**
 * The document's names that are not weak, with their keys. A keyed name depends only on the name's text, kind and cue:
 * an edited document's names before and after the change (most) take the last version's from the same place counted
 * from the start or the end, so only those between are keyed again (keying every name cost ~1 ms per keystroke).
 */
function keyedNames(names: readonly NameCandidate[], last?: { names: readonly NameCandidate[]; keyed: readonly KeyedName[] }): KeyedName[] {
  const same = (a: NameCandidate, b: NameCandidate) => a === b || (a.text === b.text && a.kind === b.kind && a.cue === b.cue && a.weak === b.weak);
  let head = 0;
  let tail = 0;
  if (last) {
    while (head < names.length && head < last.names.length && same(names[head]!, last.names[head]!)) head++;
    while (tail < names.length - head && tail < last.names.length - head && same(names[names.length - 1 - tail]!, last.names[last.names.length - 1 - tail]!)) tail++;
  }
  const keyed: KeyedName[] = [];
  // The last version's keyed names are its strong names in order: its first `head` names hold the first ones.
  let k = 0;
  for (let i = 0; i < head; i++) if (!names[i]!.weak) keyed.push(last!.keyed[k++]!);
  // Equal candidates share one keyed name: a report names the same few hundred things over and over (73,000 keyed
  // names for 200 synthetic documents, kept with every closed document's part).
  const byCandidate = new Map<string, KeyedName>();
  for (let i = head; i < names.length - tail; i++) {
    const name = names[i]!;
    if (name.weak) continue;
    const id = `${name.kind}\u0000${name.cue}\u0000${name.text}`;
    let named = byCandidate.get(id);
    if (!named) byCandidate.set(id, (named = { key: keyOf(name.text), kind: name.kind, weight: KIND_WEIGHT[name.cue], fullName: name.kind !== 'other' ? name.text.replace(/^The /, '') : undefined }));
    keyed.push(named);
  }
  if (tail > 0) {
    let strongInTail = 0;
    for (let i = names.length - tail; i < names.length; i++) if (!names[i]!.weak) strongInTail++;
    for (let j = last!.keyed.length - strongInTail; j < last!.keyed.length; j++) keyed.push(last!.keyed[j]!);
  }
  return keyed;
}

/**
 * The document's acronym mentions by the index of the word they start at (a later mention at the same word wins, as
 * acronyms are found in text order). Words before `head` are the last version's, at the same place: their surfaces
 * are kept when the mention is at the same place with the same key. Read by walking words and mentions together, not
 * through a map of every mention's start, which a keystroke in a large report built anew.
 */
function acronymMentionsByWord(document: DocumentAnalysis, last: AcronymMentionsByWord | undefined, head: number): AcronymMentionsByWord {
  const { bounds } = document.entities.runs;
  const wordCount = bounds.length / 2;
  const mentions = document.entities.acronyms.mentions;
  const words: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const keys: string[] = [];
  const surfaces: string[] = [];
  const add = (w: number, mention: AcronymMention): void => {
    const { start, end } = mention.span;
    const key = keyOf(mention.acronym);
    const k = w < head && last ? acronymAt(last, w) : -1;
    // Before the change, the same place and key is the same text: the last version's (detached) surface is kept.
    let surface = k >= 0 && last!.starts[k] === start && last!.ends[k] === end && last!.keys[k] === key ? last!.surfaces[k] : undefined;
    if (surface === undefined) {
      // An edited document's entries are kept for its next versions: detached, they keep only their own characters.
      surface = textSlice(document, start, end);
      if (last) surface = detached(surface);
    }
    words.push(w);
    starts.push(start);
    ends.push(end);
    keys.push(key);
    surfaces.push(surface);
  };
  const sorted = mentions.every((m, i) => i === 0 || mentions[i - 1]!.span.start <= m.span.start);
  if (!sorted) {
    const byStart = new Map(mentions.map((m) => [m.span.start, m]));
    for (let w = 0; w < wordCount; w++) {
      const mention = byStart.get(bounds[2 * w]!);
      if (mention) add(w, mention);
    }
  } else {
    let w = 0;
    for (let m = 0; m < mentions.length; m++) {
      const mention = mentions[m]!;
      const start = mention.span.start;
      // The last mention starting here is the one a word takes.
      if (m + 1 < mentions.length && mentions[m + 1]!.span.start === start) continue;
      while (w < wordCount && bounds[2 * w]! < start) w++;
      if (w < wordCount && bounds[2 * w] === start) add(w, mention);
    }
  }
  return { words: Int32Array.from(words), starts: Int32Array.from(starts), ends: Int32Array.from(ends), keys, surfaces };
}

/**
 * An edited document's part: the last version's, how many words from the start (`head`) and from the end (`tail`)
 * are that version's words (moved by `delta`): its match re-matches only the runs between (`matchedAfterEdit`).
 */
const lineage = new WeakMap<DocumentEntityPart, { last: DocumentEntityPart; head: number; tail: number; delta: number }>();

/**
 * The mentions of an edited document from its last version's match with the same vocabulary: a run is matched on its
 * own from its words' keys and texts, and acronym mentions (`matchRun`), so a run made of the same words as a run of
 * the last version, with the same acronym mentions, has that run's mentions (moved). Undefined without a last match.
 */
function matchedAfterEdit(document: DocumentAnalysis, part: DocumentEntityPart, vocabulary: MentionVocabulary, touched: Set<string>): { pieces: MentionPiece[]; from: MatchedMentions } | undefined {
  const from = lineage.get(part);
  const lastMatch = from && matchedByPart.get(from.last);
  if (!from || !lastMatch || lastMatch.vocabulary !== vocabulary) return undefined;
  const { head, tail, delta } = from;
  const now = part.runs;
  const before = from.last.runs;
  const { ends } = now.runs;
  const lastEnds = before.runs.ends;
  const words = now.runs.bounds.length / 2;
  const wordShift = before.runs.bounds.length / 2 - words;
  const runShift = lastEnds.length - ends.length;
  const sameAcronyms = (first: number, end: number, shift: number, offset: number) => {
    const a = now.acronymMentions;
    const b = before.acronymMentions;
    for (let i = first; i < end; i++) {
      const m = acronymAt(a, i);
      const n = acronymAt(b, i + shift);
      if ((m < 0) !== (n < 0)) return false;
      if (m >= 0 && (a.keys[m] !== b.keys[n] || a.surfaces[m] !== b.surfaces[n] || a.starts[m] !== b.starts[n]! + offset || a.ends[m] !== b.ends[n]! + offset)) return false;
    }
    return true;
  };
  // Runs kept from the start: all their words among the first `head`, with the same bounds in the last version.
  let keptBefore = 0;
  while (keptBefore < ends.length && ends[keptBefore]! <= head && lastEnds[keptBefore] === ends[keptBefore] && sameAcronyms(keptBefore === 0 ? 0 : ends[keptBefore - 1]!, ends[keptBefore]!, 0, 0)) keptBefore++;
  // Runs kept from the end: all their words among the last `tail`, with the same bounds (moved) in the last version.
  let keptAfter = ends.length;
  while (keptAfter > keptBefore) {
    const r = keptAfter - 1;
    const first = r === 0 ? 0 : ends[r - 1]!;
    const lastFirst = r + runShift === 0 ? 0 : lastEnds[r + runShift - 1]!;
    if (first < words - tail || r + runShift < 0 || lastFirst !== first + wordShift || lastEnds[r + runShift] !== ends[r]! + wordShift || !sameAcronyms(first, ends[r]!, wordShift, delta)) break;
    keptAfter--;
  }
  // In the last version: where its runs after those kept from the start begin, and where those kept at the end begin.
  const lastBounds = before.runs.bounds;
  const lastRunStart = (r: number) => (r < lastEnds.length ? lastBounds[2 * (r === 0 ? 0 : lastEnds[r - 1]!)]! : Number.POSITIVE_INFINITY);
  const middleStart = lastRunStart(keptBefore);
  const lastAfterStart = lastRunStart(keptAfter + runShift);
  // The last match's mentions before the change are kept, those after it moved.
  const { packed } = lastMatch;
  const count = packed.length / 3;
  let m = 0;
  while (m < count && packed[3 * m]! < middleStart) m++;
  const mentions: RawMention[] = [];
  const surfaces = new Map<string, string>();
  for (let r = keptBefore; r < keptAfter; r++) matchRun(document, part, vocabulary, r, mentions, surfaces, true);
  for (const mention of mentions) touched.add(mention.key);
  const keptFrom = m;
  for (; m < count && packed[3 * m]! < lastAfterStart; m++) touched.add(keyOfMention(lastMatch, m));
  const pieces: MentionPiece[] = [{ from: lastMatch, begin: 0, end: keptFrom, delta: 0 }];
  for (const mention of mentions) pieces.push(mention);
  pieces.push({ from: lastMatch, begin: m, end: count, delta });
  return { pieces, from: lastMatch };
}

let lastVocabulary: MentionVocabulary | undefined;

function sameSet(a: ReadonlySet<string>, b: { size: number; has(key: string): boolean }): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/** The vocabulary instance for these sets: the previous one when the contents are the same, so cached mentions stay valid. */
function mentionVocabulary(known: Set<string>, ignored: Set<string>): MentionVocabulary {
  if (lastVocabulary && sameSet(known, lastVocabulary.known) && sameSet(ignored, lastVocabulary.ignored)) return lastVocabulary;
  lastVocabulary = { known: new Map([...known].map((key) => [key, key])), ignored: new Set(ignored) };
  return lastVocabulary;
}

/** Mentions in one document: the longest known name starting at each word of each run. */
function matchMentions(document: DocumentAnalysis, part: DocumentEntityPart, vocabulary: MentionVocabulary): { mentions: RawMention[] } {
  const mentions: RawMention[] = [];
  const surfaces = new Map<string, string>();
  for (let r = 0; r < part.runs.runs.ends.length; r++) matchRun(document, part, vocabulary, r, mentions, surfaces);
  return { mentions };
}

/**
 * The last match's mentions with those of `runs` (ascending) matched again: each run is matched on its own
 * (`matchRun`), so the other runs' mentions stay.
 */
function rematchedRuns(
  document: DocumentAnalysis,
  part: DocumentEntityPart,
  vocabulary: MentionVocabulary,
  last: MatchedMentions,
  runs: readonly number[],
  touched: Set<string>,
): { pieces: MentionPiece[]; sameAcronyms: boolean } {
  const { runs: { bounds, ends } } = part.runs;
  const { packed } = last;
  const count = packed.length / 3;
  const pieces: MentionPiece[] = [];
  const surfaces = new Map<string, string>();
  // Whether the runs' mentions by a bare acronym are the last match's, in place and key: then the match's acronym
  // mentions are the last match's array (see `matchedMentions`).
  let sameAcronyms = true;
  let m = 0;
  for (const r of runs) {
    // A run's mentions lie within its words: from its first word's start to its last word's end.
    const start = bounds[2 * (r === 0 ? 0 : ends[r - 1]!)]!;
    const end = bounds[2 * (ends[r]! - 1) + 1]!;
    const keptFrom = m;
    while (m < count && packed[3 * m]! < start) m++;
    if (m > keptFrom) pieces.push({ from: last, begin: keptFrom, end: m, delta: 0 });
    const lastFrom = m;
    for (; m < count && packed[3 * m]! < end; m++) touched.add(keyOfMention(last, m));
    const mentions: RawMention[] = [];
    matchRun(document, part, vocabulary, r, mentions, surfaces, true);
    for (const mention of mentions) {
      touched.add(mention.key);
      pieces.push(mention);
    }
    if (sameAcronyms) sameAcronyms = sameAcronymMentions(last, lastFrom, m, mentions);
  }
  if (m < count) pieces.push({ from: last, begin: m, end: count, delta: 0 });
  return { pieces, sameAcronyms };
}

/** Whether mentions `from` to `to` of `before` and `after` hold the same mentions by a bare acronym: same place and key. */
function sameAcronymMentions(before: MatchedMentions, from: number, to: number, after: readonly RawMention[]): boolean {
  const { packed, surfaceText } = before;
  const isAcronym = (i: number) => isAcronymSpelling(surfaceText[packed[3 * i + 2]!]!);
  for (let i = from, j = 0; ; i++, j++) {
    while (i < to && !isAcronym(i)) i++;
    while (j < after.length && !after[j]!.acronym) j++;
    if (i === to || j === after.length) return i === to && j === after.length;
    const b = after[j]!;
    if (packed[3 * i] !== b.start || packed[3 * i + 1] !== b.end || keyOfMention(before, i) !== b.key || surfaceText[packed[3 * i + 2]!]!.slice(1) !== b.surface) return false;
  }
}

/** The runs (ascending) where `matchMentions` looks up one of `keys`: those holding its words in a row. */
function runsQuerying(part: DocumentEntityPart, keys: ReadonlySet<string>): number[] {
  const filter = part.runs.wordFilter;
  const starts = new Set<string>();
  for (const { probes, keyStarts } of keyQueryOf(keys)) {
    let may = true;
    for (let p = 0; may && p < probes.length; p += 2) may = hasBit(filter, probes[p]!) && hasBit(filter, probes[p + 1]!);
    if (may) for (const start of keyStarts) starts.add(start);
  }
  const runs: number[] = [];
  if (starts.size === 0) return runs;
  const { runs: { ends }, words, wordIds } = part.runs;
  // The words a key can start at, found by `indexOf` per start (a native scan), not a set lookup per word.
  const at: number[] = [];
  for (const start of starts) {
    const id = words.indexOf(start);
    if (id !== -1) for (let i = wordIds.indexOf(id); i !== -1; i = wordIds.indexOf(id, i + 1)) at.push(i);
  }
  if (starts.size > 1) at.sort((a, b) => a - b);
  let r = 0;
  for (const i of at) {
    while (ends[r]! <= i) r++;
    if (runs.at(-1) === r) continue;
    let key = '';
    for (let j = i; j < Math.min(ends[r]!, i + MAX_NAME_WORDS); j++) {
      key = key === '' ? words[wordIds[j]!]! : `${key} ${words[wordIds[j]!]}`;
      if (keys.has(key)) {
        runs.push(r);
        break;
      }
    }
  }
  return runs;
}

/**
 * Per key looked for: the filter bits of its words (two per word) and the word keys a run can start it at. A word's key
 * may hold spaces ("T-MEC" → "t mec"): a run can start a key wherever its word's key is the key cut at a space, or
 * the whole key. Made once per set of keys, not per document: splitting and hashing the keys for each of 2,005
 * documents was most of the ~6 ms a name-set keystroke spent finding the runs to match again.
 */
function keyQueryOf(keys: ReadonlySet<string>): KeyQuery {
  let query = keyQueries.get(keys);
  if (!query) {
    query = [...keys].map((key) => {
      const probes = key.split(' ').flatMap((piece) => {
        const hash = wordHash(piece, 0, piece.length);
        return [firstProbe(hash), secondProbe(hash)];
      });
      const keyStarts: string[] = [];
      for (let at = key.indexOf(' '); at !== -1; at = key.indexOf(' ', at + 1)) keyStarts.push(key.slice(0, at));
      keyStarts.push(key);
      return { probes, keyStarts };
    });
    keyQueries.set(keys, query);
  }
  return query;
}

type KeyQuery = readonly { probes: readonly number[]; keyStarts: readonly string[] }[];

const keyQueries = new WeakMap<ReadonlySet<string>, KeyQuery>();

/**
 * A Bloom filter of the words of a document's word keys (4,096 bits, two probes): whether a changed name's words may all be in a
 * document, without going through its words (a name-set keystroke asked this of every document, ~20 ms on 2,005).
 * Part of the document's part, so it is made with the analysis (in the indexing workers) and kept in the cache, not on
 * the first name-set keystroke (~400 ms for 2,005 documents). Hand-written: 512 bytes per document, where a set of
 * each document's distinct words would hold tens of megabytes.
 */
const WORD_FILTER_BITS = 4096;

function wordFilterOf(words: readonly string[]): Uint32Array {
  const filter = new Uint32Array(WORD_FILTER_BITS / 32);
  // Piece by piece without splitting: an edited report's part is made on every keystroke.
  for (const word of words) {
    for (let start = 0, end = 0; start <= word.length; start = end + 1) {
      end = word.indexOf(' ', start);
      if (end === -1) end = word.length;
      const hash = wordHash(word, start, end);
      const a = firstProbe(hash);
      const b = secondProbe(hash);
      filter[a >>> 5]! |= 1 << (a & 31);
      filter[b >>> 5]! |= 1 << (b & 31);
    }
  }
  return filter;
}

function hasBit(filter: Uint32Array, bit: number): boolean {
  return (filter[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

/** The 32-bit FNV-1a hash of `word.slice(start, end)`, from which the two bit positions are taken. */
function wordHash(word: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash;
}

function firstProbe(hash: number): number {
  return (hash >>> 0) % WORD_FILTER_BITS;
}

function secondProbe(hash: number): number {
  return ((hash >>> 20) ^ (Math.imul(hash, 0x5bd1e995) >>> 7)) % WORD_FILTER_BITS;
}

/**
 * Appends the mentions of run `r`: the longest known name starting at each word, words taken left to right. Equal
 * surfaces share one string through `surfaces` (one map per document's match): a name is mentioned hundreds of
 * times in a report, and a copy per mention was ~25 bytes of 1.1 million mentions on the benchmark. `again`: the run is
 * matched again into a match that keeps the last one's other mentions, which an edited document's next versions keep
 * too: its new surfaces are detached from this version's text (needlessly for a closed document, at a few strings).
 */
function matchRun(document: DocumentAnalysis, part: DocumentEntityPart, { known, ignored }: MentionVocabulary, r: number, mentions: RawMention[], surfaces: Map<string, string>, again = false): void {
  const { runs: { bounds, ends }, words, wordIds, acronymShaped, acronymMentions } = part.runs;
  const runEnd = ends[r]!;
  let i = r === 0 ? 0 : ends[r - 1]!;
  while (i < runEnd) {
    let matched = 0;
    let key = '';
    let longest = '';
    const first = textSlice(document, bounds[2 * i]!, bounds[2 * i + 1]!);
    const skipArticle = first === 'The' || first === 'the' ? 1 : 0;
    for (let j = i + skipArticle; j < Math.min(runEnd, i + MAX_NAME_WORDS); j++) {
      key = key === '' ? words[wordIds[j]!]! : `${key} ${words[wordIds[j]!]}`;
      const knownKey = known.get(key);
      if (knownKey !== undefined) [matched, longest] = [j - i + 1, knownKey];
    }
    if (matched > 0) {
      // "The Merida Initiative": the article is not part of the mention.
      const start = bounds[2 * (i + skipArticle)]!;
      const end = bounds[2 * (i + matched - 1) + 1]!;
      const written = textSlice(document, start, end);
      let surface = surfaces.get(written);
      // Mentions matched again are kept for an edited document's next versions: detached, they keep only their own characters.
      if (surface === undefined) surfaces.set(written, (surface = again ? detached(written) : written));
      mentions.push(new RawMention(-1, document.uri, start, end, surface, longest, matched - skipArticle === 1 && acronymShaped[i + skipArticle] === 1));
    }
    if (matched === 0) {
      // An acronym nobody expands is still an entity of its own: hover, references and rename work on it.
      const m = acronymAt(acronymMentions, i);
      const key = m < 0 ? '' : acronymMentions.keys[m]!;
      if (key && !ignored.has(key)) {
        mentions.push(new RawMention(-1, document.uri, acronymMentions.starts[m]!, acronymMentions.ends[m]!, acronymMentions.surfaces[m]!, key, true));
      }
    }
    i += Math.max(matched, 1);
  }
}

/** Builds the entity table from analyses in URI order, from scratch; pure, exported for tests. */
export function buildEntityTable(documents: readonly DocumentAnalysis[], glossary: Glossary): EntityTable {
  return new EntityTableBuilder().build(documents, glossary);
}

/** The part of the merge that depends only on the names, definitions and aliases documents introduce, not on where. */
interface EntityStructure {
  glossary: Glossary;
  union: KeyUnion;
  vocabulary: MentionVocabulary;
  kindVotes: ReadonlyMap<string, ReadonlyMap<EntityKind, number>>;
  glossaryKinds: Map<string, EntityKind>;
  glossaryNames: Map<string, string>;
  /** Key → surfaces as introduced, with how often, for the canonical name. */
  fullNames: ReadonlyMap<string, ReadonlyMap<string, number>>;
  surnameKeys: Set<string>;
  keysByRoot: Map<string, string[]>;
  /** Root → the acronyms defined for it. */
  definedByRoot: Map<string, string[]>;
  exempt: Set<string>;
}

/** What the mentions of one key add up to across the workspace. */
interface KeyStats {
  total: number;
  byUri: Map<string, number>;
  /** Surface as written, prefixed by 1 when it is an acronym mention and 0 otherwise → count. */
  surfaces: Map<string, number>;
}

/** One entity before numbering: everything but its id, from the keys' statistics. */
interface EntityDraft {
  root: string;
  keys: string[];
  name: string;
  kind: EntityKind;
  acronyms: string[];
  expansions: string[];
  aliases: string[];
  /** Mentions per document, in URI order, and in all. */
  counts: UriCounts;
  total: number;
}

/**
 * How many mentions an entity has per document, in URI order: the documents and their counts side by side, not a
 * pair per document (~300,000 on the benchmark at 72 bytes each); pairs are made for the few that ask.
 */
class UriCounts {
  constructor(
    readonly uris: readonly string[],
    readonly perUri: Int32Array,
  ) {}

  pairs(): [uri: string, count: number][] {
    return this.uris.map((uri, i) => [uri, this.perUri[i]!]);
  }
}

/**
 * Builds entity tables for one index, keeping what the last build found. An edit replaces one document's
 * analysis; when that document introduces the same names, acronyms and aliases as before (a typo, a changed
 * figure), the merge of names is the same, and only that document's mentions are subtracted and added again:
 * rebuilding from every mention cost ~2 s per keystroke on 2,005 documents (1.1 million mentions). When the
 * merge changes but the set of known names does not, the per-key counts are kept and every entity is derived
 * from them again; a new known name (or another glossary) re-matches every document. Either way the table
 * equals a fresh build (test/core/incrementalTables.test.ts).
 */
class EntityTableBuilder {
  #structure: EntityStructure | undefined;
  #parts: DocumentEntityPart[] = [];
  #uris: string[] = [];
  #summaries = new Map<string, MatchedMentions>();
  #keyStats = new Map<string, KeyStats>();
  #drafts = new Map<string, EntityDraft>();
  #sums = new Map<string, MentionSums>();
  /** Per key, bumped whenever its counts change: what `#sums` were computed from. */
  #keyVersions = new Map<string, number>();
  /** Every document's acronym definitions by singular acronym. */
  #definitions = new IncrementalGroups<PlacedAcronymDefinition>(acronymDefinitionsIn, (definition) => definition.acronym, (definition) => definition.uri);
  #build = 0;
  /** The documents whose matches a build replaced, oldest first (the last `MENTION_LOG_LENGTH`). */
  #mentionLog: { build: number; uri: string }[] = [];
  /** Replacements made by this build or earlier are not all in the log. */
  #mentionsForgotten = 0;
  /** The acronym definitions of the last build, by acronym: a list that is another array now changed. */
  #lastAcronymDefinitions: ReadonlyMap<string, readonly PlacedAcronymDefinition[]> | undefined;

  /**
   * The roots whose entity a new merge can change, and drops the drafts of roots that are no longer roots. An entity
   * is derived from its keys, their kind votes and surfaces, its defined acronyms and their definitions, and its
   * mention counts (dirty keys, handled apart): a name added on a keystroke changes a few of ~1,100 entities, and
   * deriving them all again cost ~25–40 ms (summing 29,000 acronym definitions' expansions among other things).
   */
  #mergedAnew(before: EntityStructure, after: EntityStructure, definitions: ReadonlyMap<string, readonly PlacedAcronymDefinition[]>): Set<string> {
    const dirty = new Set<string>();
    const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
    for (const [root, keys] of after.keysByRoot) {
      if (
        !sameList(before.keysByRoot.get(root), keys) ||
        !sameList(before.definedByRoot.get(root), after.definedByRoot.get(root)) ||
        keys.some((key) => before.fullNames.get(key) !== after.fullNames.get(key) || before.kindVotes.get(key) !== after.kindVotes.get(key))
      ) {
        dirty.add(root);
      }
    }
    // A key that left the merge is its own entity again, if it is mentioned at all: its root, or an acronym whose
    // definition went while its mentions stayed as they were (so its counts mark nothing dirty).
    for (const keys of before.keysByRoot.values()) for (const key of keys) if (!after.union.parent.has(key)) dirty.add(key);
    for (const [root, draft] of this.#drafts) {
      if (after.union.parent.has(root) && after.union.find(root) !== root) this.#drafts.delete(root);
      else if (draft.acronyms.some((acronym) => expansionsOf(definitions.get(acronym)) !== expansionsOf(this.#lastAcronymDefinitions?.get(acronym)))) dirty.add(root);
    }
    return dirty;
  }

  /** What the documents add to the merge of names, for the glossary of the last merge. */
  #names: { glossary: Glossary; contributions: NameContributions } | undefined;

  /** The documents' contributions to the merge with `glossary`: only the `touched` documents' are replaced when given. */
  #namesFor(glossary: Glossary, parts: readonly DocumentEntityPart[], touched: readonly number[] | undefined): NameContributions {
    if (!touched || this.#names?.glossary !== glossary) {
      this.#names = { glossary, contributions: new NameContributions(new Set(glossary.ignore.map(keyOf))) };
      parts.forEach((part, n) => this.#names!.contributions.set(n, contributionOf(part)));
    } else for (const n of touched) this.#names.contributions.set(n, contributionOf(parts[n]!));
    return this.#names.contributions;
  }

  /**
   * The table of `documents` (in URI order) with `glossary`. `changed`, when given, says that `documents` are those of
   * the last build but for the documents of these URIs (an index's `changesSince` the last build, with the same URIs):
   * only those are looked at, not thousands whose parts and matches are as they were.
   */
  build(documents: readonly DocumentAnalysis[], glossary: Glossary, changed?: ReadonlySet<string>): EntityTable {
    const build = ++this.#build;
    const previousParts = this.#parts;
    // Indices in `documents` of the documents that may have changed; every index without `changed`.
    let touched: number[] | undefined;
    let parts: DocumentEntityPart[];
    let uris: string[];
    const changedUris = changed && previousParts.length === documents.length ? [...changed] : undefined;
    const at = changedUris?.map((uri) => sortedIndexOf(this.#uris, uri));
    if (at && at.every((n, i) => this.#uris[n] === changedUris![i] && documents[n]!.uri === changedUris![i])) {
      uris = this.#uris;
      parts = previousParts.slice();
      touched = at.sort((a, b) => a - b);
      for (const n of touched) parts[n] = documentEntityPart(documents[n]!);
    } else {
      parts = documents.map(documentEntityPart);
      uris = documents.map((d) => d.uri);
    }
    const sameNames =
      this.#structure?.glossary === glossary &&
      (touched
        ? touched.every((n) => parts[n] === previousParts[n] || sameStructure(parts[n]!, previousParts[n]!))
        : uris.length === this.#uris.length && uris.every((uri, i) => uri === this.#uris[i]) && parts.every((part, i) => part === previousParts[i] || sameStructure(part, previousParts[i]!)));
    const vocabularyBefore = this.#structure?.vocabulary;
    let allDirty = false;
    // The names added or gone when the set of known names changed and the ignored ones did not.
    let changedKeys: Set<string> | undefined;
    // A new merge whose mention counts are kept: only the entities it changes are derived again.
    let changedMerge: { before: EntityStructure; after: EntityStructure } | undefined;
    if (!sameNames || !this.#structure) {
      const previousStructure = this.#structure;
      let countsKept = previousStructure?.glossary === glossary;
      const structure = buildStructure(glossary, this.#namesFor(glossary, parts, touched));
      // Mentions and their per-key counts depend only on the set of known names: a changed merge (a name
      // now read as a person, a new alias) keeps them and only re-derives every entity from the counts.
      const before = this.#structure?.vocabulary;
      const after = structure.vocabulary;
      if (before !== after) {
        if (before && sameSet(before.ignored, after.ignored)) {
          // A name added or gone can change a document's matches only where the document has its words in a row:
          // the other documents keep theirs, instead of every document being matched again (~1 s on 2,005).
          changedKeys = new Set<string>();
          for (const key of after.known.keys()) if (!before.known.has(key)) changedKeys.add(key);
          for (const key of before.known.keys()) if (!after.known.has(key)) changedKeys.add(key);
        } else {
          // Every document is matched again below, and logged.
          this.#summaries = new Map();
          this.#keyStats = new Map();
          this.#sums = new Map();
          countsKept = false;
        }
      }
      this.#structure = structure;
      if (countsKept) changedMerge = { before: previousStructure!, after: structure };
      else {
        this.#drafts = new Map();
        allDirty = true;
      }
    }
    this.#parts = parts;
    this.#uris = uris;
    const structure = this.#structure;
    const { union } = structure;
    const rootOf = (key: string) => (union.parent.has(key) ? union.find(key) : key);

    // Definitions carry positions: regrouped for the documents that changed (29,000 definitions of 59 acronyms in
    // the 2,005-document benchmark), so the lists of other acronyms stay the same arrays for the rules to reuse.
    if (touched) this.#definitions.updateDocuments(touched.map((n) => documents[n]!));
    else this.#definitions.update(documents);
    const acronymDefinitions = new Map([...this.#definitions.groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // Aliases by entity, for introductions only (hovers, semantic tokens): grouped when first asked for.
    let aliasesByRoot: Map<string, (AliasDefinition & { uri: string })[]> | undefined;
    const aliasesOf = (root: string) => {
      if (!aliasesByRoot) {
        aliasesByRoot = new Map();
        for (const part of parts) for (const { alias, aliasKey } of part.aliases) pushTo(aliasesByRoot, rootOf(aliasKey), alias);
      }
      return aliasesByRoot.get(root) ?? [];
    };

    // Mentions: only documents whose matches changed are subtracted and added again.
    const dirtyKeys = new Set<string>();
    if (!touched) {
      const current = new Set(uris);
      for (const [uri, summary] of [...this.#summaries]) {
        if (current.has(uri)) continue;
        this.#count(uri, summary, -1, dirtyKeys);
        this.#summaries.delete(uri);
        this.#mentionLog.push({ build, uri });
      }
    }
    // With the same set of known names, only the changed documents' matches can differ.
    const matching = touched && structure.vocabulary === vocabularyBefore ? touched : documents.map((_, n) => n);
    for (const n of matching) {
      const document = documents[n]!;
      const previous = this.#summaries.get(document.uri);
      const matched = matchedMentions(document, parts[n]!, structure.vocabulary, previous && previous.vocabulary === vocabularyBefore && matchedByPart.get(parts[n]!) === previous ? changedKeys : undefined);
      if (previous === matched) continue;
      // The keys mentioned as often, with the same spellings, before and after (most, on a keystroke in a large
      // report) would be subtracted and added back: they are left as they are.
      const same = previous && unchangedKeys(previous, matched);
      if (previous) this.#count(document.uri, previous, -1, dirtyKeys, matched, same!.before);
      this.#count(document.uri, matched, 1, dirtyKeys, previous, same?.after);
      // Read only against `previous`: kept, each match would hold every earlier one of its document.
      matched.remade = undefined;
      this.#summaries.set(document.uri, matched);
      this.#mentionLog.push({ build, uri: document.uri });
    }

    const dirtyRoots = new Set([...(allDirty ? this.#keyStats.keys() : dirtyKeys)].map(rootOf));
    if (changedMerge) for (const root of this.#mergedAnew(changedMerge.before, changedMerge.after, acronymDefinitions)) dirtyRoots.add(root);
    this.#lastAcronymDefinitions = acronymDefinitions;
    for (const root of dirtyRoots) {
      const draft = this.#draft(root, structure, acronymDefinitions);
      if (draft) this.#drafts.set(root, draft);
      else this.#drafts.delete(root);
    }
    if (this.#mentionLog.length > MENTION_LOG_LENGTH * 2) {
      // Dropped in bulk, so long sessions cost no shifting per build.
      this.#mentionsForgotten = Math.max(this.#mentionsForgotten, this.#mentionLog[this.#mentionLog.length - MENTION_LOG_LENGTH - 1]!.build);
      this.#mentionLog = this.#mentionLog.slice(-MENTION_LOG_LENGTH);
    }
    const log = this.#mentionLog;
    const forgotten = this.#mentionsForgotten;
    // What this table answers about mentions changed since an earlier one: the log as of this build.
    const length = log.length;
    const mentionsChangedSince = (since: number): ReadonlySet<string> | undefined => {
      if (since < forgotten || since > build) return undefined;
      const uris = new Set<string>();
      for (let i = length - 1; i >= 0 && log[i]!.build > since; i--) uris.add(log[i]!.uri);
      return uris;
    };
    return tableOf(structure, this.#sortedDrafts(dirtyRoots), this.#summaries, acronymDefinitions, aliasesOf, build, mentionsChangedSince);
  }

  /** The drafts numbered by canonical name (then root), so ids are deterministic, and each root's place among them. */
  #sorted: { drafts: EntityDraft[]; at: Map<string, number> } | undefined;

  /**
   * The drafts in id order. When every re-derived root (`dirty`) kept its place and name, and no draft came or went
   * (the usual keystroke), the last order with their new drafts: sorting ~1,100 drafts by name took ~0.5 ms each time.
   */
  #sortedDrafts(dirty: ReadonlySet<string>): EntityDraft[] {
    const last = this.#sorted;
    if (last && last.drafts.length === this.#drafts.size) {
      const drafts = last.drafts.slice();
      let kept = true;
      for (const root of dirty) {
        const at = last.at.get(root);
        const draft = this.#drafts.get(root);
        if (at === undefined || !draft || draft.name !== drafts[at]!.name) {
          kept = false;
          break;
        }
        drafts[at] = draft;
      }
      if (kept) {
        last.drafts = drafts;
        return drafts;
      }
    }
    const drafts = [...this.#drafts.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.root < b.root ? -1 : 1));
    this.#sorted = { drafts, at: new Map(drafts.map((draft, id) => [draft.root, id])) };
    return drafts;
  }

  /**
   * Adds (sign 1) or subtracts (sign -1) one document's mentions. A key is dirty when the document's count or
   * spellings of it differ from `other` (the document's matches before or after the change).
   */
  #count(uri: string, summary: MatchedMentions, sign: 1 | -1, dirtyKeys: Set<string>, other?: MatchedMentions, skip?: Uint8Array): void {
    summary.keys.forEach((key, k) => {
      if (skip?.[k]) return;
      this.#keyVersions.set(key, (this.#keyVersions.get(key) ?? 0) + 1);
      let stats = this.#keyStats.get(key);
      if (!stats) this.#keyStats.set(key, (stats = { total: 0, byUri: new Map(), surfaces: new Map() }));
      stats.total += sign * summary.counts[k]!;
      const inDocument = (stats.byUri.get(uri) ?? 0) + sign * summary.counts[k]!;
      if (inDocument === 0) stats.byUri.delete(uri);
      else stats.byUri.set(uri, inDocument);
      if (stats.total === 0) this.#keyStats.delete(key);
      if (!other || !sameKeyInDocument(summary, k, other, summary.remade?.from === other || other.remade?.from === summary)) dirtyKeys.add(key);
    });
    for (let i = 0; i < summary.surfaceText.length; i++) {
      if (skip?.[summary.surfaceKey[i]!]) continue;
      const stats = this.#keyStats.get(summary.keys[summary.surfaceKey[i]!]!);
      if (!stats) continue;
      const surface = summary.surfaceText[i]!;
      const count = (stats.surfaces.get(surface) ?? 0) + sign * summary.surfaceCount[i]!;
      if (count === 0) stats.surfaces.delete(surface);
      else stats.surfaces.set(surface, count);
    }
  }

  #draft(root: string, structure: EntityStructure, acronymDefinitions: ReadonlyMap<string, readonly PlacedAcronymDefinition[]>): EntityDraft | undefined {
    const keys = structure.keysByRoot.get(root) ?? [root];
    const { total, counts, aliases, mentionAcronyms } = this.#mentionSums(root, keys);
    if (total === 0) return undefined;
    const glossaryName = keys.map((k) => structure.glossaryNames.get(k)).find(Boolean);
    const acronyms = [...new Set((structure.definedByRoot.get(root) ?? []).concat(mentionAcronyms))].sort();
    const expansions = [...new Set(acronyms.flatMap((a) => (acronymDefinitions.get(a) ?? []).map((d) => d.expansion)))];
    const introduced = new Map<string, number>();
    for (const key of keys) for (const [surface, n] of structure.fullNames.get(key) ?? []) introduced.set(surface, (introduced.get(surface) ?? 0) + n);
    const name = glossaryName ?? canonicalName(expansions.length > 0 ? countsOf(expansions) : introduced.size > 0 ? introduced : countsOf(aliases));
    return { root, keys, name, kind: dominantKind(structure.kindVotes, structure.glossaryKinds, keys), acronyms, expansions, aliases, counts, total };
  }

  /**
   * What an entity's keys add up to: mentions per document, spellings by frequency, acronyms as mentioned.
   * Kept per root while its keys and their counts are the same: a changed merge re-derives every entity,
   * and summing a name found in 2,000 documents is most of that.
   */
  #mentionSums(root: string, keys: readonly string[]): MentionSums {
    // The keys and the version of each key's counts: equal means the sums still hold.
    const signature = keys.map((k) => `${k}\u0000${this.#keyVersions.get(k) ?? 0}`).join('\n');
    const kept = this.#sums.get(root);
    if (kept && kept.signature === signature) return kept;
    const surfaceCounts = new Map<string, number>();
    const mentionAcronyms: string[] = [];
    const byUri = new Map<string, number>();
    let total = 0;
    for (const key of keys) {
      const stats = this.#keyStats.get(key);
      if (!stats) continue;
      total += stats.total;
      for (const [uri, n] of stats.byUri) byUri.set(uri, (byUri.get(uri) ?? 0) + n);
      for (const [flagged, n] of stats.surfaces) {
        const surface = flagged.slice(1);
        surfaceCounts.set(surface, (surfaceCounts.get(surface) ?? 0) + n);
        if (flagged[0] === '1') mentionAcronyms.push(singularAcronym(surface));
      }
    }
    const sums: MentionSums = {
      signature,
      total,
      counts: uriCounts(byUri),
      aliases: [...surfaceCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([surface]) => surface),
      mentionAcronyms,
    };
    this.#sums.set(root, sums);
    return sums;
  }
}

function uriCounts(byUri: ReadonlyMap<string, number>): UriCounts {
  const uris = [...byUri.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new UriCounts(uris, Int32Array.from(uris, (uri) => byUri.get(uri)!));
}

interface MentionSums {
  /** The root's keys with the versions of their counts, joined: the sums hold while it is the same. */
  signature: string;
  total: number;
  counts: UriCounts;
  aliases: string[];
  mentionAcronyms: string[];
}

/**
 * The entity table over numbered drafts; mention lists, entity ids on mentions and introductions are filled on demand.
 * `summaries` is the builder's own map, not a copy (2,005 entries per keystroke): a table answers for its build, until
 * the next build of its index replaces it (the index keeps one table; nothing keeps an older one).
 */
function tableOf(
  structure: EntityStructure,
  drafts: readonly EntityDraft[],
  summaries: ReadonlyMap<string, MatchedMentions>,
  acronymDefinitions: ReadonlyMap<string, readonly PlacedAcronymDefinition[]>,
  aliasesOf: (root: string) => readonly (AliasDefinition & { uri: string })[],
  build: number,
  mentionsChangedSince: (build: number) => ReadonlySet<string> | undefined,
): EntityTable {
  const { union } = structure;
  const rootOf = (key: string) => (union.parent.has(key) ? union.find(key) : key);
  const numbering = numberingFor(structure, drafts);
  const idOfRoot = (numbering.idOfRoot ??= new Map(drafts.map((draft, id) => [draft.root, id])));
  const idOfKey = new Map<string, number>();
  const entityOf = (key: string) => {
    let id = idOfKey.get(key);
    if (id === undefined) idOfKey.set(key, (id = idOfRoot.get(rootOf(key)) ?? -1));
    return id;
  };
  const sourcesById = new Map<number, IntroductionSources>();
  const firstIntroductions = new Map<number, Place | undefined>();
  const sources = (id: number) => {
    let found = sourcesById.get(id);
    if (!found) sourcesById.set(id, (found = introductionSources(drafts[id]!, structure, summaries, acronymDefinitions, aliasesOf(drafts[id]!.root))));
    return found;
  };
  const table: EntityTable = {
    entities: [],
    mentionsIn(uri) {
      let mentions = mentionsByUri.get(uri);
      if (!mentions) {
        const summary = summaries.get(uri);
        if (!summary) return [];
        // Made anew per table, kept for a few documents (the open ones' hovers and tokens ask again and again).
        if (mentionsByUri.size >= MENTION_LISTS_KEPT) mentionsByUri.clear();
        mentionsByUri.set(uri, (mentions = mentionObjects(uri, summary, entityOf)));
      }
      return mentions;
    },
    acronymMentionsIn(uri) {
      const summary = summaries.get(uri);
      if (!summary) return [];
      // The acronym rules read every document's acronym mentions: kept (a tenth of the mentions), and when entities
      // are numbered anew (a name added or gone) renumbered in place, so the rules' reports made from this list stay theirs.
      if (!summary.acronymMentions) {
        summary.acronymMentions = AcronymMentionList.of(uri, summary, entityOf);
        summary.acronymsNumberedBy = numbering;
      } else if (summary.acronymsNumberedBy !== numbering) {
        summary.acronymMentions.renumber(entityOf);
        summary.acronymsNumberedBy = numbering;
      }
      return summary.acronymMentions;
    },
    mentionsOf(id) {
      let mentions = mentionsById.get(id);
      if (!mentions) {
        const draft = drafts[id];
        const keys = new Set(draft?.keys ?? []);
        mentions = (draft?.counts.uris ?? []).flatMap((uri) => {
          const summary = summaries.get(uri);
          return summary ? mentionObjects(uri, summary, entityOf, (key) => keys.has(key)) : [];
        });
        mentionsById.set(id, mentions);
      }
      return mentions;
    },
    mentionCounts: (id) => drafts[id]?.counts.pairs() ?? [],
    mentionTotal: (id) => drafts[id]?.total ?? 0,
    // A hover or a document's semantic tokens need one document's introduction: placing an entity named in 2,000
    // documents in all of them took 10–20 ms.
    introductionIn: (id, uri) => (drafts[id] ? introductionIn(sources(id), uri) : undefined),
    firstIntroduction(id) {
      if (!drafts[id]) return undefined;
      if (!firstIntroductions.has(id)) firstIntroductions.set(id, firstIntroduction(drafts[id], sources(id)));
      return firstIntroductions.get(id);
    },
    acronymDefinitions,
    exempt: structure.exempt,
    build,
    mentionsChangedSince,
  };
  const mentionsById = new Map<number, EntityMention[]>();
  const mentionsByUri = new Map<string, RawMention[]>();
  table.entities = drafts.map((draft, id) => new TableEntity(id, draft, sources));
  return table;
}

/**
 * An entity of one table, its introductions placed when first asked for. A class, not an object literal with a getter:
 * each such literal made its own closure and accessor, and every keystroke makes ~1,100 entities.
 */
class TableEntity implements Entity {
  readonly id: number;
  readonly name: string;
  readonly kind: EntityKind;
  readonly acronyms: string[];
  readonly expansions: string[];
  readonly aliases: string[];
  readonly #draft: EntityDraft;
  readonly #sources: (id: number) => IntroductionSources;
  #introductions: Place[] | undefined;

  constructor(id: number, draft: EntityDraft, sources: (id: number) => IntroductionSources) {
    this.id = id;
    this.name = draft.name;
    this.kind = draft.kind;
    this.acronyms = draft.acronyms;
    this.expansions = draft.expansions;
    this.aliases = draft.aliases;
    this.#draft = draft;
    this.#sources = sources;
  }

  get introductions(): Place[] {
    return (this.#introductions ??= introductionsOf(this.#draft, this.#sources(this.id)));
  }
}

/** One assignment of entity ids to roots; tables that number the same roots alike share it. */
interface Numbering {
  structure: EntityStructure;
  roots: string[];
  /** Each root's id (its place in `roots`), made by the first table of this numbering. */
  idOfRoot?: Map<string, number>;
}

let lastNumbering: Numbering | undefined;

/**
 * The previous numbering when this table numbers every root alike (the usual edit), so mentions numbered for
 * an earlier table keep their ids instead of a million of them being renumbered on every keystroke.
 */
function numberingFor(structure: EntityStructure, drafts: readonly EntityDraft[]): Numbering {
  const last = lastNumbering;
  if (last && last.roots.length === drafts.length && drafts.every((d, i) => d.root === last.roots[i]) && sameRoots(last.structure, structure)) return last;
  lastNumbering = { structure, roots: drafts.map((d) => d.root) };
  return lastNumbering;
}

/**
 * Whether two merges give every key the same root, so a mention's entity id is the same under both: a name
 * added or dropped on a keystroke makes a new merge, usually with the same groups of keys (~1,100 to compare,
 * against a million mentions to renumber).
 */
function sameRoots(a: EntityStructure, b: EntityStructure): boolean {
  if (a === b) return true;
  if (a.keysByRoot.size !== b.keysByRoot.size) return false;
  for (const [root, keys] of a.keysByRoot) {
    const other = b.keysByRoot.get(root);
    if (!other || other.length !== keys.length || keys.some((key, i) => key !== other[i])) return false;
  }
  return true;
}

/** What an entity's introductions are found among: its acronym definitions, alias definitions, and first full mentions. */
interface IntroductionSources {
  definitions: readonly PlacedAcronymDefinition[];
  aliases: readonly (AliasDefinition & { uri: string })[];
  /** Per document, the first of `definitions` then of `aliases` there. */
  firstDefinition: ReadonlyMap<string, PlacedAcronymDefinition>;
  firstAlias: ReadonlyMap<string, AliasDefinition & { uri: string }>;
  /** Where the document first mentions the entity by a full name (not a surname, not a bare acronym), if it does. */
  firstFullMention(uri: string): Span | undefined;
}

function introductionSources(
  draft: EntityDraft,
  structure: EntityStructure,
  summaries: ReadonlyMap<string, MatchedMentions>,
  acronymDefinitions: ReadonlyMap<string, readonly PlacedAcronymDefinition[]>,
  aliases: readonly (AliasDefinition & { uri: string })[],
): IntroductionSources {
  const fullKeys = draft.keys.filter((k) => !structure.surnameKeys.has(k));
  const definitions = (structure.definedByRoot.get(draft.root) ?? []).flatMap((a) => acronymDefinitions.get(a) ?? []);
  const firstDefinition = new Map<string, PlacedAcronymDefinition>();
  for (const d of definitions) if (!firstDefinition.has(d.uri)) firstDefinition.set(d.uri, d);
  const firstAlias = new Map<string, AliasDefinition & { uri: string }>();
  for (const a of aliases) if (!firstAlias.has(a.uri)) firstAlias.set(a.uri, a);
  return {
    definitions,
    aliases,
    firstDefinition,
    firstAlias,
    firstFullMention(uri) {
      const summary = summaries.get(uri);
      if (!summary) return undefined;
      let first = -1;
      for (const key of fullKeys) {
        const k = keyIndexOf(summary).get(key);
        const at = k === undefined ? -1 : summary.firstFull[k]!;
        if (at >= 0 && (first < 0 || at < first)) first = at;
      }
      return first >= 0 ? { start: summary.packed[3 * first]!, end: summary.packed[3 * first + 1]! } : undefined;
    },
  };
}

/**
 * Where an entity is introduced, at most once per document: its acronym definition, else an alias definition,
 * else its first mention by a full name (not a surname, not a bare acronym).
 */
function introductionsOf(draft: EntityDraft, sources: IntroductionSources): Place[] {
  const byUri = new Map<string, Span>();
  for (const d of sources.definitions) if (!byUri.has(d.uri)) byUri.set(d.uri, definitionSpan(d));
  for (const a of sources.aliases) if (!byUri.has(a.uri)) byUri.set(a.uri, aliasSpan(a));
  for (const uri of draft.counts.uris) {
    if (byUri.has(uri)) continue;
    const span = sources.firstFullMention(uri);
    if (span) byUri.set(uri, span);
  }
  return [...byUri].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([uri, span]) => ({ uri, span }));
}

/** The one document's place in `introductionsOf`. */
function introductionIn(sources: IntroductionSources, uri: string): Span | undefined {
  const definition = sources.firstDefinition.get(uri);
  if (definition) return definitionSpan(definition);
  const alias = sources.firstAlias.get(uri);
  if (alias) return aliasSpan(alias);
  return sources.firstFullMention(uri);
}

/** The first place of `introductionsOf`: the least URI with a definition, an alias or (in URI order) a full mention. */
function firstIntroduction(draft: EntityDraft, sources: IntroductionSources): Place | undefined {
  let first: string | undefined;
  for (const uri of [...sources.firstDefinition.keys(), ...sources.firstAlias.keys()]) if (first === undefined || uri < first) first = uri;
  for (const uri of draft.counts.uris) {
    if (first !== undefined && uri >= first) break;
    if (sources.firstFullMention(uri)) {
      first = uri;
      break;
    }
  }
  return first === undefined ? undefined : { uri: first, span: introductionIn(sources, first)! };
}

function definitionSpan(d: PlacedAcronymDefinition): Span {
  return { start: Math.min(d.span.start, d.expansionSpan.start), end: Math.max(d.span.end, d.expansionSpan.end) };
}

function aliasSpan(a: AliasDefinition): Span {
  return { start: Math.min(a.aliasSpan.start, a.nameSpan.start), end: Math.max(a.aliasSpan.end, a.nameSpan.end) };
}

/** Whether two parts introduce the same names, acronyms and aliases, in the same order (positions aside). */
function sameStructure(a: DocumentEntityPart, b: DocumentEntityPart): boolean {
  if (a.names.length !== b.names.length || a.definitions.length !== b.definitions.length || a.aliases.length !== b.aliases.length) return false;
  for (let i = 0; i < a.names.length; i++) {
    const x = a.names[i]!;
    const y = b.names[i]!;
    if (x.key !== y.key || x.kind !== y.kind || x.weight !== y.weight || x.fullName !== y.fullName) return false;
  }
  for (let i = 0; i < a.definitions.length; i++) {
    const x = a.definitions[i]!;
    const y = b.definitions[i]!;
    if (x.acronymKey !== y.acronymKey || x.expansionKey !== y.expansionKey || x.definition.acronym !== y.definition.acronym || x.definition.expansion !== y.definition.expansion) return false;
  }
  return a.aliases.every((x, i) => x.aliasKey === b.aliases[i]!.aliasKey && x.nameKey === b.aliases[i]!.nameKey);
}

/**
 * Flags, by key number in each, the keys that `before` and `after` mention as often with the same spellings. When
 * `after` was remade from `before` by matching a few runs again, only the keys those runs had or have are compared.
 */
function unchangedKeys(before: MatchedMentions, after: MatchedMentions): { before: Uint8Array; after: Uint8Array } {
  const flags = { before: new Uint8Array(before.keys.length), after: new Uint8Array(after.keys.length) };
  const touched = after.remade?.from === before ? after.remade.keys : undefined;
  after.keys.forEach((key, k) => {
    const j = keyIndexOf(before).get(key);
    if (j === undefined || (touched ? touched.has(key) && !sameKeyInDocument(after, k, before, true) : !sameKeyInDocument(after, k, before))) return;
    flags.after[k] = 1;
    flags.before[j] = 1;
  });
  return flags;
}

/**
 * Whether key number `k` of `summary` is mentioned as often, with the same spellings, in `other`. `few`: one of a
 * few keys is asked about, so its spellings are gathered alone rather than every key's (`spellingsOf`).
 */
function sameKeyInDocument(summary: MatchedMentions, k: number, other: MatchedMentions, few = false): boolean {
  const key = summary.keys[k]!;
  const j = keyIndexOf(other).get(key);
  if (j === undefined || other.counts[j] !== summary.counts[k]) return false;
  return few ? spellingOf(summary, k) === spellingOf(other, j) : spellingsOf(summary)[k] === spellingsOf(other)[j];
}

/** Key number `k`'s spellings with their counts, sorted and joined, as `spellingsOf` gives them. */
function spellingOf(summary: MatchedMentions, k: number): string {
  if (summary.spellings) return summary.spellings[k]!;
  const list: string[] = [];
  for (let i = 0; i < summary.surfaceText.length; i++) if (summary.surfaceKey[i] === k) list.push(`${summary.surfaceCount[i]}:${summary.surfaceText[i]}`);
  return list.sort().join('\n');
}

/** Every key's spellings in one pass over the surfaces: per key, a pass over them all cost ~50 ms per edit of a large report. */
function spellingsOf(summary: MatchedMentions): string[] {
  if (summary.spellings) return summary.spellings;
  const lists: string[][] = summary.keys.map(() => []);
  for (let i = 0; i < summary.surfaceText.length; i++) lists[summary.surfaceKey[i]!]!.push(`${summary.surfaceCount[i]}:${summary.surfaceText[i]}`);
  return (summary.spellings = lists.map((list) => list.sort().join('\n')));
}

/**
 * Sums per (key, value) pair, listed in the order pairs were first added, holding the very key and value strings
 * given. Counting by a joined "key\u0000value" string and cutting it apart again made two new strings per pair,
 * kept by every document's contribution (~45 MB of them on the 2,005-document benchmark).
 */
class Tally<T extends string> {
  #sums = new Map<string, Map<T, number>>();
  #order: [string, T][] = [];

  add(key: string, value: T, by: number): void {
    let sums = this.#sums.get(key);
    if (!sums) this.#sums.set(key, (sums = new Map()));
    const sum = sums.get(value);
    if (sum === undefined) this.#order.push([key, value]);
    sums.set(value, (sum ?? 0) + by);
  }

  /** The sums as counted pairs (see `CountedPairs`), in the order pairs were first added. */
  pairs(): CountedPairs {
    const pairs: (string | number)[] = [];
    for (const [key, value] of this.#order) pairs.push(key, value, this.#sums.get(key)!.get(value)!);
    return pairs;
  }
}

/** What a document's part adds to the merge of names, in the order the merge meets it (cached per part). */
function contributionOf(part: DocumentEntityPart): NameContribution {
  let contribution = contributions.get(part);
  if (contribution) return contribution;
  const keys = new Set<string>();
  const votes = new Tally<EntityKind>();
  const nameSurfaces = new Tally<string>();
  const expansionSurfaces = new Tally<string>();
  const acronyms = new Set<string>();
  const links = new Set<string>();
  for (const name of part.names) {
    keys.add(name.key);
    if (name.kind !== 'other') votes.add(name.key, name.kind, name.weight);
    if (name.fullName !== undefined) nameSurfaces.add(name.key, name.fullName, 1);
  }
  for (const { definition, acronymKey, expansionKey } of part.definitions) {
    acronyms.add(definition.acronym);
    keys.add(acronymKey).add(expansionKey);
    links.add(`${acronymKey}\u0000${expansionKey}`);
    expansionSurfaces.add(expansionKey, definition.expansion, 1);
  }
  for (const { aliasKey, nameKey } of part.aliases) {
    keys.add(aliasKey).add(nameKey);
    links.add(`${aliasKey}\u0000${nameKey}`);
  }
  contribution = { keys: [...keys], acronyms: [...acronyms], links: [...links], votes: votes.pairs(), nameSurfaces: nameSurfaces.pairs(), expansionSurfaces: expansionSurfaces.pairs() };
  contributions.set(part, contribution);
  return contribution;
}

const contributions = new WeakMap<DocumentEntityPart, NameContribution>();

/** The merge of names from the glossary and the documents' contributions (`names`, kept for this glossary). */
function buildStructure(glossary: Glossary, names: NameContributions): EntityStructure {
  const ignored = new Set(glossary.ignore.map(keyOf));
  const union = new KeyUnion(glossary.split.map((group) => group.map(keyOf)));
  const known = new Set<string>();
  const glossaryKinds = new Map<string, EntityKind>();
  const glossaryNames = new Map<string, string>();
  const knowKey = (key: string): string | undefined => {
    if (!key || ignored.has(key)) return undefined;
    known.add(key);
    union.add(key);
    return key;
  };
  const know = (surface: string): string | undefined => knowKey(keyOf(surface));
  const linkKeys = (a: string, b: string) => {
    const ka = knowKey(a);
    const kb = knowKey(b);
    if (ka && kb) union.union(ka, kb);
  };
  const link = (a: string, b: string) => linkKeys(keyOf(a), keyOf(b));

  for (const entry of glossary.entities) {
    const key = know(entry.name);
    if (!key) continue;
    glossaryNames.set(key, entry.name);
    if (entry.kind) glossaryKinds.set(key, entry.kind);
    for (const alias of entry.aliases) link(entry.name, alias);
  }
  for (const group of glossary.merge) for (const name of group.slice(1)) link(group[0]!, name);

  // As a pass over the documents in URI order meets them: keys are made known, then linked, in that order.
  for (const key of names.keys.ordered()) knowKey(key);
  for (const pair of names.links.ordered()) {
    const cut = pair.indexOf('\u0000');
    union.union(pair.slice(0, cut), pair.slice(cut + 1));
  }
  const definedAcronyms = names.acronyms.ordered();
  const kindVotes = names.kindVotes.snapshot();
  const fullNames = names.fullNames.snapshot();
  for (const [acronym, long] of Object.entries(WELL_KNOWN_ACRONYMS)) {
    if (long && known.has(keyOf(long))) link(acronym, long);
  }

  // Surnames: the last word, and the last two of a longer name ("López Obrador"), when one person alone has them.
  const membersBefore = new Map<string, string[]>();
  for (const key of union.parent.keys()) pushTo(membersBefore, union.find(key), key);
  const rootKinds = new Map([...membersBefore].map(([root, members]) => [root, dominantKind(kindVotes, glossaryKinds, members)]));
  const rootKind = (key: string) => rootKinds.get(union.find(key)) ?? 'other';
  const claims = new Map<string, Set<string>>();
  for (const key of [...known]) {
    if (rootKind(key) !== 'person') continue;
    const words = key.split(' ').filter((w) => !TITLE_WORDS.has(w));
    if (words.length < 2) continue;
    const surnames = [words[words.length - 1]!, ...(words.length >= 3 ? [words.slice(-2).join(' ')] : [])];
    for (const surname of surnames) {
      if (surname.length < 3 || ignored.has(surname)) continue;
      const set = claims.get(surname) ?? new Set<string>();
      set.add(union.find(key));
      claims.set(surname, set);
    }
  }
  // "Joe Biden" and "Joseph Biden": one surname, one first initial — one person.
  for (const roots of claims.values()) {
    if (roots.size < 2) continue;
    const initials = new Set([...roots].map((r) => (membersBefore.get(r) ?? [r]).find((k) => k.includes(' '))?.[0] ?? r[0]));
    if (initials.size === 1) {
      const [first, ...rest] = [...roots].sort();
      for (const other of rest) union.union(first!, other);
      roots.clear();
      roots.add(union.find(first!));
    }
  }
  const surnameKeys = new Set<string>();
  for (const [surname, roots] of [...claims].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (roots.size !== 1) continue;
    if (known.has(surname) && !['person', 'other'].includes(rootKind(surname))) continue;
    surnameKeys.add(surname);
    known.add(surname);
    union.union(surname, [...roots][0]!);
  }

  const keysByRoot = new Map<string, string[]>();
  for (const key of union.parent.keys()) pushTo(keysByRoot, union.find(key), key);
  const definedByRoot = new Map<string, string[]>();
  for (const acronym of definedAcronyms) pushTo(definedByRoot, union.find(keyOf(acronym)), acronym);
  const exempt = new Set<string>([...ignored, ...Object.keys(WELL_KNOWN_ACRONYMS).map(keyOf)]);
  return { glossary, union, vocabulary: mentionVocabulary(known, ignored), kindVotes, glossaryKinds, glossaryNames, fullNames, surnameKeys, keysByRoot, definedByRoot, exempt };
}

/**
 * An acronym's distinct expansions in order, joined (what an entity takes from its definitions), kept per list:
 * an edit that moves a document's definitions makes new lists with the same expansions.
 */
function expansionsOf(definitions: readonly PlacedAcronymDefinition[] | undefined): string {
  if (!definitions) return '';
  let joined = expansionsByList.get(definitions);
  // Detached: one expansion joins to itself, a slice of its document's text, which this cache would keep alive.
  if (joined === undefined) expansionsByList.set(definitions, (joined = detached([...new Set(definitions.map((d) => d.expansion))].join('\u0000'))));
  return joined;
}

const expansionsByList = new WeakMap<readonly PlacedAcronymDefinition[], string>();

function dominantKind(votes: ReadonlyMap<string, ReadonlyMap<EntityKind, number>>, glossaryKinds: Map<string, EntityKind>, members: string[]): EntityKind {
  for (const key of members) {
    const kind = glossaryKinds.get(key);
    if (kind) return kind;
  }
  const total = new Map<EntityKind, number>();
  for (const key of members) for (const [kind, n] of votes.get(key) ?? []) total.set(kind, (total.get(kind) ?? 0) + n);
  let best: EntityKind = 'other';
  let bestVotes = 0;
  for (const [kind, n] of [...total].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n > bestVotes) [best, bestVotes] = [kind, n];
  }
  return best;
}

/** The most complete name: most words, then most frequent, then with accents (the careful spelling), then alphabetical. */
function canonicalName(counts: ReadonlyMap<string, number>): string {
  const words = (s: string) => s.split(/\s+/).length;
  const accents = (s: string) => (s.normalize('NFD').match(/\p{M}/gu)?.length ?? 0);
  return [...counts].sort((a, b) => words(b[0]) - words(a[0]) || b[1] - a[1] || accents(b[0]) - accents(a[0]) || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** How often each string occurs in a list. */
function countsOf(list: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of list) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
