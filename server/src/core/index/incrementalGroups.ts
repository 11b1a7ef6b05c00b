import type { DocumentAnalysis } from '../document';
import type { WorkspaceIndex } from './workspaceIndex';

/**
 * Items of every document (statements, record claims…) grouped by an id, each group in URI then document
 * order, kept up to date across the changes of one index. Regrouping the half-million statements of a
 * 2,000-document workspace on every keystroke cost ~100 ms per table plus the garbage; an update looks at
 * each document once (by analysis identity) and rebuilds only the groups a changed document is in, when they
 * are next read: the table of statements by quantity has ~23,000 members in the groups one edit of a large
 * report touches, and its main reader (records) reads a dozen groups.
 * A group whose members did not change keeps the same array, so callers can reuse what they derived from it.
 */
export class IncrementalGroups<T> {
  readonly #itemsOf: (document: DocumentAnalysis) => readonly T[];
  readonly #groupOf: (item: T) => string | undefined;
  readonly #documents = new Map<string, { analysis: DocumentAnalysis; byGroup: Map<string, T[]> }>();
  /** Group id → the documents holding it, sorted by URI, each with its items in the group. */
  readonly #parts = new Map<string, Part<T>[]>();
  /** Members of the groups asked for since they last changed: a table may ask for few of its groups (records). */
  readonly #members = new Map<string, readonly T[]>();
  readonly #groups: ReadonlyMap<string, readonly T[]>;
  /** The index and generation of the last `updateFrom`; unset by `update`, which may be given any documents. */
  #source: { index: WorkspaceIndex; generation: number } | undefined;
  readonly #uriOf: ((item: T) => string) | undefined;
  /**
   * Groups changed since their members were last built, with those members and the documents whose items changed
   * since: a group is rebuilt from them by replacing those documents' runs, not from the parts of every document
   * in it (one per document, a cache miss each; 10,000 members in the seed's groups).
   */
  readonly #stale = new Map<string, { members: readonly T[]; uris: Set<string> }>();
  /** The documents whose items entered or left each group in the update under way. */
  readonly #touched = new Map<string, Set<string>>();

  /**
   * `groupOf` returns `undefined` for an item that belongs to no group; `uriOf`, when given, the document of an item,
   * which lets a changed group be rebuilt from its previous members.
   */
  constructor(itemsOf: (document: DocumentAnalysis) => readonly T[], groupOf: (item: T) => string | undefined, uriOf?: (item: T) => string) {
    this.#itemsOf = itemsOf;
    this.#groupOf = groupOf;
    this.#uriOf = uriOf;
    this.#groups = new GroupsView(this.#parts, (id) => this.#membersOf(id));
  }

  /** Brings the groups up to date with `documents` (every document of the index); returns the ids of the groups that changed. */
  update(documents: readonly DocumentAnalysis[]): Set<string> {
    this.#source = undefined;
    const changed = new Set<string>();
    // How many of the known documents are still there: when all are, none was removed, and the known ones need no
    // look-up in a set of every URI.
    let stayed = 0;
    let added = 0;
    for (const analysis of documents) {
      const known = this.#documents.get(analysis.uri);
      if (known) stayed++;
      else added++;
      if (known?.analysis === analysis) continue;
      this.#enter(analysis, changed, known?.byGroup);
    }
    if (stayed < this.#documents.size - added) {
      const present = new Set(documents.map((d) => d.uri));
      for (const [uri, known] of this.#documents) {
        if (present.has(uri)) continue;
        this.#leave(uri, known.byGroup, changed);
        this.#documents.delete(uri);
      }
    }
    return this.#finish(changed);
  }

  /**
   * Brings the groups up to date with the documents of `index`, looking only at the documents changed since the last
   * update from it (`WorkspaceIndex.changesSince`): one edit looks at one document, not at thousands. Returns the ids
   * of the groups that changed.
   */
  updateFrom(index: WorkspaceIndex): Set<string> {
    const changes = this.#source?.index === index ? index.changesSince(this.#source.generation) : undefined;
    if (!changes) {
      const changed = this.update(index.documents());
      this.#source = { index, generation: index.generation };
      return changed;
    }
    this.#source = { index, generation: index.generation };
    const changed = new Set<string>();
    for (const uri of changes) {
      const analysis = index.get(uri);
      const known = this.#documents.get(uri);
      if (known?.analysis === analysis) continue;
      if (analysis) this.#enter(analysis, changed, known?.byGroup);
      else if (known) {
        this.#leave(uri, known.byGroup, changed);
        this.#documents.delete(uri);
      }
    }
    return this.#finish(changed);
  }

  /**
   * Brings the groups up to date with new analyses of known documents, or of new ones (`documents`, any order), the
   * others staying as they are; returns the ids of the groups that changed.
   */
  updateDocuments(documents: readonly DocumentAnalysis[]): Set<string> {
    const changed = new Set<string>();
    for (const analysis of documents) {
      const known = this.#documents.get(analysis.uri);
      if (known?.analysis === analysis) continue;
      this.#enter(analysis, changed, known?.byGroup);
    }
    return this.#finish(changed);
  }

