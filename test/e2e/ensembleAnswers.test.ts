/**
 * The page keeps answering while an ensemble of 100 replicates runs: the clock plays, pause and play
 * answer, and no main-thread task takes over 50 ms (the Long Tasks API), from Run until the results show.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserSuite, clearLongTasks, hours, readLongTasks, recordLongTasks, small, useBrowser, waitForHours } from './browserHarness';

const playbackKind = (page: Page) => page.evaluate(() => window.__spinelab!.store.getState().playback.kind);

browserSuite('an ensemble while the page plays', () => {
  // Composited on the (SwiftShader) GPU, as browsers that draw WebGL do: with --disable-gpu, Chromium
  // composites in software and reads each WebGL frame back on the main thread, so every frame of the
  // playing scene is a main-thread task as long as the software renderer's frame (50–330 ms measured
  // here, with or without an ensemble), which no browser drawing on a GPU has.
  const { open } = useBrowser({ gpuCompositing: true });

  it('while 2 × 50 replicates run, the clock plays, pause and play answer, one core is left to the page, and no main-thread task takes over 50 ms', async () => {
    // Three other processes share this machine's two cores: one of them can stretch any of the page's
    // tasks on the wall clock (never shorten one). The page's own tasks are bounded when one of three
    // tries shows no task over 50 ms; every try prints its figures and must show the rest.
    const tries: number[][] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const { page, context, errors } = await open(`${small}&paused`, { initScript: recordLongTasks });
      await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
      await page.fill('[data-testid=ensemble-replicates]', '50');
      expect(await page.textContent('[data-testid=ensemble-run]')).toBe('Run 100 replicates');
      await page.click('[data-testid=play-toggle]');
      await waitForHours(page, { above: 1 });
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);

      await clearLongTasks(page);
      const started = Date.now();
      await page.click('[data-testid=ensemble-run]');
      const progress = page.locator('[data-testid=ensemble-progress]');
      await progress.waitFor();
      if (cores > 1) expect(await progress.textContent()).toMatch(new RegExp(`· ${cores - 1} of ${cores} workers while the clock plays`));
      // The clock plays on, and pause and play answer, while the replicates run.
      const before = await hours(page);
      await waitForHours(page, { above: before + 6 });
      await page.click('[data-testid=play-toggle]');
      await expect.poll(() => playbackKind(page)).toBe('paused');
      await page.click('[data-testid=play-toggle]');
      await expect.poll(() => playbackKind(page)).toBe('playing');
      expect(await progress.count(), 'the ensemble still runs').toBe(1);
      await page.waitForSelector('[data-testid=ensemble-done]', { timeout: 180_000 });
      const longTasks = await readLongTasks(page);
      console.log(`try ${attempt + 1}: 100 replicates in ${((Date.now() - started) / 1000).toFixed(1)} s with the clock playing; main-thread tasks over 50 ms: ${longTasks.length ? longTasks.join(', ') : 'none'}`);
      tries.push(longTasks);
      expect(await page.locator('[data-testid=ensemble-chart-visible-density] circle').count()).toBeGreaterThan(20);
      expect(errors).toEqual([]);
      await context.close();
      if (longTasks.length === 0) break;
    }
    expect(tries.some((longTasks) => longTasks.length === 0), `main-thread tasks over 50 ms in each try: ${JSON.stringify(tries)}`).toBe(true);
  }, 300_000);
});
