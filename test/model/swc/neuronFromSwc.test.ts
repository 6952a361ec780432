import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Branch, Neuron } from '../../../src/model/Morphology.ts';
import { spinyLengthUm } from '../../../src/model/Morphology.ts';
import { MAX_NEURON_EXTENT_UM, MAX_SPINY_LENGTH_UM, neuronFromSwc, type NeuronFromSwcOptions } from '../../../src/model/swc/neuronFromSwc.ts';
import { parseSwc, type SwcParseOptions } from '../../../src/model/swc/parseSwc.ts';
import { SwcError } from '../../../src/model/swc/SwcError.ts';
import { catchSwcError } from './catchSwcError.ts';

const fixtureDir = fileURLToPath(new URL('../../fixtures/swc/', import.meta.url));

function convertFixture(file: string, options: NeuronFromSwcOptions = {}, parseOptions: SwcParseOptions = {}) {
  const parsed = parseSwc(readFileSync(fixtureDir + file, 'utf8'), { fileName: file, ...parseOptions });
  return neuronFromSwc(parsed, options);
}

function convertText(text: string, options: NeuronFromSwcOptions = {}) {
  return neuronFromSwc(parseSwc(text), options);
}

function codes(result: { warnings: readonly { code: string }[] }): string[] {
  return result.warnings.map((warning) => warning.code).sort();
}

function point(branch: Branch, i: number): number[] {
  return Array.from(branch.pointsUm.subarray(i * 3, i * 3 + 3));
}

function lastPoint(branch: Branch): number[] {
  return point(branch, branch.radiiUm.length - 1);
}

/** The structural promises of neuronFromSwc, checked on any neuron. */
function expectWellFormed(neuron: Neuron): void {
  expect(neuron.branches.length).toBeGreaterThan(0);
  expect(neuron.somaRadiusUm).toBeGreaterThan(0);
  neuron.branches.forEach((branch, index) => {
    expect(branch.index).toBe(index);
    expect(branch.radiiUm.length).toBeGreaterThanOrEqual(2);
    expect(branch.pointsUm.length).toBe(branch.radiiUm.length * 3);
    expect(branch.lengthUm).toBeGreaterThan(0);
    expect(Number.isFinite(branch.lengthUm)).toBe(true);
    for (const value of branch.pointsUm) expect(Number.isFinite(value)).toBe(true);
    for (const radius of branch.radiiUm) expect(radius).toBeGreaterThan(0);
    expect(branch.parentIndex).toBeLessThan(index);
    if (branch.parentIndex >= 0) {
      const parent = neuron.branches[branch.parentIndex];
      expect(branch.order).toBe(parent.order + 1);
      // A child section starts where its parent ends.
      expect(point(branch, 0)).toEqual(lastPoint(parent));
    } else {
      expect(branch.order).toBe(1);
    }
    expect(branch.spiny).toBe(branch.kind !== 'other');
  });
}

describe('neuronFromSwc on the clean fixture', () => {
  const { neuron, warnings } = convertFixture('soma-single-point.swc');

  it('converts without warnings and names the neuron after the file', () => {
    expect(warnings).toEqual([]);
    expect(neuron.name).toBe('soma-single-point');
    expectWellFormed(neuron);
  });

  it('puts the soma at the origin with its radius from the file', () => {
    expect(neuron.somaCentreUm).toEqual([0, 0, 0]);
    expect(neuron.somaRadiusUm).toBeCloseTo(5.1);
  });

  it('splits the tree at branch points into seven unbranched sections', () => {
    expect(neuron.branches.map((branch) => branch.kind).sort()).toEqual(
      ['apicalTrunk', 'basal', 'basal', 'basal', 'other', 'tuft', 'tuft'],
    );
  });

  it('starts soma-attached sections at their first neurite sample, relative to the soma centre', () => {
    const firstBasal = neuron.branches.find((branch) => branch.kind === 'basal' && branch.parentIndex === -1) as Branch;
    expect(point(firstBasal, 0).map((v) => +v.toFixed(4))).toEqual([6, 0, 0]);
    expect(firstBasal.radiiUm.length).toBe(2);
  });

  it('makes the axon non-spiny and every dendrite spiny', () => {
    const axon = neuron.branches.filter((branch) => branch.kind === 'other');
    expect(axon).toHaveLength(1);
    expect(axon[0].spiny).toBe(false);
    expect(neuron.branches.filter((branch) => branch.spiny)).toHaveLength(neuron.branches.length - 1);
    expect(spinyLengthUm(neuron)).toBeGreaterThan(0);
  });
});

