/**
 * Ketamine's three time courses after a dose (t = hours since the dose; all 0 before it):
 * - drug exposure: peaks within minutes and is largely cleared by ≈3 h (half-life ≈45 min) [read: science.md §4];
 * - the delayed plasticity drive for new spines: ≈0 at 0–6 h, peak at 12–24 h, fading over days, as a
 *   split log-normal bump in time [estimate: the simplest shape that matches the timing];
 * - the rapid functional effect on ensembles: rises with the exposure and decays over ≈12 h [estimate].
 */
export const KETAMINE_HALF_LIFE_HOURS = 0.75;
export const NOMINAL_DOSE_MG_PER_KG = 10;

export function drugExposure(hoursSinceDose: number): number {
  return hoursSinceDose < 0 ? 0 : Math.exp((-Math.LN2 * hoursSinceDose) / KETAMINE_HALF_LIFE_HOURS);
}

/** Dose scaling, hyperbolic in dose, equal to 1 at the nominal 10 mg/kg. */
export function doseScale(doseMgPerKg: number, ed50MgPerKg: number): number {
  if (!(doseMgPerKg > 0)) return 0;
  const nominal = NOMINAL_DOSE_MG_PER_KG / (NOMINAL_DOSE_MG_PER_KG + ed50MgPerKg);
  return doseMgPerKg / (doseMgPerKg + ed50MgPerKg) / nominal;
}

/**
 * A split log-normal bump in time: a steep rise (so nothing happens in the first 6 h) and a slower fall
 * (so the drive fades over days rather than hours).
 */
export function plasticityDrive(hoursSinceDose: number, peakHours: number, riseLogWidth: number, decayLogWidth: number): number {
  if (hoursSinceDose <= 0) return 0;
  const logRatio = Math.log(hoursSinceDose / peakHours);
  const z = logRatio / (logRatio < 0 ? riseLogWidth : decayLogWidth);
  return Math.exp(-0.5 * z * z);
}

export function functionalEffect(hoursSinceDose: number, decayHours: number): number {
  if (hoursSinceDose <= 0) return 0;
  const riseHours = KETAMINE_HALF_LIFE_HOURS / Math.LN2;
  return (1 - Math.exp(-hoursSinceDose / riseHours)) * Math.exp(-hoursSinceDose / decayHours);
}
