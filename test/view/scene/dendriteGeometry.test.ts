import { describe, expect, it } from 'vitest';
import { proceduralNeuron } from '../../../src/model/proceduralNeuron';
import { createStream } from '../../../src/model/random';
import { buildDendriteMesh, DENDRITE_RADIAL_SEGMENTS } from '../../../src/runtime/dendriteMesh';
import { dendriteGeometry } from '../../../src/view/scene/dendriteGeometry';

describe('dendriteGeometry', () => {
  const neurons = [0, 1].map((i) => proceduralNeuron(createStream(9, ['neuron', i, 'morphology'])));
  const offsets = new Float32Array([-200, 0, 0, 200, 0, 0]);
  const imaged = neurons.map((n) => Uint8Array.from(n.branches, (b) => (b.kind === 'tuft' ? 1 : 0)));
  const mesh = buildDendriteMesh(neurons, offsets, imaged);
  const geometry = dendriteGeometry(mesh);

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

describe('buildDendriteMesh level of detail', () => {
  const neurons = [0, 1, 2].map((i) => proceduralNeuron(createStream(4, ['neuron', i, 'morphology'])));
  const offsets = new Float32Array(9);
  const imaged = neurons.map((n) => new Uint8Array(n.branches.length));

  it('draws every point while the neurons fit the ring budget', () => {
    const mesh = buildDendriteMesh(neurons, offsets, imaged);
    expect(mesh.ringsDrawn).toBe(mesh.ringsInNeurons);
  });

  it('merges short segments until the rings fit, keeping every branch\'s ends and the bounds', () => {
    const full = buildDendriteMesh(neurons, offsets, imaged);
    const budget = Math.floor(full.ringsInNeurons / 5);
    const reduced = buildDendriteMesh(neurons, offsets, imaged, { maxRings: budget });
    expect(reduced.ringsDrawn).toBeLessThanOrEqual(Math.max(budget, 2 * neurons.reduce((s, n) => s + n.branches.length, 0)));
    expect(reduced.ringsDrawn).toBeLessThan(full.ringsDrawn);
    // Ends are kept, so the tree still reaches as far: the bounding sphere barely changes.
    expect(reduced.bounds[3]).toBeCloseTo(full.bounds[3], -1);
    let max = 0;
    for (const i of reduced.index) max = Math.max(max, i);
    expect(max).toBeLessThan(reduced.radius.length);
  });
});
