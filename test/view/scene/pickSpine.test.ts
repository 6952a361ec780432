import { describe, expect, it } from 'vitest';
import { SPINE_FRAME_STRIDE } from '../../../src/model/writeSpineFrame';
import { pickSpine, type PickRay } from '../../../src/view/scene/pickSpine';

/** Spines in a row along x at z = 0, pointing up (+y), head 0.6 µm. */
function row(xs: number[]): Float32Array {
  const frame = new Float32Array(xs.length * SPINE_FRAME_STRIDE);
  xs.forEach((x, i) => {
    frame.set([x, 0, 0, 0, 1, 0, 0.6, 1], i * SPINE_FRAME_STRIDE);
  });
  return frame;
}

function rayAt(x: number, y: number, overrides: Partial<PickRay> = {}): PickRay {
  return {
    origin: [x, y, 20],
    direction: [0, 0, -1],
    cameraPosition: [0, 0, 20],
    cameraForward: [0, 0, -1],
    pixelWorld: 0.001,
    minHeadRadiusPx: 0,
    minDendriteRadiusPx: 0,
    tolerancePx: 0,
    ...overrides,
  };
}

describe('pickSpine', () => {
  it('returns the slot of the spine whose head is under the pointer', () => {
    const frame = row([0, 5, 10]);
    // Head centre: neck 0.55 µm + 0.8 × radius 0.3 µm above the base.
    expect(pickSpine(frame, 3, rayAt(5, 0.79))).toBe(1);
    expect(pickSpine(frame, 3, rayAt(10, 0.79))).toBe(2);
  });

  it('returns -1 when the pointer misses every head', () => {
    expect(pickSpine(row([0, 5]), 2, rayAt(2.5, 0.79))).toBe(-1);
    expect(pickSpine(row([0, 5]), 2, rayAt(5, 5))).toBe(-1);
  });

  it('ignores slots that are not drawn (display size 0)', () => {
    const frame = row([0, 5]);
    frame.fill(0, SPINE_FRAME_STRIDE + 3, SPINE_FRAME_STRIDE + 6);
    expect(pickSpine(frame, 2, rayAt(5, 0.79))).toBe(-1);
  });

  it('takes the nearest of two spines along the ray', () => {
    const frame = new Float32Array(2 * SPINE_FRAME_STRIDE);
    frame.set([0, 0, -5, 0, 1, 0, 0.6, 1], 0);
    frame.set([0, 0, 3, 0, 1, 0, 0.6, 1], SPINE_FRAME_STRIDE);
    expect(pickSpine(frame, 2, rayAt(0, 0.79))).toBe(1);
  });

  it('sizes heads as the shader draws them from afar, so small far spines can be clicked', () => {
    const frame = row([0]);
    // At 2000 µm a pixel is 2 µm: a 2 px head radius would be 4 µm, 13.3× the true 0.3 µm; that far, the
    // smallest radius shrinks by √(5 / 13.3) (spineCues.ts) to 1.22 px = 2.45 µm, 8.2× the true head, so
    // the head is drawn centred 8.2 × (0.55 + 0.8 × 0.3) ≈ 6.45 µm above the base.
    const far = { cameraPosition: [0, 0, 2000] as [number, number, number], origin: [0, 6.45, 2000] as [number, number, number], pixelWorld: 0.001, minHeadRadiusPx: 2 };
    expect(pickSpine(frame, 1, rayAt(0, 0, far))).toBe(0);
    expect(pickSpine(frame, 1, rayAt(0, 0, { ...far, minHeadRadiusPx: 0 }))).toBe(-1);
  });
});
