import { describe, expect, it } from 'vitest';
import { LOST_SITE_STRIDE, LostSiteMarkers } from '../../src/model/LostSiteMarkers';
import { pointAlong } from '../../src/model/Morphology';
import { neuronLayout } from '../../src/model/neuronLayout';
import { scenarioProtocol, STRESS_START_HOURS } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';

describe('LostSiteMarkers', () => {
  const sim = new Simulation({ protocol: scenarioProtocol('stress', 1), seed: 2, parameters: { burnInDays: 2 } });
  const layout = neuronLayout(sim.neurons, sim.branches.map((b) => b.neuronIndex));
  const markers = new LostSiteMarkers(sim, layout.branchOffsetsUm);
  const capacity = 100_000;
  const out = new Float32Array(capacity * LOST_SITE_STRIDE);

  it('writes no markers before stress has removed any spine', () => {
    sim.advanceTo(STRESS_START_HOURS);
    expect(markers.write(out, 0, capacity)).toBe(0);
  });

  it('marks the spots where stress removed spines, on the dendrite, with a strength from 0 to 1', () => {
    sim.advanceTo(STRESS_START_HOURS + 10 * 24);
    const count = markers.write(out, 0, capacity);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(sim.lostSites.length);
    for (let k = 0; k < count; k++) {
      const strength = out[k * LOST_SITE_STRIDE + 4];
      expect(strength).toBeGreaterThan(0);
      expect(strength).toBeLessThanOrEqual(1);
      expect(out[k * LOST_SITE_STRIDE + 3]).toBeGreaterThan(0);
    }
  });

  it('writes the most recent site first and respects the capacity and offset', () => {
    const offset = 7;
    const count = markers.write(out, offset, 3);
    expect(count).toBe(3);
    const newest = sim.lostSites[sim.lostSites.length - 1];
    const point = new Float64Array(7);
    const branch = sim.branches[newest.branch];
    // The first marker is the newest site's point on its branch.
    pointAlong(branch.branch, newest.positionUm, point);
    expect(out[offset]).toBeCloseTo(point[0] + layout.branchOffsetsUm[newest.branch * 3], 3);
    expect(out[offset + 1]).toBeCloseTo(point[1], 3);
  });

  it('fades markers as the dendrite’s memory of them decays', () => {
    const before = markers.write(out, 0, capacity);
    const strengthBefore = out[(before - 1) * LOST_SITE_STRIDE + 4];
    sim.setParameters({ lostSiteMemoryDays: 0.1 });
    sim.advanceTo(sim.timeHours + 24);
    expect(markers.write(out, 0, capacity)).toBeLessThan(before);
    expect(strengthBefore).toBeGreaterThan(0);
  });
});
