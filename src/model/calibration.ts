import { branchLoss } from './observables/branchLoss';
import { newSpineSurvival } from './observables/newSpineSurvival';
import { rescueShare } from './observables/rescueShare';
import { newSerials, scoreInterval, sessionAt } from './observables/scoreInterval';
import { runReplicate, type ReplicateResult } from './runReplicate';
import { ABLATION_HOURS, DAY_HOURS, DOSE_HOURS, RESTRESS_END_HOURS, scenarioNames, scenarioProtocol, STRESS_END_HOURS, STRESS_START_HOURS, type ScenarioName } from './scenarios';
import { resolveParameters } from './parameters';

/**
 * The acceptance bar of science.md §5, computed from simulated imaging exactly as experimenters score it.
 * Each replicate runs all five presets with the same seed, so every ratio compares a condition with the
 * control (or the stress-alone run) that shares its random numbers.
 */
export interface CalibrationCheck {
  readonly id: string;
  readonly phenomenon: string;
  readonly target: string;
  readonly value: number;
  readonly display: string;
  readonly pass: boolean;
}

export interface CalibrationReport {
  readonly replicates: number;
  readonly seed: number;
  readonly checks: readonly CalibrationCheck[];
  readonly passed: number;
}

export type ScenarioRuns = Record<ScenarioName, ReplicateResult[]>;

