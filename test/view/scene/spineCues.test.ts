import { describe, expect, it } from 'vitest';
import type { Vector4 } from 'three';
import { SPINE_CATEGORY_COUNT, SPINE_FRAME_STRIDE, SpineCategory } from '../../../src/model/writeSpineFrame';
import { projectorPalette, screenPalette } from '../../../src/view/palette';
import { createSpineMaterial } from '../../../src/view/scene/materials';
import { spineHead } from '../../../src/view/scene/pickSpine';
import { categoryMinHeadRadius, FAR_ENLARGEMENT, FAR_MIN_FACTOR, RING_WIDTH_FACTOR, spineCues, TYPICAL_HEAD_RADIUS_UM } from '../../../src/view/scene/spineCues';

const categories = [...Array(SPINE_CATEGORY_COUNT).keys()] as SpineCategory[];

describe('spine shape cues (a second cue besides colour)', () => {
  it('gives every category its own cue, and only the first has none', () => {
    const keys = categories.map((c) => JSON.stringify(spineCues[c]));
    expect(new Set(keys).size).toBe(SPINE_CATEGORY_COUNT);
    const plain = categories.filter((c) => !Object.values(spineCues[c]).some(Boolean));
    expect(plain).toEqual([SpineCategory.FromStart]);
  });

  it('hands the shader one distinct cue vector per category, and an outline colour that differs from the background', () => {
    for (const palette of [screenPalette, projectorPalette]) {
      const material = createSpineMaterial(palette, 1);
      const cues = material.uniforms.uCue.value as Vector4[];
      expect(cues).toHaveLength(SPINE_CATEGORY_COUNT);
      expect(new Set(cues.map((v) => v.toArray().join())).size).toBe(SPINE_CATEGORY_COUNT);
      cues.forEach((v, c) => expect(v.toArray()).toEqual([spineCues[c as SpineCategory].striped, spineCues[c as SpineCategory].outlined, spineCues[c as SpineCategory].dotted, spineCues[c as SpineCategory].hollow].map(Number)));
      expect(material.uniforms.uOutline.value.getHexString()).not.toBe(palette.background.slice(1).toLowerCase());
      expect(material.vertexShader).toContain('uCue[category]');
      material.dispose();
    }
  });

  it('draws a ringed head (outline, ghost) as a plain head’s core with the ring around it, near and far, and picking agrees', () => {
    const ring = RING_WIDTH_FACTOR * 1.6;
    for (const pixel of [0.1, 1, 10]) {
      const plain = categoryMinHeadRadius(SpineCategory.FromStart, 1.6, pixel);
      expect(categoryMinHeadRadius(SpineCategory.New, 1.6, pixel)).toBe(plain);
      // The colour inside the ring covers what a plain head covers: ketamine's spines look no more numerous.
      expect(categoryMinHeadRadius(SpineCategory.Ketamine, 1.6, pixel) - ring).toBeCloseTo(plain, 12);
      expect(categoryMinHeadRadius(SpineCategory.Eliminated, 1.6, pixel) - ring).toBeCloseTo(plain, 12);
    }
    // Near (0.1 µm a pixel): the palette's smallest radius.
    expect(categoryMinHeadRadius(SpineCategory.FromStart, 1.6, 0.1)).toBe(1.6);
    // Far away (one pixel = 1 µm at the spine): picking sizes a tiny head as the shader draws it.
    const sizing = { cameraPosition: [0, 0, 1000] as const, cameraForward: [0, 0, -1] as const, pixelWorld: 0.001, minHeadRadiusPx: 1.6, minDendriteRadiusPx: 0 };
    const radius = (category: SpineCategory) => spineHead(new Float32Array([0, 0, 0, 0, 1, 0, 0.6, category]), 0, sizing, [0, 0, 0]);
    expect(SPINE_FRAME_STRIDE).toBe(8);
    expect(radius(SpineCategory.FromStart)).toBeCloseTo(categoryMinHeadRadius(SpineCategory.FromStart, 1.6, 1), 6);
    expect(radius(SpineCategory.Ketamine)).toBeCloseTo(categoryMinHeadRadius(SpineCategory.Ketamine, 1.6, 1), 6);
  });

  it('shrinks the smallest plain head far away, so that a branch’s spines do not merge into one band', () => {
    // Enlargement of a typical head: 1.6 px × pixel / 0.3 µm. Up to FAR_ENLARGEMENT, no change.
    const atEnlargement = (e: number) => categoryMinHeadRadius(SpineCategory.New, 1.6, (e * TYPICAL_HEAD_RADIUS_UM) / 1.6) / 1.6;
    expect(atEnlargement(FAR_ENLARGEMENT)).toBeCloseTo(1, 12);
    expect(atEnlargement(2 * FAR_ENLARGEMENT)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(atEnlargement(100 * FAR_ENLARGEMENT)).toBe(FAR_MIN_FACTOR);
    // Monotone: farther never draws bigger.
    for (let e = 1; e < 40; e++) expect(atEnlargement(e + 1)).toBeLessThanOrEqual(atEnlargement(e));
  });
});
