import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Neuron } from '../model/Morphology';
import { MODEL_VERSION } from '../model/Simulation';
import { importSwcNeuron } from '../model/swc/importSwcNeuron';
import { SwcError } from '../model/swc/SwcError';
import { analyseSweep } from '../sweep/analyseSweep';
import type { SweepResult } from '../sweep/sweepResult';
import { planSweep, type SweepPlan } from '../sweep/planSweep';
import { runSweepPoint, type PointRecord } from '../sweep/runSweepPoint';
import { isMorphologyFactor, validateSweepDocument, type SweepDocument } from '../sweep/sweepDocument';
import { SweepError } from '../sweep/SweepError';
import { runOnWorkerThreads } from './workerPool';

/** A planned sweep with the neurons of the SWC files it names. */
export interface LoadedSweep {
  readonly plan: SweepPlan;
  readonly neurons: ReadonlyMap<string, readonly Neuron[]>;
  /** Import warnings, one line each. */
  readonly warnings: readonly string[];
}

export function readTextFile(path: string, what: string, toError: (message: string) => Error = (message) => new SweepError(message)): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw toError(`cannot read ${what} "${path}": ${reason}`);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Plans a validated document: loads the SWC files it names (relative to `baseDirectory`) and hashes the
 * document together with their contents, so that shards of an edited document or of changed neuron files
 * never merge with the old ones.
 */
export function loadSweep(document: SweepDocument, baseDirectory: string): LoadedSweep {
  const files = [...new Set([...(document.base.morphology ? [document.base.morphology] : []), ...document.factors.flatMap((f) => (isMorphologyFactor(f) ? f.morphology : []))])];
  const neurons = new Map<string, readonly Neuron[]>();
  const digests: Record<string, string> = {};
  const warnings: string[] = [];
  for (const file of files) {
    const text = readTextFile(resolve(baseDirectory, file), 'morphology file');
    try {
      const imported = importSwcNeuron(text, { fileName: file });
      neurons.set(file, [imported.neuron]);
      warnings.push(...imported.warnings.map((message) => `${file}: ${message}`));
    } catch (error) {
      if (error instanceof SwcError) throw new SweepError(`morphology file "${file}": ${error.message}`);
      throw error;
    }
    digests[file] = sha256(text);
  }
  const hash = `sha256:${sha256(JSON.stringify({ document, morphology: digests }))}`;
  return { plan: planSweep(document, hash), neurons, warnings };
}

/** Reads, validates and plans a sweep document file. */
export function loadSweepFile(path: string): LoadedSweep {
  const text = readTextFile(path, 'sweep file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SweepError(`sweep file "${path}" is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  let document: SweepDocument;
  try {
    document = validateSweepDocument(json);
  } catch (error) {
    if (error instanceof SweepError) throw new SweepError(`sweep file "${path}": ${error.message}`);
    throw error;
  }
  return loadSweep(document, dirname(resolve(path)));
}

/** Runs points on worker threads (one per core by default); `onRecord` gets each record as it finishes. */
export async function runSweepPoints(sweep: LoadedSweep, points: readonly number[], threads: number, onRecord: (record: PointRecord) => void): Promise<void> {
  const tasks = points.map((p) => {
    const point = sweep.plan.task(p);
    return { point, hash: sweep.plan.hash, neurons: point.morphology === undefined ? undefined : sweep.neurons.get(point.morphology) };
  });
  await runOnWorkerThreads({
    worker: new URL('./sweepWorker.mjs', import.meta.url),
    tasks,
    threads,
    runHere: (task) => runSweepPoint(task.point, task.hash, task.neurons),
    onResult: (_, record: PointRecord) => onRecord(record),
    failure: (message) => new SweepError(message),
  });
}

/**
 * Runs a whole sweep in this process, on worker threads, and analyses it: the programmatic form of
 * `--sweep … --shard 0/1` followed by `--merge`. For example, a Morris screening of the estimated
 * parameters against named readouts:
 *
 *   const document = validateSweepDocument({ format: 'spinelab-sweep', version: 1, name: 'screening',
 *     base: { scenario: 'control' }, factors: estimatedParameterFactors(),
 *     design: { type: 'morris', trajectories: 10 }, readouts: ['target:B1', 'target:S2'] });
 *   const result = await runSweep(document);   // result.morris.indices['target:S2'] → μ*, σ per factor
 */
export async function runSweep(document: SweepDocument, options: { threads?: number; baseDirectory?: string; onPoint?: (done: number, total: number) => void } = {}): Promise<SweepResult> {
  const sweep = loadSweep(document, options.baseDirectory ?? process.cwd());
  const records: PointRecord[] = new Array(sweep.plan.pointCount);
  const points = Array.from({ length: sweep.plan.pointCount }, (_, p) => p);
  let done = 0;
  await runSweepPoints(sweep, points, options.threads ?? availableParallelism(), (record) => {
    records[record.point] = record;
    options.onPoint?.(++done, points.length);
  });
  return analyseSweep({ document, hash: sweep.plan.hash, model: MODEL_VERSION, records });
}