export function runCalibrationScenarios(replicates: number, seed: number, parameters: Readonly<Record<string, unknown>> = {}, onReplicate?: (done: number) => void): ScenarioRuns {
  const runs = Object.fromEntries(scenarioNames.map((name) => [name, [] as ReplicateResult[]])) as ScenarioRuns;
  for (let r = 0; r < replicates; r++) {
    for (const name of scenarioNames) runs[name].push(runReplicate({ protocol: scenarioProtocol(name), seed: seed + r, parameters }));
    onReplicate?.(r + 1);
  }
  return runs;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => (values.length ? sum(values) / values.length : Number.NaN);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const fixed = (x: number, digits = 2) => x.toFixed(digits);

/** Pooled interval score between two session times over replicates: Σ gained / Σ before (and lost). */
function pooledInterval(results: readonly ReplicateResult[], fromHours: number, toHours: number) {
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
function twoDayRates(results: readonly ReplicateResult[], fromHours: number, toHours: number) {
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

function densityAt(results: readonly ReplicateResult[], hours: number): number {
  return mean(results.map((r) => r.sessions[sessionAt(r.snapshots, hours)].densityPerUm));
}

function escapeAt(results: readonly ReplicateResult[], hours: number): number {
  return mean(results.map((r) => r.behaviour.find((b) => Math.abs(b.timeHours - hours) < 1e-6)?.escapeIndex ?? Number.NaN));
}

function escapeOver(results: readonly ReplicateResult[], fromHours: number, toHours: number): number {
  return mean(results.flatMap((r) => r.behaviour.filter((b) => b.timeHours >= fromHours && b.timeHours <= toHours).map((b) => b.escapeIndex)));
}

/** Least-squares slope of density against time, relative to the mean density, per week. */
function relativeDriftPerWeek(results: readonly ReplicateResult[]): number {
  const points = results.flatMap((r) => r.sessions.map((s) => [s.timeHours / (7 * DAY_HOURS), s.densityPerUm] as const));
  const mx = mean(points.map((p) => p[0]));
  const my = mean(points.map((p) => p[1]));
  const slope = sum(points.map((p) => (p[0] - mx) * (p[1] - my))) / sum(points.map((p) => (p[0] - mx) ** 2));
  return slope / my;
}

export function calibrationChecks(runs: ScenarioRuns, rescueDistanceUm: number): CalibrationCheck[] {
  const control = runs.control;
  const stress = runs.stress;
  const ketamine = runs['stress-ketamine'];
  const ablation = runs['stress-ketamine-ablation'];
  const restress = runs['stress-ketamine-restress'];
  const checks: CalibrationCheck[] = [];
  const add = (id: string, phenomenon: string, target: string, value: number, display: string, pass: boolean) =>
    checks.push({ id, phenomenon, target, value, display, pass: pass && Number.isFinite(value) });

  // Baseline (control run, every 2-day interval).
  const baseline = twoDayRates(control, 0, Infinity);
  add('B1', 'baseline formation per 2 days', '7–8 % (accept 5–10 %)', baseline.formation, pct(baseline.formation), baseline.formation >= 0.05 && baseline.formation <= 0.1);
  const gap = Math.abs(baseline.elimination - baseline.formation);
  const drift = relativeDriftPerWeek(control);
  add('B2', 'baseline elimination ≈ formation; density drift', 'within 1.5 points; < 2 % per week', Math.max(gap * 100 / 1.5, Math.abs(drift) * 100 / 2),
    `elimination ${pct(baseline.elimination)} (gap ${(100 * gap).toFixed(2)} pts); drift ${(100 * drift).toFixed(2)} %/week`, gap <= 0.015 && Math.abs(drift) < 0.02);
  const baselineDensity = mean(control.flatMap((r) => r.sessions.filter((s) => s.timeHours <= STRESS_START_HOURS).map((s) => s.densityPerUm)));
  add('B3', 'visible density on apical tuft branches', '0.45 ± 0.1 /µm', baselineDensity, `${fixed(baselineDensity, 3)} /µm`, Math.abs(baselineDensity - 0.45) <= 0.1);
  const survival6 = survivalPooled(control, 6 * DAY_HOURS);
  const survival33 = survivalPooled(control, 33 * DAY_HOURS);
  add('B4', 'new-spine survival after first detection', '≈60 % at 6 d (±10), ≈40 % at 33 d (±10)', survival6,
    `${pct(survival6)} at 6 d; ${pct(survival33)} at 33 d`, Math.abs(survival6 - 0.6) <= 0.1 && Math.abs(survival33 - 0.4) <= 0.1);
  const sizes = sizeStatistics(control);
  add('B5', 'head volume', 'log-normal; median 0.08–0.2 µm³; new < persistent', sizes.median,
    `median ${fixed(sizes.median, 3)} µm³; log-skewness ${fixed(sizes.logSkewness)}; new ${fixed(sizes.newMedian, 3)} vs persistent ${fixed(sizes.persistentMedian, 3)} µm³`,
    sizes.median >= 0.08 && sizes.median <= 0.2 && Math.abs(sizes.logSkewness) < 0.5 && sizes.newMedian < sizes.persistentMedian);

  // Chronic stress, scored like the paper's before/after imaging of the stress weeks.
  const stressWindow = pooledInterval(stress, STRESS_START_HOURS, STRESS_END_HOURS);
  const controlWindow = pooledInterval(control, STRESS_START_HOURS, STRESS_END_HOURS);
  const eliminationRatio = stressWindow.elimination / controlWindow.elimination;
  const formationRatio = stressWindow.formation / controlWindow.formation;
  const twoDayStress = twoDayRates(stress, STRESS_START_HOURS, STRESS_END_HOURS);
  const twoDayControl = twoDayRates(control, STRESS_START_HOURS, STRESS_END_HOURS);
  add('S1', 'chronic stress, during the stress weeks', 'elimination ratio > 1.3 and formation ratio < 0.8', eliminationRatio,
    `elimination ×${fixed(eliminationRatio)}, formation ×${fixed(formationRatio)} (day 10→31); per 2-day interval ×${fixed(twoDayStress.elimination / twoDayControl.elimination)}, ×${fixed(twoDayStress.formation / twoDayControl.formation)}`,
    eliminationRatio > 1.3 && formationRatio < 0.8);
  const densityDrop = 1 - densityAt(stress, STRESS_END_HOURS) / densityAt(control, STRESS_END_HOURS);
  add('S2', 'density after 3 weeks of stress', '10–20 % below control', densityDrop, `${pct(densityDrop)} below control`, densityDrop >= 0.1 && densityDrop <= 0.2);
  const dispersion = mean(stress.map((r) => branchLoss(r.snapshots[sessionAt(r.snapshots, STRESS_START_HOURS)], r.snapshots[sessionAt(r.snapshots, STRESS_END_HOURS)]).dispersionRatio));
  add('S3', 'branch targeting', 'variance of per-branch lost fraction ≥ 2× binomial', dispersion, `${fixed(dispersion)}× binomial`, dispersion >= 2);

  // Ketamine against stress alone.
  const k1 = pooledInterval(ketamine, DOSE_HOURS, DOSE_HOURS + 6).formation / pooledInterval(stress, DOSE_HOURS, DOSE_HOURS + 6).formation;
  add('K1', 'ketamine, formation 0–6 h after the dose', 'ratio to stress-alone 0.8–1.25', k1, `×${fixed(k1)}`, k1 >= 0.8 && k1 <= 1.25);
  const k2 = pooledInterval(ketamine, DOSE_HOURS + 12, DOSE_HOURS + 24).formation / pooledInterval(stress, DOSE_HOURS + 12, DOSE_HOURS + 24).formation;
  add('K2', 'ketamine, formation 12–24 h', 'ratio to stress-alone ≥ 1.5', k2, `×${fixed(k2)}`, k2 >= 1.5);
  const k3 = pooledInterval(ketamine, DOSE_HOURS, DOSE_HOURS + 48).elimination / pooledInterval(stress, DOSE_HOURS, DOSE_HOURS + 48).elimination;
  add('K3', 'ketamine, elimination in the first 2 days', 'ratio 0.7–1.1', k3, `×${fixed(k3)}`, k3 >= 0.7 && k3 <= 1.1);
  const rescue = ketamine.map((r) => {
    const s = r.snapshots;
    const newIndices = [DOSE_HOURS + 12, DOSE_HOURS + 24, DOSE_HOURS + 48].map((t) => sessionAt(s, t));
    return rescueShare(s, r.branches, sessionAt(s, STRESS_START_HOURS), sessionAt(s, STRESS_END_HOURS), newIndices, rescueDistanceUm);
  });
  const share = sum(rescue.map((x) => x.nearLostSite)) / sum(rescue.map((x) => x.newSpines));
  const uniform = mean(rescue.map((x) => x.uniformShare));
  add('K4', 'targeted rescue', 'share near a stress-lost site ≥ 2× uniform placement', share / uniform, `${pct(share)} vs ${pct(uniform)} uniform (×${fixed(share / uniform)})`, share / uniform >= 2);
  const fate = ketamineSpineFate(ketamine);
  add('K5', 'fate of ketamine spines', '< 50 % remain 4–7 days after the dose; some persist past 2 weeks', fate.remainingDays4to7,
    `${pct(fate.remainingDays4to7)} remain at 4–6 d; ${pct(fate.remainingAfter2Weeks)} at 16 d`, fate.remainingDays4to7 < 0.5 && fate.remainingAfter2Weeks > 0);

  // Behaviour.
  const healthy3h = escapeAt(control, DOSE_HOURS + 3);
  const stressed3h = escapeAt(stress, DOSE_HOURS + 3);
  const rescue3h = (escapeAt(ketamine, DOSE_HOURS + 3) - stressed3h) / (healthy3h - stressed3h);
  const formation3h = pooledInterval(ketamine, DOSE_HOURS, DOSE_HOURS + 3).formation / pooledInterval(stress, DOSE_HOURS, DOSE_HOURS + 3).formation;
  add('F1', 'behaviour rescued at 3 h, before new spines', 'rescue ≥ 50 % of the stress deficit at 3 h; formation 0–3 h unchanged (≤ ×1.25)', rescue3h,
    `${pct(rescue3h)} of the deficit rescued; formation 0–3 h ×${fixed(formation3h)}`, rescue3h >= 0.5 && formation3h <= 1.25);
  const rescuedFraction = (runsAt: readonly ReplicateResult[], from: number, to: number) => {
    const healthy = escapeOver(control, from, to);
    const stressed = escapeOver(stress, from, to);
    return (escapeOver(runsAt, from, to) - stressed) / (healthy - stressed);
  };
  const maintained = rescuedFraction(ketamine, DOSE_HOURS + 2 * DAY_HOURS, DOSE_HOURS + 7 * DAY_HOURS);
  const afterAblation = rescuedFraction(ablation, ABLATION_HOURS + 3 * DAY_HOURS, DOSE_HOURS + 7 * DAY_HOURS);
  const ablation3h = (escapeAt(ablation, DOSE_HOURS + 3) - stressed3h) / (healthy3h - stressed3h);
  add('F2', 'maintenance needs the new spines', 'rescue ≥ 50 % on days 2–7; after deletion ≤ 25 % within days; 3 h rescue unchanged', maintained,
    `${pct(maintained)} rescued on days 2–7; ${pct(afterAblation)} after deletion (days 5–7); 3 h rescue ${pct(ablation3h)} with deletion`,
    maintained >= 0.5 && afterAblation <= 0.25 && Math.abs(ablation3h - rescue3h) < 1e-9);
  const relapseDensity = densityAt(restress, RESTRESS_END_HOURS - 2 * DAY_HOURS + DAY_HOURS) / densityAt(ketamine, RESTRESS_END_HOURS - DAY_HOURS);
  const relapseEscape = escapeAt(ketamine, RESTRESS_END_HOURS) - escapeAt(restress, RESTRESS_END_HOURS);
  add('F3', 'relapse when stress resumes', 'density and escape fall again (density ≤ 0.95× and escape ≥ 0.15 below the no-restress run)', relapseDensity,
    `density ×${fixed(relapseDensity)}; escape ${fixed(relapseEscape)} lower`, relapseDensity <= 0.95 && relapseEscape >= 0.15);
  return checks;
}

function survivalPooled(results: readonly ReplicateResult[], delayHours: number): number {
  let followed = 0;
  let surviving = 0;
  for (const r of results) {
    const point = newSpineSurvival(r.snapshots, delayHours);
    followed += point.followed;
    surviving += point.surviving;
  }
  return surviving / followed;
}

function sizeStatistics(results: readonly ReplicateResult[]) {
  const all: number[] = [];
  const fresh: number[] = [];
  const persistent: number[] = [];
  for (const r of results) {
    const s = r.snapshots;
    // Sizes at day 10: spines first seen that day against spines seen at every session since day 0.
    const index = sessionAt(s, STRESS_START_HOURS);
    const fresher = newSerials(s[index - 1], s[index]);
    const always = new Set(s[0].serial);
    for (let k = 1; k < index; k++) {
      const present = new Set(s[k].serial);
      for (const serial of always) if (!present.has(serial)) always.delete(serial);
    }
    const snap = s[index];
    for (let i = 0; i < snap.serial.length; i++) {
      all.push(snap.volumeUm3[i]);
      if (fresher.has(snap.serial[i])) fresh.push(snap.volumeUm3[i]);
      if (always.has(snap.serial[i])) persistent.push(snap.volumeUm3[i]);
    }
  }
  const logs = all.map(Math.log);
  const m = mean(logs);
  const sd = Math.sqrt(mean(logs.map((x) => (x - m) ** 2)));
  return { median: median(all), logSkewness: mean(logs.map((x) => ((x - m) / sd) ** 3)), newMedian: median(fresh), persistentMedian: median(persistent) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n === 0 ? Number.NaN : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Spines first seen 12–48 h after the dose: what fraction is still visible 4–6 days and 16 days after it. */
function ketamineSpineFate(results: readonly ReplicateResult[]) {
  let followed = 0;
  let early = 0;
  let earlyCount = 0;
  let late = 0;
  for (const r of results) {
    const s = r.snapshots;
    const fresh = new Set<number>();
    for (const t of [DOSE_HOURS + 12, DOSE_HOURS + 24, DOSE_HOURS + 48]) {
      const index = sessionAt(s, t);
      for (const serial of newSerials(s[index - 1], s[index])) fresh.add(serial);
    }
    // Only those still absent at the dose (first seen after it).
    const atDose = new Set(s[sessionAt(s, DOSE_HOURS)].serial);
    for (const serial of [...fresh]) if (atDose.has(serial)) fresh.delete(serial);
    followed += fresh.size;
    for (const t of [DOSE_HOURS + 4 * DAY_HOURS, DOSE_HOURS + 6 * DAY_HOURS]) {
      const present = new Set(s[sessionAt(s, t)].serial);
      for (const serial of fresh) if (present.has(serial)) early++;
      earlyCount += fresh.size;
    }
    const present = new Set(s[sessionAt(s, DOSE_HOURS + 16 * DAY_HOURS)].serial);
    for (const serial of fresh) if (present.has(serial)) late++;
  }
  return { remainingDays4to7: early / earlyCount, remainingAfter2Weeks: late / followed };
}

export function runCalibration(replicates: number, seed: number, parameters: Readonly<Record<string, unknown>> = {}, onReplicate?: (done: number) => void): CalibrationReport {
  const resolved = resolveParameters(parameters);
  const runs = runCalibrationScenarios(replicates, seed, parameters, onReplicate);
  const checks = calibrationChecks(runs, resolved.rescueDistanceUm);
  return { replicates, seed, checks, passed: checks.filter((c) => c.pass).length };
}

export function formatCalibrationTable(report: CalibrationReport): string {
  const rows = report.checks.map((c) => [c.id, c.phenomenon, c.target, c.display, c.pass ? 'PASS' : 'FAIL']);
  const header = ['#', 'phenomenon', 'target', 'model', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [
    `Calibration against science.md §5: ${report.replicates} replicates per scenario, seeds ${report.seed}–${report.seed + report.replicates - 1}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `${report.passed} of ${report.checks.length} targets pass`,
  ].join('\n');
}
