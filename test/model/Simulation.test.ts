import { describe, expect, it } from 'vitest';
import { makeBranch, type Neuron } from '../../src/model/Morphology';
import { defaultParameters, parameterSchema } from '../../src/model/parameters';
import { PROTOCOL_FORMAT, PROTOCOL_VERSION, type Protocol } from '../../src/model/Protocol';
import { createStream } from '../../src/model/random';
import { runReplicate } from '../../src/model/runReplicate';
import { scenarioProtocol } from '../../src/model/scenarios';
import { exportSpines } from '../../src/model/exportSpines';
import { Simulation } from '../../src/model/Simulation';
import { SpineStatus } from '../../src/model/SpineStore';

function shortProtocol(overrides: Partial<Protocol> = {}): Protocol {
  return {
    format: PROTOCOL_FORMAT,
    version: PROTOCOL_VERSION,
    name: 'short',
    title: 'Short test protocol',
    description: 'Stress from day 2 to 6, ketamine at day 6, deletion at day 7.',
    durationHours: 8 * 24 + 5.5,
    neuronCount: 1,
    stress: [{ startHours: 48, endHours: 144, intensity: 1 }],
    ketamine: [{ timeHours: 144, doseMgPerKg: 10 }],
    ablations: [{ timeHours: 170, cohort: 'ketamine' }],
    imagingHours: [0, 48, 96, 144, 147, 168, 192, 197.5],
    behaviourHours: [0, 147, 197.5],
    ...overrides,
  };
}

/** Checks that the store's bookkeeping agrees with its columns. */
function expectConsistentStore(simulation: Simulation): void {
  const s = simulation.spines;
  let alive = 0;
  const serials = new Set<number>();
  for (let i = 0; i < s.highWater; i++) {
    if (s.status[i] === SpineStatus.Alive) {
      alive++;
      expect(serials.has(s.serial[i])).toBe(false);
      serials.add(s.serial[i]);
      expect(s.branch[i]).toBeLessThan(simulation.branches.length);
      const branch = simulation.branches[s.branch[i]].branch;
      expect(branch.spiny).toBe(true);
      expect(s.positionUm[i]).toBeGreaterThanOrEqual(0);
      expect(s.positionUm[i]).toBeLessThanOrEqual(branch.lengthUm + 1e-3);
      expect(Number.isFinite(s.logVolume[i])).toBe(true);
      expect(s.birthHours[i]).toBeLessThanOrEqual(simulation.timeHours + 1e-9);
    } else if (s.status[i] === SpineStatus.Fading) {
      expect(simulation.timeHours - s.deathHours[i]).toBeLessThan(12 + 6 + 1e-9);
    }
  }
  expect(alive).toBe(s.liveCount);
  expect(s.liveCount).toBeGreaterThanOrEqual(0);
  expect(s.highWater).toBeLessThanOrEqual(s.capacity);
}

