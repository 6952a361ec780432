import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, quoteText } from '../../src/model/escapeControlCharacters.ts';

describe('escapeControlCharacters', () => {
  it('leaves ordinary text, accents and symbols alone', () => {
    expect(escapeControlCharacters('neuron 07 — µm³, "quoted" \\ ok')).toBe('neuron 07 — µm³, "quoted" \\ ok');
  });

  it('escapes every character that could break or hide a line', () => {
    expect(escapeControlCharacters('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeControlCharacters('\u0000\u001b[31m\u007f\u0085\u2028\u2029')).toBe('\\u0000\\u001b[31m\\u007f\\u0085\\u2028\\u2029');
    for (let code = 0; code < 0x3000; code++) {
      expect(escapeControlCharacters(String.fromCharCode(code))).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
    }
  });
});

describe('quoteText', () => {
  it('quotes like JSON and escapes the separators JSON leaves raw', () => {
    expect(quoteText('dose')).toBe('"dose"');
    expect(quoteText('a"b\n')).toBe('"a\\"b\\n"');
    expect(quoteText('x\u2028y')).toBe('"x\\u2028y"');
  });
});
