import { formatCsv, formatJson, morphologyOf, type RunDescription } from '../cli/formatOutput';
import { parseParameterAssignment, resolveParameters } from '../model/parameters';
import type { ReplicateOptions, ReplicateResult } from '../model/runReplicate';
import type { Protocol } from '../model/Protocol';
import { scenarioProtocol, type ScenarioName } from '../model/scenarios';
import { meanSd, type MeanSd } from '../model/summariseReplicates';

export const MIN_CONDITIONS = 2;
export const MAX_CONDITIONS = 4;
export const MAX_REPLICATES = 200;

/** One arm of a comparison: a protocol and parameter overrides, under a name the user chose. */
export interface EnsembleCondition {
  readonly name: string;
  /** The preset the protocol is, or null for a protocol built in the editor or imported. */
  readonly scenario: ScenarioName | null;
  readonly protocol: Protocol;
  /** Overrides relative to the defaults (validated). */
  readonly parameters: Readonly<Record<string, number>>;
}

export interface EnsembleRequest {
  readonly conditions: readonly EnsembleCondition[];
  /** Replicates per condition, 1–200. */
  readonly replicates: number;
  /** Replicate k of every condition uses seed `seed + k` (common random numbers), as the CLI's --seed. */
  readonly seed: number;
}

/** A condition as the form holds it while it is typed. */
export interface ConditionForm {
  readonly name: string;
  /** A preset, or 'page': the protocol the page runs, built in the editor or imported. */
  readonly source: ScenarioName | 'page';
  /** Parameter changes as typed: `name=value, …`. */
  readonly overridesText: string;
}

/** The conditions-and-replicates form, as typed (it travels in links and saved runs as it is). */
export interface EnsembleForm {
  readonly conditions: readonly ConditionForm[];
  readonly replicatesText: string;
  readonly seedText: string;
}

export const DEFAULT_ENSEMBLE_FORM: EnsembleForm = {
  conditions: [
    { name: 'stress', source: 'stress', overridesText: '' },
    { name: 'stress + ketamine', source: 'stress-ketamine', overridesText: '' },
  ],
  replicatesText: '20',
  seedText: '1',
};

/**
 * The replicates to run, condition after condition. Every condition uses the same seeds, so that the
 * differences between conditions come from the conditions, not from the draws (common random numbers).
 */
export function ensembleTasks(request: EnsembleRequest): ReplicateOptions[] {
  return request.conditions.flatMap((condition) => Array.from({ length: request.replicates }, (_, r) => ({ protocol: condition.protocol, seed: request.seed + r, parameters: condition.parameters })));
}

/** What the CLI's outputs record about a condition's run (its provenance). */
export function conditionRun(request: EnsembleRequest, condition: EnsembleCondition, results: readonly ReplicateResult[]): RunDescription {
  return {
    seed: request.seed,
    parameters: resolveParameters(condition.parameters),
    protocol: condition.protocol,
    morphology: morphologyOf('procedural', results),
  };
}

/** The condition's readouts in the CLI's CSV, byte for byte what `npm run sim -- … --format csv` prints. */
export function conditionCsv(request: EnsembleRequest, condition: EnsembleCondition, results: readonly ReplicateResult[]): string {
  return formatCsv(conditionRun(request, condition, results), results);
}

/** The condition's readouts in the CLI's JSON document (schema 1). */
export function conditionJson(request: EnsembleRequest, condition: EnsembleCondition, results: readonly ReplicateResult[]): string {
  return formatJson(conditionRun(request, condition, results), results);
}

/** The file a condition's protocol is exported to, for the CLI's --protocol. */
export function protocolFileName(condition: EnsembleCondition): string {
  const count = condition.protocol.neuronCount;
  return `${condition.protocol.name.replace(/[^A-Za-z0-9_-]+/g, '-')}-${count}-neuron${count === 1 ? '' : 's'}.protocol.json`;
}

/** Whether the CLI's `--scenario NAME` runs exactly this condition's protocol (a preset at its own neuron count). */
function isPlainPreset(condition: EnsembleCondition): boolean {
  return condition.scenario !== null && JSON.stringify(scenarioProtocol(condition.scenario)) === JSON.stringify(condition.protocol);
}

/**
 * The command that reproduces a condition with the CLI: `--scenario NAME` for a preset as the CLI builds
 * it, else `--protocol FILE`, the protocol file the page exports (`protocolFileName`).
 */
export function conditionCommand(request: EnsembleRequest, condition: EnsembleCondition, format: 'csv' | 'json' = 'csv'): string {
  const source = isPlainPreset(condition) ? `--scenario ${condition.scenario}` : `--protocol ${protocolFileName(condition)}`;
  const sets = Object.entries(condition.parameters).map(([name, value]) => ` --set ${name}=${value}`).join('');
  return `npm run sim -- ${source} --seed ${request.seed} --replicates ${request.replicates}${sets} --format ${format}`;
}

/** Parses "name=value, name=value" (or one per line) into validated overrides; throws ParameterError in words. */
export function parseOverrides(text: string): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const part of text.split(/[,;\n]+/)) {
    if (part.trim() === '') continue;
    const [name, value] = parseParameterAssignment(part);
    overrides[name] = value;
  }
  return overrides;
}

export function formatOverrides(overrides: Readonly<Record<string, number>>): string {
  return Object.entries(overrides).map(([name, value]) => `${name}=${value}`).join(', ');
}

/** A mean with its 95 % confidence interval (normal approximation: mean ± 1.96 · sd / √n). */
export interface MeanBand {
  readonly timeHours: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

function band(timeHours: number, value: MeanSd, n: number): MeanBand {
  const half = n > 1 ? (1.96 * value.sd) / Math.sqrt(n) : 0;
  return { timeHours, mean: value.mean, low: value.mean - half, high: value.mean + half };
}

/** What the ensemble charts draw for one condition: mean and 95 % band at each session or test. */
export interface ConditionBands {
  readonly density: readonly MeanBand[];
  readonly escape: readonly MeanBand[];
}

/**
 * The series the ensemble charts draw for one condition. Only the two columns drawn, with the same
 * `meanSd` over the same values in the same order as `summariseReplicates` (so the same numbers as the
 * CLI's summary), at a quarter of its work: it runs on the page's main thread.
 */
export function conditionBands(results: readonly ReplicateResult[]): ConditionBands {
  const n = results.length;
  const [first] = results;
  return {
    density: first.sessions.map((s, i) => band(s.timeHours, meanSd(results.map((r) => r.sessions[i].densityPerUm)), n)),
    escape: first.behaviour.map((b, i) => band(b.timeHours, meanSd(results.map((r) => r.behaviour[i].escapeIndex)), n)),
  };
}
