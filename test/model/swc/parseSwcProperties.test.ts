/**
 * Property-based tests: 10,500 generated inputs in all. Valid SWC in many spellings must always parse;
 * mutated SWC and arbitrary text must either parse or throw `SwcError`, never anything else, and never take
 * long. Seeds are fixed so a failure reproduces; fast-check prints the counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spinyLengthUm } from '../../../src/model/Morphology.ts';
import { MAX_SPINY_LENGTH_UM, neuronFromSwc } from '../../../src/model/swc/neuronFromSwc.ts';
import { parseSwc, type SwcParseResult } from '../../../src/model/swc/parseSwc.ts';
import { SWC_FIELDS, SwcError } from '../../../src/model/swc/SwcError.ts';

/** Per-input bound: the inputs are at most a few hundred lines, so anything near this is a hang. */
const MAX_MS_PER_INPUT = 1_000;
const SEED = 20_261_127;

interface NodeSpec {
  type: number;
  x: number;
  y: number;
  z: number;
  radius: number;
  parentPick: number;
  rootRoll: number;
}

interface SwcSpec {
  nodes: NodeSpec[];
  idOffset: number;
  idStep: number;
  orderKeys: number[];
  numberStyle: 'plain' | 'exponent' | 'fixed';
  separator: string;
  eol: string;
  header: boolean;
  padLines: boolean;
}

const coordinate = fc.double({ min: -5_000, max: 5_000, noNaN: true });
const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  type: fc.constantFrom(0, 1, 1, 2, 3, 3, 3, 4, 4, 5, 6, 7, 10, -1),
  x: coordinate,
  y: coordinate,
  z: coordinate,
  radius: fc.oneof(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.constant(0), fc.double({ min: -3, max: -0.01, noNaN: true })),
  parentPick: fc.nat(),
  rootRoll: fc.nat(25),
});

const swcSpec: fc.Arbitrary<SwcSpec> = fc.record({
  nodes: fc.array(nodeSpec, { minLength: 1, maxLength: 40 }),
  idOffset: fc.integer({ min: 0, max: 1_000_000 }),
  idStep: fc.integer({ min: 1, max: 5 }),
  orderKeys: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  numberStyle: fc.constantFrom('plain', 'exponent', 'fixed'),
  separator: fc.constantFrom(' ', '\t', '  ', ' \t '),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  header: fc.boolean(),
  padLines: fc.boolean(),
});

function formatNumber(value: number, style: SwcSpec['numberStyle']): string {
  if (style === 'exponent') return value.toExponential(7);
  if (style === 'fixed') return value.toFixed(4);
  return String(value);
}

/** Lines of a valid SWC file: parents always exist, ids are unique, rows in any order. */
function renderLines(spec: SwcSpec): string[] {
  const ids = spec.nodes.map((_, i) => spec.idOffset + i * spec.idStep);
  const rows = spec.nodes.map((node, i) => {
    const parent = i === 0 || node.rootRoll === 0 ? -1 : ids[node.parentPick % i];
    const fields = [ids[i], node.type, node.x, node.y, node.z, node.radius, parent].map((v) => formatNumber(v, spec.numberStyle));
    const text = fields.join(spec.separator);
    return spec.padLines ? `  ${text}  ` : text;
  });
  const order = rows.map((_, i) => i).sort((a, b) => spec.orderKeys[a] - spec.orderKeys[b] || a - b);
  const lines = order.map((i) => rows[i]);
  return spec.header ? ['# generated', '#id type x y z r parent', ...lines] : lines;
}

function render(spec: SwcSpec): string {
  return renderLines(spec).join(spec.eol) + spec.eol;
}

const garbageToken = fc.oneof(
  fc.constantFrom('NaN', 'NA', 'nan', 'Infinity', '-Infinity', '1e309', '-1e400', '1e15', '1e13', '9007199254740993', '0x1F',
    '1,5', 'abc', '#', '-', '+', '.', '1e', '--1', '١٢', '\u00a0', '1.5', '-2', '-1', '0', '1e-400', '💥', '\u0000', '"1"'),
  fc.string({ maxLength: 8 }),
  fc.double().map(String),
  fc.integer({ min: -3, max: 1_000_000 }).map(String),
);

type Mutation =
  | { op: 'drop' | 'duplicate' | 'swap' | 'blank' | 'comment' | 'dropToken' | 'addToken' | 'selfParent' | 'cut'; at: number; token: number }
  | { op: 'replaceToken' | 'insertLine'; at: number; token: number; text: string }
  | { op: 'reparent'; at: number; other: number }
  | { op: 'insertChar'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('drop', 'duplicate', 'swap', 'blank', 'comment', 'dropToken', 'addToken', 'selfParent', 'cut'),
    at: fc.nat(),
    token: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constantFrom('replaceToken', 'insertLine'), at: fc.nat(), token: fc.nat(), text: garbageToken }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('reparent'), at: fc.nat(), other: fc.nat() }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('insertChar'), at: fc.nat(), text: fc.constantFrom('\r', '\n', '\uFEFF', '\t', ',', '#', ' ', '\u2028') }) as fc.Arbitrary<Mutation>,
);

