import { describe, expect, it } from 'vitest';
import {
  defaultParameters,
  formatRange,
  ParameterError,
  parameterSchema,
  parameterSpec,
  parseParameterAssignment,
  resolveParameters,
  type ParameterSpec,
} from '../../src/model/parameters.ts';

/** Calls `action`, expecting a ParameterError; returns it for further checks. */
function parameterErrorFrom(action: () => unknown): ParameterError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ParameterError);
    return error as ParameterError;
  }
  throw new Error('expected a ParameterError, but nothing was thrown');
}

/** The error must name the parameter and state its allowed range, so that the user can fix the input. */
function expectNamesParameterAndRange(error: ParameterError, spec: ParameterSpec): void {
  expect(error.parameterName).toBe(spec.name);
  expect(error.message).toContain(spec.name);
  expect(error.message).toContain(formatRange(spec));
  expect(error.message).toContain(`${spec.min} to ${spec.max}`);
}

const formation = parameterSpec('formationPerUmPerDay') as ParameterSpec;

describe('parameter schema', () => {
  it('documents every parameter with a unit string, a label, a description and a source', () => {
    expect(parameterSchema.length).toBeGreaterThan(0);
    for (const spec of parameterSchema) {
      expect(typeof spec.unit, spec.name).toBe('string');
      expect(spec.label.trim().length, spec.name).toBeGreaterThan(0);
      expect(spec.description.trim().length, spec.name).toBeGreaterThan(0);
      expect(spec.source.trim().length, spec.name).toBeGreaterThan(0);
      expect(typeof spec.estimate, spec.name).toBe('boolean');
    }
  });

  it('gives every parameter a finite range with its default inside it', () => {
    for (const spec of parameterSchema) {
      expect(Number.isFinite(spec.min), spec.name).toBe(true);
      expect(Number.isFinite(spec.max), spec.name).toBe(true);
      expect(spec.min, spec.name).toBeLessThan(spec.max);
      expect(spec.defaultValue, spec.name).toBeGreaterThanOrEqual(spec.min);
      expect(spec.defaultValue, spec.name).toBeLessThanOrEqual(spec.max);
      if (spec.integer) expect(Number.isInteger(spec.defaultValue), spec.name).toBe(true);
    }
  });

  it('has unique parameter names, each found by parameterSpec', () => {
    const names = parameterSchema.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of parameterSchema) expect(parameterSpec(spec.name)).toBe(spec);
    expect(parameterSpec('noSuchParameter')).toBeUndefined();
  });

  it('builds the defaults from the schema, one value per parameter', () => {
    const defaults = defaultParameters();
    expect(Object.keys(defaults).sort()).toEqual(parameterSchema.map((spec) => spec.name).sort());
    const byName: Readonly<Record<string, number>> = defaults;
    for (const spec of parameterSchema) expect(byName[spec.name]).toBe(spec.defaultValue);
  });

  it('accepts its own defaults', () => {
    const defaults = defaultParameters();
    expect(resolveParameters(defaults)).toEqual(defaults);
    expect(resolveParameters()).toEqual(defaults);
  });
});

describe('resolveParameters', () => {
  it('merges overrides onto the defaults and leaves the base untouched', () => {
    const base = defaultParameters();
    const resolved = resolveParameters({ formationPerUmPerDay: 0.02, burnInDays: 3 }, base);
    expect(resolved.formationPerUmPerDay).toBe(0.02);
    expect(resolved.burnInDays).toBe(3);
    expect(resolved.maturationPerDay).toBe(base.maturationPerDay);
    expect(base).toEqual(defaultParameters());
  });

  it('accepts the boundary values of every parameter', () => {
    for (const spec of parameterSchema) {
      for (const value of [spec.min, spec.max]) {
        const resolved: Readonly<Record<string, number>> = resolveParameters({ [spec.name]: value });
        expect(resolved[spec.name], spec.name).toBe(value);
      }
    }
  });

  it('rejects values just outside the range of every parameter, naming the parameter and the range', () => {
    for (const spec of parameterSchema) {
      const step = Math.max(1e-9, (spec.max - spec.min) * 1e-6);
      for (const value of [spec.min - step, spec.max + step]) {
        const error = parameterErrorFrom(() => resolveParameters({ [spec.name]: value }));
        expectNamesParameterAndRange(error, spec);
        expect(error.message).toContain('out of range');
      }
    }
  });

  it('rejects NaN and infinities, naming the parameter and the range', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const error = parameterErrorFrom(() => resolveParameters({ formationPerUmPerDay: value }));
      expectNamesParameterAndRange(error, formation);
      expect(error.message).toContain('finite number');
    }
  });

  it('rejects values that are not numbers, even numeric strings', () => {
    for (const value of ['0.02', null, undefined, true, {}, [0.02], 2n]) {
      const error = parameterErrorFrom(() => resolveParameters({ formationPerUmPerDay: value }));
      expectNamesParameterAndRange(error, formation);
    }
  });

  it('rejects unknown parameter names, naming them', () => {
    const error = parameterErrorFrom(() => resolveParameters({ noSuchParameter: 1 }));
    expect(error.parameterName).toBe('noSuchParameter');
    expect(error.message).toContain('unknown parameter "noSuchParameter"');
  });

  it('suggests the intended name when only the capitalisation is wrong', () => {
    const error = parameterErrorFrom(() => resolveParameters({ formationperumperday: 0.02 }));
    expect(error.message).toContain('did you mean "formationPerUmPerDay"');
  });
});

