import { describe, expect, it } from 'vitest';
import { makeBranch } from '../../src/model/Morphology.ts';
import { branchLoss } from '../../src/model/observables/branchLoss.ts';
import { newSpineSurvival } from '../../src/model/observables/newSpineSurvival.ts';
import { persistenceCounts, visibleSets } from '../../src/model/observables/persistenceCounts.ts';
import { rescueShare } from '../../src/model/observables/rescueShare.ts';
import { lastSessionAtOrBefore, newSerials, scoreInterval, sessionAt } from '../../src/model/observables/scoreInterval.ts';
import { runReplicate } from '../../src/model/runReplicate.ts';
import { scenarioProtocol } from '../../src/model/scenarios.ts';
import type { BranchInfo, ImagingSnapshot } from '../../src/model/Simulation.ts';

/** One visible spine: serial, branch and arc position (µm). Positions are exact in float32. */
type Spine = readonly [serial: number, branch: number, positionUm: number];

/** A hand-made imaging session with the typed arrays the simulation produces. */
function snapshot(timeHours: number, spines: readonly Spine[]): ImagingSnapshot {
  return {
    timeHours,
    serial: Uint32Array.from(spines.map((s) => s[0])),
    branch: Uint32Array.from(spines.map((s) => s[1])),
    positionUm: Float32Array.from(spines.map((s) => s[2])),
    cohort: new Uint8Array(spines.length),
    volumeUm3: new Float32Array(spines.length).fill(0.1),
    birthHours: new Float64Array(spines.length),
    visibleAllBranches: spines.length,
  };
}

/** A session whose spines are given by serial only (all on branch 0, position = serial). */
function serials(timeHours: number, list: readonly number[]): ImagingSnapshot {
  return snapshot(timeHours, list.map((serial) => [serial, 0, serial] as const));
}

/** A straight branch along x of the given length. */
function branchInfo(globalIndex: number, lengthUm: number, imaged: boolean): BranchInfo {
  const branch = makeBranch(globalIndex, 'tuft', -1, 1, [0, 0, 0, lengthUm / 2, 0, 0, lengthUm, 0, 0], [0.5, 0.5, 0.5]);
  return { neuronIndex: 0, branch, globalIndex, susceptibility: 1, imaged };
}

describe('scoreInterval', () => {
  it('scores formation as gained/before, elimination as lost/before and turnover as (gained+lost)/(before+after)', () => {
    const score = scoreInterval(serials(0, [1, 2, 3, 4]), serials(48, [3, 4, 5]));
    expect(score).toEqual({ before: 4, after: 3, gained: 1, lost: 2, formation: 1 / 4, elimination: 2 / 4, turnoverRatio: 3 / 7 });
  });

  it('scores identical sessions as no change, whatever the order of the spines', () => {
    const score = scoreInterval(serials(0, [1, 2, 3]), serials(48, [3, 1, 2]));
    expect(score).toEqual({ before: 3, after: 3, gained: 0, lost: 0, formation: 0, elimination: 0, turnoverRatio: 0 });
  });

  it('scores a complete replacement as turnover 1', () => {
    const score = scoreInterval(serials(0, [1, 2]), serials(48, [3, 4, 5, 6]));
    expect(score).toEqual({ before: 2, after: 4, gained: 4, lost: 2, formation: 2, elimination: 1, turnoverRatio: 1 });
  });

  it('returns no rates (null, not 0 or NaN) when no spine is visible in either session', () => {
    expect(scoreInterval(serials(0, []), serials(48, []))).toEqual({ before: 0, after: 0, gained: 0, lost: 0, formation: null, elimination: null, turnoverRatio: null });
  });

  it('counts spines gained onto an empty dendrite in the turnover ratio, with no rates per earlier spine (null)', () => {
    expect(scoreInterval(serials(0, []), serials(48, [7, 8]))).toEqual({ before: 0, after: 2, gained: 2, lost: 0, formation: null, elimination: null, turnoverRatio: 1 });
    expect(scoreInterval(serials(0, [7, 8]), serials(48, []))).toEqual({ before: 2, after: 0, gained: 0, lost: 2, formation: 0, elimination: 1, turnoverRatio: 1 });
  });

  it('gives a run with no visible spine null formation and elimination at every session, not 0', () => {
    const result = runReplicate({ protocol: scenarioProtocol('control', 1), seed: 3, parameters: { formationPerUmPerDay: 0, burnInDays: 0 } });
    expect(result.sessions.length).toBeGreaterThan(2);
    for (const session of result.sessions) {
      expect(session.visibleSpines).toBe(0);
      expect(session.formation).toBeNull();
      expect(session.elimination).toBeNull();
      expect(session.turnoverRatio).toBeNull();
    }
  });
});

