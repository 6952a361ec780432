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
 * ends them at once.
 */
export class EnsemblePool {
  private workers: Worker[] = [];
  private cancelled: (() => void) | null = null;

  constructor(private readonly createWorker: () => Worker) {}

  get running(): boolean {
    return this.cancelled !== null;
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
    const lane = async (worker: Worker) => {
      const remote: Remote<ReplicateApi> = wrap<ReplicateApi>(worker);
      while (next < tasks.length) {
        const index = next++;
        results[index] = await remote.run(tasks[index]);
        done++;
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
      this.cancelled = null;
    }
  }

  /** Ends the running ensemble: its workers stop at once and `run` rejects with EnsembleCancelled. */
  cancel(): void {
    this.cancelled?.();
  }
}
