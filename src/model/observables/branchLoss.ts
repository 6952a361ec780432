import type { ImagingSnapshot } from '../Simulation';

export interface BranchLoss {
  readonly branch: number;
  readonly before: number;
  readonly lost: number;
  readonly fraction: number;
}

export interface BranchLossSummary {
  readonly branches: readonly BranchLoss[];
  /** Pooled lost fraction. */
  readonly meanFraction: number;
  /** Variance across branches of the lost fraction. */
  readonly variance: number;
  /** The variance binomial sampling alone would give: mean over branches of p(1−p)/n. */
  readonly binomialVariance: number;
  /** variance / binomialVariance: ≥ 2 means loss is targeted to some branches (target S3). */
  readonly dispersionRatio: number;
}

/** Per-branch fraction of the spines visible at `from` that are gone at `to` (branches with ≥ minSpines). */
export function branchLoss(from: ImagingSnapshot, to: ImagingSnapshot, minSpines = 5): BranchLossSummary {
  const present = new Set(to.serial);
  const perBranch = new Map<number, { before: number; lost: number }>();
  for (let i = 0; i < from.serial.length; i++) {
    const entry = perBranch.get(from.branch[i]) ?? { before: 0, lost: 0 };
    entry.before++;
    if (!present.has(from.serial[i])) entry.lost++;
    perBranch.set(from.branch[i], entry);
  }
  const branches: BranchLoss[] = [];
  let before = 0;
  let lost = 0;
  for (const [branch, entry] of perBranch) {
    if (entry.before < minSpines) continue;
    branches.push({ branch, before: entry.before, lost: entry.lost, fraction: entry.lost / entry.before });
    before += entry.before;
    lost += entry.lost;
  }
  const meanFraction = before > 0 ? lost / before : 0;
  const m = branches.length;
  let variance = 0;
  let binomialVariance = 0;
  if (m > 1) {
    const mean = branches.reduce((sum, b) => sum + b.fraction, 0) / m;
    variance = branches.reduce((sum, b) => sum + (b.fraction - mean) ** 2, 0) / (m - 1);
    binomialVariance = branches.reduce((sum, b) => sum + (meanFraction * (1 - meanFraction)) / b.before, 0) / m;
  }
  return { branches, meanFraction, variance, binomialVariance, dispersionRatio: binomialVariance > 0 ? variance / binomialVariance : Number.NaN };
}
