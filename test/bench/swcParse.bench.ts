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

/**
 * A neuron of `count` samples: a soma, eight dendrites, each a random binary tree of 1 µm steps that forks
 * every 10–40 samples, written the way a tracer would (ids in order, 4 decimals). Deterministic.
 */
function generatedSwc(count: number): string {
  let state = 12345;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const rows = ['# generated benchmark neuron', '1 1 0 0 0 8 -1'];
  const tips: { id: number; x: number; y: number; z: number; dx: number; dy: number; dz: number; left: number }[] = [];
  for (let d = 0; d < 8; d++) {
    const angle = (d / 8) * 2 * Math.PI;
    tips.push({ id: 1, x: 0, y: 0, z: 0, dx: Math.cos(angle), dy: Math.sin(angle), dz: 0.1, left: 20 });
  }
  let id = 1;
  while (id < count) {
    const index = Math.floor(random() * tips.length);
    const tip = tips[index];
    id++;
    tip.x += tip.dx + (random() - 0.5) * 0.3;
    tip.y += tip.dy + (random() - 0.5) * 0.3;
    tip.z += tip.dz + (random() - 0.5) * 0.3;
    rows.push(`${id} ${index % 3 === 0 ? 4 : 3} ${tip.x.toFixed(4)} ${tip.y.toFixed(4)} ${tip.z.toFixed(4)} 0.5 ${tip.id}`);
    tip.id = id;
    if (--tip.left === 0) {
      tip.left = 10 + Math.floor(random() * 30);
      tips.push({ ...tip, dx: tip.dx + (random() - 0.5), dy: tip.dy + (random() - 0.5), left: 10 + Math.floor(random() * 30) });
    }
  }
  return `${rows.join('\n')}\n`;
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
