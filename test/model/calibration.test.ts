import { describe, expect, it } from 'vitest';
import { runReplicatesInParallel } from '../../src/cli/runReplicatesInParallel';
import { CALIBRATION_TARGET_IDS, calibrationChecks, calibrationTasks, groupRuns, type CalibrationCheck, type ScenarioRuns } from '../../src/model/calibration';
import { defaultParameters } from '../../src/model/parameters';
import { scenarioNames, scenarioText } from '../../src/model/scenarios';
import { sensitivityCoverageCheck } from '../../src/sweep/sensitivity';
import { presetClaims } from './presetClaims';

// The model's targets (docs/science.md) with the seeds fixed: replicate k uses seed 1 + k in every
// scenario (G2's deletion run uses the independent offset set), as `npm run sim -- --report` does. The
// targets' bounds are the science's, not loosened for these seeds; the report passes them on other seed
// sets too (the README gives seeds 1–20 and 1001–1020). Each run is ≈0.2 s on one core: 14 scenarios ×
// 20 replicates take about a minute on two.
const REPLICATES = 20;
const SEED = 1;

let runs: ScenarioRuns | undefined;
let checks: CalibrationCheck[] = [];

describe('calibration against the model targets', () => {
  it('runs every calibration scenario for 20 replicates', async () => {
    const tasks = calibrationTasks(REPLICATES, SEED);
    runs = groupRuns(tasks, await runReplicatesInParallel(tasks.map((task) => task.options)));
    checks = calibrationChecks(runs, defaultParameters().rescueDistanceUm);
    expect(checks.map((c) => c.id)).toEqual(CALIBRATION_TARGET_IDS);
  }, 900_000);

  for (const id of CALIBRATION_TARGET_IDS) {
    it(`meets ${id}`, () => {
      const check = checks.find((c) => c.id === id);
      expect(check, 'calibration ran').toBeDefined();
      expect(check?.pass, `${id} ${check?.phenomenon}: target ${check?.target}; model ${check?.display}`).toBe(true);
    });
  }

  it('meets G8: the sensitivity screening varies every estimated parameter and reads every target', () => {
    const g8 = sensitivityCoverageCheck();
    expect(g8.pass, g8.display).toBe(true);
  });
});

describe('every preset description agrees with the model (the same runs)', () => {
  const context = () => ({
    runs: runs!,
    check: (id: string) => {
      const check = checks.find((c) => c.id === id);
      if (!check) throw new Error(`no calibration check ${id}`);
      return check;
    },
  });

  for (const name of scenarioNames) {
    const description = scenarioText[name].description;

    it(`${name}: every sentence of its description makes a claim checked here`, () => {
      const sentences = description.split(/(?<=\.)\s+/);
      for (const sentence of sentences) {
        expect(presetClaims[name].some((claim) => sentence.includes(claim.words)), `no claim checks "${sentence}"`).toBe(true);
      }
      for (const claim of presetClaims[name]) expect(description, 'the claim quotes the description').toContain(claim.words);
    });

    for (const claim of presetClaims[name]) {
      it(`${name}: "${claim.words}"`, () => {
        expect(runs, 'calibration ran').toBeDefined();
        const { holds, measured } = claim.evaluate(context());
        expect(holds, `"${claim.words}": the model gives ${measured}`).toBe(true);
      });
    }
  }
});
