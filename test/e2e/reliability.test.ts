/**
 * The app under adverse conditions, in headless Chromium (set-up in browserHarness.ts): blocked storage,
 * a worker that keeps failing or stalls on an input, odd and very long links, and the page's
 * Content-Security-Policy. No assertion depends on timing: each waits, with a generous limit, for a state.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { LOAD_TIMEOUT_MS } from '../../src/state/SimulationClient';
import { contentSecurityPolicy } from '../../vite.config';
import { browserSuite, hours, root, small, useBrowser, visible, waitForHours } from './browserHarness';

/** Makes every use of site storage throw, as a browser that blocks site data does. */
const blockStorage = `
  for (const name of ['localStorage', 'sessionStorage']) {
    Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  }
`;

/** Records Content-Security-Policy violations in the page. */
const recordViolations = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

const playbackKind = (page: Page) => page.evaluate(() => window.__spinelab!.store.getState().playback.kind);
const notices = (page: Page) => page.evaluate(() => window.__spinelab!.store.getState().notices.map((n) => n.text));

browserSuite('SpineLab when things go wrong', () => {
  const { open, baseUrl } = useBrowser();

  it('works with site storage blocked: settings apply and reach the worker, and it says once that they will not be kept', async () => {
    const { page, errors } = await open(small, { initScript: blockStorage });
    await waitForHours(page, { above: 1 });
    await page.click('[data-testid=projector-toggle]');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    expect((await page.evaluate(() => window.__spinelab!.workerPlayback()))?.storyPacing).toBe(true);
    await page.click('[data-testid=story-pacing]');
    await expect.poll(async () => (await page.evaluate(() => window.__spinelab!.workerPlayback()))?.storyPacing).toBe(false);
    await page.click('[data-testid=projector-toggle]');
    await page.click('[data-testid=story-pacing]');
    await expect.poll(async () => (await page.evaluate(() => window.__spinelab!.workerPlayback()))?.storyPacing).toBe(true);
    expect((await notices(page)).filter((text) => /will not be kept/.test(text))).toHaveLength(1);
    const before = await hours(page);
    await waitForHours(page, { above: before + 2 });
    expect(errors).toEqual([]);
  });

  it('after repeated worker failures: one message with Reload and Reset, every run control disabled; Reset starts afresh', async () => {
    const { page } = await open(`${small}&seed=3`);
    await waitForHours(page, { above: 1 });
    // Four failures within a minute: three restarts, then it gives up.
    for (let crash = 1; crash <= 4; crash++) {
      await expect.poll(() => playbackKind(page), { timeout: 20_000 }).toMatch(/^(playing|paused)$/);
      await page.evaluate(() => window.__spinelab!.crashWorker());
      await expect.poll(() => playbackKind(page), { timeout: 20_000 }).not.toMatch(/^(playing|paused)$/);
    }
    await expect.poll(() => playbackKind(page), { timeout: 20_000 }).toBe('failed');
    const failure = page.locator('[data-testid=failure]');
    await expect.poll(() => failure.textContent()).toMatch(/stopped and could not be restarted \(simulation crash requested for testing\)/);
    expect(await page.locator('[data-testid=notices]').count()).toBe(0);
    // The button no longer says Pause over a frozen clock, and nothing in the sidebar can be used.
    expect(await page.textContent('[data-testid=play-toggle]')).toContain('Play');
    for (const control of ['play-toggle', 'scenario-select', 'speed-select', 'seed-input', 'story-pacing', 'swc-input', 'export-spines']) {
      expect(await page.locator(`[data-testid=${control}]`).isDisabled(), control).toBe(true);
    }
    await page.locator('body').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await playbackKind(page)).toBe('failed');
    expect(await page.locator('[data-testid=failure-reload]').isEnabled()).toBe(true);
    await page.click('[data-testid=failure-reset]');
    await expect.poll(() => playbackKind(page), { timeout: 20_000 }).toBe('playing');
    await waitForHours(page, { above: 2 });
    expect(await page.locator('[data-testid=scenario-select]').isDisabled()).toBe(false);
    expect(await page.locator('[data-testid=failure]').count()).toBe(0);
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.seed).toBe('3');
  });

  it('Play again at the end (story pacing on) shows Pause while the new run plays, and a crash then restarts it playing', async () => {
    const { page } = await open(`${small}&speed=336`);
    expect(await page.isChecked('[data-testid=story-pacing]')).toBe(true);
    const toggle = page.locator('[data-testid=play-toggle]');
    for (let round = 1; round <= 2; round++) {
      await expect.poll(() => toggle.textContent(), { timeout: 60_000 }).toContain('Play again');
      expect(await playbackKind(page)).toBe('finished');
      await toggle.click();
      await waitForHours(page, { above: 2, below: 1000 });
      expect(await toggle.textContent()).toContain('Pause');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await playbackKind(page)).toBe('playing');
    }
    await page.evaluate(() => window.__spinelab!.crashWorker());
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 20_000 }).toMatch(/stopped unexpectedly.*restarted/);
    const resumed = await hours(page);
    await waitForHours(page, { above: resumed + 5 });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    // The first press pauses.
    await toggle.click();
    await expect.poll(() => playbackKind(page)).toBe('paused');
    expect(await toggle.textContent()).toContain('Play');
  });

  it('paused=false in a link plays; an old query link moves into the fragment', async () => {
    const { page } = await open(`scenario=stress&seed=7&${small}&paused=false`);
    await waitForHours(page, { above: 2 });
    expect(await page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    await expect.poll(() => page.url()).toBe(`${baseUrl()}#scenario=stress&seed=7&speed=24&neurons=1&test`);
    expect(await notices(page)).toEqual([]);
  });

  it('a link pasted over the current one (only the fragment changes) starts its run', async () => {
    const { page } = await open(`#${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    await page.evaluate(() => {
      window.location.hash = 'scenario=control&seed=21&test&neurons=1&paused';
    });
    await expect.poll(() => page.inputValue('[data-testid=scenario-select]')).toBe('control');
    await expect.poll(async () => (await page.evaluate(() => window.__spinelab!.runSettings()))?.seed).toBe('21');
  });

  it('removes an invalid link value (speed=0x10) from the address bar and says so once', async () => {
    const { page } = await open(`#speed=0x10&${small}`);
    await expect.poll(() => page.url()).toBe(`${baseUrl()}#scenario=stress-ketamine&seed=1&speed=24&neurons=1&test`);
    const texts = await notices(page);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/removed from the address bar\. The speed "0x10".*decimal number/);
    await waitForHours(page, { above: 1 });
  });

  it('opens a 100,000-character fragment link (a server never sees it), and explains the value it does not use', async () => {
    const { page, errors } = await open(`#scenario=control&seed=12&${small}&note=${'x'.repeat(100_000)}`);
    await expect.poll(() => page.inputValue('[data-testid=scenario-select]')).toBe('control');
    await waitForHours(page, { above: 1 });
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.seed).toBe('12');
    expect(await page.textContent('[data-testid=notices]')).toMatch(/"note", which SpineLab does not use/);
    expect(page.url()).toBe(`${baseUrl()}#scenario=control&seed=12&speed=24&neurons=1&test`);
    expect(errors).toEqual([]);
  });

  it('does not retry an SWC file the worker stalls on: it comes back on the procedural neurons and says why', async () => {
    const { page } = await open(`${small}&paused`);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    // The worker is kept busy as by a file that never finishes loading (the real one: coordinates of 1e12).
    await page.evaluate(() => window.__spinelab!.stallWorker(120_000));
    await page.setInputFiles('[data-testid=swc-input]', join(root, 'test/fixtures/swc/soma-three-point.swc'));
    await expect
      .poll(() => page.textContent('[data-testid=swc-problem]'), { timeout: LOAD_TIMEOUT_MS + 30_000 })
      .toMatch(new RegExp(`soma-three-point\\.swc could not be loaded: the simulation did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s\\. It will not be tried again; the simulation went back to the procedural neurons\\.`));
    await expect.poll(() => playbackKind(page), { timeout: 20_000 }).toBe('paused');
    expect((await page.evaluate(() => window.__spinelab!.runSettings()))?.swc).toBeUndefined();
    expect(await page.textContent('[data-testid=neuron-source]')).toMatch(/procedural/);
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    await page.click('[data-testid=play-toggle]');
    await waitForHours(page, { above: 2 });
  });

  it('runs under a strict Content-Security-Policy (meta tag and header) with no violation, and sends COOP and COEP', async () => {
    const { page, errors } = await open(small, { initScript: recordViolations });
    const response = await page.goto(`${baseUrl()}#${small}`);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toBe(`${contentSecurityPolicy()}; frame-ancestors 'none'`);
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content')).toBe(contentSecurityPolicy());
    await waitForHours(page, { above: 2 });
    // Exercise what loads later: the charts, the parameter panel, an SWC file, an export.
    await page.click('[data-testid=param-panel] > summary');
    await expect.poll(() => page.locator('.uplot').count()).toBeGreaterThan(0);
    await page.setInputFiles('[data-testid=swc-input]', join(root, 'test/fixtures/swc/soma-three-point.swc'));
    await expect.poll(() => page.textContent('[data-testid=neuron-source]')).toMatch(/Reconstruction/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-spines]')]);
    expect(download.suggestedFilename()).toMatch(/spines\.json$/);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
