import { runReplicate } from '../model/runReplicate';
import { serveTasks } from './workerPool';

/** Runs replicates on request; the result is structured-cloned back (typed arrays included). */
serveTasks(runReplicate);
