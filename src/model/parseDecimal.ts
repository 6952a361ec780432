/**
 * A decimal number as people write it: 12, -0.5, .5, 1., 1e3, 1.5E-2. Number() also takes hexadecimal
 * (0x10), binary (0b1), octal (0o7), "Infinity", blank text (0) and surrounding spaces; a value typed on a
 * command line or in a link should mean what it looks like, so those are not numbers here.
 */
export const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite value of decimal text, or undefined when the text is not a decimal number or overflows. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL_PATTERN.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value + 0 : undefined;
}
