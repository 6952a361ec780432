/**
 * End-to-end checks in headless Chromium (playwright-core), on a production build served by
 * `vite preview` with the COOP/COEP headers. Pages open in test mode (`?test&neurons=1`): one neuron, a
 * 360×240 canvas and six frames a second, because software WebGL is slow.
 *
 * Without Chromium these tests skip with a printed reason; with SPINELAB_REQUIRE_BROWSER=1 (CI) they fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, luminanceVariance, meanColour } from './decodePng';

const chromiumPath = process.env.SPINELAB_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SPINELAB_REQUIRE_BROWSER === '1';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && !required) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (set SPINELAB_CHROMIUM, or SPINELAB_REQUIRE_BROWSER=1 to fail instead).`);
}
const suite = haveChromium || required ? describe : describe.skip;

/** Flags that give WebGL 2 through ANGLE on SwiftShader without a GPU, and keep Chromium off the network. */
const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

const root = resolve(__dirname, '../..');
const small = 'test&neurons=1';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

suite('SpineLab in the browser', () => {
  let outDir = '';
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  let baseUrl = '';

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required (SPINELAB_REQUIRE_BROWSER=1) but was not found at ${chromiumPath}`);
    outDir = mkdtempSync(join(tmpdir(), 'spinelab-e2e-'));
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const port = await freePort();
    server = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
    baseUrl = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  // Every context a test opens is closed after it, passed or failed, so a failing test's page cannot keep
  // running and slow down the tests after it.
  const openContexts = new Set<BrowserContext>();
  afterEach(async () => {
    await Promise.all([...openContexts].map((context) => context.close().catch(() => undefined)));
    openContexts.clear();
  });

  /** A fresh page (own storage) that records console errors and uncaught exceptions. */
  async function open(query = small): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await browser!.newContext({ viewport: { width: 1100, height: 760 } });
    openContexts.add(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}?${query}`);
    return { page, context, errors };
  }

  const hours = async (page: Page) => Number(await page.getAttribute('[data-testid=sim-clock]', 'data-hours'));
  const visible = async (page: Page) => Number(await page.getAttribute('[data-testid=visible-spines]', 'data-value'));
  const waitForHours = (page: Page, predicate: string) =>
    page.waitForFunction(`(() => { const h = Number(document.querySelector('[data-testid=sim-clock]')?.getAttribute('data-hours')); return ${predicate}; })()`, undefined, { timeout: 20_000 });
  const sceneShot = async (page: Page) => decodePng(await page.locator('[data-testid=scene] canvas').screenshot());

  it('opens on the stress-ketamine story, playing, with no console errors', async () => {
    const { page, context, errors } = await open();
    await expect.poll(() => page.inputValue('[data-testid=scenario-select]')).toBe('stress-ketamine');
    await expect.poll(() => page.textContent('[data-testid=scenario-description]')).toContain('ketamine');
    await waitForHours(page, 'h > 2');
    expect(await page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    expect(await visible(page)).toBeGreaterThan(100);
    expect(await page.locator('[data-testid=param-panel]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws neurons and spines: the canvas is not blank', async () => {
    const { page, context } = await open();
    await waitForHours(page, 'h > 1');
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
    await waitForHours(page, 'h > 1');
    const before = await hours(page);
    await waitForHours(page, `h > ${before + 5}`);
    await page.click('[data-testid=play-toggle]');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('false');
    await page.waitForTimeout(500);
    const paused = await hours(page);
    await page.waitForTimeout(1200);
    expect(await hours(page)).toBe(paused);
    await page.locator('body').focus();
    await page.keyboard.press('Space');
    await waitForHours(page, `h > ${paused + 2}`);
    expect(await page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    await context.close();
  });

  it('switching scenario starts a new run of that scenario from day 0', async () => {
    const { page, context } = await open(`${small}&speed=48`);
    await waitForHours(page, 'h > 40');
    await page.selectOption('[data-testid=scenario-select]', 'control');
    await waitForHours(page, 'h < 30');
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
    await waitForHours(page, 'h > 3');
    const before = await page.evaluate(() => window.__spinelab!.runSettings());
    await page.evaluate(() => window.__spinelab!.crashWorker());
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 15_000 }).toMatch(/stopped unexpectedly.*restarted/);
    const resumed = await hours(page);
    await waitForHours(page, `h > ${resumed + 2}`);
    expect(await page.evaluate(() => window.__spinelab!.runSettings())).toEqual(before);
    expect(await page.inputValue('[data-testid=scenario-select]')).toBe('stress');
    await context.close();
  });

  it('notices a worker that died silently and restarts it', async () => {
    const { page, context } = await open(`${small}&seed=8`);
    await waitForHours(page, 'h > 3');
    await page.evaluate(() => window.__spinelab!.killWorker());
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 20_000 }).toMatch(/stopped responding.*restarted/);
    const resumed = await hours(page);
    await waitForHours(page, `h > ${resumed + 2}`);
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
    await waitForHours(page, 'h > 1');
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
    await page.keyboard.press('4');
    await page.waitForTimeout(1500);
    const box = (await page.locator('[data-testid=scene] canvas').boundingBox())!;
    let found = false;
    for (let gy = 1; gy < 8 && !found; gy++) {
      for (let gx = 1; gx < 12 && !found; gx++) {
        await page.mouse.click(box.x + (box.width * gx) / 12, box.y + (box.height * gy) / 8);
        found = (await page.locator('[data-testid=spine-details]').count()) > 0;
      }
    }
    expect(found).toBe(true);
    await expect.poll(() => page.textContent('[data-testid=spine-details]')).toMatch(/Formed.*Age.*Size.*µm.*Fate/s);
    await context.close();
  });
});
