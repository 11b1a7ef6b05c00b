import type { Figure } from '../extract/figures/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';

/** Another statement that may state the same quantity as a given figure. */
export interface SimilarFigure {
  uri: string;
  figure: Figure;
  /** Shared words over the smaller word set, 0–1. */
  similarity: number;
}

const MIN_SHARED_WORDS = 2;
const MIN_SIMILARITY = 0.25;
const MAX_RESULTS = 8;

/**
 * Other figures of the workspace that may state the same quantity as `figure`: same dimension and base unit
 * (same currency, same "per day"/"per year" flow), same counted noun when both have one, and enough shared
 * subject words. A deliberately simple word-overlap measure for the hover's "Other statements"; conflict
 * detection keys quantities properly (conflicts/quantityKey.ts) and may replace this function.
 * Best matches first, then URI and text order; at most 8.
 */
export function similarFigures(index: WorkspaceIndex, uri: string, figure: Figure): SimilarFigure[] {
  const common = commonWords(index);
  const words = wordsOf(figure, common);
  const results: SimilarFigure[] = [];
  for (const document of index.documents()) {
    for (const other of document.figures.figures) {
      if (document.uri === uri && other.span.start === figure.span.start) continue;
      if (!sameUnit(figure, other)) continue;
      const otherWords = wordsOf(other, common);
      // What is counted must match: "homicides" is not "residents", and a figure without a noun must at least mention it.
      if (figure.counted && other.counted ? stem(figure.counted) !== stem(other.counted) : !countedIn(figure, otherWords) || !countedIn(other, words)) continue;
      let shared = 0;
      for (const word of otherWords) if (words.has(word)) shared++;
      const similarity = shared / Math.max(1, Math.min(words.size, otherWords.size));
      // The same counted noun ("border", "homicides") in the same unit, stated by both or named near the other, is strong evidence.
      const sameNoun = figure.counted !== undefined || other.counted !== undefined;
      if (!sameNoun && (shared < MIN_SHARED_WORDS || similarity < MIN_SIMILARITY)) continue;
      results.push({ uri: document.uri, figure: other, similarity });
    }
  }
  results.sort((a, b) => b.similarity - a.similarity || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.figure.span.start - b.figure.span.start);
  return results.slice(0, MAX_RESULTS);
}

function sameUnit(a: Figure, b: Figure): boolean {
  return a.unit.dimension === b.unit.dimension && a.unit.base === b.unit.base && a.unit.perTime === b.unit.perTime && a.unit.per?.size === b.unit.per?.size;
}

function wordsOf(figure: Figure, common: ReadonlySet<string>): Set<string> {
  const words = new Set(figure.subject.map(stem).filter((word) => !common.has(word)));
  if (figure.counted) words.add(stem(figure.counted));
  return words;
}

function countedIn(figure: Figure, words: ReadonlySet<string>): boolean {
  return figure.counted === undefined || words.has(stem(figure.counted));
}

const COMMON_SHARE = 0.1;

/**
 * Words in the context of more than a tenth of the workspace's figures ("mexico" and "u.s." in a corpus about
 * U.S.–Mexico relations) say nothing about which quantity a figure states; they are left out of the overlap.
 */
function commonWords(index: WorkspaceIndex): ReadonlySet<string> {
  return index.derive('figures.commonWords', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const document of index.documents()) {
      for (const figure of document.figures.figures) {
        total++;
        for (const word of new Set(figure.subject.map(stem))) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    // Small workspaces have no meaningful frequencies: leave every word in.
    if (total < 50) return new Set<string>();
    return new Set([...counts].filter(([, n]) => n / total > COMMON_SHARE).map(([word]) => word));
  });
}

/** "homicides" → "homicide", "apprehensions" → "apprehension": enough to match plural and singular. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('.') ? word.slice(0, -1) : word;
}
