/**
 * The importer against twelve real SWC files (shared/swc-corpus, not part of this repository; see its README
 * for sources and licences). Skipped when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { neuronFromSwc } from '../../../src/model/swc/neuronFromSwc.ts';
import { parseSwc, type SwcParseOptions } from '../../../src/model/swc/parseSwc.ts';
import { catchSwcError } from './catchSwcError';

const corpusDir = fileURLToPath(new URL('../../../../shared/swc-corpus/', import.meta.url));
const corpusExists = existsSync(`${corpusDir}README.md`);

interface Accepted {
  file: string;
  options?: SwcParseOptions;
  /** Node count from the corpus README. */
  nodes: number;
  roots: number;
  somaForm: string;
  unitsHint: string;
  /** Parser warning codes, each with its count. */
  warnings: Record<string, number>;
  /** Conversion warning codes. */
  conversion: string[];
  /** Branch kinds that must occur. */
  kinds: string[];
}

const accepted: Accepted[] = [
  { file: '01_allen_Rbp4_L5_VISp_486556811.swc', nodes: 4007, roots: 1, somaForm: 'single-point', unitsHint: 'um',
    warnings: {}, conversion: [], kinds: ['basal', 'apicalTrunk', 'oblique', 'tuft', 'other'] },
  { file: '02_mouselight_AA0004_MOp5_tabs.swc', nodes: 531, roots: 1, somaForm: 'single-point', unitsHint: 'ccf-um',
    warnings: { 'ccf-coordinates': 1 }, conversion: [], kinds: ['basal'] },
  { file: '03_neuromorpho_BE104E_3pt_soma_crlf.CNG.swc', nodes: 5538, roots: 1, somaForm: 'three-point', unitsHint: 'um',
    warnings: { 'zero-radius': 1 }, conversion: ['radius-substituted'], kinds: ['basal', 'other'] },
  { file: '04_dg_21dpi_contra_infra_01_multipt_soma_mixed_eol.swc', nodes: 2195, roots: 1, somaForm: 'multi-point',
    unitsHint: 'um', warnings: {}, conversion: [], kinds: ['basal'] },
  { file: '05_fmost_17545-6151_unsorted_multiroot.swc', nodes: 3397, roots: 279, somaForm: 'single-point', unitsHint: 'um',
    warnings: { 'duplicate-soma-roots-merged': 10, 'multiple-roots': 278 },
    conversion: ['fragments-ignored', 'soma-radius-substituted'], kinds: ['basal', 'other'] },
  { file: '06_allen_Ctgf_L6b_pia_zero_based_ids.swc', nodes: 2497, roots: 1, somaForm: 'single-point', unitsHint: 'um',
    warnings: {}, conversion: [], kinds: ['basal', 'apicalTrunk', 'oblique', 'tuft', 'other'] },
  { file: '07_markram_C031097B-I4_negative_radii.CNG.swc', nodes: 5420, roots: 1, somaForm: 'single-point', unitsHint: 'um',
    warnings: { 'negative-radius': 815 }, conversion: [], kinds: ['basal', 'other'] },
  { file: '08_pymaid_neuron_38885_radius0_types5to8.swc', nodes: 6365, roots: 1, somaForm: 'single-point', unitsHint: 'nm',
    warnings: { 'zero-radius': 6364, 'soma-not-root': 1, 'fork-end-types-inherited': 425, 'units-probably-nm': 1 },
    conversion: ['no-dendrite-types', 'radius-substituted', 'units-converted-from-nm'], kinds: ['basal'] },
  { file: '09_trees_25HSS_scientific_notation.swc', nodes: 2252, roots: 1, somaForm: 'all-soma', unitsHint: 'um',
    warnings: { 'all-soma': 1 }, conversion: ['no-dendrite-types'], kinds: ['basal'] },
  { file: '10_samuroi_neutu_multiroot.swc', nodes: 52, roots: 4, somaForm: 'none', unitsHint: 'pixels',
    warnings: { 'multiple-roots': 3, 'no-soma': 1, 'units-probably-pixels': 1 },
    conversion: ['fragments-ignored', 'no-dendrite-types', 'units-scale-unknown'], kinds: ['basal', 'other'] },
  // File 11 has self-parents, which the notes say to reject (below); this is the "load anyway" repair.
  { file: '11_xyz2swc_NonStandard.swc', options: { parentLoops: 'make-root' }, nodes: 18, roots: 3, somaForm: 'none',
    unitsHint: 'um', warnings: { 'missing-radius': 18, 'missing-coordinate': 1, 'negative-type': 1,
      'self-parent-made-root': 2, 'multiple-roots': 2, 'no-soma': 1 },
    conversion: ['fragments-ignored', 'no-dendrite-types', 'radius-substituted', 'scale-implausible'], kinds: ['basal', 'other'] },
];

