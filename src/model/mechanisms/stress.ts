import type { Parameters } from '../parameters';

/**
 * Chronic stress on each branch. Chronic glucocorticoid excess removes stable, long-established spines
 * (Liston & Gan 2011) and stress lowers formation (Moda-Sava et al. 2019), more on some branches than
 * others (targeted, branch-specific loss: Moda-Sava et al. 2019). A branch's load is the stress intensity
 * times its susceptibility χ (gamma, mean 1): the elimination of persistent spines × max(0, 1 + (φ_E − 1)·
 * load), formation × max(0, 1 + (φ_F − 1)·load); new (transient) spines are hit through their stabilisation
 * instead (the after-effect below). While ketamine's delayed drive D is active, elimination of every spine
 * is further multiplied by max(0, 1 − π·D) (protection of existing spines, Ng et al. 2018).
 *
 * `stressExcess[b]` is the share of branch b's elimination that stress added, (φ_b − 1)/φ_b: the
 * probability that a loss there would not have happened without stress. The lost-site memory records a
 * persistent loss with this probability, so it remembers what stress added, not baseline turnover.
 */
export interface BranchFactors {
  /** Elimination factor of persistent spines. */
  readonly elimination: Float64Array;
  /** Elimination factor of transient spines. */
  readonly transientElimination: Float64Array;
  readonly formation: Float64Array;
  readonly stressExcess: Float64Array;
}

export function createBranchFactors(branchCount: number): BranchFactors {
  return { elimination: new Float64Array(branchCount).fill(1), transientElimination: new Float64Array(branchCount).fill(1), formation: new Float64Array(branchCount).fill(1), stressExcess: new Float64Array(branchCount) };
}

export function updateBranchFactors(out: BranchFactors, susceptibility: ArrayLike<number>, stress: number, drive: number, p: Parameters): void {
  const protection = Math.max(0, 1 - p.ketamineEliminationProtection * drive);
  for (let g = 0; g < susceptibility.length; g++) {
    const load = stress * susceptibility[g];
    const stressElimination = Math.max(0, 1 + (p.stressEliminationFactor - 1) * load);
    out.elimination[g] = stressElimination * protection;
    out.transientElimination[g] = protection;
    out.formation[g] = Math.max(0, 1 + (p.stressFormationFactor - 1) * load);
    out.stressExcess[g] = stressElimination > 1 ? (stressElimination - 1) / stressElimination : 0;
  }
}

/**
 * The stress after-effect on new spines. Glucocorticoid troughs are needed to stabilise newly formed spines,
 * and chronic glucocorticoid excess eliminates new spines (Liston et al. 2013): after weeks of stress the
 * circuit keeps new spines poorly for a while. The load L follows the stress intensity with time constant
 * `stressAftereffectDays` (dL/dt = (s − L)/τ); a spine born at load L stabilises at
 * max(0, 1 − `stressStabilisationBlock`·L) times its normal rate. This holds for every new spine, those that
 * ketamine re-forms at a lost site included: the survival of restored synapses is what limits the rescue
 * (Moda-Sava et al. 2019).
 */
export function advanceStressLoad(load: number, stress: number, stepHours: number, p: Parameters): number {
  const decay = Math.exp(-stepHours / (24 * p.stressAftereffectDays));
  return stress + (load - stress) * decay;
}

export function stabilisationFactor(load: number, p: Parameters): number {
  return Math.max(0, 1 - p.stressStabilisationBlock * load);
}
