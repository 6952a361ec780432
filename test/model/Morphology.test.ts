import { describe, expect, it } from 'vitest';
import { makeBranch, pointAlong, spinyLengthUm, type Branch, type Neuron } from '../../src/model/Morphology.ts';

// An L-shaped branch: 5 µm to (3, 4, 0), then 12 µm up z to (3, 4, 12). Radii taper 1 → 0.5 → 0.25.
const elbow = makeBranch(0, 'tuft', -1, 1, [0, 0, 0, 3, 4, 0, 3, 4, 12], [1, 0.5, 0.25]);

function along(branch: Branch, positionUm: number): number[] {
  const out = new Float64Array(7);
  pointAlong(branch, positionUm, out);
  return Array.from(out);
}

function expectClose(actual: number[], expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(value, `component ${i}`).toBeCloseTo(expected[i], digits));
}

describe('makeBranch', () => {
  it('computes cumulative arc length from the points', () => {
    expect(Array.from(elbow.arcUm)).toEqual([0, 5, 17]);
    expect(elbow.lengthUm).toBe(17);
  });

  it('keeps the index, kind, parent, order, points and radii it was given', () => {
    expect(elbow.index).toBe(0);
    expect(elbow.kind).toBe('tuft');
    expect(elbow.parentIndex).toBe(-1);
    expect(elbow.order).toBe(1);
    expect(Array.from(elbow.pointsUm)).toEqual([0, 0, 0, 3, 4, 0, 3, 4, 12]);
    expect(Array.from(elbow.radiiUm)).toEqual([1, 0.5, 0.25]);
  });

  it('measures arc length in 3-D along a diagonal', () => {
    const diagonal = makeBranch(1, 'basal', -1, 1, [1, 1, 1, 2, 3, 3], [1, 1]);
    expect(diagonal.lengthUm).toBeCloseTo(3, 12);
  });

  it('makes dendrites spiny by default and other sections not', () => {
    expect(elbow.spiny).toBe(true);
    expect(makeBranch(1, 'other', -1, 1, [0, 0, 0, 1, 0, 0], [1, 1]).spiny).toBe(false);
    expect(makeBranch(2, 'basal', -1, 1, [0, 0, 0, 1, 0, 0], [1, 1], false).spiny).toBe(false);
  });

  it('rejects fewer than two points or a radius count that does not match the points', () => {
    expect(() => makeBranch(3, 'basal', -1, 1, [0, 0, 0], [1])).toThrow(/branch 3/);
    expect(() => makeBranch(4, 'basal', -1, 1, [0, 0, 0, 1, 0, 0], [1, 1, 1])).toThrow(/branch 4/);
    expect(() => makeBranch(5, 'basal', -1, 1, [0, 0, 0, 1, 0], [1, 1])).toThrow(/at least two points/);
  });

  it('sums the spiny branches of a neuron', () => {
    const neuron: Neuron = {
      name: 'test',
      somaCentreUm: [0, 0, 0],
      somaRadiusUm: 5,
      branches: [elbow, makeBranch(1, 'other', -1, 1, [0, 0, 0, 100, 0, 0], [1, 1]), makeBranch(2, 'basal', -1, 1, [0, 0, 0, 0, -8, 0], [1, 1])],
    };
    expect(spinyLengthUm(neuron)).toBe(25);
  });
});

describe('pointAlong', () => {
  it('interpolates position and radius linearly within a segment, with the segment direction as tangent', () => {
    expectClose(along(elbow, 2.5), [1.5, 2, 0, 0.6, 0.8, 0, 0.75]);
    expectClose(along(elbow, 11), [3, 4, 6, 0, 0, 1, 0.375]);
  });

  it('returns the points themselves at their arc positions', () => {
    expectClose(along(elbow, 0), [0, 0, 0, 0.6, 0.8, 0, 1]);
    // At the joint, the next segment applies.
    expectClose(along(elbow, 5), [3, 4, 0, 0, 0, 1, 0.5]);
    expectClose(along(elbow, 17), [3, 4, 12, 0, 0, 1, 0.25]);
  });

  it('clamps positions before the start and past the end of the branch', () => {
    expect(along(elbow, -3)).toEqual(along(elbow, 0));
    expect(along(elbow, -Infinity)).toEqual(along(elbow, 0));
    expect(along(elbow, 40)).toEqual(along(elbow, 17));
    expect(along(elbow, Infinity)).toEqual(along(elbow, 17));
  });

  it('returns a unit tangent everywhere on a winding branch, and positions at the right arc distance', () => {
    const points: number[] = [];
    const radii: number[] = [];
    for (let i = 0; i <= 40; i++) {
      points.push(10 * Math.cos(i / 4), 10 * Math.sin(i / 4), 0.7 * i);
      radii.push(1 - i / 80);
    }
    const winding = makeBranch(0, 'oblique', -1, 1, points, radii);
    const start = along(winding, 0);
    for (let k = 0; k <= 200; k++) {
      const s = (k / 200) * winding.lengthUm;
      const [x, y, z, tx, ty, tz, radius] = along(winding, s);
      expect(Math.hypot(tx, ty, tz)).toBeCloseTo(1, 12);
      expect(radius).toBeGreaterThanOrEqual(0.5 - 1e-6);
      expect(radius).toBeLessThanOrEqual(1 + 1e-6);
      // A chord is never longer than the arc.
      expect(Math.hypot(x - start[0], y - start[1], z - start[2])).toBeLessThanOrEqual(s + 1e-4);
    }
  });

  it('moves along the tangent: a small step in arc length moves the point by that step', () => {
    const a = along(elbow, 8);
    const b = along(elbow, 8.01);
    expectClose([(b[0] - a[0]) / 0.01, (b[1] - a[1]) / 0.01, (b[2] - a[2]) / 0.01], a.slice(3, 6), 4);
  });

  it('writes into a plain array as well as a Float64Array', () => {
    const out: number[] = [];
    pointAlong(elbow, 2.5, out);
    expectClose(out, [1.5, 2, 0, 0.6, 0.8, 0, 0.75]);
  });
});
