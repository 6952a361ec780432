import { describe, expect, it } from 'vitest';
import { neuronLayout } from '../../src/model/neuronLayout';
import { scenarioProtocol } from '../../src/model/scenarios';
import { FADE_HOURS, Simulation } from '../../src/model/Simulation';
import { Cohort, FLAG_NEAR_LOST_SITE, SpineStatus } from '../../src/model/SpineStore';
import { GROW_IN_HOURS, SPINE_FRAME_STRIDE, SpineCategory, spineCategory, writeSpineFrame } from '../../src/model/writeSpineFrame';

function smallSimulation(neuronCount = 1): Simulation {
  return new Simulation({ protocol: scenarioProtocol('stress-ketamine', neuronCount), seed: 3, parameters: { burnInDays: 2 } });
}

function frameOf(sim: Simulation, offsets: Float32Array = new Float32Array(sim.branches.length * 3)) {
  const out = new Float32Array(sim.spines.capacity * SPINE_FRAME_STRIDE).fill(Number.NaN);
  const stats = writeSpineFrame(sim, offsets, out);
  return { out, stats };
}

function firstSlot(sim: Simulation, status: number): number {
  for (let i = 0; i < sim.spines.highWater; i++) if (sim.spines.status[i] === status) return i;
  throw new Error('no such slot');
}

describe('writeSpineFrame', () => {
  it('writes one row per slot: base, direction scaled by display size, head diameter and colour', () => {
    const sim = smallSimulation();
    sim.advanceTo(24);
    const { out, stats } = frameOf(sim);
    expect(stats.spineCount).toBe(sim.spines.highWater);
    const s = sim.spines;
    const slot = firstSlot(sim, SpineStatus.Alive);
    s.birthHours[slot] = -100;
    s.logVolume[slot] = Math.log(0.1);
    s.cohort[slot] = Cohort.Initial;
    writeSpineFrame(sim, new Float32Array(sim.branches.length * 3), out);
    const o = slot * SPINE_FRAME_STRIDE;
    expect([out[o], out[o + 1], out[o + 2]]).toEqual([s.x[slot], s.y[slot], s.z[slot]]);
    expect(Math.hypot(out[o + 3], out[o + 4], out[o + 5])).toBeCloseTo(1, 5);
    expect(out[o + 6]).toBeCloseTo(Math.cbrt((6 * 0.1) / Math.PI), 5);
    expect(out[o + 7]).toBe(SpineCategory.FromStart);
  });

  it('writes free slots as rows of zeros (not drawn)', () => {
    const sim = smallSimulation();
    sim.advanceTo(24);
    const slot = firstSlot(sim, SpineStatus.Alive);
    sim.spines.eliminate(slot, sim.timeHours);
    sim.spines.release(slot);
    const { out } = frameOf(sim);
    expect(Array.from(out.subarray(slot * SPINE_FRAME_STRIDE, (slot + 1) * SPINE_FRAME_STRIDE))).toEqual(new Array(SPINE_FRAME_STRIDE).fill(0));
  });

  it('grows a new spine in smoothly over GROW_IN_HOURS of simulated time', () => {
    const sim = smallSimulation();
    sim.advanceTo(24);
    const slot = firstSlot(sim, SpineStatus.Alive);
    const sizes = [0, 0.25, 0.5, 0.75, 1, 2].map((fraction) => {
      sim.spines.birthHours[slot] = sim.timeHours - fraction * GROW_IN_HOURS;
      const { out } = frameOf(sim);
      const o = slot * SPINE_FRAME_STRIDE;
      return Math.hypot(out[o + 3], out[o + 4], out[o + 5]);
    });
    expect(sizes[0]).toBe(0);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1]);
    expect(sizes[2]).toBeCloseTo(0.5, 5);
    // Full size (float32 rounding of the unit direction aside).
    expect(sizes[4]).toBeCloseTo(1, 6);
    expect(sizes[5]).toBeCloseTo(1, 6);
  });

  it('shrinks an eliminated spine out over FADE_HOURS and colours it as being lost', () => {
    const sim = smallSimulation();
    sim.advanceTo(24);
    const slot = firstSlot(sim, SpineStatus.Alive);
    sim.spines.birthHours[slot] = -100;
    sim.spines.eliminate(slot, sim.timeHours - FADE_HOURS / 2);
    const { out } = frameOf(sim);
    const o = slot * SPINE_FRAME_STRIDE;
    expect(Math.hypot(out[o + 3], out[o + 4], out[o + 5])).toBeCloseTo(0.5, 5);
    expect(out[o + 7]).toBe(SpineCategory.Eliminated);
    sim.spines.deathHours[slot] = sim.timeHours - FADE_HOURS;
    const gone = frameOf(sim).out;
    expect(Math.hypot(gone[o + 3], gone[o + 4], gone[o + 5])).toBe(0);
  });

  it('tells apart spines from the start, new ones, ketamine ones and ketamine ones at a lost site', () => {
    expect(spineCategory(SpineStatus.Alive, Cohort.Initial, 0)).toBe(SpineCategory.FromStart);
    expect(spineCategory(SpineStatus.Alive, Cohort.Baseline, 0)).toBe(SpineCategory.New);
    expect(spineCategory(SpineStatus.Alive, Cohort.Stress, FLAG_NEAR_LOST_SITE)).toBe(SpineCategory.New);
    expect(spineCategory(SpineStatus.Alive, Cohort.Ketamine, 0)).toBe(SpineCategory.Ketamine);
    expect(spineCategory(SpineStatus.Alive, Cohort.Ketamine, FLAG_NEAR_LOST_SITE)).toBe(SpineCategory.KetamineAtLostSite);
    expect(spineCategory(SpineStatus.Fading, Cohort.Ketamine, FLAG_NEAR_LOST_SITE)).toBe(SpineCategory.Eliminated);
  });

  it('counts live and visible spines the way the model does', () => {
    const sim = smallSimulation();
    sim.advanceTo(100);
    const { stats } = frameOf(sim);
    expect(stats.liveSpines).toBe(sim.spines.liveCount);
    expect(stats.visibleSpines).toBe(sim.visibleCount());
    sim.setParameters({ detectionThresholdUm3: 0.5 });
    expect(frameOf(sim).stats.visibleSpines).toBe(sim.visibleCount());
    expect(frameOf(sim).stats.visibleSpines).toBeLessThan(stats.visibleSpines / 5);
  });

  it('places each spine with its neuron’s layout offset', () => {
    const sim = smallSimulation(2);
    sim.advanceTo(24);
    const layout = neuronLayout(sim.neurons, sim.branches.map((b) => b.neuronIndex));
    const { out } = frameOf(sim, layout.branchOffsetsUm);
    const s = sim.spines;
    for (let slot = 0; slot < s.highWater; slot += 97) {
      if (s.status[slot] === SpineStatus.Free) continue;
      const n = sim.branches[s.branch[slot]].neuronIndex;
      expect(out[slot * SPINE_FRAME_STRIDE]).toBeCloseTo(s.x[slot] + layout.neuronOffsetsUm[n * 3], 3);
    }
  });

  it('refuses a buffer too small for the store', () => {
    const sim = smallSimulation();
    expect(() => writeSpineFrame(sim, new Float32Array(sim.branches.length * 3), new Float32Array(8))).toThrow(RangeError);
  });
});
