import { parameterProblem, parameterSpec } from '../model/parameters';
import { ProtocolError, validateProtocol, type Protocol } from '../model/Protocol';
import { isScenarioName, scenarioNames, type ScenarioName } from '../model/scenarios';
import { isProtocolFieldName, protocolFields, type ProtocolFieldName } from './protocolFields';
import { parseReadout } from './readouts';
import { SweepError } from './SweepError';
import { isObject } from './json';

/**
 * A sweep document: what to vary, how to sample it, what to measure. It is versioned JSON; the validated
 * form below is itself a valid document (defaults filled in), which is what shard files embed and hash.
 *
 * {
 *   "format": "spinelab-sweep", "version": 1, "name": "dose-by-stress", "seed": 1, "replicates": 2,
 *   "base": { "scenario": "stress-ketamine", "protocolFields": { "neuronCount": 1 }, "parameters": { "burnInDays": 7 } },
 *   "factors": [ { "protocolField": "ketamineDoseMgPerKg", "values": [1, 3, 10] },
 *                { "parameter": "maturationPerDay", "min": 0.2, "max": 0.6, "scale": "log" } ],
 *   "design": { "type": "grid", "levels": 3 },
 *   "readouts": ["density@dose+2d", "escape@dose+2d..dose+7d", "target:S2"]
 * }
 */

export const SWEEP_FORMAT = 'spinelab-sweep';
export const SWEEP_VERSION = 1;
/** Most points one sweep may hold (a global analysis over 25 factors needs a few 10⁴). */
export const MAX_POINTS = 1_000_000;
const MAX_REPLICATES = 1000;
const MAX_SEED = 2 ** 31 - 1;

interface FactorCommon {
  /** Column name in shard lines and results (defaults to the parameter or field it sets). */
  readonly name: string;
}
export interface RangeFactor extends FactorCommon {
  readonly parameter?: string;
  readonly protocolField?: ProtocolFieldName;
  readonly min: number;
  readonly max: number;
  /** 'log': sampled evenly in log space (for rates spanning orders of magnitude). */
  readonly scale: 'linear' | 'log';
}
export interface ValuesFactor extends FactorCommon {
  readonly parameter?: string;
  readonly protocolField?: ProtocolFieldName;
  readonly values: readonly number[];
}
export interface MorphologyFactor extends FactorCommon {
  /** SWC files, relative to the sweep document. */
  readonly morphology: readonly string[];
}
export type Factor = RangeFactor | ValuesFactor | MorphologyFactor;

export interface SweepBase {
  readonly scenario?: ScenarioName;
  readonly protocol?: Protocol;
  readonly protocolFields: Readonly<Partial<Record<ProtocolFieldName, number>>>;
  readonly parameters: Readonly<Record<string, number>>;
  /** One SWC file for every point, relative to the sweep document. */
  readonly morphology?: string;
}

export interface StatisticsOptions {
  /** Bootstrap resamples for the confidence intervals (0: no intervals). */
  readonly bootstrap: number;
  readonly confidence: number;
}
export type Design =
  | { readonly type: 'grid'; readonly levels?: number }
  | { readonly type: 'random'; readonly points: number }
  | { readonly type: 'latin-hypercube'; readonly points: number }
  | ({ readonly type: 'morris'; readonly trajectories: number; readonly levels: number } & StatisticsOptions)
  | ({ readonly type: 'sobol'; readonly samples: number } & StatisticsOptions);

export interface SweepDocument {
  readonly format: typeof SWEEP_FORMAT;
  readonly version: typeof SWEEP_VERSION;
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  /** 'per-point': seeds derived from the sweep seed and the point index; 'common': every point uses the sweep seed. */
  readonly seeding: 'per-point' | 'common';
  readonly replicates: number;
  readonly base: SweepBase;
  readonly factors: readonly Factor[];
  readonly design: Design;
  readonly readouts: readonly string[];
}

export const isRangeFactor = (factor: Factor): factor is RangeFactor => 'min' in factor;
export const isValuesFactor = (factor: Factor): factor is ValuesFactor => 'values' in factor;
export const isMorphologyFactor = (factor: Factor): factor is MorphologyFactor => 'morphology' in factor;

const fail = (message: string): never => {
  throw new SweepError(message);
};
const shown = (v: unknown) => JSON.stringify(v) ?? String(v);