function read(file: string): string {
  return readFileSync(corpusDir + file, 'utf8');
}

describe.skipIf(!corpusExists)('parseSwc on the real-world corpus', () => {
  for (const row of accepted) {
    const label = row.options ? `${row.file} (self-parents made roots)` : row.file;
    it(`reads ${label} with the README's node count and the expected warnings`, () => {
      const result = parseSwc(read(row.file), { fileName: row.file, ...row.options });
      expect(result.nodes.count).toBe(row.nodes);
      expect(result.roots.length).toBe(row.roots);
      expect(result.somaForm).toBe(row.somaForm);
      expect(result.unitsHint).toBe(row.unitsHint);
      const counts = Object.fromEntries(result.warnings.map((warning) => [warning.code, warning.count]));
      expect(counts).toEqual(row.warnings);
      for (const warning of result.warnings) expect(warning.lines.length > 0 || warning.line === 0).toBe(true);
    });

    it(`converts ${label} into well-formed branches of the expected kinds`, () => {
      const parsed = parseSwc(read(row.file), { fileName: row.file, ...row.options });
      const { neuron, warnings } = neuronFromSwc(parsed);
      expect(warnings.map((warning) => warning.code).sort()).toEqual(row.conversion);
      expect(neuron.somaRadiusUm).toBeGreaterThan(0);
      expect(neuron.somaRadiusUm).toBeLessThanOrEqual(50);
      for (const branch of neuron.branches) {
        expect(branch.radiiUm.length).toBeGreaterThanOrEqual(2);
        expect(branch.lengthUm).toBeGreaterThan(0);
        expect(Math.min(...branch.radiiUm)).toBeGreaterThan(0);
        expect(branch.spiny).toBe(branch.kind !== 'other');
      }
      expect([...new Set(neuron.branches.map((branch) => branch.kind))].sort()).toEqual([...row.kinds].sort());
    });
  }

  it('finds the 0.0 radius of file 03 on line 2963 (id 2957)', () => {
    const result = parseSwc(read('03_neuromorpho_BE104E_3pt_soma_crlf.CNG.swc'));
    expect(result.warnings[0].lines).toEqual([2963]);
  });

  it('centres file 02 (CCF coordinates around 4700 µm) on its soma', () => {
    const { neuron } = neuronFromSwc(parseSwc(read('02_mouselight_AA0004_MOp5_tabs.swc')));
    const far = neuron.branches.flatMap((b) => Array.from(b.pointsUm)).reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    expect(far).toBeLessThan(1000);
  });

  it('reads file 08 in micrometres: a fly neuron with a 1.9 µm soma', () => {
    const { neuron } = neuronFromSwc(parseSwc(read('08_pymaid_neuron_38885_radius0_types5to8.swc')));
    expect(neuron.somaRadiusUm).toBeCloseTo(1.931, 3);
  });

  it('rejects file 11 at its first self-parent (line 22), as the notes require', () => {
    const error = catchSwcError(() => parseSwc(read('11_xyz2swc_NonStandard.swc'), { fileName: '11_xyz2swc_NonStandard.swc' }));
    expect(error.code).toBe('self-parent');
    expect(error.line).toBe(22);
    expect(error.field).toBe('parent');
    expect(error.message).toBe('11_xyz2swc_NonStandard.swc, line 22: sample 22 names itself as its parent, which makes ' +
      'a loop; a root has parent -1');
  });

  it('rejects the marker file 12 with a message that says it is not SWC', () => {
    const error = catchSwcError(() => parseSwc(read('12_allen_marker_file_NOT_swc.swc')));
    expect(error.code).toBe('comma-separated');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/marker file/);
  });
});
