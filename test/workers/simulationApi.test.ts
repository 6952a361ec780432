import { expose, proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSpines } from '../../src/model/exportSpines';
import { scenarioProtocol } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';
import { SPINE_FRAME_STRIDE } from '../../src/model/writeSpineFrame';
import { createSimulationApi, type FrameMessage, type PlaybackSettings, type RunSettings, type SimulationApi } from '../../workers/simulationApi';

const run: RunSettings = { scenario: 'stress-ketamine', seed: 4, parameters: { burnInDays: 2 }, neuronCount: 1 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await sleep(10);
  }
}

/** The worker API on one end of a MessageChannel, driven through comlink as the page drives it. */
function connect(options: { now?: () => number } = {}) {
  const { port1, port2 } = new MessageChannel();
  const failures: unknown[] = [];
  expose(createSimulationApi({ ...options, onFatal: (error) => failures.push(error) }), port1);
  const remote: Remote<SimulationApi> = wrap<SimulationApi>(port2);
  const frames: FrameMessage[] = [];
  const held: FrameMessage[] = [];
  const state = { autoReturn: true, inFlight: 0, maxInFlight: 0, closed: false };
  const giveBack = (frame: FrameMessage) => {
    state.inFlight--;
    if (state.closed) return;
    void remote.returnBuffer(transfer(frame.buffer, [frame.buffer]));
  };
  const onFrame = proxy((frame: FrameMessage) => {
    frames.push({ ...frame, buffer: frame.buffer.slice(0) });
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    if (state.autoReturn) giveBack(frame);
    else held.push(frame);
  });
  const start = (playback: Partial<PlaybackSettings> = {}, settings: RunSettings = run) => remote.start(settings, { speedHoursPerSecond: 24, framesPerSecond: 50, ...playback }, onFrame);
  const last = () => frames[frames.length - 1];
  const close = async () => {
    await remote.stop();
    state.closed = true;
    remote[releaseProxy]();
    port1.close();
    port2.close();
  };
  return { remote, frames, held, state, failures, start, last, giveBack, close };
}

let open: ReturnType<typeof connect> | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

