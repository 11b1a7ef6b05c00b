/** Spelling-insensitive keys for names, so aliases written differently meet in one entity. */
import { detached } from '../detached';

/**
 * The key two spellings of one name share: accents, case, dots, hyphens and a leading "the" are ignored.
 * "López Obrador" and "Lopez Obrador" → "lopez obrador"; "U.S.-Mexico" → "us mexico"; "the Mérida Initiative" → "merida initiative".
 */
export function nameKey(surface: string): string {
  let key = nameKeys.get(surface);
  if (key === undefined) {
    // Bounded: the same few thousand names recur across a workspace, but a stream of new ones must not grow it forever.
    if (nameKeys.size >= MAX_NAME_KEYS) nameKeys.clear();
    key = detached(computeNameKey(surface));
    nameKeys.set(detached(surface), key);
  }
  return key;
}

// Memo of nameKey: it is called for every capitalised run of every document, and normalising is its cost.
const nameKeys = new Map<string, string>();
const MAX_NAME_KEYS = 50_000;

function computeNameKey(surface: string): string {
  return surface
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/'s$/i, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[-‐–—/]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^(the|el|la|los|las) /, '')
    .trim();
}

/** The key of an acronym, singular: "TCOs" → "tco", "T-MEC" → "t mec". */
export function acronymKey(acronym: string): string {
  return nameKey(singularAcronym(acronym));
}

/** "TCOs" → "TCO"; "NGOs" → "NGO"; "DHS" stays (its final S is a capital). */
export function singularAcronym(acronym: string): string {
  return /\p{Lu}s$/u.test(acronym) ? acronym.slice(0, -1) : acronym;
}

/** Whether a word is written as an acronym: at least two capitals and no lower-case letter except a plural "s". */
export function isAcronymShaped(word: string): boolean {
  // Most words tested are capitalised words ("Mexico"): a lower-case second letter rules them out without a regex.
  const second = word.charCodeAt(1);
  if (second >= 97 && second <= 122) return false;
  const stem = singularAcronym(word);
  return /^\p{Lu}(?:[\p{Lu}\d&]|[-.](?=\p{Lu}))+\.?$/u.test(stem) && (stem.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}
