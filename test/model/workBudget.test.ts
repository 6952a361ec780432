import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchError } from '../catchError.ts';
import { makeBranch, type Neuron } from '../../src/model/Morphology.ts';
import { parameterSchema } from '../../src/model/parameters.ts';
import { validateProtocol, type Protocol } from '../../src/model/Protocol.ts';
import { scenarioNames, scenarioProtocol } from '../../src/model/scenarios.ts';
import { Simulation } from '../../src/model/Simulation.ts';
import { checkWorkBudget, estimateWork, WORK_BUDGET, WorkBudgetError, type WorkEstimate } from '../../src/model/workBudget.ts';

const total = (e: WorkEstimate) => e.spineUpdates + e.stepUpdates + e.eventUpdates;

/** A protocol of a year on 50 neurons, imaged daily: the largest the protocol format allows in time and neurons. */
function year(extra: Record<string, unknown> = {}): Protocol {
  return validateProtocol({
    ...scenarioProtocol('control', 50),
    durationHours: 8760,
    imagingHours: Array.from({ length: 366 }, (_, day) => day * 24),
    behaviourHours: [],
    ...extra,
  });
}

const refusal = (run: () => unknown) => catchError(WorkBudgetError, run);

describe('the work budget', () => {
  it('fits every preset and the calibration runs (procedural neurons, default parameters) with a wide margin', () => {
    for (const name of scenarioNames) {
      const estimate = checkWorkBudget(scenarioProtocol(name));
      expect(total(estimate)).toBeLessThan(WORK_BUDGET.updates / 50);
      expect(estimate.peakLiveSpines).toBeLessThan(WORK_BUDGET.peakLiveSpines / 20);
      expect(estimate.memoryBytes).toBeLessThan(WORK_BUDGET.memoryBytes / 50);
    }
  });

  it('fits a preset at the finest time step, and a year on 50 neurons imaged daily at the defaults', () => {
    expect(() => checkWorkBudget(scenarioProtocol('stress-ketamine'), { timeStepHours: 0.01 })).not.toThrow();
    expect(() => checkWorkBudget(year())).not.toThrow();
  });

  it('refuses a year on 50 neurons forming 0.5 spines/µm/day and losing none, by its live spines', () => {
    const error = refusal(() => checkWorkBudget(year(), { formationPerUmPerDay: 0.5, transientEliminationPerDay: 0, persistentEliminationPerDay: 0 }));
    expect(error.message).toMatch(/^this run would hold about \d+ million live spines at once, more than the budget of 500,000: use fewer neurons, less dendrite or a lower formation rate$/);
    expect(error.estimate.peakLiveSpines).toBeGreaterThan(WORK_BUDGET.peakLiveSpines);
  });

  it('refuses a run that would take too long, saying which step to enlarge', () => {
    const error = refusal(() => checkWorkBudget(year(), { timeStepHours: 0.5 }));
    expect(error.message).toContain('updates, more than the budget of 2.0 billion');
    expect(error.message).toContain('a larger time step (timeStepHours)');
  });

  it('names ketamine doses when a protocol with many of them piles up spines', () => {
    // The year on 50 neurons fits without them (first test); a dose every 8 hours raises formation and
    // lowers elimination all year, which piles up more than twice the budget of live spines.
    const ketamine = Array.from({ length: 1000 }, (_, k) => ({ timeHours: 8 * k, doseMgPerKg: 10 }));
    const error = refusal(() => checkWorkBudget(year({ ketamine })));
    expect(error.message).toMatch(/^this run would hold about \d\.\d million live spines at once/);
    expect(error.message).toContain('fewer ketamine doses');
  });

  it('refuses a run whose imaging snapshots would take too much memory, asking for fewer sessions', () => {
    // The year on 50 neurons imaged every 12 hours instead of daily: twice the snapshots, and no more spines.
    const error = refusal(() => checkWorkBudget(year({ imagingHours: Array.from({ length: 731 }, (_, k) => 12 * k) })));
    expect(error.message).toMatch(/^this run could keep up to about \d+ MB of spines and imaging snapshots, more than the budget of 512 MB: use fewer imaging sessions/);
  });

  it('refuses two imported neurons with 900 mm of dendrite each (below the importer\'s limit of 1 m), by their spines', () => {
    // Ten straight 90 mm branches from the soma.
    const branches = Array.from({ length: 10 }, (_, i) => makeBranch(i, 'basal', -1, 1, [0, 0, 0, 90_000 * Math.cos(i), 90_000 * Math.sin(i), 0], [1, 1]));
    const neuron: Neuron = { name: 'giant', somaCentreUm: [0, 0, 0], somaRadiusUm: 8, branches };
    expect(() => checkWorkBudget(scenarioProtocol('control'), {}, [neuron])).not.toThrow();
    const error = refusal(() => checkWorkBudget(scenarioProtocol('control'), {}, [neuron, neuron]));
    expect(error.message).toContain('live spines at once');
    expect(error.estimate.spinyLengthUm).toBeCloseTo(1_800_000, -2);
  });

  it('takes a tighter budget from a caller that needs one', () => {
    const tight = { ...WORK_BUDGET, peakLiveSpines: 1000 };
    expect(refusal(() => checkWorkBudget(scenarioProtocol('control'), {}, undefined, tight)).message).toContain('more than the budget of 1,000');
  });

  it('refuses degenerate rates that let spines pile up without bound, with finite figures', () => {
    const error = refusal(() => checkWorkBudget(scenarioProtocol('control'), { maturationPerDay: 5e-324, transientEliminationPerDay: 0, persistentEliminationPerDay: 0 }));
    expect(error.message).toMatch(/^this run would hold about \d\.\de\+\d+ live spines at once/);
  });

  it('validates the parameters it is given', () => {
    expect(() => estimateWork(scenarioProtocol('control'), { timeStepHours: 0 })).toThrow(/timeStepHours/);
  });
});

