/**
 * The page's client of the simulation worker, in Node: each "worker" is the real worker API behind a
 * MessageChannel, driven through comlink as in the browser, with a few of its methods made to stall or
 * fail. The load timeout is shortened; every wait is a poll with a generous limit, never a timed assertion.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/state/appState';
import { DEFAULT_SAVED_SETTINGS } from '../../src/state/savedSettings';
import { SimulationClient } from '../../src/state/SimulationClient';
import { parseUrlSettings } from '../../src/state/urlSettings';
import type { Protocol } from '../../src/model/Protocol';
import { scenarioProtocol } from '../../src/model/scenarios';
import { createSimulationApi, type RunSettings, type SimulationApi } from '../../workers/simulationApi';
import { FakeWorker } from '../support/fakeWorker';
import { sleep, until } from '../support/until';

const LOAD_TIMEOUT_MS = 400;
const swcText = readFileSync(join(__dirname, '../fixtures/swc/soma-three-point.swc'), 'utf8');

/** How the workers behave from now on: which inputs their start or reset never finishes; a protocol they run instead of the preset's (as an imported one). */
interface Behaviour {
  stallStart?: (run: RunSettings) => boolean;
  stallReset?: (run: RunSettings) => boolean;
  protocol?: Protocol;
}

let opened: { client: SimulationClient; workers: FakeWorker[] } | null = null;
afterEach(() => {
  opened?.client.dispose();
  for (const worker of opened?.workers ?? []) worker.terminate();
  opened = null;
});

