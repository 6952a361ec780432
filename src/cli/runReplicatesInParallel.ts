import { availableParallelism } from 'node:os';
import { runReplicate, type ReplicateOptions, type ReplicateResult } from '../model/runReplicate';
import { runOnWorkerThreads } from './workerPool';

/** A replicate that failed on a worker thread (its message is one line, fit for the CLI's report). */
export class ReplicateError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' '));
    this.name = 'ReplicateError';
  }
}

/**
 * Runs independent replicates on worker threads (one per core by default) and returns them in task
 * order. Every replicate is fully determined by its options, so the result does not depend on the
 * number of threads. With one thread it runs in this thread.
 */
export async function runReplicatesInParallel(tasks: readonly ReplicateOptions[], threads = availableParallelism(), onDone?: (done: number) => void): Promise<ReplicateResult[]> {
  const results: ReplicateResult[] = new Array(tasks.length);
  let done = 0;
  await runOnWorkerThreads({
    worker: new URL('./replicateWorker.mjs', import.meta.url),
    tasks,
    threads,
    runHere: runReplicate,
    onResult: (index, result: ReplicateResult) => {
      results[index] = result;
      onDone?.(++done);
    },
    failure: (message) => new ReplicateError(message),
  });
  return results;
}
