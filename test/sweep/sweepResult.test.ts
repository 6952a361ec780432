import { describe, expect, it } from 'vitest';
import { formatResultJson } from '../../src/sweep/analyseSweep';
import { parseSweepResult } from '../../src/sweep/sweepResult';
import { analyticSweep } from './analyticSweep';

describe('reading a sweep result for the results view', () => {
  const morris = analyticSweep({ type: 'morris', trajectories: 4 }, 2, (u) => u[0] - u[1]);
  const text = formatResultJson(morris);

  it('reads what --merge writes', () => {
    expect(parseSweepResult(text)).toEqual(JSON.parse(text));
  });

  const damage = (change: (r: any) => void) => {
    const copy = JSON.parse(text);
    change(copy);
    return JSON.stringify(copy);
  };
  it.each([
    ['a shard file', '{"format":"spinelab-sweep-shard","version":1}\n{"sweep":"x"}\n', 'This is a shard file; merge the shards first: npm run sim -- --merge shard-*.jsonl --out sweep-result.json'],
    ['a later version', damage((r) => (r.version = 2)), 'This sweep result is version 2; this SpineLab reads version 1.'],
    ['a missing index', damage((r) => r.morris.indices.liveSpines.pop()), 'This sweep result is incomplete or damaged (morris.indices.liveSpines is not one entry per factor).'],
    ['a text where a number goes', damage((r) => (r.morris.indices.liveSpines[1].muStar = 'big')), 'This sweep result is incomplete or damaged (morris.indices.liveSpines[1].muStar is not a number).'],
    ['a point without its factor', damage((r) => delete r.points[3].factors.ketamineEliminationProtection), 'This sweep result is incomplete or damaged (points[3].factors.ketamineEliminationProtection is missing).'],
  ])('explains %s in one sentence', (_, input, message) => {
    expect(() => parseSweepResult(input)).toThrow(message);
  });
});
