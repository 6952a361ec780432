/**
 * Turns a parsed SWC reconstruction into the model's `Neuron`: soma at the origin, coordinates in µm, the
 * neuron's tree split into unbranched sections (from the soma or a branch point to the next branch point or
 * tip), each with a kind that decides whether the model grows spines on it.
 *
 * Guarantees, whatever the file: every branch has at least two points, a positive length, finite coordinates
 * and radii > 0, and a parent branch listed before it. Otherwise it throws `SwcError` ('no-branches').
 */
import { makeBranch, spinyLengthUm, type Branch, type BranchKind, type Neuron } from '../Morphology.ts';
import { SwcError } from './SwcError.ts';
import { SwcWarningLog, type SwcWarning } from './SwcWarningLog.ts';
import { centroidOf, type SwcNodes, type SwcParseResult } from './parseSwc.ts';

export interface NeuronFromSwcOptions {
  /** Name of the neuron; defaults to the file name without its extension. */
  readonly name?: string;
  /** Micrometres per file unit. Defaults to 0.001 when the parser found nanometres, otherwise 1. */
  readonly umPerUnit?: number;
  /** Radius used where the file has 0 or NA and the parent offers no usable radius (µm). */
  readonly defaultRadiusUm?: number;
  /** Soma radius used when the file gives none (µm). */
  readonly defaultSomaRadiusUm?: number;
  /**
   * 'pia-up' turns the neuron so its apical dendrite, or else the long side of its dendrites' principal
   * axis, points up (+y), as a cortical neuron sits under the pia; 'file' (default) keeps the file's axes.
   */
  readonly orientation?: SwcOrientation;
}

export type SwcOrientation = 'pia-up' | 'file';

export interface NeuronFromSwcResult {
  readonly neuron: Neuron;
  /** Warnings of the conversion only; the parser's are in the parse result. */
  readonly warnings: readonly SwcWarning[];
  /** How the neuron was turned to stand pia-up; null when it kept the file's axes. */
  readonly orientation: SwcReorientation | null;
}

export interface SwcReorientation {
  /** Angle turned (degrees). */
  readonly degrees: number;
  /** What was turned to point up. */
  readonly by: 'apical dendrite' | 'principal axis';
}

export const DEFAULT_RADIUS_UM = 0.5;
/** No dendrite or axon is this thick in radius (the thickest apical trunks are a few µm). */
export const MAX_NEURITE_RADIUS_UM = 25;
/** Dendrites reach at most a few millimetres from their soma; beyond this the units are not µm. */
const MAX_DENDRITE_REACH_UM = 5000;
/** A dendritic tree that reaches less than this from its soma is too small to be in µm (or is a stub). */
const MIN_DENDRITE_REACH_UM = 15;
/** A neuron within this angle of upright is left as it is. */
const MIN_TURN_DEGREES = 15;
/** Common file units and their size in µm, offered when the geometry says the units are not µm. */
const CANDIDATE_UNITS: readonly { readonly name: string; readonly umPerUnit: number }[] = [
  { name: 'nanometres', umPerUnit: 0.001 },
  { name: '8 nm voxels (as in EM skeletons such as hemibrain)', umPerUnit: 0.008 },
  { name: '0.1 µm voxels', umPerUnit: 0.1 },
  { name: '0.3 µm voxels (light-sheet, fMOST)', umPerUnit: 0.3 },
  { name: '1 µm voxels', umPerUnit: 1 },
  { name: '10 µm voxels', umPerUnit: 10 },
  { name: '25 µm voxels (atlas space)', umPerUnit: 25 },
];
export const DEFAULT_SOMA_RADIUS_UM = 5;
/** Larger than any real soma (Betz cells reach about 50 µm): such a radius is a placeholder. */
const MAX_SOMA_RADIUS_UM = 50;
/** Radii below a nanometre are not real dendrite radii (and would vanish in Float32): they are replaced. */
const MIN_RADIUS_UM = 1e-3;
/** Consecutive points closer than this are one point; a section shorter than this is degenerate. */
const MIN_STEP_UM = 1e-6;
/**
 * No neuron reaches this far from its soma: a sample beyond it is a corrupt coordinate (a two-line file
 * with x = 1e12 once asked the model for 10^9 µm of dendrite and gigabytes of spines). Long axons of
 * whole-brain reconstructions reach about a centimetre in the mouse.
 */
export const MAX_NEURON_EXTENT_UM = 100_000;
/**
 * More spiny dendrite than this (1 m) is not a neuron either: the largest dendritic trees measure tens of
 * millimetres in all. Reconstructions below it may still exceed the model's work budget (workBudget.ts).
 */
export const MAX_SPINY_LENGTH_UM = 1_000_000;
/** Apical sections ending in the top 30% of the apical extent are tuft. */
const TUFT_FRACTION = 0.7;
/** The trunk ends at the first fork whose smaller side carries at least this share of the larger side's length. */
const MAIN_BIFURCATION_RATIO = 0.4;

const SOMA_TYPE = 1;
const AXON_TYPE = 2;
const BASAL_TYPE = 3;
const APICAL_TYPE = 4;

