/**
 * The worker imports SWC files as the model and the CLI do (same refusals and warnings, spines only on
 * dendrites, loops refused unless repair is asked for), and hands the view a mesh built off the main thread.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulationApi, type RunSettings, type SimulationApi } from '../../workers/simulationApi';
import { importOutcomeCases } from '../model/swc/importOutcomeCases';

const fixtureDir = fileURLToPath(new URL('../fixtures/swc/', import.meta.url));
const base: RunSettings = { scenario: 'control', seed: 3, parameters: { burnInDays: 0 }, neuronCount: 1 };
let api: SimulationApi | null = null;
afterEach(() => {
  api?.stop();
  api = null;
});

function start(file: string, choices = {}) {
  api = createSimulationApi({ onFatal: (error) => { throw error; } });
  return api.start({ ...base, swc: { fileName: file, text: readFileSync(fixtureDir + file, 'utf8'), ...choices } }, { playing: false }, () => undefined);
}

describe('the worker on problem SWC files', () => {
  it.each(importOutcomeCases)('$outcome: $file', ({ file, outcome, message }) => {
    if (outcome === 'refuse') {
      expect(() => start(file)).toThrow(message);
      return;
    }
    const info = start(file);
    if (message) expect(info.imported!.warnings.join('\n')).toMatch(message);
    const spiny = info.neurons[0].branches.filter((b) => b.spiny);
    expect(spiny.length).toBeGreaterThan(0);
    expect(spiny.every((b) => b.kind !== 'other')).toBe(true);
    expect(info.dendriteMesh.ringsDrawn).toBeGreaterThan(0);
  });

  it('repairs loops only when asked, as the CLI does', () => {
    expect(() => start('self-parent.swc')).toThrow(/names itself as its parent/);
    expect(start('self-parent.swc', { repairLoops: true }).imported!.warnings.join(' ')).toMatch(/made it a root/);
  });

  it('reports the pia-up turn and keeps the file\'s axes on request', () => {
    expect(start('apical-down.swc').imported!.orientation).toEqual({ degrees: 178, by: 'apical dendrite' });
    expect(start('apical-down.swc', { orientation: 'file' }).imported!.orientation).toBeNull();
  });
});