function mutateLines(lines: string[], m: Mutation): string[] {
  if (lines.length === 0) return lines;
  const i = m.at % lines.length;
  const out = [...lines];
  const tokens = out[i].trim().split(/\s+/);
  const t = 'token' in m ? m.token % Math.max(tokens.length, 1) : 0;
  switch (m.op) {
    case 'drop': out.splice(i, 1); break;
    case 'duplicate': out.splice(i, 0, out[i]); break;
    case 'swap': { const j = (i + 1) % out.length; [out[i], out[j]] = [out[j], out[i]]; break; }
    case 'blank': out.splice(i, 0, ''); break;
    case 'comment': out[i] = `# ${out[i]}`; break;
    case 'dropToken': tokens.splice(t, 1); out[i] = tokens.join(' '); break;
    case 'addToken': tokens.splice(t, 0, '7'); out[i] = tokens.join(' '); break;
    case 'selfParent': if (tokens.length >= 7) { tokens[6] = tokens[0]; out[i] = tokens.join(' '); } break;
    case 'cut': out[i] = out[i].slice(0, m.token % (out[i].length + 1)); break;
    case 'replaceToken': tokens[t] = m.text; out[i] = tokens.join(' '); break;
    case 'insertLine': out.splice(i, 0, m.text); break;
    case 'reparent': {
      // Points the row at another row's id: may close a loop through the parents.
      const other = out[m.other % out.length].trim().split(/\s+/)[0];
      if (tokens.length >= 7 && other) { tokens[6] = other; out[i] = tokens.join(' '); }
      break;
    }
    case 'insertChar': { const at = m.at % (out[i].length + 1); out[i] = out[i].slice(0, at) + m.text + out[i].slice(at); break; }
  }
  return out;
}

const mutatedSwc = fc
  .record({ spec: swcSpec, mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }), bom: fc.boolean() })
  .map(({ spec, mutations, bom }) => {
    const lines = mutations.reduce(mutateLines, renderLines(spec));
    return (bom ? '\uFEFF' : '') + lines.join(spec.eol);
  });

const arbitraryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.array(garbageToken, { maxLength: 9 }).map((tokens) => tokens.join(' ')), { maxLength: 30 }).map((lines) => lines.join('\n')),
);

/** Structural promises of a parse result. */
function checkResult(result: SwcParseResult): void {
  const { nodes, trees } = result;
  expect(nodes.count).toBeGreaterThan(0);
  let covered = 0;
  for (const tree of trees) {
    expect(tree.rootIndex).toBe(covered);
    expect(nodes.parentIndex[tree.rootIndex]).toBe(-1);
    covered += tree.nodeCount;
  }
  expect(covered).toBe(nodes.count);
  for (let k = 0; k < nodes.count; k++) {
    expect(nodes.parentIndex[k]).toBeLessThan(k);
    expect(Number.isFinite(nodes.x[k] + nodes.y[k] + nodes.z[k])).toBe(true);
  }
  for (const warning of result.warnings) {
    expect(warning.count).toBeGreaterThan(0);
    expect(warning.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(warning.line)).toBe(true);
  }
}

/** Conversion either gives well-formed branches no larger than a neuron, or refuses with SwcError. */
function checkConversion(result: SwcParseResult): void {
  let neuron;
  try {
    neuron = neuronFromSwc(result).neuron;
  } catch (error) {
    expect(error).toBeInstanceOf(SwcError);
    // Nothing to grow spines on, no section of any length, or a neuron larger than any real one (a sample
    // beyond 10 cm, over 1 m of dendrite).
    expect(['no-dendrites', 'no-branches', 'out-of-range']).toContain((error as SwcError).code);
    return;
  }
  expect(spinyLengthUm(neuron)).toBeLessThanOrEqual(MAX_SPINY_LENGTH_UM);
  expect(neuron.somaRadiusUm).toBeGreaterThan(0);
  for (const branch of neuron.branches) {
    expect(branch.radiiUm.length).toBeGreaterThanOrEqual(2);
    expect(branch.lengthUm).toBeGreaterThan(0);
    expect(Number.isFinite(branch.lengthUm)).toBe(true);
    for (const radius of branch.radiiUm) expect(radius).toBeGreaterThan(0);
    expect(branch.parentIndex).toBeLessThan(branch.index);
  }
}

/** Parses, timing it; returns the result or the SwcError, and fails on anything else. */
function parseOrSwcError(text: string, lineCount: number): SwcParseResult | SwcError {
  const started = performance.now();
  let outcome: SwcParseResult | SwcError;
  try {
    outcome = parseSwc(text);
  } catch (error) {
    if (!(error instanceof SwcError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(0);
    expect(error.line).toBeLessThanOrEqual(lineCount);
    expect(error.field === undefined || (SWC_FIELDS as readonly string[]).includes(error.field)).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
    outcome = error;
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
  return outcome;
}

function lineCountOf(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

describe('parseSwc properties', () => {
  it('parses every valid file, whatever its ids, row order, number format, separators and line endings', () => {
    fc.assert(
      fc.property(swcSpec, (spec) => {
        const text = render(spec);
        const outcome = parseOrSwcError(text, lineCountOf(text));
        if (outcome instanceof SwcError) throw outcome;
        expect(outcome.nodes.count).toBe(spec.nodes.length);
        checkResult(outcome);
        checkConversion(outcome);
      }),
      { numRuns: 3_000, seed: SEED },
    );
  });

  it('returns a result or throws SwcError for mutated files, never anything else, and quickly', () => {
    fc.assert(
      fc.property(mutatedSwc, (text) => {
        const outcome = parseOrSwcError(text, lineCountOf(text));
        if (outcome instanceof SwcError) return;
        checkResult(outcome);
        checkConversion(outcome);
      }),
      { numRuns: 6_000, seed: SEED + 1 },
    );
  });

  it('returns a result or throws SwcError for arbitrary text', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const outcome = parseOrSwcError(text, lineCountOf(text));
        if (outcome instanceof SwcError) return;
        checkResult(outcome);
        checkConversion(outcome);
      }),
      { numRuns: 1_500, seed: SEED + 2 },
    );
  });
});
