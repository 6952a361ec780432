import type { ReplicateResult } from '../runReplicate';
import { DAY_HOURS } from '../scenarios';
import { scoreInterval, sessionAt } from './scoreInterval';

/**
 * Readouts pooled over the replicates of one protocol, scored from imaging and behaviour as the
 * calibration scores them: interval rates pooled over replicates, means at a session or behaviour test,
 * and the density drift.
 */
export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
export const mean = (values: readonly number[]) => (values.length ? sum(values) / values.length : Number.NaN);

/** Pooled interval score between two session times over replicates: Σ gained / Σ before (and lost). */
export function pooledInterval(results: readonly ReplicateResult[], fromHours: number, toHours: number) {
  let before = 0;
  let gained = 0;
  let lost = 0;
  for (const result of results) {
    const a = sessionAt(result.snapshots, fromHours);
    const b = sessionAt(result.snapshots, toHours);
    const score = scoreInterval(result.snapshots[a], result.snapshots[b]);
    before += score.before;
    gained += score.gained;
    lost += score.lost;
  }
  return { formation: gained / before, elimination: lost / before };
}

/** Mean over replicates and over consecutive 2-day intervals within [fromHours, toHours]. */
export function twoDayRates(results: readonly ReplicateResult[], fromHours: number, toHours: number) {
  const formation: number[] = [];
  const elimination: number[] = [];
  for (const result of results) {
    const sessions = result.sessions;
    for (let i = 1; i < sessions.length; i++) {
      const start = sessions[i - 1].timeHours;
      const end = sessions[i].timeHours;
      if (start < fromHours || end > toHours || end - start !== 2 * DAY_HOURS) continue;
      const { formation: formed, elimination: eliminated } = sessions[i];
      // An interval with no spine visible before has no rates; it is left out, not counted as 0.
      if (formed === null || eliminated === null) continue;
      formation.push(formed);
      elimination.push(eliminated);
    }
  }
  return { formation: mean(formation), elimination: mean(elimination) };
}

export function densityAt(results: readonly ReplicateResult[], hours: number): number {
  return mean(results.map((r) => r.sessions[sessionAt(r.snapshots, hours)].densityPerUm));
}

export function escapeAt(results: readonly ReplicateResult[], hours: number): number {
  return mean(results.map((r) => r.behaviour.find((b) => Math.abs(b.timeHours - hours) < 1e-6)?.escapeIndex ?? Number.NaN));
}

export function escapeOver(results: readonly ReplicateResult[], fromHours: number, toHours: number): number {
  return mean(results.flatMap((r) => r.behaviour.filter((b) => b.timeHours >= fromHours && b.timeHours <= toHours).map((b) => b.escapeIndex)));
}

/** Least-squares slope of density against time, relative to the mean density, per week. */
export function relativeDriftPerWeek(results: readonly ReplicateResult[]): number {
  const points = results.flatMap((r) => r.sessions.map((s) => [s.timeHours / (7 * DAY_HOURS), s.densityPerUm] as const));
  const mx = mean(points.map((p) => p[0]));
  const my = mean(points.map((p) => p[1]));
  const slope = sum(points.map((p) => (p[0] - mx) * (p[1] - my))) / sum(points.map((p) => (p[0] - mx) ** 2));
  return slope / my;
}

export function coherencesAt(results: readonly ReplicateResult[], hours: number): number[] {
  return results.map((r) => r.behaviour.find((b) => Math.abs(b.timeHours - hours) < 1e-6)?.ensembleCoherence ?? Number.NaN);
}
