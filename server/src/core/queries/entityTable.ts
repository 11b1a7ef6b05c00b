import { perDocument } from '../derived';
import type { DocumentAnalysis } from '../document';
import { PERSON_TITLES, WELL_KNOWN_ACRONYMS, type EntityKind } from '../entities/data';
import { emptyGlossary, type Glossary } from '../entities/glossary';
import { acronymKey, isAcronymShaped, nameKey, singularAcronym } from '../entities/names';
import type { AcronymDefinition, AliasDefinition } from '../extract/acronyms';
import type { WordRuns } from '../extract/entities';
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

/** Every entity of the workspace with its mentions; see `entityTable`. */
export interface EntityTable {
  entities: Entity[];
  /** Mentions per document, in text order. */
  mentionsByUri: Map<string, EntityMention[]>;
  /** Mentions per entity, in URI then text order. */
  mentionsByEntity: Map<number, EntityMention[]>;
  /** Acronym definitions by singular acronym, in URI then text order. */
  acronymDefinitions: Map<string, PlacedAcronymDefinition[]>;
  /** Acronyms readers know without an expansion ("GDP", "U.S."), and glossary-ignored terms, by key. */
  exempt: Set<string>;
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
  return index.derive('entity-table', (idx) => buildEntityTable(idx.documents(), idx.input<Glossary>(GLOSSARY_INPUT) ?? emptyGlossary));
}

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
 * The document's runs of capitalised words (`WordRuns`, flat) with each word's key, whether it is shaped
 * like an acronym, and the acronym mention starting at it (by word index; few words have one).
 */
interface KeyedRuns {
  runs: WordRuns;
  wordKeys: string[];
  acronymShaped: Uint8Array;
  acronymMentions: Map<number, { span: Span; key: string; surface: string }>;
}

/**
 * A mention as matched in its document; its `entity` id is assigned by each build of the table, in place,
 * so the millions of mentions of a large workspace are not copied on every rebuild (ids change only when
 * the sorted entity names do; a table is replaced by the next build, never used beside it).
 */
type RawMention = EntityMention;

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

/** A document's mentions found with the last set of known names, reused while that set stays the same. */
interface MatchedMentions {
  vocabulary: MentionVocabulary;
  mentions: RawMention[];
  undefinedAcronyms: string[];
}

// Kept beside the parts, not in them: parts are stored with the analysis (and persisted), matches are not.
const matchedByPart = new WeakMap<DocumentEntityPart, MatchedMentions>();

/** The known keys and the ignored keys mention lookup depends on; one instance per distinct content. */
interface MentionVocabulary {
  known: Set<string>;
  ignored: Set<string>;
}

/** The document's part of the entity table, computed with the analysis (the glossary is applied in the merge). */
const documentEntityPart = perDocument('entity-part', (document: DocumentAnalysis): DocumentEntityPart => {
  const names: KeyedName[] = [];
  for (const name of document.entities.names) {
    if (name.weak) continue;
    names.push({ key: keyOf(name.text), kind: name.kind, weight: KIND_WEIGHT[name.cue], fullName: name.kind !== 'other' ? name.text.replace(/^The /, '') : undefined });
  }
  const definitions = document.entities.acronyms.definitions.map((definition) => {
    const acronym = singularAcronym(definition.acronym);
    return { definition: { ...definition, acronym, uri: document.uri }, acronymKey: keyOf(definition.acronym), expansionKey: keyOf(definition.expansion) };
  });
  const aliases = document.entities.acronyms.aliases.map((alias) => ({ alias: { ...alias, uri: document.uri }, aliasKey: keyOf(alias.alias), nameKey: keyOf(alias.name) }));
  const acronymSpans = new Map(document.entities.acronyms.mentions.map((m) => [m.span.start, m]));
  const { bounds } = document.entities.runs;
  const wordCount = bounds.length / 2;
  const wordKeys: string[] = [];
  const acronymShaped = new Uint8Array(wordCount);
  const acronymMentions = new Map<number, { span: Span; key: string; surface: string }>();
  for (let i = 0; i < wordCount; i++) {
    const word = document.text.slice(bounds[2 * i], bounds[2 * i + 1]);
    acronymShaped[i] = isAcronymShaped(word) ? 1 : 0;
    // Keys are built word by word: the key of a phrase is its words' keys joined by spaces.
    wordKeys.push(acronymShaped[i] ? acronymKey(word) : nameKey(word));
    const mention = acronymSpans.get(bounds[2 * i]!);
    if (mention) acronymMentions.set(i, { span: mention.span, key: keyOf(mention.acronym), surface: document.text.slice(mention.span.start, mention.span.end) });
  }
  return { names, definitions, aliases, runs: { runs: document.entities.runs, wordKeys, acronymShaped, acronymMentions } };
});

