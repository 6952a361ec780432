/**
 * What a neuroscientist expects of each kind of file: spines on dendrites only, refusals that say what the
 * file holds, implausible radii and units reported with their evidence, neurons stood pia-up. The worker and
 * the CLI both import through `importSwcNeuron`; their own tests check that they pass its outcome on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spinyLengthUm } from '../../../src/model/Morphology.ts';
import { importSwcNeuron } from '../../../src/model/swc/importSwcNeuron.ts';
import { SwcError } from '../../../src/model/swc/SwcError.ts';

const fixtureDir = fileURLToPath(new URL('../../fixtures/swc/', import.meta.url));
const read = (file: string) => readFileSync(fixtureDir + file, 'utf8');
const load = (file: string, options = {}) => importSwcNeuron(read(file), { fileName: file, ...options });

function refusal(file: string): SwcError {
  try {
    load(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SwcError);
    return error as SwcError;
  }
  throw new Error(`${file} was accepted`);
}

describe('SWC import outcomes', () => {
  it('refuses an axon tracing, saying what the file holds', () => {
    const error = refusal('axon-only.swc');
    expect(error.code).toBe('no-dendrites');
    expect(error.message).toBe('axon-only.swc: no dendrites: the neuron holds 1 soma sample and 39 axon samples. ' +
      'Spines grow on basal (3) and apical (4) dendrites only.');
  });

  it('refuses a soma outline of several samples instead of growing spines on the soma', () => {
    const error = refusal('soma-only-outline.swc');
    expect(error.code).toBe('no-dendrites');
    expect(error.message).toMatch(/no dendrites: the neuron holds 6 soma samples\./);
  });

  it('refuses dendrites cut off from the soma, naming the fragments and keeping the parser\'s account', () => {
    const error = refusal('disconnected.swc');
    expect(error.code).toBe('no-dendrites');
    expect(error.message).toMatch(/2 trees not connected to its soma hold 24 samples \(starting on lines 4, 15\)/);
    expect(error.message).toMatch(/The file also had these problems: .*3 separate trees/);
  });

  it('never grows spines on an axon, even where its type turns into dendrite without a fork', () => {
    const imported = load('type-change-unbranched.swc');
    const kinds = imported.neuron.branches.map((b) => [b.kind, b.spiny]);
    expect(kinds).toEqual([['other', false], ['basal', true], ['apicalTrunk', true]]);
    // Five basal and five apical samples 10 µm apart, joined to the neurite before them.
    expect(imported.spinyLengthUm).toBeGreaterThan(90);
    expect(imported.spinyLengthUm).toBe(spinyLengthUm(imported.neuron));
  });

  it('replaces radii the geometry cannot allow, reporting their lines', () => {
    const imported = load('radius-labels.swc');
    const warning = imported.warnings.find((w) => /more than the cell allows/.test(w));
    expect(warning).toMatch(/^Line 4: a radius of 640 µm is more than the cell allows/);
    expect(warning).toMatch(/26 occurrences in all, on lines 4, 5, 6/);
    for (const branch of imported.neuron.branches) expect(Math.max(...branch.radiiUm)).toBeLessThanOrEqual(25);
  });

  it('warns with the evidence and a likely scale when the dendrites are far too large for micrometres', () => {
    const imported = load('units-em-voxels.swc');
    const warning = imported.warnings.find((w) => /dendrites reach/.test(w));
    expect(warning).toMatch(/the dendrites reach 24,020 µm from the soma, farther than any neuron's dendrites reach/);
    expect(warning).toMatch(/8 nm voxels .*scale 0\.008: 192 µm/);
    const rescaled = load('units-em-voxels.swc', { umPerUnit: 0.008 });
    expect(rescaled.warnings.some((w) => /dendrites reach/.test(w))).toBe(false);
    // Lengths scale with it, but for what lies inside the soma: its two neurites start at a soma of 40 µm
    // (the placeholder 600 replaced) unscaled, and of 600 × 0.008 = 4.8 µm scaled.
    const trimmedDifference = 2 * (40 - 600 * 0.008);
    expect(Math.abs(rescaled.spinyLengthUm - imported.spinyLengthUm * 0.008)).toBeLessThanOrEqual(trimmedDifference);
  });

  it('warns when the dendrites are far too small for micrometres, suggesting atlas voxels', () => {
    const warning = load('units-atlas-voxels.swc').warnings.find((w) => /dendrites reach/.test(w));
    expect(warning).toMatch(/reach 12 µm from the soma, less than any neuron's dendrites reach/);
    expect(warning).toMatch(/25 µm voxels \(atlas space\) \(scale 25: 300 µm\)/);
  });

  it('believes a header that says micrometres over the pixel-grid guess', () => {
    expect(load('grid-in-micrometres.swc').warnings.filter((w) => /pixels/.test(w))).toEqual([]);
  });

  it('stands an upside-down neuron pia-up by its apical dendrite, and keeps the file\'s axes on request', () => {
    const turned = load('apical-down.swc');
    expect(turned.orientation).toEqual({ degrees: 178, by: 'apical dendrite' });
    const apical = turned.neuron.branches.find((b) => b.kind === 'apicalTrunk')!;
    const tip = apical.pointsUm.length - 2;
    expect(apical.pointsUm[tip]).toBeGreaterThan(500);
    const asFile = load('apical-down.swc', { orientation: 'file' });
    expect(asFile.orientation).toBeNull();
    const apicalAsFile = asFile.neuron.branches.find((b) => b.kind === 'apicalTrunk')!;
    expect(apicalAsFile.pointsUm[apicalAsFile.pointsUm.length - 2]).toBeLessThan(-500);
    expect(asFile.spinyLengthUm).toBeCloseTo(turned.spinyLengthUm, 6);
  });

  it('starts dendrites at the soma surface, so no spine can sit inside the soma', () => {
    const imported = load('apical-down.swc', { orientation: 'file' });
    for (const branch of imported.neuron.branches.filter((b) => b.parentIndex < 0)) {
      const [x, y, z] = branch.pointsUm;
      expect(Math.hypot(x, y, z)).toBeGreaterThanOrEqual(imported.neuron.somaRadiusUm - 1e-9);
    }
  });
});
