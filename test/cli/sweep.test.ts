import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSweep } from '../../src/sweep/planSweep';
import { validateSweepDocument } from '../../src/sweep/sweepDocument';
import { runCli, type CliRun } from './runCli';
import { fortyPointSweep } from '../sweep/shortSweep';

/*
 * Sweeps as a cluster runs them: shards in separate processes, one killed with SIGKILL while writing a
 * line (a preloaded test module does it at a fixed point, not at a time), then run again; the merge must
 * equal, byte for byte, the same sweep run as one shard. Every shard runs on one thread (CI has two cores).
 */

const killMidLine = fileURLToPath(new URL('../support/killShardMidLine.mjs', import.meta.url));
let dir = '';
let sweepFile = '';
const path = (name: string) => join(dir, name);
const shard = (index: number, count: number, out: string, options: Parameters<typeof runCli>[1] = {}) =>
  runCli(['--sweep', sweepFile, '--shard', `${index}/${count}`, '--out', path(out), '--threads', '1'], options);

function expectRefusal(run: CliRun, message: string | RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr.trimEnd()).toMatch(typeof message === 'string' ? `spinelab: ${message}` : message);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spinelab-sweep-'));
  sweepFile = path('sweep.json');
  writeFileSync(sweepFile, JSON.stringify(fortyPointSweep, null, 2));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a 40-point sweep run as 4 shards, one killed midway and run again', () => {
  const merged: Record<string, CliRun> = {};

  beforeAll(async () => {
    const whole = await shard(0, 1, 'whole.jsonl');
    expect(whole.code).toBe(0);
    const [zero, one, killed, three] = await Promise.all([
      shard(0, 4, 'shard-0.jsonl'),
      shard(1, 4, 'shard-1.jsonl'),
      shard(2, 4, 'shard-2.jsonl', { preload: [killMidLine], env: { SPINELAB_TEST_KILL_AFTER_LINES: '4' } }),
      shard(3, 4, 'shard-3.jsonl'),
    ]);
    for (const run of [zero, one, three]) expect(run.code).toBe(0);
    expect(killed.signal).toBe('SIGKILL');
    merged.interrupted = await runCli(['--merge', ...[0, 1, 2, 3].map((i) => path(`shard-${i}.jsonl`))]);
    merged.rerun = await shard(2, 4, 'shard-2.jsonl');
    merged.again = await shard(2, 4, 'shard-2.jsonl');
    merged.one = await runCli(['--merge', path('whole.jsonl'), '--out', path('whole-result.json')]);
    merged.four = await runCli(['--merge', ...[3, 1, 0, 2].map((i) => path(`shard-${i}.jsonl`)), '--out', path('four-result.json')]);
    merged.oneCsv = await runCli(['--merge', path('whole.jsonl'), '--format', 'csv']);
    merged.fourCsv = await runCli(['--merge', ...[0, 1, 2, 3].map((i) => path(`shard-${i}.jsonl`)), '--format', 'csv']);
  }, 120_000);

  it('the killed shard left 4 points and half a line; merging it then is refused', () => {
    expectRefusal(merged.interrupted, `${path('shard-2.jsonl')} ends in an unfinished line (its shard was interrupted); run that shard again to finish it`);
  });

  it('run again, the shard cuts the unfinished line, keeps its 4 points and runs the other 6', () => {
    expect(merged.rerun.code).toBe(0);
    expect(merged.rerun.stderr).toContain('its last line was unfinished (the job was stopped while writing it); that point runs again');
    expect(merged.rerun.stderr).toContain('shard 2/4: 10 of the sweep\'s 40 points, 4 already done, 6 to run on 1 thread(s)');
    expect(merged.again.stderr).toContain('shard 2/4: 10 of the sweep\'s 40 points, 10 already done, 0 to run');
    const lines = readFileSync(path('shard-2.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.slice(1).map((line) => JSON.parse(line).point).sort((a: number, b: number) => a - b)).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38]);
  });

  it('merges to the same bytes as the sweep run as one shard, in JSON and in CSV', () => {
    expect(merged.one.code).toBe(0);
    expect(merged.four.code).toBe(0);
    const one = readFileSync(path('whole-result.json'), 'utf8');
    expect(readFileSync(path('four-result.json'), 'utf8')).toBe(one);
    expect(merged.fourCsv.stdout).toBe(merged.oneCsv.stdout);
    const result = JSON.parse(one);
    expect(result.format).toBe('spinelab-sweep-result');
    expect(result.points).toHaveLength(40);
    expect(result.morris.indices['density@stressEnd'].map((x: { factor: string }) => x.factor)).toEqual(['stressEliminationFactor', 'maturationPerDay', 'dose']);
    expect(merged.oneCsv.stdout.split('\n')[2]).toBe('readout,factor,mu,muStar,muStarLow,muStarHigh,sigma');
  });

  it('any point reproduces alone with the one-protocol CLI, from its line’s seeds and parameters', async () => {
    const record = JSON.parse(readFileSync(path('whole.jsonl'), 'utf8').split('\n')[18]);
    const task = planSweep(validateSweepDocument(fortyPointSweep), 'h').task(record.point);
    writeFileSync(path('point.json'), JSON.stringify(task.protocol));
    const sets = Object.entries(record.parameters).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
    const run = await runCli(['--protocol', path('point.json'), '--seed', String(record.seeds[0]), ...sets]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.replicates[0].sessions.find((s: { timeHours: number }) => s.timeHours === 72).densityPerUm).toBe(record.replicates['density@stressEnd'][0]);
    expect(output.replicates[0].liveSpinesAtEnd).toBe(record.readouts.liveSpines);
  });
});

