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
