import type { Span } from '../types';

/**
 * Telling an edit that moved statements from one that changed them. Typing in a large report shifts the offsets of
 * every statement after the cursor, so each is a new object, and every group of statements the report is in (159
 * groups, 10,000 members, for the 359 KB seed among 2,000 documents) counts as changed; comparing those groups
 * again found the same conflicts among the same values, and made new reports for a thousand other documents.
 * When a group's new members are the old ones with some replaced by statements equal in all but their places,
 * what was derived from the group holds with the replacements put in (`moves`).
 */

/** Properties that only place a statement, a figure or a claim in its text: a move changes them, and nothing else. */
const PLACES = new Set(['span', 'valueSpan', 'sentence']);

/** Something stated at a place of a document: a statement, a rank claim. */
export interface Placed {
  uri: string;
  span: Span;
}

/**
 * Whether two statements (or claims) say the same thing in the same document, wherever they are in it: every
 * property equal except the places (`PLACES`, at any depth: a hedge's or a period's span too).
 */
export function sameButPlaces(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameButPlaces(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(x, key)) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
    if (!PLACES.has(key) && !sameButPlaces(x[key], y[key])) return false;
  }
  for (const key in y) if (Object.prototype.hasOwnProperty.call(y, key)) count--;
  return count === 0;
}

/**
 * `sameButPlaces` of a member and its replacement, remembered by the replacement: the statements of one edit are
 * compared by every table that groups them (conflicts, records).
 */
function samePair(old: object, now: object): boolean {
  let byOld = verdicts.get(now);
  if (!byOld) verdicts.set(now, (byOld = new WeakMap()));
  const known = byOld.get(old);
  if (known !== undefined) return known;
  const same = sameButPlaces(old, now);
  byOld.set(old, same);
  return same;
}

/** Per new member, per old one: weak both ways, so a member does not keep alive the one it replaced (and that one its own). */
const verdicts = new WeakMap<object, WeakMap<object, boolean>>();

/**
 * The replacements that make `now` from `old` (old member → new one), when `now` is `old` with some members
 * replaced, one for one, by members of equal value (`sameButPlaces`) in the same place of the list; `undefined`
 * when the group changed otherwise. Empty when nothing was replaced. Both lists are in URI then text order.
 *
 * The replaced members of each document must keep their text order (strictly increasing offsets, before and
 * after), so anything sorted by place stays in the same order and no two share a place; and, with `sentenceOf`,
 * members of one sentence must still share one sentence, and no others (statements of a sentence never conflict
 * with each other).
 */
export function moves<T extends Placed>(old: readonly T[], now: readonly T[], sentenceOf?: (member: T) => Span, changed?: ReadonlySet<string>): Map<T, T> | undefined {
  if (old.length !== now.length) return undefined;
  if (changed) return movesIn(old, now, changed, sentenceOf);
  const moved = new Map<T, T>();
  // Members are in URI then text order, so each document's members are one run of the list, and a re-analysed
  // document's run is replaced whole. Only replaced members are looked at: a group has thousands of members.
  let i = 0;
  while (i < old.length) {
    if (old[i] === now[i]) {
      i++;
      continue;
    }
    const start = i;
    const uri = old[i]!.uri;
    // A run replaced in part cannot come from one analysis: not a move.
    if (start > 0 && old[start - 1]!.uri === uri) return undefined;
    for (; i < old.length && old[i] !== now[i] && old[i]!.uri === uri; i++) {
      if (!samePair(old[i]!, now[i]!)) return undefined;
      moved.set(old[i]!, now[i]!);
    }
    if (i < old.length && old[i]!.uri === uri) return undefined;
    // Order and sentences are checked over the document's whole run.
    if (!sameLayout(old, now, start, i, sentenceOf)) return undefined;
  }
  return moved;
}

/**
 * `moves` when the lists can differ only in the members of the documents of `changed` (each list's other documents
 * kept their members): those documents' runs are found by binary search and compared, not the thousands of others.
 */
function movesIn<T extends Placed>(old: readonly T[], now: readonly T[], changed: ReadonlySet<string>, sentenceOf: ((member: T) => Span) | undefined): Map<T, T> | undefined {
  const moved = new Map<T, T>();
  for (const uri of changed) {
    const start = firstAtOrAfter(old, uri);
    let end = start;
    while (end < old.length && old[end]!.uri === uri) end++;
    // The same place and length in both: the runs before it are the same members, as are those after.
    if (firstAtOrAfter(now, uri) !== start || (end < now.length ? now[end]!.uri === uri : false) || (end > start && now[end - 1]!.uri !== uri)) return undefined;
    for (let i = start; i < end; i++) {
      if (old[i] === now[i]) continue;
      if (!samePair(old[i]!, now[i]!)) return undefined;
      moved.set(old[i]!, now[i]!);
    }
    if (end > start && !sameLayout(old, now, start, end, sentenceOf)) return undefined;
  }
  return moved;
}

/** The run `start`–`end` in text order before and after, and (with `sentenceOf`) shares sentences alike. */
function sameLayout<T extends Placed>(old: readonly T[], now: readonly T[], start: number, end: number, sentenceOf: ((member: T) => Span) | undefined): boolean {
  for (let i = start + 1; i < end; i++) {
    if (!(old[i - 1]!.span.start < old[i]!.span.start) || !(now[i - 1]!.span.start < now[i]!.span.start)) return false;
  }
  if (!sentenceOf) return true;
  // Each member's sentence, as the index of the run's first member in that sentence: equal sequences, equal partitions.
  const firsts = (list: readonly T[]) => {
    const first = new Map<string, number>();
    const sequence: number[] = [];
    for (let i = start; i < end; i++) {
      const { start: from, end: to } = sentenceOf(list[i]!);
      const key = `${from}|${to}`;
      let n = first.get(key);
      if (n === undefined) first.set(key, (n = i));
      sequence.push(n);
    }
    return sequence;
  };
  const a = firsts(old);
  const b = firsts(now);
  return a.every((n, i) => n === b[i]);
}

/** The URIs of the documents whose members `moved` replaces. */
export function movedUris<T extends Placed>(moved: ReadonlyMap<T, T>): string[] {
  const uris = new Set<string>();
  let last: string | undefined;
  for (const member of moved.keys()) if (member.uri !== last) uris.add((last = member.uri));
  return [...uris];
}

/**
 * `list` (in URI then text order) with the members of `moved` replaced, or `list` itself when it has none: each
 * document of `uris` is found by binary search, so a list of hundreds of members is looked at only where they moved.
 */
export function withMoved<T extends Placed>(list: readonly T[], moved: ReadonlyMap<T, T>, uris: readonly string[]): readonly T[] {
  let result: T[] | undefined;
  for (const uri of uris) {
    for (let i = firstAtOrAfter(list, uri); i < list.length && list[i]!.uri === uri; i++) {
      const now = moved.get(list[i]!);
      if (now === undefined) continue;
      result ??= list.slice();
      result[i] = now;
    }
  }
  return result ?? list;
}

/** The first place in `list` (in URI order) whose member's URI is `uri` or after it. */
export function firstAtOrAfter(list: readonly Placed[], uri: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.uri < uri) low = mid + 1;
    else high = mid;
  }
  return low;
}
