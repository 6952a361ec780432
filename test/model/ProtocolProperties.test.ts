/**
 * Property-based tests of protocol validation: 6,000 generated documents in all. Valid documents are
 * accepted unchanged; mutated documents and arbitrary JSON values are either accepted or refused with a
 * one-line ProtocolError, never anything else; whatever is accepted validates again to itself. Seeds are
 * fixed so a failure reproduces; fast-check prints the counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProtocolText, PROTOCOL_FORMAT, PROTOCOL_VERSION, ProtocolError, validateProtocol, type Protocol } from '../../src/model/Protocol.ts';

const SEED = 20_261_212;

/** A valid protocol document: times within the duration, lists ascending where they must be. */
const validDocument = fc
  .record({
    durationHours: fc.integer({ min: 2, max: 2000 }),
    neuronCount: fc.integer({ min: 1, max: 50 }),
    stress: fc.array(fc.record({ start: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.double({ min: 0, max: 1, noNaN: true }), intensity: fc.double({ min: 0, max: 3, noNaN: true }) }), { maxLength: 4 }),
    ketamine: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), dose: fc.double({ min: 0, max: 200, noNaN: true }) }), { maxLength: 4 }),
    ablations: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
    imaging: fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 30 }),
    behaviour: fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 10 }),
    name: fc.string({ minLength: 1, maxLength: 20 }),
  })
  .map(({ durationHours, neuronCount, stress, ketamine, ablations, imaging, behaviour, name }) => {
    const at = (fraction: number) => fraction * durationHours;
    const onGrid = (values: number[]) => values.map((v) => (v / 1000) * durationHours).sort((a, b) => a - b).filter((v, i, all) => i === 0 || v > all[i - 1]);
    return {
      format: PROTOCOL_FORMAT,
      version: PROTOCOL_VERSION,
      name,
      title: 'generated',
      description: 'a generated protocol',
      durationHours,
      neuronCount,
      stress: stress.map(({ start, span, intensity }) => ({ startHours: at(start), endHours: Math.min(durationHours, at(start) + span * (durationHours - at(start))), intensity })),
      ketamine: ketamine.map(({ at: t, dose }) => ({ timeHours: at(t), doseMgPerKg: dose })),
      ablations: ablations.map((t) => ({ timeHours: at(t), cohort: 'ketamine' })),
      imagingHours: onGrid(imaging),
      behaviourHours: onGrid(behaviour),
    };
  })
  .filter((doc) => doc.imagingHours.length >= 2);

const oddValue = fc.oneof(
  fc.constantFrom(null, undefined, true, false, '', '1', -1, 0, 1e308, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e-300, [], {}, [null], { length: 2 }),
  fc.anything({ maxDepth: 2 }),
);
const oddKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'dose', 'Stress', '', 'x\ny', '\u2028'), fc.string({ maxLength: 6 }));

type Path = (string | number)[];

/** Every path to a value inside a JSON-like document (objects and arrays walked). */
function paths(value: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...paths(item, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...prefix, key]));
  return found;
}

type Mutation = { op: 'set'; pick: number; value: unknown } | { op: 'delete'; pick: number } | { op: 'addKey'; pick: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: oddValue }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('addKey' as const), pick: fc.nat(), key: oddKey, value: oddValue }),
);

function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const all = paths(copy);
  const path = all[m.pick % all.length];
  if (path.length === 0) return m.op === 'set' ? m.value : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (m.op === 'set') parent[last] = m.value;
  else if (m.op === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Validates; returns the protocol, or the ProtocolError (one line); fails on anything else. */
function validateOrError(value: unknown): Protocol | ProtocolError {
  try {
    return validateProtocol(value);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    expect(error.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(error.message.length).toBeLessThan(400);
    return error;
  }
}

function expectStable(protocol: Protocol): void {
  expect(validateProtocol(protocol)).toEqual(protocol);
  expect(validateProtocol(JSON.parse(JSON.stringify(protocol)))).toEqual(protocol);
}

describe('protocol validation properties', () => {
  it('accepts every valid document unchanged (1,500 runs)', () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        expect(validateProtocol(doc)).toEqual(doc);
        expect(parseProtocolText(`\uFEFF${JSON.stringify(doc)}`)).toEqual(doc);
      }),
      { seed: SEED, numRuns: 1_500 },
    );
  });

  it('accepts or refuses mutated documents with a one-line ProtocolError, and what it accepts is stable (3,000 runs)', () => {
    fc.assert(
      fc.property(validDocument, fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, mutations) => {
        const outcome = validateOrError(mutations.reduce(mutate, doc));
        if (!(outcome instanceof ProtocolError)) expectStable(outcome);
      }),
      { seed: SEED + 1, numRuns: 3_000 },
    );
  });

  it('refuses an added field anywhere in a valid document, naming its path (500 runs)', () => {
    fc.assert(
      fc.property(validDocument, fc.nat(), fc.string({ minLength: 1, maxLength: 6 }).filter((key) => !['startHours', 'endHours', 'intensity', 'timeHours', 'doseMgPerKg', 'cohort'].includes(key)), (doc, pick, key) => {
        const objects = paths(doc).filter((path) => {
          let value: unknown = doc;
          for (const step of path) value = (value as Record<string | number, unknown>)[step];
          return typeof value === 'object' && value !== null && !Array.isArray(value) && path.length > 0;
        });
        fc.pre(objects.length > 0);
        const path = objects[pick % objects.length];
        const outcome = validateOrError(mutate(doc, { op: 'addKey', pick: paths(doc).findIndex((p) => p.join('/') === path.join('/')), key, value: 1 }));
        expect(outcome).toBeInstanceOf(ProtocolError);
        expect((outcome as ProtocolError).message).toContain(`protocol.${path[0]}[${path[1]}]`);
      }),
      { seed: SEED + 2, numRuns: 500 },
    );
  });

  it('accepts or refuses arbitrary values and text with a ProtocolError only (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 3 }), fc.json().map((text) => ({ text }))), (value) => {
        if (typeof value === 'object' && value !== null && 'text' in value && Object.keys(value).length === 1) {
          try {
            parseProtocolText(String((value as { text: unknown }).text));
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
          return;
        }
        const outcome = validateOrError(value);
        if (!(outcome instanceof ProtocolError)) expectStable(outcome);
      }),
      { seed: SEED + 3, numRuns: 1_000 },
    );
  });
});
