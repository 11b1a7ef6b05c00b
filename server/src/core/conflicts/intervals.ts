import type { Interval } from '../extract/figures/types';

/**
 * Interval arithmetic over the figures' honest-meaning intervals (spec §1): open bounds are kept so
 * that "over a million" (1e6, ∞) does not overlap "1,000,000" exactly but does overlap 1.6 million.
 * Arithmetic results keep closed bounds except where both inputs agree — a deliberate leniency:
 * a derivation is reported only when it cannot hold for any reading of the figures.
 */

/** True when some value lies in both intervals (open bounds excluded). */
export function overlaps(a: Interval, b: Interval): boolean {
  if (a.high < b.low || b.high < a.low) return false;
  if (a.high === b.low) return !a.highOpen && !b.lowOpen;
  if (b.high === a.low) return !b.highOpen && !a.lowOpen;
  return true;
}

/** True when every value of `inner` lies in `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
  const lowOk = outer.low < inner.low || (outer.low === inner.low && (!outer.lowOpen || !!inner.lowOpen));
  const highOk = outer.high > inner.high || (outer.high === inner.high && (!outer.highOpen || !!inner.highOpen));
  return lowOk && highOk;
}

/** The interval of a + b. */
export function add(a: Interval, b: Interval): Interval {
  return { low: a.low + b.low, high: a.high + b.high, lowOpen: !!a.lowOpen || !!b.lowOpen, highOpen: !!a.highOpen || !!b.highOpen };
}

/** The interval of a − b. */
export function subtract(a: Interval, b: Interval): Interval {
  return { low: a.low - b.high, high: a.high - b.low, lowOpen: !!a.lowOpen || !!b.highOpen, highOpen: !!a.highOpen || !!b.lowOpen };
}

/** The interval of a × k for a positive constant k. */
export function scale(a: Interval, k: number): Interval {
  return { low: a.low * k, high: a.high * k, lowOpen: a.lowOpen, highOpen: a.highOpen };
}

/**
 * The interval of a ÷ b for intervals of positive numbers (levels, counts, money); `undefined` when b
 * may be zero or negative, where the quotient is unbounded and nothing can be concluded.
 */
export function divide(a: Interval, b: Interval): Interval | undefined {
  if (!(b.low > 0) || !(a.low >= 0)) return undefined;
  return { low: a.low / b.high, high: a.high / b.low, lowOpen: !!a.lowOpen || !!b.highOpen, highOpen: !!a.highOpen || !!b.lowOpen };
}

/** The smallest interval holding both. */
export function union(a: Interval, b: Interval): Interval {
  const low = Math.min(a.low, b.low);
  const high = Math.max(a.high, b.high);
  return {
    low,
    high,
    lowOpen: (a.low !== low || !!a.lowOpen) && (b.low !== low || !!b.lowOpen),
    highOpen: (a.high !== high || !!a.highOpen) && (b.high !== high || !!b.highOpen),
  };
}

/** The absolute value |a| of an interval. */
export function absolute(a: Interval): Interval {
  if (a.low >= 0) return a;
  if (a.high <= 0) return { low: -a.high, high: -a.low, lowOpen: a.highOpen, highOpen: a.lowOpen };
  return { low: 0, high: Math.max(-a.low, a.high) };
}

/** How far apart two disjoint intervals are as a ratio (≥ 1), e.g. 1,000 for \$3.56 billion vs \$3.6 million; 1 when they overlap. */
export function separationRatio(a: Interval, b: Interval): number {
  if (overlaps(a, b)) return 1;
  const [lower, upper] = a.high < b.low ? [a, b] : [b, a];
  if (!(lower.high > 0)) return Infinity;
  return upper.low / lower.high;
}
