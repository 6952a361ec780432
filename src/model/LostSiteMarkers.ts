import { pointAlong } from './Morphology';
import type { Simulation } from './Simulation';

/**
 * Where spines were lost under stress, as faint markers for the view: one row of `LOST_SITE_STRIDE`
 * float32 values per marker, most recent first.
 *
 *   [0..2]  point on the dendrite's centre line, with its neuron's layout offset (µm)
 *   [3]     dendrite radius there (µm)
 *   [4]     strength 0–1: the dendrite's memory of the site (the site's weight decaying with
 *           `lostSiteMemoryDays`), the same memory that draws ketamine's new spines back to it;
 *           a site a spine has re-formed at is used up and no longer shown
 */
export const LOST_SITE_STRIDE = 5;
/** Markers weaker than this are not written. */
export const LOST_SITE_MIN_STRENGTH = 0.02;

export class LostSiteMarkers {
  /** Centre-line position and radius per lost site, computed once (sites never move). */
  private positions = new Float32Array(0);
  private known = 0;
  private readonly point = new Float64Array(7);

  constructor(
    private readonly sim: Simulation,
    private readonly branchOffsetsUm: Float32Array,
  ) {}

  /** Writes up to `capacity` markers into `out` from `offset`; returns how many were written. */
  write(out: Float32Array, offset: number, capacity: number): number {
    const sites = this.sim.lostSites;
    this.cachePositions();
    const t = this.sim.timeHours;
    const memoryHours = this.sim.parameters.lostSiteMemoryDays * 24;
    let count = 0;
    for (let i = sites.length - 1; i >= 0 && count < capacity; i--) {
      const site = sites[i];
      const age = t - site.timeHours;
      if (age < 0 || site.consumedHours <= t) continue;
      const strength = Math.min(1, site.weight * Math.exp(-age / memoryHours));
      if (strength < LOST_SITE_MIN_STRENGTH) {
        // Sites are in time order: older ones have decayed at least as far, unless they weighed more.
        if (age > memoryHours * 5) break;
        continue;
      }
      const o = offset + count * LOST_SITE_STRIDE;
      const p = i * 4;
      out[o] = this.positions[p];
      out[o + 1] = this.positions[p + 1];
      out[o + 2] = this.positions[p + 2];
      out[o + 3] = this.positions[p + 3];
      out[o + 4] = strength;
      count++;
    }
    return count;
  }

  private cachePositions(): void {
    const sites = this.sim.lostSites;
    if (sites.length === this.known) return;
    if (sites.length * 4 > this.positions.length) {
      const grown = new Float32Array(Math.max(1024, sites.length * 8));
      grown.set(this.positions);
      this.positions = grown;
    }
    const point = this.point;
    for (let i = this.known; i < sites.length; i++) {
      const site = sites[i];
      pointAlong(this.sim.branches[site.branch].branch, site.positionUm, point);
      const b = site.branch * 3;
      this.positions[i * 4] = point[0] + this.branchOffsetsUm[b];
      this.positions[i * 4 + 1] = point[1] + this.branchOffsetsUm[b + 1];
      this.positions[i * 4 + 2] = point[2] + this.branchOffsetsUm[b + 2];
      this.positions[i * 4 + 3] = point[6];
    }
    this.known = sites.length;
  }
}
