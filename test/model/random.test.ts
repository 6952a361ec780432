import { describe, expect, it } from 'vitest';
import { canonicalSeed, createAleaState, createStream, inverseNormalCdf, nextAleaUniform, normalLookupTable, type RandomStream } from '../../src/model/random.ts';

/*
 * Statistical checks use fixed seeds and tolerances of 4 standard errors derived from theory (two-sided
 * false-alarm probability ≈ 6e-5 per check for a correct generator); none was widened to make a test pass.
 */

const N = 200_000;

function draws(count: number, draw: () => number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = draw();
  return values;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance (n − 1 denominator). */
function variance(values: Float64Array): number {
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return sum / (values.length - 1);
}

function smallest(values: Float64Array): number {
  return values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
}

function largest(values: Float64Array): number {
  return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

function firstDraws(stream: RandomStream, count: number): number[] {
  return Array.from({ length: count }, () => stream.uniform());
}

describe('seeded streams', () => {
  it('gives the same sequence for the same seed and path', () => {
    expect(firstDraws(createStream(42, ['neuron', 0, 'formation']), 1000)).toEqual(firstDraws(createStream(42, ['neuron', 0, 'formation']), 1000));
    expect(firstDraws(createStream('abc', []), 100)).toEqual(firstDraws(createStream('abc'), 100));
  });

  it('gives different sequences for different paths under one seed', () => {
    const paths = [['neuron', 0, 'formation'], ['neuron', 1, 'formation'], ['neuron', 0, 'morphology'], ['targeting'], []];
    const sequences = paths.map((path) => firstDraws(createStream(42, path), 20).join(','));
    expect(new Set(sequences).size).toBe(paths.length);
  });

  it('gives different sequences for different seeds on one path', () => {
    const sequences = [1, 2, 3, '1x'].map((seed) => firstDraws(createStream(seed, ['targeting']), 20).join(','));
    expect(new Set(sequences).size).toBe(4);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = draws(N, createStream(11, ['uniform']).uniform);
    expect(smallest(values)).toBeGreaterThanOrEqual(0);
    expect(largest(values)).toBeLessThan(1);
    // SE of the mean: √(1/12 / n); SE of the variance: √((μ4 − σ⁴)/n) with μ4 = 1/80, σ⁴ = 1/144.
    expect(Math.abs(mean(values) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance(values) - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });
});

describe('inlined Alea recurrence', () => {
  it('reproduces createStream(seed, path).uniform() exactly for the first 10,000 draws', () => {
    for (const [seed, path] of [[1, ['neuron', 0, 'formation']], [123456, ['targeting']], ['text-seed', []], [-7, ['neuron', 3, 'size']]] as const) {
      const stream = createStream(seed, path);
      const state = createAleaState(seed, path);
      const expected = Array.from({ length: 10_000 }, () => stream.uniform());
      const actual = Array.from({ length: 10_000 }, () => nextAleaUniform(state));
      expect(actual).toEqual(expected);
    }
  });

  it('keeps the state of each path separate', () => {
    const a = createAleaState(5, ['a']);
    const b = createAleaState(5, ['b']);
    expect(nextAleaUniform(a)).not.toBe(nextAleaUniform(b));
  });
});

describe('normal()', () => {
  const values = draws(N, createStream(2019, ['normal']).normal);

  it('has mean 0 within 4 standard errors over 200,000 draws', () => {
    expect(Math.abs(mean(values))).toBeLessThan(4 / Math.sqrt(N));
  });

  it('has variance 1 within 4 standard errors over 200,000 draws', () => {
    // SE of the sample variance of a normal: √(2/n). The lookup table truncates the tails at |z| ≈ 4,
    // which lowers the exact variance to ≈ 0.9990 (next test): far inside the tolerance (≈ 0.013).
    expect(Math.abs(variance(values) - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
  });

  it('puts 5 % of draws beyond |z| = 1.96 within 4 standard errors', () => {
    let tail = 0;
    for (const v of values) if (Math.abs(v) > 1.959964) tail++;
    const p = 0.05;
    expect(Math.abs(tail / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });

  it('draws from a lookup table whose exact mean is 0 and variance within 0.2 % of 1', () => {
    // Exact moments of the piecewise-linear quantile function the generator uses.
    const { table, size } = normalLookupTable();
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i < size; i++) {
      const a = table[i];
      const b = table[i + 1];
      m1 += (a + b) / 2 / size;
      m2 += (a * a + a * b + b * b) / 3 / size;
    }
    expect(Math.abs(m1)).toBeLessThan(1e-12);
    expect(Math.abs(m2 - 1)).toBeLessThan(2e-3);
    // Symmetric and truncated near |z| = 4.
    expect(table[0]).toBeCloseTo(-table[size], 12);
    expect(table[size]).toBeGreaterThan(3.9);
    expect(table[size]).toBeLessThan(4.1);
  });
});

describe('poisson()', () => {
  /*
   * For a Poisson(m) sample of size n: SE(mean) = √(m/n). The sample variance has
   * Var(s²) ≈ (μ4 − σ⁴)/n with cumulants κ2 = κ4 = m, so μ4 = κ4 + 3κ2² = m + 3m² and
   * Var(s²) ≈ (m + 2m²)/n = m(1 + 2m)/n: the Gaussian term 2m²/n (SE m·√(2/n)) plus the 4th-cumulant
   * term m/n. Above m = 500 the generator rounds a normal approximation, whose variance is
   * m·0.999 + 1/12 (table truncation, rounding): within the same tolerance.
   */
  for (const m of [0.3, 4, 60, 800]) {
    it(`has mean and variance ${m} within 4 standard errors for mean ${m}`, () => {
      const stream = createStream(7, ['poisson', m]);
      const values = draws(N, () => stream.poisson(m));
      expect(values.every((v) => Number.isInteger(v))).toBe(true);
      expect(smallest(values)).toBeGreaterThanOrEqual(0);
      expect(Math.abs(mean(values) - m)).toBeLessThan(4 * Math.sqrt(m / N));
      expect(Math.abs(variance(values) - m)).toBeLessThan(4 * Math.sqrt((m * (1 + 2 * m)) / N));
    });
  }

  it('returns 0 for a mean of zero, a negative mean or NaN', () => {
    const stream = createStream(7, ['poisson', 'degenerate']);
    expect(stream.poisson(0)).toBe(0);
    expect(stream.poisson(-3)).toBe(0);
    expect(stream.poisson(Number.NaN)).toBe(0);
  });
});

describe('exponential()', () => {
  it('has mean 1 and variance 1 within 4 standard errors', () => {
    const values = draws(N, createStream(3, ['exponential']).exponential);
    expect(smallest(values)).toBeGreaterThanOrEqual(0);
    // Exponential(1): σ² = 1, μ4 = 9, so SE(mean) = √(1/n), SE(s²) = √((9 − 1)/n).
    expect(Math.abs(mean(values) - 1)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(variance(values) - 1)).toBeLessThan(4 * Math.sqrt(8 / N));
  });
});

describe('gammaMeanOne()', () => {
  /*
   * Gamma with mean 1 and CV c (shape k = 1/c²): σ² = c², μ3 = 2c⁴, μ4 = 3c⁴ + 6c⁶. By the delta method
   * the sample CV ĉ = s/x̄ has Var(ĉ) ≈ [σ⁴ + (μ4 − σ⁴)/(4σ²) − μ3]/n = c²(1 + c²)/(2n).
   */
  for (const cv of [0.5, 1, 1.75]) {
    it(`has mean 1 and coefficient of variation ${cv} within 4 standard errors`, () => {
      const stream = createStream(5, ['gamma', cv]);
      const values = draws(N, () => stream.gammaMeanOne(cv));
      expect(smallest(values)).toBeGreaterThanOrEqual(0);
      const m = mean(values);
      expect(Math.abs(m - 1)).toBeLessThan(4 * (cv / Math.sqrt(N)));
      const sampleCv = Math.sqrt(variance(values)) / m;
      expect(Math.abs(sampleCv - cv)).toBeLessThan(4 * cv * Math.sqrt((1 + cv * cv) / (2 * N)));
    });
  }

  it('returns exactly 1 when the CV is 0', () => {
    const stream = createStream(5, ['gamma', 0]);
    for (let i = 0; i < 10; i++) expect(stream.gammaMeanOne(0)).toBe(1);
  });
});

describe('inverseNormalCdf', () => {
  it('matches known standard-normal quantiles to 1e-6', () => {
    expect(Math.abs(inverseNormalCdf(0.975) - 1.959964)).toBeLessThan(1e-6);
    expect(Math.abs(inverseNormalCdf(0.5))).toBeLessThan(1e-6);
    expect(Math.abs(inverseNormalCdf(0.001) - -3.090232)).toBeLessThan(1e-6);
    expect(Math.abs(inverseNormalCdf(0.025) - -1.959964)).toBeLessThan(1e-6);
    expect(Math.abs(inverseNormalCdf(0.999) - 3.090232)).toBeLessThan(1e-6);
    expect(Math.abs(inverseNormalCdf(0.8413447461) - 1)).toBeLessThan(1e-6);
  });

  it('is antisymmetric about p = 1/2 and increasing', () => {
    let previous = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      const z = inverseNormalCdf(p);
      expect(z).toBeGreaterThan(previous);
      expect(Math.abs(z + inverseNormalCdf(1 - p))).toBeLessThan(1e-8);
      previous = z;
    }
  });
});

describe('canonicalSeed', () => {
  it('turns decimal integer text into the number, which seeds the very same streams', () => {
    expect(canonicalSeed('7')).toBe(7);
    expect(canonicalSeed('-12')).toBe(-12);
    expect(createStream(canonicalSeed('7'), ['x']).uniform()).toBe(createStream('7', ['x']).uniform());
  });

  it('keeps other seeds as they are', () => {
    for (const seed of ['07', 'abc', '1e3', '0x10', '12345678901234567890', '', ' 7']) expect(canonicalSeed(seed)).toBe(seed);
    expect(canonicalSeed(3)).toBe(3);
  });
});
