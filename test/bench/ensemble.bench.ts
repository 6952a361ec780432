/**
 * An ensemble of 100 replicates (two conditions × 50, three neurons each) in the page's worker pool
 * (headless Chromium, production build) against the CLI running the same replicates on its worker
 * threads, and the page's main-thread long tasks (Long Tasks API, > 50 ms) from Run until the results
 * show: once with the clock paused (the pool on every core: the time ratio), once with it playing (the
 * pool leaves a core to the page). Chromium composites on its (SwiftShader) GPU, as browsers that draw
 * WebGL do (see gpuCompositingArgs). Figures and ratios only.
 *   npx tsx test/bench/ensemble.bench.ts [replicatesPerCondition=50]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { repository, serveApp } from '../support/servedApp';

const perCondition = Number(process.argv[2] ?? 50);
const conditions = ['stress', 'stress-ketamine'];
const replicates = conditions.length * perCondition;

let cliSeconds = 0;
for (const scenario of conditions) {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(repository, 'src/cli/main.ts'), '--scenario', scenario, '--seed', '1', '--replicates', String(perCondition), '--format', 'csv'], { cwd: repository, stdio: ['ignore', 'ignore', 'inherit'] });
  cliSeconds += (performance.now() - started) / 1000;
}
console.log(`CLI: ${replicates} replicates in ${cliSeconds.toFixed(1)} s on ${availableParallelism()} thread(s)`);

/** Runs the ensemble in a fresh page, paused or playing, and returns its time, long tasks and clock hours. */
async function ensembleInPage(browser: Browser, baseUrl: string, playing: boolean) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${baseUrl}#paused`);
  const clock = () => page.evaluate(() => window.__spinelab!.store.getState().clock.timeHours);
  await page.waitForFunction(() => window.__spinelab?.store.getState().playback.kind === 'paused', undefined, { timeout: 60_000 });
  await page.fill('[data-testid=ensemble-replicates]', String(perCondition));
  if (playing) {
    await page.click('[data-testid=play-toggle]');
    await page.waitForFunction(() => window.__spinelab!.store.getState().clock.timeHours > 1, undefined, { timeout: 60_000 });
  }
  await page.evaluate(() => {
    const tasks: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const hoursBefore = await clock();
  await page.click('[data-testid=ensemble-run]');
  await page.waitForSelector('[data-testid=ensemble-done]', { timeout: 600_000 });
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const hours = (await clock()) - hoursBefore;
  const seconds = Number(await page.getAttribute('[data-testid=ensemble-done]', 'data-seconds'));
  const workers = await page.evaluate(() => navigator.hardwareConcurrency);
  await page.close();
  return { seconds, longTasks, hours, workers };
}

const tasksLine = (longTasks: number[]) => `${longTasks.length}, longest ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms`;
const app = await serveApp({ gpuCompositing: true });
try {
  const paused = await ensembleInPage(app.browser, app.baseUrl, false);
  console.log(`page, clock paused: ${replicates} replicates in ${paused.seconds.toFixed(1)} s on ${paused.workers} worker(s)`);
  console.log(`ratio, page vs CLI: ${(paused.seconds / cliSeconds).toFixed(2)}× (aim ≤ 1.3×)`);
  console.log(`main-thread long tasks during the ensemble, clock paused: ${tasksLine(paused.longTasks)}`);
  const playing = await ensembleInPage(app.browser, app.baseUrl, true);
  console.log(`page, clock playing: ${replicates} replicates in ${playing.seconds.toFixed(1)} s on ${Math.max(1, playing.workers - 1)} of ${playing.workers} worker(s); the clock moved ${playing.hours.toFixed(0)} h meanwhile`);
  console.log(`main-thread long tasks during the ensemble, clock playing: ${tasksLine(playing.longTasks)}`);
} finally {
  await app.close();
}
