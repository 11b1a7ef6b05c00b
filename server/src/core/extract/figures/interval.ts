import type { Hedge, Interval } from './types';

/**
 * The interval a stated number can honestly mean (spec §1), in base units.
 * `value` is the stated number and `step` one unit of its last significant digit (both in base units);
 * a range gives its endpoints and their steps. Word fractions have a step of 0.1 of their whole, so they
 * come out at ± 5 percentage points like any other figure with one significant decimal.
 */
export function intervalOf(value: number, step: number, hedge?: Pick<Hedge, 'kind'>, range?: { low: number; high: number; steps: [number, number] }): Interval {
  const interval = rawInterval(value, step, hedge, range);
  return { ...interval, low: tidy(interval.low), high: tidy(interval.high) };
}

// 14.4 − 0.05 is 14.350000000000001 in binary floating point; 12 significant digits are plenty for statistics.
function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

function rawInterval(value: number, step: number, hedge?: Pick<Hedge, 'kind'>, range?: { low: number; high: number; steps: [number, number] }): Interval {
  const low = range ? range.low : value;
  const high = range ? range.high : value;
  const [lowStep, highStep] = range ? range.steps : [step, step];
  switch (hedge?.kind) {
    case 'approximate':
      return { low: low - lowStep, high: high + highStep };
    case 'nearly':
      return { low: low - lowStep, high };
    case 'over':
      return { low, high: Number.POSITIVE_INFINITY, lowOpen: true };
    case 'at-least':
      return { low, high: Number.POSITIVE_INFINITY };
    case 'up-to':
      return { low: Number.NEGATIVE_INFINITY, high };
    case 'under':
      return { low: Number.NEGATIVE_INFINITY, high, highOpen: true };
    default:
      return { low: low - lowStep / 2, high: high + highStep / 2 };
  }
}

/** Whether two intervals share at least one value (open bounds respected). */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  if (a.high < b.low || b.high < a.low) return false;
  if (a.high === b.low) return !a.highOpen && !b.lowOpen;
  if (b.high === a.low) return !b.highOpen && !a.lowOpen;
  return true;
}
