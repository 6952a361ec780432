import type { FactorValue } from './factors';
import { isObject } from './json';
import type { MorrisIndex } from './morris';
import { SHARD_FORMAT } from './shardFile';
import type { SobolIndex } from './sobol';
import type { Design, SweepDocument } from './sweepDocument';

export const RESULT_FORMAT = 'spinelab-sweep-result';
export const RESULT_VERSION = 1;

export interface ResultFactor {
  readonly name: string;
  readonly kind: 'parameter' | 'protocolField' | 'morphology';
  /** The parameter or protocol field it sets ('morphology' for SWC files). */
  readonly sets: string;
  readonly min?: number;
  readonly max?: number;
  readonly scale?: 'linear' | 'log';
  readonly values?: readonly FactorValue[];
}

export interface ResultPoint {
  readonly point: number;
  readonly factors: Readonly<Record<string, FactorValue>>;
  readonly seeds: readonly number[];
  readonly readouts: Readonly<Record<string, number | null>>;
}

/**
 * A merged, analysed sweep (what `--merge` writes and the browser's results view opens). It depends only on
 * the document and the points, never on how they were split into shards, so it is byte-identical however
 * the sweep was run.
 */
export interface SweepResult {
  readonly format: typeof RESULT_FORMAT;
  readonly version: typeof RESULT_VERSION;
  readonly name: string;
  /** Hash of the sweep document. */
  readonly sweep: string;
  readonly model: { readonly name: 'spinelab'; readonly version: string };
  readonly design: Design['type'];
  readonly factors: readonly ResultFactor[];
  readonly readouts: readonly string[];
  readonly replicates: number;
  readonly morris?: { readonly levels: number; readonly trajectories: number; readonly bootstrap: number; readonly confidence: number; readonly indices: Readonly<Record<string, readonly MorrisIndex[]>> };
  readonly sobol?: { readonly samples: number; readonly bootstrap: number; readonly confidence: number; readonly indices: Readonly<Record<string, readonly SobolIndex[]>> };
  /** Grid designs: each factor's levels, in the order points run through them (the last factor fastest). */
  readonly grid?: { readonly levels: Readonly<Record<string, readonly FactorValue[]>> };
  readonly points: readonly ResultPoint[];
  readonly document: SweepDocument;
}

/**
 * Reads a sweep result file (what `--merge` writes) for the browser's results view, checking everything
 * the view draws; any problem is one plain sentence.
 */
export function parseSweepResult(text: string): SweepResult {
  if (text.trimStart().startsWith(`{"format":"${SHARD_FORMAT}"`)) {
    throw new Error('This is a shard file; merge the shards first: npm run sim -- --merge shard-*.jsonl --out sweep-result.json');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`This file is not JSON (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 120)}).`);
  }
  if (!isObject(value) || value.format !== RESULT_FORMAT) {
    throw new Error(`This is not a sweep result: its format is ${JSON.stringify(isObject(value) ? value.format : undefined) ?? 'missing'}, expected "${RESULT_FORMAT}".`);
  }
  if (value.version !== RESULT_VERSION) throw new Error(`This sweep result is version ${JSON.stringify(value.version)}; this SpineLab reads version ${RESULT_VERSION}.`);
  const damaged = (where: string): never => {
    throw new Error(`This sweep result is incomplete or damaged (${where}).`);
  };
  const strings = (where: string, v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : damaged(`${where} is not a list of names`));
  const maybeNumber = (where: string, v: unknown) => (v === null || (typeof v === 'number' && Number.isFinite(v)) ? v : damaged(`${where} is not a number`));
  if (typeof value.name !== 'string') damaged('name is missing');
  if (!['grid', 'random', 'latin-hypercube', 'morris', 'sobol'].includes(value.design as string)) damaged(`design ${JSON.stringify(value.design)} is unknown`);
  if (!Array.isArray(value.factors) || !value.factors.every((f) => isObject(f) && typeof f.name === 'string')) damaged('factors is not a list of factors');
  const factors = (value.factors as { name: string }[]).map((f) => f.name);
  const readouts = strings('readouts', value.readouts);
  if (!Array.isArray(value.points)) damaged('points is not a list');
  (value.points as unknown[]).forEach((p, i) => {
    if (!isObject(p) || !isObject(p.factors) || !isObject(p.readouts)) damaged(`points[${i}] is not a point`);
    const point = p as { factors: Record<string, unknown>; readouts: Record<string, unknown> };
    for (const f of factors) if (typeof point.factors[f] !== 'number' && typeof point.factors[f] !== 'string') damaged(`points[${i}].factors.${f} is missing`);
    for (const r of readouts) maybeNumber(`points[${i}].readouts.${r}`, point.readouts[r] ?? null);
  });
  const indices = (section: string, fields: readonly string[]) => {
    const block = value[section];
    if (!isObject(block) || !isObject(block.indices)) damaged(`${section}.indices is missing`);
    for (const r of readouts) {
      const list = (block as { indices: Record<string, unknown> }).indices[r];
      if (!Array.isArray(list) || list.length !== factors.length) damaged(`${section}.indices.${r} is not one entry per factor`);
      (list as unknown[]).forEach((entry, i) => {
        if (!isObject(entry) || entry.factor !== factors[i]) damaged(`${section}.indices.${r}[${i}] is not factor ${factors[i]}`);
        for (const field of fields) maybeNumber(`${section}.indices.${r}[${i}].${field}`, (entry as Record<string, unknown>)[field]);
      });
    }
  };
  if (value.design === 'morris') indices('morris', ['mu', 'muStar', 'sigma', 'muStarLow', 'muStarHigh']);
  if (value.design === 'sobol') indices('sobol', ['S1', 'S1Low', 'S1High', 'ST', 'STLow', 'STHigh']);
  if (value.design === 'grid') {
    const grid = value.grid;
    if (!isObject(grid) || !isObject(grid.levels) || !factors.every((f) => Array.isArray((grid.levels as Record<string, unknown>)[f]))) damaged('grid.levels is missing');
  }
  return value as unknown as SweepResult;
}
