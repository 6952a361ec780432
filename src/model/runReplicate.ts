import { spinyLengthUm, type Neuron } from './Morphology';
import { persistenceCounts, visibleSets } from './observables/persistenceCounts';
import { scoreInterval } from './observables/scoreInterval';
import type { Protocol } from './Protocol';
import { Simulation, type BehaviourSample, type BranchInfo, type ImagingSnapshot } from './Simulation';

/** Sessions a spine must be seen in a row to count as persistent (4 sessions ≈ 8 days; Holtmaat 2005). */
export const PERSISTENCE_SESSIONS = 4;

export interface SessionReadout {
  readonly timeHours: number;
  /** Visible spines on the imaged (apical tuft) branches. */
  readonly visibleSpines: number;
  readonly densityPerUm: number;
  /** Fractions since the previous session; null at the first session. */
  readonly formation: number | null;
  readonly elimination: number | null;
  readonly turnoverRatio: number | null;
  readonly gained: number | null;
  readonly lost: number | null;
  readonly newPersistent: number | null;
  readonly newTransient: number | null;
  readonly lostPersistent: number | null;
  readonly lostTransient: number | null;
  /** New spines seen too close to the end to classify; lost spines seen too close to the start. */
  readonly newUndetermined: number | null;
  readonly lostUndetermined: number | null;
}

export interface ReplicateResult {
  readonly seed: number | string;
  readonly protocolName: string;
  readonly imagedLengthUm: number;
  readonly neuronCount: number;
  /** Dendrite carrying spines, all neurons (µm). */
  readonly spinyLengthUm: number;
  readonly totalSpines: number;
  readonly sessions: readonly SessionReadout[];
  readonly behaviour: readonly BehaviourSample[];
  /** Kept for analyses that need spine identities (not serialised). */
  readonly snapshots: readonly ImagingSnapshot[];
  readonly branches: readonly BranchInfo[];
  readonly spineUpdates: number;
  /** Ground truth for the calibration (not serialised): stress-lost sites recorded, sites used up by re-formation, spines re-formed at their site, spines removed by ablations. */
  readonly lostSitesRecorded: number;
  readonly sitesUsed: number;
  readonly restoredAtSite: number;
  readonly ablated: number;
}

export interface ReplicateOptions {
  readonly protocol: Protocol;
  readonly seed: number | string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly neurons?: readonly Neuron[];
}

/** Runs one replicate to the end of its protocol and scores it like the experiment. */
export function runReplicate(options: ReplicateOptions): ReplicateResult {
  const simulation = new Simulation(options).runToEnd();
  return summariseSimulation(simulation);
}

export function summariseSimulation(simulation: Simulation): ReplicateResult {
  const imagedLengthUm = simulation.branches.reduce((sum, b) => sum + (b.imaged ? b.branch.lengthUm : 0), 0);
  const snapshots = simulation.snapshots;
  const sets = visibleSets(snapshots);
  const sessions = snapshots.map((snapshot, index): SessionReadout => {
    const visibleSpines = snapshot.serial.length;
    const base = { timeHours: snapshot.timeHours, visibleSpines, densityPerUm: imagedLengthUm > 0 ? visibleSpines / imagedLengthUm : 0 };
    if (index === 0) {
      return { ...base, formation: null, elimination: null, turnoverRatio: null, gained: null, lost: null, newPersistent: null, newTransient: null, lostPersistent: null, lostTransient: null, newUndetermined: null, lostUndetermined: null };
    }
    const score = scoreInterval(snapshots[index - 1], snapshot);
    const persistence = persistenceCounts(sets, index, PERSISTENCE_SESSIONS);
    return {
      ...base,
      formation: score.formation,
      elimination: score.elimination,
      turnoverRatio: score.turnoverRatio,
      gained: score.gained,
      lost: score.lost,
      newPersistent: persistence.newPersistent,
      newTransient: persistence.newTransient,
      lostPersistent: persistence.lostPersistent,
      lostTransient: persistence.lostTransient,
      newUndetermined: persistence.newUndetermined,
      lostUndetermined: persistence.lostUndetermined,
    };
  });
  return {
    seed: simulation.seed,
    protocolName: simulation.protocol.name,
    imagedLengthUm,
    neuronCount: simulation.neurons.length,
    spinyLengthUm: simulation.neurons.reduce((sum, neuron) => sum + spinyLengthUm(neuron), 0),
    totalSpines: simulation.spines.liveCount,
    sessions,
    behaviour: simulation.behaviour,
    snapshots,
    branches: simulation.branches,
    spineUpdates: simulation.spineUpdates,
    lostSitesRecorded: simulation.memory.sites.length,
    sitesUsed: simulation.memory.consumed,
    restoredAtSite: simulation.births.restoredAtSite,
    ablated: simulation.ablated,
  };
}
