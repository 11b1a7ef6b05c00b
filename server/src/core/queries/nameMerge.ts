import type { EntityKind } from '../entities/data';
import { countBefore } from '../collections';

/**
 * What the documents of a workspace add up to for the merge of names (see `entityTable.ts`), kept up to date
 * document by document. The merge itself — union of keys, surnames, kinds — is cheap over the workspace's
 * distinct keys (~1,100 on the 2,005-document benchmark); reading every document's names again was not
 * (725,000 names, ~100 ms on each keystroke that adds or drops a name). The merge depends on the order in
 * which a pass over the documents in URI order meets keys, acronyms and links first (the first multi-word
 * key of a person decides an initial; a glossary's split groups make links order-dependent), so each item
 * keeps the documents holding it, and `ordered` gives the items in that first-met order.
 */

/** One document's contribution, each list in the order a pass over the document meets its items (no repeats). */
export interface NameContribution {
  /** Keys made known, in order: names, then each definition's acronym and expansion key, then each alias's two keys. */
  keys: string[];
  /** Singular acronyms defined, in order. */
  acronyms: string[];
  /** Links between two keys (acronym ↔ expansion, alias ↔ name), as `a\u0000b`, in order. */
  links: string[];
  /** Kind votes of the document's names: key, kind, summed weight (kinds other than 'other'). */
  votes: CountedPairs;
  /** Surfaces as introduced by names: key, surface, count. Counted only where the key is known. */
  nameSurfaces: CountedPairs;
  /** Expansions of acronym definitions: expansion key, expansion, count. Counted whatever the key. */
  expansionSurfaces: CountedPairs;
}

/**
 * Counts per (key, value) pair, flat: key, value, count, key, value, count, … One array per list, not one per pair:
 * every document's contribution is kept, and the benchmark's ~270,000 pairs took 72 bytes each as arrays of three.
 */
export type CountedPairs = readonly (string | number)[];

/**
 * Items held by numbered documents, each document listing its items in its own order; `ordered()` lists every
 * item once, in the order a pass over the documents in index order meets it first. Keeps, per item, the sorted
 * indices of the documents holding it, and per document the items it is first to hold.
 */
export class FirstMetOrder {
  readonly #holders = new Map<string, number[]>();
  /** Per document: its list of items (as given to `add`). */
  readonly #lists = new Map<number, readonly string[]>();
  /** Per document: the items it is the first to hold, in its order; recomputed where a first holder changed. */
  readonly #firsts = new Map<number, string[]>();
  readonly #stale = new Set<number>();

  add(document: number, items: readonly string[]): void {
    this.#lists.set(document, items);
    for (const item of items) {
      const holders = this.#holders.get(item);
      if (!holders) {
        this.#holders.set(item, [document]);
        this.#stale.add(document);
        continue;
      }
      const at = lowerBound(holders, document);
      if (holders[at] === document) continue;
      if (at === 0) this.#stale.add(holders[0]!).add(document);
      holders.splice(at, 0, document);
    }
  }

  remove(document: number): void {
    const items = this.#lists.get(document);
    if (!items) return;
    this.#lists.delete(document);
    for (const item of items) {
      const holders = this.#holders.get(item)!;
      const at = lowerBound(holders, document);
      if (holders[at] !== document) continue;
      holders.splice(at, 1);
      if (at !== 0) continue;
      this.#stale.add(document);
      if (holders.length === 0) this.#holders.delete(item);
      else this.#stale.add(holders[0]!);
    }
  }

