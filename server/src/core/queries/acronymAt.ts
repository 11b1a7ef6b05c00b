import type { DocumentAnalysis } from '../document';
import type { Span } from '../types';

/** The acronym under `offset` (a use or the parenthesised definition), or `undefined` when there is none. */
export function acronymAt(document: DocumentAnalysis, offset: number): { acronym: string; span: Span } | undefined {
  for (const item of [...document.acronyms.definitions, ...document.acronyms.mentions]) {
    if (item.span.start <= offset && offset <= item.span.end) return { acronym: item.acronym, span: item.span };
  }
  return undefined;
}