let lastVocabulary: MentionVocabulary | undefined;

/** The vocabulary instance for these sets: the previous one when the contents are the same, so cached mentions stay valid. */
function mentionVocabulary(known: Set<string>, ignored: Set<string>): MentionVocabulary {
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((k) => b.has(k));
  if (lastVocabulary && same(known, lastVocabulary.known) && same(ignored, lastVocabulary.ignored)) return lastVocabulary;
  lastVocabulary = { known: new Set(known), ignored: new Set(ignored) };
  return lastVocabulary;
}

/** Mentions in one document: the longest known name starting at each word of each run. */
function matchMentions(document: DocumentAnalysis, part: DocumentEntityPart, { known, ignored }: MentionVocabulary): { mentions: RawMention[]; undefinedAcronyms: string[] } {
  const mentions: RawMention[] = [];
  const undefinedAcronyms: string[] = [];
  const { runs: { bounds, ends }, wordKeys, acronymShaped, acronymMentions } = part.runs;
  for (let r = 0; r < ends.length; r++) {
    const runEnd = ends[r]!;
    let i = r === 0 ? 0 : ends[r - 1]!;
    while (i < runEnd) {
      let matched = 0;
      let key = '';
      let longest = '';
      const first = document.text.slice(bounds[2 * i], bounds[2 * i + 1]);
      const skipArticle = first === 'The' || first === 'the' ? 1 : 0;
      for (let j = i + skipArticle; j < Math.min(runEnd, i + MAX_NAME_WORDS); j++) {
        key = key === '' ? wordKeys[j]! : `${key} ${wordKeys[j]}`;
        if (known.has(key)) [matched, longest] = [j - i + 1, key];
      }
      if (matched > 0) {
        // "The Merida Initiative": the article is not part of the mention.
        const span = { start: bounds[2 * (i + skipArticle)]!, end: bounds[2 * (i + matched - 1) + 1]! };
        mentions.push({ uri: document.uri, span, surface: document.text.slice(span.start, span.end), key: longest, acronym: matched - skipArticle === 1 && acronymShaped[i + skipArticle] === 1, entity: -1 });
      }
      if (matched === 0) {
        // An acronym nobody expands is still an entity of its own: hover, references and rename work on it.
        const mention = acronymMentions.get(i);
        if (mention && mention.key && !ignored.has(mention.key)) {
          undefinedAcronyms.push(mention.key);
          mentions.push({ uri: document.uri, span: mention.span, surface: mention.surface, key: mention.key, acronym: true, entity: -1 });
        }
      }
      i += Math.max(matched, 1);
    }
  }
  return { mentions, undefinedAcronyms };
}

