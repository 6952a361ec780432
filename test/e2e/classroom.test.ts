/**
 * The classroom in the browser: layout at six screen sizes, the projector's first screen, a lecture driven
 * by keys alone, reduced motion, and axe-core's WCAG 2.2 AA checks in five states. Set-up in browserHarness.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserSuite, cameraPoseNow, hours, pressUntilSpineDetails, root, useBrowser, visible, waitForCameraAtRest, waitForHours } from './browserHarness';
import { decodePng, luminanceVariance } from './decodePng';
import { webmFrames } from './webmFrames';

const SIZES = [
  [390, 844],
  [820, 1180],
  [1024, 768],
  [1280, 720],
  [1400, 860],
  [1920, 1080],
] as const;

/**
 * Every interactive element that is shown, scrolled into view: is its centre inside the window, and is the
 * element found there (document.elementFromPoint) the element itself? Returns the failures in words.
 */
function coveredOrOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('data-testid') || '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input, select, summary, textarea, [tabindex]:not([tabindex="-1"])')) {
      // Hidden: not drawn, inside a closed details element, or the skip link (shown on focus, checked apart).
      if (el.getClientRects().length === 0 || el.classList.contains('skip-link')) continue;
      if (el.tagName !== 'SUMMARY' && el.closest('details:not([open])')) continue;
      if (el.closest('dialog:not([open])')) continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
        problems.push(`${name(el)} is outside the scroll area`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      // A visually hidden file input lies over its label's text: the label is the control.
      const ownLabel = hit?.closest('label');
      if (!hit || !(el === hit || el.contains(hit) || (ownLabel && ownLabel.contains(el)))) problems.push(`${name(el)} is covered by ${hit ? name(hit) : 'nothing'}`);
    }
    window.scrollTo(0, 0);
    return problems;
  });
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.0–2.2 A and AA rules on the page as it is; the violations in words. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated as a script by the browser's debugging protocol: the page's policy forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const chapter = (page: Page) => page.getAttribute('[data-testid=lesson]', 'data-chapter');