describe('newSerials', () => {
  it('returns the serials visible later but not earlier', () => {
    expect([...newSerials(serials(0, [1, 2, 3]), serials(48, [2, 3, 4, 9]))].sort((a, b) => a - b)).toEqual([4, 9]);
    expect(newSerials(serials(0, [1, 2]), serials(48, [1])).size).toBe(0);
    expect([...newSerials(serials(0, []), serials(48, [5]))]).toEqual([5]);
  });
});

describe('sessionAt and lastSessionAtOrBefore', () => {
  const sessions = [serials(0, []), serials(48, []), serials(96, []), serials(99.5, [])];

  it('finds the session at exactly a time, allowing rounding below 1e-6 h', () => {
    expect(sessionAt(sessions, 0)).toBe(0);
    expect(sessionAt(sessions, 96)).toBe(2);
    expect(sessionAt(sessions, 99.5 + 5e-7)).toBe(3);
    expect(sessionAt(sessions, 48 - 5e-7)).toBe(1);
  });

  it('returns -1 when no session is at that time', () => {
    expect(sessionAt(sessions, 47)).toBe(-1);
    expect(sessionAt(sessions, 48.001)).toBe(-1);
    expect(sessionAt([], 0)).toBe(-1);
  });

  it('finds the last session at or before a time', () => {
    expect(lastSessionAtOrBefore(sessions, 0)).toBe(0);
    expect(lastSessionAtOrBefore(sessions, 47.9)).toBe(0);
    expect(lastSessionAtOrBefore(sessions, 48)).toBe(1);
    expect(lastSessionAtOrBefore(sessions, 48 - 5e-7)).toBe(1);
    expect(lastSessionAtOrBefore(sessions, 99)).toBe(2);
    expect(lastSessionAtOrBefore(sessions, 1e6)).toBe(3);
  });

  it('returns -1 before the first session', () => {
    expect(lastSessionAtOrBefore(sessions, -1)).toBe(-1);
    expect(lastSessionAtOrBefore([], 10)).toBe(-1);
  });
});

describe('newSpineSurvival', () => {
  // New spines: 4 and 5 first seen at 48 h; 6 and 7 at 96 h; 8 at 144 h.
  const sessions = [serials(0, [1, 2, 3]), serials(48, [1, 2, 4, 5]), serials(96, [1, 4, 6, 7]), serials(144, [1, 6, 8])];

  it('pools survival over every session pair the given delay apart', () => {
    // 48 → 96: 4 survives, 5 does not; 96 → 144: 6 survives, 7 does not. 144 has no session 48 h later.
    expect(newSpineSurvival(sessions, 48)).toEqual({ delayHours: 48, followed: 4, surviving: 2, fraction: 0.5 });
  });

  it('follows new spines over longer delays', () => {
    // 48 → 144: neither 4 nor 5 is there; 96 has no session 96 h later.
    expect(newSpineSurvival(sessions, 96)).toEqual({ delayHours: 96, followed: 2, surviving: 0, fraction: 0 });
  });

  it('only counts first sessions inside [fromHours, toHours]', () => {
    expect(newSpineSurvival(sessions, 48, 96)).toEqual({ delayHours: 48, followed: 2, surviving: 1, fraction: 0.5 });
    expect(newSpineSurvival(sessions, 48, 0, 48)).toEqual({ delayHours: 48, followed: 2, surviving: 1, fraction: 0.5 });
  });

  it('never treats the spines of the first session as new', () => {
    // Session 0 has no earlier session, so its spines are not "first seen" there.
    expect(newSpineSurvival(sessions, 144).followed).toBe(0);
  });

  it('is NaN when no new spine could be followed', () => {
    const none = newSpineSurvival(sessions, 1000);
    expect(none.followed).toBe(0);
    expect(none.surviving).toBe(0);
    expect(none.fraction).toBeNaN();
    expect(newSpineSurvival(sessions, 48, 200, 300).fraction).toBeNaN();
  });
});

