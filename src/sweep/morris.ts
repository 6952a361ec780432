import { bootstrapEstimates, finiteOrNull, intervalOf } from './bootstrap';
import { morrisDelta, type MorrisTrajectory } from './designs';

/**
 * Morris elementary effects (Morris 1991, Technometrics 33:161, doi:10.1080/00401706.1991.10484804) with
 * μ* = mean |EE| (Campolongo, Cariboni & Saltelli 2007, Environ. Model. Softw. 22:1509,
 * doi:10.1016/j.envsoft.2006.10.004). Effects are in output units per whole factor range (factors are
 * normalised to [0, 1], log-scaled factors in log space). μ* ranks influence; σ large against μ* means
 * interactions or non-linearity.
 */
export interface MorrisIndex {
  readonly factor: string;
  readonly mu: number | null;
  readonly muStar: number | null;
  /** Sample standard deviation of the elementary effects. */
  readonly sigma: number | null;
  /** Bootstrap percentile interval of μ* (resampling trajectories). */
  readonly muStarLow: number | null;
  readonly muStarHigh: number | null;
}

export interface MorrisInput {
  /** outputs[t][j]: the output at point j (0 … k) of trajectory t. */
  readonly outputs: readonly (readonly number[])[];
  readonly trajectories: readonly MorrisTrajectory[];
  readonly levels: number;
  readonly factors: readonly string[];
  readonly bootstrap: number;
  readonly confidence: number;
  /** Uniform [0, 1) draws for the bootstrap (a seeded stream). */
  readonly uniform: () => number;
}

/** effects[t][i]: the elementary effect of factor i on trajectory t. */
export function elementaryEffects(input: Pick<MorrisInput, 'outputs' | 'trajectories' | 'levels'>): number[][] {
  const delta = morrisDelta(input.levels);
  return input.trajectories.map((trajectory, t) => {
    const y = input.outputs[t];
    const effects = new Array<number>(trajectory.order.length);
    trajectory.order.forEach((i, j) => {
      effects[i] = (y[j + 1] - y[j]) / (trajectory.directions[i] * delta);
    });
    return effects;
  });
}

export function morrisIndices(input: MorrisInput): MorrisIndex[] {
  const effects = elementaryEffects(input);
  const k = input.factors.length;
  const r = effects.length;
  const muStars = (units: ArrayLike<number>) => {
    const sums = new Array<number>(k).fill(0);
    for (let u = 0; u < units.length; u++) for (let i = 0; i < k; i++) sums[i] += Math.abs(effects[units[u]][i]);
    return sums.map((s) => s / units.length);
  };
  const all = Array.from({ length: r }, (_, t) => t);
  const muStar = muStars(all);
  const estimates = bootstrapEstimates(r, input.bootstrap, input.uniform, muStars);
  return input.factors.map((factor, i) => {
    const column = effects.map((e) => e[i]);
    const mu = column.reduce((a, b) => a + b, 0) / r;
    const sigma = Math.sqrt(column.reduce((a, b) => a + (b - mu) ** 2, 0) / (r - 1));
    const [muStarLow, muStarHigh] = intervalOf(estimates, i, input.confidence);
    return { factor, mu: finiteOrNull(mu), muStar: finiteOrNull(muStar[i]), sigma: finiteOrNull(sigma), muStarLow, muStarHigh };
  });
}
