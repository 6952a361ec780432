import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/model/parseDecimal.ts';

describe('parseDecimal', () => {
  it('reads decimal numbers in the usual spellings', () => {
    expect(parseDecimal('12')).toBe(12);
    expect(parseDecimal('-0.5')).toBe(-0.5);
    expect(parseDecimal('+.5')).toBe(0.5);
    expect(parseDecimal('1.')).toBe(1);
    expect(parseDecimal('1.5E-2')).toBe(0.015);
    expect(Object.is(parseDecimal('-0'), 0)).toBe(true);
  });

  it('refuses what Number() takes but a reader would not call a decimal number', () => {
    for (const text of ['', ' ', ' 1', '1 ', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1e400', '1_0', '١', '1,5', '--1', 'e3']) {
      expect(parseDecimal(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('gives back every finite double from its shortest decimal text (2,000 runs)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
      expect(parseDecimal(String(value))).toBe(value + 0);
    }), { seed: 7, numRuns: 2_000 });
  });
});
