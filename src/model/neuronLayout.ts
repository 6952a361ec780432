import type { Neuron } from './Morphology';

/** Gap between neighbouring neurons in the view (µm). */
export const NEURON_GAP_UM = 60;

export interface NeuronLayout {
  /** x, y, z offset per neuron (µm), added to the model's coordinates for display. */
  readonly neuronOffsetsUm: Float32Array;
  /** x, y, z offset per global branch (the simulation's flat branch order). */
  readonly branchOffsetsUm: Float32Array;
}

/**
 * Places neurons side by side along x for display. Procedural neurons all have their soma at the origin
 * (each is its own replicate); the view stands them in a row, `NEURON_GAP_UM` apart, the row centred
 * on x = 0. `branchNeuron` gives each global branch's neuron (the simulation's `branches[g].neuronIndex`).
 */
export function neuronLayout(neurons: readonly Neuron[], branchNeuron: ArrayLike<number>): NeuronLayout {
  const neuronOffsetsUm = new Float32Array(neurons.length * 3);
  const extents = neurons.map((neuron) => {
    let min = neuron.somaCentreUm[0] - neuron.somaRadiusUm;
    let max = neuron.somaCentreUm[0] + neuron.somaRadiusUm;
    for (const branch of neuron.branches) {
      const p = branch.pointsUm;
      for (let i = 0; i < p.length; i += 3) {
        if (p[i] < min) min = p[i];
        if (p[i] > max) max = p[i];
      }
    }
    return [min, max] as const;
  });
  let cursor = 0;
  extents.forEach(([min, max], n) => {
    neuronOffsetsUm[n * 3] = cursor - min;
    cursor += max - min + NEURON_GAP_UM;
  });
  const rowWidth = Math.max(0, cursor - NEURON_GAP_UM);
  for (let n = 0; n < neurons.length; n++) neuronOffsetsUm[n * 3] -= rowWidth / 2;
  const branchOffsetsUm = new Float32Array(branchNeuron.length * 3);
  for (let g = 0; g < branchNeuron.length; g++) {
    const n = branchNeuron[g];
    branchOffsetsUm[g * 3] = neuronOffsetsUm[n * 3];
    branchOffsetsUm[g * 3 + 1] = neuronOffsetsUm[n * 3 + 1];
    branchOffsetsUm[g * 3 + 2] = neuronOffsetsUm[n * 3 + 2];
  }
  return { neuronOffsetsUm, branchOffsetsUm };
}
