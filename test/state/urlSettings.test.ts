import { describe, expect, it } from 'vitest';
import { DEFAULT_NEURON_COUNT, DEFAULT_SCENARIO, DEFAULT_SEED, DEFAULT_SPEED_HOURS_PER_SECOND, parseUrlSettings, runLink } from '../../src/state/urlSettings';

describe('parseUrlSettings', () => {
  it('opens the stress-ketamine story with the defaults when the link says nothing', () => {
    expect(parseUrlSettings('')).toEqual({
      scenario: DEFAULT_SCENARIO,
      seed: DEFAULT_SEED,
      speedHoursPerSecond: DEFAULT_SPEED_HOURS_PER_SECOND,
      neuronCount: DEFAULT_NEURON_COUNT,
      testMode: false,
      paused: false,
      problems: [],
    });
    expect(DEFAULT_SCENARIO).toBe('stress-ketamine');
  });

  it('starts the run a lecturer’s link describes', () => {
    const settings = parseUrlSettings('?scenario=stress-ketamine-ablation&seed=lecture-3&speed=6&neurons=1&test&paused');
    expect(settings).toMatchObject({ scenario: 'stress-ketamine-ablation', seed: 'lecture-3', speedHoursPerSecond: 6, neuronCount: 1, testMode: true, paused: true, problems: [] });
  });

  it('falls back to the default for each invalid value and says what was wrong', () => {
    const settings = parseUrlSettings('?scenario=happy&seed=%3Cscript%3E&speed=fast&neurons=500');
    expect(settings.scenario).toBe(DEFAULT_SCENARIO);
    expect(settings.seed).toBe(DEFAULT_SEED);
    expect(settings.speedHoursPerSecond).toBe(DEFAULT_SPEED_HOURS_PER_SECOND);
    expect(settings.neuronCount).toBe(DEFAULT_NEURON_COUNT);
    expect(settings.problems).toHaveLength(4);
    expect(settings.problems[0]).toMatch(/scenario "happy".*does not exist/);
    expect(settings.problems[2]).toMatch(/speed "fast"/);
  });

  it('refuses speeds outside the offered range, empty values and fractional neuron counts', () => {
    expect(parseUrlSettings('?speed=0').problems).toHaveLength(1);
    expect(parseUrlSettings('?speed=').problems).toHaveLength(1);
    expect(parseUrlSettings('?speed=100000').problems).toHaveLength(1);
    expect(parseUrlSettings('?neurons=1.5').problems).toHaveLength(1);
    expect(parseUrlSettings('?seed=').problems).toHaveLength(1);
  });

  it('writes a link that starts the same run', () => {
    const link = runLink('http://127.0.0.1:5173/?test', 'control', '7', 12);
    expect(parseUrlSettings(new URL(link).search)).toMatchObject({ scenario: 'control', seed: '7', speedHoursPerSecond: 12, testMode: true });
  });
});