/** Builds the entity table from analyses in URI order; pure, exported for tests. */
export function buildEntityTable(documents: readonly DocumentAnalysis[], glossary: Glossary): EntityTable {
  const ignored = new Set(glossary.ignore.map(keyOf));
  const union = new KeyUnion(glossary.split.map((group) => group.map(keyOf)));
  const known = new Set<string>();
  const kindVotes = new Map<string, Map<EntityKind, number>>();
  const fullNames = new Map<string, string[]>(); // key → surfaces as introduced (for the canonical name)
  const glossaryKinds = new Map<string, EntityKind>();
  const glossaryNames = new Map<string, string>();
  const vote = (key: string, kind: EntityKind, weight: number) => {
    if (kind === 'other') return;
    const votes = kindVotes.get(key) ?? new Map<EntityKind, number>();
    votes.set(kind, (votes.get(kind) ?? 0) + weight);
    kindVotes.set(key, votes);
  };
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
  const addFullName = (key: string, surface: string) => {
    const list = fullNames.get(key);
    if (list) list.push(surface);
    else fullNames.set(key, [surface]);
  };

  for (const entry of glossary.entities) {
    const key = know(entry.name);
    if (!key) continue;
    glossaryNames.set(key, entry.name);
    if (entry.kind) glossaryKinds.set(key, entry.kind);
    for (const alias of entry.aliases) link(entry.name, alias);
  }
  for (const group of glossary.merge) for (const name of group.slice(1)) link(group[0]!, name);

  const acronymDefinitions = new Map<string, PlacedAcronymDefinition[]>();
  const aliasDefinitions: (AliasDefinition & { uri: string })[] = [];
  const parts = documents.map(documentEntityPart);
  for (const part of parts) {
    for (const name of part.names) {
      const key = knowKey(name.key);
      if (!key) continue;
      vote(key, name.kind, name.weight);
      if (name.fullName !== undefined) addFullName(key, name.fullName);
    }
    for (const { definition, acronymKey, expansionKey } of part.definitions) {
      const list = acronymDefinitions.get(definition.acronym) ?? [];
      list.push({ ...definition });
      acronymDefinitions.set(definition.acronym, list);
      linkKeys(acronymKey, expansionKey);
      addFullName(expansionKey, definition.expansion);
    }
    for (const { alias, aliasKey, nameKey } of part.aliases) {
      aliasDefinitions.push({ ...alias });
      linkKeys(aliasKey, nameKey);
    }
  }
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

  // Mentions: the longest known name starting at each word of each run; a document's mentions are reused while
  // the known names are the same as when they were found.
  const exempt = new Set<string>([...ignored, ...Object.keys(WELL_KNOWN_ACRONYMS).map(keyOf)]);
  const vocabulary = mentionVocabulary(known, ignored);
  const rawMentions: RawMention[] = [];
  documents.forEach((document, n) => {
    const part = parts[n]!;
    let matched = matchedByPart.get(part);
    if (matched?.vocabulary !== vocabulary) matchedByPart.set(part, (matched = { vocabulary, ...matchMentions(document, part, vocabulary) }));
    for (const key of matched.undefinedAcronyms) union.add(key);
    for (const mention of matched.mentions) rawMentions.push(mention);
  });

  // Group by root into entities, numbered by canonical name so ids are deterministic.
  const mentionsByRoot = new Map<string, RawMention[]>();
  for (const mention of rawMentions) {
    const root = union.find(mention.key);
    const list = mentionsByRoot.get(root) ?? [];
    list.push(mention);
    mentionsByRoot.set(root, list);
  }
  const keysByRoot = new Map<string, string[]>();
  for (const key of union.parent.keys()) {
    const root = union.find(key);
    pushTo(keysByRoot, root, key);
  }
  const definedByRoot = new Map<string, string[]>();
  for (const acronym of acronymDefinitions.keys()) {
    const root = union.find(keyOf(acronym));
    pushTo(definedByRoot, root, acronym);
  }
  const aliasesByRoot = new Map<string, (AliasDefinition & { uri: string })[]>();
  for (const alias of aliasDefinitions) {
    const root = union.find(keyOf(alias.alias));
    pushTo(aliasesByRoot, root, alias);
  }
  const drafts = [...mentionsByRoot].map(([root, mentions]) => {
    const keys = keysByRoot.get(root) ?? [root];
    const glossaryName = keys.map((k) => glossaryNames.get(k)).find(Boolean);
    const acronyms = [...new Set((definedByRoot.get(root) ?? []).concat(mentions.filter((m) => m.acronym).map((m) => singularAcronym(m.surface))))].sort();
    const expansions = [...new Set(acronyms.flatMap((a) => (acronymDefinitions.get(a) ?? []).map((d) => d.expansion)))];
    const counts = new Map<string, number>();
    for (const m of mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
    const aliases = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
    const introduced = keys.flatMap((k) => fullNames.get(k) ?? []);
    const name = glossaryName ?? canonicalName(expansions.length > 0 ? expansions : introduced, aliases);
    const definitions = (definedByRoot.get(root) ?? []).flatMap((a) => acronymDefinitions.get(a) ?? []);
    return { root, keys, definitions, aliasDefinitions: aliasesByRoot.get(root) ?? [], name, kind: dominantKind(kindVotes, glossaryKinds, keys), acronyms, expansions, aliases, mentions };
  });
  drafts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.root < b.root ? -1 : 1));

  const entities: Entity[] = [];
  const mentionsByEntity = new Map<number, EntityMention[]>();
  drafts.forEach((draft, id) => {
    const mentions = draft.mentions;
    for (const mention of mentions) mention.entity = id;
    mentionsByEntity.set(id, mentions);
    entities.push({ id, name: draft.name, kind: draft.kind, acronyms: draft.acronyms, expansions: draft.expansions, aliases: draft.aliases, introductions: introductionsOf(mentions, draft.definitions, draft.aliasDefinitions, surnameKeys) });
  });
  // Each document's raw mentions are in text order already: map them in place rather than regroup and sort.
  const mentionsByUri = new Map<string, EntityMention[]>();
  parts.forEach((part, n) => {
    const mentions = matchedByPart.get(part)!.mentions;
    if (mentions.some((m, i) => i > 0 && mentions[i - 1]!.span.start > m.span.start)) mentions.sort((a, b) => a.span.start - b.span.start);
    if (mentions.length > 0) mentionsByUri.set(documents[n]!.uri, mentions);
  });
  return { entities, mentionsByUri, mentionsByEntity, acronymDefinitions, exempt };
}

