import type { Parameters } from '../parameters';
import type { BranchInfo } from '../Simulation';
import { FLAG_RESTORED, SpineStatus, type SpineStore } from '../SpineStore';

/**
 * Behaviour from the connections the prefrontal ensemble keeps, branch by branch. Escape behaviour tracks
 * the coordination of multicellular ensembles (Moda-Sava et al. 2019), and what coordinates an ensemble is
 * its wiring, not the number of spines alone. Two rules make the wiring count:
 *
 * 1. Which connection a spine is. Every visible established (persistent) spine is a working connection,
 *    value 1; a spine that re-formed at a site stress removed restores that same connection at once ("many
 *    of the exact same synapses in their exact same configuration", Liston on Moda-Sava 2019), value 1; any
 *    other new, still-transient spine is a connection the ensemble has not yet taken up, value
 *    `novelSpineWeight` (w_n) until it stabilises. New spines are mostly transient and rarely become
 *    persistent; persistent ones bear synapses (Holtmaat & Svoboda 2009), so w_n < 1 [estimate].
 * 2. Where it is. A thin dendritic branch is a computational subunit: its inputs are combined
 *    nonlinearly, and it fires a local dendritic spike only when enough of them are active together
 *    (Polsky, Mel & Schiller 2004; Losonczy, Makara & Magee 2008; a pyramidal neuron as a two-layer
 *    network of such subunits: Poirazi, Brannon & Mel 2003). So a branch's output saturates: a healthy
 *    branch that loses a few spines keeps working, while a branch stripped below its reserve loses output
 *    in proportion to what it lost. With h_b the branch's connection value per µm over its neuron's value
 *    per µm at day 0, the branch's output is min(1, h_b / θ), θ = `branchSaturation` [estimate].
 *
 * Chronic stress strips some branches far more than others (targeted, branch-specific loss: Moda-Sava et
 * al. 2019), so its deficit sits on branches below their reserve; re-formation at the lost sites puts
 * connections back on exactly those branches, where each one counts, while new spines placed at random
 * mostly land on branches that still work. The structural ratio r is the length-weighted output of all
 * spiny branches over its value at day 0; ensemble coherence C = 1 − w·max(0, 1 − r) + the rapid
 * functional effect (w = `structuralWeight`); the escape index is C clamped to [0, 1]. With θ ≥ 3 and w_n = 1
 * it is behaviour from spine density alone, the rival rule.
 */
const ALIVE: number = SpineStatus.Alive;

/** Each branch's connection value: the sum of its visible spines' values (rule 1). */
export function branchConnections(s: SpineStore, timeHours: number, p: Parameters, branchCount: number): Float64Array {
  const threshold = Math.log(p.detectionThresholdUm3);
  const novel = p.novelSpineWeight;
  const values = new Float64Array(branchCount);
  for (let i = 0; i < s.highWater; i++) {
    if (s.status[i] !== ALIVE || s.logVolume[i] < threshold) continue;
    values[s.branch[i]] += timeHours >= s.matureAtHours[i] || (s.flags[i] & FLAG_RESTORED) !== 0 ? 1 : novel;
  }
  return values;
}

/** What behaviour is measured against: each neuron's connection value per µm at day 0, and the ensemble output then. */
export interface EnsembleBaseline {
  readonly densityPerUm: Float64Array;
  readonly output: number;
}

/** The length-weighted output of all spiny branches (rule 2). */
export function ensembleOutput(values: Float64Array, branches: readonly BranchInfo[], densityPerUm: Float64Array, saturation: number): number {
  let output = 0;
  for (const info of branches) {
    const length = info.branch.lengthUm;
    const density = densityPerUm[info.neuronIndex];
    if (!info.branch.spiny || !(length > 0) || !(density > 0)) continue;
    output += length * Math.min(1, values[info.globalIndex] / (density * length * saturation));
  }
  return output;
}

export function ensembleBaseline(values: Float64Array, branches: readonly BranchInfo[], neuronCount: number, saturation: number): EnsembleBaseline {
  const value = new Float64Array(neuronCount);
  const length = new Float64Array(neuronCount);
  for (const info of branches) {
    if (!info.branch.spiny) continue;
    value[info.neuronIndex] += values[info.globalIndex];
    length[info.neuronIndex] += info.branch.lengthUm;
  }
  const densityPerUm = value.map((v, n) => (length[n] > 0 ? v / length[n] : 0));
  return { densityPerUm, output: ensembleOutput(values, branches, densityPerUm, saturation) };
}

export interface BehaviourSample {
  readonly timeHours: number;
  /** Ensemble output of the visible connections on all branches relative to day 0 (see `ensembleOutput`). */
  readonly structuralRatio: number;
  /** Ketamine's rapid functional effect on ensemble coordination (index units). */
  readonly functionalEffect: number;
  /** Coordination of the prefrontal ensemble: structural state plus the rapid effect. */
  readonly ensembleCoherence: number;
  /** Escape behaviour, 0 (gave up) to 1 (as healthy mice). */
  readonly escapeIndex: number;
}

export function behaviourSample(timeHours: number, structuralRatio: number, functional: number, p: Parameters): BehaviourSample {
  const ensembleCoherence = 1 - p.structuralWeight * Math.max(0, 1 - structuralRatio) + functional;
  return { timeHours, structuralRatio, functionalEffect: functional, ensembleCoherence, escapeIndex: Math.min(1, Math.max(0, ensembleCoherence)) };
}
