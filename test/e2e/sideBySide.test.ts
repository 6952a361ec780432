/**
 * The 3D view with two conditions side by side: each side runs its condition on the page's neurons and
 * seed, at the page's clock, so that at any moment both show exactly what that condition shows on its own.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserSuite, sceneShot, small, useBrowser, waitForHours } from './browserHarness';
import { luminanceVariance, type Pixels } from './decodePng';

/** The left or right half of a picture. */
function half({ width, height, rgba }: Pixels, side: 0 | 1): Pixels {
  const w = Math.floor(width / 2);
  const out = new Uint8Array(w * height * 4);
  for (let y = 0; y < height; y++) out.set(rgba.subarray((y * width + side * w) * 4, (y * width + side * w + w) * 4), y * w * 4);
  return { width: w, height, rgba: out };
}

type Hooks = NonNullable<Window['__spinelab']>;
type Waiting = Window & { __sides?: Promise<number[]>[]; __rows?: Promise<number[]> };

const KETAMINE_24H = 31 * 24 + 24;
const playbackKind = (page: Page) => page.evaluate(() => (window.__spinelab as Hooks).store.getState().playback.kind);
const sideStates = (page: Page) => page.evaluate(() => [0, 1].map((i) => document.querySelector(`[data-testid=side-label-${i}]`)?.getAttribute('data-state') ?? null));
const sideNumber = async (page: Page, side: number, name: 'hours' | 'visible') => Number(await page.getAttribute(`[data-testid=side-label-${side}]`, `data-${name}`));

/** The spine rows of the next frame at `hours` of both sides (ask before the command that brings it). */
const expectSidesAt = (page: Page, hours: number) =>
  page.evaluate((at) => {
    (window as Waiting).__sides = [0, 1].map((side) => (window.__spinelab as Hooks).sideRowsAt(side, at));
  }, hours);
const sideRows = (page: Page) => page.evaluate(() => Promise.all((window as Waiting).__sides!));

/** What the page shows at `hours` when it runs `scenario` alone with the same seed and neurons. */
async function rowsRunAlone(open: ReturnType<typeof useBrowser>['open'], scenario: string, hours: number): Promise<number[]> {
  const { page, errors } = await open(`#${small}&seed=3&scenario=${scenario}&paused&t=${hours}`);
  await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
  const rows = await page.evaluate((at) => {
    const hooks = window.__spinelab as Hooks;
    const next = hooks.spineRowsAt(at);
    hooks.seek(at);
    return next;
  }, hours);
  expect(errors).toEqual([]);
  return rows;
}

browserSuite('the 3D view: two conditions side by side', () => {
  const { open } = useBrowser();

  it('plays stress and stress + ketamine at the same simulated time, each exactly as it runs alone; the link keeps the choice; a side whose worker fails comes back', async () => {
    const { page, errors } = await open(`#${small}&seed=3&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    await page.click('[data-testid=side-by-side-on]');
    await expect.poll(() => page.url()).toMatch(/&compare=0,1&paused(&|$)/);
    await expect.poll(() => sideStates(page), { timeout: 30_000 }).toEqual(['paused', 'paused']);
    expect(await page.textContent('[data-testid=side-label-0] strong')).toBe('stress');
    expect(await page.textContent('[data-testid=side-label-1] strong')).toBe('stress + ketamine');
    // The keys that step through spines pick none of the page's run, which is not drawn here.
    await page.focus('body');
    await page.keyboard.press(']');
    expect(await page.evaluate(() => (window.__spinelab as Hooks).store.getState().selectedSlot)).toBe(-1);
    expect(await page.locator('section.details').count()).toBe(0);

    // Seeking the clock to ketamine + 24 h moves both sides there.
    await expectSidesAt(page, KETAMINE_24H);
    await page.evaluate((at) => (window.__spinelab as Hooks).seek(at), KETAMINE_24H);
    const [stressRows, ketamineRows] = await sideRows(page);
    await expect.poll(async () => [await sideNumber(page, 0, 'hours'), await sideNumber(page, 1, 'hours')]).toEqual([KETAMINE_24H, KETAMINE_24H]);
    // Each side is its condition on this seed: the frame the page shows for that condition run alone.
    expect(stressRows).toEqual(await rowsRunAlone(open, 'stress', KETAMINE_24H));
    expect(ketamineRows).toEqual(await rowsRunAlone(open, 'stress-ketamine', KETAMINE_24H));
    // A day after the dose, ketamine's new spines are there on one side only (the same draws until the dose).
    const [stressVisible, ketamineVisible] = [await sideNumber(page, 0, 'visible'), await sideNumber(page, 1, 'visible')];
    expect(ketamineVisible).toBeGreaterThan(stressVisible);

    // The clock's controls drive both: an hour on.
    await expectSidesAt(page, KETAMINE_24H + 1);
    await page.getByRole('button', { name: '+1 h' }).click();
    const [stressNext, ketamineNext] = await sideRows(page);
    expect(stressNext).not.toEqual(stressRows);
    expect(ketamineNext).not.toEqual(ketamineRows);

    // A side's worker fails: it restarts on its condition and comes back to the clock's moment, unchanged.
    await page.evaluate((at) => {
      (window as Waiting).__rows = (window.__spinelab as Hooks).sideRowsAt(1, at);
    }, KETAMINE_24H + 1);
    await page.evaluate(() => (window.__spinelab as Hooks).crashSide(1));
    expect(await page.evaluate(() => (window as Waiting).__rows!)).toEqual(ketamineNext);
    await expect.poll(() => sideStates(page), { timeout: 30_000 }).toEqual(['paused', 'paused']);
    expect(await playbackKind(page)).toBe('paused');

    // Both halves hold a picture (a neuron with its spines), not a flat fill.
    const split = await sceneShot(page);
    expect(luminanceVariance(half(split, 0))).toBeGreaterThan(20);
    expect(luminanceVariance(half(split, 1))).toBeGreaterThan(20);

    // Back to one condition: the sides go, and so does the link's compare=; the page's run is drawn again.
    await page.click('[data-testid=side-by-side-off]');
    await expect.poll(() => page.locator('[data-testid=side-label-0]').count()).toBe(0);
    expect(page.url()).not.toMatch(/compare=/);
    await page.getByRole('button', { name: '+1 h' }).click();
    await waitForHours(page, { above: KETAMINE_24H + 1.5, below: KETAMINE_24H + 2.5 });
    expect(luminanceVariance(await sceneShot(page))).toBeGreaterThan(20);
    expect(errors.filter((e) => !/crash requested for testing/.test(e))).toEqual([]);
  }, 180_000);

  it('a link naming conditions the bench does not have shows one run and says why', async () => {
    const { page, errors } = await open(`#${small}&compare=2,3`);
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 30_000 }).toMatch(/The 3D view shows one run: .*the bench has 2 conditions, numbered 0 to 1/);
    expect(await page.locator('[data-testid=side-label-0]').count()).toBe(0);
    expect(await page.isChecked('[data-testid=side-by-side-off]')).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);
});
