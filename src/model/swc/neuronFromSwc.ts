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
}

export interface NeuronFromSwcResult {
  readonly neuron: Neuron;
  /** Warnings of the conversion only; the parser's are in the parse result. */
  readonly warnings: readonly SwcWarning[];
}

export const DEFAULT_RADIUS_UM = 0.5;
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
  const radiiUm = resolveRadii(nodes, mainCount, parsed.somaIndices, umPerUnit, options.defaultRadiusUm ?? DEFAULT_RADIUS_UM, log);
  const soma = somaGeometry(parsed, mainCount, umPerUnit, radiiUm);
  const plausible = soma.radiusUm >= MIN_RADIUS_UM && soma.radiusUm <= MAX_SOMA_RADIUS_UM;
  if (hasSoma && !plausible) replaceSomaRadius(soma, parsed, mainCount, umPerUnit, options, log);
  const typed = hasDendriteTypes(nodes, mainCount, attachment);
  if (!typed) {
    log.add('no-dendrite-types', 0, 'no sample is typed basal (3) or apical (4) dendrite; every neurite is treated ' +
      'as a spiny basal dendrite');
  }
  const transform = (k: number, out: number[]): void => {
    out.push((nodes.x[k] - soma.originFile[0]) * umPerUnit, (nodes.y[k] - soma.originFile[1]) * umPerUnit,
      (nodes.z[k] - soma.originFile[2]) * umPerUnit);
  };
  refuseOversizedExtent(nodes, mainCount, soma.originFile, umPerUnit, parsed.fileName);
  const sections = traceSections(nodes, mainCount, attachment, hasSoma, transform, radiiUm, log);
  if (sections.length === 0) {
    throw new SwcError('no-branches', 0, undefined, 'the reconstruction has no neurite section long enough to use ' +
      '(only a soma, or samples that all coincide)', parsed.fileName);
  }
  assignKinds(sections, typed, log);
  warnAboutFragments(parsed, log);
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
  return { neuron, warnings: log.toArray() };
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
        'one unit is taken as 1 µm (set a scale to correct it)');
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
    const path = walkSection(item, children);
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

/** Samples from `first` down to the next fork or tip (the start sample, if any, in front). */
function walkSection(item: PendingSection, children: { offsets: Int32Array; list: Int32Array }): number[] {
  const path = item.start >= 0 ? [item.start] : [];
  let k = item.first;
  for (;;) {
    path.push(k);
    if (children.offsets[k + 1] - children.offsets[k] !== 1) return path;
    k = children.list[children.offsets[k]];
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

function assignKinds(sections: SectionDraft[], typed: boolean, log: SwcWarningLog): void {
  let unknown = 0;
  for (const section of sections) {
    if (!typed) section.kind = 'basal';
    else if (section.typeCode === BASAL_TYPE) section.kind = 'basal';
    else if (section.typeCode === APICAL_TYPE) section.kind = 'apicalTrunk'; // refined below
    else {
      section.kind = 'other';
      if (section.typeCode !== AXON_TYPE) unknown++;
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
