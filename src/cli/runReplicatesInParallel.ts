import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runReplicate, type ReplicateOptions, type ReplicateResult } from '../model/runReplicate';

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
  const count = Math.max(1, Math.min(threads, tasks.length));
  const results: ReplicateResult[] = new Array(tasks.length);
  if (count === 1) {
    tasks.forEach((task, i) => {
      results[i] = runReplicate(task);
      onDone?.(i + 1);
    });
    return results;
  }
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: count }, () => new Worker(new URL('./replicateWorker.mjs', import.meta.url)));
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next < tasks.length) {
          const id = next++;
          worker.postMessage({ id, options: tasks[id] });
        }
      };
      for (const worker of workers) {
        worker.on('message', (message: { id: number; result?: ReplicateResult; error?: string }) => {
          if (message.error !== undefined) {
            reject(new ReplicateError(message.error));
            return;
          }
          results[message.id] = message.result as ReplicateResult;
          done++;
          onDone?.(done);
          if (done === tasks.length) resolve();
          else feed(worker);
        });
        worker.on('error', (error) => reject(new ReplicateError(`a worker thread failed: ${error.message}`)));
        worker.on('exit', (code) => {
          if (code !== 0 && done < tasks.length) reject(new ReplicateError(`a worker thread stopped (exit code ${code})`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
