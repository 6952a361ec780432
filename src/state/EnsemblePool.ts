import { wrap, type Remote } from 'comlink';
import type { ReplicateOptions } from '../model/runReplicate';
import type { ReplicateApi, ReplicateReadouts } from '../../workers/replicateApi';

export interface EnsembleProgress {
  readonly done: number;
  readonly total: number;
  /** Estimated wall time left (ms), from the pace so far; null before the first replicate is back. */
  readonly remainingMs: number | null;
}

/** The pool was cancelled: its results are dropped. */
export class EnsembleCancelled extends Error {
  constructor() {
    super('the ensemble was cancelled');
    this.name = 'EnsembleCancelled';
  }
}

/** As many workers as the machine has cores (at least one), never more than there are replicates. */
export function poolSize(tasks: number, cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1): number {
  return Math.max(1, Math.min(tasks, Math.floor(cores) || 1));
}

/**
 * Runs headless replicates in a pool of workers sized to the machine, off the page's main thread: each
 * worker takes the next replicate as soon as it is free, and results come back in task order whatever
 * the pool's size (each replicate is fully determined by its options). Workers live for one run; cancel
 * ends them at once. The page may keep some of them waiting for a while (`limitLanes`).
 */
export class EnsemblePool {
  private workers: Worker[] = [];
  private cancelled: (() => void) | null = null;
  private openLanes = Infinity;
  /** Lanes waiting for `limitLanes` to let them go on. */
  private waiting: (() => void)[] = [];

  constructor(private readonly createWorker: () => Worker) {}

  get running(): boolean {
    return this.cancelled !== null;
  }

  /**
   * Lets at most `lanes` workers (at least one) start a new replicate, now and in later runs; a worker
   * over the limit finishes its replicate and waits. Results do not depend on it, only the pace.
   */
  limitLanes(lanes: number): void {
    this.openLanes = Math.max(1, lanes);
    this.wakeLanes();
  }

  private wakeLanes(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  async run(tasks: readonly ReplicateOptions[], onProgress: (progress: EnsembleProgress) => void, size = poolSize(tasks.length)): Promise<ReplicateReadouts[]> {
    if (this.running) throw new Error('an ensemble is already running');
    const results: ReplicateReadouts[] = new Array(tasks.length);
    const started = performance.now();
    let next = 0;
    let done = 0;
    let abort: (error: Error) => void = () => undefined;
    const stop = new Promise<never>((_, reject) => {
      abort = reject;
    });
    this.cancelled = () => abort(new EnsembleCancelled());
    this.workers = Array.from({ length: poolSize(tasks.length, size) }, () => {
      const worker = this.createWorker();
      worker.addEventListener('error', (event) => abort(new Error(`a worker of the ensemble failed (${event.message || 'it could not load'})`)));
      return worker;
    });
    const lane = async (worker: Worker, lane: number) => {
      const remote: Remote<ReplicateApi> = wrap<ReplicateApi>(worker);
      while (next < tasks.length) {
        while (lane >= this.openLanes && next < tasks.length) await new Promise<void>((wake) => this.waiting.push(wake));
        if (next >= tasks.length) break;
        const index = next++;
        results[index] = await remote.run(tasks[index]);
        done++;
        // The last result lets the waiting lanes see that nothing is left.
        if (done === tasks.length) this.wakeLanes();
        const elapsed = performance.now() - started;
        onProgress({ done, total: tasks.length, remainingMs: (elapsed / done) * (tasks.length - done) });
      }
    };
    onProgress({ done: 0, total: tasks.length, remainingMs: null });
    try {
      await Promise.race([Promise.all(this.workers.map(lane)), stop]);
      return results;
    } finally {
      for (const worker of this.workers) worker.terminate();
      this.workers = [];
      this.waiting = [];
      this.cancelled = null;
    }
  }

  /** Ends the running ensemble: its workers stop at once and `run` rejects with EnsembleCancelled. */
  cancel(): void {
    this.cancelled?.();
  }
}
