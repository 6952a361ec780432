/**
 * The browser tests' shared set-up: a production build served by `vite preview` (with the headers of
 * vite.config.ts), driven in headless Chromium through playwright-core. Pages open in test mode
 * (`test&neurons=1`): one neuron, a 360×240 canvas and six frames a second, because software WebGL is slow.
 *
 * Without Chromium the suites skip with a printed reason; with SPINELAB_REQUIRE_BROWSER=1 (CI) they fail.
 */
import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { chromiumPath, repository, serveApp, type ServedApp } from '../support/servedApp';
import { decodePng } from './decodePng';

const required = process.env.SPINELAB_REQUIRE_BROWSER === '1';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && !required) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (set SPINELAB_CHROMIUM, or SPINELAB_REQUIRE_BROWSER=1 to fail instead).`);
}
/** `describe` where Chromium is there or required, `describe.skip` otherwise. */
export const browserSuite = haveChromium || required ? describe : describe.skip;

export const root = repository;
/** The light test view: one neuron, a small canvas, a low frame rate. */
export const small = 'test&neurons=1';

export interface OpenOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** A script run in the page before its own (to block storage, say). */
  readonly initScript?: string;
  /** A touch screen (taps). */
  readonly hasTouch?: boolean;
  /** The system asks for reduced motion (prefers-reduced-motion: reduce). */
  readonly reducedMotion?: boolean;
}

export interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

/**
 * Builds, serves and launches once for the calling file (register inside a suite); every context a test
 * opens is closed after it, passed or failed, so a failing test's page cannot slow down the tests after it.
 */
export function useBrowser(options: { readonly extraArgs?: readonly string[]; readonly gpuCompositing?: boolean } = {}) {
  let app: ServedApp | null = null;
  const openContexts = new Set<BrowserContext>();

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required (SPINELAB_REQUIRE_BROWSER=1) but was not found at ${chromiumPath}`);
    app = await serveApp({ extraArgs: options.extraArgs, gpuCompositing: options.gpuCompositing });
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(async () => {
    await Promise.all([...openContexts].map((context) => context.close().catch(() => undefined)));
    openContexts.clear();
  });

  return {
    /** The served app's address, ending in '/'. */
    baseUrl: () => app!.baseUrl,
    /**
     * A fresh page (own storage) that records console errors and uncaught exceptions. `link` is a query
     * (`test&seed=2`, or `?…`) or a fragment (`#…`).
     */
    async open(link = small, options: OpenOptions = {}): Promise<OpenPage> {
      const context = await app!.browser.newContext({
        viewport: options.viewport ?? { width: 1100, height: 760 },
        hasTouch: options.hasTouch ?? false,
        reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
      });
      openContexts.add(context);
      const page = await context.newPage();
      if (options.initScript) await page.addInitScript(options.initScript);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${app!.baseUrl}${link.startsWith('#') || link.startsWith('?') ? link : `?${link}`}`);
      return { page, context, errors };
    },
  };
}

export const hours = async (page: Page) => Number(await page.getAttribute('[data-testid=sim-clock]', 'data-hours'));
export const visible = async (page: Page) => Number(await page.getAttribute('[data-testid=visible-spines]', 'data-value'));
/**
 * Waits until the clock reads more than `above` and less than `below` hours. (A function, not a string:
 * the page's Content-Security-Policy forbids evaluating strings.)
 */
export const waitForHours = (page: Page, { above = -Infinity, below = Infinity }: { above?: number; below?: number }, timeout = 20_000) =>
  page.waitForFunction(
    ([low, high]) => {
      const h = Number(document.querySelector('[data-testid=sim-clock]')?.getAttribute('data-hours'));
      return h > low && h < high;
    },
    [above, below],
    { timeout },
  );
/** An init script that records the duration of every main-thread task over 50 ms (the Long Tasks API). */
export const recordLongTasks = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); })
    .observe({ type: 'longtask', buffered: true });
`;
type LongTaskWindow = Window & { __longTasks: number[] };
/** Forgets the long tasks recorded so far (of a page opened with `recordLongTasks`). */
export const clearLongTasks = (page: Page) => page.evaluate(() => void ((window as unknown as LongTaskWindow).__longTasks.length = 0));
/** The long tasks recorded since the page opened or `clearLongTasks`, in whole milliseconds. */
export const readLongTasks = (page: Page) => page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks.map(Math.round));
export const sceneShot = async (page: Page) => decodePng(await page.locator('[data-testid=scene] canvas').screenshot());

/**
 * Presses (clicks or taps) the 3D view on a grid of 11 × 7 points until a spine is picked, and waits for its
 * details; true if one was. Where spines fall depends on the run, so a test looks for one rather than aiming
 * at a pixel. A pick is read from the store at once: the details come from the worker later, and a press
 * beside a spine before they arrive would take the pick back.
 */
export async function pressUntilSpineDetails(page: Page, press: (x: number, y: number) => Promise<void>): Promise<boolean> {
  const box = (await page.locator('[data-testid=scene] canvas').boundingBox())!;
  for (let gy = 1; gy < 8; gy++) {
    for (let gx = 1; gx < 12; gx++) {
      await press(box.x + (box.width * gx) / 12, box.y + (box.height * gy) / 8);
      if (await page.evaluate(() => window.__spinelab!.store.getState().selectedSlot >= 0)) {
        await page.locator('[data-testid=spine-details]').waitFor({ timeout: 20_000 });
        return true;
      }
    }
  }
  return false;
}

/** The 3D view's camera pose, as the page's test hook reads it, in a form that compares as text. */
export const cameraPoseNow = (page: Page) => page.evaluate(() => JSON.stringify(window.__spinelab?.cameraPose() ?? null));

/**
 * Waits until the camera has left `before` (a pose read with `cameraPoseNow` before asking for a view) and
 * stands still, two reads 400 ms apart agreeing: the flight to the view has ended, however slow the machine.
 */
export async function waitForCameraAtRest(page: Page, before: string): Promise<void> {
  let last = before;
  await expect
    .poll(
      async () => {
        const now = await cameraPoseNow(page);
        const rested = now === last && now !== before;
        last = now;
        return rested;
      },
      { interval: 400, timeout: 20_000 },
    )
    .toBe(true);
}
