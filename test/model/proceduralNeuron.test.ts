import { describe, expect, it } from 'vitest';
import type { Branch, Neuron } from '../../src/model/Morphology.ts';
import { proceduralNeuron } from '../../src/model/proceduralNeuron.ts';
import { createStream } from '../../src/model/random.ts';

/*
 * Sizes from docs/science.md, "Morphology" (a mouse L5 pyramidal neuron; estimates unless noted):
 *   soma ≈15–20 µm across; 5–8 primary basal dendrites, ≈2–4 mm in all; apical trunk rising ≈500–700 µm
 *   to a tuft of ≈10–25 terminal branches; ≈2–3 mm apical length. Read data for comparison: guinea-pig
 *   apical dendrites 1.6–2.7 mm, basal 3.4 mm.
 * The ranges below widen only the "≈" estimates, to the extent that section itself allows:
 *   tuft terminals 7–30 (≈10–25 with the approximate sign), apical 1.5–3.5 mm (covers the read
 *   1.6–2.7 mm and the ≈2–3 mm estimate), basal 1.5–4 mm (≈2–4 mm). Nothing there supports wider ones.
 * "Apical" is the trunk, its obliques and the tuft; the trunk's height is the soma-to-top distance along y
 * (towards the pia).
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const RANGES = {
  somaDiameterUm: [15, 20],
  basalPrimaries: [5, 8],
  trunkHeightUm: [500, 700],
  tuftTerminals: [7, 30],
  apicalLengthUm: [1500, 3500],
  basalLengthUm: [1500, 4000],
} as const;

/** The neuron the simulation builds for neuron 0 of a replicate with this seed. */
function neuronFor(seed: number): Neuron {
  return proceduralNeuron(createStream(seed, ['neuron', 0, 'morphology']));
}

function lastPoint(branch: Branch): number[] {
  const n = branch.radiiUm.length;
  return Array.from(branch.pointsUm.subarray(n * 3 - 3, n * 3));
}

function firstPoint(branch: Branch): number[] {
  return Array.from(branch.pointsUm.subarray(0, 3));
}

function measure(neuron: Neuron) {
  const branches = neuron.branches;
  const parents = new Set(branches.map((b) => b.parentIndex));
  const trunk = branches.filter((b) => b.kind === 'apicalTrunk');
  const length = (keep: (b: Branch) => boolean) => branches.filter(keep).reduce((sum, b) => sum + b.lengthUm, 0);
  return {
    somaDiameterUm: 2 * neuron.somaRadiusUm,
    basalPrimaries: branches.filter((b) => b.kind === 'basal' && b.parentIndex === -1).length,
    trunkHeightUm: lastPoint(trunk[trunk.length - 1])[1] - neuron.somaCentreUm[1],
    tuftTerminals: branches.filter((b) => b.kind === 'tuft' && !parents.has(b.index)).length,
    apicalLengthUm: length((b) => b.kind === 'apicalTrunk' || b.kind === 'oblique' || b.kind === 'tuft'),
    basalLengthUm: length((b) => b.kind === 'basal'),
  };
}

/** The seeds whose value of `key` falls outside its range, with the value (empty when all fit). */
function outOfRange(key: keyof typeof RANGES): string[] {
  const [low, high] = RANGES[key];
  return SEEDS.flatMap((seed) => {
    const value = measure(neuronFor(seed))[key];
    return value >= low && value <= high ? [] : [`seed ${seed}: ${key} = ${Math.round(value * 10) / 10}`];
  });
}

describe('procedural neuron sizes for seeds 1–20 (docs/science.md, Morphology)', () => {
  it('has a soma 15–20 µm across', () => {
    expect(outOfRange('somaDiameterUm')).toEqual([]);
  });

  it('has 5–8 primary basal dendrites', () => {
    expect(outOfRange('basalPrimaries')).toEqual([]);
  });

  it('has an apical trunk rising 500–700 µm', () => {
    expect(outOfRange('trunkHeightUm')).toEqual([]);
  });

  it('has 7–30 terminal branches in the tuft', () => {
    expect(outOfRange('tuftTerminals')).toEqual([]);
  });

  it('has 1.5–3.5 mm of apical dendrite in all', () => {
    expect(outOfRange('apicalLengthUm')).toEqual([]);
  });

  it('has 1.5–4 mm of basal dendrite in all', () => {
    expect(outOfRange('basalLengthUm')).toEqual([]);
  });
});

describe('procedural neuron structure', () => {
  it('gives every branch at least two points, positive length, positive radii and its own index', () => {
    for (const seed of SEEDS) {
      neuronFor(seed).branches.forEach((branch, index) => {
        expect(branch.index).toBe(index);
        expect(branch.radiiUm.length).toBeGreaterThanOrEqual(2);
        expect(branch.pointsUm.length).toBe(branch.radiiUm.length * 3);
        expect(branch.lengthUm).toBeGreaterThan(0);
        expect(Math.min(...branch.radiiUm)).toBeGreaterThan(0);
        expect(branch.spiny).toBe(true);
      });
    }
  });

  it('lists every parent before its children', () => {
    for (const seed of SEEDS) {
      for (const branch of neuronFor(seed).branches) {
        expect(branch.parentIndex).toBeGreaterThanOrEqual(-1);
        expect(branch.parentIndex).toBeLessThan(branch.index);
      }
    }
  });

  it('starts every child branch at the end of its parent, and every root near the soma', () => {
    for (const seed of SEEDS) {
      const neuron = neuronFor(seed);
      for (const branch of neuron.branches) {
        const start = firstPoint(branch);
        if (branch.parentIndex >= 0) {
          expect(start).toEqual(lastPoint(neuron.branches[branch.parentIndex]));
        } else {
          const distance = Math.hypot(start[0] - neuron.somaCentreUm[0], start[1] - neuron.somaCentreUm[1], start[2] - neuron.somaCentreUm[2]);
          expect(distance).toBeLessThanOrEqual(neuron.somaRadiusUm);
        }
      }
    }
  });

  it('has basal roots, one apical trunk from the soma, obliques and a tuft', () => {
    for (const seed of SEEDS) {
      const branches = neuronFor(seed).branches;
      const roots = branches.filter((b) => b.parentIndex === -1);
      expect(roots.filter((b) => b.kind === 'apicalTrunk').length).toBe(1);
      expect(roots.every((b) => b.kind === 'apicalTrunk' || b.kind === 'basal')).toBe(true);
      expect(branches.some((b) => b.kind === 'oblique')).toBe(true);
      expect(branches.some((b) => b.kind === 'tuft')).toBe(true);
      // The trunk is one chain: each trunk section after the first continues the previous one.
      const trunk = branches.filter((b) => b.kind === 'apicalTrunk');
      for (let i = 1; i < trunk.length; i++) expect(trunk[i].parentIndex).toBe(trunk[i - 1].index);
    }
  });

  it('is the same neuron for the same seed, and a different one for another seed', () => {
    for (const seed of [1, 7, 20]) expect(neuronFor(seed)).toEqual(neuronFor(seed));
    expect(neuronFor(1)).not.toEqual(neuronFor(2));
  });
});
