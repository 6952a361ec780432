import { copyState } from '../src/model/copyState';
import { resolveParameters } from '../src/model/parameters';
import type { Simulation } from '../src/model/Simulation';
import { SPINE_SLOT_BYTES } from '../src/model/SpineStore';

/** A parameter change made mid-run: part of the run, applied again whenever the run passes that time. */
export interface ParameterChange {
  readonly timeHours: number;
  /** Overrides relative to the defaults, as the page sent them. */
  readonly overrides: Readonly<Record<string, number>>;
}

interface Checkpoint {
  readonly timeHours: number;
  /** How many entries of the change log the state already includes. */
  readonly changesApplied: number;
  readonly state: Simulation;
}

/** Checkpoints are taken at each simulated midnight the run passes (fewer kept for large runs, see the budget). */
const CHECKPOINT_EVERY_HOURS = 24;
const TOLERANCE_HOURS = 1e-9;
/**
 * Most spine-store memory all checkpoints may hold together (bytes). A preset's three neurons fit a
 * checkpoint for every day of the 57-day story; a larger run keeps every second one (then every fourth…),
 * so a seek re-simulates a little more instead of the tab growing by a gigabyte.
 */
const CHECKPOINT_BUDGET_BYTES = 160 * 2 ** 20;

/**
 * A run's past, so that any moment of it can be shown again quickly: copies of the whole state taken every
 * simulated day (every few days for runs too large to keep them all), and the log of mid-run parameter
 * changes. Seeking copies the last checkpoint at or before the wanted time and re-simulates from there
 * (a day of model time for the presets), applying the logged
 * changes on the way. Playback is deterministic, so the state found is exactly the one playing reached.
 */
export class RunHistory {
  private checkpoints: Checkpoint[] = [];
  private changes: ParameterChange[] = [];
  /** Log entries the live run has applied. */
  private applied = 0;

  /** Starts the history of a run that stands at its first moment (day 0, before any change). */
  constructor(run: Simulation, private readonly budgetBytes = CHECKPOINT_BUDGET_BYTES) {
    this.keep(run);
  }

  /** The simulated times of the checkpoints held. */
  get checkpointHours(): readonly number[] {
    return this.checkpoints.map((c) => c.timeHours);
  }

  /** The parameter changes made so far, in order (for provenance). */
  get parameterChanges(): readonly ParameterChange[] {
    return this.changes;
  }

  /** Advances the live run to `targetHours` (on its step grid), applying logged changes and taking checkpoints. */
  advance(run: Simulation, targetHours: number): void {
    const target = Math.min(targetHours, run.protocol.durationHours);
    let cursor = run.timeHours;
    while (cursor < target - TOLERANCE_HOURS && !run.finished) {
      const stopped = stopOnTheWay(run, cursor, target, this.changes, this.applied);
      cursor = stopped.cursor;
      this.applied = stopped.applied;
      if (stopped.atMidnight) this.keep(run);
    }
  }

  /**
   * A copy of the live run carried on to the end of its protocol with the logged changes still ahead of
   * it, a simulated day (or change) at a time: the generator yields between stops, so that a worker can
   * answer other messages meanwhile, and returns the finished copy. The live run and the history are
   * untouched (for exports of the whole run).
   */
  *finish(run: Simulation): Generator<void, Simulation> {
    const copy = copyState(run, { share: sharedParts(run) });
    const changes = this.changes;
    let applied = this.applied;
    let cursor = copy.timeHours;
    while (cursor < copy.protocol.durationHours - TOLERANCE_HOURS && !copy.finished) {
      ({ cursor, applied } = stopOnTheWay(copy, cursor, copy.protocol.durationHours, changes, applied));
      yield;
    }
    return copy;
  }

  /**
   * Records a change of parameters just made to the live run: it joins the run's log, and what the log
   * held after this moment (made before the user went back in time) is dropped with its checkpoints.
   */
  recordChange(run: Simulation, overrides: Readonly<Record<string, number>>): void {
    const timeHours = run.timeHours;
    const before = this.applied;
    this.changes = [...this.changes.slice(0, before), { timeHours, overrides: { ...overrides } }];
    this.applied = this.changes.length;
    this.checkpoints = this.checkpoints.filter((c) => c.timeHours < timeHours - TOLERANCE_HOURS || (c.timeHours <= timeHours + TOLERANCE_HOURS && c.changesApplied <= before));
  }

  /**
   * The state at `targetHours` (the last grid point at or before it): the live run advanced when no
   * checkpoint lies between it and the target, else a copy of the last checkpoint before the target,
   * re-simulated from there.
   */
  seek(run: Simulation, targetHours: number): Simulation {
    const target = Math.max(0, Math.min(targetHours, run.protocol.durationHours));
    let from: Checkpoint | null = null;
    for (const checkpoint of this.checkpoints) if (checkpoint.timeHours <= target + TOLERANCE_HOURS) from = checkpoint;
    if (!from || (run.timeHours <= target + TOLERANCE_HOURS && from.timeHours <= run.timeHours + TOLERANCE_HOURS)) {
      this.advance(run, target);
      return run;
    }
    const restored = copyState(from.state, { share: sharedParts(from.state) });
    this.applied = from.changesApplied;
    this.advance(restored, target);
    return restored;
  }

  private keep(run: Simulation): void {
    if (this.checkpoints.some((c) => Math.abs(c.timeHours - run.timeHours) <= TOLERANCE_HOURS)) return;
    const checkpoint = { timeHours: run.timeHours, changesApplied: this.applied, state: copyState(run, { share: sharedParts(run) }) };
    const at = this.checkpoints.findIndex((c) => c.timeHours > run.timeHours);
    if (at < 0) this.checkpoints.push(checkpoint);
    else this.checkpoints.splice(at, 0, checkpoint);
    // Over the budget, every second checkpoint goes (the first, day 0, always stays).
    const bytes = (c: Checkpoint) => c.state.spines.capacity * SPINE_SLOT_BYTES;
    while (this.checkpoints.length > 2 && this.checkpoints.reduce((sum, c) => sum + bytes(c), 0) > this.budgetBytes) {
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
    }
  }
}

/**
 * Advances `run` from `cursor` to its next stop on the way to `target`: the next simulated midnight, the
 * next logged change or the target, whichever comes first, and applies the changes due there. Stops are
 * planned from the last stop, not from the run's time: a midnight between two grid points (a step that
 * does not divide a day) leaves the run just short of it.
 */
function stopOnTheWay(run: Simulation, cursor: number, target: number, changes: readonly ParameterChange[], applied: number): { cursor: number; applied: number; atMidnight: boolean } {
  const change = changes[applied];
  const midnight = (Math.floor(cursor / CHECKPOINT_EVERY_HOURS + TOLERANCE_HOURS) + 1) * CHECKPOINT_EVERY_HOURS;
  const next = Math.min(target, midnight, change ? Math.max(change.timeHours, cursor) : Infinity);
  run.advanceTo(next);
  let done = applied;
  while (done < changes.length && changes[done].timeHours <= run.timeHours + TOLERANCE_HOURS) {
    run.setParameters(resolveParameters(changes[done].overrides));
    done++;
  }
  return { cursor: next, applied: done, atMidnight: next === midnight };
}

/** The parts of a run that never change once made, which checkpoints share instead of copying. */
function sharedParts(run: Simulation): object[] {
  return [run.protocol, run.neurons, run.branches, ...run.snapshots, ...run.behaviour];
}
