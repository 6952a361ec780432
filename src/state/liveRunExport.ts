import { formatCsv, formatJson, morphologyOf, type LoggedParameterChange, type RunDescription } from '../cli/formatOutput';
import { defaultParameters, resolveParameters, type Parameters } from '../model/parameters';
import type { Protocol } from '../model/Protocol';
import type { ReplicateResult } from '../model/runReplicate';
import type { ScenarioName } from '../model/scenarios';
import type { ParameterChange } from '../../workers/RunHistory';
import type { SwcSource } from '../../workers/simulationApi';
import { conditionCommand, protocolFileName, type EnsembleCondition } from './ensembleRequest';

/** What the page knows about its live run, besides the finished copy the worker scores. */
export interface LiveRun {
  readonly scenario: ScenarioName;
  /** As the run records it: a number for decimal integer text ("7"), else the text. */
  readonly seed: number | string;
  /** The full protocol the run follows. */
  readonly protocol: Protocol;
  /** The parameters it started with (resolved). */
  readonly parameters: Parameters;
  /** The imported neuron, or null for the procedural ones. */
  readonly swc: SwcSource | null;
  readonly changes: readonly ParameterChange[];
}

/** The live run's readouts as the CLI writes them, and how (or whether) the CLI reproduces them. */
export interface LiveRunExport {
  readonly csv: string;
  readonly json: string;
  /** The `npm run sim` command for the run as it started, or null when the CLI cannot take its seed. */
  readonly command: string | null;
  /** The protocol file the command reads, or null when it names a preset (`--scenario`). */
  readonly protocolFile: { readonly name: string; readonly text: string } | null;
  /** What the command does not reproduce, in words; empty when it reproduces the run exactly. */
  readonly caveats: readonly string[];
}

/** The overrides (relative to the defaults) that make `parameters`. */
export function overridesOf(parameters: Parameters): Record<string, number> {
  const defaults: Record<string, number> = defaultParameters();
  return Object.fromEntries(Object.entries(parameters).filter(([name, value]) => defaults[name] !== value));
}

/** The change log as one entry per parameter changed: time, name, value before and after. */
export function loggedChanges(initial: Parameters, changes: readonly ParameterChange[]): LoggedParameterChange[] {
  const log: LoggedParameterChange[] = [];
  let before: Record<string, number> = initial;
  for (const change of changes) {
    const after: Record<string, number> = resolveParameters(change.overrides);
    for (const name of Object.keys(after)) if (after[name] !== before[name]) log.push({ timeHours: change.timeHours, name, from: before[name], to: after[name] });
    before = after;
  }
  return log;
}

/** The CLI's flags for an imported neuron: the file (under its own name) and the import choices made. */
function morphologyFlags(swc: SwcSource): string {
  const flags = [` --morphology ${swc.fileName}`];
  if (swc.repairLoops) flags.push(' --repair-loops');
  if (swc.umPerUnit !== undefined && swc.umPerUnit !== 1) flags.push(` --swc-scale ${swc.umPerUnit}`);
  if (swc.orientation === 'file') flags.push(' --swc-orientation file');
  return flags.join('');
}

/**
 * The live run's export: `result` is the run carried on to the end of its protocol with every change it
 * logged (the worker's `finishedRun`), written by the CLI's own formatting code, so that a run without
 * mid-run changes exports exactly what `npm run sim` prints for its protocol, parameters and seed. A run
 * with mid-run changes lists them (time, name, old → new) in the provenance; the CLI (and the protocol
 * document) run one parameter set from day 0, so the command then reproduces the run only up to the first
 * change, and says so.
 */
export function liveRunExport(run: LiveRun, result: ReplicateResult): LiveRunExport {
  const parameterChanges = loggedChanges(run.parameters, run.changes);
  const description: RunDescription = {
    seed: run.seed,
    parameters: run.parameters,
    protocol: run.protocol,
    morphology: morphologyOf(run.swc ? `swc:${run.swc.fileName}` : 'procedural', [result]),
    parameterChanges,
  };
  const condition: EnsembleCondition = { name: run.protocol.name, scenario: run.swc ? null : run.scenario, protocol: run.protocol, parameters: overridesOf(run.parameters) };
  const command = (format: 'csv' | 'json') =>
    typeof run.seed === 'number' ? `${conditionCommand({ conditions: [condition], replicates: 1, seed: run.seed }, condition, format)}${run.swc ? morphologyFlags(run.swc) : ''}` : null;
  const csvCommand = command('csv');
  const caveats: string[] = [];
  if (csvCommand === null) caveats.push(`The CLI takes whole-number seeds only; this run’s seed “${run.seed}” cannot be given to it.`);
  if (parameterChanges.length > 0) {
    const first = parameterChanges[0].timeHours;
    caveats.push(
      `This run changed parameters during the run (listed in the files). The CLI and protocol files run one parameter set from day 0, so no single CLI call reproduces it: ${csvCommand ? `the command reproduces it up to ${first} h (day ${+(first / 24).toFixed(2)}), before the first change` : 'a CLI run can only repeat it up to the first change'}.`,
    );
  }
  const usesFile = csvCommand !== null && csvCommand.includes('--protocol ');
  return {
    csv: formatCsv(description, [result]),
    json: formatJson(description, [result]),
    command: csvCommand,
    protocolFile: usesFile ? { name: protocolFileName(condition), text: `${JSON.stringify(run.protocol, null, 2)}\n` } : null,
    caveats,
  };
}
