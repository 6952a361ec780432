import { describe, expect, it } from 'vitest';
import { catchError } from '../catchError.ts';
import { scenarioProtocol } from '../../src/model/scenarios.ts';
import { Simulation } from '../../src/model/Simulation.ts';
import { MAX_LIVE_SPINES, MAX_SPINE_SLOTS, SPINE_SLOT_BYTES, SpineLimitError, SpineStatus, SpineStore } from '../../src/model/SpineStore.ts';

const catchLimit = (run: () => unknown) => catchError(SpineLimitError, run);

describe('SpineStore', () => {
  it('reuses freed slots and keeps serials unique', () => {
    const store = new SpineStore(16);
    const a = store.allocate();
    const b = store.allocate();
    store.eliminate(a, 1);
    store.release(a);
    const c = store.allocate();
    expect(c).toBe(a);
    expect(store.serial[c]).not.toBe(store.serial[b]);
    expect(store.liveCount).toBe(2);
    expect(store.status[c]).toBe(SpineStatus.Alive);
  });

  it('grows by doubling, keeping every column', () => {
    const store = new SpineStore(16);
    for (let i = 0; i < 40; i++) {
      const slot = store.allocate(); // may replace the columns, so index them after
      store.positionUm[slot] = i;
    }
    expect(store.capacity).toBe(64);
    expect(Array.from(store.positionUm.subarray(0, 40))).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('ends a run at the live-spine ceiling with a one-line SpineLimitError, and allocates again below it', () => {
    const store = new SpineStore(16, { maxLiveSpines: 100, maxSlots: 1024 });
    for (let i = 0; i < 100; i++) store.allocate();
    const error = catchLimit(() => store.allocate());
    expect(error.message).toBe("the run reached 100 live spines, the model's ceiling; use fewer neurons, a shorter protocol or a lower formation rate");
    expect(store.liveCount).toBe(100);
    store.eliminate(0, 1);
    expect(store.allocate()).toBe(100);
  });

  it('never grows beyond the slot ceiling: fading spines count too', () => {
    const store = new SpineStore(16, { maxLiveSpines: 1000, maxSlots: 64 });
    for (let i = 0; i < 64; i++) store.eliminate(store.allocate(), 1);
    const error = catchLimit(() => store.allocate());
    expect(error.message).toContain('64 live and fading spines');
    expect(store.capacity).toBe(64);
  });

  it('costs SPINE_SLOT_BYTES per slot over all its columns', () => {
    const store = new SpineStore(16);
    const columns = Object.values(store).filter((value): value is ArrayLike<number> & { byteLength: number } => ArrayBuffer.isView(value));
    const freeSlots = (store as unknown as { freeSlots: Int32Array }).freeSlots;
    expect(columns).toContain(freeSlots);
    expect(columns.reduce((sum, column) => sum + column.byteLength, 0)).toBe(SPINE_SLOT_BYTES * store.capacity);
  });

  it('has ceilings far above a preset run (≈6,500 live spines) and a slot ceiling the capacity reaches exactly', () => {
    expect(MAX_LIVE_SPINES).toBe(1_000_000);
    expect(MAX_SPINE_SLOTS).toBeGreaterThan(MAX_LIVE_SPINES);
    expect(Math.log2(MAX_SPINE_SLOTS / 4096) % 1).toBe(0);
  });
});

describe('the live-spine ceiling in a simulation', () => {
  it('ends a run that forms spines without losing them with a SpineLimitError, not an out-of-memory crash', () => {
    // 50 neurons forming 0.5 spines/µm/day and never losing one pass a million live spines within days.
    const error = catchLimit(() => new Simulation({
      protocol: scenarioProtocol('control', 50),
      seed: 1,
      parameters: { formationPerUmPerDay: 0.5, transientEliminationPerDay: 0, persistentEliminationPerDay: 0, burnInDays: 0 },
    }).runToEnd());
    expect(error.message).toContain('1,000,000 live spines');
  });
});