/** Appends to a list in a map of lists (in place: copying the list on every key made large groups quadratic). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dominantKind(votes: Map<string, Map<EntityKind, number>>, glossaryKinds: Map<string, EntityKind>, members: string[]): EntityKind {
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
function canonicalName(introduced: string[], aliases: string[]): string {
  const candidates = introduced.length > 0 ? introduced : aliases;
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c, (counts.get(c) ?? 0) + 1);
  const words = (s: string) => s.split(/\s+/).length;
  const accents = (s: string) => (s.normalize('NFD').match(/\p{M}/gu)?.length ?? 0);
  return [...counts].sort((a, b) => words(b[0]) - words(a[0]) || b[1] - a[1] || accents(b[0]) - accents(a[0]) || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function introductionsOf(mentions: EntityMention[], definitions: PlacedAcronymDefinition[], aliases: (AliasDefinition & { uri: string })[], surnameKeys: Set<string>): Place[] {
  const byUri = new Map<string, Span>();
  for (const d of definitions) {
    if (!byUri.has(d.uri)) byUri.set(d.uri, { start: Math.min(d.span.start, d.expansionSpan.start), end: Math.max(d.span.end, d.expansionSpan.end) });
  }
  for (const a of aliases) {
    if (!byUri.has(a.uri)) byUri.set(a.uri, { start: Math.min(a.aliasSpan.start, a.nameSpan.start), end: Math.max(a.aliasSpan.end, a.nameSpan.end) });
  }
  // Elsewhere: the first mention by a full name (not a surname, not a bare acronym).
  for (const m of mentions) {
    if (byUri.has(m.uri) || m.acronym || surnameKeys.has(m.key)) continue;
    byUri.set(m.uri, m.span);
  }
  return [...byUri].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([uri, span]) => ({ uri, span }));
}
