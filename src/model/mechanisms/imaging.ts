import type { Parameters } from '../parameters';
import type { RandomStream } from '../random';
import { SpineStatus, type SpineStore } from '../SpineStore';

/**
 * Two-photon imaging as experimenters score it (Holtmaat et al. 2009, Nat Protoc): the same dendrites are
 * revisited at fixed sessions and a protrusion is scored when it is visible. Each live spine's head is
 * measured with multiplicative error (`imagingNoiseLogSd`, independent per session) and scored when the
 * measured volume exceeds `detectionThresholdUm3` (the ≈0.4 µm optical limit). Spines near the limit are
 * therefore sometimes scored and sometimes missed: the model's scoring error. Its size is checked by a
 * same-day re-imaging readout (two sessions an hour apart) in the calibration.
 */
export interface ImagingSnapshot {
  readonly timeHours: number;
  readonly serial: Uint32Array;
  readonly branch: Uint32Array;
  readonly positionUm: Float32Array;
  readonly cohort: Uint8Array;
  readonly volumeUm3: Float32Array;
  /** Ground truth the experimenter does not have: when each scored spine was born (h). */
  readonly birthHours: Float64Array;
  /** Visible spines on all spiny branches, imaged or not. */
  readonly visibleAllBranches: number;
}

const ALIVE: number = SpineStatus.Alive;

/** Scores every live spine on the imaged branches at time t. */
export function takeSnapshot(s: SpineStore, imagedBranch: ArrayLike<boolean>, timeHours: number, p: Parameters, random: RandomStream): ImagingSnapshot {
  const threshold = Math.log(p.detectionThresholdUm3);
  const noise = p.imagingNoiseLogSd;
  const slots: number[] = [];
  const measured: number[] = [];
  let visibleAllBranches = 0;
  for (let i = 0; i < s.highWater; i++) {
    if (s.status[i] !== ALIVE) continue;
    const logVolume = s.logVolume[i] + (noise > 0 ? noise * random.normal() : 0);
    if (logVolume < threshold) continue;
    visibleAllBranches++;
    if (imagedBranch[s.branch[i]]) {
      slots.push(i);
      measured.push(logVolume);
    }
  }
  const n = slots.length;
  const snapshot: ImagingSnapshot = {
    timeHours,
    serial: new Uint32Array(n),
    branch: new Uint32Array(n),
    positionUm: new Float32Array(n),
    cohort: new Uint8Array(n),
    volumeUm3: new Float32Array(n),
    birthHours: new Float64Array(n),
    visibleAllBranches,
  };
  slots.forEach((slot, k) => {
    snapshot.serial[k] = s.serial[slot];
    snapshot.branch[k] = s.branch[slot];
    snapshot.positionUm[k] = s.positionUm[slot];
    snapshot.cohort[k] = s.cohort[slot];
    snapshot.volumeUm3[k] = Math.exp(measured[k]);
    snapshot.birthHours[k] = s.birthHours[slot];
  });
  return snapshot;
}

/** Live spines whose true head is above the detection limit (no measurement error), optionally imaged branches only. */
export function countVisible(s: SpineStore, detectionThresholdUm3: number, imagedBranch?: ArrayLike<boolean>): number {
  const threshold = Math.log(detectionThresholdUm3);
  let count = 0;
  for (let i = 0; i < s.highWater; i++) {
    if (s.status[i] !== ALIVE || s.logVolume[i] < threshold) continue;
    if (imagedBranch && !imagedBranch[s.branch[i]]) continue;
    count++;
  }
  return count;
}
