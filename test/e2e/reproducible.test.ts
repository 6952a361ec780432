/**
 * A run played in the page is the run the CLI computes: playback advances the model on its own step grid,
 * so the spines exported from the page after playing at any speed equal, value for value, what
 * `npm run sim -- --spines-at` exports for the same protocol, seed and time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../cli/runCli';
import { browserSuite, hours, useBrowser, waitForHours } from './browserHarness';

browserSuite('played runs reproduce', () => {
  const { open } = useBrowser();
  const folder = mkdtempSync(join(tmpdir(), 'spinelab-reproduce-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function exportFromPage(page: Page): Promise<{ timeHours: number; protocol: unknown; seed: unknown }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-spines]')]);
    return JSON.parse(readFileSync((await download.path())!, 'utf8'));
  }

  /** What the CLI exports for the page's protocol and seed at the page's time. */
  async function exportFromCli(played: { timeHours: number; protocol: unknown; seed: unknown }, name: string): Promise<unknown> {
    const protocolFile = join(folder, `${name}.json`);
    writeFileSync(protocolFile, JSON.stringify(played.protocol));
    const run = await cli(['--protocol', protocolFile, '--seed', String(played.seed), '--spines-at', String(played.timeHours)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  }

  it('plays the stress preset to its end at two speeds and exports what the CLI exports', async () => {
    const exports = [];
    for (const speed of [336, 120]) {
      const { page, errors } = await open(`#test&neurons=1&seed=7&scenario=stress&speed=${speed}`);
      await page.waitForSelector('[data-testid=play-toggle][aria-pressed=false]', { timeout: 60_000 });
      await waitForHours(page, { above: 57 * 24 - 1 }, 10_000);
      const played = await exportFromPage(page);
      expect(played.timeHours).toBe(57 * 24);
      expect(played).toEqual(await exportFromCli(played, `end-${speed}`));
      expect(errors).toEqual([]);
      exports.push(played);
    }
    expect(exports[0]).toEqual(exports[1]);
  }, 120_000);

  it('pauses mid-run, with story pacing around the dose, in the state the CLI reaches at that time', async () => {
    const { page, errors } = await open('#test&neurons=1&seed=11&scenario=stress-ketamine&speed=200');
    await waitForHours(page, { above: 31 * 24 + 6 }, 60_000);
    await page.click('[data-testid=play-toggle]');
    await page.waitForSelector('[data-testid=play-toggle][aria-pressed=false]');
    const shown = await hours(page);
    const played = await exportFromPage(page);
    expect(played.timeHours).toBe(shown);
    expect(played.timeHours).toBeGreaterThan(31 * 24 + 6);
    expect(played).toEqual(await exportFromCli(played, 'paused'));
    expect(errors).toEqual([]);
  }, 120_000);
});
