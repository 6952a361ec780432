/**
 * The sweep engine: sweep documents, designs (grid, random, Latin hypercube, Morris, Sobol/Saltelli), seeds,
 * shards, merging and statistics. Pure TypeScript like the model; the CLI (`src/cli/sweep*.ts`) adds files
 * and worker threads.
 */
export { SweepError } from './SweepError';
export { validateSweepDocument, designPointCount, SWEEP_FORMAT, SWEEP_VERSION, type SweepDocument, type Factor, type Design } from './sweepDocument';
export { estimatedParameterFactors, factorValueAt, factorLevels, type FactorValue } from './factors';
export { protocolFields, type ProtocolFieldName } from './protocolFields';
export { runReadoutKinds, targetFamilies, parseReadout, type RunReadoutKind, type TargetFamily } from './readouts';
export { sweepDesign, morrisTrajectory, morrisPoint, morrisDelta, sobolRow, sobolPoint, type MorrisTrajectory } from './designs';
export { planSweep, pointSeed, type SweepPlan, type PointTask } from './planSweep';
export { runSweepPoint, type PointRecord } from './runSweepPoint';
export { runPlanPoints, runSweepInThisThread, type MorphologyLoader } from './runSweep';
export { parseShardSpec, shardPoints, type ShardSpec } from './shardFile';
export { mergeShardTexts, type ShardText, type MergedSweep } from './mergeShards';
export { analyseSweep, formatResultCsv, formatResultJson } from './analyseSweep';
export { parseSweepResult, RESULT_FORMAT, type SweepResult } from './sweepResult';
export { morrisIndices, elementaryEffects, type MorrisIndex } from './morris';
export { sobolIndices, type SobolIndex } from './sobol';
