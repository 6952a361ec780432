import { FADE_HOURS, type Simulation } from './Simulation';
import { Cohort, FLAG_NEAR_LOST_SITE, SpineStatus } from './SpineStore';

/**
 * The per-slot spine frame the view draws from: one row of `SPINE_FRAME_STRIDE` float32 values per
 * store slot (row index = slot = instance index), so a frame is one flat typed array that can be
 * transferred between threads and copied into a GPU buffer in a single `set`.
 *
 *   [0..2]  base of the spine on the dendrite surface, with its neuron's layout offset (µm)
 *   [3..5]  outward direction times the display scale: the vector's length is 0 (hidden) to 1 (full
 *           size) and animates the grow-in of a new spine and the shrink-out of an eliminated one
 *   [6]     head diameter (µm), d = (6V/π)^(1/3)
 *   [7]     colour category (a `SpineCategory`)
 *
 * Free slots are all zeros (display scale 0: not drawn).
 */
export const SPINE_FRAME_STRIDE = 8;
export const SPINE_FRAME_BASE = 0;
export const SPINE_FRAME_DIRECTION = 3;
export const SPINE_FRAME_HEAD_DIAMETER = 6;
export const SPINE_FRAME_CATEGORY = 7;

/** Simulated hours over which a new spine grows from nothing to its size on screen. */
export const GROW_IN_HOURS = 4;

/** What a spine's colour tells the viewer. */
export const enum SpineCategory {
  /** Present at day 0 (formed before the first imaging session). */
  FromStart = 0,
  /** Formed since day 0, not in the week after a ketamine dose. */
  New = 1,
  /** Formed within the window after a ketamine dose. */
  Ketamine = 2,
  /** Formed after ketamine within the rescue distance of a spine lost under stress. */
  KetamineAtLostSite = 3,
  /** Eliminated and shrinking out. */
  Eliminated = 4,
}

export const SPINE_CATEGORY_COUNT = 5;

export interface SpineFrameStats {
  /** Rows written: one past the highest slot in use. */
  readonly spineCount: number;
  /** Live spines, visible or not. */
  readonly liveSpines: number;
  /** Live spines at or above the detection limit (all spiny branches). */
  readonly visibleSpines: number;
}

/** The colour category of one spine from its store columns. */
export function spineCategory(status: number, cohort: number, flags: number): SpineCategory {
  if (status === SpineStatus.Fading) return SpineCategory.Eliminated;
  if (cohort === Cohort.Ketamine) return flags & FLAG_NEAR_LOST_SITE ? SpineCategory.KetamineAtLostSite : SpineCategory.Ketamine;
  if (cohort === Cohort.Initial) return SpineCategory.FromStart;
  return SpineCategory.New;
}

/**
 * Head diameter by log volume, tabulated: one exp per spine per frame is most of the frame's cost.
 * Linear interpolation over 1/256 ln-unit steps is exact to ≈1e-6 relative, far below a pixel.
 */
const HEAD_TABLE_MIN_LOG_VOLUME = -16;
const HEAD_TABLE_MAX_LOG_VOLUME = 4;
const HEAD_TABLE_SCALE = 256;
const HEAD_TABLE_SIZE = (HEAD_TABLE_MAX_LOG_VOLUME - HEAD_TABLE_MIN_LOG_VOLUME) * HEAD_TABLE_SCALE;
const headDiameterTable = (() => {
  const table = new Float64Array(HEAD_TABLE_SIZE + 2);
  for (let k = 0; k < table.length; k++) table[k] = Math.cbrt((6 / Math.PI) * Math.exp(HEAD_TABLE_MIN_LOG_VOLUME + k / HEAD_TABLE_SCALE));
  return table;
})();

/** Head diameter (µm) of a spherical head of volume e^logVolume µm³: (6V/π)^(1/3). */
export function headDiameterUm(logVolume: number): number {
  return Math.cbrt((6 / Math.PI) * Math.exp(logVolume));
}

/** Eases 0→1 with zero slope at both ends, so growth starts and ends gently. */
function smoothstep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

/**
 * Writes the spine frame for the simulation's current time into `out` (which must hold
 * `sim.spines.highWater * SPINE_FRAME_STRIDE` values) and returns the counts the view shows.
 * `branchOffsetsUm` holds an x, y, z offset per global branch (see `branchOffsetsUm`), so that neurons
 * sharing a soma position in the model stand side by side in the view. Allocates nothing but the
 * returned counts.
 */
export function writeSpineFrame(sim: Simulation, branchOffsetsUm: Float32Array, out: Float32Array): SpineFrameStats {
  const s = sim.spines;
  const spineCount = s.highWater;
  const needed = spineCount * SPINE_FRAME_STRIDE;
  if (out.length < needed) throw new RangeError(`spine frame needs ${needed} values, buffer holds ${out.length}`);
  const t = sim.timeHours;
  const threshold = Math.log(sim.parameters.detectionThresholdUm3);
  const { status, cohort, flags, birthHours, deathHours, logVolume, branch, x, y, z, dx, dy, dz } = s;
  const table = headDiameterTable;
  // Enum members from another module are property loads when not inlined: read them once.
  const FREE = SpineStatus.Free;
  const ALIVE = SpineStatus.Alive;
  const KETAMINE = Cohort.Ketamine;
  const INITIAL = Cohort.Initial;
  const AT_LOST_SITE = SpineCategory.KetamineAtLostSite;
  const KETAMINE_NEW = SpineCategory.Ketamine;
  const FROM_START = SpineCategory.FromStart;
  const NEW = SpineCategory.New;
  const ELIMINATED = SpineCategory.Eliminated;
  let liveSpines = 0;
  let visibleSpines = 0;
  for (let i = 0, o = 0; i < spineCount; i++, o += SPINE_FRAME_STRIDE) {
    const state = status[i];
    if (state === FREE) {
      for (let k = 0; k < SPINE_FRAME_STRIDE; k++) out[o + k] = 0;
      continue;
    }
    const volume = logVolume[i];
    let scale: number;
    let category: number;
    if (state === ALIVE) {
      liveSpines++;
      if (volume >= threshold) visibleSpines++;
      scale = smoothstep((t - birthHours[i]) / GROW_IN_HOURS);
      const c = cohort[i];
      category =
        c === KETAMINE
          ? flags[i] & FLAG_NEAR_LOST_SITE
            ? AT_LOST_SITE
            : KETAMINE_NEW
          : c === INITIAL
            ? FROM_START
            : NEW;
    } else {
      scale = 1 - smoothstep((t - deathHours[i]) / FADE_HOURS);
      category = ELIMINATED;
    }
    const b = branch[i] * 3;
    out[o] = x[i] + branchOffsetsUm[b];
    out[o + 1] = y[i] + branchOffsetsUm[b + 1];
    out[o + 2] = z[i] + branchOffsetsUm[b + 2];
    out[o + 3] = dx[i] * scale;
    out[o + 4] = dy[i] * scale;
    out[o + 5] = dz[i] * scale;
    // Head diameter (6V/π)^(1/3), V = e^logVolume, interpolated from a table (display precision).
    let position = (volume - HEAD_TABLE_MIN_LOG_VOLUME) * HEAD_TABLE_SCALE;
    if (position < 0) position = 0;
    else if (position > HEAD_TABLE_SIZE) position = HEAD_TABLE_SIZE;
    const k = position | 0;
    out[o + 6] = table[k] + (position - k) * (table[k + 1] - table[k]);
    out[o + 7] = category;
  }
  return { spineCount, liveSpines, visibleSpines };
}
