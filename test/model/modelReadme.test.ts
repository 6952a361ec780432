import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterTableMarkdown } from '../../src/cli/parameterTable';
import { MAX_DURATION_HOURS, MAX_LIST_LENGTHS, MAX_NEURONS, MAX_TEXT_CHARS } from '../../src/model/Protocol';
import { MAX_LIVE_SPINES, MAX_SPINE_SLOTS } from '../../src/model/SpineStore';
import { MAX_NEURON_EXTENT_UM, MAX_SPINY_LENGTH_UM } from '../../src/model/swc/neuronFromSwc';
import { WORK_BUDGET } from '../../src/model/workBudget';
import { CALIBRATION_TARGETS } from '../../src/model/calibration';
import { parameterSchema } from '../../src/model/parameters';
import { MODEL_VERSION } from '../../src/model/Simulation';
import { SENSITIVITY_TRAJECTORIES } from '../../src/sweep/sensitivity';

describe('src/model/README.md', () => {
  it('carries the parameter table generated from the schema, unchanged', () => {
    const readme = readFileSync(join(__dirname, '../../src/model/README.md'), 'utf8');
    expect(readme).toContain(parameterTableMarkdown());
  });

  it('states the limits the code enforces, as they are (README.md too)', () => {
    const count = (n: number) => n.toLocaleString('en-US');
    const model = readFileSync(join(__dirname, '../../src/model/README.md'), 'utf8').replace(/\s+/g, ' ');
    const main = readFileSync(join(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    for (const readme of [model, main]) {
      expect(readme).toContain(`${count(MAX_LIVE_SPINES)} live spines`);
      expect(readme).toContain(`${count(WORK_BUDGET.peakLiveSpines)} live spines`);
      expect(readme).toContain(`${WORK_BUDGET.memoryBytes / 2 ** 20} MB`);
      expect(readme).toContain(`2²¹ ${readme === model ? 'slots of ' : ''}live and fading`);
      expect(readme).toContain(`${count(MAX_LIST_LENGTHS.stress)} stress epochs, ${count(MAX_LIST_LENGTHS.ketamine)} ketamine doses`);
      expect(readme).toContain(`${count(MAX_LIST_LENGTHS.imagingHours)} imaging sessions`);
      expect(readme).toContain(`${count(MAX_LIST_LENGTHS.behaviourHours)} behaviour tests`);
      expect(readme).toContain(`${MAX_NEURON_EXTENT_UM / 1e4} cm from the soma`);
      expect(readme).toContain(`${MAX_SPINY_LENGTH_UM / 1e6} m of dendrite`);
    }
    expect(MAX_SPINE_SLOTS).toBe(2 ** 21);
    expect(WORK_BUDGET.updates).toBe(2e9);
    expect(model).toContain('above 2×10⁹ updates');
    expect(main).toContain('more than 2 billion updates');
    expect(model).toContain(`${count(MAX_TEXT_CHARS)} characters`);
    expect(model).toContain(`a year and ${MAX_NEURONS} neurons`);
    expect(MAX_DURATION_HOURS).toBe(24 * 365);
  });

  it('carries the sensitivity screening of this model version, with a row for every target and every estimate', () => {
    const readme = readFileSync(join(__dirname, '../../src/model/README.md'), 'utf8');
    expect(readme).toContain(`Morris screening, model ${MODEL_VERSION}, seed 1: ${SENSITIVITY_TRAJECTORIES} trajectories`);
    for (const target of CALIBRATION_TARGETS) expect(readme).toContain(`| ${target.id} | ${target.phenomenon} |`);
    for (const spec of parameterSchema.filter((p) => p.estimate)) expect(readme).toMatch(new RegExp(`\\| \`${spec.name}\` \\| [A-Z0-9, —]+ \\|`));
  });

  it('points at no file outside the repository', () => {
    for (const file of ['../../src/model/README.md', '../../README.md', '../../docs/science.md']) {
      const text = readFileSync(join(__dirname, file), 'utf8');
      expect(text, file).not.toMatch(/shared\/|science\.md §/);
    }
  });
});
