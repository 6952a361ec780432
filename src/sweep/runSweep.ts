import type { Neuron } from '../model/Morphology';
import { MODEL_VERSION } from '../model/Simulation';
import { analyseSweep } from './analyseSweep';
import type { SweepResult } from './sweepResult';
import type { SweepPlan } from './planSweep';
import { runSweepPoint, type PointRecord } from './runSweepPoint';

/** Neurons of an SWC file the document names (loaded by the caller, which knows where files are). */
export type MorphologyLoader = (file: string) => readonly Neuron[];

/** Runs the given points of a plan in this thread, in order. */
export function runPlanPoints(plan: SweepPlan, points: readonly number[], morphology?: MorphologyLoader, onRecord?: (record: PointRecord) => void): PointRecord[] {
  return points.map((p) => {
    const task = plan.task(p);
    const record = runSweepPoint(task, plan.hash, task.morphology !== undefined ? morphology?.(task.morphology) : undefined);
    onRecord?.(record);
    return record;
  });
}

/** Runs a whole sweep in this thread and analyses it: for tests and small sweeps (the CLI runs points on worker threads). */
export function runSweepInThisThread(plan: SweepPlan, morphology?: MorphologyLoader): SweepResult {
  const records = runPlanPoints(plan, Array.from({ length: plan.pointCount }, (_, p) => p), morphology);
  return analyseSweep({ document: plan.document, hash: plan.hash, model: MODEL_VERSION, records });
}
