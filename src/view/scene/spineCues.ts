import { SPINE_CATEGORY_COUNT, SpineCategory } from '../../model/writeSpineFrame';

/**
 * How each spine category is drawn besides its colour, so that the categories still differ under colour
 * blindness and in greyscale: a second cue in the shape of the head. The spine shader (materials.ts) and
 * the legend's glyphs (SpineGlyph.tsx) both read this table. None of the cues moves, so reduced motion
 * needs nothing more.
 */
export interface SpineCue {
  /** Dark bands across the head. */
  readonly striped: boolean;
  /** An outline ring in the palette's `spineOutline` colour around the head. */
  readonly outlined: boolean;
  /** A dark dot in the middle of the head. */
  readonly dotted: boolean;
  /** Only a ring in the category's colour: an empty head, a ghost. */
  readonly hollow: boolean;
}

export const spineCues: Readonly<Record<SpineCategory, SpineCue>> = {
  [SpineCategory.FromStart]: { striped: false, outlined: false, dotted: false, hollow: false },
  [SpineCategory.New]: { striped: true, outlined: false, dotted: false, hollow: false },
  [SpineCategory.Ketamine]: { striped: false, outlined: true, dotted: false, hollow: false },
  [SpineCategory.KetamineAtLostSite]: { striped: false, outlined: true, dotted: true, hollow: false },
  [SpineCategory.Eliminated]: { striped: false, outlined: false, dotted: false, hollow: true },
};

/** Width of the ring, in multiples of the palette's smallest head radius (≈1.5 screen pixels)... */
export const RING_WIDTH_FACTOR = 0.9;
/** ...or this fraction of the drawn head radius, whichever is wider (up close). */
export const RING_WIDTH_FRACTION = 0.2;

/** True when the category's head is drawn with a ring (outline or ghost). */
export function ringed(category: SpineCategory): boolean {
  const cue = spineCues[category];
  return cue.outlined || cue.hollow;
}

/**
 * Far away, every spine is drawn at the smallest head radius, many times its true size, and a branch's
 * spines run into one band whose look no longer changes with their number: a stressed neuron would not
 * look sparser. So once the smallest size enlarges a typical head more than `FAR_ENLARGEMENT` times, the
 * smallest size shrinks (as the square root of the excess, to at most `FAR_MIN_FACTOR` of it) and spines
 * stay apart enough for their density to show.
 */
export const FAR_ENLARGEMENT = 5;
export const FAR_MIN_FACTOR = 0.6;
/** A typical head radius (µm), to measure enlargement the same way for every spine. */
export const TYPICAL_HEAD_RADIUS_UM = 0.3;

/**
 * The smallest drawn head radius of a category, in the units of `minHeadRadius` (the palette's, in
 * drawing-buffer pixels), where one such pixel is `pixel` µm at the spine. A ringed head (outline or ghost)
 * is a plain head's core with the ring around it, so that from afar its colour covers no more than a
 * plain head's and the spines induced by ketamine do not look more numerous than they are. The spine
 * shader mirrors it.
 */
export function categoryMinHeadRadius(category: number, minHeadRadius: number, pixel: number): number {
  const enlargement = (minHeadRadius * pixel) / TYPICAL_HEAD_RADIUS_UM;
  const far = Math.min(1, Math.max(FAR_MIN_FACTOR, Math.sqrt(FAR_ENLARGEMENT / Math.max(enlargement, 1e-9))));
  return (far + (ringed(category as SpineCategory) ? RING_WIDTH_FACTOR : 0)) * minHeadRadius;
}

/** The cue table as the shader's per-category vec4 (striped, outlined, dotted, hollow as 0 or 1). */
export function cueVectors(): [number, number, number, number][] {
  return Array.from({ length: SPINE_CATEGORY_COUNT }, (_, i) => {
    const cue = spineCues[i as SpineCategory];
    return [cue.striped, cue.outlined, cue.dotted, cue.hollow].map(Number) as [number, number, number, number];
  });
}
