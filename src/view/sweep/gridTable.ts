import type { FactorValue } from '../../sweep/factors';
import type { SweepResult } from '../../sweep/sweepResult';

export interface GridTable {
  readonly xLevels: readonly FactorValue[];
  readonly yLevels: readonly FactorValue[];
  /** cells[y][x]: the readout's mean over the points at those levels (over every other factor); null if none has a value. */
  readonly cells: readonly (readonly (number | null)[])[];
  readonly min: number;
  readonly max: number;
}

/** A grid sweep's readout over two of its factors, averaged over the others (y may equal x for one factor). */
export function gridTable(result: SweepResult, readout: string, xFactor: string, yFactor: string | null): GridTable {
  const levels = result.grid!.levels;
  const xLevels = levels[xFactor];
  const yLevels = yFactor ? levels[yFactor] : [''];
  const sums = yLevels.map(() => xLevels.map(() => 0));
  const counts = yLevels.map(() => xLevels.map(() => 0));
  for (const point of result.points) {
    const value = point.readouts[readout];
    if (value === null || value === undefined) continue;
    const x = xLevels.indexOf(point.factors[xFactor]);
    const y = yFactor ? yLevels.indexOf(point.factors[yFactor]) : 0;
    if (x < 0 || y < 0) continue;
    sums[y][x] += value;
    counts[y][x]++;
  }
  const cells = sums.map((row, y) => row.map((sum, x) => (counts[y][x] > 0 ? sum / counts[y][x] : null)));
  const values = cells.flat().filter((v): v is number => v !== null);
  return { xLevels, yLevels, cells, min: Math.min(...values), max: Math.max(...values) };
}

/** Short text for an axis or a cell: 3 significant digits, file names without their folders. */
export function formatLevel(value: FactorValue | null): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value.split(/[\\/]/).pop() ?? value;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  return abs >= 1e4 || abs < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(3)));
}

/** Viridis (van der Walt & Smith), perceptually uniform and readable in greyscale: t ∈ [0, 1] → colour. */
const viridis = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
export function viridisColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (viridis.length - 1);
  const i = Math.min(viridis.length - 2, Math.floor(x));
  const f = x - i;
  const [r, g, b] = viridis[i].map((c, k) => Math.round(c + f * (viridis[i + 1][k] - c)));
  return `rgb(${r}, ${g}, ${b})`;
}
