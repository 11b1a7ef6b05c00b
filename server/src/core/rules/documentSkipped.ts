import type { DocumentRule } from './rule';

/**
 * `document-skipped`: a document in the workspace that could not be analysed — binary, too large,
 * deleted while being read — so the reviewer knows its statements are not being checked.
 * Example: a 20 MB export gives "skipped: 20.0 MB is over the 5.0 MB limit (setting policyLens.maxFileSizeKB)".
 */
export const documentSkipped: DocumentRule = {
  id: 'document-skipped',
  scope: 'document',
  defaultSeverity: 'information',
  summary: 'The document could not be analysed (binary, too large, unreadable); its statements are not checked.',
  check(document) {
    if (document.skipped === undefined) return [];
    return [{ uri: document.uri, span: { start: 0, end: 0 }, message: `Policy Lens did not analyse this document: ${document.skipped}.` }];
  },
};
