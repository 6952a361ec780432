import type { ImagingSnapshot } from '../Simulation';

export interface PersistenceCounts {
  readonly newPersistent: number;
  readonly newTransient: number;
  readonly lostPersistent: number;
  readonly lostTransient: number;
  /** New spines whose fate cannot be told yet (too few later sessions). */
  readonly newUndetermined: number;
}

/**
 * Map Manager-style classification for the interval ending at session `index`: a spine is persistent
 * when it is seen in at least `threshold` consecutive sessions. New spines are classified by how long
 * they stay from `index` on; lost spines by how long they had been seen before `index`.
 */
export function persistenceCounts(snapshots: readonly ImagingSnapshot[], index: number, threshold: number): PersistenceCounts {
  const sets = snapshots.map((s) => new Set(s.serial));
  const counts = { newPersistent: 0, newTransient: 0, lostPersistent: 0, lostTransient: 0, newUndetermined: 0 };
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
    else counts.lostTransient++;
  }
  return counts;
}