describe('neuronFromSwc on every accepted fixture', () => {
  const expected = JSON.parse(readFileSync(`${fixtureDir}expected.json`, 'utf8')) as {
    cases: { file: string; options?: SwcParseOptions; result?: unknown }[];
  };
  for (const fixture of expected.cases) {
    if (!fixture.result) continue;
    it(`gives well-formed, soma-centred branches for ${fixture.file}${fixture.options ? ' (repaired)' : ''}`, () => {
      const { neuron } = convertFixture(fixture.file, {}, fixture.options);
      expectWellFormed(neuron);
    });
  }

  it('gives the same lengths whatever the line endings, id order or number format', () => {
    const reference = convertFixture('soma-single-point.swc').neuron.branches.map((b) => b.lengthUm).sort();
    for (const file of ['lone-cr.swc', 'unordered-ids.swc', 'zero-based-ids.swc', 'number-forms.swc', 'soma-duplicate-roots.swc']) {
      const lengths = convertFixture(file).neuron.branches.map((b) => b.lengthUm).sort();
      expect(lengths.length, file).toBe(reference.length);
      lengths.forEach((length, i) => expect(length, file).toBeCloseTo(reference[i], 4));
    }
  });
});

describe('neuronFromSwc soma forms', () => {
  it('uses the centre and radius of a 3-point soma and leaves its two extra samples out of the branches', () => {
    const { neuron } = convertFixture('soma-three-point.swc');
    expect(neuron.somaRadiusUm).toBeCloseTo(5);
    expect(neuron.branches).toHaveLength(7);
  });

  it('centres a contour soma on its centroid with the mean distance as radius', () => {
    const { neuron } = convertFixture('soma-contour.swc');
    expect(neuron.somaRadiusUm).toBeCloseTo(6, 2);
    const basal = neuron.branches.find((b) => b.kind === 'basal' && b.parentIndex === -1) as Branch;
    expect(point(basal, 0)[0]).toBeCloseTo(6, 2);
  });

  it('re-rooted at a mid-tree soma, the soma is at the origin', () => {
    const { neuron, warnings } = convertFixture('soma-mid-tree.swc');
    // The former root is an undefined-type (0) sample: its section is kept as non-spiny "other".
    expect(codes({ warnings })).toEqual(['unknown-types-not-spiny']);
    expect(neuron.somaCentreUm).toEqual([0, 0, 0]);
    expect(neuron.branches.filter((b) => b.parentIndex === -1)).toHaveLength(3);
  });

  it('without a soma, centres the tree on its centroid and lets the root stand in for the soma', () => {
    const { neuron } = convertFixture('no-soma.swc');
    const parsed = parseSwc(readFileSync(`${fixtureDir}no-soma.swc`, 'utf8'));
    const n = parsed.nodes;
    const centroid = [n.x, n.y, n.z].map((column) => column.reduce((sum, v) => sum + v, 0) / n.count);
    const root = [n.x[0] - centroid[0], n.y[0] - centroid[1], n.z[0] - centroid[2]];
    neuron.somaCentreUm.forEach((v, i) => expect(v).toBeCloseTo(root[i], 5));
    expect(neuron.somaRadiusUm).toBeCloseTo(1.1);
    // Sections leaving the root start at the root itself.
    for (const branch of neuron.branches.filter((b) => b.parentIndex === -1)) {
      point(branch, 0).forEach((v, i) => expect(v).toBeCloseTo(root[i], 5));
    }
  });

  it('replaces a placeholder soma radius by where the neurites leave the soma', () => {
    const text = '1 1 0 0 0 100 -1\n2 3 8 0 0 1 1\n3 3 30 0 0 1 2\n4 3 0 6 0 1 1\n5 3 0 30 0 1 4\n6 3 -10 0 0 1 1\n7 3 -30 0 0 1 6\n';
    const result = convertText(text);
    expect(codes(result)).toEqual(['soma-radius-substituted']);
    expect(result.neuron.somaRadiusUm).toBeCloseTo(8);
  });
});