/** A section before it becomes a `Branch`. */
interface SectionDraft {
  typeCode: number;
  parentSection: number;
  order: number;
  points: number[];
  radii: number[];
  lengthUm: number;
  kind: BranchKind;
}

/** Converts a parse result into a `Neuron`, with warnings for every guess made on the way. */
export function neuronFromSwc(parsed: SwcParseResult, options: NeuronFromSwcOptions = {}): NeuronFromSwcResult {
  const log = new SwcWarningLog();
  const nodes = parsed.nodes;
  const umPerUnit = chooseScale(parsed, options, log);
  const mainCount = parsed.trees[0].nodeCount;
  const hasSoma = parsed.somaIndices.length > 0;
  const attachment = hasSoma ? parsed.somaIndices : [0];
  const allSomaTyped = parsed.somaForm === 'all-soma';
  const census = typeCensus(nodes, mainCount, parsed.somaIndices, allSomaTyped);
  if (census.dendrite === 0 && census.untyped === 0) refuseWithoutDendrites(parsed, census);
  const typed = census.dendrite > 0;
  if (!typed) {
    const axons = census.axon > 0 ? `; the ${formatCount(census.axon)} axon sample(s) (type 2) get no spines` : '';
    log.add('no-dendrite-types', 0, `no sample is typed basal (3) or apical (4) dendrite; the ${formatCount(census.untyped)} ` +
      `untyped sample(s) (types 0, 5, 6 or other codes) are treated as spiny basal dendrite${axons}`);
  }
  const radiiUm = resolveRadii(nodes, mainCount, parsed.somaIndices, umPerUnit, options.defaultRadiusUm ?? DEFAULT_RADIUS_UM, log);
  const soma = somaGeometry(parsed, mainCount, umPerUnit, radiiUm);
  const plausible = soma.radiusUm >= MIN_RADIUS_UM && soma.radiusUm <= MAX_SOMA_RADIUS_UM;
  if (hasSoma && !plausible) replaceSomaRadius(soma, parsed, mainCount, umPerUnit, options, log);
  const transform = (k: number, out: number[]): void => {
    out.push((nodes.x[k] - soma.originFile[0]) * umPerUnit, (nodes.y[k] - soma.originFile[1]) * umPerUnit,
      (nodes.z[k] - soma.originFile[2]) * umPerUnit);
  };
  refuseOversizedExtent(nodes, mainCount, soma.originFile, umPerUnit, parsed.fileName);
  capImplausibleRadii(nodes, mainCount, parsed.somaIndices, transform, radiiUm, options.defaultRadiusUm ?? DEFAULT_RADIUS_UM, log);
  const sections = traceSections(nodes, mainCount, attachment, hasSoma, transform, radiiUm, log);
  if (sections.length === 0) {
    throw new SwcError('no-branches', 0, undefined, 'the reconstruction has no neurite section long enough to use ' +
      '(its samples all coincide)', parsed.fileName);
  }
  assignKinds(sections, typed, allSomaTyped, log);
  if (!sections.some((section) => section.kind !== 'other')) refuseWithoutDendrites(parsed, census);
  if (hasSoma) trimInsideSoma(sections, soma.radiusUm);
  if (options.umPerUnit === undefined) checkAnatomy(sections, umPerUnit, log);
  warnAboutFragments(parsed, log);
  const orientation = options.orientation === 'pia-up' ? orientPiaUp(sections, soma) : null;
  const branches: Branch[] = sections.map((section, index) =>
    makeBranch(index, section.kind, section.parentSection, section.order, section.points, section.radii));
  const neuron: Neuron = {
    name: options.name ?? baseName(parsed.fileName),
    somaCentreUm: soma.centreUm,
    somaRadiusUm: soma.radiusUm,
    branches,
  };
  const dendriteUm = spinyLengthUm(neuron);
  if (dendriteUm > MAX_SPINY_LENGTH_UM) {
    throw new SwcError('out-of-range', 0, undefined, `the neuron has ${formatMillimetres(dendriteUm)} of dendrite, more than ` +
      `any real neuron (the importer accepts at most ${formatMillimetres(MAX_SPINY_LENGTH_UM)}): check the file's units and coordinates`, parsed.fileName);
  }
  return { neuron, warnings: log.toArray(), orientation };
}

// ---------------------------------------------------------------------------------------------------------
// What the file holds

interface TypeCensus {
  soma: number;
  axon: number;
  /** Samples typed basal (3) or apical (4). */
  dendrite: number;
  /** Samples whose type says nothing (0, 5, 6, other codes; soma codes too when every sample is "soma"). */
  untyped: number;
}

