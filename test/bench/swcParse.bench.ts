/**
 * SWC import timings: a plain script, not a vitest test.
 *   npm run bench:swc
 * Prints the median of several runs for parsing, for conversion to a Neuron and for building its mesh
 * (what the worker does off the main thread): the largest file of the real-world corpus (when
 * ../shared/swc-corpus exists) and generated neurons of 2,000, 50,000 and 200,000 samples.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { neuronFromSwc } from '../../src/model/swc/neuronFromSwc.ts';
import { buildDendriteMesh } from '../../src/runtime/dendriteMesh.ts';
import { generatedSwc } from '../fixtures/generatedSwc.ts';
import { parseSwc } from '../../src/model/swc/parseSwc.ts';

const WARMUP_RUNS = 3;
const TIMED_RUNS = 15;
const corpusDir = fileURLToPath(new URL('../../../shared/swc-corpus/', import.meta.url));

function medianMs(run: () => void): number {
  for (let i = 0; i < WARMUP_RUNS; i++) run();
  const times: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function report(label: string, text: string): void {
  const parsed = parseSwc(text);
  const { neuron } = neuronFromSwc(parsed, { orientation: 'pia-up' });
  const offsets = new Float32Array(3);
  const imaged = [new Uint8Array(neuron.branches.length)];
  const mesh = buildDendriteMesh([neuron], offsets, imaged);
  const parseMs = medianMs(() => parseSwc(text));
  const convertMs = medianMs(() => neuronFromSwc(parsed, { orientation: 'pia-up' }));
  const meshMs = medianMs(() => buildDendriteMesh([neuron], offsets, imaged));
  const kilobytes = Math.round(text.length / 1024);
  console.log(`${label}`);
  console.log(`  ${parsed.nodes.count} samples, ${kilobytes} KB of text -> ${neuron.branches.length} branches, ` +
    `${mesh.ringsDrawn} of ${mesh.ringsInNeurons} rings drawn, ${(mesh.position.length / 3).toLocaleString('en')} vertices`);
  console.log(`  parse   median ${parseMs.toFixed(1)} ms  (${((parseMs * 1000) / parsed.nodes.count).toFixed(2)} µs/sample)`);
  console.log(`  convert median ${convertMs.toFixed(1)} ms`);
  console.log(`  mesh    median ${meshMs.toFixed(1)} ms`);
  console.log(`  total   ${(parseMs + convertMs + meshMs).toFixed(1)} ms`);
}

console.log(`SWC import benchmark (median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs), Node ${process.version}`);
if (existsSync(corpusDir)) {
  const files = readdirSync(corpusDir).filter((name) => name.endsWith('.swc') && !name.includes('NOT_swc'));
  const largest = files.reduce((best, name) => (statSync(corpusDir + name).size > statSync(corpusDir + best).size ? name : best));
  report(`Largest corpus file: ${largest}`, readFileSync(corpusDir + largest, 'utf8'));
} else {
  console.log(`(corpus not found at ${corpusDir}; skipped)`);
}
for (const count of [2_000, 50_000, 200_000]) report(`Generated neuron, ${count.toLocaleString('en')} samples`, generatedSwc(count));
