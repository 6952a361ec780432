/**
 * Model benchmark (not a test: it prints figures and ratios, asserts nothing).
 *   npx tsx test/bench/model.bench.ts [replicates=100]
 * 1. Spine updates per second on one core: the whole stress-ketamine run (formation, events and
 *    imaging included) and the hot loop alone (one spine's hazard advanced one step; sizes advance on
 *    their own 6 h clock).
 * 2. Wall time of the stress-ketamine scenario at N replicates on one thread and on all cores
 *    (worker threads), and the parallel speed-up.
 */
import { availableParallelism, cpus } from 'node:os';
import { runReplicatesInParallel } from '../../src/cli/runReplicatesInParallel';
import { scenarioProtocol } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';

const replicates = Number(process.argv[2] ?? 100);
const protocol = scenarioProtocol('stress-ketamine');

function spineUpdatesPerSecond(): { whole: number; loop: number; spines: number } {
  // Warm up the JIT on one run, then measure the next three.
  new Simulation({ protocol, seed: 0 }).runToEnd();
  let updates = 0;
  let wallMs = 0;
  let loopMs = 0;
  let spines = 0;
  for (let seed = 1; seed <= 3; seed++) {
    const simulation = new Simulation({ protocol, seed });
    const before = simulation.spineUpdates;
    // Time the hot loop by wrapping this instance's method (the prototype stays untouched).
    const instance = simulation as unknown as { integrateHazards: (...args: unknown[]) => void };
    const original = instance.integrateHazards.bind(simulation);
    instance.integrateHazards = (...args: unknown[]) => {
      const t = performance.now();
      original(...args);
      loopMs += performance.now() - t;
    };
    const started = performance.now();
    simulation.runToEnd();
    wallMs += performance.now() - started;
    updates += simulation.spineUpdates - before;
    spines += simulation.spines.liveCount;
  }
  return { whole: updates / (wallMs / 1000), loop: updates / (loopMs / 1000), spines: spines / 3 };
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, Node ${process.version}`);
  const rate = spineUpdatesPerSecond();
  console.log(`stress-ketamine replicate: ≈${Math.round(rate.spines)} live spines (3 neurons), 57 days + 28-day burn-in, 1 h steps`);
  console.log(`spine updates per second, one core, whole run:  ${(rate.whole / 1e6).toFixed(1)} M/s`);
  console.log(`spine updates per second, one core, hot loop:   ${(rate.loop / 1e6).toFixed(1)} M/s   (aim ≥ 50 M/s)`);
  const tasks = Array.from({ length: replicates }, (_, r) => ({ protocol, seed: 1 + r }));
  let started = performance.now();
  await runReplicatesInParallel(tasks, cores);
  const parallelSeconds = (performance.now() - started) / 1000;
  console.log(`${replicates} replicates on ${cores} worker threads: ${parallelSeconds.toFixed(1)} s   (aim ≤ 20 s)`);
  started = performance.now();
  await runReplicatesInParallel(tasks, 1);
  const serialSeconds = (performance.now() - started) / 1000;
  console.log(`${replicates} replicates on 1 thread:           ${serialSeconds.toFixed(1)} s`);
  console.log(`parallel speed-up: ${(serialSeconds / parallelSeconds).toFixed(2)}×   (aim ≥ 1.7× on 2 cores)`);
}

void main();
