import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { calibrationChecks, calibrationTasks, formatCalibrationTable, formatRivalTable, groupRuns, rivalHypotheses } from '../model/calibration';
import { doseWarnings } from '../model/mechanisms/ketamine';
import type { Neuron } from '../model/Morphology';
import { ParameterError, resolveParameters } from '../model/parameters';
import { ProtocolError, validateProtocol, type Protocol } from '../model/Protocol';
import type { ReplicateOptions } from '../model/runReplicate';
import { exportSpines } from '../model/exportSpines';
import { Simulation } from '../model/Simulation';
import { isScenarioName, scenarioNames, scenarioProtocol } from '../model/scenarios';
import { importSwcNeuron } from '../model/swc/importSwcNeuron';
import { SwcError } from '../model/swc/SwcError';
import { formatCsv, formatJson, type RunDescription } from './formatOutput';
import { parseArguments, USAGE, UsageError, type CliOptions } from './parseArguments';
import { ReplicateError, runReplicatesInParallel } from './runReplicatesInParallel';

/** Errors that are the user's input, reported as one line. */
class InputError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(`cannot read ${what} "${path}": ${reason}`);
  }
}

function loadProtocol(options: CliOptions): Protocol {
  if (options.protocolFile) {
    const text = readText(options.protocolFile, 'protocol file');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      // Node's message can quote the file across lines; keep the report to one line.
      const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 200);
      throw new InputError(`protocol file "${options.protocolFile}" is not valid JSON: ${reason}`);
    }
    try {
      return validateProtocol(json);
    } catch (error) {
      if (error instanceof ProtocolError) throw new InputError(`protocol file "${options.protocolFile}": ${error.message}`);
      throw error;
    }
  }
  const name = options.scenario ?? 'stress-ketamine';
  if (!isScenarioName(name)) throw new InputError(`unknown scenario "${name}"; choose one of: ${scenarioNames.join(', ')}`);
  return scenarioProtocol(name);
}

function loadMorphology(options: CliOptions): { neurons?: Neuron[]; warnings: string[] } {
  if (!options.morphologyFile) return { warnings: [] };
  const text = readText(options.morphologyFile, 'morphology file');
  const fileName = options.morphologyFile.split(/[\\/]/).pop() ?? options.morphologyFile;
  const imported = importSwcNeuron(text, { fileName, repairLoops: options.repairLoops });
  return { neurons: [imported.neuron], warnings: imported.warnings.map((message) => `${fileName}: ${message}`) };
}

/** Writes atomically: a temporary file renamed into place, so an error never leaves half a file. */
function emit(text: string, outFile: string | undefined): void {
  if (!outFile) {
    process.stdout.write(text);
    return;
  }
  const temporary = `${outFile}.partial-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, outFile);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing to clean up
    }
    throw new InputError(`cannot write "${outFile}": ${(error as Error).message}`);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArguments(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const parameters = resolveParameters(options.parameters);
  const threads = options.threads ?? availableParallelism();
  if (options.report) {
    // The calibration, then each rival hypothesis on the same seeds.
    const sets = [{ label: '', parameters: options.parameters }, ...rivalHypotheses.map((rival) => ({ label: rival.label, parameters: { ...options.parameters, ...rival.parameters } }))];
    const taskSets = sets.map((set) => calibrationTasks(options.replicates, options.seed, set.parameters));
    const tasks = taskSets.flat();
    const started = Date.now();
    const results = await runReplicatesInParallel(tasks.map((task) => task.options), threads, (done) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${tasks.length} runs`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    let offset = 0;
    const checkSets = taskSets.map((set, k) => {
      const runs = groupRuns(set, results.slice(offset, offset + set.length));
      offset += set.length;
      return calibrationChecks(runs, resolveParameters(sets[k].parameters).rescueDistanceUm);
    });
    const checks = checkSets[0];
    const table = formatCalibrationTable({ replicates: options.replicates, seed: options.seed, checks, passed: checks.filter((c) => c.pass).length });
    const rivals = formatRivalTable(sets.slice(1).map((set, k) => ({ label: set.label, checks: checkSets[k + 1] })));
    emit(`${table}\n\n${rivals}\n`, options.outFile);
    process.stderr.write(`calibration took ${((Date.now() - started) / 1000).toFixed(1)} s on ${Math.min(threads, tasks.length)} thread(s)\n`);
    if (checks.some((c) => !c.pass)) process.exitCode = 1;
    return;
  }
  const protocol = loadProtocol(options);
  for (const warning of doseWarnings(protocol.ketamine)) process.stderr.write(`warning: ${warning}\n`);
  const { neurons, warnings } = loadMorphology(options);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.spinesAtHours !== undefined) {
    const simulation = new Simulation({ protocol, seed: options.seed, parameters: options.parameters, neurons });
    simulation.advanceTo(options.spinesAtHours);
    emit(`${JSON.stringify(exportSpines(simulation))}\n`, options.outFile);
    return;
  }
  const tasks: ReplicateOptions[] = Array.from({ length: options.replicates }, (_, r) => ({ protocol, seed: options.seed + r, parameters: options.parameters, neurons }));
  const results = await runReplicatesInParallel(tasks, threads);
  const morphology = {
    source: options.morphologyFile ? `swc:${options.morphologyFile.split(/[\\/]/).pop()}` : 'procedural',
    neurons: results[0].neuronCount,
    spinyLengthUm: Math.round(results[0].spinyLengthUm),
  };
  const run: RunDescription = { seed: options.seed, parameters, protocol, morphology };
  emit(options.format === 'csv' ? formatCsv(run, results) : formatJson(run, results), options.outFile);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof InputError || error instanceof ParameterError || error instanceof ProtocolError || error instanceof SwcError || error instanceof ReplicateError;
  const hint = error instanceof SwcError && (error.code === 'self-parent' || error.code === 'cycle') ? ' (add --repair-loops to load it with those samples made roots)' : '';
  process.stderr.write(`spinelab: ${known ? (error as Error).message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`}${hint}\n`);
  process.exitCode = 2;
});
