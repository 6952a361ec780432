/**
 * The ensemble's worker pool, in Node: each "worker" is a replicate API behind a MessageChannel whose
 * replicates finish when the test says, so that which replicates are under way can be read at any point.
 * Every wait is a poll with a generous limit, never a timed assertion.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicateOptions } from '../../src/model/runReplicate';
import { scenarioProtocol } from '../../src/model/scenarios';
import { EnsemblePool } from '../../src/state/EnsemblePool';
import type { ReplicateReadouts } from '../../workers/replicateApi';
import { FakeWorker } from '../support/fakeWorker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

/** A pool whose replicates wait for `finish(seed)`; `started` lists the seeds begun, in order. */
function heldPool() {
  const started: number[] = [];
  const finishers = new Map<number, () => void>();
  const pool = new EnsemblePool(
    () =>
      new FakeWorker({
        run: (options: ReplicateOptions) =>
          new Promise<ReplicateReadouts>((resolve) => {
            started.push(Number(options.seed));
            finishers.set(Number(options.seed), () => resolve({ seed: options.seed } as ReplicateReadouts));
          }),
      }) as unknown as Worker,
  );
  const finish = (seed: number) => finishers.get(seed)!();
  return { pool, started, finish };
}

const tasks = (seeds: number[]): ReplicateOptions[] => seeds.map((seed) => ({ protocol: scenarioProtocol('stress', 1), seed }));

describe('EnsemblePool lanes', () => {
  it('a limit of one lane keeps the second worker waiting; lifting it starts that worker at once; results stay in task order', async () => {
    const { pool, started, finish } = heldPool();
    pool.limitLanes(1);
    const run = pool.run(tasks([1, 2, 3, 4]), () => undefined, 2);
    await until(() => started.length === 1, 'the first replicate starts');
    await sleep(50);
    expect(started).toEqual([1]);
    finish(1);
    await until(() => started.length === 2, 'the open lane takes the next replicate');
    await sleep(50);
    expect(started).toEqual([1, 2]);
    pool.limitLanes(2);
    await until(() => started.length === 3, 'the waiting lane starts');
    expect(started).toEqual([1, 2, 3]);
    finish(3);
    await until(() => started.length === 4, 'the last replicate starts');
    finish(4);
    finish(2);
    expect((await run).map((result) => result.seed)).toEqual([1, 2, 3, 4]);
  });

  it('a lane still waiting when the last replicate is back does not keep the run from ending', async () => {
    const { pool, started, finish } = heldPool();
    pool.limitLanes(1);
    const run = pool.run(tasks([1, 2, 3]), () => undefined, 3);
    for (const seed of [1, 2, 3]) {
      await until(() => started.length === seed, `replicate ${seed} starts`);
      finish(seed);
    }
    expect((await run).map((result) => result.seed)).toEqual([1, 2, 3]);
    expect(pool.running).toBe(false);
  });
});
