/**
 * The CLI imports SWC files as the model does (tests in test/model/swc): the same refusals and warnings,
 * word for word, and spines only on dendrites. Each run exports the spines at day 0 with no burn-in, so it
 * is quick.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOutcomeCases } from '../model/swc/importOutcomeCases';
import { cli, projectRoot } from './runCli';

const fixture = (file: string) => join(projectRoot, 'test/fixtures/swc', file);
const QUICK = ['--set', 'burnInDays=0', '--spines-at', '0'];

describe('the CLI on problem SWC files', () => {
  it.each(importOutcomeCases)('$outcome: $file', async ({ file, outcome, message }) => {
    const run = await cli(['--morphology', fixture(file), ...QUICK]);
    if (outcome === 'refuse') {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(run.stderr).toMatch(message!);
      return;
    }
    expect(run.code).toBe(0);
    if (message) expect(run.stderr).toMatch(message);
    const exported = JSON.parse(run.stdout);
    expect(exported.spineCount).toBeGreaterThan(0);
    expect(exported.spines.branchKind.every((kind: string) => kind !== 'other')).toBe(true);
  });

  it('applies --swc-scale, and keeps the file\'s axes with --swc-orientation file', async () => {
    const scaled = await cli(['--morphology', fixture('units-em-voxels.swc'), '--swc-scale', '0.008', ...QUICK]);
    expect(scaled.code).toBe(0);
    expect(scaled.stderr).not.toMatch(/dendrites reach/);
    const turned = await cli(['--morphology', fixture('apical-down.swc'), ...QUICK]);
    expect(turned.stderr).toMatch(/^note: apical-down\.swc: turned 178° so that its apical dendrite points up \(pia up\); --swc-orientation file keeps the file's axes$/m);
    const asFile = await cli(['--morphology', fixture('apical-down.swc'), '--swc-orientation', 'file', ...QUICK]);
    expect(asFile.stderr).toBe('');
    const tipY = (run: typeof turned) => Math.max(...JSON.parse(run.stdout).neurons[0].branches.flatMap((b: { pointsUm: number[] }) => b.pointsUm.filter((_, i) => i % 3 === 1)));
    expect(tipY(turned)).toBeGreaterThan(500);
    expect(tipY(asFile)).toBeLessThan(100);
  });

  it('refuses SWC options without an SWC file, and a scale that is not a positive decimal', async () => {
    expect((await cli(['--swc-scale', '0.5'])).stderr).toBe('spinelab: --swc-scale applies to an SWC file; give it with --morphology FILE.swc\n');
    expect((await cli(['--morphology', fixture('apical-down.swc'), '--swc-scale', '0x10'])).stderr).toMatch(/--swc-scale must be the file's micrometres per unit/);
  });
});
