import { describe, expect, it } from 'vitest';
import { createSimulationApi, type RunSettings } from '../../workers/simulationApi';

const run: RunSettings = { scenario: 'stress-ketamine', seed: 4, parameters: { burnInDays: 2 }, neuronCount: 1 };

/** The worker API driven directly (no channel): frames are dropped, only the run's state matters here. */
function started() {
  const api = createSimulationApi({ onFatal: (error) => { throw error; } });
  api.start(run, { playing: false, framesPerSecond: 1 }, () => undefined);
  return api;
}

describe('seek', () => {
  it('back then forward again gives the very state the run had (deterministic re-simulation)', () => {
    const api = started();
    api.seek(100);
    const first = api.exportSpines();
    const sessionsFirst = api.series(0, 0).sessions.length;
    api.seek(30);
    expect(JSON.parse(api.exportSpines()).timeHours).toBe(30);
    // Charts go back with the clock: only the sessions up to the new time.
    expect(api.series(0, 0).sessions.every((s) => s.timeHours <= 30)).toBe(true);
    api.seek(100);
    expect(api.exportSpines()).toBe(first);
    expect(api.series(0, 0).sessions.length).toBe(sessionsFirst);
    api.stop();
  });

  it('clamps to the protocol and refuses a time that is not a number', () => {
    const api = started();
    api.seek(-5);
    expect(JSON.parse(api.exportSpines()).timeHours).toBe(0);
    expect(() => api.seek(Number.NaN)).toThrow(/a time to seek to must be a number of hours/);
    api.stop();
  });
});
