/**
 * e^a by table lookup with linear interpolation on [-16, 16] (clamped outside), relative error < 2e-6.
 * The size update evaluates the size dependence of every spine's hazard; a table is several times
 * faster than Math.exp there and far more accurate than the model needs.
 */
export const EXP_LOOKUP_MIN = -16;
export const EXP_LOOKUP_MAX = 16;
export const EXP_LOOKUP_SIZE = 8192;
export const EXP_LOOKUP_SCALE = EXP_LOOKUP_SIZE / (EXP_LOOKUP_MAX - EXP_LOOKUP_MIN);

export const expLookupTable: Float64Array = (() => {
  const table = new Float64Array(EXP_LOOKUP_SIZE + 2);
  for (let i = 0; i < table.length; i++) table[i] = Math.exp(EXP_LOOKUP_MIN + i / EXP_LOOKUP_SCALE);
  return table;
})();

/** Reference implementation of the inlined lookup (used in tests). */
export function expLookup(a: number): number {
  let position = (a - EXP_LOOKUP_MIN) * EXP_LOOKUP_SCALE;
  if (position < 0) position = 0;
  else if (position > EXP_LOOKUP_SIZE) position = EXP_LOOKUP_SIZE;
  const k = position | 0;
  return expLookupTable[k] + (position - k) * (expLookupTable[k + 1] - expLookupTable[k]);
}