function openClient(link = '#test&neurons=1&paused') {
  const store: AppStore = createAppStore(parseUrlSettings('', link), DEFAULT_SAVED_SETTINGS);
  const behaviour: Behaviour = {};
  const workers: FakeWorker[] = [];
  /** Every run a worker was asked to start or reset to, in order. */
  const loads: { kind: 'start' | 'reset'; run: RunSettings }[] = [];
  const client = new SimulationClient(
    store,
    () => {
      let worker: FakeWorker | null = null;
      const api = createSimulationApi({ onFatal: (error) => worker?.fail(`Uncaught Error: ${(error as Error).message}`) });
      worker = new FakeWorker<SimulationApi>({
        ...api,
        start: (run, play, callback) => {
          loads.push({ kind: 'start', run });
          if (behaviour.stallStart?.(run)) return new Promise(() => undefined) as never;
          return api.start(behaviour.protocol ? { ...run, protocol: behaviour.protocol } : run, play, callback);
        },
        reset: (run) => {
          loads.push({ kind: 'reset', run: run! });
          return run && behaviour.stallReset?.(run) ? (new Promise(() => undefined) as never) : api.reset(run);
        },
      });
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { loadTimeoutMs: LOAD_TIMEOUT_MS },
  );
  opened = { client, workers };
  const kind = () => store.getState().playback.kind;
  /** Every playback state passed through, in order (some last only milliseconds). */
  const history: string[] = [];
  store.subscribe(() => {
    if (history[history.length - 1] !== kind()) history.push(kind());
  });
  const passedThrough = (state: string) => history.filter((k) => k === state).length;
  const settled = () => until(() => kind() === 'playing' || kind() === 'paused' || kind() === 'finished', 'the run is ready');
  const notices = () => store.getState().notices.map((n) => n.text);
  return { store, client, behaviour, workers, loads, kind, settled, notices, passedThrough };
}

describe('SimulationClient', () => {
  it('Play again at the end builds a new run and plays it; the state says playing and so does the worker', async () => {
    const { client, store, kind, settled } = openClient();
    void client.start();
    await settled();
    client.step(5000);
    await until(() => kind() === 'finished', 'the run reaches its end');
    client.play();
    expect(kind()).toBe('starting');
    await until(() => kind() === 'playing', 'the new run plays');
    await until(() => store.getState().clock.timeHours > 0 && store.getState().clock.timeHours < 1000, 'the clock runs from day 0');
    expect((await client.workerPlayback())?.playing).toBe(true);
    // Stays playing: no stale frame of the finished run flips it back.
    await sleep(300);
    expect(kind()).toBe('playing');
  });

  it('comes back on the procedural neurons when restarting on an SWC stalls, and never sends that file again', async () => {
    const { client, store, behaviour, loads, kind, settled, notices, passedThrough } = openClient();
    void client.start();
    await settled();
    expect(await client.loadSwc('neuron.swc', swcText)).toBeNull();
    expect(store.getState().swc?.fileName).toBe('neuron.swc');
    // From now on a new worker never finishes starting a run on an SWC file.
    behaviour.stallStart = (run) => run.swc !== undefined;
    const before = loads.length;
    client.crashWorker();
    await until(() => passedThrough('restarting') === 1, 'the client notices the crash');
    await settled();
    expect(kind()).toBe('paused');
    expect(store.getState().swc).toBeNull();
    expect((await client.runSettings())?.swc).toBeUndefined();
    const after = loads.slice(before);
    expect(after.map((load) => [load.kind, load.run.swc?.fileName ?? 'procedural'])).toEqual([
      ['start', 'neuron.swc'],
      ['start', 'procedural'],
    ]);
    expect(notices().join(' ')).toMatch(/stopped unexpectedly \(it did not finish loading within 0\.4 s\)\. It was restarted/);
  });

  it('dispose during a stalled restart ends it: no worker is started after the page closed the client', async () => {
    const { client, behaviour, workers, loads, settled, passedThrough } = openClient();
    void client.start();
    await settled();
    expect(await client.loadSwc('neuron.swc', swcText)).toBeNull();
    behaviour.stallStart = (run) => run.swc !== undefined;
    client.crashWorker();
    await until(() => passedThrough('restarting') === 1, 'the client notices the crash');
    await until(() => loads.some((load) => load.kind === 'start' && load.run.swc !== undefined), 'the restart on the SWC stalls');
    const started = workers.length;
    client.dispose();
    // Past the load timeout, where the restart would fall back to the procedural neurons on a new worker.
    await sleep(LOAD_TIMEOUT_MS * 3);
    expect(workers.length).toBe(started);
    expect(loads.filter((load) => load.run.swc === undefined && load.kind === 'start')).toHaveLength(1);
  });

  it('abandons a new run whose load stalls: the worker is replaced on the run before it, and that input is not tried again', async () => {
    const { client, store, behaviour, loads, kind, settled, notices, passedThrough } = openClient('#test&neurons=1&seed=5');
    void client.start();
    await settled();
    expect(kind()).toBe('playing');
    behaviour.stallReset = (run) => run.scenario === 'control';
    client.setScenario('control');
    expect(store.getState().scenario).toBe('control');
    await until(() => passedThrough('restarting') === 1, 'the load is abandoned');
    await settled();
    expect(kind()).toBe('playing');
    expect(store.getState().scenario).toBe('stress-ketamine');
    expect((await client.runSettings())?.scenario).toBe('stress-ketamine');
    expect(loads.filter((load) => load.run.scenario === 'control')).toHaveLength(1);
    expect(notices().join(' ')).toMatch(
      /The new run could not be loaded: the simulation did not finish loading within 0\.4 s\. It will not be tried again; the simulation went back to the run before it \(stress-ketamine, seed 5, the procedural neurons\)\./,
    );
  });

  it("says when a run's protocol gives a dose outside the range the model was built for, and not otherwise", async () => {
    const { client, behaviour, settled, notices } = openClient();
    void client.start();
    await settled();
    expect(notices().join(' ')).not.toContain('range the model was built for');
    const preset = scenarioProtocol('stress-ketamine', 1);
    behaviour.protocol = { ...preset, ketamine: [{ timeHours: preset.ketamine[0].timeHours, doseMgPerKg: 100 }] };
    client.crashWorker();
    await until(() => notices().some((text) => text.includes('100 mg/kg')), 'the restarted run has the imported protocol');
    expect(notices()).toContain(`This run's ketamine 100 mg/kg at ${preset.ketamine[0].timeHours} h is outside the 1–30 mg/kg range the model was built for (anaesthetic doses: the loss of effect is an estimate).`);
  });

  it('refuses an SWC file the importer rejects and keeps the run as it was', async () => {
    const { client, store, settled } = openClient();
    void client.start();
    await settled();
    const problem = await client.loadSwc('empty.swc', '');
    expect(problem).toMatch(/^empty\.swc could not be used: /);
    expect(store.getState().swc).toBeNull();
    expect(store.getState().playback.kind).toBe('paused');
  });

  it('gives up at the fourth failure in a minute: every command refused until a fresh start', async () => {
    const { client, store, kind, settled, passedThrough } = openClient('#test&neurons=1&seed=9');
    void client.start();
    for (let failure = 1; failure <= 4; failure++) {
      await settled();
      client.crashWorker();
      await until(() => passedThrough('restarting') === failure, `failure ${failure} is noticed`);
    }
    await until(() => kind() === 'failed', 'the client gives up');
    expect(store.getState().playback).toEqual({ kind: 'failed', reason: 'simulation crash requested for testing' });
    client.play();
    client.setScenario('control');
    client.reset();
    expect(client.setSeed('12')).toMatch(/has stopped: reload the page or press Reset/);
    expect(await client.loadSwc('neuron.swc', swcText)).toMatch(/has stopped/);
    expect(await client.setParameters({ detectionThresholdUm3: 0.3 })).toMatch(/has stopped/);
    expect(await client.exportSpines()).toBeNull();
    expect(store.getState()).toMatchObject({ playback: { kind: 'failed' }, scenario: 'stress-ketamine', seed: '9', swc: null });
    client.startAfresh();
    await until(() => kind() === 'playing', 'the fresh start plays');
    expect((await client.runSettings())?.seed).toBe('9');
  });
});