describe('neuronFromSwc kinds', () => {
  it('treats untyped neurites as spiny basal dendrites when no sample is typed dendrite, but never the axon', () => {
    for (const file of ['all-soma.swc', 'types-beyond-four.swc']) {
      const text = readFileSync(fixtureDir + file, 'utf8');
      const untyped = file === 'types-beyond-four.swc' ? text.replace(/^(\d+) [34] /gm, '$1 0 ') : text;
      const result = neuronFromSwc(parseSwc(untyped));
      expect(codes(result), file).toContain('no-dendrite-types');
      expect(result.neuron.branches.some((b) => b.kind === 'basal' && b.spiny), file).toBe(true);
      expect(result.neuron.branches.every((b) => b.spiny === (b.kind === 'basal')), file).toBe(true);
    }
    const axonToo = neuronFromSwc(parseSwc(readFileSync(fixtureDir + 'types-beyond-four.swc', 'utf8').replace(/^(\d+) [34] /gm, '$1 0 ')));
    expect(axonToo.warnings.find((w) => w.code === 'no-dendrite-types')?.message).toMatch(/axon sample\(s\) \(type 2\) get no spines/);
  });

  it('keeps sections of custom type codes as non-spiny "other" when the file has dendrite types', () => {
    const result = convertFixture('types-beyond-four.swc');
    expect(codes(result)).toEqual(['unknown-types-not-spiny']);
    expect(result.neuron.branches.some((b) => b.kind === 'other' && !b.spiny)).toBe(true);
  });

  it('splits a pyramidal apical tree into trunk, obliques and tuft', () => {
    // Trunk straight up 0 → 300 µm with short obliques at 60, 120 and 180 µm; main fork at 300 µm into two
    // tuft branches that reach 420 µm and fork again.
    const rows = ['1 1 0 0 0 6 -1'];
    let id = 1;
    const add = (type: number, x: number, y: number, parent: number): number => {
      id++;
      rows.push(`${id} ${type} ${x} ${y} 0.3 1 ${parent}`);
      return id;
    };
    let trunk = 1;
    for (let y = 20; y <= 300; y += 20) {
      trunk = add(4, 0, y, trunk);
      if (y === 60 || y === 120 || y === 180) add(4, 30, y + 20, add(4, 15, y + 8, trunk));
    }
    for (const side of [-1, 1]) {
      const a = add(4, side * 40, 360, trunk);
      const b = add(4, side * 60, 400, a);
      add(4, side * 50, 420, b);
      add(4, side * 80, 415, b);
    }
    add(3, 0, -40, add(3, 0, -20, 1));
    const { neuron } = convertText(rows.join('\n'));
    expectWellFormed(neuron);
    const count = (kind: string) => neuron.branches.filter((b) => b.kind === kind).length;
    expect(count('apicalTrunk')).toBe(4);
    expect(count('oblique')).toBe(3);
    expect(count('tuft')).toBe(6);
    expect(count('basal')).toBe(1);
    const trunkTop = Math.max(...neuron.branches.filter((b) => b.kind === 'apicalTrunk').map((b) => lastPoint(b)[1]));
    expect(trunkTop).toBeCloseTo(300);
  });
});

