/**
 * Nonparametric bootstrap (Efron & Tibshirani 1993): resample the independent units (Morris trajectories,
 * Saltelli rows) with replacement, recompute the statistic, and read the interval off the percentiles.
 */

/** `count` indices drawn uniformly with replacement from 0 … n − 1. */
export function resampleIndices(n: number, count: number, uniform: () => number): Uint32Array {
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = Math.floor(uniform() * n);
  return indices;
}

/** Percentile interval at `confidence` (nearest rank); [NaN, NaN] when there are no finite estimates. */
export function percentileInterval(estimates: readonly number[], confidence: number): [number, number] {
  const sorted = estimates.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [Number.NaN, Number.NaN];
  const tail = (1 - confidence) / 2;
  const low = sorted[Math.min(sorted.length - 1, Math.floor(tail * sorted.length))];
  const high = sorted[Math.max(0, Math.ceil((1 - tail) * sorted.length) - 1)];
  return [low, high];
}

/** Runs `statistic` on `resamples` bootstrap resamples of n units; returns estimates[resample][output]. */
export function bootstrapEstimates(n: number, resamples: number, uniform: () => number, statistic: (units: ArrayLike<number>) => readonly number[]): number[][] {
  return Array.from({ length: resamples }, () => [...statistic(resampleIndices(n, n, uniform))]);
}

/** The interval of output `i` over bootstrap estimates; nulls without resamples. */
export function intervalOf(estimates: readonly (readonly number[])[], i: number, confidence: number): [number | null, number | null] {
  if (estimates.length === 0) return [null, null];
  const [low, high] = percentileInterval(estimates.map((e) => e[i]), confidence);
  return [finiteOrNull(low), finiteOrNull(high)];
}

export const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
