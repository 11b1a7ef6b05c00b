import type { DocumentAnalysis } from './document';

/**
 * Values derived from one document alone (its statements, rank claims, entity keys…) that cross-document
 * rules need. Each is declared once with `perDocument`; `withDerivedValues` computes them all while the
 * document is analysed — in a worker thread when indexing a workspace — and stores them on the analysis,
 * so the main thread only merges. Documents analysed without them (skipped ones, tests' hand-made
 * analyses) compute them on first use, cached per analysis.
 */
const registry = new Map<string, (document: DocumentAnalysis) => unknown>();

/** Declares a per-document value under a unique `name`; returns its (cached) getter. */
export function perDocument<T>(name: string, compute: (document: DocumentAnalysis) => T): (document: DocumentAnalysis) => T {
  if (registry.has(name)) throw new Error(`per-document value '${name}' is declared twice`);
  const cache = new WeakMap<DocumentAnalysis, T>();
  const get = (document: DocumentAnalysis): T => {
    const derived = document.derived;
    if (derived) return (name in derived ? derived[name] : (derived[name] = compute(document))) as T;
    if (!cache.has(document)) cache.set(document, compute(document));
    return cache.get(document)!;
  };
  registry.set(name, get);
  return get;
}

/** The analysis with every declared per-document value computed and stored on it (in declaration order). */
export function withDerivedValues(document: DocumentAnalysis): DocumentAnalysis {
  // Values that use one another find them here as they are computed, whatever the declaration order.
  document.derived = {};
  for (const get of registry.values()) get(document);
  return document;
}