describe('parseParameterAssignment', () => {
  it('parses name=value', () => {
    expect(parseParameterAssignment('formationPerUmPerDay=0.02')).toEqual(['formationPerUmPerDay', 0.02]);
  });

  it('tolerates spaces around the name, the equals sign and the value, and exponent notation', () => {
    expect(parseParameterAssignment('  burnInDays = 2  ')).toEqual(['burnInDays', 2]);
    expect(parseParameterAssignment('formationPerUmPerDay=2e-2')).toEqual(['formationPerUmPerDay', 0.02]);
  });

  it('rejects text without an equals sign, quoting it', () => {
    const error = parameterErrorFrom(() => parseParameterAssignment('x'));
    expect(error.message).toBe('expected name=value, got "x"');
  });

  it('rejects an assignment without a name', () => {
    const error = parameterErrorFrom(() => parseParameterAssignment('=1'));
    expect(error.message).toBe('expected name=value, got "=1"');
  });

  it('rejects an assignment without a value', () => {
    const error = parameterErrorFrom(() => parseParameterAssignment('formationPerUmPerDay='));
    expect(error.message).toContain('expected name=value');
    expect(error.message).toContain('"formationPerUmPerDay="');
    const blank = parameterErrorFrom(() => parseParameterAssignment('formationPerUmPerDay=   '));
    expectNamesParameterAndRange(blank, formation);
  });

  it('rejects an unknown name in an assignment', () => {
    const error = parameterErrorFrom(() => parseParameterAssignment('name=1'));
    expect(error.parameterName).toBe('name');
    expect(error.message).toContain('unknown parameter "name"');
  });

  it('rejects an out-of-range value in an assignment, naming the parameter and the range', () => {
    expectNamesParameterAndRange(parameterErrorFrom(() => parseParameterAssignment('formationPerUmPerDay=0.6')), formation);
    expectNamesParameterAndRange(parameterErrorFrom(() => parseParameterAssignment('formationPerUmPerDay=-0.01')), formation);
    expectNamesParameterAndRange(parameterErrorFrom(() => parseParameterAssignment('formationPerUmPerDay=Infinity')), formation);
  });

  it('rejects a non-numeric value, naming the parameter, the range and the text that was given', () => {
    const error = parameterErrorFrom(() => parseParameterAssignment('formationPerUmPerDay=abc'));
    expectNamesParameterAndRange(error, formation);
    // "got NaN" would not tell the user which text was wrong: the message should quote what was typed.
    expect(error.message).toContain('abc');
  });

  it('takes decimal numbers only: hexadecimal, binary, octal and the like are refused, quoting the text', () => {
    for (const text of ['0x10', '0X1', '0b1', '0o7', '1_000', '1,5', '+-1', '1e', '.', 'NaN', 'infinity']) {
      const error = parameterErrorFrom(() => parseParameterAssignment(`burnInDays=${text}`));
      expect(error.message).toContain(`"${text}"`);
      expect(error.message).toContain('decimal');
    }
    expect(parseParameterAssignment('burnInDays=+2.')).toEqual(['burnInDays', 2]);
    expect(parseParameterAssignment('burnInDays=.5e1')).toEqual(['burnInDays', 5]);
  });
});