function object(where: string, v: unknown, known: readonly string[]): Record<string, unknown> {
  if (!isObject(v)) fail(`${where} must be an object`);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!known.includes(key)) fail(`${where} has an unknown field "${key}" (known: ${known.join(', ')})`);
  return o;
}

function number(where: string, v: unknown, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    fail(`${where} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${shown(v)})`);
  }
  return v as number;
}

function text(where: string, v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') fail(`${where} must be a non-empty string`);
  return v as string;
}

/** Checks one value of a parameter or protocol field; returns it. */
function settingValue(where: string, target: { parameter?: string; protocolField?: ProtocolFieldName }, v: unknown): number {
  if (target.parameter !== undefined) {
    const problem = parameterProblem(target.parameter, v);
    if (problem) fail(`${where}: ${problem}`);
    return v as number;
  }
  const spec = protocolFields[target.protocolField!];
  return number(where, v, spec.min, spec.max, 'integer' in spec && spec.integer);
}

function validateFactor(where: string, v: unknown): Factor {
  const o = object(where, v, ['name', 'parameter', 'protocolField', 'morphology', 'min', 'max', 'scale', 'values']);
  const kinds = ['parameter', 'protocolField', 'morphology'].filter((k) => o[k] !== undefined);
  if (kinds.length !== 1) fail(`${where} must set exactly one of "parameter", "protocolField" or "morphology"`);
  const name = o.name === undefined ? undefined : text(`${where}.name`, o.name);
  if (name !== undefined && !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) fail(`${where}.name must be letters, digits, "_", "." or "-", starting with a letter (got ${shown(name)})`);
  if (o.morphology !== undefined) {
    if (!Array.isArray(o.morphology) || o.morphology.length === 0) fail(`${where}.morphology must be a non-empty array of SWC file names`);
    for (const key of ['min', 'max', 'scale', 'values']) if (o[key] !== undefined) fail(`${where}: a morphology factor takes no "${key}"`);
    const files = (o.morphology as unknown[]).map((file, i) => text(`${where}.morphology[${i}]`, file));
    return { name: name ?? 'morphology', morphology: files };
  }
  let target: { parameter?: string; protocolField?: ProtocolFieldName };
  if (o.parameter !== undefined) {
    const parameter = text(`${where}.parameter`, o.parameter);
    if (!parameterSpec(parameter)) fail(`${where}: ${parameterProblem(parameter, 0)}`);
    target = { parameter };
  } else {
    const field = text(`${where}.protocolField`, o.protocolField);
    if (!isProtocolFieldName(field)) fail(`${where}.protocolField must be one of ${Object.keys(protocolFields).join(', ')} (got ${shown(field)})`);
    target = { protocolField: field as ProtocolFieldName };
  }
  const factorName = name ?? target.parameter ?? target.protocolField!;
  if (o.values !== undefined) {
    for (const key of ['min', 'max', 'scale']) if (o[key] !== undefined) fail(`${where}: give either "values" or "min"/"max", not both`);
    if (!Array.isArray(o.values) || o.values.length === 0) fail(`${where}.values must be a non-empty array of numbers`);
    const values = (o.values as unknown[]).map((value, i) => settingValue(`${where}.values[${i}]`, target, value));
    return { name: factorName, ...target, values };
  }
  if (o.min === undefined || o.max === undefined) fail(`${where} needs "values", or "min" and "max"`);
  const min = settingValue(`${where}.min`, target, o.min);
  const max = settingValue(`${where}.max`, target, o.max);
  if (!(max > min)) fail(`${where}.max must be greater than its min (${min})`);
  const scale = o.scale ?? 'linear';
  if (scale !== 'linear' && scale !== 'log') fail(`${where}.scale must be "linear" or "log" (got ${shown(scale)})`);
  if (scale === 'log' && !(min > 0)) fail(`${where}: a log scale needs min > 0`);
  return { name: factorName, ...target, min, max, scale: scale as 'linear' | 'log' };
}

