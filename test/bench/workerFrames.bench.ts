/**
 * Frames per second the simulation worker delivers at about 100,000 spines (30 neurons, formation raised),
 * with the worker on its own thread (a Node worker thread, as a Web Worker in the page) and the buffers
 * handed straight back, so the worker, not a display, sets the pace. A plain script:
 *   npx tsx test/bench/workerFrames.bench.ts
 * Prints frames per second at several playback speeds (the cost per frame is the simulated hours
 * advanced plus writing the frame) and the time per frame from the worker's own timestamps.
 */
import { proxy, releaseProxy, transfer, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { Worker } from 'node:worker_threads';
import type { FrameMessage, SimulationApi } from '../../workers/simulationApi';

const MEASURE_SECONDS = 4;
const worker = new Worker(new URL('./workerFramesEntry.mjs', import.meta.url));
const api = wrap<SimulationApi>(nodeEndpoint(worker));

let frames = 0;
let spines = 0;
const onFrame = proxy((frame: FrameMessage) => {
  frames++;
  spines = frame.liveSpines;
  void api.returnBuffer(transfer(frame.buffer, [frame.buffer]));
});

const started = performance.now();
await api.start(
  { scenario: 'stress-ketamine', seed: 1, neuronCount: 30, parameters: { formationPerUmPerDay: 0.018 } },
  { playing: false, speedHoursPerSecond: 1, storyPacing: false, framesPerSecond: 1000 },
  onFrame,
);
console.log(`start (grow 30 neurons, burn-in): ${((performance.now() - started) / 1000).toFixed(2)} s`);

for (const speed of [0, 1, 24, 120]) {
  if (speed === 0) await api.pause();
  else {
    await api.setSpeed(speed);
    await api.play();
  }
  // A paused run sends one frame per change only: drive "paused" frames with tiny steps instead.
  await new Promise((resolve) => setTimeout(resolve, 500));
  frames = 0;
  const t0 = performance.now();
  if (speed === 0) {
    const until = t0 + MEASURE_SECONDS * 1000;
    while (performance.now() < until) await api.step(1e-6);
  } else await new Promise((resolve) => setTimeout(resolve, MEASURE_SECONDS * 1000));
  const seconds = (performance.now() - t0) / 1000;
  const label = speed === 0 ? 'frame writing only (no simulation step)' : `playing at ${speed} h/s`;
  console.log(`${label}: ${(frames / seconds).toFixed(1)} frames/s at ${spines.toLocaleString('en')} live spines`);
}

await api.stop();
api[releaseProxy]();
await worker.terminate();
process.exit(0);
