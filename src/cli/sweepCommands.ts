import { closeSync, lstatSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MODEL_VERSION } from '../model/Simulation';
import { analyseSweep, formatResultCsv, formatResultJson } from '../sweep/analyseSweep';
import { mergeShardTexts } from '../sweep/mergeShards';
import { formatShardSpec, jsonLine, parseShardText, shardHeader, shardPoints, type ShardSpec } from '../sweep/shardFile';
import { SweepError } from '../sweep/SweepError';
import { CALIBRATION_TARGETS, calibrationTasks } from '../model/calibration';
import { formatSensitivityTables, NOISE_SEEDS, noiseFloor, SENSITIVITY_NEURONS, sensitivityDocument, targetValuesPerSeed } from '../sweep/sensitivity';
import { runReplicatesInParallel } from './runReplicatesInParallel';
import { loadSweepFile, readTextFile, runSweep, runSweepPoints, type LoadedSweep } from './sweepRunner';

export interface ShardCommand {
  readonly sweepFile: string;
  readonly shard: ShardSpec;
  readonly outFile: string;
  readonly threads?: number;
}

/** The bytes of `path` when it is a regular file, null when there is none; refuses anything else. */
function existingFile(path: string): Buffer | null {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SweepError(`cannot read "${path}": ${(error as Error).message}`);
  }
  if (!stats.isFile()) throw new SweepError(`"${path}" is not a regular file; a shard writes only to a file of its own`);
  return readFileSync(path);
}

/**
 * The points of this shard already in its file. A file of another sweep, model version or shard is refused
 * (nothing is overwritten); an unfinished last line (a job killed while writing it) is cut off and redone.
 */
function resumeShardFile(sweep: LoadedSweep, command: ShardCommand, log: (line: string) => void): Set<number> {
  const { outFile, shard } = command;
  const bytes = existingFile(outFile);
  const complete = bytes ? bytes.lastIndexOf(0x0a) + 1 : 0;
  const parsed = bytes ? parseShardText(outFile, bytes.subarray(0, complete).toString('utf8')) : null;
  if (!parsed?.header) {
    // No file, an empty one, or one killed before its header was complete: start it.
    writeFileSync(outFile, jsonLine(shardHeader(sweep.plan, MODEL_VERSION, shard)));
    return new Set();
  }
  const { header } = parsed;
  if (header.sweep !== sweep.plan.hash) throw new SweepError(`${outFile} holds shard ${header.shard} of another sweep (hash ${header.sweep.slice(0, 19)}…); move it away or choose another --out`);
  if (header.model !== MODEL_VERSION) throw new SweepError(`${outFile} was computed by model version ${header.model}, this is ${MODEL_VERSION}; move it away or choose another --out`);
  if (header.shard !== formatShardSpec(shard)) throw new SweepError(`${outFile} holds shard ${header.shard}, not ${formatShardSpec(shard)}; choose another --out`);
  const mine = new Set(shardPoints(sweep.plan.pointCount, shard));
  const done = new Set<number>();
  for (const { record, line } of parsed.records) {
    if (record.sweep !== header.sweep || record.model !== header.model || !mine.has(record.point) || done.has(record.point)) {
      throw new SweepError(`${outFile} line ${line} is not a new point of this shard; move the file away and run the shard again`);
    }
    done.add(record.point);
  }
  if (complete < bytes!.length) {
    truncateSync(outFile, complete);
    log(`${outFile}: its last line was unfinished (the job was stopped while writing it); that point runs again`);
  }
  return done;
}

/** `--sweep FILE --shard I/N --out FILE.jsonl`: runs this shard's points not yet in its file, appending a line per point. */
export async function runShardCommand(command: ShardCommand, log: (line: string) => void): Promise<void> {
  const sweep = loadSweepFile(command.sweepFile);
  for (const warning of sweep.warnings) log(`warning: ${warning}`);
  const done = resumeShardFile(sweep, command, log);
  const points = shardPoints(sweep.plan.pointCount, command.shard).filter((p) => !done.has(p));
  const threads = Math.max(1, Math.min(command.threads ?? availableParallelism(), points.length));
  const label = `shard ${formatShardSpec(command.shard)}`;
  log(`${label}: ${done.size + points.length} of the sweep's ${sweep.plan.pointCount} points, ${done.size} already done, ${points.length} to run on ${threads} thread(s)`);
  if (points.length === 0) return;
  const started = Date.now();
  const file = openSync(command.outFile, 'a');
  try {
    // One write per finished point: a kill can cut at most the line being written. Progress every tenth.
    let finished = 0;
    const step = Math.ceil(points.length / 10);
    await runSweepPoints(sweep, points, threads, (record) => {
      writeSync(file, jsonLine(record));
      if (++finished % step === 0 && finished < points.length) log(`${label}: ${finished} of ${points.length} points run`);
    });
  } finally {
    closeSync(file);
  }
  log(`${label}: ${points.length} points run in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** `--merge FILES…`: checks that the shards hold every point of one sweep exactly once, and analyses them. */
export function mergeCommand(files: readonly string[], format: 'json' | 'csv'): string {
  const merged = mergeShardTexts(files.map((name) => ({ name, text: readTextFile(name, 'shard file') })));
  const result = analyseSweep(merged);
  return format === 'csv' ? formatResultCsv(result) : formatResultJson(result);
}

/**
 * `--sensitivity`: the Morris screening of every estimate against every target (src/sweep/sensitivity.ts)
 * and the noise floor it is read against, as two markdown tables (the model README carries them), or the
 * whole sweep result with --format.
 */
export async function sensitivityCommand(seed: number, threads: number, format: 'tables' | 'json' | 'csv', log: (line: string) => void): Promise<string> {
  const document = sensitivityDocument(seed);
  const started = Date.now();
  const total = document.design.type === 'morris' ? document.design.trajectories * (document.factors.length + 1) : 0;
  const step = Math.max(1, Math.round(total / 10));
  const result = await runSweep(document, { threads, onPoint: (done) => {
    if (done % step === 0 && done < total) log(`sensitivity: ${done} of ${total} points run`);
  } });
  if (format === 'json') return formatResultJson(result);
  if (format === 'csv') return formatResultCsv(result);
  // The noise floor: the targets at the defaults on NOISE_SEEDS successive seeds.
  const neurons = document.base.protocolFields.neuronCount ?? SENSITIVITY_NEURONS;
  const tasks = calibrationTasks(NOISE_SEEDS, seed, {}, neurons);
  const values = targetValuesPerSeed(tasks, await runReplicatesInParallel(tasks.map((task) => task.options), threads));
  const levels = result.morris!.levels;
  const floors = new Map([...values].map(([id, v]) => [id, noiseFloor(v, levels)]));
  log(`sensitivity: ${result.points.length} points (${result.factors.length} estimates × ${result.readouts.length} targets) and ${NOISE_SEEDS} noise runs in ${((Date.now() - started) / 1000).toFixed(0)} s on ${threads} thread(s)`);
  const phenomena = Object.fromEntries(CALIBRATION_TARGETS.map((target) => [target.id, target.phenomenon]));
  const heading = `Morris screening, model ${result.model.version}, seed ${seed}: ${result.morris!.trajectories} trajectories of ${levels} levels, ` +
    `${result.points.length} points, one replicate per point on ${neurons} neuron per run, common random numbers; noise floor from ${NOISE_SEEDS} seeds at the defaults.`;
  return `${heading}\n\n${formatSensitivityTables(result, floors, phenomena)}`;
}