describe('persistenceCounts', () => {
  /*
   * Five sessions; a spine is persistent when seen in ≥ 3 consecutive sessions.
   *   z: always there.  p: S0–S2.  s: S0–S1.  q: S1–S2.
   *   a: S2–S4.  b: S2 only.  c: S2–S3.  f: S2, gone at S3, back at S4.  d: S3–S4.  e: S3 only.
   */
  const [z, p, s, q, a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const sessions = [
    serials(0, [p, s, z]),
    serials(48, [p, s, q, z]),
    serials(96, [p, q, a, b, c, f, z]),
    serials(144, [a, c, d, e, z]),
    serials(192, [a, d, f, z]),
  ];
  const sets = visibleSets(sessions);
  const zero = { newPersistent: 0, newTransient: 0, newUndetermined: 0, lostPersistent: 0, lostTransient: 0, lostUndetermined: 0 };

  it('turns sessions into sets of visible serials', () => {
    expect(sets.length).toBe(5);
    expect([...sets[3]].sort((x, y) => x - y)).toEqual([z, a, c, d, e]);
  });

  it('counts nothing at the first session', () => {
    expect(persistenceCounts(sets, 0, 3)).toEqual(zero);
  });

  it('classifies a new spine that is gone before the threshold as transient', () => {
    // q appears at S1 and is gone at S3.
    expect(persistenceCounts(sets, 1, 3)).toEqual({ ...zero, newTransient: 1 });
  });

  it('classifies new spines by how long they stay and lost spines seen since the first session as undetermined', () => {
    // New at S2: a stays 3 sessions (persistent); b, c and f are gone within 3 (transient).
    // Lost at S2: s was seen at S0 and S1 only, and nothing is known before S0.
    expect(persistenceCounts(sets, 2, 3)).toEqual({ ...zero, newPersistent: 1, newTransient: 3, lostUndetermined: 1 });
  });

  it('classifies lost spines by how long they had been seen, and new spines that reach the last session as undetermined', () => {
    // New at S3: d is seen at S3 and S4, the last session (undetermined); e is gone at S4 (transient).
    // Lost at S3: p had 3 sessions (persistent); q had 2 after an absence at S0, b and f had 1 (transient).
    expect(persistenceCounts(sets, 3, 3)).toEqual({ ...zero, newTransient: 1, newUndetermined: 1, lostPersistent: 1, lostTransient: 3 });
  });

  it('counts a spine that returns as new again', () => {
    // f is back at S4, the last session; c and e are lost (seen for 2 and 1 sessions after absences).
    expect(persistenceCounts(sets, 4, 3)).toEqual({ ...zero, newUndetermined: 1, lostTransient: 2 });
  });

  it('uses the threshold it is given', () => {
    // With 2 sessions enough: q (S1–S2) is a persistent loss at S3, and d (S3–S4) a persistent newcomer.
    expect(persistenceCounts(sets, 3, 2)).toEqual({ ...zero, newPersistent: 1, newTransient: 1, lostPersistent: 2, lostTransient: 2 });
  });

  it('agrees with scoreInterval on the number gained and lost', () => {
    for (let index = 1; index < sessions.length; index++) {
      const counts = persistenceCounts(sets, index, 3);
      const score = scoreInterval(sessions[index - 1], sessions[index]);
      expect(counts.newPersistent + counts.newTransient + counts.newUndetermined).toBe(score.gained);
      expect(counts.lostPersistent + counts.lostTransient + counts.lostUndetermined).toBe(score.lost);
    }
  });
});

describe('branchLoss', () => {
  /*
   * Branch 0: 10 spines, 2 lost (0.2). Branch 1: 5 spines, 3 lost (0.6). Branch 3: 6 spines, none lost.
   * Branch 2: 4 spines, all lost, but below the default minimum of 5 spines, so it is left out.
   */
  const spinesBefore: Spine[] = [];
  const lostSerials = new Set<number>();
  let serial = 1;
  for (const [branch, count, lost] of [[0, 10, 2], [1, 5, 3], [2, 4, 4], [3, 6, 0]]) {
    for (let i = 0; i < count; i++) {
      spinesBefore.push([serial, branch, i]);
      if (i < lost) lostSerials.add(serial);
      serial++;
    }
  }
  const before = snapshot(0, spinesBefore);
  // The later session also has a new spine on branch 0, which must not count.
  const after = snapshot(48, [...spinesBefore.filter((spine) => !lostSerials.has(spine[0])), [1000, 0, 9.5]]);

  it('reports the lost fraction of each branch with at least minSpines spines', () => {
    const result = branchLoss(before, after);
    expect([...result.branches].sort((x, y) => x.branch - y.branch)).toEqual([
      { branch: 0, before: 10, lost: 2, fraction: 0.2 },
      { branch: 1, before: 5, lost: 3, fraction: 0.6 },
      { branch: 3, before: 6, lost: 0, fraction: 0 },
    ]);
  });

  it('pools the lost fraction, its variance across branches and the binomial variance by hand', () => {
    const result = branchLoss(before, after);
    // Pooled: 5 of 21. Fractions 1/5, 3/5, 0 around their mean 4/15: sample variance (1 + 25 + 16)/225/2 = 7/75.
    // Binomial: p(1 − p)·mean(1/n) = (80/441)·(1/10 + 1/5 + 1/6)/3 = 16/567. Ratio 3969/1200.
    expect(result.meanFraction).toBeCloseTo(5 / 21, 14);
    expect(result.variance).toBeCloseTo(7 / 75, 14);
    expect(result.binomialVariance).toBeCloseTo(16 / 567, 14);
    expect(result.dispersionRatio).toBeCloseTo(3969 / 1200, 12);
  });

  it('includes smaller branches when minSpines allows', () => {
    const result = branchLoss(before, after, 4);
    expect(result.branches.map((b) => b.branch).sort()).toEqual([0, 1, 2, 3]);
    expect(result.meanFraction).toBeCloseTo(9 / 25, 14);
  });

  it('has no variance and an undefined dispersion ratio with a single branch', () => {
    const result = branchLoss(before, after, 7);
    expect(result.branches.map((b) => b.branch)).toEqual([0]);
    expect(result.meanFraction).toBeCloseTo(0.2, 14);
    expect(result.variance).toBe(0);
    expect(result.binomialVariance).toBe(0);
    expect(result.dispersionRatio).toBeNaN();
  });

  it('reports no loss when no branch qualifies', () => {
    const result = branchLoss(before, after, 100);
    expect(result.branches).toEqual([]);
    expect(result.meanFraction).toBe(0);
    expect(result.dispersionRatio).toBeNaN();
  });
});

describe('rescueShare', () => {
  // Branch 0 (20 µm) and branch 1 (10 µm) are imaged; branch 2 (30 µm) is not.
  const branches = [branchInfo(0, 20, true), branchInfo(1, 10, true), branchInfo(2, 30, false)];
  const kept: Spine[] = [[5, 1, 8], [6, 0, 12]];
  const sessions = [
    // 99 is lost before stress begins, so its site does not count.
    snapshot(0, [[99, 0, 15], [1, 0, 5], [2, 0, 6], [3, 0, 19.5], [4, 1, 0.5], ...kept]),
    // Stress starts (index 1): lost by its end are 1, 2, 3 (branch 0 at 5, 6, 19.5) and 4 (branch 1 at 0.5).
    snapshot(240, [[1, 0, 5], [2, 0, 6], [3, 0, 19.5], [4, 1, 0.5], ...kept]),
    // Stress ends (index 2).
    snapshot(744, kept),
    // Dose (index 3): spine 30 forms before the window that is scored.
    snapshot(744.5, [...kept, [30, 0, 15]]),
    // Index 4: new 40 (0.25 from 6), 41 (exactly 1 from 6), 42 (1.25 from 6), 43 (0.875 from 0.5 on branch 1), 44 (4.5 from it).
    snapshot(768, [...kept, [30, 0, 15], [40, 0, 5.75], [41, 0, 7], [42, 0, 7.25], [43, 1, 1.375], [44, 1, 5]]),
    // Index 5: new 45 (0.5 from 19.5); 46 on branch 1 at 5.25 is near sites of branch 0 only; 47 is at the pre-stress loss.
    snapshot(792, [...kept, [30, 0, 15], [40, 0, 5.75], [45, 0, 19], [46, 1, 5.25], [47, 0, 15.25]]),
  ];

  it('finds lost sites by comparing the sessions at stress onset and stress end', () => {
    expect(rescueShare(sessions, branches, 1, 2, [4, 5], 1).lostSites).toBe(4);
    // From the first session, the pre-stress loss counts too.
    expect(rescueShare(sessions, branches, 0, 2, [4, 5], 1).lostSites).toBe(5);
  });

  it('counts new spines within the distance of a lost site on the same branch only', () => {
    const result = rescueShare(sessions, branches, 1, 2, [4, 5], 1);
    // New: 40–44 at index 4, 45–47 at index 5. Near: 40, 41 (boundary included), 43, 45.
    expect(result.newSpines).toBe(8);
    expect(result.nearLostSite).toBe(4);
    expect(result.share).toBe(0.5);
  });

  it('expects, for uniform placement, the union of ±distance windows clipped to each branch over the imaged length', () => {
    const result = rescueShare(sessions, branches, 1, 2, [4, 5], 1);
    // Branch 0: [4, 6] ∪ [5, 7] = 3 µm, [18.5, 20.5] clipped to 1.5 µm. Branch 1: [−0.5, 1.5] clipped to 1.5 µm.
    // 6 µm of the 30 µm imaged (branch 2 is not imaged).
    expect(result.uniformShare).toBeCloseTo(6 / 30, 12);
    expect(result.enrichment).toBeCloseTo(0.5 / 0.2, 12);
  });

  it('scales both shares with the distance', () => {
    const result = rescueShare(sessions, branches, 1, 2, [4, 5], 0.5);
    // Near: 40 (0.25) and 45 (0.5, boundary). Windows: [4.5, 5.5] ∪ [5.5, 6.5], [19, 20], [0, 1] = 4 µm.
    expect(result.nearLostSite).toBe(2);
    expect(result.share).toBe(2 / 8);
    expect(result.uniformShare).toBeCloseTo(4 / 30, 12);
    expect(result.enrichment).toBeCloseTo((2 / 8) / (4 / 30), 12);
  });

  it('only scores new spines of the sessions it is given', () => {
    const result = rescueShare(sessions, branches, 1, 2, [5], 1);
    expect(result.newSpines).toBe(3);
    expect(result.nearLostSite).toBe(1);
  });

  it('is NaN when there are no new spines', () => {
    const result = rescueShare(sessions, branches, 1, 2, [], 1);
    expect(result.newSpines).toBe(0);
    expect(result.share).toBeNaN();
    expect(result.enrichment).toBeNaN();
    expect(result.uniformShare).toBeCloseTo(0.2, 12);
  });
});
