import { availableParallelism } from 'node:os';
import { calibrationChecks, calibrationTasks, formatCalibrationTable, formatRivalTable, groupRuns, rivalHypotheses } from '../model/calibration';
import { escapeControlCharacters } from '../model/escapeControlCharacters';
import { doseWarnings } from '../model/mechanisms/ketamine';
import type { Neuron } from '../model/Morphology';
import { ParameterError, resolveParameters } from '../model/parameters';
import { parseProtocolText, ProtocolError, type Protocol } from '../model/Protocol';
import type { ReplicateOptions } from '../model/runReplicate';
import { exportSpines } from '../model/exportSpines';
import { Simulation } from '../model/Simulation';
import { SpineLimitError } from '../model/SpineStore';
import { checkWorkBudget, WorkBudgetError } from '../model/workBudget';
import { isScenarioName, scenarioNames, scenarioProtocol } from '../model/scenarios';
import { importSwcNeuron } from '../model/swc/importSwcNeuron';
import { SwcError } from '../model/swc/SwcError';
import { formatCsv, formatJson, morphologyOf, type RunDescription } from './formatOutput';
import { parseArguments, USAGE, UsageError, type CliOptions } from './parseArguments';
import { ReplicateError, runReplicatesInParallel } from './runReplicatesInParallel';
import { OutputError, writeOutput } from './writeOutput';
import { SweepError } from '../sweep/SweepError';
import { sensitivityCoverageCheck } from '../sweep/sensitivity';
import { mergeCommand, runShardCommand, sensitivityCommand } from './sweepCommands';
import { readTextFile } from './sweepRunner';

/** Errors that are the user's input, reported as one line. */
class InputError extends Error {}

/** A file the run reads, or one line saying why it cannot be read. */
const readText = (path: string, what: string): string => readTextFile(path, what, (message) => new InputError(message));

function loadProtocol(options: CliOptions): Protocol {
  if (options.protocolFile) {
    const text = readText(options.protocolFile, 'protocol file');
    try {
      return parseProtocolText(text);
    } catch (error) {
      if (error instanceof ProtocolError) throw new InputError(`protocol file "${options.protocolFile}": ${error.message}`);
      throw error;
    }
  }
  const name = options.scenario ?? 'stress-ketamine';
  if (!isScenarioName(name)) throw new InputError(`unknown scenario "${name}"; choose one of: ${scenarioNames.join(', ')}`);
  return scenarioProtocol(name);
}

function loadMorphology(options: CliOptions): { neurons?: Neuron[]; warnings: string[]; notes: string[] } {
  if (!options.morphologyFile) return { warnings: [], notes: [] };
  const text = readText(options.morphologyFile, 'morphology file');
  const fileName = options.morphologyFile.split(/[\\/]/).pop() ?? options.morphologyFile;
  const imported = importSwcNeuron(text, { fileName, repairLoops: options.repairLoops, umPerUnit: options.swcScale, orientation: options.swcOrientation });
  const warnings = imported.warnings.map((message) => `${fileName}: ${message}`);
  const turn = imported.orientation;
  const notes = turn ? [`${fileName}: turned ${turn.degrees}° so that ${turn.by === 'apical dendrite' ? 'its apical dendrite' : 'the long side of its dendrites'} points up (pia up); --swc-orientation file keeps the file's axes`] : [];
  return { neurons: [imported.neuron], warnings, notes };
}

/** Worker threads: as asked, but never more than the cores (more only adds memory), saying so in one line. */
function threadCount(asked: number | undefined): number {
  const cores = availableParallelism();
  if (asked === undefined) return cores;
  if (asked <= cores) return asked;
  process.stderr.write(`warning: --threads ${asked} is more than the ${cores} core(s) here; using ${cores}\n`);
  return cores;
}