describe('Simulation invariants', () => {
  // A sweep over the schema: each case sets every parameter to a seeded random point of its range
  // (numerics kept cheap), so no corner of the parameter space goes untried.
  const cases = Array.from({ length: 8 }, (_, k) => {
    const random = createStream(900 + k, ['sweep']);
    const overrides: Record<string, number> = {};
    for (const spec of parameterSchema) {
      if (spec.group === 'numerics') continue;
      // Log-uniform for positive ranges spanning decades, uniform otherwise.
      const u = random.uniform();
      overrides[spec.name] = spec.min > 0 && spec.max / spec.min > 50 ? spec.min * (spec.max / spec.min) ** u : spec.min + u * (spec.max - spec.min);
    }
    // Keep spine numbers bounded so the sweep stays quick.
    overrides.formationPerUmPerDay = Math.min(overrides.formationPerUmPerDay, 0.05);
    overrides.timeStepHours = [0.5, 1, 2, 3.7][k % 4];
    overrides.burnInDays = 3;
    return overrides;
  });

  it.each(cases.map((c, k) => [k, c] as const))('keeps counts, slots and time consistent (sweep case %i)', (_k, overrides) => {
    const protocol = shortProtocol();
    const simulation = new Simulation({ protocol, seed: 5, parameters: overrides });
    for (const target of [10.3, 50, 144, 146.9, 170, 1e9]) {
      simulation.advanceTo(target);
      expectConsistentStore(simulation);
    }
    expect(simulation.timeHours).toBe(protocol.durationHours);
    expect(simulation.finished).toBe(true);
    expect(simulation.snapshots.map((s) => s.timeHours)).toEqual(protocol.imagingHours);
    expect(simulation.behaviour.map((b) => b.timeHours)).toEqual(protocol.behaviourHours);
    for (const sample of simulation.behaviour) {
      expect(sample.escapeIndex).toBeGreaterThanOrEqual(0);
      expect(sample.escapeIndex).toBeLessThanOrEqual(1);
    }
  });

  it('removes every ketamine-formed spine at a deletion and none of the others', () => {
    const simulation = new Simulation({ protocol: shortProtocol(), seed: 2, parameters: { burnInDays: 5 } });
    simulation.advanceTo(169.999);
    const s = simulation.spines;
    const before = { ketamine: 0, other: 0 };
    for (let i = 0; i < s.highWater; i++) if (s.status[i] === SpineStatus.Alive) before[s.cohort[i] === 3 ? 'ketamine' : 'other']++;
    expect(before.ketamine).toBeGreaterThan(0);
    simulation.advanceTo(170);
    let ketamineAlive = 0;
    for (let i = 0; i < s.highWater; i++) if (s.status[i] === SpineStatus.Alive && s.cohort[i] === 3) ketamineAlive++;
    expect(ketamineAlive).toBe(0);
    expect(s.liveCount).toBeGreaterThan(before.other * 0.95);
  });

  it('gives the same trace for the same seed and a different one for another seed', () => {
    const run = (seed: number) => runReplicate({ protocol: shortProtocol(), seed, parameters: { burnInDays: 5 } });
    const a = run(11);
    const b = run(11);
    const c = run(12);
    expect(a.sessions).toEqual(b.sessions);
    expect(a.behaviour).toEqual(b.behaviour);
    a.snapshots.forEach((snapshot, i) => expect(Array.from(snapshot.serial)).toEqual(Array.from(b.snapshots[i].serial)));
    expect(c.sessions).not.toEqual(a.sessions);
  });

  it('reaches the same state however the run is cut into calls: steps lie on a fixed grid', () => {
    const protocol = shortProtocol();
    const whole = new Simulation({ protocol, seed: 3, parameters: { burnInDays: 5 } }).runToEnd();
    const pieces = new Simulation({ protocol, seed: 3, parameters: { burnInDays: 5 } });
    for (let t = 0; !pieces.finished; t += 0.37) {
      pieces.advanceTo(t);
      // A target between grid points stops at the last one before it.
      expect(pieces.timeHours).toBeLessThanOrEqual(t + 1e-9);
      expect(t - pieces.timeHours).toBeLessThan(pieces.parameters.timeStepHours);
    }
    expect(pieces.timeHours).toBe(whole.timeHours);
    expect(pieces.behaviour).toEqual(whole.behaviour);
    expect(pieces.snapshots.length).toBe(whole.snapshots.length);
    pieces.snapshots.forEach((snapshot, i) => expect(Array.from(snapshot.serial)).toEqual(Array.from(whole.snapshots[i].serial)));
    expect(exportSpines(pieces)).toEqual(exportSpines(whole));
  });

  it('stops at the protocol\'s events and end even where they fall between grid points', () => {
    const protocol = shortProtocol({ imagingHours: [0, 10.5, 50.25, 196.75], behaviourHours: [], durationHours: 196.75 });
    const simulation = new Simulation({ protocol, seed: 3, parameters: { burnInDays: 1, timeStepHours: 2 } });
    simulation.advanceTo(10.6);
    expect(simulation.timeHours).toBe(10.5);
    simulation.advanceTo(12.4);
    expect(simulation.timeHours).toBe(12);
    simulation.advanceTo(1e9);
    expect(simulation.timeHours).toBe(196.75);
    expect(simulation.snapshots.map((s) => s.timeHours)).toEqual([0, 10.5, 50.25, 196.75]);
  });

  it('is unaffected in one neuron by adding a draw-consuming neuron after it', () => {
    // Independent streams: neuron 0's morphology and branch susceptibilities do not depend on how many
    // neurons follow it.
    const one = new Simulation({ protocol: shortProtocol({ neuronCount: 1 }), seed: 8, parameters: { burnInDays: 0 } });
    const two = new Simulation({ protocol: shortProtocol({ neuronCount: 2 }), seed: 8, parameters: { burnInDays: 0 } });
    expect(Array.from(two.neurons[0].branches[3].pointsUm)).toEqual(Array.from(one.neurons[0].branches[3].pointsUm));
    const susceptibilities = (sim: Simulation) => sim.branches.filter((b) => b.neuronIndex === 0).map((b) => b.susceptibility);
    expect(susceptibilities(two)).toEqual(susceptibilities(one));
  });

  it('rejects invalid parameters with the name and the allowed range', () => {
    expect(() => new Simulation({ protocol: shortProtocol(), seed: 1, parameters: { timeStepHours: 0 } })).toThrow(/timeStepHours.*0\.01 to 6 h/);
    expect(() => new Simulation({ protocol: shortProtocol(), seed: 1, parameters: { nonsense: 1 } })).toThrow(/unknown parameter "nonsense"/);
    const simulation = new Simulation({ protocol: shortProtocol(), seed: 1, parameters: { burnInDays: 0 } });
    expect(() => simulation.setParameters({ formationPerUmPerDay: Number.NaN })).toThrow(/formationPerUmPerDay/);
    expect(simulation.parameters.formationPerUmPerDay).toBe(defaultParameters().formationPerUmPerDay);
  });
});

