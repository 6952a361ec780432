import type { PointRecord } from './runSweepPoint';
import { parseShardText, type ShardHeader } from './shardFile';
import { designPointCount, validateSweepDocument, type SweepDocument } from './sweepDocument';
import { SweepError } from './SweepError';

export interface ShardText {
  /** How messages name the file. */
  readonly name: string;
  readonly text: string;
}

export interface MergedSweep {
  readonly document: SweepDocument;
  readonly hash: string;
  readonly model: string;
  /** One record per point, in point order. */
  readonly records: readonly PointRecord[];
}

const MAX_LISTED = 10;
const short = (hash: string) => hash.slice(0, 19);

/**
 * Collects the points of a sweep from its shard files, in any number and any split. Refuses, in one line
 * naming the culprit, files of different sweeps or model versions, unfinished files, duplicated points and
 * missing points: a merged result is only ever made from every point exactly once.
 */
export function mergeShardTexts(files: readonly ShardText[]): MergedSweep {
  if (files.length === 0) throw new SweepError('--merge needs at least one shard file');
  let first: { name: string; header: ShardHeader } | null = null;
  const seen = new Map<number, { record: PointRecord; where: string }>();
  const shardCounts = new Set<number>();
  let document: SweepDocument | null = null;
  for (const file of files) {
    const shard = parseShardText(file.name, file.text);
    if (!shard.header) throw new SweepError(`${file.name} has no header line (its shard never started); run that shard`);
    const header = shard.header;
    if (!first) {
      first = { name: file.name, header };
      try {
        document = validateSweepDocument(header.document);
      } catch (error) {
        if (error instanceof SweepError) throw new SweepError(`${file.name}: its sweep document is invalid: ${error.message}`);
        throw error;
      }
    } else if (header.sweep !== first.header.sweep) {
      throw new SweepError(`${file.name} is from a different sweep than ${first.name} (sweep hash ${short(header.sweep)}… vs ${short(first.header.sweep)}…)`);
    } else if (header.model !== first.header.model) {
      throw new SweepError(`${file.name} was computed by model version ${header.model}, ${first.name} by ${first.header.model}; rerun one of them`);
    }
    if (shard.partial) throw new SweepError(`${file.name} ends in an unfinished line (its shard was interrupted); run that shard again to finish it`);
    shardCounts.add(Number(header.shard.split('/')[1]));
    for (const { record, line } of shard.records) {
      const where = `${file.name} line ${line}`;
      if (record.sweep !== header.sweep || record.model !== header.model) throw new SweepError(`${where} is a point of another sweep or model version than its file's header`);
      if (record.point < 0 || record.point >= header.points) throw new SweepError(`${where}: point ${record.point} is not in this sweep (points 0 to ${header.points - 1})`);
      const earlier = seen.get(record.point);
      if (earlier) throw new SweepError(`point ${record.point} appears twice: ${earlier.where} and ${where}`);
      seen.set(record.point, { record, where });
    }
  }
  const pointCount = designPointCount(document!.design, document!.factors);
  if (first!.header.points !== pointCount) throw new SweepError(`${first!.name}: its header says ${first!.header.points} points, its document gives ${pointCount}`);
  const missing: number[] = [];
  for (let p = 0; p < pointCount; p++) if (!seen.has(p)) missing.push(p);
  if (missing.length > 0) {
    const listed = missing.slice(0, MAX_LISTED).join(', ') + (missing.length > MAX_LISTED ? ', …' : '');
    // With one shard count throughout, name the shards to run again.
    const count = shardCounts.size === 1 ? [...shardCounts][0] : 0;
    const shards = count ? ` (in shard${new Set(missing.map((p) => p % count)).size > 1 ? 's' : ''} ${[...new Set(missing.map((p) => p % count))].sort((a, b) => a - b).slice(0, MAX_LISTED).map((i) => `${i}/${count}`).join(', ')})` : '';
    throw new SweepError(`missing ${missing.length} of ${pointCount} points: ${listed}${shards}`);
  }
  const records = Array.from({ length: pointCount }, (_, p) => seen.get(p)!.record);
  return { document: document!, hash: first!.header.sweep, model: first!.header.model, records };
}
