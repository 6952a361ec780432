import { describe, expect, it } from 'vitest';
import { encodeBench } from '../../src/state/benchLink';
import { DEFAULT_ENSEMBLE_FORM } from '../../src/state/ensembleRequest';
import { readSavedRun, SAVED_RUN_FORMAT, savedRunLink, type SavedRun } from '../../src/state/savedRuns';
import { parseUrlSettings } from '../../src/state/urlSettings';

const run: SavedRun = {
  format: SAVED_RUN_FORMAT,
  version: 1,
  name: 'day one',
  savedAt: '2026-12-01T04:00:00.000Z',
  scenario: 'stress',
  seed: '8',
  speedHoursPerSecond: 24,
  neuronCount: 2,
  timeHours: 24,
  bench: encodeBench({ protocol: null, parameters: { rescueDistanceUm: 2 }, ensemble: DEFAULT_ENSEMBLE_FORM }),
};

describe('saved runs', () => {
  it('reads a run back and opens it as a link, paused at its time', () => {
    expect(readSavedRun(run)).toEqual({ run });
    const settings = parseUrlSettings('', new URL(savedRunLink('http://127.0.0.1/app/', run)).hash);
    expect(settings).toMatchObject({ scenario: 'stress', seed: '8', neuronCount: 2, startHours: 24, paused: true, problems: [] });
    expect(settings.bench?.parameters).toEqual({ rescueDistanceUm: 2 });
  });

  it('refuses an old, foreign or damaged entry, saying why', () => {
    expect(readSavedRun({ ...run, version: 0 })).toEqual({ problem: 'it was saved in format 0; this SpineLab reads format 1' });
    expect(readSavedRun('text')).toEqual({ problem: 'it is not a saved run' });
    expect(readSavedRun({ ...run, scenario: 'happy' })).toEqual({ problem: 'its scenario "happy" does not exist' });
    expect(readSavedRun({ ...run, bench: 'x' })).toMatchObject({ problem: expect.stringMatching(/^its bench settings are not usable/) });
  });
});
