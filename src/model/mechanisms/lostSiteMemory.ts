import type { RandomStream } from '../random';

/**
 * Where stress removed established spines, as the dendrite remembers them: the sites ketamine re-forms
 * spines at (Moda-Sava et al. 2019: ketamine "selectively rescu[es] eliminated spines"; Ng et al. 2018:
 * re-formation "in close proximity to previously stress-eliminated spines").
 *
 * - What is recorded: a persistent spine eliminated on a branch where stress multiplied the hazard by φ is
 *   recorded with probability (φ − 1)/φ, the chance that stress, not baseline turnover, removed it. So the
 *   memory holds what stress added; half-intensity stress leaves about half the sites.
 * - Fading: a site's weight is e^(−age/τ), τ = `lostSiteMemoryDays` [estimate]. Sites below 1e-3 are dropped.
 * - Use: re-formation takes a site (chosen in proportion to weight) and uses it up, so no site is
 *   re-formed twice and a second dose finds fewer sites than the first.
 */
export interface LostSite {
  readonly branch: number;
  readonly positionUm: number;
  readonly timeHours: number;
  /** Strength of the trace when recorded (1); it fades with the memory's time constant. */
  readonly weight: number;
  /** When a spine re-formed here and used the site up; Infinity while it is free. */
  consumedHours: number;
}

const FORGOTTEN_WEIGHT = 1e-3;

export class LostSiteMemory {
  /** Every site ever recorded, in time order (the view's markers and the calibration read it). */
  readonly sites: LostSite[] = [];
  /** Sites that re-formation has used up. */
  consumed = 0;
  private readonly free: LostSite[][];
  private readonly byBranch: LostSite[][];

  constructor(
    /** The neuron of each branch (flat branch index). */
    private readonly branchNeuron: readonly number[],
    neuronCount: number,
    private readonly random: RandomStream,
  ) {
    this.free = Array.from({ length: neuronCount }, () => []);
    this.byBranch = branchNeuron.map(() => []);
  }

  /** Records the loss at (branch, position) with probability `stressExcess`; returns whether it did. */
  recordLoss(branch: number, positionUm: number, timeHours: number, stressExcess: number): boolean {
    if (this.random.uniform() >= stressExcess) return false;
    const site: LostSite = { branch, positionUm, timeHours, weight: 1, consumedHours: Infinity };
    this.sites.push(site);
    this.free[this.branchNeuron[branch]].push(site);
    this.byBranch[branch].push(site);
    return true;
  }

  /** Summed weight of a neuron's free sites at time t (drops the forgotten ones). */
  weightOf(neuronIndex: number, timeHours: number, memoryDays: number): number {
    const list = this.free[neuronIndex];
    const tau = memoryDays * 24;
    let total = 0;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const weight = list[i].weight * Math.exp(-(timeHours - list[i].timeHours) / tau);
      if (weight < FORGOTTEN_WEIGHT) {
        this.dropFromBranch(list[i]);
        continue;
      }
      list[kept++] = list[i];
      total += weight;
    }
    list.length = kept;
    return total;
  }

  /** Takes one free site of the neuron, chosen in proportion to its weight, and marks it used; null when none. */
  take(neuronIndex: number, timeHours: number, memoryDays: number, u: number): LostSite | null {
    const list = this.free[neuronIndex];
    if (list.length === 0) return null;
    const tau = memoryDays * 24;
    let total = 0;
    for (const site of list) total += site.weight * Math.exp(-(timeHours - site.timeHours) / tau);
    let remaining = u * total;
    let index = list.length - 1;
    for (let i = 0; i < list.length; i++) {
      remaining -= list[i].weight * Math.exp(-(timeHours - list[i].timeHours) / tau);
      if (remaining <= 0) {
        index = i;
        break;
      }
    }
    const site = list[index];
    list[index] = list[list.length - 1];
    list.pop();
    this.dropFromBranch(site);
    site.consumedHours = timeHours;
    this.consumed++;
    return site;
  }

  /** Whether a free, still remembered site (weight ≥ 5 % of a fresh one) lies within `distanceUm`. */
  nearRemembered(branch: number, positionUm: number, timeHours: number, distanceUm: number, memoryDays: number): boolean {
    const sites = this.byBranch[branch];
    const tau = memoryDays * 24;
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      if (Math.abs(site.positionUm - positionUm) <= distanceUm && site.weight * Math.exp(-(timeHours - site.timeHours) / tau) >= 0.05) return true;
    }
    return false;
  }

  private dropFromBranch(site: LostSite): void {
    const list = this.byBranch[site.branch];
    const index = list.indexOf(site);
    if (index >= 0) {
      list[index] = list[list.length - 1];
      list.pop();
    }
  }
}
