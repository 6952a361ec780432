import type { Parameters } from '../parameters';
import { SpineStatus, type SpineStore } from '../SpineStore';
import type { BranchFactors } from './stress';

/**
 * Elimination. Each spine's hazard is its state's base rate × its branch's stress/ketamine factor for that
 * state (`stress.ts`) × the
 * cached size factor (V / V̄)^−β: small spines are unstable, large ones persist (Kasai et al. 2003;
 * Yasumatsu et al. 2008; Holtmaat et al. 2006). Each spine carries an exponential threshold drawn at birth
 * and is eliminated when its integrated hazard crosses it: exact for time-varying hazards, with no random
 * draw per step (this is the hot loop).
 */

/** The size store caches (V / 0.1 µm³)^−β; each state's reference volume is folded into its base rate. */
export const SIZE_FACTOR_REFERENCE_LOG_VOLUME = Math.log(0.1);
/** How long an eliminated spine stays in its slot so the view can shrink it out (simulated hours). */
export const FADE_HOURS = 12;
/** Status codes as module constants: const-enum members imported from another file are property reads under tsx/vite. */
const ALIVE: number = SpineStatus.Alive;
const FADING: number = SpineStatus.Fading;

/** Base hazard per day of a state at the cached size factor's reference volume. */
export function referenceRatesPerDay(p: Parameters): { transient: number; persistent: number } {
  const exponent = p.sizeHazardExponent;
  return {
    transient: p.transientEliminationPerDay * Math.exp(exponent * (Math.log(p.transientMedianVolumeUm3) - SIZE_FACTOR_REFERENCE_LOG_VOLUME)),
    persistent: p.persistentEliminationPerDay * Math.exp(exponent * (Math.log(p.persistentMedianVolumeUm3) - SIZE_FACTOR_REFERENCE_LOG_VOLUME)),
  };
}

/** Called for each persistent spine lost on a branch where stress added part of the hazard. */
export type StressLossHandler = (slot: number, timeHours: number, stressExcess: number) => void;

/**
 * Advances every live spine's integrated hazard over one step ending at `endHours` and eliminates those that
 * cross their threshold; releases faded slots. Returns the number of spine updates.
 */
export function integrateHazards(s: SpineStore, endHours: number, stepHours: number, p: Parameters, factors: BranchFactors, onStressLoss: StressLossHandler): number {
  const persistentFactor = factors.elimination;
  const transientFactor = factors.transientElimination;
  const stressExcess = factors.stressExcess;
  const status = s.status;
  const matureAt = s.matureAtHours;
  const hazard = s.hazard;
  const threshold = s.hazardThreshold;
  const branch = s.branch;
  const sizeFactor = s.sizeFactor;
  const deathHours = s.deathHours;
  const rates = referenceRatesPerDay(p);
  const stepDays = stepHours / 24;
  const lossTransient = rates.transient * stepDays;
  const lossPersistent = rates.persistent * stepDays;
  const highWater = s.highWater;
  let updates = 0;
  for (let i = 0; i < highWater; i++) {
    const state = status[i];
    if (state !== ALIVE) {
      if (state === FADING && endHours - deathHours[i] >= FADE_HOURS) s.release(i);
      continue;
    }
    updates++;
    const persistent = endHours >= matureAt[i];
    const b = branch[i];
    const accumulated = hazard[i] + (persistent ? lossPersistent * persistentFactor[b] : lossTransient * transientFactor[b]) * sizeFactor[i];
    if (accumulated >= threshold[i]) {
      s.eliminate(i, endHours);
      if (persistent && stressExcess[b] > 0) onStressLoss(i, endHours, stressExcess[b]);
    } else hazard[i] = accumulated;
  }
  return updates;
}