function validateBase(v: unknown): SweepBase {
  const o = object('sweep.base', v, ['scenario', 'protocol', 'protocolFields', 'parameters', 'morphology']);
  if ((o.scenario === undefined) === (o.protocol === undefined)) fail('sweep.base needs either "scenario" or "protocol"');
  let scenario: ScenarioName | undefined;
  let protocol: Protocol | undefined;
  if (o.scenario !== undefined) {
    if (typeof o.scenario !== 'string' || !isScenarioName(o.scenario)) fail(`sweep.base.scenario must be one of ${scenarioNames.join(', ')} (got ${shown(o.scenario)})`);
    scenario = o.scenario as ScenarioName;
  } else {
    try {
      protocol = validateProtocol(o.protocol);
    } catch (error) {
      if (error instanceof ProtocolError) fail(`sweep.base.${error.message}`);
      throw error;
    }
  }
  const fieldsIn = object('sweep.base.protocolFields', o.protocolFields ?? {}, Object.keys(protocolFields));
  const fields: Partial<Record<ProtocolFieldName, number>> = {};
  for (const [key, value] of Object.entries(fieldsIn)) fields[key as ProtocolFieldName] = settingValue(`sweep.base.protocolFields.${key}`, { protocolField: key as ProtocolFieldName }, value);
  if (!isObject(o.parameters ?? {})) fail('sweep.base.parameters must be an object of name: value');
  const parameters: Record<string, number> = {};
  for (const [key, value] of Object.entries((o.parameters ?? {}) as Record<string, unknown>)) {
    const problem = parameterProblem(key, value);
    if (problem) fail(`sweep.base.parameters: ${problem}`);
    parameters[key] = value as number;
  }
  const morphology = o.morphology === undefined ? undefined : text('sweep.base.morphology', o.morphology);
  return { ...(scenario ? { scenario } : { protocol }), protocolFields: fields, parameters, ...(morphology ? { morphology } : {}) };
}

function statisticsOptions(o: Record<string, unknown>): StatisticsOptions {
  return {
    bootstrap: number('sweep.design.bootstrap', o.bootstrap ?? 1000, 0, 100_000, true),
    confidence: number('sweep.design.confidence', o.confidence ?? 0.95, 0.5, 0.999),
  };
}

function validateDesign(v: unknown, factors: readonly Factor[]): Design {
  if (!isObject(v)) fail('sweep.design must be an object with a "type"');
  const type = (v as Record<string, unknown>).type;
  const ranges = (design: string) => {
    for (const factor of factors) if (!isRangeFactor(factor)) fail(`a ${design} design needs every factor as a range ("min", "max"); factor ${factor.name} is not`);
  };
  switch (type) {
    case 'grid': {
      const o = object('sweep.design', v, ['type', 'levels']);
      const levels = o.levels === undefined ? undefined : number('sweep.design.levels', o.levels, 2, 1000, true);
      const needsLevels = factors.find((f) => isRangeFactor(f));
      if (needsLevels && levels === undefined) fail(`a grid design needs "levels" for range factors such as ${needsLevels.name} (or give the factor "values")`);
      return { type, ...(levels === undefined ? {} : { levels }) };
    }
    case 'random':
    case 'latin-hypercube': {
      const o = object('sweep.design', v, ['type', 'points']);
      return { type, points: number('sweep.design.points', o.points, 1, MAX_POINTS, true) };
    }
    case 'morris': {
      const o = object('sweep.design', v, ['type', 'trajectories', 'levels', 'bootstrap', 'confidence']);
      ranges('Morris');
      const levels = number('sweep.design.levels', o.levels ?? 4, 2, 100, true);
      if (levels % 2 !== 0) fail(`sweep.design.levels must be even for a Morris design (got ${levels})`);
      return { type, trajectories: number('sweep.design.trajectories', o.trajectories, 2, MAX_POINTS, true), levels, ...statisticsOptions(o) };
    }
    case 'sobol': {
      const o = object('sweep.design', v, ['type', 'samples', 'bootstrap', 'confidence']);
      ranges('Sobol');
      return { type, samples: number('sweep.design.samples', o.samples, 2, MAX_POINTS, true), ...statisticsOptions(o) };
    }
    default:
      return fail(`sweep.design.type must be one of grid, random, latin-hypercube, morris, sobol (got ${shown(type)})`);
  }
}

/** Number of points the design gives over these factors. */
export function designPointCount(design: Design, factors: readonly Factor[]): number {
  switch (design.type) {
    case 'grid':
      return factors.reduce((n, f) => n * (isRangeFactor(f) ? design.levels! : isValuesFactor(f) ? f.values.length : f.morphology.length), 1);
    case 'random':
    case 'latin-hypercube':
      return design.points;
    case 'morris':
      return design.trajectories * (factors.length + 1);
    case 'sobol':
      return design.samples * (factors.length + 2);
  }
}

