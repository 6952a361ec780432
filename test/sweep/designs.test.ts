import { describe, expect, it } from 'vitest';
import { morrisDelta, morrisPoint, morrisTrajectory, sweepDesign } from '../../src/sweep/designs';
import { planSweep, pointSeed } from '../../src/sweep/planSweep';
import { shardPoints } from '../../src/sweep/shardFile';
import { analyticDocument } from './analyticSweep';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('designs', () => {
  it('grid: every combination once, the last factor fastest', () => {
    const document = analyticDocument({ type: 'grid', levels: 3 }, 2);
    const design = sweepDesign(document);
    expect(design.pointCount).toBe(9);
    expect(range(9).map((p) => design.values(p))).toEqual([0, 0.5, 1].flatMap((a) => [0, 0.5, 1].map((b) => [a, b])));
  });

  it('Latin hypercube: each factor uses each of the N strata exactly once', () => {
    const n = 50;
    const design = sweepDesign(analyticDocument({ type: 'latin-hypercube', points: n }, 3));
    const points = range(n).map((p) => design.values(p) as number[]);
    for (let f = 0; f < 3; f++) expect(points.map((x) => Math.floor(x[f] * n)).sort((a, b) => a - b)).toEqual(range(n));
  });

  it('random: uniform points, each computed alone the same as in a full pass', () => {
    const design = sweepDesign(analyticDocument({ type: 'random', points: 400 }, 2));
    const all = range(400).map((p) => design.values(p) as number[]);
    expect(sweepDesign(analyticDocument({ type: 'random', points: 400 }, 2)).values(123)).toEqual(all[123]);
    const mean = all.reduce((s, x) => s + x[0], 0) / 400;
    // Mean of 400 uniforms: sd 0.0144; within 4 sd.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 400));
  });

  it('Morris: trajectories of k + 1 grid points, each step moving one factor by ±Δ, every factor once', () => {
    const k = 4;
    const levels = 6;
    const delta = morrisDelta(levels);
    for (let t = 0; t < 30; t++) {
      const trajectory = morrisTrajectory(3, t, k, levels);
      const points = range(k + 1).map((j) => morrisPoint(trajectory, j, levels));
      for (const point of points) for (const x of point) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(Math.abs(x * (levels - 1) - Math.round(x * (levels - 1)))).toBeLessThan(1e-12);
      }
      const moved = range(k).map((j) => {
        const changed = range(k).filter((i) => points[j + 1][i] !== points[j][i]);
        expect(changed).toHaveLength(1);
        expect(points[j + 1][changed[0]] - points[j][changed[0]]).toBeCloseTo(trajectory.directions[changed[0]] * delta, 12);
        return changed[0];
      });
      expect([...moved].sort()).toEqual(range(k));
      expect(moved).toEqual(trajectory.order);
    }
  });

  it('Sobol: rows of A, B and A with one column from B', () => {
    const k = 3;
    const design = sweepDesign(analyticDocument({ type: 'sobol', samples: 5 }, k));
    for (let j = 0; j < 5; j++) {
      const [a, b, ...ab] = range(k + 2).map((m) => design.values(j * (k + 2) + m));
      ab.forEach((point, i) => expect(point).toEqual(a.map((x, c) => (c === i ? b[c] : x))));
      expect(a.every((x, c) => x !== b[c])).toBe(true);
    }
  });
});

describe('seeds and shards', () => {
  it('derives each point’s seeds from the sweep seed and its index alone; "common" gives every point the sweep seed', () => {
    const document = analyticDocument({ type: 'random', points: 1000 }, 2, { replicates: 3 });
    const seeds = range(1000).map((p) => pointSeed(document, p));
    expect(new Set(seeds).size).toBe(1000);
    for (const s of seeds) {
      expect(Number.isSafeInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s + 2).toBeLessThanOrEqual(2 ** 31 - 1);
    }
    const plan = planSweep(document, 'sha256:x');
    expect(plan.task(17).seeds).toEqual([seeds[17], seeds[17] + 1, seeds[17] + 2]);
    expect(pointSeed(analyticDocument({ type: 'random', points: 10 }, 2, { replicates: 3, seed: 9 }), 17)).not.toBe(seeds[17]);
    const common = analyticDocument({ type: 'random', points: 10 }, 2, { seeding: 'common', seed: 9 });
    expect(range(10).map((p) => pointSeed(common, p))).toEqual(new Array(10).fill(9));
  });

  it('splits points into balanced, disjoint shards that cover the sweep', () => {
    for (const [points, count] of [[40, 4], [41, 4], [3, 5], [1000, 7]]) {
      const shards = range(count).map((index) => shardPoints(points, { index, count }));
      expect(shards.flat().sort((a, b) => a - b)).toEqual(range(points));
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});
