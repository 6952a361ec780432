import type { Neuron } from '../model/Morphology';
import { runReplicate } from '../model/runReplicate';
import { MODEL_VERSION } from '../model/Simulation';
import type { FactorValue } from './factors';
import type { PointTask } from './planSweep';
import { bindReadout, parseReadout, targetFamilies } from './readouts';
import { SweepError } from './SweepError';

/** One line of a shard file: a point, how it was run, and what it measured. */
export interface PointRecord {
  /** Hash of the sweep document. */
  readonly sweep: string;
  readonly model: string;
  readonly point: number;
  readonly factors: Readonly<Record<string, FactorValue>>;
  readonly parameters: Readonly<Record<string, number>>;
  readonly seeds: readonly number[];
  /** The point's value of each readout (mean over replicates for run readouts); null when undefined. */
  readonly readouts: Readonly<Record<string, number | null>>;
  /** Each run readout per replicate, in seed order. */
  readonly replicates: Readonly<Record<string, readonly (number | null)[]>>;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Runs one point (every replicate, every readout) in this thread. */
export function runSweepPoint(task: PointTask, hash: string, neurons?: readonly Neuron[]): PointRecord {
  const specs = task.readouts.map(parseReadout);
  const readouts: Record<string, number | null> = {};
  const replicates: Record<string, (number | null)[]> = {};
  const runSpecs = specs.filter((spec) => spec.family === 'run');
  if (runSpecs.length > 0) {
    const evaluators = runSpecs.map((spec) => bindReadout(spec, task.protocol));
    const runs = task.seeds.map((seed) => runReplicate({ protocol: task.protocol, seed, parameters: task.parameters, neurons }));
    runSpecs.forEach((spec, i) => {
      // A replicate with nothing to score (formation with no spine visible before) gives null, and so does
      // the point's mean: Morris and Sobol then report null indices for that readout rather than a guess.
      const values = runs.map(evaluators[i]);
      replicates[spec.name] = values.map((value) => (value === null ? null : finite(value)));
      readouts[spec.name] = values.some((value) => value === null) ? null : finite((values as number[]).reduce((a, b) => a + b, 0) / values.length);
    });
  }
  const targets = new Map<string, ReadonlyMap<string, number>>();
  for (const spec of specs) {
    if (spec.family !== 'target') continue;
    let values = targets.get(spec.source);
    if (!values) {
      values = targetFamilies[spec.source].compute(task.seeds.length, task.seeds[0], task.parameters, task.protocol.neuronCount);
      targets.set(spec.source, values);
    }
    const value = values.get(spec.id);
    if (value === undefined) throw new SweepError(`readout ${spec.name}: no such target (known: ${[...values.keys()].join(', ')})`);
    readouts[spec.name] = finite(value);
  }
  // Readouts in the document's order, whatever their family.
  const ordered = Object.fromEntries(task.readouts.map((name) => [name, readouts[name]]));
  return { sweep: hash, model: MODEL_VERSION, point: task.index, factors: task.factors, parameters: task.parameters, seeds: task.seeds, readouts: ordered, replicates };
}
