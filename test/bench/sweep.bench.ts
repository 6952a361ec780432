/**
 * Sweep benchmark (not a test: it prints figures, asserts nothing).
 *   npm run bench:sweep [points=64]
 * Points per second per core for a Latin hypercube sweep of a short protocol (4 days, one neuron, 7 days of
 * burn-in, one replicate per point), as a cluster task runs it (`--sweep … --shard 0/1`, one process, all
 * cores), against the one-protocol CLI:
 *   - called once per point, as a shell loop over parameter values would (one process per point);
 *   - run once with as many replicates as the sweep has points (the same model work, no sweep machinery).
 * Wall times include process start-up, as on a cluster.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSweep } from '../../src/sweep/planSweep';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';
import { projectRoot } from '../cli/runCli';
import { shortProtocol } from '../sweep/shortSweep';

const points = Number(process.argv[2] ?? 64);
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'spinelab-bench-sweep-'));
const document = {
  format: 'spinelab-sweep', version: 1, name: 'bench', seed: 1,
  base: { protocol: shortProtocol, parameters: { burnInDays: 7 } },
  factors: [
    { parameter: 'stressEliminationFactor', min: 1, max: 3 },
    { parameter: 'maturationPerDay', min: 0.2, max: 0.8 },
    { protocolField: 'ketamineDoseMgPerKg', min: 1, max: 30, scale: 'log' },
  ],
  design: { type: 'latin-hypercube', points },
  readouts: ['density@stressEnd', 'escape@dose+3h', 'formation@0h..2d', 'liveSpines'],
};

function cli(args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the CLI failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

try {
  const sweepFile = join(dir, 'sweep.json');
  writeFileSync(sweepFile, JSON.stringify(document));
  console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores; ${points} points of a 4-day, one-neuron protocol (7 days burn-in), 1 replicate each`);

  const sweepSeconds = cli(['--sweep', sweepFile, '--out', join(dir, 'shard.jsonl')]);
  const rate = (count: number, seconds: number, used: number) => `${(count / seconds / used).toFixed(2)} points/s/core (${count} in ${seconds.toFixed(1)} s on ${used} core${used > 1 ? 's' : ''})`;
  console.log(`${'sweep, one shard on all cores:'.padEnd(52)}${rate(points, sweepSeconds, cores)}`);

  // The one-protocol CLI per point: a sample of points, one process each, one after another (one core).
  const plan = planSweep(validateSweepDocument(document), 'bench');
  const sample = Math.min(points, 8);
  let perPointSeconds = 0;
  for (let p = 0; p < sample; p++) {
    const task = plan.task(p);
    const protocolFile = join(dir, `point-${p}.json`);
    writeFileSync(protocolFile, JSON.stringify(task.protocol));
    perPointSeconds += cli(['--protocol', protocolFile, '--seed', String(task.seeds[0]), ...Object.entries(task.parameters).flatMap(([k, v]) => ['--set', `${k}=${v}`])]);
  }
  console.log(`${'one-protocol CLI, one process per point:'.padEnd(52)}${rate(sample, perPointSeconds, 1)}`);

  const protocolFile = join(dir, 'protocol.json');
  writeFileSync(protocolFile, JSON.stringify(shortProtocol));
  const replicateSeconds = cli(['--protocol', protocolFile, '--replicates', String(points), '--set', 'burnInDays=7']);
  console.log(`${`one-protocol CLI, ${points} replicates in one process:`.padEnd(52)}${rate(points, replicateSeconds, cores)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
