/**
 * A tolerant, pure SWC parser (ES2022 only: it runs in Node, a worker and the browser alike).
 *
 * Policy: accept and normalise what real files do (BOM, any line ending, comments anywhere, tabs,
 * float-formatted integral ids, unordered ids, forests, odd soma forms and type codes, missing radii), always
 * with a warning that carries line numbers; throw an `SwcError` naming the line and field for what cannot be
 * read safely (CSV look-alikes, missing fields, non-numbers, non-integral ids, duplicate ids, self-parents and
 * loops, parents below -1, empty files, oversized text).
 *
 * Every graph walk is iterative, so a 100,000-node chain or loop cannot overflow the stack, and every step is
 * linear in the number of rows (apart from one sort for the medians), so no input can make it hang.
 */
import { DECIMAL_PATTERN } from '../parseDecimal.ts';
import { SWC_FIELDS, SwcError, type SwcField } from './SwcError.ts';
import { SwcWarningLog, type SwcWarning } from './SwcWarningLog.ts';

/** Texts longer than this are refused before any work is done (100 MiB of characters). */
export const MAX_SWC_TEXT_CHARS = 100 * 1024 * 1024;
/** Texts with more lines than this are refused. */
export const MAX_SWC_LINES = 2_000_000;
/**
 * Coordinates and radii beyond this magnitude are refused: 1e12 nm is a kilometre, so no reconstruction needs
 * more, and the bound keeps every later difference and sum finite.
 */
export const MAX_SWC_MAGNITUDE = 1e12;

export type SwcSomaForm =
  /** One soma sample: a sphere. */
  | 'single-point'
  /** NeuroMorpho's standard: centre plus two samples at ±r along one axis. */
  | 'three-point'
  /** A chain or small tree of soma samples (a stack of cylinders). */
  | 'multi-point'
  /** Soma samples on an outline around their centroid. */
  | 'contour'
  /** No soma sample in the neuron's tree. */
  | 'none'
  /** Every sample is typed soma, so the type column says nothing: treated as untyped. */
  | 'all-soma';

/** What the coordinates probably measure. Only a hint: the parser never rescales. */
export type SwcUnitsHint = 'um' | 'ccf-um' | 'nm' | 'voxels-or-nm' | 'pixels';

export interface SwcParseOptions {
  /** Used in error messages. */
  readonly fileName?: string;
  /** A parent id that no row has: make the row a root and warn (default, as xyz2swc does), or reject. */
  readonly missingParent?: 'make-root' | 'reject';
  /**
   * Self-parents and loops: reject (default, as the notes require), or repair by making one row of each loop
   * a root, with a warning. The repair exists for a "load anyway" choice in the UI.
   */
  readonly parentLoops?: 'reject' | 'make-root';
}

/**
 * The samples, as columns (struct of arrays), in topological order: every parent comes before its children,
 * each tree is contiguous, the neuron's tree comes first, and each tree is listed depth first.
 */
export interface SwcNodes {
  readonly count: number;
  /** Ids as written in the file. */
  readonly ids: Float64Array;
  /** Type code after normalisation: negative codes become 0; fork/end points may inherit their parent's type. */
  readonly types: Float64Array;
  /** Type code as written. */
  readonly rawTypes: Float64Array;
  /** Coordinates in file units. An NA coordinate is replaced by the parent's value (0 at a root). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  /** Radius as written (file units; NaN where the file says NA). Zero and negative values are kept as is. */
  readonly radius: Float64Array;
  /** Index of the parent sample in these columns, or -1 for a root. */
  readonly parentIndex: Int32Array;
  /** 1-based line of each sample in the file. */
  readonly lines: Int32Array;
}

/** One connected tree of samples. Its nodes are `nodes[rootIndex .. rootIndex + nodeCount - 1]`. */
export interface SwcTree {
  readonly rootIndex: number;
  readonly nodeCount: number;
  readonly somaNodeCount: number;
}

export interface SwcComment {
  readonly line: number;
  /** The comment without its leading `#` characters, trimmed. */
  readonly text: string;
}

export interface SwcParseResult {
  readonly fileName: string | undefined;
  readonly nodes: SwcNodes;
  /** Root indices, one per tree, the neuron's tree first. */
  readonly roots: readonly number[];
  /** The trees, the neuron's (the one with the soma, else the largest) first; the others are fragments. */
  readonly trees: readonly SwcTree[];
  readonly somaForm: SwcSomaForm;
  /** The soma samples of the neuron's tree (connected to its root through soma samples only). */
  readonly somaIndices: readonly number[];
  readonly unitsHint: SwcUnitsHint;
  /** Every `#` comment (header, inline or footer), for metadata. */
  readonly comments: readonly SwcComment[];
  readonly warnings: readonly SwcWarning[];
}