describe('Simulation against an analytic oracle', () => {
  // Constant formation λ per day on a straight dendrite and a constant per-spine elimination rate μ
  // (size-independent hazard, no stress, no drug): an immigration–death process, whose count settles to
  // a Poisson distribution with mean λ/μ.
  const lengthUm = 3000;
  const points: number[] = [];
  for (let i = 0; i <= 30; i++) points.push(0, i * 100, 0);
  const dendrite: Neuron = { name: 'straight dendrite', somaCentreUm: [0, 0, 0], somaRadiusUm: 5, branches: [makeBranch(0, 'tuft', -1, 1, points, new Array(31).fill(0.5))] };
  const formationPerUmPerDay = 0.1;
  const eliminationPerDay = 0.5;
  const expectedMean = (formationPerUmPerDay * lengthUm) / eliminationPerDay; // 600
  const parameters = {
    formationPerUmPerDay,
    transientEliminationPerDay: eliminationPerDay,
    persistentEliminationPerDay: eliminationPerDay,
    sizeHazardExponent: 0,
    timeStepHours: 0.25,
    burnInDays: 20,
  };
  const protocol: Protocol = {
    format: PROTOCOL_FORMAT, version: PROTOCOL_VERSION, name: 'oracle', title: 'Immigration–death oracle', description: 'Constant rates.',
    durationHours: 20 * 24, neuronCount: 1, stress: [], ketamine: [], ablations: [], imagingHours: [0, 480], behaviourHours: [],
  };

  it('settles to a Poisson count with mean λ/μ', () => {
    const counts: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const simulation = new Simulation({ protocol, seed, parameters, neurons: [dendrite] });
      // Samples 4 mean lifetimes apart are nearly independent (correlation e^-4 ≈ 0.02).
      for (let t = 0; t <= 480; t += 96) {
        simulation.advanceTo(t);
        counts.push(simulation.spines.liveCount);
      }
    }
    const n = counts.length;
    const mean = counts.reduce((a, b) => a + b, 0) / n;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    // Standard error of the mean √(m/n); of a Poisson sample variance ≈ m·√(2/n) (+ m/n). Four SEs.
    expect(Math.abs(mean - expectedMean)).toBeLessThan(4 * Math.sqrt(expectedMean / n));
    expect(Math.abs(variance - expectedMean)).toBeLessThan(4 * (expectedMean * Math.sqrt(2 / n) + expectedMean / n));
  });
});

describe('Simulation step size', () => {
  it('changes no statistic beyond its sampling error when the step is halved', () => {
    const protocol = {
      ...scenarioProtocol('stress', 1),
      durationHours: 24 * 24,
      stress: [{ startHours: 240, endHours: 576, intensity: 1 }],
      imagingHours: [0, 48, 96, 144, 192, 240, 288, 336, 384, 432, 480, 528, 576],
      behaviourHours: [],
    };
    const statistics = (timeStepHours: number, seed: number) => {
      const result = runReplicate({ protocol, seed, parameters: { timeStepHours, burnInDays: 14 } });
      const later = result.sessions.slice(1);
      return {
        density: result.sessions[result.sessions.length - 1].densityPerUm,
        formation: later.reduce((a, s) => a + (s.formation ?? 0), 0) / later.length,
        elimination: later.reduce((a, s) => a + (s.elimination ?? 0), 0) / later.length,
      };
    };
    const seeds = [1, 2, 3, 4, 5, 6];
    const coarse = seeds.map((seed) => statistics(1, seed));
    const fine = seeds.map((seed) => statistics(0.5, seed + 100));
    for (const key of ['density', 'formation', 'elimination'] as const) {
      const a = coarse.map((x) => x[key]);
      const b = fine.map((x) => x[key]);
      const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
      const variance = (v: number[]) => v.reduce((x, y) => x + (y - mean(v)) ** 2, 0) / (v.length - 1);
      const standardError = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
      expect(Math.abs(mean(a) - mean(b)), key).toBeLessThan(4 * standardError);
    }
  });
});
