import { pointAlong } from '../Morphology';
import type { Parameters } from '../parameters';
import type { RandomStream } from '../random';
import { Cohort, FLAG_NEAR_LOST_SITE, FLAG_RESTORED, type SpineStore } from '../SpineStore';
import type { BranchInfo } from '../Simulation';
import { referenceRatesPerDay } from './eliminationHazard';
import type { LostSiteMemory } from './lostSiteMemory';
import { sizeFactorOf } from './sizeProcess';
import { stabilisationFactor, type BranchFactors } from './stress';

/**
 * Spine formation, three sources per step:
 *
 * 1. Baseline: Poisson events at `formationPerUmPerDay` × the branch's stress factor along each spiny
 *    branch (uniform position). New spines start small and transient (Holtmaat et al. 2006).
 * 2. Ketamine, re-formation of what stress removed: each remembered stress-lost site is re-formed at rate
 *    `ketamineSiteReformationPerDay`·D·(its weight), D the delayed drive (1 at the peak of a 10 mg/kg
 *    dose), and the site is used up (selective rescue of eliminated spines: Moda-Sava et al. 2019; Ng et
 *    al. 2018). A share `rescueTargetingFraction` of these spines is placed within ±½ `rescueDistanceUm` of
 *    the site (restoring the connection); the rest land uniformly on the neuron's dendrite (the rival
 *    hypothesis at 0: uniform re-formation, same number of spines).
 * 3. Ketamine, anywhere: `ketamineFormationGain`·D times the current rate, less what the sites capture. The
 *    sites take the drive first, as tagged synapses capture the products of late plasticity (synaptic
 *    tagging and capture: Frey & Morris 1997; Redondo & Morris 2011): per neuron and step the uniform part
 *    is × max(0, 1 − λ_sites/λ_uniform), the expected re-formations over the uniform part's expected spines.
 *    The drive therefore depends on the state of the circuit: a stressed circuit rebuilds mostly what it
 *    lost, and an intact one, with no sites, gets the whole uniform part, a modest rise in formation
 *    (Phoumthipphavong et al. 2016).
 *
 * Ketamine-induced spines (2 and 3) form the ketamine cohort. Every newborn stabilises less while the stress
 * after-effect lasts (`stress.ts`); on top of that, those placed anywhere stabilise at
 * `ketamineMaturationFactor` and those restored at a lost site at `restoredMaturationFactor` times the
 * normal rate. After stress most disappear within days (Moda-Sava et al. 2019), while in an unstressed
 * circuit they raise density for weeks (Phoumthipphavong et al. 2016). Baseline formation draws from its
 * own streams, so a dose leaves the baseline spines of a run identical to its no-drug twin (common random
 * numbers).
 */
export interface FormationContext {
  readonly spines: SpineStore;
  readonly branches: readonly BranchInfo[];
  readonly neuronBranches: readonly (readonly BranchInfo[])[];
  readonly factors: BranchFactors;
  readonly memory: LostSiteMemory;
  readonly parameters: Parameters;
  /** The stress after-effect load (see `stress.ts`), which slows stabilisation of new spines. */
  readonly stressLoad: number;
}

export interface FormationStreams {
  /** Per neuron: baseline formation. */
  readonly baseline: readonly RandomStream[];
  /** Per neuron: ketamine-induced formation. */
  readonly ketamine: readonly RandomStream[];
  /** Choice and placement of re-formed sites. */
  readonly targeting: RandomStream;
}

/** Births by source in one step (for bookkeeping and tests). */
export interface FormationCounts {
  baseline: number;
  ketamineUniform: number;
  reformed: number;
  restoredAtSite: number;
}

const scratch = new Float64Array(7);

