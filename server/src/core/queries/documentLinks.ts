import type { DocumentAnalysis } from '../document';
import type { DocumentLink } from '../extract/references';

/** Every web address of a document, in text order: running text and notes alike. */
export function documentLinks(document: DocumentAnalysis): DocumentLink[] {
  return document.references.links;
}
