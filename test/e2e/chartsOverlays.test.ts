/**
 * The charts' overlays and the live run's export: the faint copy of the previous run (and clearing it),
 * the calibration-target bands, and "Export this run" against the CLI.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../cli/runCli';
import { browserSuite, small, useBrowser, waitForHours } from './browserHarness';
import { download, expectSameCsv } from './csvExports';

type Hooks = NonNullable<Window['__spinelab']>;
const state = (page: Page) => page.evaluate(() => (window.__spinelab as Hooks).store.getState());
const playbackKind = async (page: Page) => (await state(page)).playback.kind;

/** Sets a parameter as a user does: the parameter panel (opened if closed), its search, type, then Enter. */
async function setParameter(page: Page, name: string, value: string) {
  if (!(await page.locator('[data-testid=param-panel]').evaluate((panel) => (panel as HTMLDetailsElement).open))) await page.click('[data-testid=param-panel] > summary');
  await page.fill('[data-testid=param-search]', name);
  const field = `[data-testid=param-found] [data-testid=param-${name}]`;
  await page.fill(field, value);
  await page.press(field, 'Enter');
}

browserSuite('the charts: previous run, calibration targets, export', () => {
  const { open } = useBrowser();
  const folder = mkdtempSync(join(tmpdir(), 'spinelab-charts-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('a changed parameter and Reset leave the run before faintly on every chart, labelled, until Clear previous run or Reset all', async () => {
    const { page, errors } = await open(`#${small}&seed=3&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    const dayButton = page.getByRole('button', { name: '+1 day' });
    for (let day = 0; day < 6; day++) await dayButton.click();
    await waitForHours(page, { above: 143.5, below: 144.5 });
    await expect.poll(async () => (await state(page)).series.sessions.length).toBe(4);
    expect(await page.locator('[data-testid=previous-run]').count()).toBe(0);

    await setParameter(page, 'formationPerUmPerDay', '0.03');
    await expect.poll(async () => (await state(page)).parameterChanges.length).toBe(1);
    // Changed at the live edge: the run goes on; there is nothing before the change to keep apart.
    expect(await page.locator('[data-testid=previous-run]').count()).toBe(0);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => page.textContent('[data-testid=previous-run]'), { timeout: 30_000 }).toMatch(
      /previous run \(before Spine formation rate = 0\.03 1\/\(µm·day\); it changed parameters mid-run on day 6\)/,
    );
    const previous = (await state(page)).previousRun!;
    expect(previous.sessions.map((s) => s.timeHours)).toEqual([0, 48, 96, 144]);
    for (const chart of ['density', 'turnover', 'escape']) expect(await page.textContent(`[data-testid=chart-${chart}-previous]`)).toBe('previous run');
    // The charts' tables hold it too.
    expect(await page.locator('[data-testid=previous-run-table] tbody tr').count()).toBe(4);

    await page.click('[data-testid=clear-previous-run]');
    expect(await page.locator('[data-testid=previous-run]').count()).toBe(0);
    expect(await page.locator('[data-testid=chart-density-previous]').count()).toBe(0);
    expect((await state(page)).previousRun).toBeNull();

    // Going back and changing a parameter keeps the run as it went past that moment.
    for (let day = 0; day < 4; day++) await dayButton.click();
    await waitForHours(page, { above: 95.5, below: 96.5 });
    await expect.poll(async () => (await state(page)).series.sessions.length).toBe(3);
    await page.evaluate(() => (window.__spinelab as Hooks).seek(24));
    await waitForHours(page, { above: 23.5, below: 24.5 });
    await setParameter(page, 'formationPerUmPerDay', '0.02');
    await expect.poll(() => page.textContent('[data-testid=previous-run]')).toMatch(/previous run \(before Spine formation rate = 0\.02 1\/\(µm·day\) on day 1\)/);
    expect((await state(page)).previousRun!.sessions.map((s) => s.timeHours)).toEqual([0, 48, 96]);

    await page.click('[data-testid=reset-all]');
    await expect.poll(async () => (await state(page)).scenario).toBe('stress-ketamine');
    await expect.poll(async () => (await state(page)).series.sessions.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await state(page)).previousRun).toBeNull();
    expect(await page.locator('[data-testid=previous-run]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('calibration targets are off by default; on, B1, B3 and G5 show on their charts with the target and its source on hover', async () => {
    const { page, errors } = await open(`#${small}&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    await page.waitForSelector('[data-testid=chart-density] .u-over');
    expect(await page.isChecked('[data-testid=show-targets]')).toBe(false);
    expect(await page.locator('.chart-target-label').count()).toBe(0);
    await page.check('[data-testid=show-targets]');
    const onChart = (chart: string, id: string) => page.locator(`[data-testid=chart-${chart}] [data-testid=target-${id}]`);
    await expect.poll(() => onChart('density', 'B3').count()).toBe(1);
    expect(await onChart('turnover', 'B1').count()).toBe(1);
    expect(await onChart('escape', 'G5').count()).toBe(1);
    expect(await onChart('density', 'B3').getAttribute('title')).toMatch(/^B3, visible spine density .*Shao et al\. 2021/);
    // Hovering the band's days names it in the chart's values line.
    const box = (await page.locator('[data-testid=chart-density] .u-over').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await expect.poll(() => page.textContent('[data-testid=chart-density-hover]')).toMatch(/target B3: 0\.350–0\.550/);
    await page.uncheck('[data-testid=show-targets]');
    expect(await page.locator('.chart-target-label').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('Export this run: without mid-run changes its CSV is the CLI’s for the same protocol and seed; a mid-run change is listed', async () => {
    const { page, errors } = await open(`#${small}&seed=5&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    await page.getByRole('button', { name: '+1 day' }).click();
    await waitForHours(page, { above: 23.5, below: 24.5 });
    const csv = readFileSync(await download(page, folder, 'export-run-csv', 'run.csv'), 'utf8');
    // One neuron is not a preset's three: the command reads the protocol file the page saves.
    const protocolFile = await download(page, folder, 'export-run-protocol', 'run.protocol.json');
    const command = await page.textContent('[data-testid=run-export-command] code');
    expect(command).toMatch(/^npm run sim -- --protocol \S+\.protocol\.json --seed 5 --replicates 1 --format csv$/);
    const run = await cli(['--protocol', protocolFile, '--seed', '5', '--format', 'csv']);
    expect(run.stderr).toBe('');
    expect(expectSameCsv(csv, run.stdout)).toBe(JSON.parse(readFileSync(protocolFile, 'utf8')).imagingHours.length);
    // The run on screen stayed where it was.
    await waitForHours(page, { above: 23.5, below: 24.5 });

    await setParameter(page, 'formationPerUmPerDay', '0.03');
    await expect.poll(async () => (await state(page)).parameterChanges.length).toBe(1);
    // The previous export's command and protocol file were for the run before the change: the panel drops them.
    await expect.poll(() => page.locator('[data-testid=run-export-command], [data-testid=export-run-protocol]').count()).toBe(0);
    const changed = readFileSync(await download(page, folder, 'export-run-csv', 'changed.csv'), 'utf8');
    expect(changed).toMatch(/^# parameter change at 24 h: formationPerUmPerDay 0\.014 → 0\.03$/m);
    expect(changed).toMatch(/^# this run changed parameters during the run; .*no single CLI call reproduces it$/m);
    expect(await page.textContent('[data-testid=run-export-command]')).toMatch(/no single CLI call reproduces it: the command reproduces it up to 24 h \(day 1\), before the first change/);
    const json = JSON.parse(readFileSync(await download(page, folder, 'export-run-json', 'changed.json'), 'utf8'));
    expect(json.parameterChanges).toEqual([{ timeHours: 24, name: 'formationPerUmPerDay', from: 0.014, to: 0.03 }]);
    expect(errors).toEqual([]);
  }, 120_000);
});
