import { describe, expect, it } from 'vitest';
import { phaseLabel } from '../../src/model/phaseLabel';
import { DOSE_HOURS, RESTRESS_START_HOURS, scenarioProtocol, STRESS_END_HOURS, STRESS_START_HOURS } from '../../src/model/scenarios';

const day = 24;

describe('phaseLabel', () => {
  const story = scenarioProtocol('stress-ketamine');

  it('names the baseline days before stress', () => {
    expect(phaseLabel(story, 0)).toEqual({ kind: 'baseline', text: 'baseline day 0' });
    expect(phaseLabel(story, 4 * day + 3).text).toBe('baseline day 4');
  });

  it('counts the days of stress from 1', () => {
    expect(phaseLabel(story, STRESS_START_HOURS)).toEqual({ kind: 'stress', text: 'stress day 1' });
    expect(phaseLabel(story, STRESS_START_HOURS + 11 * day + 5).text).toBe('stress day 12');
  });

  it('counts hours after a ketamine dose for two days, then days', () => {
    expect(phaseLabel(story, DOSE_HOURS)).toEqual({ kind: 'ketamine', text: 'ketamine +0 h' });
    expect(phaseLabel(story, DOSE_HOURS + 3.5).text).toBe('ketamine +3 h');
    expect(phaseLabel(story, DOSE_HOURS + 47.9).text).toBe('ketamine +47 h');
    expect(phaseLabel(story, DOSE_HOURS + 5 * day + 1)).toEqual({ kind: 'after-ketamine', text: 'after ketamine day 5' });
  });

  it('names renewed stress after ketamine as stress again', () => {
    const restress = scenarioProtocol('stress-ketamine-restress');
    expect(phaseLabel(restress, RESTRESS_START_HOURS + 2 * day + 1).text).toBe('stress again day 3');
  });

  it('counts recovery days after stress without a drug', () => {
    expect(phaseLabel(scenarioProtocol('stress'), STRESS_END_HOURS + 2 * day)).toEqual({ kind: 'after-stress', text: 'after stress day 2' });
  });

  it('stays in baseline throughout the control run', () => {
    expect(phaseLabel(scenarioProtocol('control'), 40 * day).text).toBe('baseline day 40');
  });
});