/** Neurite samples of the neuron's tree by what their type says (the soma samples it hangs from apart). */
function typeCensus(nodes: SwcNodes, mainCount: number, somaIndices: readonly number[], allSomaTyped: boolean): TypeCensus {
  const census: TypeCensus = { soma: 0, axon: 0, dendrite: 0, untyped: 0 };
  const isSoma = new Set(somaIndices);
  for (let k = 0; k < mainCount; k++) {
    const type = nodes.types[k];
    if (isSoma.has(k) || (type === SOMA_TYPE && !allSomaTyped)) census.soma++;
    else if (type === AXON_TYPE) census.axon++;
    else if (type === BASAL_TYPE || type === APICAL_TYPE) census.dendrite++;
    else census.untyped++;
  }
  return census;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * Spines grow on dendrites only. A file without any (an axon tracing, a soma alone, neurites cut off from
 * the soma) is refused with what it does hold, so the user sees why.
 */
function refuseWithoutDendrites(parsed: SwcParseResult, census: TypeCensus): never {
  const held = census.soma > 0 ? [`${formatCount(census.soma)} soma sample${census.soma === 1 ? '' : 's'}`] : [];
  if (census.axon > 0) held.push(`${formatCount(census.axon)} axon sample${census.axon === 1 ? '' : 's'}`);
  if (census.dendrite > 0) held.push(`${formatCount(census.dendrite)} dendrite samples whose sections have no length`);
  const fragments = parsed.trees.slice(1);
  let detail = `no dendrites: the neuron holds ${held.length > 0 ? joinList(held) : 'no samples of known type'}`;
  if (fragments.length > 0) {
    const samples = fragments.reduce((sum, tree) => sum + tree.nodeCount, 0);
    const lines = fragments.slice(0, 5).map((tree) => parsed.nodes.lines[tree.rootIndex]);
    detail += `, and ${formatCount(fragments.length)} tree${fragments.length === 1 ? '' : 's'} not connected to its soma ` +
      `hold${fragments.length === 1 ? 's' : ''} ${formatCount(samples)} samples (starting on line${lines.length === 1 ? '' : 's'} ` +
      `${lines.join(', ')}${fragments.length > 5 ? ', …' : ''}); connect them to the soma to use them`;
  }
  throw new SwcError('no-dendrites', 0, undefined, `${detail}. Spines grow on basal (3) and apical (4) dendrites only.`, parsed.fileName);
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function baseName(fileName: string | undefined): string {
  if (!fileName) return 'SWC reconstruction';
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/(\.CNG)?\.swc$/i, '') || last;
}

/** Refuses a reconstruction with a sample farther from the soma than any neuron reaches. */
function refuseOversizedExtent(nodes: SwcNodes, mainCount: number, origin: readonly number[], umPerUnit: number, fileName: string | undefined): void {
  let farthest = 0;
  let farthestUm = 0;
  for (let k = 0; k < mainCount; k++) {
    const distanceUm = Math.hypot(nodes.x[k] - origin[0], nodes.y[k] - origin[1], nodes.z[k] - origin[2]) * umPerUnit;
    if (distanceUm > farthestUm) {
      farthestUm = distanceUm;
      farthest = k;
    }
  }
  if (farthestUm <= MAX_NEURON_EXTENT_UM) return;
  const offsets = [nodes.x[farthest] - origin[0], nodes.y[farthest] - origin[1], nodes.z[farthest] - origin[2]].map(Math.abs);
  const field = (['x', 'y', 'z'] as const)[offsets.indexOf(Math.max(...offsets))];
  const units = umPerUnit === 1 ? '' : ` (read as ${umPerUnit === 0.001 ? 'nanometres' : `${umPerUnit} µm per unit`})`;
  throw new SwcError('out-of-range', nodes.lines[farthest], field, `sample ${nodes.ids[farthest]} lies ` +
    `${formatMillimetres(farthestUm)} from the soma${units}; no neuron reaches beyond ${formatMillimetres(MAX_NEURON_EXTENT_UM)}: ` +
    'the coordinates are probably corrupt', fileName);
}

function formatMillimetres(lengthUm: number): string {
  const mm = lengthUm / 1000;
  return `${mm < 10 ? mm.toPrecision(2) : Math.round(mm).toLocaleString('en-US')} mm`;
}

// ---------------------------------------------------------------------------------------------------------
// Units and soma

function chooseScale(parsed: SwcParseResult, options: NeuronFromSwcOptions, log: SwcWarningLog): number {
  if (options.umPerUnit !== undefined) {
    if (!(options.umPerUnit > 0) || !Number.isFinite(options.umPerUnit)) {
      throw new RangeError(`umPerUnit must be a positive number, got ${options.umPerUnit}`);
    }
    return options.umPerUnit;
  }
  switch (parsed.unitsHint) {
    case 'nm':
      log.add('units-converted-from-nm', 0, 'coordinates and radii were read as nanometres and divided by 1000');
      return 0.001;
    case 'pixels':
    case 'voxels-or-nm': {
      const looksLike = parsed.unitsHint === 'pixels' ? 'image pixels' : 'voxels or nanometres';
      log.add('units-scale-unknown', 0, `the units look like ${looksLike}, whose size the file does not give; ` +
        'one unit is taken as 1 µm (give the file\'s scale, in µm per unit, to correct it)');
      return 1;
    }
    default:
      return 1;
  }
}

interface SomaGeometry {
  /** Point of the file (file units) that becomes the origin. */
  originFile: [number, number, number];
  centreUm: [number, number, number];
  radiusUm: number;
}

function somaGeometry(parsed: SwcParseResult, mainCount: number, umPerUnit: number, radiiUm: Float64Array): SomaGeometry {
  const nodes = parsed.nodes;
  if (parsed.somaIndices.length === 0) {
    // No soma: centre the tree's centroid; the root stands in for the soma as a marker of its own radius.
    const all = Array.from({ length: mainCount }, (_, k) => k);
    const origin = centroidOf(nodes, all);
    return {
      originFile: origin,
      centreUm: [(nodes.x[0] - origin[0]) * umPerUnit, (nodes.y[0] - origin[1]) * umPerUnit, (nodes.z[0] - origin[2]) * umPerUnit],
      radiusUm: radiiUm[0],
    };
  }
  const { centre, radius } = somaCentreAndRadius(parsed);
  return { originFile: centre, centreUm: [0, 0, 0], radiusUm: radius * umPerUnit };
}

/**
 * A soma radius of 0 or NA, or a placeholder (100 in corpus file 05, where the neurites start 5–25 µm from the
 * centre), is useless to draw: a sphere that swallows the dendrites, or none at all. The median distance at
 * which the neurites leave the soma is a fair estimate of the real one.
 */
function replaceSomaRadius(
  soma: SomaGeometry, parsed: SwcParseResult, mainCount: number, umPerUnit: number, options: NeuronFromSwcOptions,
  log: SwcWarningLog,
): void {
  const nodes = parsed.nodes;
  const isSoma = new Uint8Array(mainCount);
  for (const k of parsed.somaIndices) isSoma[k] = 1;
  const exits: number[] = [];
  for (let k = 1; k < mainCount; k++) {
    if (isSoma[k] || !isSoma[nodes.parentIndex[k]]) continue;
    exits.push(Math.hypot(nodes.x[k] - soma.originFile[0], nodes.y[k] - soma.originFile[1], nodes.z[k] - soma.originFile[2]) * umPerUnit);
  }
  exits.sort((a, b) => a - b);
  const medianExit = exits.length > 0 ? exits[exits.length >> 1] : 0;
  const fromExits = medianExit >= MIN_RADIUS_UM && medianExit <= MAX_SOMA_RADIUS_UM;
  const replacement = fromExits ? medianExit : options.defaultSomaRadiusUm ?? DEFAULT_SOMA_RADIUS_UM;
  const problem = soma.radiusUm >= MIN_RADIUS_UM ? `${round1(soma.radiusUm)} µm is implausible (over ${MAX_SOMA_RADIUS_UM} µm)`
    : 'is missing (0, NA or below 1 nm)';
  const remedy = fromExits ? `${round1(replacement)} µm, where the neurites leave the soma,` : `the default ${replacement} µm`;
  log.add('soma-radius-substituted', nodes.lines[parsed.somaIndices[0]], `the soma radius ${problem}; ${remedy} is used`, 'radius');
  soma.radiusUm = replacement;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Centre and radius (file units) for each soma form, as NeuroMorpho reduces them to one sphere. */
function somaCentreAndRadius(parsed: SwcParseResult): { centre: [number, number, number]; radius: number } {
  const nodes = parsed.nodes;
  const indices = parsed.somaIndices;
  const first = indices[0];
  let maxRadius = 0;
  for (const k of indices) maxRadius = Math.max(maxRadius, Math.abs(nodes.radius[k]) || 0);
  if (parsed.somaForm === 'single-point' || parsed.somaForm === 'three-point') {
    return { centre: [nodes.x[first], nodes.y[first], nodes.z[first]], radius: maxRadius };
  }
  const centre = centroidOf(nodes, indices);
  const meanDistance = indices.reduce((sum, k) =>
    sum + Math.hypot(nodes.x[k] - centre[0], nodes.y[k] - centre[1], nodes.z[k] - centre[2]), 0) / indices.length;
  // A contour's samples lie on the outline; a chain of cylinders is at least as wide as its widest sample.
  return { centre, radius: parsed.somaForm === 'contour' ? meanDistance : Math.max(maxRadius, meanDistance) };
}

// ---------------------------------------------------------------------------------------------------------
// Radii and types

/**
 * Radius of each sample of the main tree in µm. Negative radii keep their magnitude; 0, NA and sub-nanometre
 * radii take the parent's radius when the parent had a real one (never the soma's), else the default, so a
 * file with no radii at all gets a uniform default instead of the soma's radius copied down every dendrite.
 */
function resolveRadii(
  nodes: SwcNodes, mainCount: number, somaIndices: readonly number[], umPerUnit: number, defaultUm: number, log: SwcWarningLog,
): Float64Array {
  const radiiUm = new Float64Array(mainCount);
  const real = new Uint8Array(mainCount);
  const isSoma = new Uint8Array(mainCount);
  for (const k of somaIndices) isSoma[k] = 1;
  for (let k = 0; k < mainCount; k++) {
    const fromFile = Math.abs(nodes.radius[k]) * umPerUnit;
    if (fromFile >= MIN_RADIUS_UM) {
      radiiUm[k] = fromFile;
      real[k] = 1;
      continue;
    }
    const parent = nodes.parentIndex[k];
    const useParent = parent >= 0 && real[parent] === 1 && isSoma[parent] === 0;
    radiiUm[k] = useParent ? radiiUm[parent] : defaultUm;
    if (isSoma[k] === 0) {
      log.add('radius-substituted', nodes.lines[k], `no usable radius (0, NA or below 1 nm); ` +
        `${useParent ? "the parent's radius" : `${defaultUm} µm`} is used for drawing`, 'radius');
    }
  }
  return radiiUm;
}

function hasDendriteTypes(nodes: SwcNodes, mainCount: number, attachment: readonly number[]): boolean {
  const isAttachment = new Set(attachment);
  for (let k = 0; k < mainCount; k++) {
    if (isAttachment.has(k)) continue;
    if (nodes.types[k] === BASAL_TYPE || nodes.types[k] === APICAL_TYPE) return true;
  }
  return false;
}

/**
 * A radius no neurite can have — thicker than any dendrite or axon, or a quarter of the whole cell — is a
 * label or a placeholder (one whole-brain tracing stores values up to 4160 in its radius column for a cell
 * 255 µm across). It is replaced by the default for drawing, and every line is reported.
 */
function capImplausibleRadii(
  nodes: SwcNodes, mainCount: number, somaIndices: readonly number[], transform: (k: number, out: number[]) => void,
  radiiUm: Float64Array, defaultUm: number, log: SwcWarningLog,
): void {
  const isSoma = new Uint8Array(mainCount);
  for (const k of somaIndices) isSoma[k] = 1;
  const point: number[] = [];
  let reach = 0;
  for (let k = 0; k < mainCount; k++) {
    point.length = 0;
    transform(k, point);
    reach = Math.max(reach, Math.hypot(point[0], point[1], point[2]));
  }
  const limit = Math.min(MAX_NEURITE_RADIUS_UM, Math.max(reach / 4, MIN_RADIUS_UM * 10));
  for (let k = 0; k < mainCount; k++) {
    if (isSoma[k] || radiiUm[k] <= limit) continue;
    const value = radiiUm[k];
    radiiUm[k] = defaultUm;
    log.add('radius-implausible', nodes.lines[k], `a radius of ${round1(value)} µm is more than the cell allows ` +
      `(it reaches ${Math.round(reach)} µm from its centre, and no neurite is over ${MAX_NEURITE_RADIUS_UM} µm in radius); ` +
      `${defaultUm} µm is used for drawing`, 'radius');
  }
}

/**
 * Checks the size of the dendritic tree against anatomy: dendrites reach tens of µm to a few mm from their
 * soma. Outside that, the file's units are probably not µm: the warning gives the evidence and the scales of
 * common units that would make the cell plausible.
 */
function checkAnatomy(sections: readonly SectionDraft[], umPerUnit: number, log: SwcWarningLog): void {
  let reach = 0;
  for (const section of sections) {
    if (section.kind === 'other') continue;
    const p = section.points;
    for (let i = 0; i < p.length; i += 3) reach = Math.max(reach, Math.hypot(p[i], p[i + 1], p[i + 2]));
  }
  if (reach <= MAX_DENDRITE_REACH_UM && reach >= MIN_DENDRITE_REACH_UM) return;
  const fileReach = reach / umPerUnit;
  const options = CANDIDATE_UNITS
    .filter((unit) => unit.umPerUnit !== umPerUnit && fileReach * unit.umPerUnit >= 50 && fileReach * unit.umPerUnit <= 2000)
    .map((unit) => `${unit.name} (scale ${unit.umPerUnit}: ${formatCount(Math.round(fileReach * unit.umPerUnit))} µm)`);
  const problem = reach > MAX_DENDRITE_REACH_UM
    ? 'farther than any neuron\'s dendrites reach (a few mm at most)'
    : 'less than any neuron\'s dendrites reach (tens of µm at least)';
  const suggestion = options.length > 0 ? ` Likely units: ${joinList(options).replace(/ and ([^,]*)$/, ' or $1')}.` : '';
  log.add('scale-implausible', 0, `the dendrites reach ${formatCount(Math.round(reach))} µm from the soma, ${problem}: ` +
    `the coordinates are probably not in micrometres.${suggestion} Give the file's scale, in µm per unit, to correct it.`);
}

/**
 * Spines belong on the dendrite outside the soma: a soma-attached section whose first samples lie inside the
 * soma sphere starts where it leaves the sphere.
 */
function trimInsideSoma(sections: SectionDraft[], somaRadiusUm: number): void {
  for (const section of sections) {
    if (section.parentSection >= 0) continue;
    const p = section.points;
    const n = p.length / 3;
    let inside = 0;
    while (inside < n - 1 && Math.hypot(p[3 * inside], p[3 * inside + 1], p[3 * inside + 2]) < somaRadiusUm) inside++;
    if (inside === 0) continue;
    // The exit lies on the segment from the last inside sample to the first outside one.
    const a = inside - 1;
    const ax = p[3 * a], ay = p[3 * a + 1], az = p[3 * a + 2];
    const dx = p[3 * inside] - ax, dy = p[3 * inside + 1] - ay, dz = p[3 * inside + 2] - az;
    const t = exitFraction(ax, ay, az, dx, dy, dz, somaRadiusUm);
    const exit = [ax + t * dx, ay + t * dy, az + t * dz];
    const exitRadius = section.radii[a] + t * (section.radii[inside] - section.radii[a]);
    const points = [...exit, ...p.slice(3 * inside)];
    const radii = [exitRadius, ...section.radii.slice(inside)];
    const lengthUm = polylineLength(points);
    if (!(lengthUm > MIN_STEP_UM)) continue; // a neurite wholly inside the soma keeps its samples
    section.points = points;
    section.radii = radii;
    section.lengthUm = lengthUm;
  }
}

/** The fraction t in [0, 1] of the segment a + t·d at which it crosses the sphere of radius r about the origin. */
function exitFraction(ax: number, ay: number, az: number, dx: number, dy: number, dz: number, r: number): number {
  const a = dx * dx + dy * dy + dz * dz;
  const b = 2 * (ax * dx + ay * dy + az * dz);
  const c = ax * ax + ay * ay + az * az - r * r;
  if (!(a > 0)) return 0;
  const t = (-b + Math.sqrt(Math.max(0, b * b - 4 * a * c))) / (2 * a);
  return Math.min(1, Math.max(0, t));
}

/**
 * Turns the neuron so it stands as under the pia: its apical dendrite up (+y), or, without one, the long
 * side of the principal axis of its dendrites (atlas-registered tracings, such as CCF's, point down).
 * Returns what was done, for the notice that offers to undo it.
 */
function orientPiaUp(sections: SectionDraft[], soma: SomaGeometry): SwcReorientation | null {
  const apical = sections.filter((section) => section.typeCode === APICAL_TYPE && section.kind !== 'other');
  const dendrites = sections.filter((section) => section.kind !== 'other');
  const byApical = apical.length > 0;
  const axis = byApical ? centroidDirection(apical) : principalAxis(dendrites);
  if (!axis) return null;
  const degrees = (Math.acos(Math.max(-1, Math.min(1, axis[1]))) * 180) / Math.PI;
  if (degrees < MIN_TURN_DEGREES) return null;
  const rotate = rotationOnto(axis, [0, 1, 0]);
  for (const section of sections) {
    const p = section.points;
    for (let i = 0; i < p.length; i += 3) rotate(p, i);
  }
  const centre = [...soma.centreUm];
  rotate(centre, 0);
  soma.centreUm = [centre[0], centre[1], centre[2]];
  return { degrees: Math.round(degrees), by: byApical ? 'apical dendrite' : 'principal axis' };
}

/** Unit vector from the soma (origin) to the centroid of the sections' points. */
function centroidDirection(sections: readonly SectionDraft[]): [number, number, number] | null {
  let sx = 0, sy = 0, sz = 0;
  for (const section of sections) {
    const p = section.points;
    for (let i = 0; i < p.length; i += 3) { sx += p[i]; sy += p[i + 1]; sz += p[i + 2]; }
  }
  const norm = Math.hypot(sx, sy, sz);
  return norm > 0 ? [sx / norm, sy / norm, sz / norm] : null;
}

/** The principal axis of the points (power iteration on their scatter about the soma), long side positive. */
function principalAxis(sections: readonly SectionDraft[]): [number, number, number] | null {
  const m = [0, 0, 0, 0, 0, 0]; // xx, xy, xz, yy, yz, zz
  for (const section of sections) {
    const p = section.points;
    for (let i = 0; i < p.length; i += 3) {
      const x = p[i], y = p[i + 1], z = p[i + 2];
      m[0] += x * x; m[1] += x * y; m[2] += x * z; m[3] += y * y; m[4] += y * z; m[5] += z * z;
    }
  }
  let v: [number, number, number] = [0.3, 0.9, 0.1];
  for (let iteration = 0; iteration < 100; iteration++) {
    const next: [number, number, number] = [
      m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
      m[1] * v[0] + m[3] * v[1] + m[4] * v[2],
      m[2] * v[0] + m[4] * v[1] + m[5] * v[2],
    ];
    const norm = Math.hypot(...next);
    if (!(norm > 0)) return null;
    v = [next[0] / norm, next[1] / norm, next[2] / norm];
  }
  let high = 0, low = 0;
  for (const section of sections) {
    const p = section.points;
    for (let i = 0; i < p.length; i += 3) {
      const along = p[i] * v[0] + p[i + 1] * v[1] + p[i + 2] * v[2];
      high = Math.max(high, along);
      low = Math.min(low, along);
    }
  }
  return high >= -low ? v : [-v[0], -v[1], -v[2]];
}

/** A rotation (Rodrigues) taking unit vector `from` onto unit vector `to`, applied in place at p[i..i+2]. */
function rotationOnto(from: readonly number[], to: readonly number[]): (p: number[], i: number) => void {
  const kx = from[1] * to[2] - from[2] * to[1];
  const ky = from[2] * to[0] - from[0] * to[2];
  const kz = from[0] * to[1] - from[1] * to[0];
  const sin = Math.hypot(kx, ky, kz);
  const cos = from[0] * to[0] + from[1] * to[1] + from[2] * to[2];
  // Opposite vectors: turn half a circle about x.
  const [ux, uy, uz] = sin > 1e-12 ? [kx / sin, ky / sin, kz / sin] : [1, 0, 0];
  const c = sin > 1e-12 ? cos : -1;
  const s = sin > 1e-12 ? sin : 0;
  return (p, i) => {
    const x = p[i], y = p[i + 1], z = p[i + 2];
    const dot = ux * x + uy * y + uz * z;
    const cx = uy * z - uz * y, cy = uz * x - ux * z, cz = ux * y - uy * x;
    p[i] = x * c + cx * s + ux * dot * (1 - c);
    p[i + 1] = y * c + cy * s + uy * dot * (1 - c);
    p[i + 2] = z * c + cz * s + uz * dot * (1 - c);
  };
}

// ---------------------------------------------------------------------------------------------------------
// Sections

interface PendingSection {
  /** Sample the section starts from (a branch point, or the root when there is no soma); -1 for none. */
  start: number;
  first: number;
  /** The soma sample it hangs from, used when a one-sample section needs a second point. */
  attach: number;
  parentSection: number;
  order: number;
}

function traceSections(
  nodes: SwcNodes,
  mainCount: number,
  attachment: readonly number[],
  hasSoma: boolean,
  transform: (k: number, out: number[]) => void,
  radiiUm: Float64Array,
  log: SwcWarningLog,
): SectionDraft[] {
  const children = childLists(nodes, mainCount);
  const isAttachment = new Uint8Array(mainCount);
  for (const k of attachment) isAttachment[k] = 1;
  const pending: PendingSection[] = [];
  // Soma-attached sections begin at their first neurite sample, so no spiny length lies inside the soma;
  // without a soma the root is an ordinary sample and starts its sections.
  for (let a = attachment.length - 1; a >= 0; a--) {
    const soma = attachment[a];
    for (let k = children.offsets[soma + 1] - 1; k >= children.offsets[soma]; k--) {
      const child = children.list[k];
      if (!isAttachment[child]) pending.push({ start: hasSoma ? -1 : soma, first: child, attach: soma, parentSection: -1, order: 1 });
    }
  }
  const sections: SectionDraft[] = [];
  while (pending.length > 0) {
    const item = pending.pop() as PendingSection;
    const path = walkSection(item, children, nodes.types);
    const end = path[path.length - 1];
    const draft = buildDraft(item, path, nodes, transform, radiiUm);
    let parentForChildren = item.parentSection;
    let orderForChildren = item.order;
    if (draft) {
      parentForChildren = sections.length;
      orderForChildren = item.order + 1;
      sections.push(draft);
    } else {
      // Children of a skipped section hang from its parent instead, keeping the tree connected.
      log.add('degenerate-sections-skipped', nodes.lines[item.first], 'a section of zero length (coincident samples) ' +
        'was skipped; its child sections attach to its parent');
    }
    for (let k = children.offsets[end + 1] - 1; k >= children.offsets[end]; k--) {
      pending.push({ start: end, first: children.list[k], attach: item.attach, parentSection: parentForChildren, order: orderForChildren });
    }
  }
  return sections;
}

function childLists(nodes: SwcNodes, mainCount: number) {
  const offsets = new Int32Array(mainCount + 1);
  for (let k = 1; k < mainCount; k++) offsets[nodes.parentIndex[k] + 1]++;
  for (let k = 0; k < mainCount; k++) offsets[k + 1] += offsets[k];
  const cursor = offsets.slice(0, mainCount);
  const list = new Int32Array(offsets[mainCount]);
  for (let k = 1; k < mainCount; k++) list[cursor[nodes.parentIndex[k]]++] = k;
  return { offsets, list };
}

/**
 * Samples from `first` down to the next fork, tip or change of type (the start sample, if any, in front), so
 * an axon that turns into a dendrite without a fork (types 2 → 3 → 4) gives one section of each type.
 */
function walkSection(item: PendingSection, children: { offsets: Int32Array; list: Int32Array }, types: Float64Array): number[] {
  const path = item.start >= 0 ? [item.start] : [];
  let k = item.first;
  for (;;) {
    path.push(k);
    if (children.offsets[k + 1] - children.offsets[k] !== 1) return path;
    const next = children.list[children.offsets[k]];
    if (types[next] !== types[k]) return path;
    k = next;
  }
}

function buildDraft(
  item: PendingSection, path: number[], nodes: SwcNodes, transform: (k: number, out: number[]) => void, radiiUm: Float64Array,
): SectionDraft | undefined {
  let { points, radii } = collectPoints(path, transform, radiiUm);
  if (points.length < 6 && item.start < 0) {
    // A neurite that forks (or ends) at its first sample: let it start at the soma sample it hangs from.
    ({ points, radii } = collectPoints([item.attach, ...path], transform, radiiUm));
  }
  const lengthUm = polylineLength(points);
  if (radii.length < 2 || !(lengthUm > MIN_STEP_UM) || !Number.isFinite(lengthUm)) return undefined;
  return { typeCode: nodes.types[item.first], parentSection: item.parentSection, order: item.order, points, radii, lengthUm, kind: 'other' };
}

/** Points in µm, dropping a point that coincides with the one before it. */
function collectPoints(path: readonly number[], transform: (k: number, out: number[]) => void, radiiUm: Float64Array) {
  const points: number[] = [];
  const radii: number[] = [];
  const scratch: number[] = [];
  for (const k of path) {
    scratch.length = 0;
    transform(k, scratch);
    const n = points.length;
    if (n > 0 && Math.hypot(scratch[0] - points[n - 3], scratch[1] - points[n - 2], scratch[2] - points[n - 1]) <= MIN_STEP_UM) continue;
    points.push(scratch[0], scratch[1], scratch[2]);
    radii.push(radiiUm[k]);
  }
  return { points, radii };
}

function polylineLength(points: readonly number[]): number {
  let total = 0;
  for (let i = 3; i < points.length; i += 3) {
    total += Math.hypot(points[i] - points[i - 3], points[i + 1] - points[i - 2], points[i + 2] - points[i - 1]);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------
// Kinds

function assignKinds(sections: SectionDraft[], typed: boolean, allSomaTyped: boolean, log: SwcWarningLog): void {
  let unknown = 0;
  for (const section of sections) {
    const code = section.typeCode;
    const untyped = code !== SOMA_TYPE && code !== AXON_TYPE && code !== BASAL_TYPE && code !== APICAL_TYPE;
    if (!typed) section.kind = untyped || (allSomaTyped && code === SOMA_TYPE) ? 'basal' : 'other';
    else if (code === BASAL_TYPE) section.kind = 'basal';
    else if (code === APICAL_TYPE) section.kind = 'apicalTrunk'; // refined below
    else {
      section.kind = 'other';
      if (code !== AXON_TYPE) unknown++;
    }
  }
  if (unknown > 0) {
    log.add('unknown-types-not-spiny', 0, `${unknown} section(s) of type codes other than axon (2), basal (3) and ` +
      'apical (4) are kept as non-spiny "other"', undefined, unknown);
  }
  if (typed) classifyApical(sections);
}

/**
 * Splits the apical tree into trunk, obliques and tuft. The trunk follows the heaviest child (by total
 * length below it) from the soma until the main bifurcation: a fork whose two heaviest sides are comparable,
 * or the entry into the top 30% of the apical extent. Other apical sections ending in that top 30% are tuft;
 * the rest are obliques.
 */
function classifyApical(sections: SectionDraft[]): void {
  const isApical = sections.map((section) => section.typeCode === APICAL_TYPE);
  if (!isApical.includes(true)) return;
  const below = new Float64Array(sections.length);
  for (let i = sections.length - 1; i >= 0; i--) {
    if (!isApical[i]) continue;
    below[i] += sections[i].lengthUm;
    const parent = sections[i].parentSection;
    if (parent >= 0 && isApical[parent]) below[parent] += below[i];
  }
  const { axis, extent } = apicalAxis(sections, isApical);
  const heightOfEnd = (i: number): number => {
    const p = sections[i].points;
    const n = p.length;
    return p[n - 3] * axis[0] + p[n - 2] * axis[1] + p[n - 1] * axis[2];
  };
  const apicalChildren = sections.map(() => [] as number[]);
  let trunk = -1;
  sections.forEach((section, i) => {
    if (!isApical[i]) return;
    const parent = section.parentSection;
    if (parent >= 0 && isApical[parent]) apicalChildren[parent].push(i);
    else if (trunk < 0 || below[i] > below[trunk]) trunk = i;
  });
  for (let i = 0; i < sections.length; i++) {
    if (isApical[i]) sections[i].kind = extent > 0 && heightOfEnd(i) >= TUFT_FRACTION * extent ? 'tuft' : 'oblique';
  }
  for (let current = trunk; current >= 0;) {
    sections[current].kind = 'apicalTrunk';
    const kids = apicalChildren[current].sort((a, b) => below[b] - below[a]);
    const atMainFork = kids.length >= 2 && below[kids[1]] >= MAIN_BIFURCATION_RATIO * below[kids[0]];
    const inTuft = extent > 0 && heightOfEnd(current) >= TUFT_FRACTION * extent;
    current = kids.length === 0 || atMainFork || inTuft ? -1 : kids[0];
  }
}

/** Direction from the soma towards the apical tree's centroid, and how far the apical tree reaches along it. */
function apicalAxis(sections: readonly SectionDraft[], isApical: readonly boolean[]) {
  let sx = 0, sy = 0, sz = 0, n = 0;
  sections.forEach((section, i) => {
    if (!isApical[i]) return;
    const p = section.points;
    for (let j = 0; j < p.length; j += 3) { sx += p[j]; sy += p[j + 1]; sz += p[j + 2]; n++; }
  });
  const norm = Math.hypot(sx, sy, sz);
  const axis: [number, number, number] = norm > 0 ? [sx / norm, sy / norm, sz / norm] : [0, 1, 0];
  let extent = 0;
  sections.forEach((section, i) => {
    if (!isApical[i]) return;
    const p = section.points;
    for (let j = 0; j < p.length; j += 3) extent = Math.max(extent, p[j] * axis[0] + p[j + 1] * axis[1] + p[j + 2] * axis[2]);
  });
  return { axis, extent };
}

function warnAboutFragments(parsed: SwcParseResult, log: SwcWarningLog): void {
  const fragments = parsed.trees.length - 1;
  if (fragments <= 0) return;
  const samples = parsed.nodes.count - parsed.trees[0].nodeCount;
  log.add('fragments-ignored', parsed.nodes.lines[parsed.trees[1].rootIndex], `${fragments} tree(s) not connected to ` +
    `the neuron (${samples} samples) are left out of the model`, undefined, fragments);
}
