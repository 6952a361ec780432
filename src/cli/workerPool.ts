import { parentPort, Worker } from 'node:worker_threads';

/**
 * Runs independent tasks on worker threads, a task at a time per thread, and reports each result as it
 * arrives (with its task index). With one thread it runs them here, in order. Workers answer
 * `{ id, task }` with `{ id, result }` or `{ id, error }` (see `serveTasks`).
 */
export async function runOnWorkerThreads<T, R>(options: {
  readonly worker: URL;
  readonly tasks: readonly T[];
  readonly threads: number;
  readonly runHere: (task: T) => R;
  readonly onResult: (index: number, result: R) => void;
  /** Wraps a one-line failure message in the caller's error class. */
  readonly failure: (message: string) => Error;
}): Promise<void> {
  const { tasks, onResult, failure } = options;
  const count = Math.max(1, Math.min(options.threads, tasks.length));
  if (count === 1) {
    tasks.forEach((task, i) => onResult(i, options.runHere(task)));
    return;
  }
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: count }, () => new Worker(options.worker));
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next < tasks.length) {
          const id = next++;
          worker.postMessage({ id, task: tasks[id] });
        }
      };
      for (const worker of workers) {
        worker.on('message', (message: { id: number; result?: R; error?: string }) => {
          if (message.error !== undefined) {
            reject(failure(message.error));
            return;
          }
          try {
            onResult(message.id, message.result as R);
          } catch (error) {
            reject(error);
            return;
          }
          done++;
          if (done === tasks.length) resolve();
          else feed(worker);
        });
        worker.on('error', (error) => reject(failure(`a worker thread failed: ${error.message}`)));
        worker.on('exit', (code) => {
          if (code !== 0 && done < tasks.length) reject(failure(`a worker thread stopped (exit code ${code})`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The worker side: runs each posted task and posts its result (structured-cloned) or its error message back. */
export function serveTasks<T, R>(run: (task: T) => R): void {
  parentPort?.on('message', (message: { id: number; task: T }) => {
    try {
      parentPort?.postMessage({ id: message.id, result: run(message.task) });
    } catch (error) {
      parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
