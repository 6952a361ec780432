import { parameterSchema, parameterSpec } from '../model/parameters';
import { protocolFields } from './protocolFields';
import { isRangeFactor, isValuesFactor, type Factor, type RangeFactor } from './sweepDocument';

/** A factor's value: a number (parameter, protocol field) or an SWC file name (morphology). */
export type FactorValue = number | string;

function isInteger(factor: Factor): boolean {
  if ('parameter' in factor && factor.parameter !== undefined) return parameterSpec(factor.parameter)?.integer === true;
  if ('protocolField' in factor && factor.protocolField !== undefined) return 'integer' in protocolFields[factor.protocolField];
  return false;
}

/** The value at normalised coordinate u ∈ [0, 1]: along the range (linear or log), or the ⌊u·n⌋-th listed value. */
export function factorValueAt(factor: Factor, u: number): FactorValue {
  if (isRangeFactor(factor)) {
    const value = factor.scale === 'log'
      ? Math.exp(Math.log(factor.min) + u * (Math.log(factor.max) - Math.log(factor.min)))
      : factor.min + u * (factor.max - factor.min);
    // The ends are exact (exp(log(x)) need not be x).
    const exact = u <= 0 ? factor.min : u >= 1 ? factor.max : value;
    return isInteger(factor) ? Math.round(exact) : exact;
  }
  const values: readonly FactorValue[] = isValuesFactor(factor) ? factor.values : factor.morphology;
  return values[Math.min(values.length - 1, Math.floor(u * values.length))];
}

/** A grid's levels of one factor: its values, or `levels` points spread evenly over its range. */
export function factorLevels(factor: Factor, levels: number | undefined): FactorValue[] {
  if (isRangeFactor(factor)) return Array.from({ length: levels! }, (_, i) => factorValueAt(factor, i / (levels! - 1)));
  return isValuesFactor(factor) ? [...factor.values] : [...factor.morphology];
}

/**
 * The model's estimated parameters (the "estimate" badge) as range factors around their defaults: each
 * default ± `relativeSpread` of itself, kept within the parameter's allowed range. This is what a screening
 * of "which estimates control which results" varies.
 */
export function estimatedParameterFactors(options: { relativeSpread?: number; exclude?: readonly string[] } = {}): RangeFactor[] {
  const spread = options.relativeSpread ?? 0.5;
  return parameterSchema
    .filter((spec) => spec.estimate && !(options.exclude ?? []).includes(spec.name))
    .map((spec) => {
      const half = Math.abs(spec.defaultValue) * spread;
      // Rounded to 12 significant digits, so that 0.07 ± 50 % reads 0.035 to 0.105 in a document.
      const round = (x: number) => Number(x.toPrecision(12));
      const min = Math.max(spec.min, round(spec.defaultValue - half));
      const max = Math.min(spec.max, round(spec.defaultValue + half));
      return { name: spec.name, parameter: spec.name, min, max, scale: 'linear' as const };
    })
    .filter((factor) => factor.max > factor.min);
}
