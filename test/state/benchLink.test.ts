import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { scenarioProtocol } from '../../src/model/scenarios';
import { decodeBench, encodeBench, type BenchState } from '../../src/state/benchLink';
import { DEFAULT_ENSEMBLE_FORM } from '../../src/state/ensembleRequest';
import { linkWithBench, parseUrlSettings, runLink } from '../../src/state/urlSettings';

const state: BenchState = {
  protocol: { ...scenarioProtocol('stress-ketamine', 1), name: 'mine', ketamine: [{ timeHours: 744, doseMgPerKg: 20 }] },
  parameters: { detectionThresholdUm3: 0.08 },
  ensemble: { ...DEFAULT_ENSEMBLE_FORM, conditions: [{ name: 'a', source: 'page', overridesText: 'rescueDistanceUm=2' }, { name: 'b', source: 'control', overridesText: '' }] },
};
const encodeRaw = (value: unknown) => compressToEncodedURIComponent(JSON.stringify(value));

describe('the bench in a link', () => {
  it('round-trips the protocol, parameters and conditions in URL-safe text shorter than the JSON', () => {
    const text = encodeBench(state);
    expect(text).toMatch(/^[A-Za-z0-9+\-$]+$/);
    expect(text.length).toBeLessThan(encodeURIComponent(JSON.stringify(state)).length);
    expect(decodeBench(text)).toEqual({ state });
    const link = linkWithBench('http://127.0.0.1/#scenario=stress&seed=2', text);
    expect(parseUrlSettings('', new URL(link).hash).bench).toEqual(state);
    // A new scenario or seed rewrites the run's part of the link and keeps the bench.
    expect(runLink(link, 'control', '3', 24)).toBe(`http://127.0.0.1/#scenario=control&seed=3&speed=24&bench=${text}`);
  });

  it('refuses damaged, newer or invalid state whole, in one sentence', () => {
    expect(decodeBench('garbage')).toEqual({ problem: expect.stringMatching(/not bench state SpineLab wrote/) });
    expect(decodeBench(encodeRaw({ ...state, version: 2 }))).toEqual({ problem: expect.stringMatching(/format 2; this SpineLab reads format 1/) });
    expect(decodeBench(encodeRaw({ version: 1, ...state, parameters: { detectionThresholdUm3: 7 } }))).toEqual({ problem: expect.stringMatching(/parameters are not usable \(detectionThresholdUm3 = 7 is out of range/) });
    expect(decodeBench(encodeRaw({ version: 1, ...state, protocol: { ...state.protocol, durationHours: -1 } }))).toEqual({ problem: expect.stringMatching(/protocol is not usable/) });
    expect(decodeBench(encodeRaw({ version: 1, ...state, ensemble: { ...state.ensemble, conditions: [state.ensemble.conditions[0]] } }))).toEqual({ problem: expect.stringMatching(/2 to 4 conditions/) });
    expect(parseUrlSettings('', '#bench=garbage').problems).toEqual([expect.stringMatching(/bench settings in the link .* could not be used/)]);
  });
});