const SOMA_TYPE = 1;
const WHITESPACE = /\s+/;
const LINE_BREAK = /\r\n|\r|\n/;
const MISSING_PATTERN = /^(?:na|nan)$/i;
const SYNAPSE_START = /^start\s+synapse/i;
const SYNAPSE_END = /^end\s+synapse/i;
const FORK_POINT = /fork[\s_-]*point/i;
const END_POINT = /end[\s_-]*point/i;
const CCF_HEADER = /\bCCF|mouse\s*light/i;
/** A header that states micrometres ("units: um", "µm", "microns", "micrometres"). */
const MICROMETRE_HEADER = /(^|[^a-z])(µm|um|microns?|micrometers?|micrometres?)([^a-z]|$)/im;

/** Parses SWC text. Throws `SwcError` for input that cannot be read safely; otherwise returns nodes and warnings. */
export function parseSwc(text: string, options: SwcParseOptions = {}): SwcParseResult {
  const fileName = options.fileName;
  const log = new SwcWarningLog();
  const lines = splitLines(text, fileName);
  const { rows, comments } = readRows(lines, options, log);
  if (rows.count === 0) {
    throw new SwcError('empty', 0, undefined, 'the file has no data rows (only blank or # comment lines)', fileName);
  }
  const parentRow = linkParents(rows, options, log);
  resolveLoops(parentRow, rows, options, log);
  mergeDuplicateSomaRoots(parentRow, rows, log);
  const main = chooseMainTree(parentRow, rows);
  if (main.firstSoma >= 0 && rows.types[main.root] !== SOMA_TYPE) rerootAtSoma(parentRow, main.firstSoma, rows, log);
  const mainRoot = main.firstSoma >= 0 ? main.firstSoma : main.root;
  const { order, trees } = orderDepthFirst(parentRow, mainRoot, rows);
  const nodes = buildNodes(rows, parentRow, order);
  normaliseTypes(nodes, comments, log);
  fillMissingCoordinates(nodes);
  warnAboutForest(trees, nodes, log);
  const soma = classifySoma(nodes, trees[0], log);
  const unitsHint = guessUnits(nodes, comments, log);
  return {
    fileName,
    nodes,
    roots: trees.map((tree) => tree.rootIndex),
    trees,
    somaForm: soma.form,
    somaIndices: soma.indices,
    unitsHint,
    comments,
    warnings: log.toArray(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Text and rows

function splitLines(text: string, fileName: string | undefined): string[] {
  if (typeof text !== 'string') {
    throw new SwcError('empty', 0, undefined, 'expected the text of an SWC file', fileName);
  }
  if (text.length > MAX_SWC_TEXT_CHARS) {
    const megabytes = Math.round(text.length / (1024 * 1024));
    throw new SwcError('too-large', 0, undefined,
      `the file is about ${megabytes} MB; the importer reads at most ${MAX_SWC_TEXT_CHARS / (1024 * 1024)} MB`, fileName);
  }
  // A UTF-8 byte order mark decodes to U+FEFF; left in place it would glue itself to the first id.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(LINE_BREAK);
  if (lines.length > MAX_SWC_LINES) {
    throw new SwcError('too-large', 0, undefined,
      `the file has ${lines.length} lines; the importer reads at most ${MAX_SWC_LINES}`, fileName);
  }
  return lines;
}

/** Raw rows in file order, before the parent graph is resolved. */
interface RawRows {
  count: number;
  ids: number[];
  types: number[];
  x: number[];
  y: number[];
  z: number[];
  radius: number[];
  parentIds: number[];
  lines: number[];
  idToRow: Map<number, number>;
}

function readRows(lines: readonly string[], options: SwcParseOptions, log: SwcWarningLog) {
  const rows: RawRows = {
    count: 0, ids: [], types: [], x: [], y: [], z: [], radius: [], parentIds: [], lines: [], idToRow: new Map(),
  };
  const comments: SwcComment[] = [];
  let inSynapseFooter = false;
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    let text = lines[index];
    const hash = text.indexOf('#');
    if (hash >= 0) {
      const commentText = text.slice(hash).replace(/^#+/, '').trim();
      comments.push({ line: lineNumber, text: commentText });
      if (SYNAPSE_START.test(commentText)) inSynapseFooter = true;
      else if (SYNAPSE_END.test(commentText)) inSynapseFooter = false;
      text = text.slice(0, hash);
    }
    text = text.trim();
    if (text === '') continue;
    if (inSynapseFooter) {
      // INCF footer rows have 9 fields and describe synapses, not samples: reading them as samples would be wrong.
      log.add('synapse-footer-skipped', lineNumber, 'row inside the "#start synapse … #end synapse" footer skipped (synapses are not imported)');
      continue;
    }
    readDataRow(text, lineNumber, rows, options, log);
  }
  return { rows, comments };
}

function readDataRow(text: string, line: number, rows: RawRows, options: SwcParseOptions, log: SwcWarningLog): void {
  const fileName = options.fileName;
  const tokens = text.split(WHITESPACE);
  checkRowShape(tokens, text, line, fileName);
  if (tokens.length > 7) {
    log.add('extra-columns', line, `${tokens.length - 7} extra column(s) after the parent field ignored`);
  }
  const id = readInteger(tokens[0], 'id', line, fileName);
  if (id < 0) throw new SwcError('out-of-range', line, 'id', `id ${id} is negative; ids must be 0 or positive`, fileName);
  const type = readInteger(tokens[1], 'type', line, fileName);
  const x = readReal(tokens[2], 'x', line, fileName);
  const y = readReal(tokens[3], 'y', line, fileName);
  const z = readReal(tokens[4], 'z', line, fileName);
  const radius = readReal(tokens[5], 'radius', line, fileName);
  let parentId = readInteger(tokens[6], 'parent', line, fileName);
  if (parentId < -1) {
    throw new SwcError('invalid-parent', line, 'parent', `parent ${parentId} is below -1; a root has parent -1`, fileName);
  }
  const firstRow = rows.idToRow.get(id);
  if (firstRow !== undefined) {
    throw new SwcError('duplicate-id', line, 'id',
      `id ${id} is used again (first on line ${rows.lines[firstRow]}); each sample needs its own id`, fileName);
  }
  if (parentId === id) parentId = handleSelfParent(id, line, options, log);
  warnAboutValues(x, y, z, radius, line, log);
  rows.idToRow.set(id, rows.count);
  rows.ids.push(id);
  rows.types.push(type);
  rows.x.push(x);
  rows.y.push(y);
  rows.z.push(z);
  rows.radius.push(radius);
  rows.parentIds.push(parentId);
  rows.lines.push(line);
  rows.count++;
}

function checkRowShape(tokens: readonly string[], text: string, line: number, fileName: string | undefined): void {
  if (text.includes(',') && (tokens.length < 7 || tokens.slice(0, 7).some((token) => token.includes(',')))) {
    throw new SwcError('comma-separated', line, undefined,
      'expected 7 whitespace-separated numbers, found comma-separated values — this looks like a Vaa3D marker ' +
      'file or a CSV table, not SWC', fileName);
  }
  if (tokens.length < 7) {
    const missing = SWC_FIELDS[tokens.length];
    throw new SwcError('missing-fields', line, missing,
      `expected 7 fields (id type x y z radius parent), found ${tokens.length}: the ${missing} field and those ` +
      'after it are missing', fileName);
  }
}

function parseNumber(token: string, field: SwcField, line: number, fileName: string | undefined): number {
  // Accepts +1, 1., .5, 1e3, 1.0000000e+000; refuses hex, binary, "Infinity" and empty strings that Number() takes.
  if (!DECIMAL_PATTERN.test(token)) {
    const shown = token.length > 20 ? `${token.slice(0, 20)}…` : token;
    throw new SwcError('not-a-number', line, field, `the ${field} field "${shown}" is not a number`, fileName);
  }
  const value = Number(token);
  if (!Number.isFinite(value)) {
    throw new SwcError('out-of-range', line, field, `the ${field} field ${token} is too large to be a number`, fileName);
  }
  return value + 0; // turns -0 into 0
}

function readInteger(token: string, field: SwcField, line: number, fileName: string | undefined): number {
  const value = parseNumber(token, field, line, fileName);
  if (!Number.isInteger(value)) {
    throw new SwcError('non-integral', line, field, `the ${field} field ${token} is not a whole number`, fileName);
  }
  if (!Number.isSafeInteger(value)) {
    throw new SwcError('out-of-range', line, field, `the ${field} field ${token} is beyond 2^53`, fileName);
  }
  return value;
}

/** A coordinate or radius: a finite number within MAX_SWC_MAGNITUDE, or NaN where the file says NA. */
function readReal(token: string, field: SwcField, line: number, fileName: string | undefined): number {
  if (MISSING_PATTERN.test(token)) return Number.NaN;
  const value = parseNumber(token, field, line, fileName);
  if (Math.abs(value) > MAX_SWC_MAGNITUDE) {
    throw new SwcError('out-of-range', line, field,
      `the ${field} field ${token} is implausibly large (beyond ${MAX_SWC_MAGNITUDE})`, fileName);
  }
  return value;
}

function handleSelfParent(id: number, line: number, options: SwcParseOptions, log: SwcWarningLog): number {
  if (options.parentLoops !== 'make-root') {
    throw new SwcError('self-parent', line, 'parent',
      `sample ${id} names itself as its parent, which makes a loop; a root has parent -1`, options.fileName);
  }
  log.add('self-parent-made-root', line, `sample ${id} named itself as its parent; made it a root`, 'parent');
  return -1;
}

function warnAboutValues(x: number, y: number, z: number, radius: number, line: number, log: SwcWarningLog): void {
  if (Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(z)) {
    const field: SwcField = Number.isNaN(x) ? 'x' : Number.isNaN(y) ? 'y' : 'z';
    log.add('missing-coordinate', line, `coordinate ${field} is NA; the parent's value is used (0 at a root)`, field);
  }
  if (Number.isNaN(radius)) log.add('missing-radius', line, 'radius is NA; a default radius is used for drawing', 'radius');
  else if (radius === 0) log.add('zero-radius', line, 'radius is 0; a default radius is used for drawing', 'radius');
  else if (radius < 0) log.add('negative-radius', line, `radius ${radius} is negative; its magnitude is used`, 'radius');
}

// ---------------------------------------------------------------------------------------------------------
// The parent graph

function linkParents(rows: RawRows, options: SwcParseOptions, log: SwcWarningLog): Int32Array {
  const parentRow = new Int32Array(rows.count);
  for (let row = 0; row < rows.count; row++) {
    const parentId = rows.parentIds[row];
    const found = parentId === -1 ? -1 : rows.idToRow.get(parentId);
    if (found !== undefined) {
      parentRow[row] = found;
      continue;
    }
    parentRow[row] = -1;
    const line = rows.lines[row];
    if (parentId === 0) {
      // Vaa3D writes parent 0 for "no parent" in 1-based files.
      log.add('parent-zero-root', line, 'parent 0 does not exist (Vaa3D style for "no parent"); the sample is a root', 'parent');
    } else if (options.missingParent === 'reject') {
      throw new SwcError('missing-parent', line, 'parent', `parent ${parentId} is not the id of any sample`, options.fileName);
    } else {
      log.add('missing-parent', line, `parent ${parentId} is not the id of any sample; the sample is made a root`, 'parent');
    }
  }
  return parentRow;
}

/** Children of each row in compressed form: the children of r are list[offsets[r] .. offsets[r + 1] - 1]. */
interface ChildLists {
  offsets: Int32Array;
  list: Int32Array;
}

function buildChildren(parentRow: Int32Array): ChildLists {
  const count = parentRow.length;
  const offsets = new Int32Array(count + 1);
  for (let row = 0; row < count; row++) if (parentRow[row] >= 0) offsets[parentRow[row] + 1]++;
  for (let row = 0; row < count; row++) offsets[row + 1] += offsets[row];
  const cursor = offsets.slice(0, count);
  const list = new Int32Array(offsets[count]);
  for (let row = 0; row < count; row++) {
    const parent = parentRow[row];
    if (parent >= 0) list[cursor[parent]++] = row;
  }
  return { offsets, list };
}

/** Marks everything below `root` (iteratively). Returns how many rows were newly marked. */
function markSubtree(root: number, children: ChildLists, marked: Uint8Array): number {
  const stack = [root];
  let count = 0;
  while (stack.length > 0) {
    const row = stack.pop() as number;
    if (marked[row]) continue;
    marked[row] = 1;
    count++;
    for (let k = children.offsets[row]; k < children.offsets[row + 1]; k++) stack.push(children.list[k]);
  }
  return count;
}

/**
 * Rows that no root reaches lie in components whose parent pointers end in a loop (each row has one parent).
 * Follow parents from such a row until a row repeats: that row is on the loop.
 */
function resolveLoops(parentRow: Int32Array, rows: RawRows, options: SwcParseOptions, log: SwcWarningLog): void {
  const count = rows.count;
  const children = buildChildren(parentRow);
  const reached = new Uint8Array(count);
  for (let row = 0; row < count; row++) if (parentRow[row] === -1) markSubtree(row, children, reached);
  const walkStamp = new Int32Array(count);
  let walk = 0;
  for (let start = 0; start < count; start++) {
    if (reached[start]) continue;
    walk++;
    let row = start;
    while (!reached[row] && walkStamp[row] === 0) {
      walkStamp[row] = walk;
      row = parentRow[row];
    }
    if (reached[row] || walkStamp[row] !== walk) continue; // defensive: cannot happen once loops are broken
    const loop = collectLoop(row, parentRow);
    const first = loop.reduce((best, member) => (rows.lines[member] < rows.lines[best] ? member : best), loop[0]);
    const idsShown = loop.slice(0, 8).map((member) => rows.ids[member]).join(' → ');
    const description = `samples ${idsShown}${loop.length > 8 ? ' → …' : ''} are each other's parents in a loop of ` +
      `${loop.length}, so this part of the file has no root`;
    if (options.parentLoops !== 'make-root') {
      throw new SwcError('cycle', rows.lines[first], 'parent', description, options.fileName);
    }
    log.add('cycle-broken', rows.lines[first], `${description}; sample ${rows.ids[first]} was made a root`, 'parent');
    parentRow[first] = -1;
    markSubtree(first, children, reached);
  }
}

function collectLoop(start: number, parentRow: Int32Array): number[] {
  const loop = [start];
  for (let row = parentRow[start]; row !== start; row = parentRow[row]) loop.push(row);
  return loop;
}

/** Some exporters write the soma once per neurite as separate roots at the same place (corpus file 05). */
function mergeDuplicateSomaRoots(parentRow: Int32Array, rows: RawRows, log: SwcWarningLog): void {
  const firstAt = new Map<string, number>();
  for (let row = 0; row < rows.count; row++) {
    if (parentRow[row] !== -1 || rows.types[row] !== SOMA_TYPE) continue;
    if (Number.isNaN(rows.x[row]) || Number.isNaN(rows.y[row]) || Number.isNaN(rows.z[row])) continue;
    const key = `${rows.x[row]} ${rows.y[row]} ${rows.z[row]}`;
    const kept = firstAt.get(key);
    if (kept === undefined) {
      firstAt.set(key, row);
      continue;
    }
    parentRow[row] = kept;
    log.add('duplicate-soma-roots-merged', rows.lines[row],
      `soma root ${rows.ids[row]} sits exactly on soma root ${rows.ids[kept]} (line ${rows.lines[kept]}); merged into it`);
  }
}

interface MainTree {
  root: number;
  /** The first soma row met going down from the root, or -1 when the tree has none. */
  firstSoma: number;
}

/** The neuron is the tree that holds the soma (the one with the most soma rows), else the largest tree. */
function chooseMainTree(parentRow: Int32Array, rows: RawRows): MainTree {
  const children = buildChildren(parentRow);
  let best: MainTree & { somaCount: number; size: number } = { root: -1, firstSoma: -1, somaCount: -1, size: -1 };
  for (let root = 0; root < rows.count; root++) {
    if (parentRow[root] !== -1) continue;
    const stack = [root];
    let size = 0;
    let somaCount = 0;
    let firstSoma = -1;
    while (stack.length > 0) {
      const row = stack.pop() as number;
      size++;
      if (rows.types[row] === SOMA_TYPE) {
        somaCount++;
        if (firstSoma < 0) firstSoma = row;
      }
      // Children pushed in reverse so the walk is preorder: the first soma met is the one nearest the root.
      for (let k = children.offsets[row + 1] - 1; k >= children.offsets[row]; k--) stack.push(children.list[k]);
    }
    const better = somaCount > 0 !== best.somaCount > 0 ? somaCount > 0
      : somaCount > 0 && somaCount !== best.somaCount ? somaCount > best.somaCount : size > best.size;
    if (better) best = { root, firstSoma, somaCount, size };
  }
  return { root: best.root, firstSoma: best.firstSoma };
}

/** Reverses the parent pointers from the soma up to the root, so the soma becomes the root (file 08). */
function rerootAtSoma(parentRow: Int32Array, soma: number, rows: RawRows, log: SwcWarningLog): void {
  log.add('soma-not-root', rows.lines[soma],
    `the soma (sample ${rows.ids[soma]}) has a parent; the tree was re-rooted at the soma`, 'parent');
  let previous = -1;
  let row = soma;
  while (row !== -1) {
    const next = parentRow[row];
    parentRow[row] = previous;
    previous = row;
    row = next;
  }
}

/** Depth-first order of every tree, the main tree first, then the other roots in file order. */
function orderDepthFirst(parentRow: Int32Array, mainRoot: number, rows: RawRows) {
  const children = buildChildren(parentRow);
  const order = new Int32Array(rows.count);
  const trees: SwcTree[] = [];
  let next = 0;
  const emitTree = (root: number): void => {
    const start = next;
    let somaNodeCount = 0;
    const stack = [root];
    while (stack.length > 0) {
      const row = stack.pop() as number;
      order[next++] = row;
      if (rows.types[row] === SOMA_TYPE) somaNodeCount++;
      for (let k = children.offsets[row + 1] - 1; k >= children.offsets[row]; k--) stack.push(children.list[k]);
    }
    trees.push({ rootIndex: start, nodeCount: next - start, somaNodeCount });
  };
  emitTree(mainRoot);
  for (let row = 0; row < rows.count; row++) if (parentRow[row] === -1 && row !== mainRoot) emitTree(row);
  return { order, trees };
}

function buildNodes(rows: RawRows, parentRow: Int32Array, order: Int32Array): SwcNodes {
  const count = rows.count;
  const newIndex = new Int32Array(count);
  for (let k = 0; k < count; k++) newIndex[order[k]] = k;
  const nodes = {
    count,
    ids: new Float64Array(count),
    types: new Float64Array(count),
    rawTypes: new Float64Array(count),
    x: new Float64Array(count),
    y: new Float64Array(count),
    z: new Float64Array(count),
    radius: new Float64Array(count),
    parentIndex: new Int32Array(count),
    lines: new Int32Array(count),
  };
  for (let k = 0; k < count; k++) {
    const row = order[k];
    nodes.ids[k] = rows.ids[row];
    nodes.rawTypes[k] = rows.types[row];
    nodes.types[k] = rows.types[row];
    nodes.x[k] = rows.x[row];
    nodes.y[k] = rows.y[row];
    nodes.z[k] = rows.z[row];
    nodes.radius[k] = rows.radius[row];
    nodes.parentIndex[k] = parentRow[row] === -1 ? -1 : newIndex[parentRow[row]];
    nodes.lines[k] = rows.lines[row];
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------------------------
// Normalisation of values (nodes are in topological order, so a parent is always settled first)

function normaliseTypes(nodes: SwcNodes, comments: readonly SwcComment[], log: SwcWarningLog): void {
  // 5 and 6 mean fork and end point only in CNIC-style files, whose header says so (corpus file 08).
  const headerText = comments.map((comment) => comment.text).join('\n');
  const inheritFork = FORK_POINT.test(headerText);
  const inheritEnd = END_POINT.test(headerText);
  for (let k = 0; k < nodes.count; k++) {
    const raw = nodes.rawTypes[k];
    if (raw < 0) {
      nodes.types[k] = 0;
      log.add('negative-type', nodes.lines[k], `type ${raw} is negative; treated as 0 (undefined)`, 'type');
    } else if ((raw === 5 && inheritFork) || (raw === 6 && inheritEnd)) {
      const parent = nodes.parentIndex[k];
      const parentType = parent >= 0 ? nodes.types[parent] : 0;
      // A fork next to the soma is still a neurite sample, never part of the soma.
      nodes.types[k] = parentType === SOMA_TYPE ? 0 : parentType;
      log.add('fork-end-types-inherited', nodes.lines[k],
        `type ${raw} is a ${raw === 5 ? 'fork' : 'end'} point (as the header says); it takes its parent's type`, 'type');
    }
  }
}

function fillMissingCoordinates(nodes: SwcNodes): void {
  const columns = [nodes.x, nodes.y, nodes.z];
  for (let k = 0; k < nodes.count; k++) {
    const parent = nodes.parentIndex[k];
    for (const column of columns) {
      // The parent's value, not 0 as xyz2swc does: 0 in a real-coordinate file would draw a long spike.
      if (Number.isNaN(column[k])) column[k] = parent >= 0 ? column[parent] : 0;
    }
  }
}

function warnAboutForest(trees: readonly SwcTree[], nodes: SwcNodes, log: SwcWarningLog): void {
  if (trees.length < 2) return;
  const main = trees[0];
  const fragmentNodes = nodes.count - main.nodeCount;
  const detail = `the file holds ${trees.length} separate trees; the one rooted at sample ${nodes.ids[main.rootIndex]} ` +
    `(line ${nodes.lines[main.rootIndex]}, ${main.nodeCount} samples${main.somaNodeCount > 0 ? ', with the soma' : ', the largest'}) ` +
    `is the neuron, and the other ${trees.length - 1} (${fragmentNodes} samples) are kept as fragments`;
  for (let t = 1; t < trees.length; t++) log.add('multiple-roots', nodes.lines[trees[t].rootIndex], detail, 'parent');
}

// ---------------------------------------------------------------------------------------------------------
// Soma

/** Samples typed soma that all fit in a sphere this wide (file units, read as µm) are a soma, nothing more. */
const MAX_SOMA_DIAMETER = 100;

function classifySoma(nodes: SwcNodes, main: SwcTree, log: SwcWarningLog) {
  let allSoma = nodes.count > 3;
  for (let k = 0; k < nodes.count && allSoma; k++) if (nodes.rawTypes[k] !== SOMA_TYPE) allSoma = false;
  // A few soma samples close together (an outline or a chain of cylinders) are a soma alone, not an
  // untyped tree: the conversion then refuses the file for having no dendrites.
  if (allSoma && geometryStats(nodes).boxDiagonal <= MAX_SOMA_DIAMETER) {
    const indices = collectSomaCluster(nodes, main);
    return { form: somaShape(nodes, indices), indices };
  }
  if (allSoma) {
    log.add('all-soma', 0, `every one of the ${nodes.count} samples is typed soma (1); the type column is ignored ` +
      'and the tree is treated as untyped, rooted at its first sample');
    return { form: 'all-soma' as SwcSomaForm, indices: [] as number[] };
  }
  const indices = collectSomaCluster(nodes, main);
  if (indices.length === 0) {
    log.add('no-soma', 0, 'the neuron has no soma sample (type 1); its root stands in for the soma');
    return { form: 'none' as SwcSomaForm, indices };
  }
  return { form: somaShape(nodes, indices), indices };
}

/** Soma samples reachable from the main root through soma samples only (the tree is in preorder). */
function collectSomaCluster(nodes: SwcNodes, main: SwcTree): number[] {
  const root = main.rootIndex;
  if (nodes.types[root] !== SOMA_TYPE) return [];
  const inCluster = new Uint8Array(nodes.count);
  inCluster[root] = 1;
  const indices = [root];
  for (let k = root + 1; k < root + main.nodeCount; k++) {
    const parent = nodes.parentIndex[k];
    if (nodes.types[k] === SOMA_TYPE && parent >= 0 && inCluster[parent]) {
      inCluster[k] = 1;
      indices.push(k);
    }
  }
  return indices;
}

function somaShape(nodes: SwcNodes, indices: readonly number[]): SwcSomaForm {
  const distinct = new Set(indices.map((k) => `${nodes.x[k]} ${nodes.y[k]} ${nodes.z[k]}`));
  if (distinct.size === 1) return 'single-point';
  if (indices.length === 3 && isThreePointSoma(nodes, indices)) return 'three-point';
  if (distinct.size >= 4 && isContour(nodes, indices)) return 'contour';
  return 'multi-point';
}

function distance(nodes: SwcNodes, a: number, b: number): number {
  return Math.hypot(nodes.x[a] - nodes.x[b], nodes.y[a] - nodes.y[b], nodes.z[a] - nodes.z[b]);
}

/** NeuroMorpho's 3-point soma: two children of the centre at ±r, on any axis (treem's oblique variants too). */
function isThreePointSoma(nodes: SwcNodes, indices: readonly number[]): boolean {
  const [centre, a, b] = indices;
  if (nodes.parentIndex[a] !== centre || nodes.parentIndex[b] !== centre) return false;
  const r = Math.abs(nodes.radius[centre]);
  if (!(r > 0)) return false;
  const tolerance = 0.05 * r;
  const opposite = Math.hypot(
    nodes.x[a] + nodes.x[b] - 2 * nodes.x[centre],
    nodes.y[a] + nodes.y[b] - 2 * nodes.y[centre],
    nodes.z[a] + nodes.z[b] - 2 * nodes.z[centre],
  );
  return Math.abs(distance(nodes, a, centre) - r) <= tolerance
    && Math.abs(distance(nodes, b, centre) - r) <= tolerance
    && opposite <= 2 * tolerance;
}

/**
 * An outline: every sample is about as far from the centroid as the others (a chain of cylinders is not:
 * its middle samples sit near the centroid and its ends far away), and farther than its own radius.
 */
function isContour(nodes: SwcNodes, indices: readonly number[]): boolean {
  const centroid = centroidOf(nodes, indices);
  const distances = indices.map((k) =>
    Math.hypot(nodes.x[k] - centroid[0], nodes.y[k] - centroid[1], nodes.z[k] - centroid[2]));
  const mean = distances.reduce((sum, d) => sum + d, 0) / distances.length;
  if (!(mean > 0)) return false;
  const spread = Math.sqrt(distances.reduce((sum, d) => sum + (d - mean) ** 2, 0) / distances.length);
  const meanRadius = indices.reduce((sum, k) => sum + (Math.abs(nodes.radius[k]) || 0), 0) / indices.length;
  const nearest = distances.reduce((min, d) => Math.min(min, d), Infinity);
  return spread / mean < 0.2 && nearest > 0.6 * mean && meanRadius < mean;
}

export function centroidOf(nodes: SwcNodes, indices: readonly number[]): [number, number, number] {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const k of indices) {
    x += nodes.x[k];
    y += nodes.y[k];
    z += nodes.z[k];
  }
  const n = indices.length || 1;
  return [x / n, y / n, z / n];
}

// ---------------------------------------------------------------------------------------------------------
// Units: heuristics that warn but never rescale (the notes' rule; conversion may act on the hint)

function guessUnits(nodes: SwcNodes, comments: readonly SwcComment[], log: SwcWarningLog): SwcUnitsHint {
  const stats = geometryStats(nodes);
  if (stats.boxDiagonal > 20_000 && stats.medianSegment > 50) {
    log.add('units-probably-nm', 0, `the cell spans ${Math.round(stats.boxDiagonal)} units with a median segment of ` +
      `${round2(stats.medianSegment)}: the coordinates are probably in nanometres, not micrometres`);
    return 'nm';
  }
  // Radii of tens of units in a cell a few hundred units across are labels or placeholders, not a sign of
  // other units (the conversion replaces them); in a cell thousands of units across they are voxels or nm.
  if (stats.medianRadius >= 20 && stats.boxDiagonal > 2000) {
    log.add('units-voxels-or-nm', 0, `the median radius is ${round2(stats.medianRadius)}: the units are probably ` +
      'voxels or nanometres, not micrometres');
    return 'voxels-or-nm';
  }
  const header = comments.map((comment) => comment.text).join('\n');
  const offset = Math.max(...stats.centroid.map(Math.abs));
  if (CCF_HEADER.test(header) && offset >= 2000 && offset <= 13_000) {
    log.add('ccf-coordinates', 0, 'the coordinates are in a whole-brain atlas space (CCF, micrometres) far from the ' +
      'origin; the cell is recentred on its soma');
    return 'ccf-um';
  }
  // Tracings made on an image (NeuTu, Vaa3D 2-D) sit on the pixel grid and are flat (corpus file 10),
  // unless the header says the coordinates are micrometres.
  if (!MICROMETRE_HEADER.test(header) && nodes.count >= 8 && stats.gridFraction >= 0.25 && stats.zRange < 0.02 * stats.boxDiagonal) {
    log.add('units-probably-pixels', 0, `${Math.round(stats.gridFraction * 100)}% of the samples sit on a half-unit ` +
      'grid in a flat (2-D) tracing: the coordinates are probably image pixels, not micrometres');
    return 'pixels';
  }
  return 'um';
}

function geometryStats(nodes: SwcNodes) {
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  let onGrid = 0;
  const segments: number[] = [];
  const radii: number[] = [];
  for (let k = 0; k < nodes.count; k++) {
    const x = nodes.x[k], y = nodes.y[k], z = nodes.z[k];
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    minZ = Math.min(minZ, z); maxZ = Math.max(maxZ, z);
    if (Number.isInteger(2 * x) && Number.isInteger(2 * y)) onGrid++;
    const parent = nodes.parentIndex[k];
    if (parent >= 0) segments.push(distance(nodes, k, parent));
    if (nodes.radius[k] > 0) radii.push(nodes.radius[k]);
  }
  const all = Array.from({ length: nodes.count }, (_, k) => k);
  return {
    boxDiagonal: Math.hypot(maxX - minX, maxY - minY, maxZ - minZ),
    zRange: maxZ - minZ,
    medianSegment: median(segments),
    medianRadius: median(radii),
    gridFraction: onGrid / nodes.count,
    centroid: centroidOf(nodes, all),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
