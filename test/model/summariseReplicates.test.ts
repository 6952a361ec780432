import { describe, expect, it } from 'vitest';
import type { BehaviourSample } from '../../src/model/Simulation.ts';
import type { ReplicateResult, SessionReadout } from '../../src/model/runReplicate.ts';
import { meanSd, summariseReplicates } from '../../src/model/summariseReplicates.ts';

describe('meanSd', () => {
  it('returns the mean and the sample (n − 1) standard deviation', () => {
    // Σ(x − 5)² = 32 over 8 values: sample variance 32/7.
    const result = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(result.mean).toBe(5);
    expect(result.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('gives two values an SD of |a − b|/√2', () => {
    const result = meanSd([1, 4]);
    expect(result.mean).toBe(2.5);
    expect(result.sd).toBeCloseTo(3 / Math.SQRT2, 14);
  });

  it('gives a single value an SD of 0', () => {
    expect(meanSd([0.37])).toEqual({ mean: 0.37, sd: 0 });
  });

  it('gives identical values an SD of 0', () => {
    expect(meanSd([3, 3, 3])).toEqual({ mean: 3, sd: 0 });
  });

  it('returns NaN for both when there are no values', () => {
    const result = meanSd([]);
    expect(result.mean).toBeNaN();
    expect(result.sd).toBeNaN();
  });
});

describe('summariseReplicates', () => {
  function session(timeHours: number, visibleSpines: number, formation: number | null): SessionReadout {
    return {
      timeHours, visibleSpines, densityPerUm: visibleSpines / 100, formation, elimination: formation, turnoverRatio: formation,
      gained: null, lost: null, newPersistent: null, newTransient: null, lostPersistent: null, lostTransient: null, newUndetermined: null, lostUndetermined: null,
    };
  }

  function behaviour(timeHours: number, escapeIndex: number): BehaviourSample {
    return { timeHours, structuralRatio: 1, functionalEffect: 0, ensembleCoherence: escapeIndex, escapeIndex };
  }

  /** Only the fields summariseReplicates reads are meaningful here. */
  function replicate(seed: number, spines: [number, number], formation: number, escape: number): ReplicateResult {
    return {
      seed, protocolName: 'test', imagedLengthUm: 100, neuronCount: 1, spinyLengthUm: 1000, totalSpines: 0, spineUpdates: 0,
      sessions: [session(0, spines[0], null), session(48, spines[1], formation)],
      behaviour: [behaviour(0, 1), behaviour(48, escape)],
      snapshots: [], branches: [], lostSitesRecorded: 0, sitesUsed: 0, restoredAtSite: 0, ablated: 0,
    };
  }

  it('summarises each session and behaviour test across replicates, with null rates at the first session', () => {
    const summary = summariseReplicates([replicate(1, [40, 42], 0.1, 0.5), replicate(2, [44, 46], 0.3, 0.7)]);
    expect(summary.sessions.map((s) => s.timeHours)).toEqual([0, 48]);
    expect(summary.sessions[0].visibleSpines.mean).toBe(42);
    expect(summary.sessions[0].visibleSpines.sd).toBeCloseTo(4 / Math.SQRT2, 12);
    expect(summary.sessions[0].densityPerUm.mean).toBeCloseTo(0.42, 12);
    expect(summary.sessions[0].formation).toBeNull();
    expect(summary.sessions[0].elimination).toBeNull();
    expect(summary.sessions[0].turnoverRatio).toBeNull();
    expect(summary.sessions[1].formation?.mean).toBeCloseTo(0.2, 12);
    expect(summary.sessions[1].formation?.sd).toBeCloseTo(0.2 / Math.SQRT2, 12);
    expect(summary.behaviour.map((b) => b.timeHours)).toEqual([0, 48]);
    expect(summary.behaviour[1].escapeIndex.mean).toBeCloseTo(0.6, 12);
    expect(summary.behaviour[0].escapeIndex).toEqual({ mean: 1, sd: 0 });
  });
});
