import type { Parameters } from '../parameters';
import type { RandomStream } from '../random';
import { Cohort } from '../SpineStore';
import { createSpine, type FormationContext } from './formation';
import { sizeFactorOf } from './sizeProcess';

/**
 * The unstressed steady state a run starts from, so that control is steady from day 0 (a burn-in then
 * settles what the approximation leaves). Two states, as in the two-population fit to new-spine survival:
 *
 * - transient spines, born at the formation rate F with log size ≈ N(ln V_new, (σ/2)²), lost at their
 *   size-dependent hazard or maturing at m: density F / (k_T·E[size factor] + m);
 * - persistent spines, entering at m × transient density. After maturing, a spine's log size relaxes from
 *   its newborn value to the persistent median (mean μ(a), variance v(a) of the Ornstein–Uhlenbeck process
 *   at age a), so young persistent spines are smaller and more often lost. Their survival S(a) =
 *   exp(−∫ k_P·E[size factor | a]) is integrated numerically; density = inflow × ∫S, ages are drawn from
 *   S and sizes from N(μ(a), v(a)).
 */
const AGE_STEP_DAYS = 0.5;
const MAX_AGE_DAYS = 5000;

interface PersistentAges {
  /** Cumulative survival over the age grid, normalised to 1 at the end. */
  readonly cumulative: Float64Array;
  /** Mean residence (days) of a spine entering the persistent state: ∫S. */
  readonly meanResidenceDays: number;
}

function persistentAges(p: Parameters): PersistentAges {
  const beta = p.sizeHazardExponent;
  const lambda = p.sizeRelaxationPerDay;
  const sigma = p.sizeLogSd;
  const start = Math.log(p.newSpineVolumeUm3) - Math.log(p.persistentMedianVolumeUm3);
  const startVariance = (sigma / 2) ** 2;
  const survival: number[] = [];
  let logSurvival = 0;
  let total = 0;
  for (let age = 0; age < MAX_AGE_DAYS; age += AGE_STEP_DAYS) {
    const decay = Math.exp(-lambda * (age + AGE_STEP_DAYS / 2));
    const mean = start * decay;
    const variance = startVariance * decay * decay + sigma * sigma * (1 - decay * decay);
    const hazard = p.persistentEliminationPerDay * Math.exp(-beta * mean + (beta * beta * variance) / 2);
    const s = Math.exp(logSurvival);
    survival.push(s);
    total += s * AGE_STEP_DAYS;
    logSurvival -= hazard * AGE_STEP_DAYS;
    if (s < 1e-6) break;
  }
  const cumulative = new Float64Array(survival.length);
  let running = 0;
  survival.forEach((s, i) => {
    running += s * AGE_STEP_DAYS;
    cumulative[i] = running / total;
  });
  return { cumulative, meanResidenceDays: total };
}

/** Densities per µm of the two states at steady state without stress or drug. */
export function steadyStateDensities(p: Parameters): { transientPerUm: number; persistentPerUm: number } {
  const beta = p.sizeHazardExponent;
  const newbornOffset = Math.log(p.newSpineVolumeUm3) - Math.log(p.transientMedianVolumeUm3);
  const transientFactor = Math.exp(-beta * newbornOffset + (beta * beta * (p.sizeLogSd / 2) ** 2) / 2);
  const transientLoss = p.transientEliminationPerDay * transientFactor + p.maturationPerDay;
  const transientPerUm = transientLoss > 0 ? p.formationPerUmPerDay / transientLoss : 0;
  const persistentPerUm = p.persistentEliminationPerDay > 0 ? p.maturationPerDay * transientPerUm * persistentAges(p).meanResidenceDays : 0;
  return { transientPerUm, persistentPerUm };
}

/** Fills every spiny branch with the steady state at time t (spines of the Initial cohort). */
export function seedSteadyState(ctx: FormationContext, streams: readonly RandomStream[], t: number): void {
  const p = ctx.parameters;
  const { transientPerUm, persistentPerUm } = steadyStateDensities(p);
  const total = transientPerUm + persistentPerUm;
  if (!(total > 0)) return;
  const persistentShare = persistentPerUm / total;
  const ages = persistentPerUm > 0 ? persistentAges(p) : null;
  const start = Math.log(p.newSpineVolumeUm3) - Math.log(p.persistentMedianVolumeUm3);
  for (const info of ctx.branches) {
    if (!info.branch.spiny) continue;
    const random = streams[info.neuronIndex];
    const count = random.poisson(total * info.branch.lengthUm);
    for (let k = 0; k < count; k++) {
      const persistent = ages !== null && random.uniform() < persistentShare;
      const slot = createSpine(ctx, info, random.uniform() * info.branch.lengthUm, t, Cohort.Initial, random, 0);
      const s = ctx.spines;
      if (!persistent) continue;
      const ageDays = drawAge(ages, random.uniform());
      const decay = Math.exp(-p.sizeRelaxationPerDay * ageDays);
      const sd = Math.sqrt((p.sizeLogSd / 2) ** 2 * decay * decay + p.sizeLogSd ** 2 * (1 - decay * decay));
      s.logVolume[slot] = Math.log(p.persistentMedianVolumeUm3) + start * decay + sd * random.normal();
      s.sizeFactor[slot] = sizeFactorOf(s.logVolume[slot], p);
      s.matureAtHours[slot] = t - 24 * ageDays;
      s.birthHours[slot] = s.matureAtHours[slot] - (24 * random.exponential()) / Math.max(p.maturationPerDay, 1e-3);
    }
  }
}

function drawAge(ages: PersistentAges, u: number): number {
  const c = ages.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return (lo + 0.5) * AGE_STEP_DAYS;
}
