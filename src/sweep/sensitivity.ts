import { CALIBRATION_TARGET_IDS, calibrationChecks, groupRuns, type CalibrationCheck, type CalibrationTask } from '../model/calibration';
import { parameterSchema, resolveParameters } from '../model/parameters';
import type { ReplicateResult } from '../model/runReplicate';
import { morrisDelta } from './designs';
import { estimatedParameterFactors } from './factors';
import type { MorrisIndex } from './morris';
import { validateSweepDocument, type SweepDocument } from './sweepDocument';
import type { SweepResult } from './sweepResult';

/**
 * The model's sensitivity screening (`npm run sim -- --sensitivity`): Morris elementary effects (Morris 1991;
 * μ* of Campolongo, Cariboni & Saltelli 2007) of every estimated parameter, each varied over its default
 * ± 50 % (within its allowed range), on every calibration target. It is sized to run in a few minutes on two
 * cores: 8 trajectories (8 × 32 = 256 points for 31 estimates), one replicate per point with common random
 * numbers (every point runs the same seeds), and the calibration scenarios on one neuron per run instead of
 * three. A finer screening is the same sweep document with more trajectories, replicates or neurons, sharded
 * over a cluster (README, "Sweeps").
 *
 * One run is noisy, and a parameter change reshuffles the random numbers of every spine born after it, so an
 * elementary effect carries noise of about √2 times a target's seed-to-seed SD over the step Δ. The
 * screening measures that SD on `NOISE_SEEDS` runs at the defaults and lists an estimate as controlling a
 * target only when its μ* exceeds the mean |effect| that noise alone gives, 2σ/(Δ√π).
 */
export const SENSITIVITY_TRAJECTORIES = 8;
/** Runs at the defaults, on successive seeds, that measure each target's seed-to-seed noise. */
export const NOISE_SEEDS = 8;
export const SENSITIVITY_NEURONS = 1;
/** At most this many estimates are listed per target. */
const LISTED_PER_TARGET = 4;

export const sensitivityReadouts = (): string[] => CALIBRATION_TARGET_IDS.map((id) => `target:${id}`);

export function sensitivityDocument(seed = 1): SweepDocument {
  return validateSweepDocument({
    format: 'spinelab-sweep',
    version: 1,
    name: 'estimates-screening',
    description: 'Morris screening of every estimated parameter (default ± 50 %, within its allowed range) against every calibration target; common seeds, one replicate, one neuron per run: what npm run sim -- --sensitivity runs.',
    seed,
    seeding: 'common',
    replicates: 1,
    base: { scenario: 'control', protocolFields: { neuronCount: SENSITIVITY_NEURONS } },
    factors: estimatedParameterFactors(),
    design: { type: 'morris', trajectories: SENSITIVITY_TRAJECTORIES, levels: 4 },
    readouts: sensitivityReadouts(),
  });
}

/**
 * G8: the screening varies every estimated parameter and reads every target. It fails when an estimate is
 * added whose default ± 50 % is empty within its range, or a target that the screening does not read.
 */
export function sensitivityCoverageCheck(document: SweepDocument = sensitivityDocument()): CalibrationCheck {
  const estimates = parameterSchema.filter((spec) => spec.estimate).map((spec) => spec.name);
  const varied = new Set(document.factors.map((factor) => ('parameter' in factor ? factor.parameter : undefined)));
  const missing = estimates.filter((name) => !varied.has(name));
  const unread = sensitivityReadouts().filter((readout) => !document.readouts.includes(readout));
  const pass = missing.length === 0 && unread.length === 0;
  const points = document.design.type === 'morris' ? document.design.trajectories * (document.factors.length + 1) : Number.NaN;
  return {
    id: 'G8',
    phenomenon: 'which estimates control which results',
    target: 'Morris screening of every estimated parameter against every target (--sensitivity; table in src/model/README.md)',
    value: estimates.length - missing.length,
    display: `${estimates.length - missing.length} of ${estimates.length} estimates × ${CALIBRATION_TARGET_IDS.length - unread.length} of ${CALIBRATION_TARGET_IDS.length} targets, ${points} points`
      + (pass ? '' : `; not varied: ${missing.join(', ') || 'none'}; not read: ${unread.join(', ') || 'none'}`),
    pass,
  };
}

/** Each target's value in each of the noise runs: `tasks` are `calibrationTasks(NOISE_SEEDS, …)`, in order. */
export function targetValuesPerSeed(tasks: readonly CalibrationTask[], results: readonly ReplicateResult[]): Map<string, number[]> {
  const perReplicate = tasks.length / NOISE_SEEDS;
  const values = new Map<string, number[]>();
  for (let r = 0; r < NOISE_SEEDS; r++) {
    const slice = <T>(list: readonly T[]): T[] => list.slice(r * perReplicate, (r + 1) * perReplicate);
    const runs = groupRuns(slice(tasks), slice(results));
    for (const check of calibrationChecks(runs, resolveParameters(tasks[0].options.parameters ?? {}).rescueDistanceUm)) {
      values.set(check.id, [...(values.get(check.id) ?? []), check.value]);
    }
  }
  return values;
}

/** The mean |elementary effect| that seed-to-seed noise of SD σ gives on a Morris design of `levels` levels. */
export function noiseFloor(values: readonly number[], levels: number): number {
  const finite = values.filter(Number.isFinite);
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (finite.length - 1));
  return (2 * sd) / (morrisDelta(levels) * Math.sqrt(Math.PI));
}

/** The estimates that control one target: μ* above the noise floor, largest first (at most four). */
export function controllingEstimates(indices: readonly MorrisIndex[], floor: number): MorrisIndex[] {
  return indices
    .filter((x) => x.muStar !== null && x.muStar > floor)
    .sort((a, b) => b.muStar! - a.muStar!)
    .slice(0, LISTED_PER_TARGET);
}

const significant = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(2));

/**
 * Two markdown tables from a screening result and each target's noise floor: per target, the estimates that
 * control it (μ* in the target's units over the estimate's range, σ after a slash: σ near or above μ* means
 * interactions or a non-linear effect); per estimate, the targets it controls.
 */
export function formatSensitivityTables(result: SweepResult, floors: ReadonlyMap<string, number>, phenomena: Readonly<Record<string, string>> = {}): string {
  const indices = result.morris?.indices ?? {};
  const byTarget: string[] = [
    '| target | phenomenon | noise floor | estimates that control it: μ* / σ (target units over default ± 50 %) |',
    '|---|---|---|---|',
  ];
  const controlled = new Map<string, string[]>();
  for (const readout of result.readouts) {
    const id = readout.replace(/^target:/, '');
    const floor = floors.get(id) ?? Number.NaN;
    const top = controllingEstimates(indices[readout] ?? [], Number.isFinite(floor) ? floor : Infinity);
    for (const x of top) controlled.set(x.factor, [...(controlled.get(x.factor) ?? []), id]);
    const cells = top.map((x) => `\`${x.factor}\` ${significant(x.muStar!)} / ${x.sigma === null ? '–' : significant(x.sigma)}`);
    byTarget.push(`| ${id} | ${phenomena[id] ?? ''} | ${Number.isFinite(floor) ? significant(floor) : '–'} | ${cells.join('; ') || 'none above the noise'} |`);
  }
  const byEstimate: string[] = ['| estimate | targets it controls |', '|---|---|'];
  for (const factor of result.factors) byEstimate.push(`| \`${factor.name}\` | ${(controlled.get(factor.name) ?? []).join(', ') || '—'} |`);
  return `${byTarget.join('\n')}\n\n${byEstimate.join('\n')}\n`;
}
