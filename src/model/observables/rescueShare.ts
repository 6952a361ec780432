import type { BranchInfo, ImagingSnapshot } from '../Simulation';
import { newSerials } from './scoreInterval';

export interface RescueShare {
  /** Spines lost under stress: visible when stress began, gone when it ended. */
  readonly lostSites: number;
  /** New spines first seen after the dose (within the window). */
  readonly newSpines: number;
  /** Of those, within `distanceUm` of a stress-lost site on the same branch. */
  readonly nearLostSite: number;
  readonly share: number;
  /** The share uniform placement would give: the fraction of imaged dendrite within `distanceUm` of a lost site. */
  readonly uniformShare: number;
  /** share / uniformShare (target K4: ≥ 2). */
  readonly enrichment: number;
}

/**
 * Scores targeted rescue as the experiment does: stress-lost sites come from comparing the sessions at
 * stress onset and stress end; post-treatment new spines from the sessions after the dose.
 */
export function rescueShare(
  snapshots: readonly ImagingSnapshot[],
  branches: readonly BranchInfo[],
  stressStartIndex: number,
  stressEndIndex: number,
  newSpineSessionIndices: readonly number[],
  distanceUm: number,
): RescueShare {
  const lostByBranch = new Map<number, number[]>();
  const ended = new Set(snapshots[stressEndIndex].serial);
  const start = snapshots[stressStartIndex];
  let lostSites = 0;
  for (let i = 0; i < start.serial.length; i++) {
    if (ended.has(start.serial[i])) continue;
    lostSites++;
    const list = lostByBranch.get(start.branch[i]) ?? [];
    list.push(start.positionUm[i]);
    lostByBranch.set(start.branch[i], list);
  }
  let newSpines = 0;
  let nearLostSite = 0;
  for (const index of newSpineSessionIndices) {
    const fresh = newSerials(snapshots[index - 1], snapshots[index]);
    const snap = snapshots[index];
    for (let i = 0; i < snap.serial.length; i++) {
      if (!fresh.has(snap.serial[i])) continue;
      newSpines++;
      const sites = lostByBranch.get(snap.branch[i]);
      if (sites && sites.some((p) => Math.abs(p - snap.positionUm[i]) <= distanceUm)) nearLostSite++;
    }
  }
  // Uniform expectation: covered length (union of ±distance windows) over imaged length.
  let imagedLength = 0;
  let coveredLength = 0;
  for (const info of branches) {
    if (!info.imaged) continue;
    const length = info.branch.lengthUm;
    imagedLength += length;
    const sites = (lostByBranch.get(info.globalIndex) ?? []).slice().sort((a, b) => a - b);
    let coveredEnd = -Infinity;
    for (const site of sites) {
      const lo = Math.max(0, site - distanceUm, coveredEnd);
      const hi = Math.min(length, site + distanceUm);
      if (hi > lo) coveredLength += hi - lo;
      coveredEnd = Math.max(coveredEnd, hi);
    }
  }
  const share = newSpines > 0 ? nearLostSite / newSpines : Number.NaN;
  const uniformShare = imagedLength > 0 ? coveredLength / imagedLength : Number.NaN;
  return { lostSites, newSpines, nearLostSite, share, uniformShare, enrichment: share / uniformShare };
}
