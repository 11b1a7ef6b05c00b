/** What the core's regular expressions share: escaping, and searching fast without the `u` flag. */

/** `text` as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The characters that `i` matches to an ASCII letter only under `u`: "ſ" (long s) folds to "s" and Kelvin "K" to "k".
 * A fast search without `u` for where a `iu` pattern may match misses them: a text holding one is searched as before.
 */
export const FOLDED_TO_ASCII_ONLY_UNDER_U = /[\u017f\u212a]/;

/**
 * The first match of `pattern` (sticky) at or after `from`, the one a global scan with it would find, trying it only
 * where `candidates` (global) finds a place to start. V8 scans a `u` expression 3–8 × slower than one without: a fast
 * expression without `u` that finds every place `pattern` can start (and maybe others) saves most of the scan, and
 * `pattern` then reads exactly as before. Written here: engines offer no "try this pattern only at these places".
 */
export function firstMatchAtCandidates(text: string, from: number, candidates: RegExp, pattern: RegExp): RegExpExecArray | null {
  candidates.lastIndex = from;
  for (let candidate = candidates.exec(text); candidate !== null; candidate = candidates.exec(text)) {
    pattern.lastIndex = candidate.index;
    const match = pattern.exec(text);
    if (match !== null) return match;
    candidates.lastIndex = candidate.index + 1;
  }
  return null;
}
