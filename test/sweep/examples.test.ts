import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_TARGET_IDS } from '../../src/model/calibration';
import { parameterSchema } from '../../src/model/parameters';
import { sensitivityDocument } from '../../src/sweep/sensitivity';
import { planSweep } from '../../src/sweep/planSweep';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';

const folder = join(__dirname, '../../src/sweep/examples');
const read = (name: string) => validateSweepDocument(JSON.parse(readFileSync(join(folder, name), 'utf8')));

describe('the example sweep documents', () => {
  it.each(readdirSync(folder).filter((name) => name.endsWith('.sweep.json')))('%s is valid and every point plans', (name) => {
    const plan = planSweep(read(name), 'sha256:example');
    expect(plan.pointCount).toBeGreaterThan(0);
  });

  it('the dose × stress grid has 12 points', () => {
    expect(planSweep(read('dose-by-stress.sweep.json'), 'h').pointCount).toBe(12);
  });

  it('the screening varies every estimated parameter, reads every calibration target, and is what --sensitivity runs', () => {
    const document = read('estimates-screening.sweep.json');
    expect(document.factors.map((f) => ('parameter' in f ? f.parameter : f.name))).toEqual(parameterSchema.filter((p) => p.estimate).map((p) => p.name));
    expect(document.readouts).toEqual(CALIBRATION_TARGET_IDS.map((id) => `target:${id}`));
    expect(document).toEqual(sensitivityDocument(1));
  });
});
