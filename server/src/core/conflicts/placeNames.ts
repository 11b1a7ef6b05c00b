import { PLACES } from './vocabulary';

/**
 * Place names indexed by their first word, so finding the places in a run of words is one map lookup per
 * word instead of a scan of every name of every place (which made counting a long report's places cost
 * hundreds of milliseconds per edit).
 */
interface PlaceName {
  place: string;
  parts: readonly string[];
}

const NAMES_BY_FIRST_WORD = new Map<string, PlaceName[]>();
for (const { place, names } of PLACES) {
  for (const name of names) {
    const parts = name.split(' ');
    const list = NAMES_BY_FIRST_WORD.get(parts[0]!) ?? [];
    list.push({ place, parts });
    NAMES_BY_FIRST_WORD.set(parts[0]!, list);
  }
}

function matchesAt(words: readonly string[], i: number, parts: readonly string[]): boolean {
  for (let j = 1; j < parts.length; j++) if (words[i + j] !== parts[j]) return false;
  return true;
}

/** The place a single word names ("mexico" → 'Mexico'), in `PLACES` order; multi-word names do not count. */
export function placeOfWord(word: string): string | undefined {
  return NAMES_BY_FIRST_WORD.get(word)?.find((name) => name.parts.length === 1)?.place;
}

/** Every place named in `words` (lower-cased words, as `wordsIn` gives them). */
export function placesNamedIn(words: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (const name of NAMES_BY_FIRST_WORD.get(words[i]!) ?? []) if (matchesAt(words, i, name.parts)) found.add(name.place);
  }
  return found;
}

/** Every word a place name starts with, lower-cased ("mexico", "united", "u.s."). */
export const PLACE_FIRST_WORDS: readonly string[] = [...NAMES_BY_FIRST_WORD.keys()];

/** The most words a place name has ("united states of america"): a name read at a word reads at most this many from it. */
export const MAX_PLACE_NAME_WORDS = Math.max(...[...NAMES_BY_FIRST_WORD.values()].flat().map((name) => name.parts.length));

/**
 * How many times each place is named in `words`: a position naming a place counts once for it. With `counts`,
 * adds `sign` × the names starting at the first `starts` positions to them (the later words are read only as the
 * rest of a name), for counting a text's changed part again (see geography.ts).
 */
export function placeNameCounts(words: readonly string[], counts = new Map<string, number>(), starts = words.length, sign = 1): Map<string, number> {
  for (let i = 0; i < starts; i++) {
    const candidates = NAMES_BY_FIRST_WORD.get(words[i]!);
    if (!candidates) continue;
    const counted = new Set<string>();
    for (const name of candidates) {
      if (counted.has(name.place) || !matchesAt(words, i, name.parts)) continue;
      counted.add(name.place);
      counts.set(name.place, (counts.get(name.place) ?? 0) + sign);
    }
  }
  return counts;
}
