import { describe, expect, it } from 'vitest';
import { NEURON_GAP_UM, neuronLayout } from '../../src/model/neuronLayout';
import { proceduralNeuron } from '../../src/model/proceduralNeuron';
import { createStream } from '../../src/model/random';

function xExtent(neuron: ReturnType<typeof proceduralNeuron>, offset: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const branch of neuron.branches) {
    for (let i = 0; i < branch.pointsUm.length; i += 3) {
      min = Math.min(min, branch.pointsUm[i] + offset);
      max = Math.max(max, branch.pointsUm[i] + offset);
    }
  }
  return [min, max];
}

describe('neuronLayout', () => {
  const neurons = [0, 1, 2].map((i) => proceduralNeuron(createStream(5, ['neuron', i, 'morphology'])));
  const branchNeuron = neurons.flatMap((neuron, n) => neuron.branches.map(() => n));
  const layout = neuronLayout(neurons, branchNeuron);

  it('stands neurons side by side without overlap, a gap apart', () => {
    const extents = neurons.map((neuron, n) => xExtent(neuron, layout.neuronOffsetsUm[n * 3]));
    for (let n = 1; n < extents.length; n++) expect(extents[n][0] - extents[n - 1][1]).toBeGreaterThanOrEqual(NEURON_GAP_UM - 1e-3);
  });

  it('centres the row on x = 0', () => {
    const left = xExtent(neurons[0], layout.neuronOffsetsUm[0])[0];
    const right = xExtent(neurons[2], layout.neuronOffsetsUm[6])[1];
    expect(left + right).toBeCloseTo(0, 0);
  });

  it('gives every branch its neuron’s offset', () => {
    branchNeuron.forEach((n, g) => {
      expect(layout.branchOffsetsUm[g * 3]).toBe(layout.neuronOffsetsUm[n * 3]);
    });
  });
});