export function formSpines(ctx: FormationContext, streams: FormationStreams, t: number, stepHours: number, stress: number, drive: number, counts: FormationCounts): void {
  const p = ctx.parameters;
  const perUmThisStep = (p.formationPerUmPerDay * stepHours) / 24;
  const uniformExtra = p.ketamineFormationGain * drive;
  const cohort = t < 0 ? Cohort.Initial : stress > 0 ? Cohort.Stress : Cohort.Baseline;
  const reforming = drive > 1e-6 && p.ketamineSiteReformationPerDay > 0;
  for (let neuronIndex = 0; neuronIndex < ctx.neuronBranches.length; neuronIndex++) {
    const random = streams.baseline[neuronIndex];
    const induced = streams.ketamine[neuronIndex];
    const own = ctx.neuronBranches[neuronIndex];
    // Expected re-formations at lost sites this step, and the share of the uniform drive they leave.
    const siteMean = reforming ? (p.ketamineSiteReformationPerDay * drive * ctx.memory.weightOf(neuronIndex, t, p.lostSiteMemoryDays) * stepHours) / 24 : 0;
    let uncaptured = 1;
    if (uniformExtra > 0 && siteMean > 0) {
      let budget = 0;
      for (const info of own) if (info.branch.spiny) budget += perUmThisStep * ctx.factors.formation[info.globalIndex] * info.branch.lengthUm * uniformExtra;
      uncaptured = budget > 0 ? Math.max(0, 1 - siteMean / budget) : 0;
    }
    let spinyLength = 0;
    for (const info of own) {
      if (!info.branch.spiny) continue;
      const length = info.branch.lengthUm;
      spinyLength += length;
      const mean = perUmThisStep * ctx.factors.formation[info.globalIndex] * length;
      const count = random.poisson(mean);
      for (let k = 0; k < count; k++) createSpine(ctx, info, random.uniform() * length, t + random.uniform() * stepHours, cohort, random, 0, t);
      counts.baseline += count;
      if (uniformExtra > 0 && uncaptured > 0) {
        const extra = induced.poisson(mean * uniformExtra * uncaptured);
        for (let k = 0; k < extra; k++) createSpine(ctx, info, induced.uniform() * length, t + induced.uniform() * stepHours, Cohort.Ketamine, induced, 0, t);
        counts.ketamineUniform += extra;
      }
    }
    if (siteMean > 0) reform(ctx, streams, neuronIndex, spinyLength, siteMean, t, stepHours, counts);
  }
}

function reform(ctx: FormationContext, streams: FormationStreams, neuronIndex: number, spinyLength: number, siteMean: number, t: number, stepHours: number, counts: FormationCounts): void {
  const p = ctx.parameters;
  const memoryDays = p.lostSiteMemoryDays;
  const induced = streams.ketamine[neuronIndex];
  const targeting = streams.targeting;
  const count = induced.poisson(siteMean);
  for (let k = 0; k < count; k++) {
    const site = ctx.memory.take(neuronIndex, t, memoryDays, targeting.uniform());
    if (!site) break;
    counts.reformed++;
    const birth = t + induced.uniform() * stepHours;
    if (targeting.uniform() < p.rescueTargetingFraction) {
      const info = ctx.branches[site.branch];
      const offset = (targeting.uniform() - 0.5) * p.rescueDistanceUm;
      const position = Math.min(info.branch.lengthUm, Math.max(0, site.positionUm + offset));
      createSpine(ctx, info, position, birth, Cohort.Ketamine, induced, FLAG_RESTORED | FLAG_NEAR_LOST_SITE, t);
      counts.restoredAtSite++;
    } else {
      // Uniform placement on this neuron's spiny dendrite.
      let along = targeting.uniform() * spinyLength;
      const own = ctx.neuronBranches[neuronIndex];
      let info = own[own.length - 1];
      for (const candidate of own) {
        if (!candidate.branch.spiny) continue;
        info = candidate;
        if (along <= candidate.branch.lengthUm) break;
        along -= candidate.branch.lengthUm;
      }
      createSpine(ctx, info, Math.min(info.branch.lengthUm, along), birth, Cohort.Ketamine, induced, 0, t);
    }
  }
}