describe('the simulation worker API over a MessageChannel', () => {
  it('streams frames whose clock follows the chosen speed while playing', async () => {
    // A wall clock the test moves: each tick covers exactly the wall time the test let pass.
    let wallMs = 0;
    open = connect({ now: () => wallMs });
    const info = await open.start({ speedHoursPerSecond: 24 });
    expect(info.neurons).toHaveLength(1);
    expect(info.timeHours).toBe(0);
    await until(() => open!.frames.length > 0);
    for (let k = 1; k <= 8; k++) {
      wallMs += 250;
      // 24 h/s × 0.25 s = 6 h, on the model's 1 h step grid; the clock stays there while the wall clock does.
      await until(() => open!.last().timeHours === 6 * k);
      expect(open.last().playing).toBe(true);
    }
    expect(new Set(open.frames.map((f) => f.timeHours))).toEqual(new Set([0, 6, 12, 18, 24, 30, 36, 42, 48]));
    for (let i = 1; i < open.frames.length; i++) expect(open.frames[i].timeHours).toBeGreaterThanOrEqual(open.frames[i - 1].timeHours);
  });

  it('sends each spine as one row of the frame, at its slot', async () => {
    open = connect();
    await open.start({ playing: false });
    await until(() => open!.frames.length > 0);
    const frame = open.last();
    const floats = new Float32Array(frame.buffer);
    expect(frame.spineCount).toBeGreaterThan(100);
    expect(frame.markerOffset).toBeGreaterThanOrEqual(frame.spineCount * SPINE_FRAME_STRIDE);
    let drawn = 0;
    for (let slot = 0; slot < frame.spineCount; slot++) {
      const o = slot * SPINE_FRAME_STRIDE;
      if (Math.hypot(floats[o + 3], floats[o + 4], floats[o + 5]) > 0) drawn++;
    }
    expect(drawn).toBeGreaterThanOrEqual(frame.liveSpines * 0.9);
    expect(frame.visibleSpines).toBeLessThanOrEqual(frame.liveSpines);
  });

  it('never runs more than two frames ahead: it waits for buffers to come back', async () => {
    open = connect();
    open.state.autoReturn = false;
    await open.start({ framesPerSecond: 200 });
    await sleep(300);
    expect(open.frames).toHaveLength(2);
    open.giveBack(open.held.shift()!);
    await until(() => open!.frames.length === 3);
    await sleep(100);
    expect(open.frames).toHaveLength(3);
    expect(open.state.maxInFlight).toBe(2);
  });

  it('stops the clock when paused, and step advances it by exactly the hours asked', async () => {
    open = connect();
    await open.start();
    await sleep(200);
    await open.remote.pause();
    await sleep(100);
    const paused = open.last().timeHours;
    expect(open.last().playing).toBe(false);
    await sleep(300);
    expect(open.last().timeHours).toBe(paused);
    await open.remote.step(5);
    await until(() => open!.last().timeHours !== paused);
    expect(open.last().timeHours).toBeCloseTo(paused + 5, 9);
  });

  it('applies a parameter change to the running model: a higher detection limit hides spines', async () => {
    open = connect();
    await open.start({ playing: false });
    await until(() => open!.frames.length > 0);
    const before = open.last().visibleSpines;
    await open.remote.setParameters({ burnInDays: 2, detectionThresholdUm3: 0.3 });
    await until(() => open!.last().parameterVersion === 1);
    expect(open.last().visibleSpines).toBeLessThan(before / 3);
    expect((await open.remote.runSettings())?.parameters).toEqual({ burnInDays: 2, detectionThresholdUm3: 0.3 });
  });

  it('refuses an invalid parameter with the reason and leaves the run as it was', async () => {
    open = connect();
    await open.start({ playing: false });
    await expect(open.remote.setParameters({ detectionThresholdUm3: 7 })).rejects.toThrow(/out of range/);
    await expect(open.remote.setParameters({ noSuchThing: 1 })).rejects.toThrow(/unknown parameter/);
    expect((await open.remote.runSettings())?.parameters).toEqual(run.parameters);
  });

  it('reset starts the run again from day 0 as a new generation, with a new scenario when given', async () => {
    open = connect();
    const first = await open.start();
    await sleep(200);
    const second = await open.remote.reset({ ...run, scenario: 'control' });
    expect(second.generation).toBe(first.generation + 1);
    expect(second.timeHours).toBe(0);
    expect(second.protocol.name).toBe('control');
    await until(() => open!.last().generation === second.generation);
    expect(open.last().timeHours).toBeLessThan(24);
  });

  it('lists imaging sessions and behaviour tests for the charts, incrementally', async () => {
    open = connect();
    await open.start({ playing: false });
    // Day 0's session is there before the clock moves, so the charts start at once.
    expect((await open.remote.series(0, 0)).sessions.map((s) => s.timeHours)).toEqual([0]);
    await open.remote.step(100);
    const all = await open.remote.series(0, 0);
    expect(all.sessions.map((s) => s.timeHours)).toEqual([0, 48, 96]);
    expect(all.sessions[0].formation).toBeNull();
    expect(all.sessions[1].formation).toBeGreaterThan(0);
    expect(all.sessions[1].densityPerUm).toBeGreaterThan(0.2);
    expect(all.behaviour.length).toBeGreaterThan(0);
    const later = await open.remote.series(2, all.behaviour.length);
    expect(later.sessions.map((s) => s.timeHours)).toEqual([96]);
    expect(later.behaviour).toEqual([]);
  });

  it('describes a spine by its slot, and nothing for a slot that holds none', async () => {
    open = connect();
    await open.start({ playing: false });
    await open.remote.step(30);
    const details = await open.remote.spineDetails(0);
    expect(details).not.toBeNull();
    expect(details!.slot).toBe(0);
    expect(details!.headDiameterUm).toBeCloseTo(Math.cbrt((6 * details!.volumeUm3) / Math.PI), 6);
    expect(details!.ageHours).toBeGreaterThan(0);
    expect(await open.remote.spineDetails(-1)).toBeNull();
    expect(await open.remote.spineDetails(10_000_000)).toBeNull();
  });

  it('grows spines on a reconstruction loaded from SWC, and refuses an unusable file without touching the run', async () => {
    open = connect();
    await open.start({ playing: false });
    const text = readFileSync(join(__dirname, '../fixtures/swc/soma-three-point.swc'), 'utf8');
    const info = await open.remote.reset({ ...run, swc: { fileName: 'soma-three-point.swc', text } });
    expect(info.neurons).toHaveLength(1);
    expect(info.imported?.name).toBe('soma-three-point');
    expect(info.imported?.sampleCount).toBe(13);
    await until(() => open!.last()?.generation === info.generation);
    expect(open.last().liveSpines).toBeGreaterThan(0);
    await expect(open.remote.reset({ ...run, swc: { fileName: 'empty.swc', text: '' } })).rejects.toThrow();
    expect((await open.remote.runSettings())?.swc?.fileName).toBe('soma-three-point.swc');
  });

  it('refuses a run too large for the page before starting it, saying what to lower, and keeps the run', async () => {
    open = connect();
    await open.start({ playing: false });
    const protocol = { ...scenarioProtocol('control', 50), durationHours: 8760, imagingHours: [0, 8760], behaviourHours: [] };
    await expect(open.remote.reset({ ...run, protocol, parameters: { formationPerUmPerDay: 0.5, transientEliminationPerDay: 0, persistentEliminationPerDay: 0 } }))
      .rejects.toThrow(/fewer neurons|shorter protocol/);
    expect((await open.remote.runSettings())?.protocol).toBeUndefined();
  });

  it('can start at a later time, to catch up after a restart', async () => {
    open = connect();
    const info = await open.start({ playing: false, startHours: 50 });
    expect(info.timeHours).toBe(50);
  });

  it('reports a failure of its loop instead of swallowing it, and stops sending frames', async () => {
    open = connect();
    await open.start();
    await sleep(100);
    await open.remote.crash();
    expect(open.failures).toHaveLength(1);
    expect(String(open.failures[0])).toMatch(/crash requested/);
    await sleep(100);
    const count = open.frames.length;
    await sleep(200);
    expect(open.frames.length).toBe(count);
  });

  it('stalls (for tests of the page’s watchdog) until its clock has passed the time asked for, two minutes at most', () => {
    let clockMs = 0;
    const api = createSimulationApi({ now: () => (clockMs += 10) });
    api.stall(1000);
    expect(clockMs).toBeGreaterThanOrEqual(1000);
    const before = clockMs;
    api.stall(1e12);
    expect(clockMs - before).toBeGreaterThanOrEqual(120_000);
    expect(clockMs - before).toBeLessThanOrEqual(120_020);
  });
});

