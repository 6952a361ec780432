import { MODEL_VERSION, type Simulation } from './Simulation';
import { cohortNames, FLAG_NEAR_LOST_SITE, SpineStatus } from './SpineStore';

export const SPINE_EXPORT_FORMAT = 'spinelab-spines';

/**
 * The neuron(s) and every live spine at the simulation's current time, as one JSON-serialisable document
 * (columns of plain arrays, one entry per spine) for analysis elsewhere. Positions are the spine's base on
 * the dendrite surface in the morphology's frame (µm); `visible` applies the detection limit to the true size.
 */
export function exportSpines(simulation: Simulation) {
  const s = simulation.spines;
  const threshold = simulation.parameters.detectionThresholdUm3;
  const columns = {
    neuron: [] as number[], branch: [] as number[], branchKind: [] as string[], positionUm: [] as number[],
    xUm: [] as number[], yUm: [] as number[], zUm: [] as number[],
    volumeUm3: [] as number[], headDiameterUm: [] as number[], visible: [] as boolean[],
    state: [] as string[], cohort: [] as string[], nearLostSite: [] as boolean[], birthHours: [] as number[],
  };
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  for (let i = 0; i < s.highWater; i++) {
    if (s.status[i] !== SpineStatus.Alive) continue;
    const info = simulation.branches[s.branch[i]];
    const volume = Math.exp(s.logVolume[i]);
    columns.neuron.push(info.neuronIndex);
    columns.branch.push(info.branch.index);
    columns.branchKind.push(info.branch.kind);
    columns.positionUm.push(round(s.positionUm[i], 3));
    columns.xUm.push(round(s.x[i], 3));
    columns.yUm.push(round(s.y[i], 3));
    columns.zUm.push(round(s.z[i], 3));
    columns.volumeUm3.push(round(volume, 5));
    columns.headDiameterUm.push(round(Math.cbrt((6 * volume) / Math.PI), 4));
    columns.visible.push(volume >= threshold);
    columns.state.push(simulation.timeHours >= s.matureAtHours[i] ? 'persistent' : 'transient');
    columns.cohort.push(cohortNames[s.cohort[i]]);
    columns.nearLostSite.push((s.flags[i] & FLAG_NEAR_LOST_SITE) !== 0);
    columns.birthHours.push(round(s.birthHours[i], 3));
  }
  return {
    format: SPINE_EXPORT_FORMAT,
    version: 1,
    model: { name: 'spinelab', version: MODEL_VERSION },
    seed: simulation.seed,
    timeHours: simulation.timeHours,
    protocol: simulation.protocol,
    parameters: simulation.parameters,
    neurons: simulation.neurons.map((neuron) => ({
      name: neuron.name,
      somaCentreUm: neuron.somaCentreUm,
      somaRadiusUm: neuron.somaRadiusUm,
      branches: neuron.branches.map((b) => ({
        index: b.index, kind: b.kind, parentIndex: b.parentIndex, spiny: b.spiny, lengthUm: round(b.lengthUm, 3),
        pointsUm: Array.from(b.pointsUm, (v) => round(v, 3)), radiiUm: Array.from(b.radiiUm, (v) => round(v, 3)),
      })),
    })),
    spineCount: columns.neuron.length,
    spines: columns,
  };
}
