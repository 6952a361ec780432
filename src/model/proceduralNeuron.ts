import { makeBranch, type Branch, type BranchKind, type Neuron } from './Morphology';
import type { RandomStream } from './random';

/**
 * A seeded procedural mouse layer-5 pyramidal neuron, with sizes from the morphology estimates in docs (estimates unless
 * noted): soma ≈16 µm across; 5–8 primary basal dendrites branching to order 3–4 (≈2–4 mm in all); an
 * apical trunk ≈2.5 µm thick at the soma rising ≈550–650 µm, giving off obliques, to a tuft of ≈12–24
 * terminal branches (≈2–3 mm apical length in all).
 */
export function proceduralNeuron(random: RandomStream, name = 'procedural L5 pyramidal neuron'): Neuron {
  // Random growth occasionally overshoots the target totals; redraw (from the same stream, so still seeded)
  // until apical and basal lengths fall in range.
  let neuron = growNeuron(random, name);
  for (let attempt = 0; attempt < 100 && !withinTargets(neuron); attempt++) neuron = growNeuron(random, name);
  return neuron;
}

const APICAL_UM = { min: 2000, max: 3300 };
const BASAL_UM = { min: 1800, max: 3800 };
/**
 * Spiny dendrite of a typical procedural neuron: the middle of the target ranges (every procedural branch
 * carries spines). 200 seeds gave 4.0–6.8 mm, 5.2 mm on average.
 */
export const PROCEDURAL_TYPICAL_SPINY_LENGTH_UM = (APICAL_UM.min + APICAL_UM.max + BASAL_UM.min + BASAL_UM.max) / 2;

/**
 * Apical (trunk + obliques + tuft) 2.0–3.3 mm, basal 1.8–3.8 mm and 10–25 terminal tuft branches,
 * inside the target ranges.
 */
function withinTargets(neuron: Neuron): boolean {
  let apical = 0;
  let basal = 0;
  const hasChildren = new Set(neuron.branches.map((branch) => branch.parentIndex));
  let tuftTerminals = 0;
  for (const branch of neuron.branches) {
    if (branch.kind === 'basal') basal += branch.lengthUm;
    else apical += branch.lengthUm;
    if (branch.kind === 'tuft' && !hasChildren.has(branch.index)) tuftTerminals++;
  }
  return apical >= APICAL_UM.min && apical <= APICAL_UM.max && basal >= BASAL_UM.min && basal <= BASAL_UM.max && tuftTerminals >= 10 && tuftTerminals <= 25;
}

function growNeuron(random: RandomStream, name: string): Neuron {
  const builder = new TreeBuilder(random);
  const somaRadiusUm = 7.5 + random.uniform() * 1.5;

  // Apical trunk, split at each oblique so every branch is unbranched.
  const trunkHeightUm = 550 + random.uniform() * 100;
  const obliqueCount = 5 + Math.floor(random.uniform() * 4);
  const obliqueHeights = Array.from({ length: obliqueCount }, () => 40 + random.uniform() * (trunkHeightUm * 0.6)).sort((a, b) => a - b);
  const lean = [random.normal() * 0.08, 1, random.normal() * 0.08];
  let parent = -1;
  let start: Vec3 = [0, somaRadiusUm * 0.9, 0];
  let startHeight = 0;
  const trunkRadius = (height: number) => 1.25 - 0.45 * (height / trunkHeightUm);
  for (const height of [...obliqueHeights, trunkHeightUm]) {
    const length = height - startHeight;
    if (length < 5) continue;
    const end = builder.segmentEnd(start, lean, length, 0.02);
    parent = builder.add('apicalTrunk', parent, 1, start, end, trunkRadius(startHeight), trunkRadius(height));
    if (height < trunkHeightUm) {
      // An oblique leaves the trunk sideways and slightly upwards, and may fork once.
      const direction = builder.randomDirection([0, 0.35, 0], 1);
      const obliqueLength = 50 + random.uniform() * 70;
      builder.grow('oblique', parent, 2, end, direction, obliqueLength, 0.55, 2, 0.5);
    }
    start = end;
    startHeight = height;
  }
  // Tuft: the main bifurcation and its descendants in layer 1.
  for (let i = 0; i < 2 + (random.uniform() < 0.35 ? 1 : 0); i++) {
    const direction = builder.randomDirection([0, 1.1, 0], 0.8);
    builder.grow('tuft', parent, 2, start, direction, 45 + random.uniform() * 40, 0.55, 4, 0.88);
  }
  // Basal dendrites radiate from the lower half of the soma.
  const basalCount = 5 + Math.floor(random.uniform() * 4);
  for (let i = 0; i < basalCount; i++) {
    const angle = (2 * Math.PI * (i + random.uniform() * 0.6)) / basalCount;
    const direction: Vec3 = [Math.cos(angle), -0.35 - random.uniform() * 0.5, Math.sin(angle)];
    normalise(direction);
    const origin: Vec3 = [direction[0] * somaRadiusUm * 0.9, direction[1] * somaRadiusUm * 0.9, direction[2] * somaRadiusUm * 0.9];
    builder.grow('basal', -1, 1, origin, direction, 25 + random.uniform() * 25, 0.6, 4, 0.8);
  }
  return { name, somaCentreUm: [0, 0, 0], somaRadiusUm, branches: builder.branches };
}

