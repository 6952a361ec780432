/**
 * End-to-end checks of the app's main paths in headless Chromium; set-up in browserHarness.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { browserSuite, cameraPoseNow, hours, pressUntilSpineDetails, root, sceneShot, small, useBrowser, visible, waitForCameraAtRest, waitForHours } from './browserHarness';
import { luminanceVariance, meanColour } from './decodePng';

browserSuite('SpineLab in the browser', () => {
  const { open } = useBrowser();

  it('opens on the stress-ketamine story, playing, with no console errors', async () => {
    const { page, context, errors } = await open();
    await expect.poll(() => page.inputValue('[data-testid=scenario-select]')).toBe('stress-ketamine');
    await expect.poll(() => page.textContent('[data-testid=scenario-description]')).toContain('ketamine');
    await waitForHours(page, { above: 2 });
    expect(await page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    expect(await visible(page)).toBeGreaterThan(100);
    expect(await page.locator('[data-testid=param-panel]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws neurons and spines: the canvas is not blank', async () => {
    const { page, context } = await open();
    await waitForHours(page, { above: 1 });
    await page.waitForTimeout(1000);
    const pixels = await sceneShot(page);
    expect(pixels.width).toBeGreaterThan(100);
    expect(luminanceVariance(pixels)).toBeGreaterThan(20);
    // Many colours: shaded dendrites and spines of several categories, not a flat fill.
    const colours = new Set<number>();
    for (let i = 0; i < pixels.rgba.length; i += 4) colours.add((pixels.rgba[i] << 16) | (pixels.rgba[i + 1] << 8) | pixels.rgba[i + 2]);
    expect(colours.size).toBeGreaterThan(50);
    await context.close();
  });

  it('advances the clock while playing and stops it while paused (button and Space)', async () => {
    const { page, context } = await open();
    await waitForHours(page, { above: 1 });
    const before = await hours(page);
    await waitForHours(page, { above: before + 5 });
    await page.click('[data-testid=play-toggle]');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('false');
    await page.waitForTimeout(500);
    const paused = await hours(page);
    await page.waitForTimeout(1200);
    expect(await hours(page)).toBe(paused);
    await page.locator('body').focus();
    await page.keyboard.press('Space');
    await waitForHours(page, { above: paused + 2 });
    expect(await page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    await context.close();
  });

  it('switching scenario starts a new run of that scenario from day 0', async () => {
    const { page, context } = await open(`${small}&speed=48`);
    await waitForHours(page, { above: 40 });
    await page.selectOption('[data-testid=scenario-select]', 'control');
    await waitForHours(page, { below: 30 });
    expect(await page.textContent('[data-testid=scenario-description]')).toContain('No stress, no drug');
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.scenario).toBe('control');
    await context.close();
  });

  it('sends a parameter change to the model: a higher detection limit hides spines; invalid input is refused with the reason', async () => {
    const { page, context } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    const before = await visible(page);
    await page.click('[data-testid=param-panel] > summary');
    const input = page.locator('[data-testid=param-detectionThresholdUm3]');
    await input.fill('7');
    await input.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=param-detectionThresholdUm3-problem]')).toMatch(/out of range/);
    expect(await visible(page)).toBe(before);
    await input.fill('0.3');
    await input.press('Enter');
    await expect.poll(() => visible(page)).toBeLessThan(before / 3);
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.parameters).toEqual({ detectionThresholdUm3: 0.3 });
    await context.close();
  });

  it('restarts a crashed worker with the same scenario, seed and parameters, says so, and runs on', async () => {
    const { page, context } = await open(`${small}&scenario=stress&seed=5`);
    await page.click('[data-testid=param-panel] > summary');
    const input = page.locator('[data-testid=param-rescueDistanceUm]');
    await input.fill('2');
    await input.press('Enter');
    await expect.poll(async () => (await page.evaluate(() => window.__spinelab!.runSettings()))?.parameters).toEqual({ rescueDistanceUm: 2 });
    await waitForHours(page, { above: 3 });
    const before = await page.evaluate(() => window.__spinelab!.runSettings());
    await page.evaluate(() => window.__spinelab!.crashWorker());
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 15_000 }).toMatch(/stopped unexpectedly.*restarted/);
    const resumed = await hours(page);
    await waitForHours(page, { above: resumed + 2 });
    expect(await page.evaluate(() => window.__spinelab!.runSettings())).toEqual(before);
    expect(await page.inputValue('[data-testid=scenario-select]')).toBe('stress');
    await context.close();
  });

  it('notices a worker that died silently and restarts it', async () => {
    const { page, context } = await open(`${small}&seed=8`);
    await waitForHours(page, { above: 3 });
    await page.evaluate(() => window.__spinelab!.killWorker());
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 20_000 }).toMatch(/stopped responding.*restarted/);
    const resumed = await hours(page);
    await waitForHours(page, { above: resumed + 2 });
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.seed).toBe('8');
    await context.close();
  });

  it('the projector setting turns the scene white and high-contrast, and is remembered', async () => {
    const { page, context } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    await page.waitForTimeout(800);
    const dark = meanColour(await sceneShot(page), 2, 2, 12, 12);
    expect(Math.max(...dark)).toBeLessThan(60);
    await page.click('[data-testid=projector-toggle]');
    await expect.poll(async () => Math.min(...meanColour(await sceneShot(page), 2, 2, 12, 12)), { timeout: 10_000 }).toBeGreaterThan(240);
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    // Corrupt saved state is ignored: the page still opens, with the default (screen) palette.
    await page.evaluate(() => localStorage.setItem('spinelab.settings.v1', '{"projector": "maybe"'));
    await page.reload();
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(false);
    await context.close();
  });

  it('explains invalid link values and falls back to the defaults', async () => {
    const { page, context } = await open(`${small}&scenario=happy-mice&speed=fast`);
    await expect.poll(() => page.textContent('[data-testid=notices]')).toMatch(/scenario "happy-mice", which does not exist/);
    expect(await page.textContent('[data-testid=notices]')).toMatch(/speed "fast"/);
    expect(await page.inputValue('[data-testid=scenario-select]')).toBe('stress-ketamine');
    await waitForHours(page, { above: 1 });
    await context.close();
  });

  it('moves the camera from the keyboard when the 3D view has focus, without stepping the clock', async () => {
    const { page, context } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    await page.waitForTimeout(800);
    const before = await sceneShot(page);
    await page.focus('[data-testid=scene] canvas');
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(1200);
    const after = await sceneShot(page);
    let changed = 0;
    for (let i = 0; i < before.rgba.length; i += 4) if (Math.abs(before.rgba[i] - after.rgba[i]) > 40) changed++;
    expect(changed).toBeGreaterThan(500);
    expect(await hours(page)).toBe(0);
    await context.close();
  });

  it('grows spines on a neuron loaded from an SWC file, and explains a file it cannot use', async () => {
    const { page, context } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    await page.setInputFiles('[data-testid=swc-input]', join(root, 'test/fixtures/swc/empty.swc'));
    await expect.poll(() => page.textContent('[data-testid=swc-problem]')).toMatch(/empty\.swc could not be used/);
    await page.setInputFiles('[data-testid=swc-input]', join(root, 'test/fixtures/swc/soma-three-point.swc'));
    await expect.poll(() => page.textContent('[data-testid=neuron-source]')).toMatch(/Reconstruction: soma-three-point \(13 samples\)/);
    await expect.poll(() => page.textContent('[data-testid=notices]')).toMatch(/Growing spines on soma-three-point/);
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.swc?.fileName).toBe('soma-three-point.swc');
    await context.close();
  });

  it('grows spines on an SWC file dropped on the page, and exports the neuron with its spines', async () => {
    const { page, context, errors } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    const before = await sceneShot(page);
    const text = readFileSync(join(root, 'test/fixtures/swc/soma-three-point.swc'), 'utf8');
    // A real drag and drop: a DataTransfer holding the file, dragged over the page and dropped on it.
    const transfer = await page.evaluateHandle((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'dropped-neuron.swc', { type: 'text/plain' }));
      return data;
    }, text);
    await page.dispatchEvent('main, body', 'dragover', { dataTransfer: transfer });
    await expect.poll(() => page.locator('[data-testid=drop-overlay]').count()).toBe(1);
    await page.dispatchEvent('main, body', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.textContent('[data-testid=neuron-source]')).toMatch(/Reconstruction: dropped-neuron \(13 samples\)/);
    expect(await page.locator('[data-testid=drop-overlay]').count()).toBe(0);
    await expect.poll(() => visible(page)).toBeGreaterThan(5);
    await page.waitForTimeout(1000);
    const after = await sceneShot(page);
    let changed = 0;
    for (let i = 0; i < before.rgba.length; i += 4) if (Math.abs(before.rgba[i] - after.rgba[i]) > 40) changed++;
    expect(changed).toBeGreaterThan(300);
    // Export: the neuron just loaded, with every live spine.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-spines]')]);
    expect(download.suggestedFilename()).toMatch(/^spinelab-stress-ketamine-seed1-\d+h-spines\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.format).toBe('spinelab-spines');
    expect(exported.neurons[0].name).toBe('dropped-neuron');
    expect(exported.spineCount).toBeGreaterThan(5);
    expect(exported.spines.cohort).toHaveLength(exported.spineCount);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a clicked spine’s age, size, origin and fate (picked by instance slot)', async () => {
    const { page, context } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    const before = await cameraPoseNow(page);
    await page.keyboard.press('4');
    await waitForCameraAtRest(page, before);
    expect(await pressUntilSpineDetails(page, (x, y) => page.mouse.click(x, y))).toBe(true);
    await expect.poll(() => page.textContent('[data-testid=spine-details]')).toMatch(/Formed.*Age.*Size.*µm.*Fate/s);
    await context.close();
  });
});