describe('played runs reproduce', () => {
  /** The same run advanced directly in the model, to `timeHours`, exported as the CLI's --spines-at does. */
  const direct = (timeHours: number) => {
    const simulation = new Simulation({ protocol: scenarioProtocol(run.scenario, run.neuronCount), seed: run.seed, parameters: run.parameters });
    simulation.advanceTo(timeHours);
    expect(simulation.timeHours).toBe(timeHours);
    return JSON.stringify(exportSpines(simulation));
  };

  /** Plays with a wall clock running `dilation` times faster than real time, so ticks cover uneven spans. */
  async function playAndPause(speedHoursPerSecond: number, dilation: number, pauseAfterMs: number): Promise<{ timeHours: number; exported: string }> {
    const started = performance.now();
    open = connect({ now: () => started + (performance.now() - started) * dilation });
    await open.start({ speedHoursPerSecond, framesPerSecond: 500, storyPacing: true });
    await sleep(pauseAfterMs);
    await open.remote.pause();
    const exported = await open.remote.exportSpines();
    const timeHours = JSON.parse(exported).timeHours as number;
    await open.close();
    open = null;
    return { timeHours, exported };
  }

  it('pauses on the model\'s step grid, in the state a direct run reaches at that time, whatever the speed', async () => {
    for (const [speed, dilation, pauseAfterMs] of [[37, 3, 150], [250, 7, 120]] as const) {
      const played = await playAndPause(speed, dilation, pauseAfterMs);
      expect(played.timeHours).toBeGreaterThan(0);
      expect(Number.isInteger(played.timeHours)).toBe(true);
      expect(played.exported).toBe(direct(played.timeHours));
    }
  });

  it('reaches the same end state played at two speeds as run to the end at once', async () => {
    const protocol = scenarioProtocol(run.scenario, run.neuronCount);
    const ends: string[] = [];
    for (const speed of [400, 1300]) {
      const started = performance.now();
      open = connect({ now: () => started + (performance.now() - started) * 20 });
      await open.start({ speedHoursPerSecond: speed, framesPerSecond: 1000, storyPacing: speed < 1000 });
      await until(() => open!.last()?.finished === true, 60_000);
      ends.push(await open.remote.exportSpines());
      await open.close();
      open = null;
    }
    expect(ends[0]).toBe(ends[1]);
    expect(ends[0]).toBe(direct(protocol.durationHours));
  }, 120_000);
});
