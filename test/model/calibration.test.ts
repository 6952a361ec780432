import { describe, expect, it } from 'vitest';
import { runReplicatesInParallel } from '../../src/cli/runReplicatesInParallel';
import { calibrationChecks, type ScenarioRuns } from '../../src/model/calibration';
import { defaultParameters } from '../../src/model/parameters';
import type { ReplicateOptions } from '../../src/model/runReplicate';
import { scenarioNames, scenarioProtocol } from '../../src/model/scenarios';

// science.md §5 is the acceptance bar. The tolerances are the targets themselves; the seeds are fixed
// (replicate k uses seed 1 + k in every scenario, as `npm run sim -- --report` does).
const REPLICATES = 20;
const SEED = 1;

describe('calibration against science.md §5', () => {
  let checks: ReturnType<typeof calibrationChecks> = [];

  it('runs all five presets for 20 replicates', async () => {
    const tasks: ReplicateOptions[] = [];
    for (let r = 0; r < REPLICATES; r++) for (const name of scenarioNames) tasks.push({ protocol: scenarioProtocol(name), seed: SEED + r });
    const results = await runReplicatesInParallel(tasks);
    const runs = Object.fromEntries(scenarioNames.map((name, s) => [name, results.filter((_, i) => i % scenarioNames.length === s)])) as ScenarioRuns;
    checks = calibrationChecks(runs, defaultParameters().rescueDistanceUm);
    expect(checks.map((c) => c.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'S1', 'S2', 'S3', 'K1', 'K2', 'K3', 'K4', 'K5', 'F1', 'F2', 'F3']);
  }, 600_000);

  for (const id of ['B1', 'B2', 'B3', 'B4', 'B5', 'S1', 'S2', 'S3', 'K1', 'K2', 'K3', 'K4', 'K5', 'F1', 'F2', 'F3']) {
    it(`meets ${id}`, () => {
      const check = checks.find((c) => c.id === id);
      expect(check, 'calibration ran').toBeDefined();
      expect(check?.pass, `${id} ${check?.phenomenon}: target ${check?.target}; model ${check?.display}`).toBe(true);
    });
  }
});
