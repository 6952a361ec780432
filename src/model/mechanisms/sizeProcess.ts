import { EXP_LOOKUP_MIN, EXP_LOOKUP_SCALE, EXP_LOOKUP_SIZE, expLookupTable } from '../expLookup';
import type { Parameters } from '../parameters';
import { normalLookupTable, type AleaState } from '../random';
import { SpineStatus, type SpineStore } from '../SpineStore';
import { SIZE_FACTOR_REFERENCE_LOG_VOLUME } from './eliminationHazard';

const ALIVE: number = SpineStatus.Alive;

/**
 * Spine size on its own clock (operator splitting). Log head volume follows an Ornstein–Uhlenbeck process,
 * the continuous limit of a Kesten process v' = a·v + b (Statman et al. 2014; Hazan & Ziv 2020), relaxing
 * towards the state's median (transient or persistent) shifted by `stressSizeShift`·stress (stress shrinks
 * spines: Radley et al. 2008). Sizes are therefore log-normal with multiplicative fluctuations (Loewenstein
 * et al. 2011). The exact solution over any interval is used, so updating every `sizeUpdateHours` gives the
 * same size distribution as updating every step. Each spine's hazard size factor, exp(−β·(x − reference)),
 * is cached here.
 *
 * Noise comes from `rng` with seedrandom's Alea recurrence inlined (one standard normal per live spine).
 */
export function updateSizes(s: SpineStore, rng: AleaState, t: number, sinceHours: number, stress: number, p: Parameters): void {
  const status = s.status;
  const logVolume = s.logVolume;
  const sizeFactor = s.sizeFactor;
  const matureAt = s.matureAtHours;
  const birth = s.birthHours;
  const relaxationPerHour = p.sizeRelaxationPerDay / 24;
  const decayAll = Math.exp(-relaxationPerHour * (t - sinceHours));
  const noiseAll = p.sizeLogSd * Math.sqrt(1 - decayAll * decayAll);
  const shift = p.stressSizeShift * stress;
  const referenceTransient = Math.log(p.transientMedianVolumeUm3);
  const referencePersistent = Math.log(p.persistentMedianVolumeUm3);
  const exponent = p.sizeHazardExponent;
  const expTable = expLookupTable;
  const { table: normalTable, size: tableSize } = normalLookupTable();
  let c = rng.c;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  for (let i = 0; i < s.highWater; i++) {
    if (status[i] !== ALIVE) continue;
    // Spines born since the last update evolve only from their birth.
    let decay = decayAll;
    let noise = noiseAll;
    if (birth[i] > sinceHours) {
      decay = Math.exp(-relaxationPerHour * (t - birth[i]));
      noise = p.sizeLogSd * Math.sqrt(1 - decay * decay);
    }
    const target = (t >= matureAt[i] ? referencePersistent : referenceTransient) + shift;
    // A standard normal from one Alea draw (seedrandom's recurrence, inlined) via the inverse-CDF table.
    const next = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = next | 0;
    s2 = next - c;
    const u = s2 * tableSize;
    const j = u | 0;
    const z = normalTable[j] + (u - j) * (normalTable[j + 1] - normalTable[j]);
    const x = target + (logVolume[i] - target) * decay + noise * z;
    logVolume[i] = x;
    // exp(−exponent·(x − reference)) by table (expLookup, inlined); clamped beyond e^±16.
    let position = (-exponent * (x - SIZE_FACTOR_REFERENCE_LOG_VOLUME) - EXP_LOOKUP_MIN) * EXP_LOOKUP_SCALE;
    if (position < 0) position = 0;
    else if (position > EXP_LOOKUP_SIZE) position = EXP_LOOKUP_SIZE;
    const k = position | 0;
    sizeFactor[i] = expTable[k] + (position - k) * (expTable[k + 1] - expTable[k]);
  }
  rng.c = c;
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
}

/** The hazard size factor of one log volume (exact; used where a spine's size is set outside the loop). */
export function sizeFactorOf(logVolume: number, p: Parameters): number {
  return Math.exp(-p.sizeHazardExponent * (logVolume - SIZE_FACTOR_REFERENCE_LOG_VOLUME));
}