/** Validates an unknown value (parsed JSON) as a sweep document; every problem is one line naming the field. */
export function validateSweepDocument(value: unknown): SweepDocument {
  const o = object('sweep', value, ['format', 'version', 'name', 'description', 'seed', 'seeding', 'replicates', 'base', 'factors', 'design', 'readouts']);
  if (o.format !== SWEEP_FORMAT) fail(`sweep.format must be "${SWEEP_FORMAT}" (got ${shown(o.format)})`);
  if (o.version !== SWEEP_VERSION) fail(`sweep.version must be ${SWEEP_VERSION} (got ${shown(o.version)})`);
  const name = text('sweep.name', o.name);
  const description = o.description === undefined ? undefined : text('sweep.description', o.description);
  const replicates = number('sweep.replicates', o.replicates ?? 1, 1, MAX_REPLICATES, true);
  const seeding = o.seeding ?? 'per-point';
  if (seeding !== 'per-point' && seeding !== 'common') fail(`sweep.seeding must be "per-point" or "common" (got ${shown(seeding)})`);
  // Replicate r of a point uses seed S + r, as `npm run sim -- --seed S --replicates R` does.
  const seed = number('sweep.seed', o.seed ?? 1, 0, MAX_SEED - replicates + 1, true);
  const base = validateBase(o.base);
  if (!Array.isArray(o.factors) || o.factors.length === 0) fail('sweep.factors must be a non-empty array');
  const factors = (o.factors as unknown[]).map((f, i) => validateFactor(`sweep.factors[${i}]`, f));
  const names = new Set<string>();
  const targets = new Set<string>();
  for (const factor of factors) {
    if (names.has(factor.name)) fail(`two factors are named ${factor.name}; give one a "name"`);
    names.add(factor.name);
    const target = isMorphologyFactor(factor) ? 'morphology' : factor.parameter ?? factor.protocolField!;
    if (targets.has(target)) fail(`two factors set ${target}`);
    targets.add(target);
    if (!isMorphologyFactor(factor) && factor.parameter !== undefined && factor.parameter in base.parameters) fail(`parameter ${factor.parameter} is both a factor and fixed in sweep.base.parameters`);
    if (!isMorphologyFactor(factor) && factor.protocolField !== undefined && factor.protocolField in base.protocolFields) fail(`protocol field ${factor.protocolField} is both a factor and fixed in sweep.base.protocolFields`);
    if (isMorphologyFactor(factor) && base.morphology !== undefined) fail('a morphology factor and sweep.base.morphology exclude each other');
  }
  const design = validateDesign(o.design, factors);
  if ((design.type === 'morris' || design.type === 'sobol') && factors.some(isMorphologyFactor)) fail(`a ${design.type} design cannot vary morphology; use a grid, random or latin-hypercube design`);
  const points = designPointCount(design, factors);
  if (points > MAX_POINTS) fail(`sweep.design gives ${points} points; the limit is ${MAX_POINTS}`);
  if (!Array.isArray(o.readouts) || o.readouts.length === 0) fail('sweep.readouts must be a non-empty array of readout names');
  const readouts = (o.readouts as unknown[]).map((r, i) => text(`sweep.readouts[${i}]`, r));
  const specs = readouts.map(parseReadout);
  if (new Set(readouts).size !== readouts.length) fail('sweep.readouts lists a readout twice');
  // Target readouts run the calibration's own protocols; of the protocol fields only the neuron count reaches them.
  const targetIgnores = (field: string) => field !== 'neuronCount';
  const protocolSettings = Object.keys(base.protocolFields).some(targetIgnores) || factors.some((f) => isMorphologyFactor(f) || (f.protocolField !== undefined && targetIgnores(f.protocolField))) || base.morphology !== undefined;
  if (specs.some((s) => s.family === 'target') && protocolSettings) {
    fail('target readouts run the calibration scenarios as the calibration does (procedural neurons, its own protocols); of the protocol fields only neuronCount applies to them, and morphology does not');
  }
  return {
    format: SWEEP_FORMAT,
    version: SWEEP_VERSION,
    name,
    ...(description === undefined ? {} : { description }),
    seed,
    seeding: seeding as 'per-point' | 'common',
    replicates,
    base,
    factors,
    design,
    readouts,
  };
}
