import type { Neuron } from '../model/Morphology';
import type { PointTask } from '../sweep/planSweep';
import { runSweepPoint } from '../sweep/runSweepPoint';
import { serveTasks } from './workerPool';

/** Runs sweep points on request and posts back their records (a few numbers each). */
serveTasks((task: { point: PointTask; hash: string; neurons?: readonly Neuron[] }) => runSweepPoint(task.point, task.hash, task.neurons));
