import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplicate } from '../../src/model/runReplicate';
import { importSwcNeuron } from '../../src/model/swc/importSwcNeuron';
import { loadSweep, runSweep } from '../../src/cli/sweepRunner';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';
import { shortProtocol } from '../sweep/shortSweep';

/* The same protocol on several imported neurons: SWC files as a factor, named relative to the document. */

const fixtures = join(__dirname, '../fixtures/swc');
const files = ['crlf.swc', 'soma-three-point.swc'];
const document = validateSweepDocument({
  format: 'spinelab-sweep', version: 1, name: 'neurons', seed: 2,
  base: { protocol: shortProtocol, parameters: { burnInDays: 2 } },
  factors: [{ morphology: files }, { parameter: 'stressEliminationFactor', values: [1, 2] }],
  design: { type: 'grid' },
  readouts: ['liveSpines', 'density@2d'],
});
const copies = mkdtempSync(join(tmpdir(), 'spinelab-sweep-swc-'));
afterAll(() => rmSync(copies, { recursive: true, force: true }));

describe('morphology factors', () => {
  it('grow each point’s spines on its SWC file, as the one-protocol run on that neuron does', async () => {
    const result = await runSweep(document, { threads: 1, baseDirectory: fixtures });
    expect(result.points.map((p) => p.factors.morphology)).toEqual([files[0], files[0], files[1], files[1]]);
    for (const point of result.points) {
      const file = point.factors.morphology as string;
      const neuron = importSwcNeuron(readFileSync(join(fixtures, file), 'utf8'), { fileName: file }).neuron;
      const run = runReplicate({ protocol: shortProtocol, seed: point.seeds[0], parameters: { burnInDays: 2, stressEliminationFactor: point.factors.stressEliminationFactor }, neurons: [neuron] });
      expect(point.readouts.liveSpines).toBe(run.totalSpines);
    }
    expect(result.grid!.levels.morphology).toEqual(files);
  });

  it('hash the files’ contents with the document: the same files elsewhere match, an edited file does not', () => {
    const original = loadSweep(document, fixtures).plan.hash;
    for (const file of files) cpSync(join(fixtures, file), join(copies, file));
    expect(loadSweep(document, copies).plan.hash).toBe(original);
    writeFileSync(join(copies, files[1]), `${readFileSync(join(copies, files[1]), 'utf8')}# edited\n`);
    expect(loadSweep(document, copies).plan.hash).not.toBe(original);
  });

  it('refuse a missing or malformed file in one line naming it', () => {
    const missing = validateSweepDocument({ ...document, factors: [{ morphology: ['nope.swc'] }] });
    expect(() => loadSweep(missing, fixtures)).toThrow(`cannot read morphology file "${join(fixtures, 'nope.swc')}": no such file`);
    const cycle = validateSweepDocument({ ...document, factors: [{ morphology: ['cycle.swc'] }] });
    expect(() => loadSweep(cycle, fixtures)).toThrow(/^morphology file "cycle\.swc": .+$/);
  });
});
