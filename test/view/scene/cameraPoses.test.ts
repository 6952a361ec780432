import { describe, expect, it } from 'vitest';
import { proceduralNeuron } from '../../../src/model/proceduralNeuron';
import { createStream } from '../../../src/model/random';
import { framePose, MICROSCOPE_FIELD_UM, microscopePose, neuronBounds } from '../../../src/view/scene/cameraPoses';

const fov = 40;
const tanHalf = Math.tan((fov * Math.PI) / 360);

describe('camera poses', () => {
  const neurons = [0, 1, 2].map((i) => proceduralNeuron(createStream(11, ['neuron', i, 'morphology'])));
  const offsets = new Float32Array([-400, 0, 0, 0, 0, 0, 400, 0, 0]);
  const imaged = neurons.map((n) => Uint8Array.from(n.branches, (b) => (b.kind === 'tuft' ? 1 : 0)));

  it('frames a box so that its height and width both fit the view', () => {
    const bounds = { centre: [0, 300, 0] as [number, number, number], halfExtents: [100, 400, 0] as [number, number, number] };
    const pose = framePose(bounds, fov, 1.5, [0, 0, 1], 1);
    expect(pose.target).toEqual([0, 300, 0]);
    expect(pose.position[2]).toBeCloseTo(400 / tanHalf, 6);
    const wide = framePose({ ...bounds, halfExtents: [900, 100, 0] }, fov, 1.5, [0, 0, 1], 1);
    expect(wide.position[2]).toBeCloseTo(900 / (tanHalf * 1.5), 6);
  });

  it('bounds one neuron or all of them, with their offsets', () => {
    const all = neuronBounds(neurons, offsets);
    const middle = neuronBounds(neurons, offsets, 1);
    expect(all.halfExtents[0]).toBeGreaterThan(middle.halfExtents[0] * 2);
    expect(all.halfExtents[1]).toBeGreaterThan(200);
  });

  it('puts the microscope over the middle of an imaged tuft branch, about a field’s width away', () => {
    const pose = microscopePose(neurons, offsets, imaged, 1, fov, 1.6)!;
    expect(pose).not.toBeNull();
    const distance = Math.hypot(pose.position[0] - pose.target[0], pose.position[1] - pose.target[1], pose.position[2] - pose.target[2]);
    const fieldWidth = 2 * distance * tanHalf * 1.6;
    expect(fieldWidth).toBeCloseTo(MICROSCOPE_FIELD_UM, 0);
    // The tuft is at the top of the neuron.
    expect(pose.target[1]).toBeGreaterThan(400);
  });
});
