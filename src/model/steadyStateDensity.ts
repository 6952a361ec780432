import type { Parameters } from './parameters';

export interface SteadyStateDensity {
  /** Transient (not yet stabilised) spines per µm of spiny dendrite. */
  readonly transientPerUm: number;
  /** Persistent spines per µm; 0 when persistent spines are never lost (there is no steady state then). */
  readonly persistentPerUm: number;
  /** Rate at which a transient spine leaves its state: lost or stabilised (per day). */
  readonly transientLossPerDay: number;
  /** Rate at which a persistent spine is lost (per day). */
  readonly persistentLossPerDay: number;
}

/**
 * The two-state model's analytic steady state at baseline: spines form at F per µm per day as transients,
 * which are lost at k_T or stabilise at m; persistent spines are lost at k_P. Both losses are averaged over
 * the log-normal size spread, which multiplies a hazard ∝ V^−β by exp(β²σ²/2). The simulation starts from
 * it (burn-in then settles sizes), and the work budget projects spine counts from it.
 */
export function steadyStateDensity(p: Parameters): SteadyStateDensity {
  const sizeFactor = Math.exp((p.sizeHazardExponent * p.sizeHazardExponent * p.sizeLogSd * p.sizeLogSd) / 2);
  const transientLossPerDay = p.transientEliminationPerDay * sizeFactor + p.maturationPerDay;
  const transientPerUm = transientLossPerDay > 0 ? p.formationPerUmPerDay / transientLossPerDay : 0;
  const persistentLossPerDay = p.persistentEliminationPerDay * sizeFactor;
  const persistentPerUm = persistentLossPerDay > 0 ? (p.maturationPerDay * transientPerUm) / persistentLossPerDay : 0;
  return { transientPerUm, persistentPerUm, transientLossPerDay, persistentLossPerDay };
}