describe('merge refusals and sweep usage errors (one line, status 2, nothing written)', () => {
  it('refuses a missing shard, a duplicated point and a shard of another sweep', async () => {
    const three = await runCli(['--merge', ...[0, 1, 2].map((i) => path(`shard-${i}.jsonl`)), '--out', path('never.json')]);
    expectRefusal(three, 'missing 10 of 40 points: 3, 7, 11, 15, 19, 23, 27, 31, 35, 39 (in shard 3/4)');
    expect(existsSync(path('never.json'))).toBe(false);
    expectRefusal(await runCli(['--merge', path('whole.jsonl'), path('shard-1.jsonl')]), `point 1 appears twice: ${path('whole.jsonl')} line 3 and ${path('shard-1.jsonl')} line 2`);
    writeFileSync(path('other.json'), JSON.stringify({ ...fortyPointSweep, seed: 22 }));
    const other = await runCli(['--sweep', path('other.json'), '--shard', '3/4', '--out', path('other-3.jsonl'), '--threads', '1']);
    expect(other.code).toBe(0);
    expectRefusal(await runCli(['--merge', ...[0, 1, 2].map((i) => path(`shard-${i}.jsonl`)), path('other-3.jsonl')]), /^spinelab: .*other-3\.jsonl is from a different sweep than .*shard-0\.jsonl \(sweep hash sha256:[0-9a-f]{12}… vs sha256:[0-9a-f]{12}…\)$/);
  }, 60_000);

  it('a shard will not write into another sweep’s file or another shard’s', async () => {
    expectRefusal(await runCli(['--sweep', path('other.json'), '--shard', '3/4', '--out', path('shard-3.jsonl')]), /^spinelab: .*shard-3\.jsonl holds shard 3\/4 of another sweep \(hash sha256:[0-9a-f]{12}…\); move it away or choose another --out$/);
    expectRefusal(await shard(2, 4, 'shard-3.jsonl'), `${path('shard-3.jsonl')} holds shard 3/4, not 2/4; choose another --out`);
  });

  it('refuses bad command lines and bad sweep files', async () => {
    expectRefusal(await runCli(['--sweep', sweepFile, '--shard', '4/4', '--out', path('x.jsonl')]), '--shard must be I/N with 0 ≤ I < N ≤ 100000 (got "4/4")');
    expectRefusal(await runCli(['--sweep', sweepFile]), '--sweep needs --out FILE.jsonl: a shard appends to its file and resumes from it');
    expectRefusal(await runCli(['--sweep', sweepFile, '--out', path('x.jsonl'), '--seed', '3', '--replicates', '2']), '--sweep takes the protocol, parameters, seed and replicates from the sweep document; leave out --seed, --replicates');
    expectRefusal(await runCli(['--shard', '0/2', '--out', path('x.jsonl')]), '--shard goes with --sweep FILE.json');
    expectRefusal(await runCli(['--merge', '--out', path('x.json')]), '--merge needs the shard files to merge');
    writeFileSync(path('bad.json'), JSON.stringify({ ...fortyPointSweep, readouts: ['density@31d'] }));
    expectRefusal(await runCli(['--sweep', path('bad.json'), '--out', path('x.jsonl')]), 'point 0: readout density@31d: no imaging session at 744 h');
    writeFileSync(path('bad.json'), '{"format": "spinelab-sweep",');
    expectRefusal(await runCli(['--sweep', path('bad.json'), '--out', path('x.jsonl')]), /^spinelab: sweep file ".*bad\.json" is not valid JSON: /);
    expect(existsSync(path('x.jsonl'))).toBe(false);
  }, 60_000);
});
