import type { ImagingSnapshot } from '../Simulation';

/** The serials visible at each session, for repeated membership tests. */
export function visibleSets(snapshots: readonly ImagingSnapshot[]): Set<number>[] {
  return snapshots.map((s) => new Set(s.serial));
}

export interface PersistenceCounts {
  readonly newPersistent: number;
  readonly newTransient: number;
  readonly lostPersistent: number;
  readonly lostTransient: number;
  /** New spines whose fate cannot be told yet (too few later sessions). */
  readonly newUndetermined: number;
  /** Lost spines seen since the first session but for fewer than `threshold` sessions: their history is unknown. */
  readonly lostUndetermined: number;
}

/**
 * Map Manager-style classification (`sets` from `visibleSets`) for the interval ending at session `index`: a spine is persistent
 * when it is seen in at least `threshold` consecutive sessions. New spines are classified by how long
 * they stay from `index` on; lost spines by how long they had been seen before `index`.
 */
export function persistenceCounts(sets: readonly ReadonlySet<number>[], index: number, threshold: number): PersistenceCounts {
  const counts = { newPersistent: 0, newTransient: 0, lostPersistent: 0, lostTransient: 0, newUndetermined: 0, lostUndetermined: 0 };
  if (index <= 0) return counts;
  const before = sets[index - 1];
  const now = sets[index];
  for (const serial of now) {
    if (before.has(serial)) continue;
    let run = 1;
    while (index + run < sets.length && run < threshold && sets[index + run].has(serial)) run++;
    if (run >= threshold) counts.newPersistent++;
    else if (index + run >= sets.length) counts.newUndetermined++;
    else counts.newTransient++;
  }
  for (const serial of before) {
    if (now.has(serial)) continue;
    let run = 1;
    while (index - 1 - run >= 0 && run < threshold && sets[index - 1 - run].has(serial)) run++;
    if (run >= threshold) counts.lostPersistent++;
    else if (index - 1 - run < 0) counts.lostUndetermined++;
    else counts.lostTransient++;
  }
  return counts;
}
