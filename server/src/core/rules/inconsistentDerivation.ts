/**
 * `inconsistent-derivation` (error): a derivation the text states or implies that does not follow,
 * checked with interval arithmetic (spec §4): "X a year or Y a day/minute" (1 year = 365 days = 525,600
 * minutes), "up N%" against its two endpoints, "more than doubled", parts against their stated total
 * (not items after "including"), and imports − exports against a stated balance. A slide of a deck may
 * imply them across lines (conflicts/impliedDerivations.ts): bare-labelled Exports and Imports against
 * the slide's trade total, imports − exports against a balance on another slide, and a total plus an
 * estimate restated per minute after "means". Related information points at the figures it derives from.
 *
 * @example
 * "\$1.3 trillion a year or \$3.6 million a day"
 * → on "\$3.6 million": "$1.3 trillion a year is $3.562 billion a day, not $3.6 million a day: off by a factor of about 1,000"
 * Not flagged: "USD 26 million each month, equivalent to over USD 312 million per year" (26 × 12 = 312 ± 6).
 */
import { failedDerivations } from '../conflicts/derivations';
import type { DocumentAnalysis } from '../document';
import type { DocumentRule, RuleReport } from './rule';

export const inconsistentDerivation: DocumentRule = {
  id: 'inconsistent-derivation',
  defaultSeverity: 'error',
  summary: 'A value derived in the text — per year vs per day/minute, a % change, "doubled", parts against their total (also across a slide), imports − exports against a balance (also across slides), a sum restated after "means" — does not follow from its figures.',
  scope: 'document',
  check(document: DocumentAnalysis): RuleReport[] {
    return failedDerivations(document).map((failure) => ({
      uri: document.uri,
      span: failure.span,
      message: failure.message,
      related: failure.from.map((from) => ({ uri: document.uri, span: from.span, message: from.message })),
      fingerprint: JSON.stringify(['inconsistent-derivation', failure.message]),
    }));
  },
};