browserSuite('SpineLab in the classroom', () => {
  const { open } = useBrowser();

  it('at six screen sizes, no control is covered or out of reach, and a phone scrolls controls, 3D view, charts', async () => {
    for (const [width, height] of SIZES) {
      const { page, context } = await open('?neurons=1&paused', { viewport: { width, height } });
      await page.waitForSelector('[data-testid=scene] canvas');
      await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
      expect(await coveredOrOutside(page), `${width}×${height}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width}×${height}: no sideways scrolling`).toBeLessThanOrEqual(width);
      // The skip link is the first Tab stop and shows itself.
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        return { cls: document.activeElement!.className, top: r.top, bottom: r.bottom };
      });
      expect(skip.cls).toBe('skip-link');
      expect(skip.top).toBeGreaterThanOrEqual(0);
      if (width < 900) {
        // Controls first, then the 3D view, then the charts: nothing on top of anything.
        const order = await page.evaluate(() => ['[data-testid=play-toggle]', '[data-testid=scene]', '.charts'].map((q) => document.querySelector(q)!.getBoundingClientRect().top + window.scrollY));
        expect(order[0]).toBeLessThan(order[1]);
        expect(order[1]).toBeLessThan(order[2]);
      }
      await context.close();
    }
  });

  it('with the parameter panel open and scrolled to its end, Play and the clock stay in view and uncovered (desktop, projector, phone)', async () => {
    for (const [link, width, height] of [
      ['?neurons=1&paused', 1400, 860],
      ['?neurons=1&paused&projector', 1280, 720],
      ['?neurons=1&paused', 390, 844],
    ] as const) {
      const { page, context } = await open(link, { viewport: { width, height } });
      await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
      await page.click('[data-testid=param-panel] > summary');
      await page.waitForSelector('.param', { state: 'attached' });
      // Every group open, then the panel's last element brought to the bottom of the view.
      await page.evaluate(() => {
        for (const group of document.querySelectorAll<HTMLDetailsElement>('[data-testid=param-panel] details')) group.open = true;
      });
      const scrolled = await page.evaluate(() => {
        const panel = document.querySelector('[data-testid=param-panel]')!;
        panel.lastElementChild!.scrollIntoView({ block: 'end' });
        return { page: window.scrollY, sidebar: document.querySelector('[data-testid=controls]')!.scrollTop };
      });
      expect(Math.max(scrolled.page, scrolled.sidebar), `${width}×${height}: scrolled`).toBeGreaterThan(300);
      // Play and a clock (the header's, or the play row's on a phone) are shown, inside the window, on top.
      const shown = await page.evaluate(() =>
        ['[data-testid=play-toggle]', '[data-testid=sim-clock] .clock-time, .transport-clock'].map((query) => {
          for (const el of document.querySelectorAll(query)) {
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            const x = r.left + r.width / 2;
            const y = r.top + r.height / 2;
            const inside = x >= 0 && y >= 0 && x <= window.innerWidth && y <= window.innerHeight;
            const hit = document.elementFromPoint(x, y);
            if (inside && hit && (el === hit || el.contains(hit))) return `${query}: shown`;
          }
          return `${query}: hidden or covered`;
        }),
      );
      expect(shown, `${width}×${height}`).toEqual(['[data-testid=play-toggle]: shown', '[data-testid=sim-clock] .clock-time, .transport-clock: shown']);
      await context.close();
    }
  });

  it('Play can be tapped on a phone', async () => {
    const { page } = await open('?neurons=1&paused', { viewport: { width: 390, height: 844 }, hasTouch: true });
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    // A touch at the button's centre: whatever lies there receives it.
    await page.tap('[data-testid=play-toggle]');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    await waitForHours(page, { above: 1 });
  });

  it('on a touch screen: one finger turns the 3D view, two fingers pinch-zoom it, a tap picks a spine, and the page still scrolls outside the view', async () => {
    const { page, context } = await open('?test&neurons=1&paused', { viewport: { width: 390, height: 844 }, hasTouch: true });
    await expect.poll(() => visible(page)).toBeGreaterThan(100);
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    const pose = async () => {
      const onScreen = await page.evaluate(() => window.__spinelab!.cameraPose());
      if (!onScreen) throw new Error('No 3D view is on screen');
      return onScreen;
    };
    const offset = (p: { position: number[]; target: number[] }) => p.position.map((v, i) => v - p.target[i]);
    const length = (v: number[]) => Math.hypot(...v);
    const canvas = page.locator('[data-testid=scene] canvas');
    await canvas.scrollIntoViewIfNeeded();
    let box = (await canvas.boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];

    // One finger across the view: the camera turns around its target, at the same distance.
    const start = await pose();
    await touch('touchStart', [[cx - 80, cy]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[cx - 80 + 20 * i, cy]]);
    await touch('touchEnd', []);
    await expect.poll(async () => {
      const [a, b] = [offset(start), offset(await pose())];
      return (Math.acos(Math.min(1, a.reduce((sum, v, i) => sum + v * b[i], 0) / (length(a) * length(b)))) * 180) / Math.PI;
    }).toBeGreaterThan(10);
    const turned = await pose();
    expect(length(offset(turned)) / length(offset(start))).toBeCloseTo(1, 2);

    // Two fingers moving apart: the camera comes closer.
    await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[cx - 20 - 8 * i, cy], [cx + 20 + 8 * i, cy]]);
    await touch('touchEnd', []);
    await expect.poll(async () => length(offset(await pose())) / length(offset(turned))).toBeLessThan(0.8);

    // A vertical swipe outside the view scrolls the page; the same swipe on the view turns the camera instead.
    const scrollBy = async (x: number, y: number) => {
      const before = await page.evaluate(() => window.scrollY);
      await touch('touchStart', [[x, y]]);
      for (let i = 1; i <= 8; i++) {
        await touch('touchMove', [[x, y - 20 * i]]);
        await page.waitForTimeout(16);
      }
      await touch('touchEnd', []);
      await page.waitForTimeout(300);
      return (await page.evaluate(() => window.scrollY)) - before;
    };
    await page.evaluate(() => window.scrollTo(0, 0));
    const text = (await page.locator('.tagline').boundingBox())!;
    expect(await scrollBy(text.x + text.width / 2, text.y + text.height / 2 + 200)).toBeGreaterThan(50);
    await canvas.scrollIntoViewIfNeeded();
    box = (await canvas.boundingBox())!;
    const beforeSwipe = await pose();
    expect(await scrollBy(box.x + box.width / 2, box.y + box.height * 0.7)).toBe(0);
    await expect.poll(async () => length(offset(await pose()).map((v, i) => v - offset(beforeSwipe)[i]))).toBeGreaterThan(0);

    // A tap on a spine (in the microscope's close-up) opens its details, as a click does.
    const before = await cameraPoseNow(page);
    await page.click('[data-testid=view-microscope]');
    await waitForCameraAtRest(page, before);
    expect(await pressUntilSpineDetails(page, (x, y) => page.touchscreen.tap(x, y))).toBe(true);
  });

  it('projector mode at 1280×720 and 1024×768 shows clock, Play, readouts and the 3D view in the first screen', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
    ] as const) {
      const { page, context } = await open('?neurons=1&paused&projector', { viewport: { width, height } });
      await expect.poll(() => page.getAttribute('.app', 'data-projector')).toBe('true');
      await page.waitForSelector('[data-testid=scene] canvas');
      // The first screen as it settles: charts loaded (they take their row from the 3D view's) and the
      // canvas resized to its place (the renderer follows its box a frame later).
      await page.waitForSelector('.charts .chart');
      await expect
        .poll(() => page.evaluate(() => Math.abs(document.querySelector('[data-testid=scene] canvas')!.getBoundingClientRect().bottom - document.querySelector('[data-testid=scene]')!.getBoundingClientRect().bottom)))
        .toBeLessThan(1);
      const boxes = await page.evaluate(() =>
        ['[data-testid=sim-clock]', '[data-testid=play-toggle]', '[data-testid=visible-spines]', '[data-testid=escape-index]', '[data-testid=scene] canvas'].map((q) => {
          const r = document.querySelector(q)!.getBoundingClientRect();
          return { q, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        }),
      );
      for (const box of boxes) {
        expect(box.top, `${box.q} at ${width}×${height}`).toBeGreaterThanOrEqual(0);
        expect(box.bottom, `${box.q} at ${width}×${height}`).toBeLessThanOrEqual(height);
        expect(box.right, `${box.q} at ${width}×${height}`).toBeLessThanOrEqual(width);
      }
      expect(await coveredOrOutside(page), `${width}×${height} projector`).toEqual([]);
      await context.close();
    }
  });

  it('with reduced motion the story does not play until Play is pressed', async () => {
    const { page } = await open('?test&neurons=1', { reducedMotion: true });
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    const at = await hours(page);
    await page.waitForTimeout(1500);
    expect(await hours(page)).toBe(at);
    await page.click('[data-testid=play-toggle]');
    await waitForHours(page, { above: at + 1 });
  });

  it('a lecture by keys alone: Tab, Space, Page Down ×3, ←, ?, Escape ends at ketamine +3 h less an hour, scenario unchanged', async () => {
    const { page, errors } = await open('?test&neurons=1&paused');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    await page.keyboard.press('PageDown');
    await expect.poll(() => chapter(page)).toBe('baseline');
    await expect.poll(() => hours(page)).toBe(8 * 24);
    await page.keyboard.press('PageDown');
    await expect.poll(() => chapter(page)).toBe('stress');
    await page.keyboard.press('PageDown');
    await expect.poll(() => chapter(page)).toBe('ketamine-3h');
    // Ketamine is given at day 31 (744 h): the chapter stands at +3 h, paused.
    await expect.poll(() => hours(page)).toBe(747);
    expect(await page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => hours(page)).toBe(746);
    await page.keyboard.press('?');
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid=key-help]') as HTMLDialogElement).open)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid=key-help]') as HTMLDialogElement).open)).toBe(false);
    expect(await chapter(page)).toBe('ketamine-3h');
    expect(await hours(page)).toBe(746);
    expect(await page.inputValue('[data-testid=scenario-select]')).toBe('stress-ketamine');
    // The chapter's caption reads the run's numbers once the clock is back at its moment.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.textContent('[data-testid=lesson-caption]')).toMatch(/escape behaviour is \d\.\d\d \(it was \d\.\d\d before the dose\)/);
    expect(errors).toEqual([]);
  });

  it('Space never presses the focused button again, and arrows never switch the scenario', async () => {
    const { page } = await open('?test&neurons=1&paused');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    await page.getByRole('button', { name: '+1 day' }).click();
    await expect.poll(() => hours(page)).toBe(24);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    const at = await hours(page);
    // Still paused, and the +1 day button was not pressed again.
    expect(at).toBeLessThan(48);
    await page.focus('[data-testid=scenario-select]');
    for (const key of ['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'End']) await page.keyboard.press(key);
    expect(await page.inputValue('[data-testid=scenario-select]')).toBe('stress-ketamine');
  });

  it('Reset all and the link parameters view=, projector=, chapter=', async () => {
    const linked = await open('?test&neurons=1&view=tuft&paused');
    await expect.poll(() => linked.page.getAttribute('[data-testid=view-tuft]', 'aria-pressed')).toBe('true');
    await linked.context.close();
    const { page } = await open('?test&neurons=1&view=tuft&projector&chapter=ketamine-24h&compare=0,1');
    await expect.poll(() => page.getAttribute('.app', 'data-projector')).toBe('true');
    await expect.poll(() => page.locator('.side-by-side-labels').count()).toBe(1);
    await expect.poll(() => chapter(page)).toBe('ketamine-24h');
    await expect.poll(() => hours(page)).toBe(768);
    // The chapter framed its own view (the microscope) over the link's.
    await expect.poll(() => page.getAttribute('[data-testid=view-microscope]', 'aria-pressed')).toBe('true');
    await page.click('[data-testid=reset-all]');
    await expect.poll(() => page.getAttribute('.app', 'data-projector')).toBe('false');
    await expect.poll(() => page.getAttribute('[data-testid=view-all]', 'aria-pressed')).toBe('true');
    await expect.poll(() => page.getAttribute('[data-testid=play-toggle]', 'aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid=lesson-start]').count()).toBe(1);
    // One run in the 3D view again, and the link says so.
    await expect.poll(() => page.locator('.side-by-side-labels').count()).toBe(0);
    expect(await page.evaluate(() => window.location.href)).not.toContain('compare=');
  });

  it('the legend tells spine kinds apart by shape, not only by colour, in both palettes', async () => {
    const { page } = await open('?neurons=1&paused');
    for (const projector of [false, true]) {
      if (projector) await page.click('[data-testid=projector-toggle]');
      await expect.poll(() => page.getAttribute('.app', 'data-projector')).toBe(String(projector));
      // Each entry's glyph with every colour, opacity and id taken out: what is left is its shape.
      const shapes = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid=legend] li svg')].map((svg) => {
          const copy = svg.cloneNode(true) as SVGElement;
          for (const el of [copy, ...copy.querySelectorAll('*')]) {
            for (const attribute of ['fill', 'stroke', 'fill-opacity', 'id', 'clip-path', 'data-cue']) el.removeAttribute(attribute);
          }
          return copy.outerHTML;
        }),
      );
      expect(shapes.length, 'five spine kinds, the lost spot and the dendrite').toBe(7);
      expect(new Set(shapes).size).toBe(shapes.length);
    }
  });

  it('the protocol timeline: dragging a dose moves its time by the hours dragged, arrows by an hour, Shift+arrows by a day', async () => {
    const { page } = await open('?test&neurons=1&paused');
    await page.click('[data-testid=protocol-panel] > summary');
    const handle = page.locator('[data-testid=strip-ketamine-0]');
    const dose = '[data-testid="protocol-ketamine.0.day"]';
    expect(await page.inputValue(dose)).toBe('31');
    expect(await handle.getAttribute('aria-valuetext')).toBe('ketamine 10 mg/kg at day 31');
    const duration = Number(await handle.getAttribute('aria-valuemax'));
    await handle.scrollIntoViewIfNeeded();
    const track = (await page.locator('[data-testid=protocol-strip] .strip-track').first().boundingBox())!;
    const box = (await handle.boundingBox())!;
    // Two days to the right, in pixels, in a few steps.
    const dx = (48 / duration) * track.width;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (const f of [0.3, 0.7, 1]) await page.mouse.move(x + f * dx, y);
    // While the pointer is down the handle moves, but the draft (the field, and the problem, an alert) waits for the release.
    await expect.poll(() => handle.getAttribute('aria-valuenow')).toBe(String(33 * 24));
    expect(await page.inputValue(dose)).toBe('31');
    await page.mouse.up();
    expect(await page.inputValue(dose)).toBe('33');
    expect(await handle.getAttribute('aria-valuenow')).toBe(String(33 * 24));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue(dose)).toBe('33d 1h');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await page.inputValue(dose)).toBe('32d 1h');
    expect(await handle.getAttribute('aria-valuetext')).toBe('ketamine 10 mg/kg at day 32d 1h');
    // The page's clock did not move with those arrows.
    expect(await hours(page)).toBe(0);
    // Dragging a stress block's end to day 0, before its start: the handle says so as it goes, the alert once, on release.
    const stressEnd = (await page.locator('[data-testid=strip-stress-0-end]').boundingBox())!;
    const [ex, ey] = [stressEnd.x + stressEnd.width / 2, stressEnd.y + stressEnd.height / 2];
    await page.mouse.move(ex, ey);
    await page.mouse.down();
    for (const f of [0.5, 1]) await page.mouse.move(ex + f * (track.x - 10 - ex), ey);
    await expect.poll(() => page.getAttribute('[data-testid=strip-stress-0-end]', 'aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid=protocol-problem]').count()).toBe(0);
    await page.mouse.up();
    await expect.poll(() => page.textContent('[data-testid=protocol-problem]')).toMatch(/Stress block 1/);
    // Dragging a stress block's end past its start is refused in words, on the field and the handle alike.
    const end = page.locator('[data-testid=strip-stress-0-end]');
    await end.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.textContent('[data-testid=protocol-problem]')).toMatch(/Stress block 1/);
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getAttribute('[data-testid="protocol-stress.0.endDay"]', 'aria-invalid')).toBe('true');
    expect(await page.isDisabled('[data-testid=protocol-run]')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('axe-core finds no WCAG 2.2 AA violation: default, parameters open, lesson, projector, phone', async () => {
    const { page } = await open('?neurons=1&paused');
    await page.waitForSelector('[data-testid=scene] canvas');
    await page.waitForSelector('.charts .chart');
    expect(await axeViolations(page), 'default').toEqual([]);
    await page.click('[data-testid=param-panel] > summary');
    await page.waitForSelector('.param', { state: 'attached' });
    expect(await axeViolations(page), 'parameters open').toEqual([]);
    await page.click('[data-testid=param-panel] > summary');
    await page.click('[data-testid=lesson-start]');
    await page.click('[data-testid=lesson-next]');
    await expect.poll(() => chapter(page)).toBe('baseline');
    expect(await axeViolations(page), 'lesson').toEqual([]);
    await page.click('[data-testid=projector-toggle]');
    await expect.poll(() => page.getAttribute('.app', 'data-projector')).toBe('true');
    expect(await axeViolations(page), 'projector').toEqual([]);
    await page.click('[data-testid=projector-toggle]');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page), 'phone').toEqual([]);
  });

  it('after one visit, the app loads and runs with the network off (service worker), and can be installed', async () => {
    const { page, context, errors } = await open('?test&neurons=1');
    await waitForHours(page, { above: 1 });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid=scene] canvas');
    const at = await hours(page);
    await waitForHours(page, { above: at + 2 });
    expect(await page.locator('[data-testid=lesson-start]').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('"Save picture" gives a 1920×1080 PNG of the 3D view, not blank, from a small window', async () => {
    const { page } = await open('?test&neurons=1&paused', { viewport: { width: 820, height: 1180 } });
    await waitForHours(page, { above: -1 });
    await page.waitForSelector('[data-testid=scene] canvas');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-picture]')]);
    expect(download.suggestedFilename()).toBe('spinelab-stress-ketamine-seed1-0h.png');
    const picture = decodePng(readFileSync((await download.path())!));
    expect([picture.width, picture.height]).toEqual([1920, 1080]);
    expect(luminanceVariance(picture)).toBeGreaterThan(20);
  });

  it('"Record clip" makes a WebM of the requested number of frames from the run, and can be cancelled', async () => {
    const { page } = await open('?test&neurons=1&paused');
    await page.waitForSelector('[data-testid=scene] canvas');
    await expect.poll(() => page.isEnabled('[data-testid=record-clip]')).toBe(true);
    await page.fill('[data-testid=clip-from]', '30');
    await page.fill('[data-testid=clip-to]', '32');
    await page.fill('[data-testid=clip-seconds]', '2');
    await page.selectOption('[data-testid=clip-rate]', '10');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=record-clip]')]);
    expect(download.suggestedFilename()).toBe('spinelab-stress-ketamine-seed1-day30-to-day32-10fps.webm');
    expect(webmFrames(readFileSync((await download.path())!))).toEqual({ frames: 20, width: 1280, height: 720 });
    // The run stands at the span's end, paused.
    expect(await hours(page)).toBe(32 * 24);
    expect(await page.getAttribute('[data-testid=play-toggle]', 'data-state')).toBe('paused');
    await page.fill('[data-testid=clip-seconds]', '60');
    await page.click('[data-testid=record-clip]');
    await expect.poll(() => page.getAttribute('[data-testid=clip-progress]', 'value')).not.toBe('0');
    await page.click('[data-testid=clip-cancel]');
    await expect.poll(() => page.textContent('.record-clip')).toContain('Recording cancelled; nothing was saved.');
  });
});