  /**
   * Adds a document's items to their groups. `before`: its items by group in its last analysis, which leave theirs;
   * a group where it has the very same items (objects, in order) keeps its part and is not changed. An edit in a large
   * report keeps the records before the change (and the statements' groups they are in): rebuilding every group of
   * the report's cost each keystroke, and callers then derived again from members that had not changed.
   */
  #enter(analysis: DocumentAnalysis, changed: Set<string>, before?: Map<string, T[]>): void {
    const byGroup = new Map<string, T[]>();
    for (const item of this.#itemsOf(analysis)) {
      const group = this.#groupOf(item);
      if (group === undefined) continue;
      const list = byGroup.get(group);
      if (list) list.push(item);
      else byGroup.set(group, [item]);
    }
    if (before) {
      const left = new Map<string, T[]>();
      for (const [group, items] of before) {
        const now = byGroup.get(group);
        if (now && sameItems(now, items)) byGroup.set(group, items);
        else left.set(group, items);
      }
      this.#leave(analysis.uri, left, changed);
    }
    for (const [group, items] of byGroup) {
      if (before?.get(group) === items) continue;
      changed.add(group);
      this.#touch(group, analysis.uri);
      const part = { uri: analysis.uri, items };
      const parts = this.#parts.get(group);
      if (parts) parts.splice(insertionPoint(parts, analysis.uri), 0, part);
      else this.#parts.set(group, [part]);
    }
    this.#documents.set(analysis.uri, { analysis, byGroup });
  }

  #finish(changed: Set<string>): Set<string> {
    for (const group of changed) {
      const uris = this.#touched.get(group)!;
      const members = this.#members.get(group);
      const stale = this.#stale.get(group);
      if (members && this.#uriOf) this.#stale.set(group, { members, uris });
      else if (stale) for (const uri of uris) stale.uris.add(uri);
      this.#members.delete(group);
      if (this.#parts.get(group)?.length === 0) {
        this.#parts.delete(group);
        this.#stale.delete(group);
      }
    }
    this.#touched.clear();
    return changed;
  }

  #touch(group: string, uri: string): void {
    const uris = this.#touched.get(group);
    if (uris) uris.add(uri);
    else this.#touched.set(group, new Set([uri]));
  }

  /** The groups as of the last update, by id; each in URI then document order, built when first read. */
  get groups(): ReadonlyMap<string, readonly T[]> {
    return this.#groups;
  }

  #membersOf(group: string): readonly T[] | undefined {
    let members = this.#members.get(group);
    if (members) return members;
    const parts = this.#parts.get(group);
    if (!parts) return undefined;
    const stale = this.#stale.get(group);
    this.#stale.delete(group);
    if (parts.length === 1) members = parts[0]!.items;
    else if (stale) members = this.#replaced(stale.members, stale.uris, parts);
    else {
      // A loop, not flatMap: groups of thousands of members are rebuilt on every edit of a document in them.
      const all: T[] = [];
      for (const { items } of parts) for (const item of items) all.push(item);
      members = all;
    }
    this.#members.set(group, members);
    return members;
  }

  /** `members` (in URI order) with the runs of the documents of `uris` replaced by their items in `parts` now. */
  #replaced(members: readonly T[], uris: ReadonlySet<string>, parts: readonly Part<T>[]): T[] {
    const uriOf = this.#uriOf!;
    const all: T[] = [];
    let from = 0;
    for (const uri of [...uris].sort()) {
      let start = from;
      let high = members.length;
      while (start < high) {
        const mid = (start + high) >> 1;
        if (uriOf(members[mid]!) < uri) start = mid + 1;
        else high = mid;
      }
      let end = start;
      while (end < members.length && uriOf(members[end]!) === uri) end++;
      for (let i = from; i < start; i++) all.push(members[i]!);
      const part = parts[insertionPoint(parts, uri)];
      if (part?.uri === uri) for (const item of part.items) all.push(item);
      from = end;
    }
    for (let i = from; i < members.length; i++) all.push(members[i]!);
    return all;
  }

  #leave(uri: string, byGroup: Map<string, T[]>, changed: Set<string>): void {
    for (const group of byGroup.keys()) {
      changed.add(group);
      this.#touch(group, uri);
      const parts = this.#parts.get(group)!;
      parts.splice(insertionPoint(parts, uri), 1);
    }
  }
}

/** The groups as a read-only map whose values are built on first read (see `IncrementalGroups.groups`). */
class GroupsView<T> implements ReadonlyMap<string, readonly T[]> {
  readonly #parts: ReadonlyMap<string, unknown>;
  readonly #membersOf: (group: string) => readonly T[] | undefined;

  constructor(parts: ReadonlyMap<string, unknown>, membersOf: (group: string) => readonly T[] | undefined) {
    this.#parts = parts;
    this.#membersOf = membersOf;
  }

  get size(): number {
    return this.#parts.size;
  }

  has(group: string): boolean {
    return this.#parts.has(group);
  }

  get(group: string): readonly T[] | undefined {
    return this.#membersOf(group);
  }

  keys(): MapIterator<string> {
    return this.#parts.keys();
  }

  *values(): MapIterator<readonly T[]> {
    for (const group of this.#parts.keys()) yield this.#membersOf(group)!;
  }

  *entries(): MapIterator<[string, readonly T[]]> {
    for (const group of this.#parts.keys()) yield [group, this.#membersOf(group)!];
  }

  [Symbol.iterator](): MapIterator<[string, readonly T[]]> {
    return this.entries();
  }

  forEach(callback: (members: readonly T[], group: string, map: ReadonlyMap<string, readonly T[]>) => void): void {
    for (const [group, members] of this.entries()) callback(members, group, this);
  }
}

/** One document's items in one group. */
interface Part<T> {
  uri: string;
  items: T[];
}

/** Where `uri` is or would go in `parts`, sorted by URI (binary search). */
function insertionPoint(parts: readonly { uri: string }[], uri: string): number {
  let low = 0;
  let high = parts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (parts[mid]!.uri < uri) low = mid + 1;
    else high = mid;
  }
  return low;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
