import { describe, expect, it } from 'vitest';
import { exportSpines, SPINE_EXPORT_FORMAT } from '../../src/model/exportSpines';
import { scenarioProtocol } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';
import { SpineStatus } from '../../src/model/SpineStore';

describe('exportSpines', () => {
  const simulation = new Simulation({ protocol: scenarioProtocol('stress-ketamine', 1), seed: 4, parameters: { burnInDays: 7 } });
  simulation.advanceTo(31 * 24 + 30);
  const document = JSON.parse(JSON.stringify(exportSpines(simulation)));

  it('lists every live spine once, with columns of equal length', () => {
    let alive = 0;
    for (let i = 0; i < simulation.spines.highWater; i++) if (simulation.spines.status[i] === SpineStatus.Alive) alive++;
    expect(document.format).toBe(SPINE_EXPORT_FORMAT);
    expect(document.spineCount).toBe(alive);
    for (const column of Object.values(document.spines) as unknown[][]) expect(column).toHaveLength(alive);
  });

  it('records the time, seed, parameters, protocol and the morphology it was taken from', () => {
    expect(document.timeHours).toBe(31 * 24 + 30);
    expect(document.seed).toBe(4);
    expect(document.parameters.burnInDays).toBe(7);
    expect(document.protocol.name).toBe('stress-ketamine');
    expect(document.neurons).toHaveLength(1);
    expect(document.neurons[0].branches.length).toBe(simulation.neurons[0].branches.length);
  });

  it('gives sizes, cohorts and states a reader can use directly', () => {
    const { volumeUm3, headDiameterUm, cohort, state, visible } = document.spines;
    expect(new Set(cohort)).toEqual(new Set(['initial', 'baseline', 'stress', 'ketamine']));
    expect(new Set(state)).toEqual(new Set(['transient', 'persistent']));
    volumeUm3.forEach((v: number, i: number) => {
      expect(headDiameterUm[i]).toBeCloseTo(Math.cbrt((6 * v) / Math.PI), 3);
      expect(visible[i]).toBe(v >= simulation.parameters.detectionThresholdUm3);
    });
  });
});
