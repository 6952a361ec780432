/**
 * The shape of a neuron as the model and the view use it: a soma and a set of unbranched dendritic
 * sections (branches), each a polyline with radii and cumulative arc length. Spines sit at an arc
 * position on a branch. Coordinates are in micrometres, y pointing towards the pia.
 */

export type BranchKind = 'basal' | 'apicalTrunk' | 'oblique' | 'tuft' | 'other';

export interface Branch {
  /** Index of this branch in its neuron's `branches` array. */
  readonly index: number;
  readonly kind: BranchKind;
  /** Index of the parent branch, or -1 when the branch starts at the soma. */
  readonly parentIndex: number;
  /** Branch order: 1 for a branch leaving the soma. */
  readonly order: number;
  /** Points as x, y, z triples (µm); at least two points. */
  readonly pointsUm: Float32Array;
  /** Radius at each point (µm), > 0. */
  readonly radiiUm: Float32Array;
  /** Cumulative arc length at each point (µm); arcUm[0] = 0. */
  readonly arcUm: Float32Array;
  readonly lengthUm: number;
  /** Whether the model grows spines on this branch (dendrites yes; soma-like or axon no). */
  readonly spiny: boolean;
}

export interface Neuron {
  readonly name: string;
  readonly somaCentreUm: readonly [number, number, number];
  readonly somaRadiusUm: number;
  readonly branches: readonly Branch[];
}

/** Builds a branch from points and radii, computing arc length. */
export function makeBranch(
  index: number,
  kind: BranchKind,
  parentIndex: number,
  order: number,
  points: readonly number[],
  radii: readonly number[],
  spiny = kind !== 'other',
): Branch {
  const count = radii.length;
  if (count < 2 || points.length !== count * 3) {
    throw new Error(`branch ${index}: needs at least two points with one radius each`);
  }
  const pointsUm = Float32Array.from(points);
  const radiiUm = Float32Array.from(radii);
  const arcUm = new Float32Array(count);
  let total = 0;
  for (let i = 1; i < count; i++) {
    const dx = points[i * 3] - points[i * 3 - 3];
    const dy = points[i * 3 + 1] - points[i * 3 - 2];
    const dz = points[i * 3 + 2] - points[i * 3 - 1];
    total += Math.hypot(dx, dy, dz);
    arcUm[i] = total;
  }
  return { index, kind, parentIndex, order, pointsUm, radiiUm, arcUm, lengthUm: total, spiny };
}

/** Total length of the spiny branches of a neuron (µm). */
export function spinyLengthUm(neuron: Neuron): number {
  let total = 0;
  for (const branch of neuron.branches) if (branch.spiny) total += branch.lengthUm;
  return total;
}

/**
 * Whether imaging sessions score a branch: the apical tuft's spiny branches, as in the experiment, or every
 * spiny branch of a neuron without a tuft (an imported reconstruction may have none).
 */
export function isImagedBranch(branch: Branch, neuronHasTuft: boolean): boolean {
  return branch.spiny && (neuronHasTuft ? branch.kind === 'tuft' : true);
}

export function hasSpinyTuft(neuron: Neuron): boolean {
  return neuron.branches.some((branch) => branch.kind === 'tuft' && branch.spiny);
}

/**
 * Position and local direction at an arc position along a branch, written into `out`
 * as [x, y, z, tx, ty, tz, radius] (tangent normalised).
 */
export function pointAlong(branch: Branch, positionUm: number, out: Float64Array | number[]): void {
  const { arcUm, pointsUm, radiiUm } = branch;
  const last = arcUm.length - 1;
  const s = Math.min(Math.max(positionUm, 0), branch.lengthUm);
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (arcUm[mid] <= s) lo = mid;
    else hi = mid;
  }
  const span = arcUm[hi] - arcUm[lo];
  const f = span > 0 ? (s - arcUm[lo]) / span : 0;
  const a = lo * 3;
  const b = hi * 3;
  const dx = pointsUm[b] - pointsUm[a];
  const dy = pointsUm[b + 1] - pointsUm[a + 1];
  const dz = pointsUm[b + 2] - pointsUm[a + 2];
  const norm = Math.hypot(dx, dy, dz) || 1;
  out[0] = pointsUm[a] + f * dx;
  out[1] = pointsUm[a + 1] + f * dy;
  out[2] = pointsUm[a + 2] + f * dz;
  out[3] = dx / norm;
  out[4] = dy / norm;
  out[5] = dz / norm;
  out[6] = radiiUm[lo] + f * (radiiUm[hi] - radiiUm[lo]);
}
