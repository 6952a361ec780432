import type { Parameters } from '../parameters';

/**
 * Chronic stress on each branch. Glucocorticoid excess raises spine elimination, stable spines included
 * (Liston & Gan 2011), and lowers formation (Moda-Sava et al. 2019), more on some branches than others
 * (targeted, branch-specific loss: Moda-Sava et al. 2019). A branch's load is the stress intensity times
 * its susceptibility χ (gamma, mean 1): elimination × max(0, 1 + (φ_E − 1)·load), formation ×
 * max(0, 1 + (φ_F − 1)·load). While ketamine's delayed drive D is active, elimination is further
 * multiplied by max(0, 1 − π·D) (protection of existing spines, Ng et al. 2018).
 *
 * `stressExcess[b]` is the share of branch b's elimination that stress added, (φ_b − 1)/φ_b: the
 * probability that a loss there would not have happened without stress. The lost-site memory records a
 * persistent loss with this probability, so it remembers what stress added, not baseline turnover.
 */
export interface BranchFactors {
  readonly elimination: Float64Array;
  readonly formation: Float64Array;
  readonly stressExcess: Float64Array;
}

export function createBranchFactors(branchCount: number): BranchFactors {
  return { elimination: new Float64Array(branchCount).fill(1), formation: new Float64Array(branchCount).fill(1), stressExcess: new Float64Array(branchCount) };
}

export function updateBranchFactors(out: BranchFactors, susceptibility: ArrayLike<number>, stress: number, drive: number, p: Parameters): void {
  const protection = Math.max(0, 1 - p.ketamineEliminationProtection * drive);
  for (let g = 0; g < susceptibility.length; g++) {
    const load = stress * susceptibility[g];
    const stressElimination = Math.max(0, 1 + (p.stressEliminationFactor - 1) * load);
    out.elimination[g] = stressElimination * protection;
    out.formation[g] = Math.max(0, 1 + (p.stressFormationFactor - 1) * load);
    out.stressExcess[g] = stressElimination > 1 ? (stressElimination - 1) / stressElimination : 0;
  }
}
