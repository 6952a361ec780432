import { describe, expect, it } from 'vitest';
import { CALIBRATION_TARGET_IDS } from '../../src/model/calibration';
import { morrisDelta } from '../../src/sweep/designs';
import { controllingEstimates, noiseFloor, sensitivityCoverageCheck, sensitivityDocument, SENSITIVITY_NEURONS, SENSITIVITY_TRAJECTORIES } from '../../src/sweep/sensitivity';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';

describe('the sensitivity screening (--sensitivity)', () => {
  it('varies every estimated parameter, reads every target, on one neuron per run with common seeds', () => {
    const document = sensitivityDocument(7);
    expect(document.seed).toBe(7);
    expect(document.seeding).toBe('common');
    expect(document.base.protocolFields.neuronCount).toBe(SENSITIVITY_NEURONS);
    expect(document.design).toMatchObject({ type: 'morris', trajectories: SENSITIVITY_TRAJECTORIES, levels: 4 });
    expect(sensitivityCoverageCheck(document)).toMatchObject({ id: 'G8', pass: true });
  });

  it('G8 fails when an estimate is not varied or a target is not read', () => {
    const document = sensitivityDocument();
    const withoutOne = validateSweepDocument({ ...document, factors: document.factors.slice(1) });
    expect(sensitivityCoverageCheck(withoutOne).pass).toBe(false);
    expect(sensitivityCoverageCheck(withoutOne).display).toContain(`not varied: ${document.factors[0].name}`);
    const unread = validateSweepDocument({ ...document, readouts: document.readouts.slice(0, -1) });
    expect(sensitivityCoverageCheck(unread).display).toContain(`not read: target:${CALIBRATION_TARGET_IDS[CALIBRATION_TARGET_IDS.length - 1]}`);
  });

  it('reads effects against the mean |effect| that seed-to-seed noise gives: 2σ/(Δ√π)', () => {
    // Values with SD 1: the difference of two such runs has SD √2, its mean absolute value 2/√π, over a step Δ.
    const values = [-1, 1, -1, 1, -1, 1, -1, 1].map((x) => x * Math.sqrt(7 / 8));
    expect(noiseFloor(values, 4)).toBeCloseTo(2 / (morrisDelta(4) * Math.sqrt(Math.PI)), 12);
    const index = (factor: string, muStar: number) => ({ factor, mu: muStar, muStar, sigma: 0, muStarLow: null, muStarHigh: null });
    const indices = [index('a', 0.5), index('b', 2), index('c', 1.1), index('d', 3), index('e', 4), index('f', 5)];
    expect(controllingEstimates(indices, 1).map((x) => x.factor)).toEqual(['f', 'e', 'd', 'b']);
    expect(controllingEstimates(indices, 10)).toEqual([]);
  });
});
