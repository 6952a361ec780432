import { describe, expect, it } from 'vitest';
import { copyState } from '../../src/model/copyState';
import { createStream } from '../../src/model/random';
import { scenarioProtocol } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';

/** Everything a run has to show for itself: its spines' columns, its imaging sessions and behaviour tests. */
function trace(sim: Simulation) {
  const s = sim.spines;
  return {
    timeHours: sim.timeHours,
    highWater: s.highWater,
    liveCount: s.liveCount,
    status: Array.from(s.status.subarray(0, s.highWater)),
    serial: Array.from(s.serial.subarray(0, s.highWater)),
    logVolume: Array.from(s.logVolume.subarray(0, s.highWater)),
    hazard: Array.from(s.hazard.subarray(0, s.highWater)),
    x: Array.from(s.x.subarray(0, s.highWater)),
    snapshots: sim.snapshots.map((snap) => [snap.timeHours, Array.from(snap.serial), Array.from(snap.volumeUm3)]),
    behaviour: sim.behaviour,
    lostSites: sim.lostSites.length,
  };
}

describe('copyState', () => {
  it('gives a Simulation that advances exactly as the original does, without touching it', () => {
    const original = new Simulation({ protocol: scenarioProtocol('stress-ketamine-ablation', 1), seed: 11 });
    original.advanceTo(30 * 24);
    const checkpoint = copyState(original, { share: [original.protocol, original.neurons, original.branches] });
    expect(checkpoint).toBeInstanceOf(Simulation);
    expect(checkpoint.spines.status).not.toBe(original.spines.status);
    const restored = copyState(checkpoint);
    // Past the dose and the deletion, through imaging sessions: every draw has to come out the same.
    original.advanceTo(36 * 24);
    restored.advanceTo(36 * 24);
    expect(trace(restored)).toEqual(trace(original));
    // The checkpoint itself stayed at day 30, and advancing it still gives the same run.
    expect(checkpoint.timeHours).toBe(30 * 24);
    checkpoint.advanceTo(36 * 24);
    expect(trace(checkpoint)).toEqual(trace(original));
  });

  it('forks random streams: the copy and the original draw the same numbers independently', () => {
    const state = { stream: createStream(3, ['x']), numbers: [1, 2] };
    state.stream.uniform();
    const copy = copyState(state);
    const fromCopy = [copy.stream.uniform(), copy.stream.normal()];
    expect([state.stream.uniform(), state.stream.normal()]).toEqual(fromCopy);
    copy.numbers.push(3);
    expect(state.numbers).toEqual([1, 2]);
  });

  it('keeps aliasing and shared objects, and refuses functions held as state', () => {
    const item = { value: 1 };
    const shared = { big: new Float64Array(4) };
    const copy = copyState({ a: item, b: [item], shared }, { share: [shared] });
    expect(copy.a).toBe(copy.b[0]);
    expect(copy.a).not.toBe(item);
    expect(copy.shared).toBe(shared);
    expect(() => copyState({ callback: () => 1 })).toThrow(/cannot copy the function at the state\.callback/);
  });
});
