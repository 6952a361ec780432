import type { ImagingSnapshot } from '../Simulation';
import { newSerials } from './scoreInterval';

export interface SurvivalPoint {
  readonly delayHours: number;
  /** New spines followed (pooled over every session that has a session exactly `delayHours` later). */
  readonly followed: number;
  readonly surviving: number;
  readonly fraction: number;
}

/**
 * Survival of new spines after first detection: of the spines first seen at a session, the fraction
 * still visible at the session exactly `delayHours` later, pooled over all such session pairs whose
 * first session lies within [fromHours, toHours].
 */
export function newSpineSurvival(snapshots: readonly ImagingSnapshot[], delayHours: number, fromHours = 0, toHours = Infinity): SurvivalPoint {
  let followed = 0;
  let surviving = 0;
  for (let k = 1; k < snapshots.length; k++) {
    const t = snapshots[k].timeHours;
    if (t < fromHours || t > toHours) continue;
    const later = snapshots.find((s) => Math.abs(s.timeHours - (t + delayHours)) < 1e-6);
    if (!later) continue;
    const fresh = newSerials(snapshots[k - 1], snapshots[k]);
    const present = new Set(later.serial);
    followed += fresh.size;
    for (const serial of fresh) if (present.has(serial)) surviving++;
  }
  return { delayHours, followed, surviving, fraction: followed > 0 ? surviving / followed : Number.NaN };
}
