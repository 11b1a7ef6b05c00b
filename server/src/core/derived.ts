import type { DocumentAnalysis, PreviousAnalysis } from './document';

/**
 * Values derived from one document alone (its statements, rank claims, entity keys…) that cross-document
 * rules need. Each is declared once with `perDocument`; `withDerivedValues` computes them all while the
 * document is analysed — in a worker thread when indexing a workspace — and stores them on the analysis,
 * so the main thread only merges. Documents analysed without them (skipped ones, tests' hand-made
 * analyses) compute them on first use, cached per analysis.
 */
const registry = new Map<string, (document: DocumentAnalysis) => unknown>();

/** While `withDerivedValues` runs with a previous analysis: the document being computed and that previous one. */
let computing: { document: DocumentAnalysis; previous: PreviousAnalysis } | undefined;

/**
 * Declares a per-document value under a unique `name`; returns its (cached) getter. `compute` receives the
 * previous analysis of the same document when there is one (an open document being edited), so it may reuse
 * that version's value outside the change; whatever it returns must equal what it computes without it.
 */
export function perDocument<T>(name: string, compute: (document: DocumentAnalysis, previous?: PreviousAnalysis) => T): (document: DocumentAnalysis) => T {
  if (registry.has(name)) throw new Error(`per-document value '${name}' is declared twice`);
  const cache = new WeakMap<DocumentAnalysis, T>();
  const run = (document: DocumentAnalysis): T => (computing?.document === document ? compute(document, computing.previous) : compute(document));
  const get = (document: DocumentAnalysis): T => {
    const derived = document.derived;
    if (derived) return (name in derived ? derived[name] : (derived[name] = run(document))) as T;
    if (!cache.has(document)) cache.set(document, compute(document));
    return cache.get(document)!;
  };
  registry.set(name, get);
  return get;
}

/**
 * The analysis with every declared per-document value computed and stored on it (in declaration order);
 * `previous` is the analysis of the document's last version, offered to each value's computation.
 */
export function withDerivedValues(document: DocumentAnalysis, previous?: PreviousAnalysis): DocumentAnalysis {
  // Values that use one another find them here as they are computed, whatever the declaration order.
  document.derived = {};
  computing = previous && previous.document.derived ? { document, previous } : undefined;
  try {
    for (const get of registry.values()) get(document);
  } finally {
    computing = undefined;
  }
  return document;
}
