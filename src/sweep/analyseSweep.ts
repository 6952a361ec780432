import { createStream } from '../model/random';
import { morrisTrajectory } from './designs';
import { factorLevels, type FactorValue } from './factors';
import type { MergedSweep } from './mergeShards';
import { morrisIndices } from './morris';
import { sobolIndices } from './sobol';
import { isMorphologyFactor, isRangeFactor, type Design, type Factor, type SweepDocument } from './sweepDocument';
import { RESULT_FORMAT, RESULT_VERSION, type ResultFactor, type SweepResult } from './sweepResult';

function describeFactor(factor: Factor, design: Design): ResultFactor {
  if (isMorphologyFactor(factor)) return { name: factor.name, kind: 'morphology', sets: 'morphology', values: factor.morphology };
  const kind = factor.parameter !== undefined ? 'parameter' : 'protocolField';
  const sets = factor.parameter ?? factor.protocolField!;
  if (isRangeFactor(factor)) {
    const levels = design.type === 'grid' ? { values: factorLevels(factor, design.levels) } : {};
    return { name: factor.name, kind, sets, min: factor.min, max: factor.max, scale: factor.scale, ...levels };
  }
  return { name: factor.name, kind, sets, values: factor.values };
}

/** The point values of one readout, NaN where a point had none. */
const column = (merged: MergedSweep, readout: string) => merged.records.map((r) => r.readouts[readout] ?? Number.NaN);

/** Bootstrap draws for one readout: a stream of the sweep seed, so the result is reproducible. */
const bootstrapStream = (document: SweepDocument, readout: string) => createStream(document.seed, ['sweep-bootstrap', readout]).uniform;

export function analyseSweep(merged: MergedSweep): SweepResult {
  const { document } = merged;
  const { design, factors } = document;
  const k = factors.length;
  const names = factors.map((f) => f.name);
  let statistics: Pick<SweepResult, 'morris' | 'sobol' | 'grid'> = {};
  if (design.type === 'morris') {
    const trajectories = Array.from({ length: design.trajectories }, (_, t) => morrisTrajectory(document.seed, t, k, design.levels));
    const indices = Object.fromEntries(document.readouts.map((readout) => {
      const y = column(merged, readout);
      const outputs = trajectories.map((_, t) => y.slice(t * (k + 1), (t + 1) * (k + 1)));
      return [readout, morrisIndices({ outputs, trajectories, levels: design.levels, factors: names, bootstrap: design.bootstrap, confidence: design.confidence, uniform: bootstrapStream(document, readout) })];
    }));
    statistics = { morris: { levels: design.levels, trajectories: design.trajectories, bootstrap: design.bootstrap, confidence: design.confidence, indices } };
  } else if (design.type === 'sobol') {
    const indices = Object.fromEntries(document.readouts.map((readout) => {
      const y = column(merged, readout);
      const rows = Array.from({ length: design.samples }, (_, j) => y.slice(j * (k + 2), (j + 1) * (k + 2)));
      return [readout, sobolIndices({ rows, factors: names, bootstrap: design.bootstrap, confidence: design.confidence, uniform: bootstrapStream(document, readout) })];
    }));
    statistics = { sobol: { samples: design.samples, bootstrap: design.bootstrap, confidence: design.confidence, indices } };
  } else if (design.type === 'grid') {
    statistics = { grid: { levels: Object.fromEntries(factors.map((f) => [f.name, factorLevels(f, design.levels)])) } };
  }
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    name: document.name,
    sweep: merged.hash,
    model: { name: 'spinelab', version: merged.model },
    design: design.type,
    factors: factors.map((f) => describeFactor(f, design)),
    readouts: document.readouts,
    replicates: document.replicates,
    ...statistics,
    points: merged.records.map((r) => ({ point: r.point, factors: r.factors, seeds: r.seeds, readouts: r.readouts })),
    document,
  };
}

/** JSON with a trailing newline; deterministic (no timestamps, no file names). */
export const formatResultJson = (result: SweepResult) => `${JSON.stringify(result, null, 2)}\n`;

/** A CSV cell: numbers as JavaScript prints them, empty for null, text quoted when it needs to be (RFC 4180). */
function cell(value: FactorValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV of the design's statistics: Morris μ, μ*, σ or Sobol S1, ST per readout and factor, with intervals;
 * for grid, random and Latin hypercube designs, one row per point. `#` lines name the sweep.
 */
export function formatResultCsv(result: SweepResult): string {
  const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`;
  const lines = [
    comment(`spinelab sweep ${result.name}; design ${result.design}; ${result.points.length} points; ${result.replicates} replicate(s) per point`),
    comment(`sweep hash ${result.sweep}; model ${result.model.version}`),
  ];
  const row = (cells: readonly (FactorValue | null | undefined)[]) => lines.push(cells.map(cell).join(','));
  if (result.morris) {
    row(['readout', 'factor', 'mu', 'muStar', 'muStarLow', 'muStarHigh', 'sigma']);
    for (const [readout, indices] of Object.entries(result.morris.indices)) {
      for (const x of indices) row([readout, x.factor, x.mu, x.muStar, x.muStarLow, x.muStarHigh, x.sigma]);
    }
  } else if (result.sobol) {
    row(['readout', 'factor', 'S1', 'S1Low', 'S1High', 'ST', 'STLow', 'STHigh']);
    for (const [readout, indices] of Object.entries(result.sobol.indices)) {
      for (const x of indices) row([readout, x.factor, x.S1, x.S1Low, x.S1High, x.ST, x.STLow, x.STHigh]);
    }
  } else {
    const factors = result.factors.map((f) => f.name);
    row(['point', ...factors, ...result.readouts]);
    for (const p of result.points) row([p.point, ...factors.map((f) => p.factors[f]), ...result.readouts.map((r) => p.readouts[r])]);
  }
  return `${lines.join('\n')}\n`;
}
