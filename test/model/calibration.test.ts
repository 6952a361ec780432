import { describe, expect, it } from 'vitest';
import { runReplicatesInParallel } from '../../src/cli/runReplicatesInParallel';
import { calibrationChecks, calibrationTasks, groupRuns } from '../../src/model/calibration';
import { defaultParameters } from '../../src/model/parameters';

// The model's targets (docs/science.md) with the seeds fixed: replicate k uses seed 1 + k in every
// scenario (G2's deletion run uses the independent offset set), as `npm run sim -- --report` does.
const REPLICATES = 20;
const SEED = 1;
const IDS = ['B1', 'B2', 'B3', 'B4', 'B5', 'S1', 'S2', 'S3', 'K1', 'K2', 'K3', 'K4', 'K5', 'F1', 'F2', 'F3', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7'];

describe('calibration against the model targets', () => {
  let checks: ReturnType<typeof calibrationChecks> = [];

  it('runs every calibration scenario for 20 replicates', async () => {
    const tasks = calibrationTasks(REPLICATES, SEED);
    const results = await runReplicatesInParallel(tasks.map((task) => task.options));
    checks = calibrationChecks(groupRuns(tasks, results), defaultParameters().rescueDistanceUm);
    expect(checks.map((c) => c.id)).toEqual(IDS);
  }, 900_000);

  for (const id of IDS) {
    it(`meets ${id}`, () => {
      const check = checks.find((c) => c.id === id);
      expect(check, 'calibration ran').toBeDefined();
      expect(check?.pass, `${id} ${check?.phenomenon}: target ${check?.target}; model ${check?.display}`).toBe(true);
    });
  }
});
