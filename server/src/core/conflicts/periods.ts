import type { Period } from '../extract/figures/types';

/**
 * The period rules of spec §3, in one place. A figure is *bound* when the extractor found a period for it
 * (clause, sentence, table header, heading or the document's own date); otherwise it is *unbound*.
 */

/** "2019", "FY 2022", "2021–2023": the period as a grouping key and a label. */
export function periodLabel(period: Period | undefined): string {
  if (!period) return '';
  const years = period.start === period.end ? `${period.start}` : `${period.start}–${period.end}`;
  return period.kind === 'fiscal-year' ? `FY ${years}` : years;
}

/**
 * The comparison group of a statement's period: statements are compared only within one group.
 * - a time-invariant quantity (a border's length): one group for all periods and documents;
 * - a bound figure: its period (calendar and fiscal years differ; a range differs from each of its years);
 * - an unbound figure: its own document only.
 */
export function periodGroup(period: Period | undefined, uri: string, timeInvariant: boolean): string {
  if (timeInvariant) return 'any period';
  if (period) return `${period.kind}:${period.start}-${period.end}`;
  return `unbound:${uri}`;
}
