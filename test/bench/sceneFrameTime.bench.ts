/**
 * Frame time of the 3D scene against a bare three.js InstancedMesh with the same triangle count, in the
 * same headless Chromium (software WebGL here: compare the ratio, not the milliseconds).
 *   npx tsx test/bench/sceneFrameTime.bench.ts [neurons=3] [frames=8]
 */
import { join } from 'node:path';
import { repository, serveApp } from '../support/servedApp';

const neurons = Number(process.argv[2] ?? 3);
const frames = Number(process.argv[3] ?? 8);
const root = join(repository, 'test/bench/scene');
const app = await serveApp({ root });
const { browser } = app;
try {
  const page = await browser.newPage({ viewport: { width: 820, height: 620 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${app.baseUrl}`);
  await page.waitForFunction(() => typeof window.runSceneBench === 'function');
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown';
  });
  console.log(`renderer: ${renderer}; ${neurons} neurons at day 32 (after ketamine), 800×600, median of ${frames} frames`);
  const results = await page.evaluate((options) => window.runSceneBench(options), { neurons, frames, atHours: 32 * 24 });
  for (const r of results) console.log(`  ${r.label}: ${r.medianMs.toFixed(1)} ms/frame, ${Math.round(r.triangles).toLocaleString('en')} triangles`);
  console.log(`ratio, spines vs bare InstancedMesh: ${(results[0].medianMs / results[1].medianMs).toFixed(2)}× (aim ≤ 1.2×)`);
  console.log(`ratio, whole scene vs bare InstancedMesh of equal triangles: ${(results[2].medianMs / results[3].medianMs).toFixed(2)}×`);
} finally {
  await app.close();
}
