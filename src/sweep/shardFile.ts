import type { PointRecord } from './runSweepPoint';
import type { SweepPlan } from './planSweep';
import type { SweepDocument } from './sweepDocument';
import { SweepError } from './SweepError';
import { isObject } from './json';

/**
 * Shard files are JSON lines: a header naming the sweep (its document, hash, model version and the shard),
 * then one line per finished point, appended as points finish. A killed job leaves at most one partial last
 * line, which the next run of the shard detects and redoes.
 */

export const SHARD_FORMAT = 'spinelab-sweep-shard';
export const SHARD_VERSION = 1;
const MAX_SHARDS = 100_000;

export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

export interface ShardHeader {
  readonly format: typeof SHARD_FORMAT;
  readonly version: typeof SHARD_VERSION;
  readonly sweep: string;
  readonly model: string;
  /** "I/N". */
  readonly shard: string;
  readonly points: number;
  readonly document: SweepDocument;
}

/** Parses "I/N" (0 ≤ I < N), as array schedulers number their tasks from 0. */
export function parseShardSpec(text: string): ShardSpec {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > MAX_SHARDS || index >= count) throw new SweepError(`--shard must be I/N with 0 ≤ I < N ≤ ${MAX_SHARDS} (got "${text}")`);
  return { index, count };
}

export const formatShardSpec = (shard: ShardSpec) => `${shard.index}/${shard.count}`;

/**
 * The points of shard I of N: every N-th point from I. Balanced (counts differ by at most one) and, unlike
 * contiguous blocks, it spreads a grid's expensive corner (many neurons, long protocols) over all shards.
 */
export function shardPoints(pointCount: number, shard: ShardSpec): number[] {
  const points: number[] = [];
  for (let p = shard.index; p < pointCount; p += shard.count) points.push(p);
  return points;
}

export function shardHeader(plan: SweepPlan, model: string, shard: ShardSpec): ShardHeader {
  return { format: SHARD_FORMAT, version: SHARD_VERSION, sweep: plan.hash, model, shard: formatShardSpec(shard), points: plan.pointCount, document: plan.document };
}

/** One JSON line; non-finite numbers never reach it (records hold null instead). */
export const jsonLine = (value: unknown) => `${JSON.stringify(value)}\n`;

export interface ParsedShard {
  /** Null for an empty file, or one whose header line was never finished. */
  readonly header: ShardHeader | null;
  /** Complete point lines with their line numbers (the header is line 1). */
  readonly records: readonly { readonly record: PointRecord; readonly line: number }[];
  /** The text ends in an unfinished line (the job was killed while writing it). */
  readonly partial: boolean;
}

function isRecord(v: unknown): v is PointRecord {
  return isObject(v) && Number.isInteger(v.point) && typeof v.sweep === 'string' && typeof v.model === 'string' && isObject(v.factors) && isObject(v.readouts) && Array.isArray(v.seeds);
}

/** Reads a shard file's text; `name` is how messages call it. Throws a SweepError for a line that is no record. */
export function parseShardText(name: string, text: string): ParsedShard {
  const lines = text.split('\n');
  const partial = lines.pop() !== '';
  if (lines.length === 0) return { header: null, records: [], partial };
  let header: unknown;
  try {
    header = JSON.parse(lines[0]);
  } catch {
    header = null;
  }
  if (!isObject(header) || header.format !== SHARD_FORMAT || typeof header.sweep !== 'string' || typeof header.model !== 'string' || !isObject(header.document)) {
    throw new SweepError(`${name} is not a sweep shard file (its first line is not a shard header)`);
  }
  if (header.version !== SHARD_VERSION) throw new SweepError(`${name} is a shard file of version ${JSON.stringify(header.version)}; this SpineLab reads version ${SHARD_VERSION}`);
  const records = lines.slice(1).map((line, i) => {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      record = null;
    }
    if (!isRecord(record)) throw new SweepError(`${name} line ${i + 2} is not a point record`);
    return { record, line: i + 2 };
  });
  return { header: header as unknown as ShardHeader, records, partial };
}
