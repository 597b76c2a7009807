// Small statistics over minutes: the figures a report prints. Pure.
import type { MinuteStats } from '../protocol/reports.ts';

const MINUTE = 60_000;

/** Rounds for display: minutes to 0.1, shares to 0.0001. */
export const round1 = (v: number) => Math.round(v * 10) / 10;
export const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** Milliseconds as decimal minutes. */
export const minutesOf = (ms: number) => ms / MINUTE;

/**
 * The p-quantile (0…1) of ascending `sorted`, interpolating between the closest ranks (the common
 * "type 7" definition: the median of 1, 2, 3, 4 is 2.5). Null when empty.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const orNull = (v: number | null, f: (v: number) => number) => (v === null ? null : f(v));

/** Count, mean, median, p90 and max of a list of minutes (sorted in place). */
export function minuteStats(values: number[]): MinuteStats {
  values.sort((a, b) => a - b);
  const n = values.length;
  const mean = n === 0 ? null : values.reduce((s, v) => s + v, 0) / n;
  return {
    count: n,
    mean: orNull(mean, round1),
    median: orNull(quantile(values, 0.5), round1),
    p90: orNull(quantile(values, 0.9), round1),
    max: n === 0 ? null : round1(values[n - 1]!),
  };
}

/** `part / whole` rounded, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round4(part / whole);
}
