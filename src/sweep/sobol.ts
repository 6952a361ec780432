import { bootstrapEstimates, finiteOrNull, intervalOf } from './bootstrap';

/**
 * Variance-based sensitivity from Saltelli's scheme: first-order S1 with the estimator of Saltelli et al.
 * 2010 (Comput. Phys. Commun. 181:259, doi:10.1016/j.cpc.2009.09.018) and total-order ST with Jansen's
 * (Jansen 1999, Comput. Phys. Commun. 117:35, doi:10.1016/S0010-4655(98)00154-4), both normalised by the
 * variance of f over A and B. Intervals: bootstrap percentiles, resampling rows.
 */
export interface SobolIndex {
  readonly factor: string;
  readonly S1: number | null;
  readonly S1Low: number | null;
  readonly S1High: number | null;
  readonly ST: number | null;
  readonly STLow: number | null;
  readonly STHigh: number | null;
}

export interface SobolInput {
  /** rows[j] = [f(A_j), f(B_j), f(A_j with factor 1 from B_j), …, f(A_j with factor k from B_j)]. */
  readonly rows: readonly (readonly number[])[];
  readonly factors: readonly string[];
  readonly bootstrap: number;
  readonly confidence: number;
  readonly uniform: () => number;
}

/** [S1_1 … S1_k, ST_1 … ST_k] over the given rows. */
function estimate(rows: readonly (readonly number[])[], units: ArrayLike<number>, k: number): number[] {
  const n = units.length;
  let sum = 0;
  let sumSquares = 0;
  for (let u = 0; u < n; u++) {
    const [a, b] = rows[units[u]];
    sum += a + b;
    sumSquares += a * a + b * b;
  }
  const mean = sum / (2 * n);
  const variance = sumSquares / (2 * n) - mean * mean;
  const first = new Array<number>(k).fill(0);
  const total = new Array<number>(k).fill(0);
  for (let u = 0; u < n; u++) {
    const row = rows[units[u]];
    const a = row[0];
    const b = row[1];
    for (let i = 0; i < k; i++) {
      const ab = row[2 + i];
      first[i] += b * (ab - a);
      total[i] += (a - ab) ** 2;
    }
  }
  return [...first.map((s) => s / n / variance), ...total.map((s) => s / n / (2 * variance))];
}

export function sobolIndices(input: SobolInput): SobolIndex[] {
  const k = input.factors.length;
  const n = input.rows.length;
  const point = estimate(input.rows, Array.from({ length: n }, (_, j) => j), k);
  const estimates = bootstrapEstimates(n, input.bootstrap, input.uniform, (units) => estimate(input.rows, units, k));
  return input.factors.map((factor, i) => {
    const [S1Low, S1High] = intervalOf(estimates, i, input.confidence);
    const [STLow, STHigh] = intervalOf(estimates, k + i, input.confidence);
    return { factor, S1: finiteOrNull(point[i]), S1Low, S1High, ST: finiteOrNull(point[k + i]), STLow, STHigh };
  });
}
