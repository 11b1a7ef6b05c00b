/**
 * A copy of `text` that keeps no other string alive. V8 makes a slice of 13 or more characters a view into its
 * parent string and keeps the whole parent alive as long as the slice is: a word sliced from a 359 KB report and
 * kept in a module-wide cache keeps that version of the report in memory after its analysis is gone. Strings that
 * outlive the text they were read from (cache keys and values) are stored detached.
 */
export function detached(text: string): string {
  // Shorter slices are copies already. Slicing a concatenation flattens it into a new string first, so the result
  // views that new string (one character longer), not `text`'s parent.
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * Detaches, in place, every string held by `records` and by the plain objects and arrays under them. For records an
 * incremental extractor makes from an edited version's text and keeps for the versions after it: detached, they keep
 * only their own characters alive, not that version's whole text (see `OpenDocumentAnalyzer`). Only the few records
 * an edit makes are walked; other objects (maps, typed arrays, class instances) are left as they are.
 */
export function detachStrings(records: readonly object[]): void {
  const seen = new Set<object>();
  const pending: object[] = [...records];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (seen.has(value)) continue;
    seen.add(value);
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const field = fields[key];
      if (typeof field === 'string') {
        if (field.length >= 13) fields[key] = detached(field);
      } else if (field !== null && typeof field === 'object' && isPlain(field)) pending.push(field);
    }
  }
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === Array.prototype || prototype === null;
}
