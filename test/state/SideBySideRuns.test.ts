/**
 * Two conditions side by side, in Node: the page's run and both sides are the real worker API behind fake
 * workers, as in the browser. Every wait is a poll with a generous limit, never a timed assertion.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/appState';
import { createStore } from '../../src/state/createStore';
import type { EnsembleStore } from '../../src/state/EnsembleClient';
import { DEFAULT_ENSEMBLE_FORM, type EnsembleForm } from '../../src/state/ensembleRequest';
import { DEFAULT_SAVED_SETTINGS } from '../../src/state/savedSettings';
import { conditionRunSettings, SideBySideRuns, type Side } from '../../src/state/SideBySideRuns';
import { SimulationClient } from '../../src/state/SimulationClient';
import { parseUrlSettings } from '../../src/state/urlSettings';
import { SPINE_FRAME_STRIDE } from '../../src/model/writeSpineFrame';
import { createSimulationApi, type RunSettings } from '../../workers/simulationApi';
import { FakeWorker } from '../support/fakeWorker';
import { until } from '../support/until';

const workers: FakeWorker[] = [];
const clients: SimulationClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
  for (const worker of workers.splice(0)) worker.terminate();
});

function createWorker(): Worker {
  let worker: FakeWorker | null = null;
  worker = new FakeWorker(createSimulationApi({ onFatal: (error) => worker?.fail(`Uncaught Error: ${(error as Error).message}`) }));
  workers.push(worker);
  return worker as unknown as Worker;
}

function openPage(form: EnsembleForm = DEFAULT_ENSEMBLE_FORM) {
  const store = createAppStore(parseUrlSettings('', '#test&neurons=1&seed=3&paused'), DEFAULT_SAVED_SETTINGS);
  const client = new SimulationClient(store, createWorker);
  clients.push(client);
  const ensemble: EnsembleStore = createStore<ReturnType<EnsembleStore['getState']>>({ status: { kind: 'idle' }, form });
  const runs = new SideBySideRuns(store, client, ensemble, createWorker);
  const sides = () => runs.store.getState().sides;
  const ready = (side: Side) => ['paused', 'finished'].includes(side.store.getState().playback.kind);
  return { store, client, ensemble, runs, sides, ready };
}

/** The spine rows the worker API gives for `run` at `hours`, run alone. */
function rowsAlone(run: RunSettings, hours: number): Promise<number[]> {
  const api = createSimulationApi();
  return new Promise((resolve) => {
    api.start(run, { playing: false }, (frame) => {
      if (Math.abs(frame.timeHours - hours) > 1e-9) return api.returnBuffer(frame.buffer);
      resolve(Array.from(new Float32Array(frame.buffer, 0, frame.spineCount * SPINE_FRAME_STRIDE)));
      api.stop();
    });
    api.seek(hours);
  });
}

