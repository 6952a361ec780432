import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_FORMAT,
  PROTOCOL_VERSION,
  MAX_DURATION_HOURS,
  MAX_LIST_LENGTHS,
  MAX_TEXT_CHARS,
  parseProtocolText,
  ProtocolError,
  protocolEventHours,
  stressIntensityAt,
  validateProtocol,
  type Protocol,
} from '../../src/model/Protocol.ts';
import {
  ABLATION_HOURS,
  DOSE_HOURS,
  DURATION_HOURS,
  isScenarioName,
  RESTRESS_END_HOURS,
  RESTRESS_START_HOURS,
  scenarioNames,
  scenarioProtocol,
  scenarioText,
  STRESS_END_HOURS,
  STRESS_START_HOURS,
} from '../../src/model/scenarios.ts';

/** A small valid protocol document, as it would arrive from a JSON file. */
function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: PROTOCOL_FORMAT,
    version: PROTOCOL_VERSION,
    name: 'test',
    title: 'Test protocol',
    description: 'Four days with stress, a dose and an ablation.',
    durationHours: 96,
    neuronCount: 2,
    stress: [{ startHours: 12, endHours: 60, intensity: 1 }],
    ketamine: [{ timeHours: 60, doseMgPerKg: 10 }],
    ablations: [{ timeHours: 80, cohort: 'ketamine' }],
    imagingHours: [0, 48, 96],
    behaviourHours: [1, 61],
    ...overrides,
  };
}

