import { describe, expect, it } from 'vitest';
import { morrisDelta } from '../../src/sweep/designs';
import { analyticSweep } from './analyticSweep';

/*
 * Morris and Sobol estimates against functions whose indices are known exactly. The reference values lie
 * within the engine's bootstrap intervals, computed at 99.9 % so that a correct estimator fails one of the
 * checks below with a probability well under 1 %; the intervals are also required to be narrow, so the
 * checks have power.
 */

const CONFIDENCE = 0.999;

/** Ishigami & Homma (1990) on [−π, π]³, a = 7, b = 0.1; the factors here are u ∈ [0, 1]³. */
const A = 7;
const B = 0.1;
const ishigami = (u: readonly number[]) => {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v);
  return Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
};
/** Analytic variance decomposition (Sobol' & Levitan 1999; Saltelli et al. 2008, Global Sensitivity Analysis, §4.8). */
const pi4 = Math.PI ** 4;
const V1 = 0.5 * (1 + (B * pi4) / 5) ** 2;
const V2 = A ** 2 / 8;
const V13 = B ** 2 * pi4 ** 2 * (1 / 18 - 1 / 50);
const V = V1 + V2 + V13;
const ishigamiS1 = [V1 / V, V2 / V, 0];
const ishigamiST = [(V1 + V13) / V, V2 / V, V13 / V];

/** A linear model with known coefficients on [0, 1]^4: f = Σ aᵢ uᵢ. */
const coefficients = [4, -2, 1, 0];
const linear = (u: readonly number[]) => coefficients.reduce((sum, a, i) => sum + a * u[i], 0);

function expectWithin(value: number, interval: [number | null, number | null], maxWidth: number) {
  const [low, high] = interval as [number, number];
  expect(low).toBeLessThanOrEqual(value);
  expect(high).toBeGreaterThanOrEqual(value);
  expect(high - low).toBeLessThan(maxWidth);
}

describe('Sobol (Saltelli scheme)', () => {
  it('recovers the Ishigami function’s first- and total-order indices within the bootstrap intervals', () => {
    const result = analyticSweep({ type: 'sobol', samples: 4096, bootstrap: 2000, confidence: CONFIDENCE }, 3, ishigami);
    const indices = result.sobol!.indices.liveSpines;
    expect(indices.map((x) => x.factor)).toEqual(['rescueTargetingFraction', 'ketamineEliminationProtection', 'sizeLogSd']);
    indices.forEach((x, i) => {
      expectWithin(ishigamiS1[i], [x.S1Low, x.S1High], 0.2);
      expectWithin(ishigamiST[i], [x.STLow, x.STHigh], 0.2);
      expect(x.S1Low!).toBeLessThanOrEqual(x.S1!);
      expect(x.S1High!).toBeGreaterThanOrEqual(x.S1!);
    });
  });

  it('gives S1 = ST = aᵢ² / Σ a² for a linear model, and zero for a factor without effect', () => {
    const result = analyticSweep({ type: 'sobol', samples: 8192, bootstrap: 2000, confidence: CONFIDENCE }, 4, linear);
    const sumSquares = coefficients.reduce((s, a) => s + a * a, 0);
    result.sobol!.indices.liveSpines.forEach((x, i) => {
      const exact = coefficients[i] ** 2 / sumSquares;
      expectWithin(exact, [x.S1Low, x.S1High], 0.2);
      expectWithin(exact, [x.STLow, x.STHigh], 0.2);
    });
    // No effect, no interaction: the Jansen total-order estimate is exactly 0.
    expect(result.sobol!.indices.liveSpines[3].ST).toBe(0);
  });
});

describe('Morris elementary effects', () => {
  it('gives μ = aᵢ, μ* = |aᵢ| and σ = 0 for a linear model (effects per whole factor range)', () => {
    const result = analyticSweep({ type: 'morris', trajectories: 12, levels: 4 }, 4, linear);
    result.morris!.indices.liveSpines.forEach((x, i) => {
      expect(x.mu).toBeCloseTo(coefficients[i], 10);
      expect(x.muStar).toBeCloseTo(Math.abs(coefficients[i]), 10);
      expect(x.sigma).toBeCloseTo(0, 10);
    });
  });

  it('recovers the exact μ* and σ of the Ishigami function on the 4-level grid within the bootstrap intervals', () => {
    // On p = 4 levels every coordinate of a trajectory point is uniform over the levels, and the moving
    // factor steps between 0 ↔ 2/3 or 1/3 ↔ 1: the exact moments of |EE| follow by enumeration.
    const levels = [0, 1 / 3, 2 / 3, 1];
    const delta = morrisDelta(4);
    const exact = [0, 1, 2].map((i) => {
      const effects: number[] = [];
      for (const start of [0, 1 / 3]) {
        for (const a of levels) for (const b of levels) {
          const others = [a, b];
          const x = (v: number) => { const u = [...others]; u.splice(i, 0, v); return u; };
          effects.push((ishigami(x(start + delta)) - ishigami(x(start))) / delta);
        }
      }
      const mu = effects.reduce((s, e) => s + e, 0) / effects.length;
      const muStar = effects.reduce((s, e) => s + Math.abs(e), 0) / effects.length;
      const sigma = Math.sqrt(effects.reduce((s, e) => s + (e - mu) ** 2, 0) / effects.length);
      return { mu, muStar, sigma };
    });
    const result = analyticSweep({ type: 'morris', trajectories: 400, levels: 4, bootstrap: 2000, confidence: CONFIDENCE }, 3, ishigami);
    result.morris!.indices.liveSpines.forEach((x, i) => {
      expectWithin(exact[i].muStar, [x.muStarLow, x.muStarHigh], 0.35 * exact[i].muStar + 0.5);
      // σ over 400 trajectories: within 15 % of the exact spread of the effects.
      expect(Math.abs(x.sigma! - exact[i].sigma)).toBeLessThan(0.15 * exact[i].sigma + 0.05);
    });
    // The ranking that matters for screening: x1 and x2 matter, x3 only through its interaction with x1.
    const [x1, x2, x3] = result.morris!.indices.liveSpines;
    expect(x3.muStar!).toBeGreaterThan(0);
    expect(x3.sigma!).toBeGreaterThan(Math.abs(x3.mu!));
    expect(Math.min(x1.muStar!, x2.muStar!)).toBeGreaterThan(0);
  });
});
