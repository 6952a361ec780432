import type { ImagingSnapshot } from '../Simulation';

export interface IntervalScore {
  /** Spines visible at the earlier session. */
  readonly before: number;
  readonly after: number;
  /** Present now and absent before. */
  readonly gained: number;
  /** Present before and absent now. */
  readonly lost: number;
  /** gained / before; null when no spine was visible before (a fraction of nothing is undefined, not 0). */
  readonly formation: number | null;
  /** lost / before; null when no spine was visible before. */
  readonly elimination: number | null;
  /** Turnover ratio (gained + lost) / (before + after), as in Holtmaat et al. 2005 and Map Manager; null when both are 0. */
  readonly turnoverRatio: number | null;
}

/**
 * Scores two imaging sessions the way experimenters do: by comparing which spines are visible in each.
 * Spines born and lost between the sessions are never seen.
 */
export function scoreInterval(before: ImagingSnapshot, after: ImagingSnapshot): IntervalScore {
  const earlier = new Set(before.serial);
  let kept = 0;
  for (const serial of after.serial) if (earlier.has(serial)) kept++;
  const gained = after.serial.length - kept;
  const lost = before.serial.length - kept;
  const n = before.serial.length;
  const total = n + after.serial.length;
  return {
    before: n,
    after: after.serial.length,
    gained,
    lost,
    formation: n > 0 ? gained / n : null,
    elimination: n > 0 ? lost / n : null,
    turnoverRatio: total > 0 ? (gained + lost) / total : null,
  };
}

/** Serials visible in `later` but not in `earlier`: the spines first seen at `later`. */
export function newSerials(earlier: ImagingSnapshot, later: ImagingSnapshot): Set<number> {
  const before = new Set(earlier.serial);
  const result = new Set<number>();
  for (const serial of later.serial) if (!before.has(serial)) result.add(serial);
  return result;
}

/** Index of the session at exactly `timeHours`, or -1. */
export function sessionAt(snapshots: readonly ImagingSnapshot[], timeHours: number): number {
  return snapshots.findIndex((s) => Math.abs(s.timeHours - timeHours) < 1e-6);
}

/** Index of the last session at or before `timeHours`, or -1. */
export function lastSessionAtOrBefore(snapshots: readonly ImagingSnapshot[], timeHours: number): number {
  let index = -1;
  for (let i = 0; i < snapshots.length; i++) if (snapshots[i].timeHours <= timeHours + 1e-6) index = i;
  return index;
}
