import { describe, expect, it } from 'vitest';
import { proceduralNeuron } from '../../../src/model/proceduralNeuron';
import { createStream } from '../../../src/model/random';
import { DENDRITE_RADIAL_SEGMENTS, dendriteGeometry } from '../../../src/view/scene/dendriteGeometry';

describe('dendriteGeometry', () => {
  const neurons = [0, 1].map((i) => proceduralNeuron(createStream(9, ['neuron', i, 'morphology'])));
  const offsets = new Float32Array([-200, 0, 0, 200, 0, 0]);
  const imaged = neurons.map((n) => Uint8Array.from(n.branches, (b) => (b.kind === 'tuft' ? 1 : 0)));
  const geometry = dendriteGeometry(neurons, offsets, imaged);

  it('builds every neuron into one indexed geometry (one draw call)', () => {
    const rings = neurons.reduce((sum, n) => sum + n.branches.reduce((s, b) => s + b.radiiUm.length, 0), 0);
    expect(geometry.attributes.position.count).toBeGreaterThan(rings * DENDRITE_RADIAL_SEGMENTS);
    const index = geometry.index!;
    let max = 0;
    for (let i = 0; i < index.count; i++) max = Math.max(max, index.getX(i));
    expect(max).toBeLessThan(geometry.attributes.position.count);
  });

  it('stores centre line, outward unit normal and true radius per vertex', () => {
    const normal = geometry.attributes.normal;
    const radius = geometry.attributes.aRadius;
    for (let v = 0; v < normal.count; v += 37) {
      expect(Math.hypot(normal.getX(v), normal.getY(v), normal.getZ(v))).toBeCloseTo(1, 5);
      expect(radius.getX(v)).toBeGreaterThan(0);
    }
  });

  it('applies each neuron’s layout offset and marks imaged branches', () => {
    const position = geometry.attributes.position;
    const first = neurons[0].branches[0].pointsUm;
    expect(position.getX(0)).toBeCloseTo(first[0] - 200, 4);
    const flags = geometry.attributes.aImaged.array as Float32Array;
    expect(flags.some((f) => f === 1)).toBe(true);
    expect(flags.some((f) => f === 0)).toBe(true);
  });
});
