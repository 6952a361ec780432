import { describe, expect, it } from 'vitest';
import { scenarioProtocol } from '../../src/model/scenarios';
import { draftOf, draftProtocol, parseTime } from '../../src/state/protocolDraft';
import { moveEvent, stripEvents } from '../../src/state/protocolTimeline';

const draft = draftOf(scenarioProtocol('stress-ketamine', 1));
const duration = parseTime(draft.durationDays)!;

describe('the protocol timeline strip', () => {
  it('lists every stress block (whole and its two ends), dose, deletion and session that reads, with its time in words', () => {
    const events = stripEvents(draft);
    const count = (kind: string) => events.filter((e) => e.target.kind === kind).length;
    expect(count('stress')).toBe(3 * draft.stress.length);
    expect(count('ketamine')).toBe(draft.ketamine.length);
    expect(count('imaging')).toBe(draft.imagingDays.split(',').length);
    expect(count('behaviour')).toBe(draft.behaviourDays.split(',').length);
    const dose = events.find((e) => e.target.kind === 'ketamine')!;
    expect(dose.valueText).toBe(`ketamine ${draft.ketamine[0].doseMgPerKg} mg/kg at day 31`);
    expect(dose.field).toBe('ketamine.0.day');
    // A time that does not read has no handle (its field shows the problem).
    expect(stripEvents({ ...draft, ketamine: [{ day: 'soon', doseMgPerKg: '10' }] }).some((e) => e.target.kind === 'ketamine')).toBe(false);
  });

  it('moves a dose to the nearest whole hour, within the experiment', () => {
    const moved = moveEvent(draft, { kind: 'ketamine', index: 0 }, 31 * 24 + 5.4, duration);
    expect(moved.ketamine[0].day).toBe('31d 5h');
    expect(moveEvent(draft, { kind: 'ketamine', index: 0 }, -30, duration).ketamine[0].day).toBe('0');
    expect(parseTime(moveEvent(draft, { kind: 'ketamine', index: 0 }, 1e6, duration).ketamine[0].day)).toBe(duration);
    expect('protocol' in draftProtocol(moved) && draftProtocol(moved)).toMatchObject({ protocol: { ketamine: [{ timeHours: 31 * 24 + 5 }] } });
  });

  it('moves a stress block as a whole (its length kept, inside the experiment) and stretches it by one end', () => {
    const [start, end] = [parseTime(draft.stress[0].startDay)!, parseTime(draft.stress[0].endDay)!];
    const shifted = moveEvent(draft, { kind: 'stress', index: 0, part: 'block' }, start + 30, duration).stress[0];
    expect([parseTime(shifted.startDay), parseTime(shifted.endDay)]).toEqual([start + 30, end + 30]);
    const atEnd = moveEvent(draft, { kind: 'stress', index: 0, part: 'block' }, duration, duration).stress[0];
    expect([parseTime(atEnd.startDay), parseTime(atEnd.endDay)]).toEqual([duration - (end - start), duration]);
    const longer = moveEvent(draft, { kind: 'stress', index: 0, part: 'end' }, end + 48, duration).stress[0];
    expect([parseTime(longer.startDay), parseTime(longer.endDay)]).toEqual([start, end + 48]);
  });

  it('moves one session of a list and leaves the others as typed; a move past another end is the validator’s to report', () => {
    const moved = moveEvent({ ...draft, imagingDays: '0, 2, 4' }, { kind: 'imaging', index: 1 }, 3 * 24, duration);
    expect(moved.imagingDays).toBe('0, 3, 4');
    const inverted = moveEvent(draft, { kind: 'stress', index: 0, part: 'start' }, duration, duration);
    const result = draftProtocol(inverted);
    expect('problem' in result && result.problem.field).toBe('stress.0.endDay');
  });
});
