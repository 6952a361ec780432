/**
 * Main-thread cost of showing one frame: copying the worker's frame into the instanced attributes
 * (SpineBuffers.apply), at 20,000 and 100,000 spines. A plain script, not a vitest test:
 *   npx tsx test/bench/applyFrame.bench.ts
 * The GPU upload happens later, inside the renderer; this is the JavaScript work on the main thread.
 */
import { LOST_SITE_STRIDE } from '../../src/model/LostSiteMarkers';
import { SPINE_FRAME_STRIDE } from '../../src/model/writeSpineFrame';
import { SpineBuffers } from '../../src/view/scene/SpineBuffers';

const MARKERS = 4000;
const RUNS = 200;

function frame(spines: number): { floats: Float32Array; markerOffset: number } {
  const markerOffset = Math.ceil(spines * 1.25) * SPINE_FRAME_STRIDE;
  const floats = new Float32Array(markerOffset + 16_384 * LOST_SITE_STRIDE);
  for (let i = 0; i < floats.length; i++) floats[i] = Math.sin(i);
  return { floats, markerOffset };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

for (const spines of [20_000, 100_000]) {
  const buffers = new SpineBuffers(Math.ceil(spines * 1.25), 16_384);
  const frames = [frame(spines), frame(spines)];
  for (let i = 0; i < 20; i++) buffers.apply(frames[i % 2].floats, spines, frames[i % 2].markerOffset, MARKERS);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { floats, markerOffset } = frames[i % 2];
    const started = performance.now();
    buffers.apply(floats, spines, markerOffset, MARKERS);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mb = (spines * SPINE_FRAME_STRIDE * 4) / 1e6;
  console.log(`apply one frame, ${spines.toLocaleString('en')} spines (${mb.toFixed(1)} MB) + ${MARKERS} markers: median ${percentile(times, 0.5).toFixed(3)} ms, p95 ${percentile(times, 0.95).toFixed(3)} ms`);
}