type Vec3 = [number, number, number];

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  v[0] /= n;
  v[1] /= n;
  v[2] /= n;
  return v;
}

class TreeBuilder {
  readonly branches: Branch[] = [];
  constructor(private readonly random: RandomStream) {}

  randomDirection(bias: Vec3, spread: number): Vec3 {
    const r = this.random;
    return normalise([bias[0] + spread * r.normal(), bias[1] + spread * 0.5 * r.normal(), bias[2] + spread * r.normal()]);
  }

  segmentEnd(start: Vec3, direction: readonly number[], lengthUm: number, jitter: number): Vec3 {
    const d = normalise([direction[0] + jitter * this.random.normal(), direction[1], direction[2] + jitter * this.random.normal()]);
    return [start[0] + d[0] * lengthUm, start[1] + d[1] * lengthUm, start[2] + d[2] * lengthUm];
  }

  /** Adds a gently wiggling polyline branch from start to end with linearly tapering radius. */
  add(kind: BranchKind, parentIndex: number, order: number, start: Vec3, end: Vec3, radiusStart: number, radiusEnd: number): number {
    const length = Math.hypot(end[0] - start[0], end[1] - start[1], end[2] - start[2]);
    const pieces = Math.max(2, Math.ceil(length / 12));
    const points: number[] = [];
    const radii: number[] = [];
    for (let i = 0; i <= pieces; i++) {
      const f = i / pieces;
      const wiggle = i === 0 || i === pieces ? 0 : 1.2;
      points.push(
        start[0] + f * (end[0] - start[0]) + wiggle * this.random.normal(),
        start[1] + f * (end[1] - start[1]) + wiggle * this.random.normal(),
        start[2] + f * (end[2] - start[2]) + wiggle * this.random.normal(),
      );
      radii.push(radiusStart + f * (radiusEnd - radiusStart));
    }
    const index = this.branches.length;
    this.branches.push(makeBranch(index, kind, parentIndex, order, points, radii));
    return index;
  }

  /**
   * Grows a branch and, while depth remains, forks it in two with shorter, thinner, diverging children
   * (probability `forkChance` at each level).
   */
  grow(kind: BranchKind, parentIndex: number, order: number, start: Vec3, direction: Vec3, lengthUm: number, radiusUm: number, depth: number, forkChance: number): void {
    const end = this.segmentEnd(start, direction, lengthUm, 0.1);
    const taper = Math.max(0.25, radiusUm * 0.8);
    const index = this.add(kind, parentIndex, order, start, end, radiusUm, taper);
    if (depth <= 1 || this.random.uniform() > forkChance) return;
    for (let child = 0; child < 2; child++) {
      const childDirection = normalise([
        direction[0] + 0.55 * this.random.normal(),
        direction[1] + 0.3 * this.random.normal(),
        direction[2] + 0.55 * this.random.normal(),
      ]);
      const childLength = lengthUm * (0.7 + this.random.uniform() * 0.45);
      this.grow(kind, index, order + 1, end, childDirection, childLength, taper, depth - 1, forkChance);
    }
  }
}
