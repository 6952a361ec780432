/**
 * An ensemble of 100 replicates (two conditions × 50, three neurons each) in the page's worker pool
 * (headless Chromium, production build) against the CLI running the same replicates on its worker
 * threads, and the page's main-thread long tasks (Long Tasks API, > 50 ms) while the ensemble runs.
 * Figures and ratios only.
 *   npx tsx test/bench/ensemble.bench.ts [replicatesPerCondition=50]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { repository, serveApp } from '../support/servedApp';

const perCondition = Number(process.argv[2] ?? 50);
const conditions = ['stress', 'stress-ketamine'];

let cliSeconds = 0;
for (const scenario of conditions) {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(repository, 'src/cli/main.ts'), '--scenario', scenario, '--seed', '1', '--replicates', String(perCondition), '--format', 'csv'], { cwd: repository, stdio: ['ignore', 'ignore', 'inherit'] });
  cliSeconds += (performance.now() - started) / 1000;
}
console.log(`CLI: ${conditions.length * perCondition} replicates in ${cliSeconds.toFixed(1)} s on ${availableParallelism()} thread(s)`);

const app = await serveApp();
const { browser } = app;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  // Paused, so that the figure is the pool's; the 3D view still draws.
  await page.goto(`${app.baseUrl}#paused`);
  await page.waitForFunction(() => window.__spinelab?.store.getState().playback.kind === 'paused', undefined, { timeout: 60_000 });
  await page.fill('[data-testid=ensemble-replicates]', String(perCondition));
  await page.evaluate(() => {
    const tasks: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.click('[data-testid=ensemble-run]');
  await page.waitForSelector('[data-testid=ensemble-done]', { timeout: 600_000 });
  const pageSeconds = Number(await page.getAttribute('[data-testid=ensemble-done]', 'data-seconds'));
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const workers = await page.evaluate(() => navigator.hardwareConcurrency);
  console.log(`page: ${conditions.length * perCondition} replicates in ${pageSeconds.toFixed(1)} s on ${workers} worker(s)`);
  console.log(`ratio, page vs CLI: ${(pageSeconds / cliSeconds).toFixed(2)}× (aim ≤ 1.3×)`);
  console.log(`main-thread long tasks during the ensemble: ${longTasks.length}, longest ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms`);
} finally {
  await app.close();
}
