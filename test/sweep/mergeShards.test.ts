import { describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../src/model/Simulation';
import { analyseSweep, formatResultCsv, formatResultJson } from '../../src/sweep/analyseSweep';
import { mergeShardTexts, type ShardText } from '../../src/sweep/mergeShards';
import { planSweep } from '../../src/sweep/planSweep';
import type { PointRecord } from '../../src/sweep/runSweepPoint';
import { jsonLine, parseShardText, shardHeader, shardPoints } from '../../src/sweep/shardFile';
import { SweepError } from '../../src/sweep/SweepError';
import { analyticDocument, analyticRecords } from './analyticSweep';

/* Shard files written by the engine's own formatters, with records of an analytic function (no model runs). */

const document = analyticDocument({ type: 'morris', trajectories: 5 }, 3);
const HASH = 'sha256:0123456789abcdef0123456789abcdef';
const plan = planSweep(document, HASH);
const records = analyticRecords(document, (x) => x[0] + 2 * x[1] * x[2], HASH);

function shardFiles(count: number, order: (points: number[]) => number[] = (p) => p): ShardText[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `shard-${index}.jsonl`,
    text: jsonLine(shardHeader(plan, MODEL_VERSION, { index, count })) + order(shardPoints(plan.pointCount, { index, count })).map((p) => jsonLine(records[p])).join(''),
  }));
}

const refusal = (files: ShardText[]): string => {
  try {
    mergeShardTexts(files);
  } catch (error) {
    expect(error).toBeInstanceOf(SweepError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected the merge to be refused');
};

const dropLine = (file: ShardText, line: number): ShardText => ({ ...file, text: file.text.split('\n').filter((_, i) => i !== line - 1).join('\n') });

describe('merging shard files', () => {
  it('gives the same bytes however the points were split and in whatever order they finished', () => {
    const one = analyseSweep(mergeShardTexts(shardFiles(1)));
    const json = formatResultJson(one);
    expect(formatResultJson(analyseSweep(mergeShardTexts(shardFiles(4))))).toBe(json);
    expect(formatResultJson(analyseSweep(mergeShardTexts(shardFiles(7, (p) => [...p].reverse()).reverse())))).toBe(json);
    expect(formatResultCsv(analyseSweep(mergeShardTexts(shardFiles(3))))).toBe(formatResultCsv(one));
    expect(one.points.map((p) => p.point)).toEqual(records.map((r) => r.point));
  });

  it('refuses a missing point, naming it and its shard', () => {
    const files = shardFiles(4);
    files[1] = dropLine(files[1], 3);
    expect(refusal(files)).toBe('missing 1 of 20 points: 5 (in shard 1/4)');
    expect(refusal(shardFiles(4).slice(0, 3))).toBe('missing 5 of 20 points: 3, 7, 11, 15, 19 (in shard 3/4)');
  });

  it('refuses a duplicated point, naming both places', () => {
    const files = shardFiles(4);
    files.push({ name: 'again.jsonl', text: files[2].text });
    expect(refusal(files)).toBe('point 2 appears twice: shard-2.jsonl line 2 and again.jsonl line 2');
  });

  it('refuses shards of a different sweep (hash mismatch) and of another model version', () => {
    const files = shardFiles(2);
    const other = planSweep(document, 'sha256:ffffffffffffffffffff');
    files[1] = { ...files[1], text: jsonLine(shardHeader(other, MODEL_VERSION, { index: 1, count: 2 })) + files[1].text.split('\n').slice(1).join('\n') };
    expect(refusal(files)).toBe('shard-1.jsonl is from a different sweep than shard-0.jsonl (sweep hash sha256:ffffffffffff… vs sha256:0123456789ab…)');
    const older = shardFiles(2);
    older[0] = { ...older[0], text: older[0].text.replaceAll(`"model":"${MODEL_VERSION}"`, '"model":"0.9.0"') };
    expect(refusal(older)).toBe(`shard-1.jsonl was computed by model version ${MODEL_VERSION}, shard-0.jsonl by 0.9.0; rerun one of them`);
    const mixed = shardFiles(2);
    mixed[0] = { ...mixed[0], text: mixed[0].text.replace(`{"sweep":"${HASH}"`, '{"sweep":"sha256:other"') };
    expect(refusal(mixed)).toBe('shard-0.jsonl line 2 is a point of another sweep or model version than its file\'s header');
  });

  it('refuses an unfinished file and files that are no shards', () => {
    const files = shardFiles(2);
    files[0] = { ...files[0], text: files[0].text.slice(0, -25) };
    expect(refusal(files)).toBe('shard-0.jsonl ends in an unfinished line (its shard was interrupted); run that shard again to finish it');
    expect(refusal([{ name: 'empty.jsonl', text: '' }])).toBe('empty.jsonl has no header line (its shard never started); run that shard');
    expect(refusal([{ name: 'result.json', text: '{\n  "format": "spinelab-sweep-result"\n}\n' }])).toBe('result.json is not a sweep shard file (its first line is not a shard header)');
    const garbled = shardFiles(1);
    garbled[0] = { ...garbled[0], text: garbled[0].text.replace(/\n\{"sweep[^\n]*\n/, '\nnot json\n') };
    expect(refusal(garbled)).toBe('shard-0.jsonl line 2 is not a point record');
  });

  it('reads back what it writes: header and records', () => {
    const [file] = shardFiles(1);
    const parsed = parseShardText(file.name, file.text);
    expect(parsed.partial).toBe(false);
    expect(parsed.header!.document).toEqual(document);
    expect(parsed.records.map((r) => r.record)).toEqual(records satisfies PointRecord[]);
  });
});
