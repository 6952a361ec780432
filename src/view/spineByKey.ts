import { SPINE_FRAME_CATEGORY, SPINE_FRAME_DIRECTION, SPINE_FRAME_STRIDE, SpineCategory } from '../model/writeSpineFrame';

/**
 * The slot of the next (step 1) or previous (−1) spine drawn in a frame, after `from` (−1: none yet),
 * wrapping round; spines being lost are skipped. −1 when none is drawn. Lets the keyboard select spines
 * one by one, as a click does.
 */
export function nextSpineSlot(floats: Float32Array, spineCount: number, from: number, step: 1 | -1): number {
  if (spineCount <= 0) return -1;
  let slot = from < 0 ? (step === 1 ? -1 : spineCount) : from;
  for (let tried = 0; tried < spineCount; tried++) {
    slot = (slot + step + spineCount) % spineCount;
    const o = slot * SPINE_FRAME_STRIDE;
    const shown = floats[o + SPINE_FRAME_DIRECTION] !== 0 || floats[o + SPINE_FRAME_DIRECTION + 1] !== 0 || floats[o + SPINE_FRAME_DIRECTION + 2] !== 0;
    if (shown && floats[o + SPINE_FRAME_CATEGORY] !== SpineCategory.Eliminated) return slot;
  }
  return -1;
}
