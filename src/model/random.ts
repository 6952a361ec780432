import seedrandom from 'seedrandom';

/**
 * Seeded random streams. Every draw in the model comes from a stream derived from the run's seed and a
 * path naming its purpose (`['neuron', 2, 'formation']`), so adding draws to one purpose never reshuffles
 * another. The generator is seedrandom's Alea, named explicitly: the fastest of seedrandom's generators
 * here (≈1e8 draws/s in V8) with good statistical quality for simulation.
 */
export interface RandomStream {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal, by inverse-CDF table lookup (tails truncated at |z| ≈ 4.0). */
  normal(): number;
  /** Exponential with mean 1. */
  exponential(): number;
  /** Poisson with the given mean (inversion for small means, normal approximation above 500). */
  poisson(mean: number): number;
  /** Gamma with mean 1 and the given coefficient of variation (shape 1/cv²); exactly 1 when cv is 0. */
  gammaMeanOne(cv: number): number;
}

export type StreamPath = readonly (string | number)[];

const NORMAL_TABLE_SIZE = 1 << 14;

/** Inverse standard-normal CDF at the midpoints of NORMAL_TABLE_SIZE equal-probability bins. */
const normalTable: Float64Array = (() => {
  const table = new Float64Array(NORMAL_TABLE_SIZE + 1);
  for (let i = 0; i <= NORMAL_TABLE_SIZE; i++) {
    const p = (i + 0.5) / (NORMAL_TABLE_SIZE + 1);
    table[i] = inverseNormalCdf(p);
  }
  return table;
})();

/** Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * A seed as runs record it: decimal integer text ("7", as links carry it) becomes the number 7, which
 * seeds the same streams (seeds enter the generator as text), so a run started from a link and the same
 * run from the CLI (`--seed 7`) export identical documents.
 */
export function canonicalSeed(seed: number | string): number | string {
  if (typeof seed === 'number' || !/^-?(0|[1-9]\d{0,15})$/.test(seed)) return seed;
  const value = Number(seed);
  return Number.isSafeInteger(value) ? value : seed;
}

/** Creates the stream for `path` under `seed`. The same seed and path always give the same sequence. */
export function createStream(seed: number | string, path: StreamPath = []): RandomStream {
  const generator = seedrandom.alea(`spinelab:${seed}:${path.join('/')}`);
  const uniform = (): number => generator();
  const normal = (): number => {
    const u = generator() * NORMAL_TABLE_SIZE;
    const i = u | 0;
    const f = u - i;
    return normalTable[i] + f * (normalTable[i + 1] - normalTable[i]);
  };
  const exponential = (): number => -Math.log(1 - generator());
  const poisson = (mean: number): number => {
    if (!(mean > 0)) return 0;
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    // Inversion by sequential search, split into chunks of mean ≤ 30 to avoid underflow of e^-mean.
    let total = 0;
    let remaining = mean;
    while (remaining > 0) {
      const chunk = Math.min(remaining, 30);
      remaining -= chunk;
      let k = 0;
      let p = Math.exp(-chunk);
      let cumulative = p;
      const u = generator();
      while (u > cumulative && k < 1000) {
        k++;
        p *= chunk / k;
        cumulative += p;
      }
      total += k;
    }
    return total;
  };
  const gammaMeanOne = (cv: number): number => {
    if (!(cv > 0)) return 1;
    const shape = 1 / (cv * cv);
    return gammaSample(shape, generator, normal) / shape;
  };
  return { uniform, normal, exponential, poisson, gammaMeanOne };
}

/** Marsaglia–Tsang gamma sampler with scale 1. */
function gammaSample(shape: number, uniform: () => number, normal: () => number): number {
  if (shape < 1) {
    return gammaSample(shape + 1, uniform, normal) * Math.pow(uniform() || Number.MIN_VALUE, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const x = normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = uniform();
    if (Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
  return shape;
}

/** The internal state of seedrandom's Alea generator, for loops that inline its recurrence. */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/**
 * The state of the Alea stream for `path` under `seed`, exactly as seedrandom seeds it. The hot loop of
 * the simulation advances it with Alea's recurrence inlined (`t = 2091639·s0 + c·2⁻³²; s0 = s1; s1 = s2;
 * c = ⌊t⌋; s2 = t − c`), which yields the very sequence `seedrandom.alea` would, without a call per draw.
 */
export function createAleaState(seed: number | string, path: StreamPath = []): AleaState {
  const generator = seedrandom.alea(`spinelab:${seed}:${path.join('/')}`, { state: true });
  return generator.state() as unknown as AleaState;
}

/** One draw from an Alea state (reference implementation of the inlined recurrence). */
export function nextAleaUniform(state: AleaState): number {
  const t = 2091639 * state.s0 + state.c * 2.3283064365386963e-10;
  state.s0 = state.s1;
  state.s1 = state.s2;
  state.c = t | 0;
  state.s2 = t - state.c;
  return state.s2;
}

/** Inverse-normal lookup table shared with the hot loop: normal = table[i] + f·(table[i+1] − table[i]). */
export function normalLookupTable(): { table: Float64Array; size: number } {
  return { table: normalTable, size: NORMAL_TABLE_SIZE };
}
