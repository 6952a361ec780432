import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterTableMarkdown } from '../../src/cli/parameterTable';
import { MAX_DURATION_HOURS, MAX_LIST_LENGTHS, MAX_NEURONS, MAX_TEXT_CHARS } from '../../src/model/Protocol';
import { MAX_LIVE_SPINES, MAX_SPINE_SLOTS } from '../../src/model/SpineStore';
import { MAX_NEURON_EXTENT_UM, MAX_SPINY_LENGTH_UM } from '../../src/model/swc/neuronFromSwc';
import { WORK_BUDGET } from '../../src/model/workBudget';

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
});
