import type { Parameters } from '../parameters';
import { FLAG_RESTORED, SpineStatus, type SpineStore } from '../SpineStore';

/**
 * Behaviour from the connections the prefrontal ensemble keeps. Escape behaviour tracks the coordination of
 * multicellular ensembles (Moda-Sava et al. 2019), and what coordinates an ensemble is its wiring, not the
 * number of spines alone. The rule:
 *
 * - every visible spine that is established (persistent) is a working connection: value 1;
 * - a spine that re-formed at a site stress removed it from restores that same connection at once
 *   ("many of the exact same synapses in their exact same configuration", Liston on Moda-Sava 2019): value 1;
 * - any other new, still-transient spine is a connection the ensemble has not yet taken up: value
 *   `novelSpineWeight` (w_n) until it stabilises. New spines are mostly transient and rarely become
 *   persistent; persistent ones bear synapses (Holtmaat & Svoboda 2009), so w_n < 1 [estimate].
 *
 * The connection ratio r is the summed value of visible spines on all dendrites over its value at day 0;
 * ensemble coherence C = 1 − w·max(0, 1 − r) + the rapid functional effect (w = `structuralWeight`); the
 * escape index is C clamped to [0, 1]. With w_n = 1 this is behaviour from density alone, the rival rule.
 */
const ALIVE: number = SpineStatus.Alive;

export function connectionValue(s: SpineStore, timeHours: number, p: Parameters): number {
  const threshold = Math.log(p.detectionThresholdUm3);
  const novel = p.novelSpineWeight;
  let value = 0;
  for (let i = 0; i < s.highWater; i++) {
    if (s.status[i] !== ALIVE || s.logVolume[i] < threshold) continue;
    value += timeHours >= s.matureAtHours[i] || (s.flags[i] & FLAG_RESTORED) !== 0 ? 1 : novel;
  }
  return value;
}

export interface BehaviourSample {
  readonly timeHours: number;
  /** Connection value of the visible spines on all branches relative to day 0 (see `connectionValue`). */
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
