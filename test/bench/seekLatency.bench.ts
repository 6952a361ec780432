/**
 * Seek latency over the 57-day story: from the call to the frame at the time asked arriving in the page
 * (headless Chromium, the production build, three neurons, the 3D view drawing), and the worker API's own
 * share of it in Node. Figures only.
 *   npx tsx test/bench/seekLatency.bench.ts [seeks=25]
 */
import { createSimulationApi } from '../../workers/simulationApi';
import { serveApp } from '../support/servedApp';

const seeks = Number(process.argv[2] ?? 25);
const durationHours = 57 * 24;
/** Whole hours spread over the story in a fixed, shuffled order (forward and backward jumps). */
const targets = Array.from({ length: seeks }, (_, i) => Math.round(((i * 0.618034) % 1) * durationHours));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const describe = (label: string, ms: number[]) => console.log(`${label}: median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms over ${ms.length} seeks (aim ≤ 300 ms median)`);

// The worker API alone (Node): the re-simulation from the last checkpoint, after a first pass has left one per day.
{
  const api = createSimulationApi();
  api.start({ scenario: 'stress-ketamine', seed: 1, parameters: {}, neuronCount: 3 }, { playing: false }, (frame) => api.returnBuffer(frame.buffer));
  api.seek(durationHours);
  const ms = targets.map((hours) => {
    const started = performance.now();
    api.seek(hours);
    return performance.now() - started;
  });
  api.stop();
  describe('worker API in Node', ms);
}

const app = await serveApp();
const { browser } = app;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  // Opened at the end, paused: the worker has passed every day once and holds its checkpoints.
  await page.goto(`${app.baseUrl}#neurons=3&paused&t=${durationHours}`);
  await page.waitForFunction(() => window.__spinelab?.store.getState().playback.kind === 'finished' || window.__spinelab?.store.getState().playback.kind === 'paused', undefined, { timeout: 60_000 });
  const ms: number[] = [];
  for (const hours of targets) {
    ms.push(
      await page.evaluate(async (at) => {
        const hooks = window.__spinelab!;
        const started = performance.now();
        const arrived = hooks.spineRowsAt(at);
        hooks.seek(at);
        await arrived;
        return performance.now() - started;
      }, hours),
    );
  }
  describe('page (seek to frame arrived), headless Chromium', ms);
} finally {
  await app.close();
}
