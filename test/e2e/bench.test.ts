/**
 * The researcher's bench in the page: time you can move through. Seeking re-simulates from the worker's
 * daily checkpoints, so the spines shown at a moment are the spines playing (stepping) there shows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../cli/runCli';
import { cameraPoseDecimals, formatCameraPose } from '../../src/state/cameraLink';
import { browserSuite, hours, small, useBrowser, waitForHours } from './browserHarness';
import { download as downloadTo, expectSameCsv } from './csvExports';

type Hooks = NonNullable<Window['__spinelab']>;
type Waiting = Window & { __rows?: Promise<number[]> };

/** Asks for the spine rows of the next frame at `timeHours` (before the command that brings it). */
const expectFrameAt = (page: Page, timeHours: number) =>
  page.evaluate((at) => {
    (window as Waiting).__rows = (window.__spinelab as Hooks).spineRowsAt(at);
  }, timeHours);
const frameRows = (page: Page) => page.evaluate(() => (window as Waiting).__rows!);
const playbackKind = (page: Page) => page.evaluate(() => (window.__spinelab as Hooks).store.getState().playback.kind);

browserSuite('the bench: moving through time', () => {
  const { open, baseUrl } = useBrowser();

  it('seeking to day 31 + 24 h and back to day 5 shows the frames stepping there showed; clicking the timeline moves the clock; the link holds the time', async () => {
    const { page, errors } = await open(`#${small}&seed=3&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    const dayButton = page.getByRole('button', { name: '+1 day' });
    await expectFrameAt(page, 5 * 24);
    for (let day = 0; day < 5; day++) await dayButton.click();
    const steppedDay5 = await frameRows(page);
    await expectFrameAt(page, 32 * 24);
    for (let day = 5; day < 32; day++) await dayButton.click();
    const steppedDay32 = await frameRows(page);
    expect(steppedDay5.length).toBeGreaterThan(100);

    await expectFrameAt(page, 5 * 24);
    await page.evaluate(() => (window.__spinelab as Hooks).seek(5 * 24));
    expect(await frameRows(page)).toEqual(steppedDay5);
    await waitForHours(page, { above: 5 * 24 - 0.5, below: 5 * 24 + 0.5 });
    await expectFrameAt(page, 31 * 24 + 24);
    await page.evaluate(() => (window.__spinelab as Hooks).seek(31 * 24 + 24));
    expect(await frameRows(page)).toEqual(steppedDay32);

    // A paused page keeps the moment in its link; the link reopens it, paused, with the same spines.
    await expect.poll(() => page.url()).toMatch(/&paused&t=768$/);
    const link = page.url();
    const reopened = await open(link.slice(baseUrl().length));
    await expectFrameAt(reopened.page, 768);
    expect(await frameRows(reopened.page)).toEqual(steppedDay32);
    expect(await playbackKind(reopened.page)).toBe('paused');

    // Clicking a quarter of the way along the timeline moves the clock there.
    const track = page.locator('[data-testid=timeline-track]');
    const box = (await track.boundingBox())!;
    await page.mouse.click(box.x + box.width / 4, box.y + box.height / 2);
    const quarter = (57 * 24) / 4;
    const hourPerPixel = (57 * 24) / box.width;
    await waitForHours(page, { above: quarter - 2 * hourPerPixel, below: quarter + 2 * hourPerPixel });
    // Keys on the focused timeline: Shift+← goes back a day.
    const before = await hours(page);
    await track.press('Shift+ArrowLeft');
    await waitForHours(page, { above: before - 24.5, below: before - 23.5 });
    expect(errors).toEqual([]);
    expect(reopened.errors).toEqual([]);
  }, 120_000);

  it('a link copied mid-run reopens the same protocol, conditions, parameters, time and camera in a fresh page', async () => {
    const { page, errors } = await open(`#${small}&seed=5&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    await page.click('[data-testid=protocol-panel] summary');
    await page.fill('[data-testid="protocol-ketamine.0.doseMgPerKg"]', '20');
    await page.click('[data-testid=protocol-run]');
    await expect.poll(() => page.textContent('[data-testid=protocol-message]')).toMatch(/now runs/);
    await page.click('[data-testid=param-panel] > summary');
    await page.fill('[data-testid=param-detectionThresholdUm3]', '0.08');
    await page.press('[data-testid=param-detectionThresholdUm3]', 'Enter');
    await expect.poll(async () => (await page.evaluate(() => (window.__spinelab as Hooks).runSettings()))?.parameters).toEqual({ detectionThresholdUm3: 0.08 });
    await page.fill('[data-testid=condition-name-0]', 'baseline arm');
    await page.fill('[data-testid=ensemble-replicates]', '7');
    const dayButton = page.getByRole('button', { name: '+1 day' });
    await dayButton.click();
    await dayButton.click();
    await waitForHours(page, { above: 47.5, below: 48.5 });
    await expect.poll(() => page.url()).toMatch(/&t=48(&|$)/);
    await expect.poll(() => page.url()).toMatch(/bench=/);
    // The camera: a view picked with its button, then turned and zoomed by hand; the link follows it.
    await page.click('[data-testid=view-tuft]');
    await expect.poll(() => page.url()).toMatch(/&view=tuft&paused&t=48(&|$)/);
    const canvas = (await page.locator('[data-testid=scene] canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width * 0.75, canvas.y + canvas.height * 0.5, { steps: 6 });
    await page.mouse.up();
    await page.mouse.wheel(0, -200);
    await expect.poll(() => page.url()).toMatch(/&view=tuft&camera=(-?\d+(\.\d+)?,){5}-?\d+(\.\d+)?&paused&t=48(&|$)/);
    // Once the camera has come to rest, the link holds the pose on screen (rounded).
    const cameraOnScreen = async () => formatCameraPose((await page.evaluate(() => (window.__spinelab as Hooks).cameraPose()))!);
    await expect.poll(async () => (await cameraOnScreen()) === page.url().match(/camera=([^&]+)/)![1]).toBe(true);
    const copiedPose = (await page.evaluate(() => (window.__spinelab as Hooks).cameraPose()))!;

    const link = page.url();
    const reopened = await open(link.slice(baseUrl().length));
    await waitForHours(reopened.page, { above: 47.5, below: 48.5 }, 30_000);
    // The fresh page opens on the copied pose, to the link's rounding, without a flight (no frame between).
    const reopenedPose = (await reopened.page.evaluate(() => (window.__spinelab as Hooks).cameraPose()))!;
    const step = 10 ** -cameraPoseDecimals(Math.hypot(...copiedPose.position.map((p, i) => p - copiedPose.target[i])));
    [...reopenedPose.position, ...reopenedPose.target].forEach((value, i) => expect(Math.abs(value - [...copiedPose.position, ...copiedPose.target][i])).toBeLessThanOrEqual(step / 2 + 1e-9));
    expect(await reopened.page.getAttribute('[data-testid=view-tuft]', 'aria-pressed')).toBe('true');
    expect(reopened.page.url().match(/camera=([^&]+)/)?.[1]).toBe(link.match(/camera=([^&]+)/)![1]);
    const settings = await reopened.page.evaluate(() => (window.__spinelab as Hooks).runSettings());
    expect(settings?.protocol?.ketamine).toEqual([{ timeHours: 744, doseMgPerKg: 20 }]);
    expect(settings?.parameters).toEqual({ detectionThresholdUm3: 0.08 });
    expect(String(settings?.seed)).toBe('5');
    expect(await playbackKind(reopened.page)).toBe('paused');
    expect(await reopened.page.inputValue('[data-testid=condition-name-0]')).toBe('baseline arm');
    expect(await reopened.page.inputValue('[data-testid=ensemble-replicates]')).toBe('7');
    expect(await reopened.page.locator('[data-testid=notices]').textContent()).not.toMatch(/could not be used/);
    expect(errors).toEqual([]);
    expect(reopened.errors).toEqual([]);
  }, 120_000);

  it('a saved run survives a reload; a corrupted entry is refused with a message while the others are kept and open', async () => {
    const { page, errors } = await open(`#${small}&seed=8&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    await page.getByRole('button', { name: '+1 day' }).click();
    await waitForHours(page, { above: 23.5, below: 24.5 });
    await page.fill('[data-testid=condition-name-1]', 'treated');
    await page.fill('[data-testid=saved-run-name]', 'day one');
    await page.click('[data-testid=saved-run-save]');
    await expect.poll(() => page.textContent('[data-testid=saved-run-message]')).toMatch(/Saved "day one"/);
    // Damage the store as an old version or a broken disk might: one entry that is not a run.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('spinelab-bench');
          request.onsuccess = () => {
            const transaction = request.result.transaction('runs', 'readwrite');
            transaction.objectStore('runs').put({ name: 'broken', format: 'spinelab-saved-run', version: 1, scenario: 'stress', seed: '1', speedHoursPerSecond: 24, neuronCount: 1, timeHours: 0, savedAt: 'x', bench: 'garbage' });
            transaction.oncomplete = () => resolve();
            transaction.onerror = () => reject(transaction.error);
          };
          request.onerror = () => reject(request.error);
        }),
    );
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=saved-run]').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.textContent('[data-testid=saved-run]')).toMatch(/day one.*seed 8/);
    expect(await page.textContent('[data-testid=saved-run-refused]')).toMatch(/“broken” cannot be opened: its bench settings are not usable/);
    await page.locator('[data-testid=saved-run]').getByRole('button', { name: 'Open' }).click();
    await waitForHours(page, { above: 23.5, below: 24.5 }, 30_000);
    expect(String((await page.evaluate(() => (window.__spinelab as Hooks).runSettings()))?.seed)).toBe('8');
    expect(await page.inputValue('[data-testid=condition-name-1]')).toBe('treated');
    expect(await playbackKind(page)).toBe('paused');
    expect(errors).toEqual([]);
  }, 120_000);

  it('charts show values on hover, zoom to the days dragged across, and mark parameter changes', async () => {
    const { page, errors } = await open(`#${small}&paused&t=800`);
    await waitForHours(page, { above: 799, below: 801 }, 30_000);
    const plot = page.locator('[data-testid=chart-turnover] .u-over');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect.poll(() => page.textContent('[data-testid=chart-turnover-hover]')).toMatch(/^day \d+(\.\d+)?: formed \d/);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const whole = page.locator('[data-testid=chart-turnover]').getByRole('button', { name: 'Whole run' });
    await expect.poll(() => whole.count()).toBe(1);
    await whole.click();
    await expect.poll(() => whole.count()).toBe(0);
    await page.click('[data-testid=param-panel] > summary');
    await page.fill('[data-testid=param-rescueDistanceUm]', '2');
    await page.press('[data-testid=param-rescueDistanceUm]', 'Enter');
    await expect
      .poll(() => page.evaluate(() => (window.__spinelab as Hooks).store.getState().parameterChanges))
      .toEqual([{ timeHours: 800, overrides: { rescueDistanceUm: 2 } }]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('the parameter panel finds parameters by words and says what is wrong with the parameter\u2019s name, not its identifier', async () => {
    const { page, errors } = await open(`#${small}&paused`);
    await page.click('[data-testid=param-panel] > summary');
    await page.fill('[data-testid=param-search]', 'detection limit');
    await expect.poll(() => page.locator('[data-testid=param-found] .param').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=param-found] [data-testid=param-detectionThresholdUm3]').count()).toBe(1);
    await page.fill('[data-testid=param-detectionThresholdUm3]', '7');
    await page.press('[data-testid=param-detectionThresholdUm3]', 'Enter');
    const problem = await page.locator('[data-testid=param-detectionThresholdUm3-problem]').textContent();
    expect(problem).toMatch(/^Not applied: “[^”]+” = 7 is out of range/);
    expect(problem).not.toMatch(/detectionThresholdUm3/);
    await page.fill('[data-testid=param-search]', 'zzzz');
    await expect.poll(() => page.textContent('[data-testid=param-found]')).toMatch(/No parameter matches/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('a damaged bench= in a link is refused in one sentence and the rest of the link is used', async () => {
    const { page, errors } = await open(`#${small}&seed=6&paused&bench=NoThInG`);
    await expect.poll(() => page.textContent('[data-testid=notices]'), { timeout: 30_000 }).toMatch(/bench settings in the link .* could not be used: it is not bench state SpineLab wrote/);
    expect(String((await page.evaluate(() => (window.__spinelab as Hooks).runSettings()))?.seed)).toBe('6');
    expect(errors).toEqual([]);
  }, 60_000);
});

browserSuite('the bench: conditions and ensembles', () => {
  const { open } = useBrowser();
  const folder = mkdtempSync(join(tmpdir(), 'spinelab-bench-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const download = (page: Page, testId: string, name: string) => downloadTo(page, folder, testId, name);

  it('a protocol built in the editor runs with the CLI; 20 replicates of two conditions export CSVs equal to the CLI’s, value for value; the page answers meanwhile', async () => {
    const { page, errors } = await open(`#${small}&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    // Build: the stress-ketamine preset with a stronger dose, a second dose and one more imaging session.
    await page.click('[data-testid=protocol-panel] summary');
    await page.fill('[data-testid=protocol-name]', 'two-doses');
    await page.fill('[data-testid="protocol-ketamine.0.doseMgPerKg"]', '20');
    await page.click('[data-testid=protocol-add-dose]');
    await page.fill('[data-testid="protocol-ketamine.1.day"]', '40d 6h');
    await page.fill('[data-testid="protocol-ketamine.1.doseMgPerKg"]', '5');
    const imaging = await page.inputValue('[data-testid=protocol-imagingDays]');
    await page.fill('[data-testid=protocol-imagingDays]', `${imaging}, 40d 9h`);
    expect(await page.locator('[data-testid=protocol-problem]').count()).toBe(0);
    const edited = await download(page, 'protocol-export', 'edited.protocol.json');
    const protocol = JSON.parse(readFileSync(edited, 'utf8'));
    expect(protocol.ketamine).toEqual([{ timeHours: 744, doseMgPerKg: 20 }, { timeHours: 966, doseMgPerKg: 5 }]);
    expect(protocol.imagingHours).toContain(969);
    await page.click('[data-testid=protocol-run]');
    await expect.poll(() => page.textContent('[data-testid=protocol-message]')).toMatch(/now runs "two-doses"/);

    // Compare: a preset against the edited protocol with one parameter changed.
    await page.fill('[data-testid=ensemble-replicates]', '20');
    await page.selectOption('[data-testid=condition-scenario-1]', 'page');
    await page.fill('[data-testid=condition-parameters-1]', 'detectionThresholdUm3=0.06');
    await page.click('[data-testid=ensemble-run]');
    // While the pool runs, the page answers: the clock plays and pauses.
    await page.waitForSelector('[data-testid=ensemble-progress]');
    await page.click('[data-testid=play-toggle]');
    await waitForHours(page, { above: 1 });
    await page.click('[data-testid=play-toggle]');
    await expect.poll(() => playbackKind(page)).toBe('paused');
    await page.waitForSelector('[data-testid=ensemble-done]', { timeout: 180_000 });
    const conditions = [
      { protocolFile: await download(page, 'export-protocol-0', 'protocol-0.json'), set: [] as string[] },
      { protocolFile: edited, set: ['--set', 'detectionThresholdUm3=0.06'] },
    ];
    for (const [c, { protocolFile, set }] of conditions.entries()) {
      const csv = readFileSync(await download(page, `export-csv-${c}`, `page-${c}.csv`), 'utf8');
      const run = await cli(['--protocol', protocolFile, '--seed', '1', '--replicates', '20', ...set, '--format', 'csv']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // Value for value (reals to 1e-12 relative), and the provenance lines exactly.
      expect(expectSameCsv(csv, run.stdout)).toBeGreaterThan(20 * 20);
    }
    expect(await page.locator('[data-testid=ensemble-chart-visible-density] circle').count()).toBeGreaterThan(20);
    expect(errors).toEqual([]);
  }, 240_000);

  it('refuses bad input in words and keeps what was typed; cancel stops a run and keeps nothing', async () => {
    const { page, errors } = await open(`#${small}&paused`);
    await expect.poll(() => playbackKind(page), { timeout: 30_000 }).toBe('paused');
    // A protocol file that is not one is refused in words, and the editor keeps what it held.
    await page.click('[data-testid=protocol-panel] summary');
    const name = await page.inputValue('[data-testid=protocol-name]');
    await page.setInputFiles('[data-testid=protocol-import]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"spinelab-protocol","version":1,"dose":3}') });
    await expect.poll(() => page.textContent('[data-testid=protocol-message]')).toMatch(/^bad\.json is not a protocol SpineLab can use: .*Nothing was changed\.$/);
    expect(await page.inputValue('[data-testid=protocol-name]')).toBe(name);
    await page.fill('[data-testid=condition-parameters-0]', 'detectionThreshold=2');
    await expect.poll(() => page.textContent('[data-testid=condition-0]')).toMatch(/unknown parameter "detectionThreshold"/);
    expect(await page.isDisabled('[data-testid=ensemble-run]')).toBe(true);
    await page.fill('[data-testid=condition-parameters-0]', '');
    await page.fill('[data-testid=ensemble-replicates]', '201');
    await expect.poll(() => page.textContent('[data-testid=ensemble-panel]')).toMatch(/whole number from 1 to 200/);
    await page.fill('[data-testid=ensemble-replicates]', '200');
    await page.click('[data-testid=ensemble-run]');
    await page.waitForSelector('[data-testid=ensemble-progress]');
    await page.click('[data-testid=ensemble-cancel]');
    await expect.poll(() => page.textContent('[data-testid=ensemble-panel]')).toMatch(/Cancelled; nothing was kept/);
    expect(await page.inputValue('[data-testid=ensemble-replicates]')).toBe('200');
    expect(errors).toEqual([]);
  }, 120_000);
});