  ordered(): string[] {
    for (const document of this.#stale) {
      const items = this.#lists.get(document);
      const firsts = items?.filter((item) => this.#holders.get(item)![0] === document) ?? [];
      if (firsts.length > 0) this.#firsts.set(document, firsts);
      else this.#firsts.delete(document);
    }
    this.#stale.clear();
    const out: string[] = [];
    for (const document of [...this.#firsts.keys()].sort((a, b) => a - b)) for (const item of this.#firsts.get(document)!) out.push(item);
    return out;
  }
}

/** Counts per key of values (kinds, surfaces), summed over documents; the maps a merge reads are copied on write. */
export class CountsByKey<V> {
  #counts = new Map<string, Map<V, number>>();
  /** The maps written since the last snapshot: no merge handed out holds them. */
  #owned = new Set<Map<unknown, unknown>>();
  #shared = false;

  change(key: string, value: V, by: number): void {
    if (this.#shared) {
      // A merge handed out holds the last maps: write into copies.
      this.#counts = new Map(this.#counts);
      this.#owned = new Set();
      this.#shared = false;
    }
    let counts = this.#counts.get(key);
    if (!counts || !this.#owned.has(counts)) {
      counts = new Map(counts ?? []);
      this.#owned.add(counts);
      this.#counts.set(key, counts);
    }
    const n = (counts.get(value) ?? 0) + by;
    if (n === 0) counts.delete(value);
    else counts.set(value, n);
    if (counts.size === 0) this.#counts.delete(key);
  }

  /** The counts now; later changes do not show in the map returned. */
  snapshot(): ReadonlyMap<string, ReadonlyMap<V, number>> {
    this.#shared = true;
    return this.#counts;
  }
}

/** The merge's inputs for one glossary, kept up to date as documents (by index in URI order) change. */
export class NameContributions {
  readonly keys = new FirstMetOrder();
  readonly acronyms = new FirstMetOrder();
  readonly links = new FirstMetOrder();
  readonly kindVotes = new CountsByKey<EntityKind>();
  /** Surfaces as introduced (names' and expansions'), per key, for the canonical name. */
  readonly fullNames = new CountsByKey<string>();
  readonly #added = new Map<number, NameContribution>();
  readonly #ignored: ReadonlySet<string>;

  /** `ignored`: the glossary's ignored keys, which are never made known. */
  constructor(ignored: ReadonlySet<string>) {
    this.#ignored = ignored;
  }

  #known = (key: string) => key !== '' && !this.#ignored.has(key);

  /** Sets document `n`'s contribution, replacing what it contributed before. */
  set(n: number, contribution: NameContribution): void {
    const before = this.#added.get(n);
    if (before === contribution) return;
    this.keys.remove(n);
    this.acronyms.remove(n);
    this.links.remove(n);
    this.#added.set(n, contribution);
    this.keys.add(n, contribution.keys.filter(this.#known));
    this.acronyms.add(n, contribution.acronyms);
    this.links.add(n, contribution.links.filter((link) => link.split('\u0000').every(this.#known)));
    // Only counts that differ are written: a key whose counts are untouched keeps its map, which tells the
    // entity table its entity needs no new derivation (an edit in a large report leaves most of its keys as they were).
    for (const [key, kind, by] of netChanges(before?.votes, contribution.votes, this.#known)) this.kindVotes.change(key, kind as EntityKind, by);
    for (const [key, surface, by] of netChanges(before?.nameSurfaces, contribution.nameSurfaces, this.#known)) this.fullNames.change(key, surface, by);
    for (const [key, surface, by] of netChanges(before?.expansionSurfaces, contribution.expansionSurfaces, () => true)) this.fullNames.change(key, surface, by);
  }
}

/** The non-zero differences, per key and value, from counts `before` to counts `after`, of the keys `counted`. */
function netChanges(before: CountedPairs | undefined, after: CountedPairs, counted: (key: string) => boolean): [key: string, value: string, by: number][] {
  const net = new Map<string, number>();
  const add = (pairs: CountedPairs, sign: 1 | -1) => {
    for (let i = 0; i < pairs.length; i += 3) {
      const key = pairs[i] as string;
      if (!counted(key)) continue;
      const id = `${key}\u0000${pairs[i + 1] as string}`;
      net.set(id, (net.get(id) ?? 0) + sign * (pairs[i + 2] as number));
    }
  };
  if (before) add(before, -1);
  add(after, 1);
  const out: [string, string, number][] = [];
  for (const [id, by] of net) {
    if (by === 0) continue;
    const cut = id.indexOf('\u0000');
    out.push([id.slice(0, cut), id.slice(cut + 1), by]);
  }
  return out;
}

/** The first index in a sorted list whose value is not below `value`. */
function lowerBound(list: readonly number[], value: number): number {
  return countBefore(list, (item) => item < value);
}