/** Expects validateProtocol to reject `value` with a ProtocolError whose message contains `field`. */
function expectRejected(value: unknown, field: string): ProtocolError {
  let caught: unknown;
  try {
    validateProtocol(value);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ProtocolError naming ${field}`).toBeInstanceOf(ProtocolError);
  expect((caught as ProtocolError).message).toContain(field);
  return caught as ProtocolError;
}

describe('scenario presets', () => {
  it('has five presets, each recognised by isScenarioName', () => {
    expect(scenarioNames.length).toBe(5);
    for (const name of scenarioNames) expect(isScenarioName(name)).toBe(true);
    expect(isScenarioName('Control')).toBe(false);
    expect(isScenarioName('')).toBe(false);
  });

  for (const name of scenarioNames) {
    it(`"${name}" passes validation unchanged`, () => {
      const protocol = scenarioProtocol(name);
      expect(validateProtocol(protocol)).toEqual(protocol);
      expect(protocol.name).toBe(name);
    });

    it(`"${name}" survives a JSON round trip`, () => {
      const protocol = scenarioProtocol(name);
      const text = JSON.stringify(protocol);
      expect(validateProtocol(JSON.parse(text))).toEqual(protocol);
      expect(JSON.stringify(validateProtocol(JSON.parse(text)))).toBe(text);
    });

    it(`"${name}" has a title and a description`, () => {
      const protocol = scenarioProtocol(name);
      expect(protocol.title.trim().length).toBeGreaterThan(0);
      expect(protocol.description.trim().length).toBeGreaterThan(20);
      expect(protocol.title).toBe(scenarioText[name].title);
      expect(protocol.description).toBe(scenarioText[name].description);
    });
  }

  it('shares one imaging and behaviour timeline across presets, so conditions compare session by session', () => {
    const control = scenarioProtocol('control');
    for (const name of scenarioNames) {
      expect(scenarioProtocol(name).imagingHours).toEqual(control.imagingHours);
      expect(scenarioProtocol(name).behaviourHours).toEqual(control.behaviourHours);
      expect(scenarioProtocol(name).durationHours).toBe(DURATION_HOURS);
    }
    expect(control.imagingHours[0]).toBe(0);
    expect(control.imagingHours).toContain(STRESS_START_HOURS);
    expect(control.imagingHours).toContain(STRESS_END_HOURS);
    for (const offset of [3, 6, 12, 24, 48]) expect(control.imagingHours).toContain(DOSE_HOURS + offset);
  });

  it('applies stress, ketamine, ablation and renewed stress only where the preset says so', () => {
    expect(scenarioProtocol('control').stress).toEqual([]);
    expect(scenarioProtocol('control').ketamine).toEqual([]);
    expect(scenarioProtocol('stress').stress).toEqual([{ startHours: STRESS_START_HOURS, endHours: STRESS_END_HOURS, intensity: 1 }]);
    expect(scenarioProtocol('stress').ketamine).toEqual([]);
    expect(scenarioProtocol('stress-ketamine').ketamine).toEqual([{ timeHours: DOSE_HOURS, doseMgPerKg: 10 }]);
    expect(scenarioProtocol('stress-ketamine').ablations).toEqual([]);
    expect(scenarioProtocol('stress-ketamine-ablation').ablations).toEqual([{ timeHours: ABLATION_HOURS, cohort: 'ketamine' }]);
    expect(scenarioProtocol('stress-ketamine-restress').stress).toEqual([
      { startHours: STRESS_START_HOURS, endHours: STRESS_END_HOURS, intensity: 1 },
      { startHours: RESTRESS_START_HOURS, endHours: RESTRESS_END_HOURS, intensity: 1 },
    ]);
  });

  it('takes the neuron count as an argument', () => {
    expect(validateProtocol(scenarioProtocol('control', 1)).neuronCount).toBe(1);
  });
});

describe('validateProtocol accepts', () => {
  it('a complete small protocol and returns exactly its fields', () => {
    expect(validateProtocol(document())).toEqual(document());
  });

  it('missing optional lists as empty', () => {
    const doc = document();
    for (const key of ['stress', 'ketamine', 'ablations', 'behaviourHours']) delete doc[key];
    const protocol = validateProtocol(doc);
    expect(protocol.stress).toEqual([]);
    expect(protocol.ketamine).toEqual([]);
    expect(protocol.ablations).toEqual([]);
    expect(protocol.behaviourHours).toEqual([]);
  });

  it('lists at their length limits', () => {
    const imagingHours = Array.from({ length: MAX_LIST_LENGTHS.imagingHours }, (_, i) => i / 2);
    const doses = Array.from({ length: MAX_LIST_LENGTHS.ketamine }, (_, i) => ({ timeHours: i, doseMgPerKg: 10 }));
    const protocol = validateProtocol(document({ durationHours: MAX_DURATION_HOURS, imagingHours, behaviourHours: imagingHours, ketamine: doses }));
    expect(protocol.imagingHours.length).toBe(MAX_LIST_LENGTHS.imagingHours);
    expect(protocol.ketamine.length).toBe(MAX_LIST_LENGTHS.ketamine);
  });

  it('the limits: one hour to one year, 1 to 50 neurons, doses 0 to 200 mg/kg, zero-length stress', () => {
    expect(validateProtocol(document({ durationHours: 1, imagingHours: [0, 1], stress: [], ketamine: [], ablations: [], behaviourHours: [] })).durationHours).toBe(1);
    expect(validateProtocol(document({ durationHours: 24 * 365 })).durationHours).toBe(8760);
    expect(validateProtocol(document({ neuronCount: 1 })).neuronCount).toBe(1);
    expect(validateProtocol(document({ neuronCount: 50 })).neuronCount).toBe(50);
    expect(validateProtocol(document({ ketamine: [{ timeHours: 0, doseMgPerKg: 0 }, { timeHours: 96, doseMgPerKg: 200 }] })).ketamine.length).toBe(2);
    expect(validateProtocol(document({ stress: [{ startHours: 30, endHours: 30, intensity: 3 }] })).stress.length).toBe(1);
  });
});

describe('validateProtocol rejects, naming the field', () => {
  it('a value that is not an object', () => {
    for (const value of [null, undefined, 42, 'protocol', true, [document()]]) expectRejected(value, 'protocol must be a JSON object');
  });

  it('a wrong format or version', () => {
    expectRejected(document({ format: 'other' }), 'protocol.format');
    expectRejected(document({ format: undefined }), 'protocol.format');
    expectRejected(document({ version: 2 }), 'protocol.version');
    expectRejected(document({ version: '1' }), 'protocol.version');
  });

  it('an unknown field, at every depth, by its JSON path', () => {
    expectRejected(document({ durationDays: 4 }), 'protocol.durationDays');
    expectRejected(document({ stress: [{ startHours: 12, endHours: 60, intensity: 1, severity: 'high' }] }), 'protocol.stress[0].severity');
    expectRejected(document({ ketamine: [{ timeHours: 60, doseMgPerKg: 10 }, { timeHours: 70, doseMgPerKg: 10, dose: 10 }] }), 'protocol.ketamine[1].dose');
    expectRejected(document({ ablations: [{ timeHours: 80, cohort: 'ketamine', note: '' }] }), 'protocol.ablations[0].note');
  });

  it('an unknown field with an odd name, quoted so the message stays on one line', () => {
    const error = expectRejected(document({ ketamine: [{ timeHours: 60, doseMgPerKg: 10, 'dose\n=cmd()': 1 }] }), 'protocol.ketamine[0]["dose\\n=cmd()"]');
    expect(error.message).not.toMatch(/[\n\r]/);
  });

  it('null in place of a list (only an absent list is empty)', () => {
    for (const key of ['stress', 'ketamine', 'ablations', 'imagingHours', 'behaviourHours']) {
      expect(expectRejected(document({ [key]: null }), `protocol.${key} must be an array`).message).toContain('null');
    }
  });

  it('lists longer than their limit, before looking at their entries', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(expectRejected(document({ imagingHours: many }), 'protocol.imagingHours').message).toContain(`at most ${MAX_LIST_LENGTHS.imagingHours}`);
    expectRejected(document({ behaviourHours: many }), 'protocol.behaviourHours');
    const doses = Array.from({ length: MAX_LIST_LENGTHS.ketamine + 1 }, () => ({ timeHours: 60, doseMgPerKg: 10 }));
    expectRejected(document({ ketamine: doses }), 'protocol.ketamine has 1001 entries');
    expectRejected(document({ stress: Array.from({ length: MAX_LIST_LENGTHS.stress + 1 }, () => ({ startHours: 0, endHours: 1, intensity: 1 })) }), 'protocol.stress');
    expectRejected(document({ ablations: Array.from({ length: MAX_LIST_LENGTHS.ablations + 1 }, () => ({ timeHours: 80, cohort: 'ketamine' })) }), 'protocol.ablations');
  });

  it('a name, title or description longer than the limit', () => {
    expectRejected(document({ description: 'x'.repeat(MAX_TEXT_CHARS + 1) }), 'protocol.description');
  });

  it('a missing or empty name, title or description', () => {
    expectRejected(document({ name: '' }), 'protocol.name');
    expectRejected(document({ title: undefined }), 'protocol.title');
    expectRejected(document({ description: 7 }), 'protocol.description');
  });

  it('a negative, zero, excessive or non-numeric duration', () => {
    for (const durationHours of [-24, 0, 0.5, 24 * 365 + 1, Number.NaN, '96', null]) expectRejected(document({ durationHours }), 'protocol.durationHours');
  });

  it('a neuron count that is not a whole number from 1 to 50', () => {
    expectRejected(document({ neuronCount: 1.5 }), 'protocol.neuronCount');
    expectRejected(document({ neuronCount: 0 }), 'protocol.neuronCount');
    expectRejected(document({ neuronCount: 51 }), 'protocol.neuronCount');
    expectRejected(document({ neuronCount: '2' }), 'protocol.neuronCount');
  });

  it('a stress epoch that ends before it starts, lies outside the protocol or has a bad intensity', () => {
    expectRejected(document({ stress: [{ startHours: 50, endHours: 40, intensity: 1 }] }), 'protocol.stress[0].endHours');
    expectRejected(document({ stress: [{ startHours: 0, endHours: 10, intensity: 1 }, { startHours: -1, endHours: 10, intensity: 1 }] }), 'protocol.stress[1].startHours');
    expectRejected(document({ stress: [{ startHours: 0, endHours: 97, intensity: 1 }] }), 'protocol.stress[0].endHours');
    expectRejected(document({ stress: [{ startHours: 0, endHours: 10, intensity: -0.1 }] }), 'protocol.stress[0].intensity');
    expectRejected(document({ stress: [{ startHours: 0, endHours: 10 }] }), 'protocol.stress[0].intensity');
    expectRejected(document({ stress: ['all the time'] }), 'protocol.stress[0]');
    expectRejected(document({ stress: { startHours: 0, endHours: 10, intensity: 1 } }), 'protocol.stress');
  });

  it('imaging sessions that are not strictly ascending, outside the protocol, or fewer than two', () => {
    expectRejected(document({ imagingHours: [0, 48, 48] }), 'protocol.imagingHours');
    expectRejected(document({ imagingHours: [0, 96, 48] }), 'protocol.imagingHours');
    expectRejected(document({ imagingHours: [0, 97] }), 'protocol.imagingHours[1]');
    expectRejected(document({ imagingHours: [-1, 48] }), 'protocol.imagingHours[0]');
    expectRejected(document({ imagingHours: [0] }), 'protocol.imagingHours');
    expectRejected(document({ imagingHours: [] }), 'protocol.imagingHours');
    expectRejected(document({ imagingHours: undefined }), 'protocol.imagingHours');
  });

  it('behaviour tests that are not strictly ascending', () => {
    expectRejected(document({ behaviourHours: [5, 1] }), 'protocol.behaviourHours');
  });

  it('an ablation with a cohort other than "ketamine" or a time outside the protocol', () => {
    expectRejected(document({ ablations: [{ timeHours: 80, cohort: 'stress' }] }), 'protocol.ablations[0].cohort');
    expectRejected(document({ ablations: [{ timeHours: 80 }] }), 'protocol.ablations[0].cohort');
    expectRejected(document({ ablations: [{ timeHours: 100, cohort: 'ketamine' }] }), 'protocol.ablations[0].timeHours');
  });

  it('a ketamine dose out of range or a dose time outside the protocol', () => {
    expectRejected(document({ ketamine: [{ timeHours: 60, doseMgPerKg: -1 }] }), 'protocol.ketamine[0].doseMgPerKg');
    expectRejected(document({ ketamine: [{ timeHours: 60, doseMgPerKg: 201 }] }), 'protocol.ketamine[0].doseMgPerKg');
    expectRejected(document({ ketamine: [{ timeHours: 60, doseMgPerKg: Number.POSITIVE_INFINITY }] }), 'protocol.ketamine[0].doseMgPerKg');
    expectRejected(document({ ketamine: [{ timeHours: 200, doseMgPerKg: 10 }] }), 'protocol.ketamine[0].timeHours');
  });

  it('with a ProtocolError that says which value it got', () => {
    const error = expectRejected(document({ durationHours: -24 }), 'protocol.durationHours');
    expect(error.name).toBe('ProtocolError');
    expect(error.message).toContain('-24');
  });
});

describe('parseProtocolText', () => {
  it('reads protocol JSON, with or without a UTF-8 byte-order mark', () => {
    const text = JSON.stringify(document(), null, 2);
    expect(parseProtocolText(text)).toEqual(document());
    expect(parseProtocolText(`\uFEFF${text}`)).toEqual(document());
  });

  it('refuses text that is not JSON with a one-line ProtocolError', () => {
    for (const text of ['{"format": "spinelab-protocol",\n  "version": 1,\n', '', '\uFEFF', '\uFEFF\uFEFF{}']) {
      let caught: unknown;
      try {
        parseProtocolText(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProtocolError);
      expect((caught as Error).message).toMatch(/^not valid JSON: [^\n]*$/);
    }
  });
});

describe('stressIntensityAt', () => {
  const overlapping: Protocol = validateProtocol(
    document({
      stress: [
        { startHours: 10, endHours: 40, intensity: 1 },
        { startHours: 30, endHours: 50, intensity: 2 },
        { startHours: 45, endHours: 70, intensity: 0.5 },
      ],
    }),
  );

  it('is 0 outside every stress epoch', () => {
    expect(stressIntensityAt(overlapping, 0)).toBe(0);
    expect(stressIntensityAt(overlapping, 9.999)).toBe(0);
    expect(stressIntensityAt(overlapping, 70)).toBe(0);
    expect(stressIntensityAt(overlapping, 96)).toBe(0);
    expect(stressIntensityAt(validateProtocol(document({ stress: [] })), 20)).toBe(0);
  });

  it('is in force from the start of an epoch up to, but not at, its end', () => {
    expect(stressIntensityAt(overlapping, 10)).toBe(1);
    expect(stressIntensityAt(overlapping, 29.999)).toBe(1);
    expect(stressIntensityAt(overlapping, 69.999)).toBe(0.5);
  });

  it('takes the strongest of overlapping epochs', () => {
    expect(stressIntensityAt(overlapping, 30)).toBe(2);
    expect(stressIntensityAt(overlapping, 39)).toBe(2);
    expect(stressIntensityAt(overlapping, 47)).toBe(2);
    expect(stressIntensityAt(overlapping, 50)).toBe(0.5);
  });

  it('follows the preset timelines', () => {
    const stress = scenarioProtocol('stress');
    expect(stressIntensityAt(stress, STRESS_START_HOURS - 1)).toBe(0);
    expect(stressIntensityAt(stress, STRESS_START_HOURS)).toBe(1);
    expect(stressIntensityAt(stress, STRESS_END_HOURS)).toBe(0);
    const restress = scenarioProtocol('stress-ketamine-restress');
    expect(stressIntensityAt(restress, (RESTRESS_START_HOURS + RESTRESS_END_HOURS) / 2)).toBe(1);
    expect(stressIntensityAt(restress, DOSE_HOURS + 1)).toBe(0);
    expect(stressIntensityAt(scenarioProtocol('control'), (STRESS_START_HOURS + STRESS_END_HOURS) / 2)).toBe(0);
  });
});

describe('protocolEventHours', () => {
  function expectWellFormed(protocol: Protocol, events: number[]): void {
    for (let i = 1; i < events.length; i++) expect(events[i]).toBeGreaterThan(events[i - 1]);
    expect(events[0]).toBe(0);
    expect(events[events.length - 1]).toBe(protocol.durationHours);
    for (const t of events) {
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(protocol.durationHours);
    }
  }

  it('lists every event of a protocol exactly once, in order, with 0 and the end', () => {
    const protocol = validateProtocol(document({ imagingHours: [6, 48, 90], behaviourHours: [48, 61, 61.5] }));
    const events = protocolEventHours(protocol);
    expect(events).toEqual([0, 6, 12, 48, 60, 61, 61.5, 80, 90, 96]);
    expectWellFormed(protocol, events);
  });

  it('contains every stress boundary, dose, ablation, imaging session and behaviour test of every preset', () => {
    for (const name of scenarioNames) {
      const protocol = scenarioProtocol(name);
      const events = protocolEventHours(protocol);
      expectWellFormed(protocol, events);
      const expected = new Set<number>([0, protocol.durationHours, ...protocol.imagingHours, ...protocol.behaviourHours]);
      for (const epoch of protocol.stress) {
        expected.add(epoch.startHours);
        expected.add(epoch.endHours);
      }
      for (const dose of protocol.ketamine) expected.add(dose.timeHours);
      for (const ablation of protocol.ablations) expected.add(ablation.timeHours);
      expect(events).toEqual([...expected].sort((a, b) => a - b));
    }
  });

  it('sorts numerically, not as text', () => {
    const protocol = validateProtocol(document({ durationHours: 1000, imagingHours: [0, 9, 100, 1000], stress: [], ketamine: [], ablations: [], behaviourHours: [20] }));
    expect(protocolEventHours(protocol)).toEqual([0, 9, 20, 100, 1000]);
  });
});
