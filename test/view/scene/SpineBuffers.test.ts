import { describe, expect, it } from 'vitest';
import { LOST_SITE_STRIDE } from '../../../src/model/LostSiteMarkers';
import { SPINE_FRAME_STRIDE } from '../../../src/model/writeSpineFrame';
import { SpineBuffers } from '../../../src/view/scene/SpineBuffers';

function frame(spines: number, markers: number): { floats: Float32Array; markerOffset: number } {
  const markerOffset = spines * SPINE_FRAME_STRIDE + 16;
  const floats = new Float32Array(markerOffset + markers * LOST_SITE_STRIDE);
  for (let i = 0; i < floats.length; i++) floats[i] = i % 97;
  return { floats, markerOffset };
}

describe('SpineBuffers', () => {
  it('copies a frame into the instance buffer and draws one instance per slot', () => {
    const buffers = new SpineBuffers(100, 10);
    const { floats, markerOffset } = frame(80, 5);
    const version = buffers.spineData.version;
    expect(buffers.apply(floats, 80, markerOffset, 5)).toBe(false);
    expect(buffers.spines.instanceCount).toBe(80);
    expect(Array.from(buffers.spineArray.subarray(0, 80 * SPINE_FRAME_STRIDE))).toEqual(Array.from(floats.subarray(0, 80 * SPINE_FRAME_STRIDE)));
    expect(buffers.spineData.version).toBe(version + 1);
    expect(buffers.spineData.updateRanges).toEqual([{ start: 0, count: 80 * SPINE_FRAME_STRIDE }]);
    expect(buffers.markers.drawRange.count).toBe(5);
    expect(Array.from((buffers.markerData.array as Float32Array).subarray(0, 5 * LOST_SITE_STRIDE))).toEqual(Array.from(floats.subarray(markerOffset, markerOffset + 5 * LOST_SITE_STRIDE)));
  });

  it('lays the instance attributes over the frame’s columns', () => {
    const buffers = new SpineBuffers(10, 10);
    const attributes = buffers.spines.attributes as Record<string, { offset: number; itemSize: number }>;
    expect([attributes.aBase.offset, attributes.aDirection.offset, attributes.aHead.offset, attributes.aCategory.offset]).toEqual([0, 3, 6, 7]);
    expect([attributes.aBase.itemSize, attributes.aDirection.itemSize, attributes.aHead.itemSize, attributes.aCategory.itemSize]).toEqual([3, 3, 1, 1]);
  });

  it('grows when the store outgrows it, replacing the geometry', () => {
    const buffers = new SpineBuffers(10, 2);
    const before = buffers.spines;
    const { floats, markerOffset } = frame(50, 30);
    expect(buffers.apply(floats, 50, markerOffset, 30)).toBe(true);
    expect(buffers.spines).not.toBe(before);
    expect(buffers.spines.instanceCount).toBe(50);
    expect(buffers.spineArray.length).toBeGreaterThanOrEqual(50 * SPINE_FRAME_STRIDE);
    expect(buffers.markers.drawRange.count).toBe(30);
    expect(buffers.spineArray[49 * SPINE_FRAME_STRIDE]).toBe(floats[49 * SPINE_FRAME_STRIDE]);
  });
});
