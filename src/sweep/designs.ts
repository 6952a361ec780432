import { createStream } from '../model/random';
import { factorLevels, factorValueAt, type FactorValue } from './factors';
import { designPointCount, type SweepDocument } from './sweepDocument';

/**
 * The points of a sweep's design. Every point is computed on its own from the sweep seed and its index
 * (random draws come from streams named after the trajectory, row or point), so a shard builds only its
 * own points and any point can be rebuilt alone.
 */
export interface SweepDesign {
  readonly pointCount: number;
  /** Factor values of point p, in the document's factor order. */
  values(p: number): FactorValue[];
}

/** One Morris trajectory (Morris 1991): a start on the level grid, the order factors move in, and each one's direction. */
export interface MorrisTrajectory {
  readonly start: readonly number[];
  readonly order: readonly number[];
  readonly directions: readonly (1 | -1)[];
}

/** The Morris step Δ = p / (2(p − 1)) for p levels, in normalised units. */
export const morrisDelta = (levels: number) => levels / (2 * (levels - 1));

/**
 * Trajectory t of k factors on `levels` levels: a base point x* on the lower levels {0, 1/(p−1), …, 1 − Δ},
 * random directions (a factor moving down starts at x* + Δ) and a random order; point j has moved the first
 * j factors of the order by ±Δ, so every point lies on the grid and consecutive points differ in one factor.
 */
export function morrisTrajectory(seed: number, t: number, k: number, levels: number): MorrisTrajectory {
  const stream = createStream(seed, ['sweep-design', 'morris', t]);
  const delta = morrisDelta(levels);
  const base = Array.from({ length: k }, () => Math.floor(stream.uniform() * (levels / 2)) / (levels - 1));
  const directions = base.map(() => (stream.uniform() < 0.5 ? 1 : -1) as 1 | -1);
  const order = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(stream.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { start: base.map((x, i) => (directions[i] > 0 ? x : x + delta)), order, directions };
}

/** Normalised coordinates of point j (0 … k) of a trajectory. */
export function morrisPoint(trajectory: MorrisTrajectory, j: number, levels: number): number[] {
  const point = [...trajectory.start];
  const delta = morrisDelta(levels);
  for (let m = 0; m < j; m++) {
    const i = trajectory.order[m];
    point[i] += trajectory.directions[i] * delta;
  }
  // Snap to the level grid so that the values are exact whatever the order of the additions.
  return point.map((x) => Math.round(x * (levels - 1)) / (levels - 1));
}

/** Row j of Saltelli's scheme: independent uniform samples A_j and B_j (Monte Carlo). */
export function sobolRow(seed: number, j: number, k: number): { a: number[]; b: number[] } {
  const stream = createStream(seed, ['sweep-design', 'sobol', j]);
  const a = Array.from({ length: k }, () => stream.uniform());
  const b = Array.from({ length: k }, () => stream.uniform());
  return { a, b };
}

/** Point m of a Saltelli row: 0 is A_j, 1 is B_j, 2 + i is A_j with factor i taken from B_j. */
export function sobolPoint(row: { a: readonly number[]; b: readonly number[] }, m: number): number[] {
  if (m === 0) return [...row.a];
  if (m === 1) return [...row.b];
  return row.a.map((x, i) => (i === m - 2 ? row.b[i] : x));
}

function shuffled(n: number, seed: number, path: readonly (string | number)[]): Uint32Array {
  const stream = createStream(seed, path);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(stream.uniform() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/** The design of a validated sweep document. */
export function sweepDesign(document: SweepDocument): SweepDesign {
  const { design, factors, seed } = document;
  const k = factors.length;
  const pointCount = designPointCount(design, factors);
  const mapped = (u: readonly number[]) => u.map((x, i) => factorValueAt(factors[i], x));
  switch (design.type) {
    case 'grid': {
      // Row-major: the last factor varies fastest.
      const levels = factors.map((f) => factorLevels(f, design.levels));
      return {
        pointCount,
        values: (p) => {
          const values: FactorValue[] = new Array(k);
          for (let i = k - 1; i >= 0; i--) {
            values[i] = levels[i][p % levels[i].length];
            p = Math.floor(p / levels[i].length);
          }
          return values;
        },
      };
    }
    case 'random':
      return {
        pointCount,
        values: (p) => {
          const stream = createStream(seed, ['sweep-design', 'random', p]);
          return mapped(factors.map(() => stream.uniform()));
        },
      };
    case 'latin-hypercube': {
      // Each factor's range is cut into N equal strata, each used once (McKay et al. 1979).
      let strata: Uint32Array[] | null = null;
      return {
        pointCount,
        values: (p) => {
          strata ??= factors.map((_, i) => shuffled(pointCount, seed, ['sweep-design', 'lhs', i]));
          const stream = createStream(seed, ['sweep-design', 'lhs-jitter', p]);
          return mapped(strata.map((order) => (order[p] + stream.uniform()) / pointCount));
        },
      };
    }
    case 'morris':
      return {
        pointCount,
        values: (p) => mapped(morrisPoint(morrisTrajectory(seed, Math.floor(p / (k + 1)), k, design.levels), p % (k + 1), design.levels)),
      };
    case 'sobol':
      return {
        pointCount,
        values: (p) => mapped(sobolPoint(sobolRow(seed, Math.floor(p / (k + 2)), k), p % (k + 2))),
      };
  }
}
