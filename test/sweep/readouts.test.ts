import { describe, expect, it } from 'vitest';
import { CALIBRATION_TARGET_IDS, runCalibration } from '../../src/model/calibration';
import { scoreInterval } from '../../src/model/observables/scoreInterval';
import { runReplicate } from '../../src/model/runReplicate';
import { DAY_HOURS, DOSE_HOURS, scenarioProtocol, STRESS_START_HOURS } from '../../src/model/scenarios';
import { planSweep } from '../../src/sweep/planSweep';
import { protocolFields } from '../../src/sweep/protocolFields';
import { runSweepPoint } from '../../src/sweep/runSweepPoint';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';
import { shortProtocol } from './shortSweep';

const sweep = (readouts: string[], extra: Record<string, unknown> = {}) => validateSweepDocument({
  format: 'spinelab-sweep', version: 1, name: 'readouts', seed: 4, replicates: 2,
  base: { protocol: shortProtocol, parameters: { burnInDays: 2 } },
  factors: [{ parameter: 'stressEliminationFactor', values: [1.2, 2] }],
  design: { type: 'grid' },
  readouts,
  ...extra,
});

describe('readouts', () => {
  it('measure each replicate as the model scores it, and average over replicates', () => {
    const readouts = ['density@stressEnd', 'visibleSpines@2d', 'formation@0h..stressEnd', 'elimination@2d..end', 'turnover@0d..4d', 'escape@dose+3h', 'escape@dose..end', 'coherence@1d', 'liveSpines'];
    const plan = planSweep(sweep(readouts), 'sha256:r');
    const task = plan.task(1);
    expect(task.parameters).toEqual({ burnInDays: 2, stressEliminationFactor: 2 });
    const record = runSweepPoint(task, plan.hash);
    const runs = task.seeds.map((seed) => runReplicate({ protocol: task.protocol, seed, parameters: task.parameters }));
    const escapeAt = (run: (typeof runs)[number], hours: number) => run.behaviour.find((b) => b.timeHours === hours)!;
    const expected = runs.map((run) => {
      const s = run.snapshots;
      return [
        run.sessions[2].densityPerUm, run.sessions[1].visibleSpines, scoreInterval(s[0], s[2]).formation, scoreInterval(s[1], s[3]).elimination,
        scoreInterval(s[0], s[3]).turnoverRatio, escapeAt(run, 75).escapeIndex,
        (escapeAt(run, 72).escapeIndex + escapeAt(run, 75).escapeIndex + escapeAt(run, 96).escapeIndex) / 3, escapeAt(run, 24).ensembleCoherence, run.totalSpines,
      ];
    });
    readouts.forEach((name, i) => {
      expect(record.replicates[name]).toEqual(expected.map((e) => e[i]));
      expect(record.readouts[name]).toBeCloseTo((expected[0][i]! + expected[1][i]!) / 2, 12);
    });
    expect(Object.keys(record.readouts)).toEqual(readouts);
  });

  it('refuse times the protocol does not have, in one line naming the readout', () => {
    expect(() => planSweep(sweep(['density@1d']), 'h')).toThrow(/^readout density@1d: no imaging session at 24 h$/);
    expect(() => planSweep(sweep(['escape@5d..6d']), 'h')).toThrow(/^readout escape@5d\.\.6d: no behaviour test from 120 h to 144 h$/);
    expect(() => planSweep(sweep(['formation@3d..2d']), 'h')).toThrow(/the range must run forward in time/);
    const noDose = { protocol: { ...shortProtocol, ketamine: [] }, parameters: { burnInDays: 2 } };
    expect(() => planSweep(sweep(['density@dose'], { base: noDose }), 'h')).toThrow(/^readout density@dose: the protocol has no ketamine dose$/);
  });

  it('target:ID is the calibration’s value of that target with the point’s parameters and seeds', () => {
    const document = validateSweepDocument({
      format: 'spinelab-sweep', version: 1, name: 'targets', seed: 4, seeding: 'common',
      base: { scenario: 'control', parameters: { burnInDays: 2 } },
      factors: [{ parameter: 'stressEliminationFactor', values: [2] }],
      design: { type: 'grid' },
      readouts: ['target:S2', 'target:B3'],
    });
    const plan = planSweep(document, 'sha256:t');
    const record = runSweepPoint(plan.task(0), plan.hash);
    const checks = runCalibration(1, 4, { burnInDays: 2, stressEliminationFactor: 2 }).checks;
    expect(record.readouts).toEqual({ 'target:S2': checks.find((c) => c.id === 'S2')!.value, 'target:B3': checks.find((c) => c.id === 'B3')!.value });
    // The point's neuron count reaches the calibration scenarios (a cheaper screening runs them on one neuron).
    const oneNeuron = validateSweepDocument({ ...document, base: { ...document.base, protocolFields: { neuronCount: 1 } }, readouts: ['target:S2'] });
    const oneNeuronChecks = runCalibration(1, 4, { burnInDays: 2, stressEliminationFactor: 2 }, 1).checks;
    expect(runSweepPoint(planSweep(oneNeuron, 'sha256:t1').task(0), 'sha256:t1').readouts).toEqual({ 'target:S2': oneNeuronChecks.find((c) => c.id === 'S2')!.value });
    const unknown = validateSweepDocument({ ...document, readouts: ['target:Z9'] });
    expect(() => runSweepPoint(planSweep(unknown, 'h').task(0), 'h')).toThrow(`readout target:Z9: no such target (known: ${CALIBRATION_TARGET_IDS.join(', ')})`);
  });
});

