import { CALIBRATION_TARGET_IDS, type CalibrationCheck } from '../model/calibration';
import { parameterSchema } from '../model/parameters';
import { estimatedParameterFactors } from './factors';
import type { MorrisIndex } from './morris';
import { validateSweepDocument, type SweepDocument } from './sweepDocument';
import type { SweepResult } from './sweepResult';

/**
 * The model's sensitivity screening (`npm run sim -- --sensitivity`): Morris elementary effects (Morris 1991;
 * μ* of Campolongo, Cariboni & Saltelli 2007) of every estimated parameter, each varied over its default
 * ± 50 % (within its allowed range), on every calibration target. It is sized to run in a few minutes on two
 * cores: 6 trajectories (7 × 32 = 192 points for 31 estimates), one replicate per point with common random
 * numbers (every point runs the same seeds, so differences between points are the parameters' effects plus
 * the reshuffling a parameter change causes, not replicate noise), and the calibration scenarios on one
 * neuron per run instead of three. A finer screening is the same sweep document with more trajectories,
 * replicates or neurons, sharded over a cluster (README, "Sweeps").
 */
export const SENSITIVITY_TRAJECTORIES = 6;
export const SENSITIVITY_NEURONS = 1;
/** Factors whose μ* is at least this share of the largest μ* on a target are listed as controlling it. */
export const CONTROLLING_SHARE = 0.25;
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

/** The estimates that control one target: μ* ≥ CONTROLLING_SHARE of the largest, largest first. */
export function controllingEstimates(indices: readonly MorrisIndex[]): MorrisIndex[] {
  const ranked = indices.filter((x) => x.muStar !== null && x.muStar > 0).sort((a, b) => b.muStar! - a.muStar!);
  if (ranked.length === 0) return [];
  const largest = ranked[0].muStar!;
  return ranked.filter((x) => x.muStar! >= CONTROLLING_SHARE * largest).slice(0, LISTED_PER_TARGET);
}

const significant = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(2));

/**
 * Two markdown tables from a screening result: per target, the estimates that control it (μ* in the
 * target's units over the estimate's range, σ after a slash: σ near or above μ* means interactions or a
 * non-linear effect); per estimate, the targets it controls.
 */
export function formatSensitivityTables(result: SweepResult, phenomena: Readonly<Record<string, string>> = {}): string {
  const indices = result.morris?.indices ?? {};
  const byTarget: string[] = [
    '| target | phenomenon | estimates that control it: μ* / σ (target units over default ± 50 %) |',
    '|---|---|---|',
  ];
  const controlled = new Map<string, string[]>();
  for (const readout of result.readouts) {
    const id = readout.replace(/^target:/, '');
    const top = controllingEstimates(indices[readout] ?? []);
    for (const x of top) controlled.set(x.factor, [...(controlled.get(x.factor) ?? []), id]);
    const cells = top.map((x) => `\`${x.factor}\` ${significant(x.muStar!)} / ${x.sigma === null ? '–' : significant(x.sigma)}`);
    byTarget.push(`| ${id} | ${phenomena[id] ?? ''} | ${cells.join('; ') || 'none measurable'} |`);
  }
  const byEstimate: string[] = ['| estimate | targets it controls |', '|---|---|'];
  for (const factor of result.factors) byEstimate.push(`| \`${factor.name}\` | ${(controlled.get(factor.name) ?? []).join(', ') || '—'} |`);
  return `${byTarget.join('\n')}\n\n${byEstimate.join('\n')}\n`;
}