describe('SideBySideRuns', () => {
  it('starts nothing for one run, and two workers for two conditions, which follow the page’s clock in step and show each condition exactly', async () => {
    const { store, client, sides, ready } = openPage();
    void client.start();
    await until(() => store.getState().playback.kind === 'paused', 'the page’s run is ready', 60_000);
    expect(sides()).toBeNull();
    expect(workers).toHaveLength(1);

    store.setState({ compare: [0, 1] });
    const [stress, ketamine] = sides()!;
    clients.push(stress.client, ketamine.client);
    expect(workers).toHaveLength(3);
    expect([stress.name, ketamine.name]).toEqual(['stress', 'stress + ketamine']);
    await until(() => ready(stress) && ready(ketamine), 'both sides are ready', 60_000);
    const times: number[][] = [[], []];
    [stress, ketamine].forEach((side, i) => side.client.watchFrames((hours) => times[i].push(hours)));

    // Playing: every time one side is sent to, the other is too (the slower holds the clock's next time back).
    client.setSpeed(24 * 14);
    client.play();
    await until(() => store.getState().clock.timeHours > 96, 'the clock passes day 4', 60_000);
    client.pause();
    await until(() => [stress, ketamine].every((side) => side.store.getState().clock.timeHours === store.getState().clock.timeHours), 'both sides show the paused clock’s time', 60_000);
    const steps = (list: number[]) => list.filter((hours, i) => hours !== list[i - 1]);
    expect(steps(times[0]).length).toBeGreaterThan(2);
    expect(steps(times[0])).toEqual(steps(times[1]));

    // Seeking to ketamine + 24 h: each side's frame is its condition on this seed, run alone.
    const at = 31 * 24 + 24;
    const shown = [stress, ketamine].map((side) => side.client.spineRowsAt(at));
    client.seek(at);
    const [stressRows, ketamineRows] = await Promise.all(shown);
    const page = store.getState();
    expect(stressRows).toEqual(await rowsAlone(conditionRunSettings(DEFAULT_ENSEMBLE_FORM.conditions[0], page), at));
    expect(ketamineRows).toEqual(await rowsAlone(conditionRunSettings(DEFAULT_ENSEMBLE_FORM.conditions[1], page), at));
    expect(ketamineRows).not.toEqual(stressRows);

    // Back to one run: both sides' workers go.
    store.setState({ compare: null });
    expect(sides()).toBeNull();
    expect(workers.slice(1).every((worker) => worker.terminated)).toBe(true);
  }, 120_000);

  it('keeps the sides running while the bench is edited around them, renames them in place, and rebuilds them, from day 0, only when what they run changes', async () => {
    const { store, client, ensemble, sides, ready } = openPage();
    void client.start();
    await until(() => store.getState().playback.kind === 'paused', 'the page’s run is ready', 60_000);
    store.setState({ compare: [0, 1] });
    const built = sides()!;
    clients.push(...built.map((side) => side.client));
    await until(() => built.every(ready), 'both sides are ready', 60_000);
    const edit = (index: number, change: Partial<EnsembleForm['conditions'][number]>) => {
      const form = ensemble.getState().form;
      ensemble.setState({ form: { ...form, conditions: form.conditions.map((condition, i) => (i === index ? { ...condition, ...change } : condition)) } });
    };
    const notices = store.getState().notices.length;

    // A new name: the same runs, renamed.
    edit(0, { name: 'chronic stress' });
    expect(sides()!.map((side) => side.name)).toEqual(['chronic stress', 'stress + ketamine']);
    expect(sides()!.map((side) => side.client)).toEqual(built.map((side) => side.client));
    // An override half typed (not yet a parameter) and a third condition added: nothing restarts or turns off.
    edit(1, { overridesText: 'f' });
    ensemble.setState({ form: { ...ensemble.getState().form, conditions: [...ensemble.getState().form.conditions, { name: 'control', source: 'control', overridesText: '' }] } });
    expect(store.getState().compare).toEqual([0, 1]);
    expect(sides()!.map((side) => side.client)).toEqual(built.map((side) => side.client));
    expect(store.getState().notices).toHaveLength(notices);
    expect(workers).toHaveLength(3);

    // The same override typed in full: the right side runs something new.
    edit(1, { overridesText: 'detectionThresholdUm3=0.08' });
    const rebuilt = sides()!;
    clients.push(...rebuilt.map((side) => side.client));
    expect(rebuilt[1].client).not.toBe(built[1].client);
    expect(workers).toHaveLength(5);

    // The page's run moves on, then changes seed: the page starts again from day 0, and so do the sides.
    await until(() => rebuilt.every(ready), 'the rebuilt sides are ready', 60_000);
    client.seek(48);
    await until(() => rebuilt.every((side) => side.store.getState().clock.timeHours === 48), 'both sides at hour 48', 60_000);
    store.setState({ seed: '4' });
    const reseeded = sides()!;
    clients.push(...reseeded.map((side) => side.client));
    await until(() => reseeded.every(ready), 'the reseeded sides are ready', 60_000);
    expect(reseeded.map((side) => side.store.getState().clock.timeHours)).toEqual([0, 0]);
  }, 120_000);

  it('runs each condition with its own parameter changes on the page’s seed and neurons, and refuses one that cannot run, saying why', () => {
    const page = createAppStore(parseUrlSettings('', '#neurons=2&seed=lecture-1'), DEFAULT_SAVED_SETTINGS).getState();
    expect(conditionRunSettings({ name: 'fast', source: 'stress', overridesText: 'detectionThresholdUm3=0.08' }, page)).toEqual({ scenario: 'stress', seed: 'lecture-1', parameters: { detectionThresholdUm3: 0.08 }, neuronCount: 2 });
    expect(() => conditionRunSettings({ name: 'edited', source: 'page', overridesText: '' }, page)).toThrow(/"edited" uses the protocol from the editor, but the page runs a preset/);
    expect(() => conditionRunSettings({ name: 'odd', source: 'stress', overridesText: 'noSuchParameter=1' }, page)).toThrow(/noSuchParameter/);

    const { store, sides } = openPage({ ...DEFAULT_ENSEMBLE_FORM, conditions: [DEFAULT_ENSEMBLE_FORM.conditions[0], { name: 'odd', source: 'stress', overridesText: 'noSuchParameter=1' }] });
    store.setState({ compare: [0, 1] });
    expect(sides()).toBeNull();
    expect(store.getState().compare).toBeNull();
    expect(store.getState().notices.at(-1)?.text).toMatch(/^The 3D view shows one run: the two conditions to show side by side could not be used \(.*noSuchParameter/);
    expect(workers).toHaveLength(0);
  });
});