describe('protocol fields', () => {
  const preset = scenarioProtocol('stress-ketamine');

  it('stressDurationDays moves the end of stress and everything after it, so the dose still follows the stress', () => {
    const shorter = protocolFields.stressDurationDays.apply(preset, 14);
    const shift = STRESS_START_HOURS + 14 * DAY_HOURS - DOSE_HOURS;
    expect(shorter.stress[0]).toEqual({ startHours: STRESS_START_HOURS, endHours: STRESS_START_HOURS + 14 * DAY_HOURS, intensity: 1 });
    expect(shorter.ketamine[0].timeHours).toBe(DOSE_HOURS + shift);
    expect(shorter.durationHours).toBe(preset.durationHours + shift);
    // Sessions of the weeks no longer stressed are gone; those after the dose keep their offsets from it.
    expect(shorter.imagingHours.filter((t) => t >= shorter.ketamine[0].timeHours).map((t) => t - shorter.ketamine[0].timeHours))
      .toEqual(preset.imagingHours.filter((t) => t >= DOSE_HOURS).map((t) => t - DOSE_HOURS));
    expect(shorter.imagingHours.filter((t) => t < shorter.ketamine[0].timeHours)).toEqual(preset.imagingHours.filter((t) => t < STRESS_START_HOURS + 14 * DAY_HOURS));
    const longer = protocolFields.stressDurationDays.apply(preset, 28);
    expect(longer.ketamine[0].timeHours).toBe(STRESS_START_HOURS + 28 * DAY_HOURS);
    expect(longer.imagingHours.length).toBe(preset.imagingHours.length);
  });

  it('dose and intensity set every dose and epoch; a base without them is refused in one line', () => {
    expect(protocolFields.ketamineDoseMgPerKg.apply(preset, 3).ketamine.map((d) => d.doseMgPerKg)).toEqual([3]);
    expect(protocolFields.stressIntensity.apply(scenarioProtocol('stress-ketamine-restress'), 0.5).stress.map((e) => e.intensity)).toEqual([0.5, 0.5]);
    expect(() => protocolFields.ketamineDoseMgPerKg.apply(scenarioProtocol('control'), 3)).toThrow(/^protocol field ketamineDoseMgPerKg needs a base protocol with a ketamine dose$/);
    expect(() => protocolFields.stressDurationDays.apply(scenarioProtocol('control'), 3)).toThrow(/needs a base protocol with a stress epoch/);
  });
});
