import { describe, expect, it } from 'vitest';
import { runReplicate } from '../../../src/model/runReplicate';
import { scenarioNames, scenarioProtocol } from '../../../src/model/scenarios';
import { Simulation } from '../../../src/model/Simulation';
import { Cohort, SpineStatus } from '../../../src/model/SpineStore';
import { importSwcNeuron } from '../../../src/model/swc/importSwcNeuron';

/** A small pyramidal-like reconstruction: soma, two basal dendrites, an apical trunk with a forked tuft, an axon. */
function syntheticSwc(): string {
  const rows = ['# synthetic test neuron', '1 1 0 0 0 8 -1'];
  let id = 1;
  const line = (type: number, parent: number, from: [number, number, number], step: [number, number, number], count: number, radius: number) => {
    let previous = parent;
    for (let k = 1; k <= count; k++) {
      id++;
      rows.push(`${id} ${type} ${from[0] + step[0] * k} ${from[1] + step[1] * k} ${from[2] + step[2] * k} ${radius} ${previous}`);
      previous = id;
    }
    return previous;
  };
  const trunkEnd = line(4, 1, [0, 8, 0], [0, 10, 0], 40, 1);
  line(4, trunkEnd, [0, 408, 0], [6, 8, 0], 20, 0.6);
  line(4, trunkEnd, [0, 408, 0], [-6, 8, 0], 20, 0.6);
  line(3, 1, [0, -8, 0], [8, -6, 0], 20, 0.7);
  line(3, 1, [0, -8, 0], [-8, -6, 0], 20, 0.7);
  line(2, 1, [0, -8, 0], [0, -10, 2], 20, 0.3);
  return `${rows.join('\n')}\n`;
}

describe('every scenario on an imported neuron', () => {
  const imported = importSwcNeuron(syntheticSwc(), { fileName: 'synthetic.swc' });

  it('imports dendrites as spiny and the axon as not', () => {
    const kinds = new Set(imported.neuron.branches.filter((b) => b.spiny).map((b) => b.kind));
    expect(kinds.has('basal')).toBe(true);
    expect([...kinds].some((k) => k === 'apicalTrunk' || k === 'tuft' || k === 'oblique')).toBe(true);
    expect(imported.neuron.branches.some((b) => !b.spiny)).toBe(true);
  });

  it.each(scenarioNames)('runs %s to the end with spines on dendrites only', (name) => {
    const protocol = scenarioProtocol(name);
    const simulation = new Simulation({ protocol, seed: 3, parameters: { burnInDays: 5 }, neurons: [imported.neuron] });
    simulation.advanceTo(protocol.durationHours);
    expect(simulation.snapshots.map((s) => s.timeHours)).toEqual(protocol.imagingHours);
    const s = simulation.spines;
    let alive = 0;
    let ketamine = 0;
    for (let i = 0; i < s.highWater; i++) {
      if (s.status[i] !== SpineStatus.Alive) continue;
      alive++;
      expect(simulation.branches[s.branch[i]].branch.spiny).toBe(true);
      if (s.cohort[i] === Cohort.Ketamine) ketamine++;
    }
    expect(alive).toBeGreaterThan(100);
    if (name.startsWith('stress-ketamine') && name !== 'stress-ketamine-ablation') expect(ketamine).toBeGreaterThan(0);
  });

  it('scores density at the model’s calibrated level on the imported tuft', () => {
    const result = runReplicate({ protocol: scenarioProtocol('control'), seed: 4, parameters: { burnInDays: 28 }, neurons: [imported.neuron] });
    const density = result.sessions.reduce((sum, s) => sum + s.densityPerUm, 0) / result.sessions.length;
    // science.md B3: 0.45 ± 0.1 visible spines per µm.
    expect(Math.abs(density - 0.45)).toBeLessThan(0.1);
  });
});
