import { parentPort } from 'node:worker_threads';
import { runReplicate, type ReplicateOptions } from '../model/runReplicate';

/** Runs replicates on request; the result is structured-cloned back (typed arrays included). */
parentPort?.on('message', (task: { id: number; options: ReplicateOptions }) => {
  try {
    parentPort?.postMessage({ id: task.id, result: runReplicate(task.options) });
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
