import { describe, expect, it } from 'vitest';
import { scenarioNames, scenarioProtocol } from '../../src/model/scenarios';
import { draftOf, draftProtocol, formatDays, parseTime } from '../../src/state/protocolDraft';

describe('the protocol editor’s draft', () => {
  it('gives back every preset exactly, times shown as days (and hours where needed)', () => {
    for (const name of scenarioNames) {
      const protocol = scenarioProtocol(name, 2);
      expect(draftProtocol(draftOf(protocol))).toEqual({ protocol });
    }
    expect(draftOf(scenarioProtocol('stress-ketamine')).imagingDays).toMatch(/^0, 2, .*, 31, 31d 3h, 31d 6h, 31d 12h, 32, /);
  });

  it('reads days, days and hours, and hours', () => {
    expect(parseTime('31')).toBe(744);
    expect(parseTime('31.5')).toBe(756);
    expect(parseTime('31d 1h')).toBe(745);
    expect(parseTime('745h')).toBe(745);
    expect(parseTime('soon')).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(formatDays(745)).toBe('31d 1h');
  });

  it('says what is wrong in words, with the field, in days', () => {
    const draft = draftOf(scenarioProtocol('stress-ketamine', 1));
    expect(draftProtocol({ ...draft, ketamine: [{ day: '80', doseMgPerKg: '10' }] })).toEqual({ problem: { field: 'ketamine.0.day', message: "Dose 1's time must be from day 0 to 57 (got day 80)." } });
    expect(draftProtocol({ ...draft, stress: [{ startDay: '10', endDay: '5', intensity: '1' }] })).toEqual({ problem: { field: 'stress.0.endDay', message: "Stress block 1's end must be from day 10 to 57 (got day 5)." } });
    expect(draftProtocol({ ...draft, ketamine: [{ day: 'x', doseMgPerKg: '10' }] })).toMatchObject({ problem: { field: 'ketamine.0.day', message: expect.stringMatching(/a day \(31\), a day and hours \(31d 3h\) or hours/) } });
    expect(draftProtocol({ ...draft, ketamine: [{ day: '31', doseMgPerKg: '-1' }] })).toMatchObject({ problem: { field: 'ketamine.0.doseMgPerKg' } });
  });

  it('sorts sessions and drops repeats, as the validator requires', () => {
    const draft = draftOf(scenarioProtocol('control', 1));
    const result = draftProtocol({ ...draft, imagingDays: '4, 0, 2, 2' });
    expect('protocol' in result && result.protocol.imagingHours).toEqual([0, 48, 96]);
  });
});
