import { describe, expect, it } from 'vitest';
import { defaultParameters, resolveParameters } from '../../src/model/parameters';
import { scenarioProtocol } from '../../src/model/scenarios';
import { previousRunAfterChange, previousRunLabel, worthKeeping, type RunIdentity } from '../../src/state/previousRun';

const run = (change: Partial<RunIdentity> = {}): RunIdentity => ({
  seed: 1,
  protocol: scenarioProtocol('stress-ketamine', 1),
  parameters: defaultParameters(),
  neurons: null,
  changes: [],
  ...change,
});
const session = (timeHours: number) => ({ timeHours, visibleSpines: 10, densityPerUm: 0.4, formation: null, elimination: null });
const behaviour = (timeHours: number) => ({ timeHours, structuralRatio: 1, functionalEffect: 0, ensembleCoherence: 1, escapeIndex: 1 });

describe('the faint copy of the previous run', () => {
  it('is labelled with what the new run changed, naming parameters as the parameter panel does', () => {
    expect(previousRunLabel(run(), run({ parameters: resolveParameters({ rescueDistanceUm: 2 }) }))).toBe('previous run (before Rescue distance = 2 µm)');
    expect(previousRunLabel(run(), run({ seed: 8 }))).toBe('previous run (before seed 8)');
    expect(previousRunLabel(run(), run({ protocol: scenarioProtocol('control', 1) }))).toBe('previous run (before protocol control)');
    const edited = { ...scenarioProtocol('stress-ketamine', 1), ketamine: [{ timeHours: 744, doseMgPerKg: 20 }] };
    expect(previousRunLabel(run(), run({ protocol: edited }))).toBe('previous run (before the edited protocol)');
    expect(previousRunLabel(run(), run({ neurons: 'cell.swc' }))).toBe('previous run (before cell.swc)');
  });

  it('counts the differences beyond two, and says when the previous run changed parameters mid-run', () => {
    const many = resolveParameters({ rescueDistanceUm: 2, detectionThresholdUm3: 0.06, burnInDays: 3, timeStepHours: 0.5 });
    expect(previousRunLabel(run(), run({ parameters: many }))).toMatch(/^previous run \(before [^,]+, [^,]+, 2 more changes\)$/);
    const changed = run({ changes: [{ timeHours: 480, overrides: { rescueDistanceUm: 2 } }] });
    expect(previousRunLabel(changed, run({ parameters: resolveParameters({ rescueDistanceUm: 2 }) }))).toBe(
      'previous run (before Rescue distance = 2 µm; it changed parameters mid-run on day 20)',
    );
  });

  it('is not made by a reset that changed nothing: the two runs are one run', () => {
    expect(previousRunLabel(run(), run())).toBeNull();
    expect(previousRunLabel(run({ seed: '7' }), run({ seed: 7 }))).toBeNull();
  });

  it('after a change made once the run had gone further, keeps the run as it went; at the live edge, keeps nothing', () => {
    const furthest = { generation: 1, sessions: [0, 48, 96, 144].map(session), behaviour: [0, 120].map(behaviour) };
    const before = defaultParameters();
    const after = resolveParameters({ rescueDistanceUm: 2 });
    const copy = previousRunAfterChange(furthest, 72, before, after);
    expect(copy).toEqual({ label: 'previous run (before Rescue distance = 2 µm on day 3)', sessions: furthest.sessions, behaviour: furthest.behaviour });
    expect(previousRunAfterChange(furthest, 144, before, after)).toBeNull();
  });

  it('is worth keeping once a run has two imaging sessions or behaviour tests', () => {
    expect(worthKeeping({ generation: 1, sessions: [session(0)], behaviour: [behaviour(0)] })).toBe(false);
    expect(worthKeeping({ generation: 1, sessions: [session(0), session(48)], behaviour: [behaviour(0)] })).toBe(true);
  });
});
