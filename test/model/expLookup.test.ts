import { describe, expect, it } from 'vitest';
import { EXP_LOOKUP_MAX, EXP_LOOKUP_MIN, EXP_LOOKUP_SIZE, expLookup } from '../../src/model/expLookup.ts';

describe('expLookup', () => {
  it('has a relative error below 2e-6 everywhere in [-16, 16] (dense grid)', () => {
    // Linear interpolation of e^a on nodes h = 32/8192 apart over-estimates by at most h²/8 ≈ 1.91e-6
    // (relative), so 2e-6 is the documented bound with a 5 % margin. Step 1e-4 is not a divisor of h,
    // so the grid samples every interval at many offsets.
    let worst = 0;
    for (let i = 0; i <= 320_000; i++) {
      const a = EXP_LOOKUP_MIN + i * 1e-4;
      const relative = expLookup(a) / Math.exp(a) - 1;
      worst = Math.max(worst, Math.abs(relative));
    }
    expect(worst).toBeLessThan(2e-6);
    // The bound is nearly attained: the test really samples interval midpoints.
    expect(worst).toBeGreaterThan(1.5e-6);
  });

  it('never under-estimates e^a, because a chord lies above a convex curve', () => {
    let lowest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 32_000; i++) {
      const a = EXP_LOOKUP_MIN + i * 1e-3 + 3.7e-5;
      lowest = Math.min(lowest, expLookup(a) / Math.exp(a) - 1);
    }
    expect(lowest).toBeGreaterThan(-1e-14);
  });

  it('is exact to rounding at the table nodes and at the ends of the range', () => {
    const step = (EXP_LOOKUP_MAX - EXP_LOOKUP_MIN) / EXP_LOOKUP_SIZE;
    for (let k = 0; k <= EXP_LOOKUP_SIZE; k += 97) {
      const a = EXP_LOOKUP_MIN + k * step;
      expect(Math.abs(expLookup(a) / Math.exp(a) - 1)).toBeLessThan(1e-14);
    }
    expect(Math.abs(expLookup(0) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(expLookup(EXP_LOOKUP_MAX) / Math.exp(EXP_LOOKUP_MAX) - 1)).toBeLessThan(1e-14);
  });

  it('is non-decreasing', () => {
    let previous = 0;
    let decreases = 0;
    for (let i = 0; i <= 64_000; i++) {
      const value = expLookup(EXP_LOOKUP_MIN + i * 5e-4);
      if (value < previous) decreases++;
      previous = value;
    }
    expect(decreases).toBe(0);
  });

  it('clamps below -16 to e^-16 and above 16 to e^16', () => {
    const low = expLookup(EXP_LOOKUP_MIN);
    const high = expLookup(EXP_LOOKUP_MAX);
    for (const a of [-16.000001, -17, -100, -1e9, Number.NEGATIVE_INFINITY]) expect(expLookup(a)).toBe(low);
    for (const a of [16.000001, 17, 100, 1e9, Number.POSITIVE_INFINITY]) expect(expLookup(a)).toBe(high);
  });
});
