/**
 * Imported neurons in the page: a large reconstruction with absurd radii appears framed without a long task
 * on the main thread (its mesh is built in the worker), and a refused file's reason is shown where the user
 * is looking, at the top of the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generatedSwc } from '../fixtures/generatedSwc';
import { browserSuite, clearLongTasks, readLongTasks, recordLongTasks, root, sceneShot, small, useBrowser, visible } from './browserHarness';
import { luminanceVariance } from './decodePng';

const folder = mkdtempSync(join(tmpdir(), 'spinelab-swc-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
/** A 50,000-sample tree whose radii are region labels of 40–4160, as in one whole-brain tracing. */
function bigLabelledTree(): string {
  const file = join(folder, 'big-labelled.swc');
  writeFileSync(file, generatedSwc(50_000, (id) => 40 + (id % 100) * 41.2));
  return file;
}

browserSuite('SWC import without drawing', () => {
  // Software WebGL (SwiftShader) draws on the page's main thread here: a frame of a 300,000-vertex tree and
  // 20,000 spines takes 0.6–1.2 s of it, which a GPU draws in milliseconds. This browser has no WebGL, so the
  // long tasks measured are the import's own work on the main thread, which is what the page controls.
  const { open } = useBrowser({ extraArgs: ['--disable-3d-apis'] });

  it('imports a 50,000-sample tree with absurd radii with no main-thread task over 100 ms', async () => {
    // Another process on the machine can stretch any task on the wall clock, never shorten one: the
    // import's own main-thread work is bounded when one of three tries shows no task over 100 ms.
    const file = bigLabelledTree();
    const tries: number[][] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const { page, context } = await open(`${small}&paused`, { initScript: recordLongTasks });
      await expect.poll(() => page.textContent('[data-testid=neuron-source]')).toMatch(/procedural/);
      await clearLongTasks(page);
      const started = Date.now();
      await page.setInputFiles('[data-testid=swc-input]', file);
      await expect.poll(() => page.textContent('[data-testid=neuron-source]'), { timeout: 60_000 }).toMatch(/Reconstruction: big-labelled \(50,000 samples\)/);
      const longTasks = await readLongTasks(page);
      console.log(`50,000-sample SWC imported (parse, convert, mesh in the worker) after ${Date.now() - started} ms; main-thread tasks over 50 ms: ${longTasks.length ? longTasks.join(', ') : 'none'}`);
      tries.push(longTasks);
      await context.close();
      if (longTasks.every((duration) => duration <= 100)) break;
    }
    expect(tries.some((longTasks) => longTasks.every((duration) => duration <= 100)), `long tasks in each try: ${JSON.stringify(tries)}`).toBe(true);
  }, 120_000);
});

browserSuite('SWC files in the page', () => {
  const { open } = useBrowser();

  it('shows a 50,000-sample tree with absurd radii framed, its radii replaced and every line listed', async () => {
    const file = bigLabelledTree();
    const { page, errors } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    const started = Date.now();
    await page.setInputFiles('[data-testid=swc-input]', file);
    await expect.poll(() => page.textContent('[data-testid=neuron-source]'), { timeout: 60_000 }).toMatch(/Reconstruction: big-labelled \(50,000 samples\)/);
    await expect.poll(() => page.textContent('[data-testid=notices]')).toMatch(/Growing spines on big-labelled/);
    console.log(`50,000-sample SWC: loaded and shown after ${Date.now() - started} ms (software WebGL, this machine)`);
    // The radii were replaced, with their lines listed in the message's notes.
    await page.click('[data-testid=notice-details] > summary');
    await expect.poll(() => page.textContent('[data-testid=notice-details]')).toMatch(/a radius of \d+(\.\d)? µm is more than the cell allows.*on lines 3, 4, 5/);
    // Framed: the tree fills a good part of the picture, which is not blank.
    const shot = await sceneShot(page);
    expect(luminanceVariance(shot)).toBeGreaterThan(20);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows why a dropped file is refused at the top of the page, in view, and offers the repair the CLI offers', async () => {
    const { page, errors } = await open(`${small}&paused`, { viewport: { width: 390, height: 844 } });
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    // Scrolled down to the neuron panel, as a phone user loading a file would be.
    await page.locator('[data-testid=swc-input]').scrollIntoViewIfNeeded();
    await page.setInputFiles('[data-testid=swc-input]', join(root, 'test/fixtures/swc/self-parent.swc'));
    const notice = page.locator('[data-testid=notice-error]').first();
    await expect.poll(() => notice.textContent()).toMatch(/self-parent\.swc could not be used: .*names itself as its parent/);
    await expect.poll(async () => {
      const box = await notice.boundingBox();
      return box !== null && box.y >= 0 && box.y + Math.min(box.height, 40) <= 844;
    }).toBe(true);
    await page.click('text=Load it with the loops made roots');
    await expect.poll(() => page.textContent('[data-testid=neuron-source]')).toMatch(/Reconstruction: self-parent/);
    expect(errors).toEqual([]);
  }, 60_000);
});
