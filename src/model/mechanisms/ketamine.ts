import type { Parameters } from '../parameters';
import type { KetamineDose } from '../Protocol';

/**
 * Ketamine: exposure, dose–response and the two effects that follow a dose (t = hours since the dose; all
 * 0 before it).
 * - Drug exposure peaks within minutes and is largely cleared by ≈3 h in rodent brain (half-life ≈45 min
 *   here, an estimate from the rodent pharmacokinetics summarised in docs/science.md).
 * - The delayed plasticity drive for new spines: ≈0 at 0–6 h, peak at 12–24 h, fading over days
 *   (Moda-Sava et al. 2019), as a split log-normal bump in time [estimate: the simplest shape that fits].
 * - The rapid functional effect on ensemble coordination rises with the exposure and decays over ≈12 h.
 *
 * Dose–response (`doseEffect`): an inverted U, 1 at the nominal 10 mg/kg. It rises steeply over the
 * sub-anaesthetic range (a Hill function: 1 mg/kg is nearly inactive, 3–10 mg/kg effective; mouse
 * antidepressant-like doses reviewed by Zanos & Gould 2018) and falls at anaesthetic doses, where the
 * NMDA-receptor block no longer spares pyramidal neurons, so the disinhibition-driven glutamate burst that
 * starts the BDNF → mTORC1 cascade (Duman 2014) is lost: Li et al. 2010 found the synaptogenic mTOR
 * response at sub-anaesthetic doses but not at an anaesthetic one. Both effects share the same dose factor.
 * The ED50, the Hill exponent and the anaesthetic dose are estimates (parameters).
 */
export const KETAMINE_HALF_LIFE_HOURS = 0.75;
export const NOMINAL_DOSE_MG_PER_KG = 10;
/** The dose range the model was built and checked for (mg/kg i.p., sub-anaesthetic, mouse). */
export const MODELLED_DOSE_RANGE_MG_PER_KG = [1, 30] as const;
/** Steepness of the loss of effect at anaesthetic doses. */
const ANAESTHETIC_HILL = 4;

export function drugExposure(hoursSinceDose: number): number {
  return hoursSinceDose < 0 ? 0 : Math.exp((-Math.LN2 * hoursSinceDose) / KETAMINE_HALF_LIFE_HOURS);
}

function rawDoseEffect(doseMgPerKg: number, p: DoseParameters): number {
  const rise = doseMgPerKg ** p.ketamineDoseHill;
  const activation = rise / (rise + p.ketamineEd50MgPerKg ** p.ketamineDoseHill);
  const anaesthetic = 1 / (1 + (doseMgPerKg / p.ketamineAnaestheticDoseMgPerKg) ** ANAESTHETIC_HILL);
  return activation * anaesthetic;
}

type DoseParameters = Pick<Parameters, 'ketamineEd50MgPerKg' | 'ketamineDoseHill' | 'ketamineAnaestheticDoseMgPerKg'>;

/** The dose factor of both effects: an inverted U in dose, 1 at the nominal 10 mg/kg, 0 for no dose. */
export function doseEffect(doseMgPerKg: number, p: DoseParameters): number {
  if (!(doseMgPerKg > 0)) return 0;
  return rawDoseEffect(doseMgPerKg, p) / rawDoseEffect(NOMINAL_DOSE_MG_PER_KG, p);
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

/** Sum over doses of the dose-weighted delayed plasticity drive at time t (1 at the peak of one 10 mg/kg dose). */
export function plasticityDriveAt(doses: readonly KetamineDose[], p: Parameters, timeHours: number): number {
  let drive = 0;
  for (const dose of doses) {
    drive += doseEffect(dose.doseMgPerKg, p) * plasticityDrive(timeHours - dose.timeHours, p.ketaminePeakHours, p.ketamineDriveRiseLogWidth, p.ketamineDriveDecayLogWidth);
  }
  return drive;
}

/** Sum over doses of the rapid functional effect on ensemble coherence (index units). */
export function functionalEffectAt(doses: readonly KetamineDose[], p: Parameters, timeHours: number): number {
  let effect = 0;
  for (const dose of doses) {
    effect += p.functionalEffectAmplitude * doseEffect(dose.doseMgPerKg, p) * functionalEffect(timeHours - dose.timeHours, p.functionalEffectDecayHours);
  }
  return effect;
}

/** One line per dose outside the range the model was built for (empty when every dose is inside it). */
export function doseWarnings(doses: readonly KetamineDose[]): string[] {
  const [low, high] = MODELLED_DOSE_RANGE_MG_PER_KG;
  return doses
    .filter((dose) => dose.doseMgPerKg > 0 && (dose.doseMgPerKg < low || dose.doseMgPerKg > high))
    .map((dose) => `ketamine ${dose.doseMgPerKg} mg/kg at ${dose.timeHours} h is outside the ${low}–${high} mg/kg range the model was built for${dose.doseMgPerKg > high ? ' (anaesthetic doses: the loss of effect is an estimate)' : ' (the weak effect of such doses is an estimate)'}`);
}
