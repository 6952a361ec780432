import type { ReplicateResult, SessionReadout } from './runReplicate';

export interface MeanSd {
  readonly mean: number;
  readonly sd: number;
}

export interface SessionSummary {
  readonly timeHours: number;
  readonly visibleSpines: MeanSd;
  readonly densityPerUm: MeanSd;
  readonly formation: MeanSd | null;
  readonly elimination: MeanSd | null;
  readonly turnoverRatio: MeanSd | null;
}

export interface BehaviourSummary {
  readonly timeHours: number;
  readonly escapeIndex: MeanSd;
  readonly ensembleCoherence: MeanSd;
  readonly structuralRatio: MeanSd;
}

/** Mean and sample standard deviation (sd 0 for a single value). */
export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}

/** Summaries across replicates of the same protocol (sessions and behaviour tests line up by index). */
export function summariseReplicates(results: readonly ReplicateResult[]): { sessions: SessionSummary[]; behaviour: BehaviourSummary[] } {
  const first = results[0];
  const column = (index: number, pick: (s: SessionReadout) => number | null): MeanSd | null => {
    const values = results.map((r) => pick(r.sessions[index]));
    return values.some((v) => v === null) ? null : meanSd(values as number[]);
  };
  const sessions = first.sessions.map((session, index) => ({
    timeHours: session.timeHours,
    visibleSpines: meanSd(results.map((r) => r.sessions[index].visibleSpines)),
    densityPerUm: meanSd(results.map((r) => r.sessions[index].densityPerUm)),
    formation: column(index, (s) => s.formation),
    elimination: column(index, (s) => s.elimination),
    turnoverRatio: column(index, (s) => s.turnoverRatio),
  }));
  const behaviour = first.behaviour.map((sample, index) => ({
    timeHours: sample.timeHours,
    escapeIndex: meanSd(results.map((r) => r.behaviour[index].escapeIndex)),
    ensembleCoherence: meanSd(results.map((r) => r.behaviour[index].ensembleCoherence)),
    structuralRatio: meanSd(results.map((r) => r.behaviour[index].structuralRatio)),
  }));
  return { sessions, behaviour };
}
