/**
 * Each kind of problem file and what every importer (the model's, the CLI's, the worker's) must do with
 * it: refuse with a message, or accept with a warning. Shared by the model, CLI and worker tests.
 */
export interface ImportOutcomeCase {
  readonly file: string;
  readonly outcome: 'refuse' | 'warn' | 'accept';
  /** What the refusal or one warning says. */
  readonly message?: RegExp;
}

export const importOutcomeCases: readonly ImportOutcomeCase[] = [
  { file: 'axon-only.swc', outcome: 'refuse', message: /no dendrites: the neuron holds 1 soma sample and 39 axon samples/ },
  { file: 'soma-only-outline.swc', outcome: 'refuse', message: /no dendrites: the neuron holds 6 soma samples/ },
  { file: 'disconnected.swc', outcome: 'refuse', message: /2 trees not connected to its soma hold 24 samples \(starting on lines 4, 15\)/ },
  { file: 'self-parent.swc', outcome: 'refuse', message: /names itself as its parent/ },
  { file: 'type-change-unbranched.swc', outcome: 'accept' },
  { file: 'radius-labels.swc', outcome: 'warn', message: /a radius of 640 µm is more than the cell allows/ },
  { file: 'units-nm.swc', outcome: 'warn', message: /nanometres/ },
  { file: 'units-em-voxels.swc', outcome: 'warn', message: /dendrites reach 24,020 µm from the soma.*scale 0\.008: 192 µm/ },
  { file: 'units-atlas-voxels.swc', outcome: 'warn', message: /dendrites reach 12 µm from the soma.*scale 25: 300 µm/ },
  { file: 'types-beyond-four.swc', outcome: 'warn', message: /type codes other than axon \(2\), basal \(3\) and apical \(4\)/ },
];
