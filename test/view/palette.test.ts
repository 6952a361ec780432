import { describe, expect, it } from 'vitest';
import { SPINE_CATEGORY_COUNT } from '../../src/model/writeSpineFrame';
import { okabeIto, projectorPalette, screenPalette, spineLegend } from '../../src/view/palette';

describe('palette', () => {
  it('has one distinct colour per spine category in both settings, and a legend entry for each', () => {
    for (const palette of [screenPalette, projectorPalette]) {
      expect(palette.spines).toHaveLength(SPINE_CATEGORY_COUNT);
      expect(new Set(palette.spines).size).toBe(SPINE_CATEGORY_COUNT);
    }
    expect(spineLegend.map((e) => e.category).sort()).toEqual([...Array(SPINE_CATEGORY_COUNT).keys()]);
  });

  it('draws the story’s colours from the Okabe–Ito set (colour-blind safe)', () => {
    const safe = new Set<string>(Object.values(okabeIto));
    for (const palette of [screenPalette, projectorPalette]) {
      // Category 0 (there from the start) is a neutral grey; the others carry the story.
      for (const colour of palette.spines.slice(1)) expect(safe.has(colour)).toBe(true);
    }
  });

  it('makes the projector setting high-contrast: white background, darker lines, bigger minimum sizes', () => {
    expect(projectorPalette.background).toBe('#ffffff');
    expect(projectorPalette.chartLineWidth).toBeGreaterThan(screenPalette.chartLineWidth * 2 - 1);
    expect(projectorPalette.minHeadRadiusPx).toBeGreaterThan(screenPalette.minHeadRadiusPx);
    expect(projectorPalette.minDendriteRadiusPx).toBeGreaterThan(screenPalette.minDendriteRadiusPx);
  });
});