/** Standard output, or `--out` (written so that it never clobbers a device, FIFO or symbolic link). */
function emit(text: string, outFile: string | undefined): void {
  if (outFile) writeOutput(text, outFile);
  else process.stdout.write(text);
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArguments(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (options.sweepFile) return runShardCommand({ sweepFile: options.sweepFile, shard: options.shard ?? { index: 0, count: 1 }, outFile: options.outFile!, threads: options.threads }, (line) => process.stderr.write(`${line}\n`));
  if (options.mergeFiles) return emit(mergeCommand(options.mergeFiles, options.format), options.outFile);
  const parameters = resolveParameters(options.parameters);
  const threads = threadCount(options.threads);
  if (options.sensitivity) return emit(await sensitivityCommand(options.seed, threads, options.sensitivity.format, (line) => process.stderr.write(`${line}\n`)), options.outFile);
  /** The work budget, unless the user has said they mean it (--no-work-limit). */
  const checkBudget = (protocol: Protocol, neurons?: readonly Neuron[]): void => {
    if (options.workLimit) checkWorkBudget(protocol, options.parameters, neurons);
  };
  if (options.report) {
    // The calibration, then each rival hypothesis on the same seeds.
    const sets = [{ label: '', parameters: options.parameters }, ...rivalHypotheses.map((rival) => ({ label: rival.label, parameters: { ...options.parameters, ...rival.parameters } }))];
    const taskSets = sets.map((set) => calibrationTasks(options.replicates, options.seed, set.parameters));
    const tasks = taskSets.flat();
    for (const protocol of new Set(tasks.map((task) => task.options.protocol))) checkBudget(protocol);
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
    // G8 is about the screening (--sensitivity), which the report does not run: it checks what it covers.
    const checks = [...checkSets[0], sensitivityCoverageCheck()];
    const table = formatCalibrationTable({ replicates: options.replicates, seed: options.seed, checks, passed: checks.filter((c) => c.pass).length });
    const rivals = formatRivalTable(sets.slice(1).map((set, k) => ({ label: set.label, checks: checkSets[k + 1] })));
    emit(`${table}\n\n${rivals}\n`, options.outFile);
    process.stderr.write(`calibration took ${((Date.now() - started) / 1000).toFixed(1)} s on ${Math.min(threads, tasks.length)} thread(s)\n`);
    if (checks.some((c) => !c.pass)) process.exitCode = 1;
    return;
  }
  const protocol = loadProtocol(options);
  if (options.spinesAtHours !== undefined && options.spinesAtHours > protocol.durationHours) {
    throw new InputError(`--spines-at ${options.spinesAtHours} is after the end of protocol "${protocol.name}" (${protocol.durationHours} h)`);
  }
  for (const warning of doseWarnings(protocol.ketamine)) process.stderr.write(`warning: ${warning}\n`);
  const { neurons, warnings, notes } = loadMorphology(options);
  for (const warning of warnings) process.stderr.write(`warning: ${escapeControlCharacters(warning)}\n`);
  for (const note of notes) process.stderr.write(`note: ${escapeControlCharacters(note)}\n`);
  checkBudget(protocol, neurons);
  if (options.spinesAtHours !== undefined) {
    const simulation = new Simulation({ protocol, seed: options.seed, parameters: options.parameters, neurons });
    simulation.advanceTo(options.spinesAtHours);
    if (simulation.timeHours !== options.spinesAtHours) {
      process.stderr.write(`note: the model steps on a ${simulation.parameters.timeStepHours} h grid; exported the state at ${simulation.timeHours} h, the last step before ${options.spinesAtHours} h\n`);
    }
    emit(`${JSON.stringify(exportSpines(simulation))}\n`, options.outFile);
    return;
  }
  const tasks: ReplicateOptions[] = Array.from({ length: options.replicates }, (_, r) => ({ protocol, seed: options.seed + r, parameters: options.parameters, neurons }));
  const results = await runReplicatesInParallel(tasks, threads);
  const morphology = morphologyOf(options.morphologyFile ? `swc:${options.morphologyFile.split(/[\\/]/).pop()}` : 'procedural', results);
  const run: RunDescription = { seed: options.seed, parameters, protocol, morphology };
  emit(options.format === 'csv' ? formatCsv(run, results) : formatJson(run, results), options.outFile);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof InputError || error instanceof ParameterError || error instanceof ProtocolError || error instanceof SwcError || error instanceof ReplicateError || error instanceof OutputError
    || error instanceof SpineLimitError || error instanceof WorkBudgetError || error instanceof SweepError;
  const hint = error instanceof SwcError && (error.code === 'self-parent' || error.code === 'cycle') ? ' (add --repair-loops to load it with those samples made roots)'
    : error instanceof WorkBudgetError ? '; or add --no-work-limit to run it anyway'
      : '';
  // Known errors are one line, whatever file names or values they quote.
  process.stderr.write(`spinelab: ${known ? escapeControlCharacters((error as Error).message) : `unexpected error: ${(error as Error)?.stack ?? String(error)}`}${hint}\n`);
  process.exitCode = 2;
});
