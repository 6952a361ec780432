/**
 * The sweep results view in the page: a merged result file opened from the researcher's bench is drawn as
 * the sensitivity bar chart (Morris, Sobol) or the grid heat map; a wrong file is explained in one line and
 * the page keeps running. The result files are made by the engine's own analysis of known functions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../src/model/Simulation';
import { analyseSweep, formatResultJson } from '../../src/sweep/analyseSweep';
import { analyticDocument, analyticRecords, analyticSweep } from '../sweep/analyticSweep';
import { browserSuite, useBrowser, waitForHours } from './browserHarness';

browserSuite('sweep results view', () => {
  const { open } = useBrowser();
  const folder = mkdtempSync(join(tmpdir(), 'spinelab-sweep-view-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  // f = 4 u₀ − 2 u₁ + u₂ (+ 0 u₃): Morris μ* is 4, 2, 1, 0 exactly.
  const morris = file('morris.json', formatResultJson(analyticSweep({ type: 'morris', trajectories: 6 }, 4, (u) => 4 * u[0] - 2 * u[1] + u[2])));
  const sobol = file('sobol.json', formatResultJson(analyticSweep({ type: 'sobol', samples: 256, bootstrap: 200 }, 3, (u) => 3 * u[0] + u[1] * u[2])));
  const gridDocument = analyticDocument({ type: 'grid', levels: 4 }, 2);
  const grid = file('grid.json', formatResultJson(analyseSweep({ document: gridDocument, hash: 'sha256:grid', model: MODEL_VERSION, records: analyticRecords(gridDocument, (u) => u[0] + 10 * u[1]) })));

  async function openPanel(page: Page) {
    await waitForHours(page, { above: 0 }, 60_000);
    await page.click('[data-testid=sweep-panel] > summary');
    await page.waitForSelector('[data-testid=sweep-file]');
  }

  it('draws a Morris result as bars of μ*, most influential first, and a Sobol result as S1 and ST bars', async () => {
    const { page, errors } = await open();
    await openPanel(page);
    await page.setInputFiles('[data-testid=sweep-file]', morris);
    await expect.poll(() => page.locator('[data-testid=sensitivity-row]').count()).toBe(4);
    expect(await page.textContent('[data-testid=sweep-summary]')).toContain('analytic: morris design, 30 points × 1 replicate, model');
    const rows = page.locator('[data-testid=sensitivity-row]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-factor')))).toEqual(['rescueTargetingFraction', 'ketamineEliminationProtection', 'sizeLogSd', 'sizeHazardExponent']);
    const values = await page.locator('[data-testid=sensitivity-bar]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([4, 2, 1, 0]);
    expect(await page.locator('[data-testid=sigma-marker]').count()).toBe(4);
    await page.locator('[data-testid=sweep-panel]').screenshot({ path: join(folder, 'morris.png') });

    await page.setInputFiles('[data-testid=sweep-file]', sobol);
    await expect.poll(() => page.locator('[data-testid=sensitivity-bar]').count()).toBe(6);
    expect(await page.locator('[data-testid=sensitivity-bar][data-kind=ST]').first().evaluate((e) => e.closest('[data-factor]')?.getAttribute('data-factor'))).toBe('rescueTargetingFraction');
    expect(errors).toEqual([]);
  });

  it('draws a grid result as a heat map of the readout over two factors', async () => {
    const { page, errors } = await open();
    await openPanel(page);
    await page.setInputFiles('[data-testid=sweep-file]', grid);
    await expect.poll(() => page.locator('[data-testid=heat-cell]').count()).toBe(16);
    // Across: the second factor; down: the first. The cell at u₀ = 1/3, u₁ = 1 holds 1/3 + 10.
    const cell = page.locator('[data-testid=heat-cell][data-y="0.3333333333333333"][data-x="1"]');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(1 / 3 + 10, 12);
    // Picking the other axis's factor swaps the axes.
    await page.selectOption('[data-testid=sweep-x]', 'rescueTargetingFraction');
    expect(await page.inputValue('[data-testid=sweep-y]')).toBe('ketamineEliminationProtection');
    expect(Number(await page.locator('[data-testid=heat-cell][data-x="0.3333333333333333"][data-y="1"]').getAttribute('data-value'))).toBeCloseTo(1 / 3 + 10, 12);
    await page.locator('[data-testid=sweep-panel]').screenshot({ path: join(folder, 'grid.png') });
    expect(errors).toEqual([]);
  });

  it('explains a wrong file in one line, keeps the chart it showed, and the simulation runs on', async () => {
    const { page, errors } = await open();
    await openPanel(page);
    await page.setInputFiles('[data-testid=sweep-file]', morris);
    await expect.poll(() => page.locator('[data-testid=sensitivity-row]').count()).toBe(4);
    const shard = file('shard-0.jsonl', '{"format":"spinelab-sweep-shard","version":1}\n');
    await page.setInputFiles('[data-testid=sweep-file]', shard);
    await expect.poll(() => page.textContent('[data-testid=sweep-problem]')).toBe('shard-0.jsonl: This is a shard file; merge the shards first: npm run sim -- --merge shard-*.jsonl --out sweep-result.json');
    await page.setInputFiles('[data-testid=sweep-file]', file('notes.json', 'not json'));
    await expect.poll(() => page.textContent('[data-testid=sweep-problem]')).toMatch(/^notes\.json: This file is not JSON \(.+\)\.$/);
    await page.setInputFiles('[data-testid=sweep-file]', file('protocol.json', '{"format":"spinelab-protocol","version":1}'));
    await expect.poll(() => page.textContent('[data-testid=sweep-problem]')).toBe('protocol.json: This is not a sweep result: its format is "spinelab-protocol", expected "spinelab-sweep-result".');
    expect(await page.locator('[data-testid=sensitivity-row]').count()).toBe(4);
    const before = Number(await page.getAttribute('[data-testid=sim-clock]', 'data-hours'));
    await waitForHours(page, { above: before });
    expect(errors).toEqual([]);
  });
});
