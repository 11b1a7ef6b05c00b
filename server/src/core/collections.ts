import type { Span } from './types';

/** Appends `value` to the list under `key`, creating it; in place, so building a group costs O(n), not O(n²). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The item whose span holds `offset`, both ends inclusive (a cursor right after "14.4%" still finds it),
 * from items in text order that do not overlap; `undefined` when none does. Binary search.
 */
export function itemAt<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (items[mid]!.span.start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  const item = found >= 0 ? items[found] : undefined;
  return item && offset <= item.span.end ? item : undefined;
}

/**
 * How many leading items of `items` are `before` (binary search): `before` must hold for a prefix of the list and
 * for nothing after it, as "ends at or before offset 500" does for spans in text order. The one search the
 * incremental extractors use to find where a window starts or ends in their sorted records.
 */
export function countBefore<T>(items: ArrayLike<T>, before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(items[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where `value` is in `sorted`, or where it would go (binary search). */
export function sortedIndexOf(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
