import type { DocumentRule } from './rule';

/**
 * `invalid-encoding`: the file is not valid UTF-8. It is still analysed, with the bad bytes replaced
 * by U+FFFD, which may garble names or figures next to them.
 */
export const invalidEncoding: DocumentRule = {
  id: 'invalid-encoding',
  scope: 'document',
  defaultSeverity: 'warning',
  summary: 'The file is not valid UTF-8; bad bytes were replaced with U+FFFD before analysis.',
  check(document) {
    if (document.encodingWarning === undefined) return [];
    const first = Math.max(0, document.text.indexOf('\uFFFD'));
    return [{ uri: document.uri, span: { start: first, end: first + 1 }, message: `Unexpected bytes: ${document.encodingWarning}.` }];
  },
};
