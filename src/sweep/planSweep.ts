import type { Protocol } from '../model/Protocol';
import { createStream } from '../model/random';
import { scenarioProtocol } from '../model/scenarios';
import { sweepDesign } from './designs';
import type { FactorValue } from './factors';
import { applyProtocolFields, type ProtocolFieldName } from './protocolFields';
import { bindReadout, parseReadout } from './readouts';
import { isMorphologyFactor, type SweepDocument } from './sweepDocument';
import { SweepError } from './SweepError';

/** Everything one point needs to run: plain data, so it can be posted to a worker thread. */
export interface PointTask {
  readonly index: number;
  readonly factors: Readonly<Record<string, FactorValue>>;
  readonly protocol: Protocol;
  /** Parameter overrides: the document's fixed ones, then the point's factors. */
  readonly parameters: Readonly<Record<string, number>>;
  /** SWC file (as the document names it) the spines grow on; procedural neurons when absent. */
  readonly morphology?: string;
  /** Replicate seeds: S, S + 1, …, as `npm run sim -- --seed S --replicates R` uses them. */
  readonly seeds: readonly number[];
  readonly readouts: readonly string[];
}

export interface SweepPlan {
  readonly document: SweepDocument;
  /** Identifies the document (and the files it names); every shard line carries it. */
  readonly hash: string;
  readonly pointCount: number;
  task(index: number): PointTask;
}

/**
 * The first replicate seed of point `index`: drawn from the sweep seed and the index (so a point
 * reproduces alone, and points are independent), or the sweep seed itself with `seeding: "common"`
 * (common random numbers: differences between points are not swamped by replicate noise).
 */
export function pointSeed(document: SweepDocument, index: number): number {
  if (document.seeding === 'common') return document.seed;
  return Math.floor(createStream(document.seed, ['sweep-point', index]).uniform() * (2 ** 31 - document.replicates));
}

/** Plans a validated sweep, checking that every run readout fits every point's protocol (one line if not). */
export function planSweep(document: SweepDocument, hash: string): SweepPlan {
  const design = sweepDesign(document);
  const base = document.base.scenario ? scenarioProtocol(document.base.scenario) : document.base.protocol!;
  const fixedFields = Object.entries(document.base.protocolFields) as [ProtocolFieldName, number][];
  const task = (index: number): PointTask => {
    if (!Number.isInteger(index) || index < 0 || index >= design.pointCount) throw new SweepError(`point ${index} is not in this sweep (points 0 to ${design.pointCount - 1})`);
    const values = design.values(index);
    const factors: Record<string, FactorValue> = {};
    const parameters: Record<string, number> = { ...document.base.parameters };
    const fields: [ProtocolFieldName, number][] = [...fixedFields];
    let morphology = document.base.morphology;
    document.factors.forEach((factor, i) => {
      factors[factor.name] = values[i];
      if (isMorphologyFactor(factor)) morphology = values[i] as string;
      else if (factor.parameter !== undefined) parameters[factor.parameter] = values[i] as number;
      else fields.push([factor.protocolField!, values[i] as number]);
    });
    const first = pointSeed(document, index);
    return {
      index,
      factors,
      protocol: applyProtocolFields(base, fields, `point ${index}`),
      parameters,
      ...(morphology === undefined ? {} : { morphology }),
      seeds: Array.from({ length: document.replicates }, (_, r) => first + r),
      readouts: document.readouts,
    };
  };
  // Readout times depend on the protocol only through protocol fields: check every point when they vary.
  const runSpecs = document.readouts.map(parseReadout).filter((spec) => spec.family === 'run');
  const protocolVaries = document.factors.some((f) => !isMorphologyFactor(f) && f.protocolField !== undefined);
  for (let index = 0; index < (protocolVaries ? design.pointCount : 1); index++) {
    const { protocol } = task(index);
    for (const spec of runSpecs) {
      try {
        bindReadout(spec, protocol);
      } catch (error) {
        if (error instanceof SweepError && protocolVaries) throw new SweepError(`point ${index}: ${error.message}`);
        throw error;
      }
    }
  }
  return { document, hash, pointCount: design.pointCount, task };
}
