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

/**
 * Ringed heads (outlined or hollow) are drawn at least this many times the palette's smallest head radius,
 * so that from afar the ring has room around a core as big as a plain head's.
 */
export const RINGED_MIN_RADIUS_FACTOR = 2;
/** Width of the ring, in multiples of the palette's smallest head radius (≈1.5 screen pixels)... */
export const RING_WIDTH_FACTOR = 0.9;
/** ...or this fraction of the drawn head radius, whichever is wider (up close). */
export const RING_WIDTH_FRACTION = 0.2;

/** True when the category's head is drawn with a ring (outline or ghost). */
export function ringed(category: SpineCategory): boolean {
  const cue = spineCues[category];
  return cue.outlined || cue.hollow;
}

/** The smallest drawn head radius of a category, from the palette's (pixels or world units alike). */
export function categoryMinHeadRadius(category: number, minHeadRadius: number): number {
  return ringed(category as SpineCategory) ? RINGED_MIN_RADIUS_FACTOR * minHeadRadius : minHeadRadius;
}

/** The cue table as the shader's per-category vec4 (striped, outlined, dotted, hollow as 0 or 1). */
export function cueVectors(): [number, number, number, number][] {
  return Array.from({ length: SPINE_CATEGORY_COUNT }, (_, i) => {
    const cue = spineCues[i as SpineCategory];
    return [cue.striped, cue.outlined, cue.dotted, cue.hollow].map(Number) as [number, number, number, number];
  });
}