/**
 * Creates a spine born at `birthHours` within the step that started at `stepStartHours`. The hazard loop
 * charges every live spine a whole step, so a newborn starts with minus the hazard of the part of the
 * step before its birth: it pays exactly from birth (transient rate, its branch's factor, its size).
 */
export function createSpine(ctx: FormationContext, info: BranchInfo, positionUm: number, birthHours: number, cohort: Cohort, random: RandomStream, flags: number, stepStartHours = birthHours): number {
  const p = ctx.parameters;
  const s = ctx.spines;
  const slot = s.allocate();
  s.branch[slot] = info.globalIndex;
  s.positionUm[slot] = positionUm;
  s.birthHours[slot] = birthHours;
  s.cohort[slot] = cohort;
  s.logVolume[slot] = Math.log(p.newSpineVolumeUm3) + 0.5 * p.sizeLogSd * random.normal();
  s.sizeFactor[slot] = sizeFactorOf(s.logVolume[slot], p);
  const kind = flags & FLAG_RESTORED ? p.restoredMaturationFactor : cohort === Cohort.Ketamine ? p.ketamineMaturationFactor : 1;
  const maturation = p.maturationPerDay * kind * stabilisationFactor(ctx.stressLoad, p);
  s.matureAtHours[slot] = maturation > 0 ? birthHours + (24 * random.exponential()) / maturation : Infinity;
  s.hazardThreshold[slot] = random.exponential();
  if (birthHours > stepStartHours) {
    const transientRatePerHour = referenceRatesPerDay(p).transient / 24;
    s.hazard[slot] = -transientRatePerHour * ctx.factors.transientElimination[info.globalIndex] * s.sizeFactor[slot] * (birthHours - stepStartHours);
  }
  s.flags[slot] = flags;
  if (!(flags & FLAG_NEAR_LOST_SITE) && ctx.memory.nearRemembered(info.globalIndex, positionUm, birthHours, p.rescueDistanceUm, p.lostSiteMemoryDays)) s.flags[slot] |= FLAG_NEAR_LOST_SITE;
  placeOnSurface(s, slot, info, positionUm, random);
  return slot;
}

/** Where the spine sits on the dendrite surface, pointing outwards at a random angle. */
function placeOnSurface(s: SpineStore, slot: number, info: BranchInfo, positionUm: number, random: RandomStream): void {
  const point = scratch;
  pointAlong(info.branch, positionUm, point);
  const angle = random.uniform() * 2 * Math.PI;
  const [ux, uy, uz, vx, vy, vz] = perpendicularBasis(point[3], point[4], point[5]);
  const ox = Math.cos(angle) * ux + Math.sin(angle) * vx;
  const oy = Math.cos(angle) * uy + Math.sin(angle) * vy;
  const oz = Math.cos(angle) * uz + Math.sin(angle) * vz;
  s.x[slot] = point[0] + ox * point[6];
  s.y[slot] = point[1] + oy * point[6];
  s.z[slot] = point[2] + oz * point[6];
  s.dx[slot] = ox;
  s.dy[slot] = oy;
  s.dz[slot] = oz;
}

/** Two unit vectors perpendicular to the (unit) tangent and to each other. */
function perpendicularBasis(tx: number, ty: number, tz: number): [number, number, number, number, number, number] {
  // Cross with the axis least aligned with the tangent.
  const ax = Math.abs(tx) < 0.9 ? 1 : 0;
  const ay = ax === 1 ? 0 : 1;
  let ux = ty * 0 - tz * ay;
  let uy = tz * ax - tx * 0;
  let uz = tx * ay - ty * ax;
  const n = Math.hypot(ux, uy, uz) || 1;
  ux /= n;
  uy /= n;
  uz /= n;
  return [ux, uy, uz, ty * uz - tz * uy, tz * ux - tx * uz, tx * uy - ty * ux];
}
