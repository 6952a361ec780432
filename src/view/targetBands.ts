import { TARGET_RANGES } from '../model/calibration';
import type { Protocol } from '../model/Protocol';
import { DAY_HOURS, STRESS_START_HOURS } from '../model/scenarios';

/** The live charts a target band can go on (Charts.tsx's chart ids). */
export type TargetChart = 'density' | 'turnover' | 'escape';

/** A calibration target drawn as a band on a chart: the days it covers and its range, in the chart's units. */
export interface TargetBand {
  readonly id: 'B1' | 'B3' | 'G5';
  readonly chart: TargetChart;
  readonly fromDay: number;
  readonly toDay: number;
  readonly low: number;
  readonly high: number;
  /** The target and its source, in words (the band's hover text). */
  readonly description: string;
}

const SHAO = 'Shao et al. 2021, Neuron, doi:10.1016/j.neuron.2021.06.008 (saline group; derived from the Kwan lab’s public data)';
const POOLED = 'The check pools 20 runs of 3 neurons (npm run sim -- --report); one run scatters around it.';

/**
 * The stretch of the protocol before anything happens to the mouse (stress, a dose or a deletion): there
 * the run is an unstressed control run, which is what the baseline targets are defined on.
 */
export function undisturbedHours(protocol: Protocol): number {
  const events = [...protocol.stress.map((s) => s.startHours), ...protocol.ketamine.map((d) => d.timeHours), ...protocol.ablations.map((a) => a.timeHours)];
  return Math.min(protocol.durationHours, ...events);
}

/** The stretches (in hours) where consecutive imaging sessions are 2 days apart, up to `untilHours`. */
function twoDayStretches(imagingHours: readonly number[], untilHours: number): [number, number][] {
  const stretches: [number, number][] = [];
  for (let k = 1; k < imagingHours.length && imagingHours[k] <= untilHours; k++) {
    if (imagingHours[k] - imagingHours[k - 1] !== 2 * DAY_HOURS) continue;
    const last = stretches[stretches.length - 1];
    if (last && last[1] === imagingHours[k - 1]) last[1] = imagingHours[k];
    else stretches.push([imagingHours[k - 1], imagingHours[k]]);
  }
  return stretches;
}

/**
 * The calibration targets (calibration.ts, docs/science.md "Targets") that are a range of one of the live
 * charts' own readouts, where they apply in this protocol. Only three are: B1 (formation per 2-day
 * interval), B3 (visible density on the imaged tuft) and G5 (escape index), all defined on the unstressed
 * control run, so they are drawn over the part of the run before stress, a dose or a deletion (the whole
 * run for the control protocol). The others compare runs (stress with control, ketamine with stress alone,
 * rescue fractions), follow spine identities (survival, rescue at lost sites, fate) or are not on a chart
 * (head volume, branch dispersion): no band on one run's chart means the same thing.
 */
export function targetBands(protocol: Protocol): TargetBand[] {
  const until = undisturbedHours(protocol);
  if (until <= 0) return [];
  const bands: TargetBand[] = [];
  const b1 = TARGET_RANGES.B1;
  // The chart shows % per day of each interval; over a 2-day interval that is the 2-day fraction / 2.
  for (const [from, to] of twoDayStretches(protocol.imagingHours, until)) {
    bands.push({
      id: 'B1', chart: 'turnover', fromDay: from / DAY_HOURS, toDay: to / DAY_HOURS, low: (100 * b1.low) / 2, high: (100 * b1.high) / 2,
      description: `B1, baseline formation: 7–8 % of the spines per 2-day interval, accepted ${100 * b1.low}–${100 * b1.high} % (drawn as ${(100 * b1.low) / 2}–${(100 * b1.high) / 2} % per day), in an unstressed mouse. Source: ${SHAO}. ${POOLED}`,
    });
  }
  const b3 = TARGET_RANGES.B3;
  const b3Until = Math.min(until, STRESS_START_HOURS);
  if (protocol.imagingHours.some((t) => t <= b3Until)) {
    bands.push({
      id: 'B3', chart: 'density', fromDay: 0, toDay: b3Until / DAY_HOURS, low: b3.low, high: b3.high,
      description: `B3, visible spine density on the imaged apical tuft in the first 10 days, before stress: ${((b3.low + b3.high) / 2).toFixed(2)} ± ${((b3.high - b3.low) / 2).toFixed(1)} per µm. Source: ${SHAO}, which gives 0.48–0.50 per µm. ${POOLED}`,
    });
  }
  const g5 = TARGET_RANGES.G5;
  if (protocol.behaviourHours.some((t) => t <= until)) {
    bands.push({
      id: 'G5', chart: 'escape', fromDay: 0, toDay: until / DAY_HOURS, low: g5.low, high: g5.high,
      description: `G5, an unstressed mouse keeps escaping: escape index ≥ ${g5.low} at every behaviour test. Source: a requirement of the model (the control run is steady), not a measurement. ${POOLED}`,
    });
  }
  return bands;
}
