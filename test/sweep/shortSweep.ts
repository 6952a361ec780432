import { PROTOCOL_FORMAT, PROTOCOL_VERSION, type Protocol } from '../../src/model/Protocol';

/** Four days, one neuron, stress on days 1–3 and a dose on day 3: short enough for tests on two cores. */
export const shortProtocol: Protocol = {
  format: PROTOCOL_FORMAT,
  version: PROTOCOL_VERSION,
  name: 'short',
  title: 'Short',
  description: 'Four days with a dose on day 3.',
  durationHours: 96,
  neuronCount: 1,
  stress: [{ startHours: 24, endHours: 72, intensity: 1 }],
  ketamine: [{ timeHours: 72, doseMgPerKg: 10 }],
  ablations: [],
  imagingHours: [0, 48, 72, 96],
  behaviourHours: [0, 24, 72, 75, 96],
};

/** A 40-point Morris sweep (10 trajectories of 3 factors) of the short protocol, 2 days of burn-in. */
export const fortyPointSweep = {
  format: 'spinelab-sweep',
  version: 1,
  name: 'forty points',
  seed: 21,
  replicates: 1,
  base: { protocol: shortProtocol, parameters: { burnInDays: 2 } },
  factors: [
    { parameter: 'stressEliminationFactor', min: 1, max: 3 },
    { parameter: 'maturationPerDay', min: 0.2, max: 0.8, scale: 'log' },
    { protocolField: 'ketamineDoseMgPerKg', min: 1, max: 30, scale: 'log', name: 'dose' },
  ],
  design: { type: 'morris', trajectories: 10, levels: 4, bootstrap: 200 },
  readouts: ['density@stressEnd', 'escape@dose+3h', 'formation@0h..2d', 'liveSpines'],
};