describe('neuronFromSwc repairs', () => {
  it('converts nanometres to micrometres when the parser detected them', () => {
    const micrometres = convertFixture('soma-single-point.swc').neuron;
    const result = convertFixture('units-nm.swc');
    expect(codes(result)).toEqual(['units-converted-from-nm']);
    expect(result.neuron.somaRadiusUm).toBeCloseTo(5.1, 2);
    const total = (neuron: Neuron) => neuron.branches.reduce((sum, b) => sum + b.lengthUm, 0);
    expect(total(result.neuron)).toBeCloseTo(total(micrometres), 0);
  });

  it('uses a scale given by the caller instead of the guess', () => {
    const result = convertFixture('units-pixels.swc', { umPerUnit: 0.25 });
    expect(codes(result)).toEqual([]);
    const unscaled = convertFixture('units-pixels.swc');
    expect(codes(unscaled)).toEqual(['units-scale-unknown']);
    expect(result.neuron.branches[0].lengthUm).toBeCloseTo(unscaled.neuron.branches[0].lengthUm * 0.25, 4);
  });

  it("gives zero and NA radii the parent's radius or the default, and negative radii their magnitude", () => {
    const result = convertFixture('radius-zero-negative-na.swc');
    expect(codes(result)).toEqual(['radius-substituted']);
    expect(result.warnings[0].lines).toEqual([4, 8, 9]);
    const radii = result.neuron.branches.flatMap((b) => Array.from(b.radiiUm));
    expect(Math.min(...radii)).toBeGreaterThan(0);
    expect(radii).toContain(Math.fround(0.7)); // |−0.7|
  });

  it('never copies the soma radius down a file without radii', () => {
    const result = convertText('1 1 0 0 0 9 -1\n2 0 5 0 0 0 1\n3 0 10 0 0 0 2\n4 0 10 5 0 0 3\n');
    const radii = result.neuron.branches.flatMap((b) => Array.from(b.radiiUm));
    expect(radii.every((r) => r === 0.5)).toBe(true);
  });

  it('skips sections whose samples coincide and re-attaches their children', () => {
    // 2 and 3 coincide (section 2–3 keeps one point, so it starts at the soma); 3 forks into 4 (on top of 3:
    // degenerate, skipped) and 5; 4 continues to 6, which must hang from the section that ends at 3.
    const result = convertText('1 1 0 0 0 5 -1\n2 3 10 0 0 1 1\n3 3 10 0 0 1 2\n4 3 10 0 0 1 3\n5 3 20 0 0 1 3\n' +
      '6 3 10 8 0 1 4\n7 3 10 -8 0 1 4\n');
    expect(codes(result)).toEqual(['degenerate-sections-skipped']);
    expectWellFormed(result.neuron);
    const [stem, ...rest] = result.neuron.branches;
    // The stem starts where it leaves the soma sphere (radius 5), not at its centre.
    expect(point(stem, 0)).toEqual([5, 0, 0]);
    expect(rest.every((b) => b.parentIndex === 0 && b.order === 2)).toBe(true);
    expect(rest).toHaveLength(3);
  });

  it('reports the trees it leaves out', () => {
    const result = convertFixture('forest.swc');
    expect(codes(result)).toEqual(['fragments-ignored']);
    expect(result.warnings[0].count).toBe(2);
  });

  it('refuses a reconstruction with nothing but a soma', () => {
    const parsed = parseSwc('1 1 0 0 0 5 -1\n2 1 0 0 0 5 1\n', { fileName: 'soma.swc' });
    expect(() => neuronFromSwc(parsed)).toThrow(SwcError);
    try {
      neuronFromSwc(parsed);
    } catch (error) {
      expect((error as SwcError).code).toBe('no-dendrites');
      expect((error as SwcError).message).toBe('soma.swc: no dendrites: the neuron holds 2 soma samples. Spines grow on basal (3) and apical (4) dendrites only.');
    }
  });
});

describe('neuronFromSwc refuses neurons larger than any real one', () => {
  it('refuses a sample beyond 10 cm from the soma (a two-line file with x = 1e12), naming its line and field', () => {
    const error = catchSwcError(() => convertText('1 1 0 0 0 1 -1\n2 3 1e12 0 0 1 1\n'));
    expect(error.code).toBe('out-of-range');
    expect(error.line).toBe(2);
    expect(error.field).toBe('x');
    expect(error.message).toContain('1,000,000 mm from the soma (read as nanometres)');
    expect(error.message).toContain(`beyond ${MAX_NEURON_EXTENT_UM / 1000} mm`);
  });

  it('refuses a sample far away on any axis, in micrometres as well', () => {
    const error = catchSwcError(() => convertText('1 1 0 0 0 5 -1\n2 3 0 0 -200000 1 1\n', { umPerUnit: 1 }));
    expect(error.field).toBe('z');
    expect(error.message).toContain('200 mm from the soma;');
  });

  it('refuses more than 1 m of dendrite within the extent limit', () => {
    // A zig-zag between x = ±90 mm (in nanometres): 12 segments of 180 mm.
    const rows = ['1 1 0 0 0 5000 -1', ...Array.from({ length: 12 }, (_, i) => `${i + 2} 3 ${i % 2 ? 9e7 : -9e7} ${i} 0 1000 ${i + 1}`)];
    const error = catchSwcError(() => convertText(rows.join('\n')));
    expect(error.code).toBe('out-of-range');
    expect(error.message).toContain('1,980 mm of dendrite');
    expect(error.message).toContain(`at most ${(MAX_SPINY_LENGTH_UM / 1000).toLocaleString('en-US')} mm`);
  });

  it('accepts a neuron just inside both limits', () => {
    const result = convertText('1 1 0 0 0 5 -1\n2 3 99000 0 0 1 1\n', { umPerUnit: 1 });
    // The dendrite starts at the soma's surface, 5 µm out.
    expect(spinyLengthUm(result.neuron)).toBeCloseTo(99000 - 5, 0);
  });
});
