/**
 * Frame time of the 3D scene against a bare three.js InstancedMesh with the same triangle count, in the
 * same headless Chromium (software WebGL here: compare the ratio, not the milliseconds).
 *   npx tsx test/bench/sceneFrameTime.bench.ts [neurons=3] [frames=8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const repository = resolve(import.meta.dirname, '../..');
const neurons = Number(process.argv[2] ?? 3);
const frames = Number(process.argv[3] ?? 8);
const root = join(repository, 'test/bench/scene');
const outDir = mkdtempSync(join(tmpdir(), 'spinelab-scene-'));
await build({ root, configFile: join(repository, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await preview({ root, configFile: join(repository, 'vite.config.ts'), logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
const address = server.httpServer.address();
const port = typeof address === 'object' && address ? address.port : 4173;
const browser = await chromium.launch({
  executablePath: process.env.SPINELAB_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const page = await browser.newPage({ viewport: { width: 820, height: 620 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${port}/`);
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
  await browser.close();
  server.httpServer.close();
  rmSync(outDir, { recursive: true, force: true });
}