describe('the work estimate against simulated runs', () => {
  // The estimate is the mean-field count and leaves out what lowers it (stress's effect on elimination and
  // formation, the stress after-effect, the slower stabilisation of ketamine-induced spines, lost sites
  // capturing ketamine's drive), so it is at least the simulated figure less sampling error: one neuron
  // holds ≈2,300 spines (Poisson SD ≈2 %), and the peak of a fluctuating count lies up to ≈2 SD above its
  // mean, hence 0.95. What it leaves out is worth at most ≈35 % with these protocols, hence 1.5.
  function expectTracked(protocol: Protocol, parameters: Record<string, number>): void {
    const simulation = new Simulation({ protocol, seed: 11, parameters });
    let peak = simulation.spines.liveCount;
    for (let hours = 0; hours <= simulation.protocol.durationHours; hours += 6) {
      simulation.advanceTo(hours);
      peak = Math.max(peak, simulation.spines.liveCount);
    }
    const estimate = estimateWork(simulation.protocol, parameters, simulation.neurons);
    expect(estimate.peakLiveSpines / peak).toBeGreaterThan(0.95);
    expect(estimate.peakLiveSpines / peak).toBeLessThan(1.5);
    expect(estimate.spineUpdates / simulation.spineUpdates).toBeGreaterThan(0.95);
    expect(estimate.spineUpdates / simulation.spineUpdates).toBeLessThan(1.5);
  }

  const cases: readonly [string, Record<string, number>][] = [
    ['control', {}],
    ['stress-ketamine', {}],
    ['stress-ketamine-restress', { formationPerUmPerDay: 0.03 }],
    ['stress-ketamine', { timeStepHours: 0.5, ketamineFormationGain: 20 }],
    ['control', { transientEliminationPerDay: 0, persistentEliminationPerDay: 0, burnInDays: 7 }],
  ];

  for (const [name, parameters] of cases) {
    it(`tracks the peak live spines and the spine updates of ${name} ${JSON.stringify(parameters)}`, () => {
      expectTracked(scenarioProtocol(name as (typeof scenarioNames)[number], 1), parameters);
    });
  }

  it('tracks the peak live spines and the spine updates of a dose every 8 hours for 20 days', () => {
    expectTracked(validateProtocol({
      ...scenarioProtocol('control', 1), durationHours: 40 * 24, imagingHours: [0, 40 * 24], behaviourHours: [],
      ketamine: Array.from({ length: 60 }, (_, k) => ({ timeHours: 24 + 8 * k, doseMgPerKg: 10 })),
    }), {});
  });
});

describe('work budget properties', () => {
  const inRange = fc.record(Object.fromEntries(parameterSchema.map((spec) => [spec.name, fc.double({ min: spec.min, max: spec.max, noNaN: true })])));
  const protocol = fc.record({
    name: fc.constantFrom(...scenarioNames),
    neurons: fc.integer({ min: 1, max: 50 }),
    durationHours: fc.integer({ min: 1, max: 8760 }),
    doses: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), dose: fc.double({ min: 0, max: 200, noNaN: true }) }), { maxLength: 20 }),
  }).map(({ name, neurons, durationHours, doses }) => validateProtocol({
    ...scenarioProtocol(name, neurons),
    durationHours,
    stress: [{ startHours: 0, endHours: durationHours, intensity: 3 }],
    ketamine: doses.map(({ at, dose }) => ({ timeHours: at * durationHours, doseMgPerKg: dose })),
    ablations: [],
    imagingHours: [0, durationHours],
    behaviourHours: [],
  }));

  it('gives finite, non-negative figures for any valid protocol and in-range parameters, and refuses only with WorkBudgetError (500 runs)', () => {
    fc.assert(fc.property(protocol, inRange, (p, parameters) => {
      let estimate: WorkEstimate;
      try {
        estimate = checkWorkBudget(p, parameters);
      } catch (error) {
        expect(error).toBeInstanceOf(WorkBudgetError);
        expect((error as Error).message).not.toMatch(/\n|NaN|Infinity/);
        estimate = (error as WorkBudgetError).estimate;
      }
      for (const value of Object.values(estimate)) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }), { seed: 12, numRuns: 500 });
  });
});
