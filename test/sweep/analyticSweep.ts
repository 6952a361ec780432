import { MODEL_VERSION } from '../../src/model/Simulation';
import { analyseSweep } from '../../src/sweep/analyseSweep';
import type { SweepResult } from '../../src/sweep/sweepResult';
import { planSweep } from '../../src/sweep/planSweep';
import type { PointRecord } from '../../src/sweep/runSweepPoint';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';

/**
 * Drives the sweep engine with an analytic function in place of the model: the design's points (through
 * the factors' value mapping), the records and the analysis are the engine's own; only the readout is f.
 * Factors are parameters whose allowed range holds [0, 1], so a factor's value is its normalised coordinate.
 */
export const unitParameters = ['rescueTargetingFraction', 'ketamineEliminationProtection', 'sizeLogSd', 'sizeHazardExponent'];

export function analyticDocument(design: unknown, k: number, extra: Record<string, unknown> = {}) {
  return validateSweepDocument({
    format: 'spinelab-sweep',
    version: 1,
    name: 'analytic',
    seed: 11,
    base: { scenario: 'control' },
    factors: unitParameters.slice(0, k).map((parameter) => ({ parameter, min: 0, max: 1 })),
    design,
    readouts: ['liveSpines'],
    ...extra,
  });
}

export function analyticRecords(document: ReturnType<typeof validateSweepDocument>, f: (x: readonly number[]) => number, hash = 'sha256:analytic'): PointRecord[] {
  const plan = planSweep(document, hash);
  return Array.from({ length: plan.pointCount }, (_, p) => {
    const task = plan.task(p);
    const x = document.factors.map((factor) => task.factors[factor.name] as number);
    return { sweep: hash, model: MODEL_VERSION, point: p, factors: task.factors, parameters: task.parameters, seeds: task.seeds, readouts: { liveSpines: f(x) }, replicates: {} };
  });
}

export function analyticSweep(design: unknown, k: number, f: (x: readonly number[]) => number): SweepResult {
  const document = analyticDocument(design, k);
  return analyseSweep({ document, hash: 'sha256:analytic', model: MODEL_VERSION, records: analyticRecords(document, f) });
}
